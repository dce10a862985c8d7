from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..contacts import valid_email
from ..forms import CONTROL_CHARACTERS, BaseForm, max_length, new_password_field
from ..i18n import lazy_gettext as _l


def as_typed(form, field):
    """Refuse a username with control characters, which the cleaning of typed text would
    otherwise quietly drop, so that "a\x07mina" is not taken for another way to write amina."""
    if any(CONTROL_CHARACTERS.search(value) for value in field.raw_data or ()):
        raise ValidationError(_l("The username has a sign that cannot be in a username. "
                                 "Write it again."))


class LoginForm(BaseForm):
    username = StringField(_l("Username"), validators=[
        InputRequired(message=_l("Write your username.")), max_length(40), as_typed],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
    password = PasswordField(_l("Password"), validators=[
        InputRequired(message=_l("Write your password.")), max_length(200)],
        render_kw={"autocomplete": "current-password"})


class SetupForm(BaseForm):
    code = StringField(
        _l("Code from your login card"),
        # An example that looks like a real code, digits and all (not a real one).
        description=_l("The code has 12 letters and numbers, for example %(example)s.",
                       example="K7QM-2HXP-9RTA"),
        validators=[InputRequired(message=_l("Write the code from your login card.")),
                    max_length(40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters",
                   "spellcheck": "false"})
    password = new_password_field()


class CodeForm(BaseForm):
    """The six digits from the authenticator app."""

    code = StringField(
        _l("Code from your app"),
        description=_l("6 digits. The app shows a new code every 30 seconds."),
        validators=[InputRequired(message=_l("Write the code from your app.")), max_length(40)],
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code",
                   "autocapitalize": "none", "spellcheck": "false"})


class RecoveryForm(BaseForm):
    """One of the recovery codes, for when the phone is not at hand."""

    code = StringField(
        _l("Recovery code"),
        description=_l("One of the codes you saved when you turned on two-step login. "
                       "Each code works once."),
        validators=[InputRequired(message=_l("Write a recovery code.")), max_length(40)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})


class PasswordCheckForm(BaseForm):
    """The current password again, before something that weakens the account."""

    current = PasswordField(_l("Your password"), validators=[
        InputRequired(message=_l("Write your password.")), max_length(200)],
        render_kw={"autocomplete": "current-password"})


class TwoStepOnForm(CodeForm):
    """The first code from the app, with the password again."""

    current = PasswordField(_l("Your password"), validators=[
        InputRequired(message=_l("Write your password.")), max_length(200)],
        render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(BaseForm):
    current = PasswordField(_l("Your password now"), validators=[
        InputRequired(message=_l("Write your password.")), max_length(200)],
        render_kw={"autocomplete": "current-password"})
    password = new_password_field()


class ForgotForm(BaseForm):
    email = StringField(_l("Your e-mail address"), validators=[
        InputRequired(message=_l("Write your e-mail address.")), max_length(200), valid_email],
        render_kw={"autocomplete": "email", "inputmode": "email", "autocapitalize": "none",
                   "spellcheck": "false", "dir": "ltr"})


class ResetForm(BaseForm):
    password = new_password_field()
