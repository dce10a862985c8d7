"""One's own account: a new password, and two-step login for coaches and administrators."""
from flask import abort, flash, g, redirect, render_template, session, url_for

from .. import accounts, passwords, security, sessions, two_step as totp
from ..i18n import lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import TOO_MANY, bp
from ..contacts import email_address
from ..forms import MorningMailForm
from .forms import ChangePasswordForm, PasswordCheckForm, TwoStepOnForm

STAFF = (User.COACH, User.ADMIN, User.MANAGER)
WRONG_PASSWORD = _l("This is not your password. Check it and try again.")


def _wrong_password(field):
    """None when `field` holds the user's password; else the status to answer with, with the
    reason on the field. Tries count per account, as at login, so a session left open on a
    shared computer cannot be used to guess the password."""
    key = ("password-account", str(g.user.id))
    if not security.count_attempt(key):
        field.errors.append(TOO_MANY)
        return 429
    if passwords.verify(g.user.password_hash, field.data):
        security.give_back(key)
        return None
    field.errors.append(WRONG_PASSWORD)
    return 422


def _account_page(status=200, **forms):
    forms.setdefault("password_form", ChangePasswordForm(formdata=None))
    forms.setdefault("off_form", PasswordCheckForm(formdata=None, prefix="off"))
    forms.setdefault("codes_form", PasswordCheckForm(formdata=None, prefix="codes"))
    if g.user.role == User.COACH:
        forms.setdefault("morning_form", MorningMailForm(formdata=None, obj=g.user,
                                                         prefix="morning"))
    return render_template(
        "auth/account.html", codes_left=totp.recovery_codes_left(g.user),
        required=totp.required(), **forms), status


@bp.route("/account")
@role_required(*User.ROLES)
def account():
    """One's own account page."""
    return _account_page()


@bp.route("/account/password", methods=["POST"])
@role_required(*User.ROLES)
def change_password():
    """A new password; every other browser where one is logged in is logged out."""
    form = ChangePasswordForm()
    status = 422
    if form.validate_on_submit() and not (status := _wrong_password(form.current)):
        if message := passwords.problem(form.password.data, g.user.username):
            form.password.errors.append(message)
            status = 422
        else:
            accounts.change_password(g.user, form.password.data)
            sessions.end_others(g.user, session.get("sid"))
            flash(_l("Your new password is saved. You are logged out everywhere else."),
                  "success")
            return redirect(url_for("auth.account"))
    return _account_page(status, password_form=form)


@bp.route("/account/two-step", methods=["GET", "POST"])
@role_required(*STAFF)
def two_step_setup():
    """Turn on two-step login: scan the QR code, then confirm with a first code."""
    if g.user.two_step_on:
        return redirect(url_for("auth.account"))
    secret = g.session_row.totp_setup
    if not secret:
        # Kept for this browser's session (on the server: the cookie can be read) until
        # confirmed, so reloading shows the same QR code.
        secret = totp.new_secret()
        sessions.hold(g.session_row, totp_setup=secret)
    form = TwoStepOnForm()
    status = None
    # The password first: someone at a computer left logged in must not tie the account
    # to their own phone.
    if form.validate_on_submit() and not (status := _wrong_password(form.current)):
        codes = totp.turn_on(g.user, secret, form.code.data)
        if codes:
            sessions.hold(g.session_row, totp_setup=None)
            return render_template("auth/recovery_codes.html", codes=codes, new=True)
        form.code.errors.append(_l("The code is wrong. Write the code your app shows now."))
    return render_template("auth/two_step_setup.html", form=form, secret=totp.group(secret),
                           qr=totp.qr_svg(g.user, secret, _l("QR code for your app"))), (
        (status or 422) if form.errors else 200)


@bp.route("/account/two-step/off", methods=["POST"])
@role_required(*STAFF)
def two_step_off():
    """Turn off two-step login, after the password again; not when the unit requires it."""
    if totp.required():
        abort(403)
    form = PasswordCheckForm(prefix="off")
    status = 422
    if form.validate_on_submit() and not (status := _wrong_password(form.current)):
        totp.turn_off(g.user)
        flash(_l("Two-step login is off."), "success")
        return redirect(url_for("auth.account"))
    return _account_page(status, off_form=form)


@bp.route("/account/recovery-codes", methods=["POST"])
@role_required(*STAFF)
def new_recovery_codes():
    """New recovery codes in place of the old ones, shown once, after the password again."""
    if not g.user.two_step_on:
        return redirect(url_for("auth.account"))
    form = PasswordCheckForm(prefix="codes")
    status = 422
    if form.validate_on_submit() and not (status := _wrong_password(form.current)):
        return render_template("auth/recovery_codes.html",
                               codes=totp.new_recovery_codes(g.user), new=False)
    return _account_page(status, codes_form=form)


@bp.route("/account/morning-mail", methods=["POST"])
@role_required(User.COACH)
def morning_mail():
    """A coach's e-mail address and whether to get the morning e-mail."""
    form = MorningMailForm(prefix="morning")
    if not form.validate_on_submit():
        return _account_page(422, morning_form=form)
    User.update(email=email_address(form.email.data) or "",
                morning_mail=form.morning_mail.data).where(User.id == g.user.id).execute()
    flash(_l("Saved."), "success")
    return redirect(url_for("auth.account"))
