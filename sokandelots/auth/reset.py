"""Glömt lösenordet? A link by e-mail to choose a new password, for participants."""
from flask import abort, flash, redirect, render_template, request, url_for

from .. import passwordreset, passwords, security
from ..i18n import lazy_gettext as _l
from . import bp
from .forms import ForgotForm, ResetForm

LINK_DEAD = _l("This link does not work any more. It works once, for a short time. "
               "Ask for a new one.")


def attempt_keys(address):
    """Asking counts like a try at a password: per address of the browser and per e-mail address,
    so nobody can fill a person's mailbox or try many addresses."""
    return (("reset-address", request.remote_addr or ""), ("reset-account", address.lower()))


def _dead():
    return render_template("auth/reset_dead.html", text=LINK_DEAD), 404


@bp.route("/login/forgot", methods=["GET", "POST"])
def forgot_password():
    """Ask for a link. The answer is the same whether or not the address is known."""
    form = ForgotForm()
    if form.validate_on_submit():
        address = form.email.data.strip()
        if not security.count_attempt(*attempt_keys(address)):
            abort(429)
        passwordreset.ask(address)
        return render_template("auth/forgot_sent.html", minutes=passwordreset.lifetime()
                               .seconds // 60)
    return render_template("auth/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/login/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password with the link from the e-mail; every session of the account ends."""
    user = passwordreset.user_for(token)
    if user is None:
        return _dead()
    form = ResetForm()
    if form.validate_on_submit():
        if message := passwords.problem(form.password.data, user.username):
            form.password.errors.append(message)
        elif passwordreset.use(token, form.password.data) is None:
            return _dead()
        else:
            flash(_l("Your new password is saved. Log in with it now."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, user=user), 422 if form.errors else 200
