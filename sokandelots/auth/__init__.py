"""Logging in and out, first-time set-up with a code from the login card, and the language choice."""
import time

from flask import (Blueprint, abort, flash, g, redirect, render_template, request, session,
                   url_for)
from flask_babel import refresh

from .. import accounts, i18n, passwords, resume, security, two_step as totp
from ..i18n import get_locale, lazy_gettext as _l
from ..models import User
from ..security import safe_target as _safe_next
from .forms import CodeForm, LoginForm, RecoveryForm, SetupForm

bp = Blueprint("auth", __name__)

HOME = {User.PARTICIPANT: "participant.home", User.COACH: "coach.caseload",
        User.ADMIN: "admin.users", User.MANAGER: "manager.caseloads"}

BAD_LOGIN = _l("The username or the password is wrong. Check them and try again.")
TOO_MANY = _l("You tried many times. Wait five minutes and try again. "
              "Or ask your coach for help.")
WRONG_CODE = _l("The code is wrong or already used. Write the code your app shows now.")
WRONG_RECOVERY = _l("This recovery code is wrong or already used. Try another one.")
# How long the second step waits for its code after the password was right.
PENDING_SECONDS = 300


def _attempt_keys(kind, whose):
    """The keys one try counts against: this address, and the account it is for."""
    return ((kind + "-address", request.remote_addr or ""), (kind + "-account", str(whose)))


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


@bp.route("/")
def index():
    """Send each person to their own start page."""
    if g.user is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for(HOME[g.user.role]))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form."""
    if g.user is not None:
        return redirect(url_for("auth.index"))
    form = LoginForm()
    kept = request.form.get("resume")  # a form sent as the session ended, to save after login
    if form.validate_on_submit():
        # Keyed on the name as login looks it up, so no spelling of it gets a budget of its own.
        keys = _attempt_keys("login", User.normal_username(form.username.data))
        if not security.count_attempt(*keys):
            abort(429)
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            security.give_back(*keys)
            target = _safe_next(request.args.get("next")) or url_for(HOME[user.role])
            if user.is_staff and user.two_step_on:
                session["pending_login"] = {"user_id": user.id, "epoch": user.session_epoch,
                                            "at": int(time.time()), "next": target}
                if kept:
                    return _two_step_page(CodeForm(), recovery=False, resume=kept)
                return redirect(url_for("auth.two_step"))
            security.log_in(user)
            return _after_login(user, target, kept)
        form.username.errors.append(BAD_LOGIN)
    return (render_template("auth/login.html", form=form, resume=kept),
            200 if not form.errors else 422)


def _after_login(user, target, kept):
    """Go on to `target`, or first offer to save what `user` sent as their session ended."""
    resumed = resume.unpack(kept, user)
    if resumed is None:
        return redirect(target)
    return render_template("auth/resume.html", kept=resumed, target=target)


def _two_step_page(form, recovery, resume=None, status=200):
    return render_template("auth/two_step.html", form=form, recovery=recovery,
                           resume=resume), status


@bp.route("/login/code", methods=["GET", "POST"])
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
    kept = request.form.get("resume")
    if form.validate_on_submit():
        target = session["pending_login"]["next"]
        keys = _attempt_keys("two-step", user.id)
        if not security.count_attempt(*keys):
            abort(429)
        used = totp.check(user, form.code.data)
        if used:
            security.give_back(*keys)
            security.log_in(user)
            if used == "recovery":
                flash(_l("You used a recovery code. You have %(count)d left. Make new ones on "
                         "your account page if you need them.",
                         count=totp.recovery_codes_left(user)), "info")
            return _after_login(user, target, kept)
        form.code.errors.append(WRONG_RECOVERY if recovery else WRONG_CODE)
    return _two_step_page(form, recovery, kept, 200 if not form.errors else 422)


def too_many_attempts(error):
    """The same form again, with a friendly message instead of a bare 429."""
    if request.endpoint == "auth.two_step":
        recovery = request.args.get("recovery") == "1"
        form = RecoveryForm() if recovery else CodeForm()
        form.code.errors = [TOO_MANY]
        return render_template("auth/two_step.html", form=form, recovery=recovery), 429
    if request.endpoint == "auth.forgot_password":
        from .forms import ForgotForm
        form = ForgotForm()
        form.email.errors = [TOO_MANY]
        return render_template("auth/forgot.html", form=form), 429
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


# Codes are long and random, so guessing them is hopeless; this only keeps a script from trying.
SETUP_LIMIT = "20 per 5 minutes"
CODE_DOES_NOT_WORK = _l("This code does not work. Check it, or ask your coach for a new login "
                        "card.")


@bp.route("/about")
def about():
    """Om tjänsten: what the service is, and where its pictures come from."""
    return render_template("about.html")


@bp.route("/still-here", methods=["POST"])
def still_here():
    """Jag är kvar: answering the warning before the idle logout; this request is the use that
    keeps the session going."""
    if g.user is not None:
        return "", 204
    return render_template("errors/error.html", title=_l("You are logged out"),
                           text=security.IDLE_MESSAGE), 401


@bp.route("/setup", methods=["GET", "POST"])
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
        key = ("setup-address", request.remote_addr or "")
        if not security.count_attempt(key, limit=SETUP_LIMIT):
            abort(429)
        user = accounts.user_for_setup_code(form.code.data)
        if user is None:
            form.code.errors.append(CODE_DOES_NOT_WORK)
        else:
            security.give_back(key, limit=SETUP_LIMIT)  # a right code is no guess
            if message := passwords.problem(form.password.data, user.username):
                form.password.errors.append(message)
            elif (user := accounts.finish_setup(form.code.data, form.password.data)) is None:
                form.code.errors.append(CODE_DOES_NOT_WORK)  # used a moment ago
            else:
                # The language the person set up in is theirs from now on (log_in saves it).
                user.locale = str(get_locale())
                security.log_in(user)
                flash(_l("Your password is saved. Your username is %(username)s. "
                         "You need it the next time you log in.", username=user.username),
                      "success")
                return redirect(url_for(HOME[user.role]))
    return render_template("auth/setup.html", form=form), 200 if not form.errors else 422


@bp.route("/language", methods=["POST"])
def language():
    """Switch the page language, and the account's when logged in: a form, so a link cannot."""
    code = request.form.get("code")
    if code in i18n.LANGUAGES:
        i18n.remember_choice(code)
    return redirect(_safe_next(request.form.get("next")) or url_for("auth.index"), 303)


from . import account, reset  # noqa: E402,F401  (register the account pages on bp)
