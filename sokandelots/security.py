"""Who is logged in, what each role may open, and the headers that keep shared computers safe."""
import hashlib
import hmac
from datetime import datetime, timezone
from functools import lru_cache, wraps
from urllib.parse import urlsplit

from flask import (abort, current_app, flash, g, redirect, render_template, request, session,
                   url_for)
from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from . import assets, htmx, i18n, masking, resume, sessions, two_step
from .i18n import lazy_gettext as _l
from .models import User

csrf = masking.MaskedCSRFProtect()  # the token in each page masked afresh (BREACH)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # The stylesheet written into participants' pages is allowed by its hash (assets.py).
    "style-src 'self' {style}",
    "img-src 'self' data:",
    # Sound recorded in the browser is heard back before it is sent, from a blob: address.
    "media-src 'self' blob:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

# Nothing here uses the camera, the position or such; sound is recorded in the browser, so the
# microphone is allowed for this site itself.
PERMISSIONS_POLICY = ", ".join([
    "accelerometer=()", "bluetooth=()", "camera=()", "display-capture=()", "geolocation=()",
    "gyroscope=()", "hid=()", "magnetometer=()", "microphone=(self)", "midi=()", "payment=()",
    "serial=()", "usb=()",
])

IDLE_MESSAGE = _l("You were logged out because nobody used the page for a while. "
                  "Log in again to go on.")
LIFETIME_MESSAGE = _l("You were logged out because you have been logged in for many hours. "
                      "Log in again to go on.")


def log_in(user):
    """Start a fresh session for `user`, keeping only the language (see i18n.language_at_login)."""
    locale, keep = i18n.language_at_login(user)
    session.clear()
    g.pop("csrf_token", None)  # a page shown in this same request needs the new session's token
    sessions.prune()
    session.update(user_id=user.id, sid=sessions.start(user))
    if locale:
        session["locale"] = locale
    if keep:
        user.locale = locale
    user.last_login_at = datetime.now(timezone.utc).replace(tzinfo=None)
    # Only these two: other columns may have changed in this request (a code used up).
    user.save(only=[User.locale, User.last_login_at])


def log_out():
    """End this browser's session, here and in the table of sessions.

    The language stays for the login page, but no longer counts as the next person's choice.
    """
    sessions.end(session.get("sid"))
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def _now():
    return int(datetime.now(timezone.utc).timestamp())


def _idle_limit(user):
    return sessions.idle_limit(user.role == User.PARTICIPANT).total_seconds()


def load_user():
    """Set g.user (and g.session_row) from the session; end sessions that are idle, too old,
    ended or of deactivated users."""
    g.user = None
    user_id = session.get("user_id")
    if user_id is None or request.endpoint == "static":
        return  # pictures, CSS and scripts need no user, and may be cached
    # Ended by an administrator, by a new password elsewhere, or by deactivation: gone.
    row = sessions.find(session.get("sid"))
    if row is None or row.user_id != user_id:
        log_out()
        return
    user = row.user
    ended = (IDLE_MESSAGE if _now() - sessions.last_seen(row) > _idle_limit(user)
             else LIFETIME_MESSAGE if sessions.too_old(row) else None)
    if ended:
        log_out()
        flash(ended, "info")
        g.session_ended = user  # a form sent just now is kept for them (see `logged_out`)
        return
    sessions.touch(row)  # the idle clock is in the row: the cookie stays as it is (see sessions)
    g.user, g.session_row = user, row


# What staff may open while the unit requires two-step login and they have not set it up.
SETTING_UP = {"auth.two_step_setup", "auth.logout", "auth.language", "auth.still_here", "static"}
SET_UP_FIRST = _l("Your unit requires two-step login. Set it up before you go on.")


def require_two_step():
    """Send staff who must set up two-step login to do so, and let them do nothing else."""
    if request.endpoint not in SETTING_UP and two_step.must_set_up(g.user):
        flash(SET_UP_FIRST, "info")
        return redirect(url_for("auth.two_step_setup"))


