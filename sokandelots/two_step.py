"""Two-step login for staff: time-based codes (TOTP) from an app, and one-time recovery codes."""
import hmac
import re
import time
import weakref
from datetime import datetime, timezone

import pyotp
import segno
from markupsafe import Markup

from . import accounts
from .db import db
from .models import RecoveryCode, Setting, User, utcnow

ISSUER = "Sökandelots"
RECOVERY_COUNT = 10
REQUIRED = "require_two_step"


def new_secret():
    return pyotp.random_base32()


def qr_svg(user, secret, title):
    """The otpauth link as an inline SVG QR code, for the authenticator app to scan."""
    link = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    svg = segno.make(link, error="m").svg_inline(scale=4, border=2, svgclass="qr",
                                                 lineclass=None)
    # Its name for screen readers; the rest of the SVG is segno's own drawing.
    return Markup(svg.replace("<svg ", Markup('<svg role="img" aria-label="%s" ') % title, 1))


def group(secret):
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _step_of(secret, code, after=0):
    """The time step (the current one or one either side, for clocks that differ a little)
    whose code `code` is, if that step is later than `after`; else None."""
    code = re.sub(r"\s", "", code or "")
    if not secret or len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(datetime.now(timezone.utc))
    for step in (now - 1, now, now + 1):
        if step > after and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def turn_on(user, secret, code):
    """Switch two-step login on when `code` comes from `secret`; return the recovery codes
    (to show once) or None when the code does not fit."""
    if _step_of(secret, code) is None:
        return None
    with db.atomic():
        user.totp_secret, user.totp_last_step = secret, 0
        user.save(only=[User.totp_secret, User.totp_last_step])
        return new_recovery_codes(user)


def turn_off(user):
    with db.atomic():
        user.totp_secret, user.totp_last_step = None, 0
        user.save(only=[User.totp_secret, User.totp_last_step])
        RecoveryCode.delete().where(RecoveryCode.user == user).execute()


def new_recovery_codes(user):
    """Replace `user`'s recovery codes with new ones; only their hashes are kept."""
    codes = [accounts.new_setup_code() for _ in range(RECOVERY_COUNT)]
    with db.atomic():
        RecoveryCode.delete().where(RecoveryCode.user == user).execute()
        RecoveryCode.insert_many([{"user": user.id, "code_hash": accounts.code_hash(code),
                                   "created_at": utcnow()} for code in codes]).execute()
    return [accounts.format_code(code) for code in codes]


def recovery_codes_left(user):
    return RecoveryCode.select().where(RecoveryCode.user == user).count()


def check(user, code):
    """Whether `code` is a fresh code from `user`'s app or one of their unused recovery codes.
    Either is used up: a code from the app works once, a recovery code is deleted.
    Returns "app", "recovery" or None."""
    step = _step_of(user.totp_secret, code, after=user.totp_last_step)
    if step is not None:
        # Conditional, so two requests racing with one code cannot both get in.
        used = (User.update(totp_last_step=step)
                .where(User.id == user.id, User.totp_last_step < step).execute())
        if not used:
            return None
        user.totp_last_step = step
        return "app"
    if len(accounts.clean_code(code)) == accounts.CODE_LENGTH:
        deleted = RecoveryCode.delete().where(
            RecoveryCode.user == user,
            RecoveryCode.code_hash == accounts.code_hash(code)).execute()
        return "recovery" if deleted else None
    return None


# Every page of staff without two-step login asks whether the unit requires it: the answer is
# kept for a few seconds. A change reaches this server's own workers and the other servers
# within that time (and this worker at once).
KEPT_SECONDS = 5
_kept = weakref.WeakKeyDictionary()  # database: (when read, time.monotonic; required)


def required():
    """Whether the unit requires two-step login of every coach and administrator."""
    database, now = db.obj, time.monotonic()
    read_at, value = _kept.get(database, (None, False))
    if read_at is None or now - read_at >= KEPT_SECONDS:
        value = Setting.value_of(REQUIRED) == "1"
        _kept[database] = (now, value)
    return value


def set_required(on):
    Setting.put(REQUIRED, "1" if on else "0")
    _kept.pop(db.obj, None)


def must_set_up(user):
    """Staff without two-step login in a unit that requires it: they must set it up first."""
    return user is not None and user.is_staff and not user.two_step_on and required()
