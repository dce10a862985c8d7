"""Who is logged in, what each role may open, and the headers that keep shared computers safe."""
from datetime import datetime, timezone
from functools import wraps

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from . import i18n, sessions, two_step
from .models import User

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

IDLE_MESSAGE = _l("You were logged out because nobody used the page for a while. "
                  "Log in again to go on.")


def log_in(user):
    """Start a fresh session for `user`, keeping only the language (see i18n.language_at_login)."""
    locale, keep = i18n.language_at_login(user)
    session.clear()
    sessions.prune()
    session.update(user_id=user.id, sid=sessions.start(user), seen=_now())
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
    key = "PARTICIPANT_IDLE" if user.role == User.PARTICIPANT else "STAFF_IDLE"
    return current_app.config[key].total_seconds()


def load_user():
    """Set g.user from the session; end sessions that are idle, stale or of deactivated users."""
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
    if _now() - session.get("seen", 0) > _idle_limit(user):
        log_out()
        flash(IDLE_MESSAGE, "info")
        return
    session["seen"] = _now()
    sessions.touch(row)
    g.user = user


# What staff may open while the unit requires two-step login and they have not set it up.
SETTING_UP = {"auth.two_step_setup", "auth.logout", "auth.language", "static"}
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
                return redirect(url_for("auth.login", next=request.full_path))
            if g.user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if g.get("user") is not None or request.endpoint in PRIVATE_ENDPOINTS:
        # The next person at a library computer must not find this page with Back.
        headers["Cache-Control"] = "no-store"
    if current_app.config["SESSION_COOKIE_SECURE"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


# Pages that carry personal data even though nobody is logged in yet.
PRIVATE_ENDPOINTS = {"auth.setup", "auth.two_step"}


def init_app(app):
    csrf.init_app(app)
    limiter.init_app(app)
    app.before_request(load_user)
    app.before_request(require_two_step)
    app.after_request(set_headers)
