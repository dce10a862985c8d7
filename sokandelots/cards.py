"""Printable login cards: a username, a one-time set-up code and a QR code of the set-up link."""
import segno
from flask import current_app, g

from . import accounts, i18n, sessions
from .links import public_link


def issue(user):
    """Give `user` a new set-up code and keep it for the card page shown next."""
    code = accounts.issue_setup_code(user, current_app.config["SETUP_CODE_LIFETIME"])
    # The code is shown once: only the session that made it keeps it (on the server), until
    # the next card or until it is used.
    sessions.hold(g.session_row, card_code=code)
    return code


def pending_code(user):
    """The code this browser made for `user`, while it still works."""
    code = g.session_row.card_code
    return code if code and user.setup_code_hash == accounts.code_hash(code) else None


def card_context(user):
    """What the card template needs, or None when no fresh code is waiting for this user."""
    code = pending_code(user)
    if code is None:
        return None
    link = public_link("auth.setup", code=accounts.format_code(code))
    qr = segno.make(link, error="m")
    return {"user": user, "code": accounts.format_code(code), "link": link,
            "qr": qr.svg_data_uri(scale=4, border=2, dark="#000", light="#fff"),
            "language": card_language(user.locale)}


def card_language(code):
    """The card's language in its own script and in Swedish, for the person and for a helper
    who types the code by hand: the set-up page can then be switched to it."""
    if code not in i18n.LANGUAGES:
        return None
    own, swedish = i18n.LANGUAGES[code], i18n.SWEDISH_NAMES[code]
    return {"code": code, "own": own, "swedish": None if own.lower() == swedish else swedish}
