"""CSRF tokens masked afresh in every answer, so that compressed pages give BREACH nothing.

Flask-WTF's token is the same for a whole session. A page sent compressed over HTTPS whose size an
attacker can watch, and in which the attacker can make the page repeat a guess (an address's
query is written back into the language form), would let the attacker find the token one letter
at a time from how well the page compresses. Here the token written into a page is the real one
XORed with random bytes that come along with it, different in every answer, so that no guess ever
matches; the server takes the mask off before Flask-WTF checks the token. The forms of one page
share its masked token: a copy within one answer tells nothing the first one did not, and costs
a few bytes compressed where a fresh mask costs 135.
"""
import base64
import binascii
import secrets
from functools import lru_cache

from flask import current_app, g, session
from flask_wtf.csrf import CSRFProtect, _FlaskFormCSRF, generate_csrf
from itsdangerous import URLSafeTimedSerializer
from markupsafe import escape

MASKED = "m."


@lru_cache(maxsize=4096)
def _signed(secret, token):
    """A session's token signed as Flask-WTF signs it."""
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(token)


def signed_csrf_token():
    """The request's signed token, as `generate_csrf()` gives it. Flask-WTF signs the session's
    token anew for every page, with the time in it; as the token lives as long as the session
    (WTF_CSRF_TIME_LIMIT is None), nothing reads that time, and the signature made for the
    session's first page is kept for the next ones (signing took 25 µs of every page)."""
    context = g._get_current_object()
    signed = context.get("csrf_token")
    if signed is not None:
        return signed
    config = current_app.config
    if config.get("WTF_CSRF_TIME_LIMIT", 3600) is not None \
            or config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token":
        return generate_csrf()
    if "csrf_token" not in session:
        generate_csrf()  # makes the session's token
    signed = context.csrf_token = _signed(config.get("WTF_CSRF_SECRET_KEY")
                                          or current_app.secret_key, session["csrf_token"])
    return signed


def _xor(first, second):
    """The bytes of `first` XOR those of `second` (as long as `first`), as one number each: byte
    by byte in Python took a fortieth of an autosave."""
    size = len(first)
    return (int.from_bytes(first, "big") ^ int.from_bytes(second[:size], "big")).to_bytes(
        size, "big")


def masked_csrf_token():
    """The session's CSRF token under a mask fresh for this answer: for templates, as
    `csrf_token()`."""
    context = g._get_current_object()
    kept = context.get("masked_csrf_token")
    # Flask-WTF keeps the request's token in g.csrf_token, and login takes it away there.
    if kept is not None and context.get("csrf_token") == kept[0]:
        return kept[1]
    token = signed_csrf_token()
    if kept is None or kept[0] != token:  # the first, or a new session's token (at login)
        raw = token.encode()
        mask = secrets.token_bytes(len(raw))
        kept = g.masked_csrf_token = (
            token, MASKED + base64.urlsafe_b64encode(mask + _xor(raw, mask)).decode())
    return kept[1]


def unmask(value):
    """The token inside a masked `value`; anything else as it came (Flask-WTF refuses it)."""
    if not value or not value.startswith(MASKED):
        return value
    try:
        both = base64.urlsafe_b64decode(value[len(MASKED):])
    except (binascii.Error, ValueError):
        return ""
    half = len(both) // 2
    return _xor(both[:half], both[half:]).decode("latin-1")


class MaskedCSRFProtect(CSRFProtect):
    """Flask-WTF's check of every form sent, after taking the mask off the token."""

    def _get_csrf_token(self):
        return unmask(super()._get_csrf_token())


class _TokenWhenWritten:
    """The masked token, made when a page writes the form's token field: an autosave's answer
    shows no form, and signing the token was a twentieth of it."""

    def __str__(self):
        return masked_csrf_token()

    def __html__(self):
        return escape(masked_csrf_token())


class MaskedFormCSRF(_FlaskFormCSRF):
    """The token field of a form class (`form.csrf_token`), masked like `csrf_token()`."""

    def generate_csrf_token(self, csrf_token_field):
        return _TokenWhenWritten()

    def validate_csrf_token(self, form, field):
        if g.get("csrf_valid"):  # checked already, for the whole request (MaskedCSRFProtect)
            return
        field.data = unmask(field.data)
        super().validate_csrf_token(form, field)


def init_app(app):
    app.add_template_global(masked_csrf_token, "csrf_token")
    # Flask-WTF also gives templates its own csrf_token(); this one, added later, wins.
    app.context_processor(lambda: {"csrf_token": masked_csrf_token})