def role_required(*roles):
    """Only logged-in users with one of `roles`; others go to the login page or get 403."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                return logged_out()
            if g.user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def logged_out():
    """What a request gets when nobody is logged in. htmx gets a short notice with a login link,
    never the login page pasted into a page; a form sent just as the session ended gets the
    login page, which keeps the form and offers to save it after login; anything else goes to
    the login page and back."""
    from .auth.forms import LoginForm
    if request.headers.get("HX-Request-Type"):
        back = urlsplit(request.headers.get("HX-Current-URL", ""))
        login = url_for("auth.login", next=back.path + (f"?{back.query}" if back.query else ""))
        return htmx.fragment("auth/_logged_out.html", status=401, login=login)
    if request.method == "POST" and g.get("session_ended") is not None:
        return render_template("auth/login.html", form=LoginForm(), next=request.path,
                               resume=resume.pack(g.session_ended)), 401
    return redirect(url_for("auth.login", next=request.full_path))


def safe_target(target):
    """`target` when it is a path on this site, else None, so that no link can send people
    elsewhere after a login or a choice."""
    parts = urlsplit(target or "")
    if (parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(character) < 32 for character in target)):
        return None
    return target


def _attempts(limit):
    # Fixed windows, because only they can give an attempt back (a counter goes down again).
    return parse_limit(limit or current_app.config["LOGIN_LIMIT"]), FixedWindowRateLimiter(
        current_app.extensions["attempts"])


def count_attempt(*keys, limit=None):
    """Count one try at a password or a code against each key (a tuple such as
    ("login-address", "10.0.0.1")) before it is checked, so that parallel tries cannot all pass
    through one open gap; False when a key is over `limit` (LOGIN_LIMIT by default). A refused
    try counts for none of the keys."""
    item, strategy = _attempts(limit)
    for number, key in enumerate(keys):
        if not strategy.hit(item, *key):
            give_back(*keys[:number + 1], limit=limit)
            return False
    return True


def give_back(*keys, limit=None):
    """Undo `count_attempt` for a try that succeeded: only failures use up the limit."""
    item, strategy = _attempts(limit)
    for key in keys:
        name = item.key_for(*key)
        # Not below nothing, when the window ran out meanwhile.
        if strategy.storage.get(name) > 0:
            strategy.storage.incr(name, item.get_expiry(), amount=-1)


def set_headers(response):
    headers = response.headers
    present = {name.lower() for name in headers.keys()}  # a page may set its own
    headers.extend([(name, value) for lower, name, value in _fixed_headers(
        assets.stylesheet_source(), current_app.config["SESSION_COOKIE_SECURE"])
        if lower not in present])
    endpoint = request.endpoint
    if endpoint in PUBLIC_ENDPOINTS and response.cache_control.public:
        pass  # the same for everyone, whoever asks (speech of a fixed text)
    elif g.get("user") is not None or endpoint in PRIVATE_ENDPOINTS:
        # The next person at a library computer must not find this page with Back.
        headers["Cache-Control"] = "no-store"
    return response


@lru_cache(maxsize=4)
def _fixed_headers(style_source, https):
    """The headers every answer gets unless it set them itself, made once: (lower-case name,
    name, value)."""
    fixed = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY.format(style=style_source)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        # A page opened from here (a link to an employer's site) gets no handle back on this one.
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if https:
        fixed.append(("Strict-Transport-Security", "max-age=31536000"))
    return tuple((name.lower(), name, value) for name, value in fixed)


# Pages that carry personal data even though nobody is logged in yet.
PRIVATE_ENDPOINTS = {"auth.setup", "auth.two_step", "auth.reset_password"}
# Answers that may say they are the same for everyone, and so be kept by the browser.
PUBLIC_ENDPOINTS = {"speech.say"}


def user_tag(user):
    """A mark for `user` that says nothing about them, so this browser can tell whether what it
    kept for someone (static/js/app.js) belongs to the person logged in now."""
    return _tag(current_app.config["SECRET_KEY"], user.id)


@lru_cache(maxsize=1024)
def _tag(secret, user_id):  # every page carries it
    return hmac.new(secret.encode(), f"browser-tag:{user_id}".encode(),
                    hashlib.sha256).hexdigest()[:16]


def idle_context():
    """What the page needs to warn before the idle logout and to keep unsaved input."""
    user = g.get("user")
    if user is None:
        return {}
    return {"idle_seconds": int(_idle_limit(user)), "user_tag": user_tag(user)}


def init_app(app):
    app.session_interface = sessions.CookieSession()
    csrf.init_app(app)
    masking.init_app(app)
    # Where tries are counted (RATELIMIT_STORAGE_URI): only the forms that check a password or
    # a code count them, so no other request pays for it.
    app.extensions["attempts"] = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.before_request(load_user)
    app.before_request(require_two_step)
    app.after_request(set_headers)
    app.context_processor(idle_context)
