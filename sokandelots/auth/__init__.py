"""Logging in and out, first-time set-up with a code from the login card, and the language choice."""
import time
from urllib.parse import urlsplit

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request, session,
                   url_for)
from flask_babel import get_locale, lazy_gettext as _l, refresh

from .. import accounts, i18n, passwords, security, two_step as totp
from ..models import User
from .forms import CodeForm, LoginForm, RecoveryForm, SetupForm

bp = Blueprint("auth", __name__)

HOME = {User.PARTICIPANT: "participant.home", User.COACH: "coach.caseload",
        User.ADMIN: "admin.users"}

BAD_LOGIN = _l("The username or the password is wrong. Check them and try again.")
TOO_MANY = _l("You tried many times. Wait five minutes and try again. "
              "Or ask your coach for help.")
WRONG_CODE = _l("The code is wrong or already used. Write the code your app shows now.")
WRONG_RECOVERY = _l("This recovery code is wrong or already used. Try another one.")
# How long the second step waits for its code after the password was right.
PENDING_SECONDS = 300


def _safe_next(target):
    """Only same-site paths, so a link cannot send people elsewhere after login."""
    parts = urlsplit(target or "")
    if (parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//")
            or "\\" in target):
        return None
    return target


def _failed(response):
    return response.status_code != 302


def _username_key():
    return "user:" + request.form.get("username", "").strip().lower()


def _pending_user():
    """The user whose password was right and who now owes a code, or None."""
    pending = session.get("pending_login")
    if not isinstance(pending, dict) or int(time.time()) - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = User.get_or_none(User.id == pending.get("user_id"))
    if (user is None or not user.is_active or not user.two_step_on
            or user.session_epoch != pending.get("epoch")):
        return None
    return user


def _pending_key():
    pending = session.get("pending_login")
    return "two-step:" + str(pending.get("user_id") if isinstance(pending, dict) else "")


def _login_limits(account_key):
    """Failed attempts, LOGIN_LIMIT per address and LOGIN_LIMIT per account (`account_key`)."""
    def limited(view):
        for key in (account_key, None):
            view = security.limiter.limit(lambda: current_app.config["LOGIN_LIMIT"],
                                          methods=["POST"], deduct_when=_failed,
                                          **({"key_func": key} if key else {}))(view)
        return view
    return limited


@bp.route("/")
def index():
    """Send each person to their own start page."""
    if g.user is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for(HOME[g.user.role]))


@bp.route("/login", methods=["GET", "POST"])
@_login_limits(_username_key)
def login():
    """The login form."""
    if g.user is not None:
        return redirect(url_for("auth.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            target = _safe_next(request.args.get("next")) or url_for(HOME[user.role])
            if user.is_staff and user.two_step_on:
                session["pending_login"] = {"user_id": user.id, "epoch": user.session_epoch,
                                            "at": int(time.time()), "next": target}
                return redirect(url_for("auth.two_step"))
            security.log_in(user)
            return redirect(target)
        form.username.errors.append(BAD_LOGIN)
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/login/code", methods=["GET", "POST"])
@_login_limits(_pending_key)
def two_step():
    """The second step of logging in: a code from the app, or a recovery code."""
    if g.user is not None:
        return redirect(url_for("auth.index"))
    user = _pending_user()
    if user is None:
        session.pop("pending_login", None)
        return redirect(url_for("auth.login"))
    recovery = request.args.get("recovery") == "1"
    form = RecoveryForm() if recovery else CodeForm()
    if form.validate_on_submit():
        target = session["pending_login"]["next"]
        used = totp.check(user, form.code.data)
        if used:
            security.log_in(user)
            if used == "recovery":
                flash(_l("You used a recovery code. You have %(count)d left. Make new ones on "
                         "your account page if you need them.",
                         count=totp.recovery_codes_left(user)), "info")
            return redirect(target)
        form.code.errors.append(WRONG_RECOVERY if recovery else WRONG_CODE)
    return (render_template("auth/two_step.html", form=form, recovery=recovery),
            200 if not form.errors else 422)


def too_many_attempts(error):
    """The same form again, with a friendly message instead of a bare 429."""
    if request.endpoint == "auth.two_step":
        recovery = request.args.get("recovery") == "1"
        form = RecoveryForm() if recovery else CodeForm()
        form.code.errors = [TOO_MANY]
        return render_template("auth/two_step.html", form=form, recovery=recovery), 429
    setup_page = request.endpoint == "auth.setup"
    form = SetupForm() if setup_page else LoginForm()
    (form.code if setup_page else form.username).errors = [TOO_MANY]
    return render_template("auth/setup.html" if setup_page else "auth/login.html", form=form), 429


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session and go back to the login page."""
    security.log_out()
    flash(_l("You are logged out. You can close the browser now."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/setup", methods=["GET", "POST"])
@security.limiter.limit("20 per 5 minutes", methods=["POST"], deduct_when=_failed)
def setup():
    """First login: the code from the login card, then a password of one's own."""
    form = SetupForm(code=request.args.get("code", ""))
    card_holder = accounts.user_for_setup_code(form.code.data)
    if card_holder and card_holder.locale in i18n.LANGUAGES and not i18n.chosen_here():
        # With a valid code, from the card's link or typed by hand, the page continues in the
        # language on the card, unless the person chose another one here.
        session["locale"] = card_holder.locale
        refresh()
    if form.validate_on_submit():
        user = accounts.user_for_setup_code(form.code.data)
        if user is None:
            form.code.errors.append(_l("This code does not work. Check it, or ask your coach "
                                       "for a new login card."))
        elif message := passwords.problem(form.password.data, user.username):
            form.password.errors.append(message)
        else:
            # The language the person set up in is theirs from now on.
            user.locale = str(get_locale())
            accounts.finish_setup(user, form.password.data)
            security.log_in(user)
            flash(_l("Your password is saved. Your username is %(username)s. "
                     "You need it the next time you log in.", username=user.username), "success")
            return redirect(url_for(HOME[user.role]))
    return render_template("auth/setup.html", form=form), 200 if not form.errors else 422


@bp.route("/language", methods=["POST"])
def language():
    """Switch the page language, and the account's when logged in: a form, so a link cannot."""
    code = request.form.get("code")
    if code in i18n.LANGUAGES:
        i18n.remember_choice(code)
    return redirect(_safe_next(request.form.get("next")) or url_for("auth.index"), 303)


from . import account  # noqa: E402,F401  (registers the account pages on bp)
