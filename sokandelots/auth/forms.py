from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired

from ..forms import BaseForm, max_length, new_password_field


class LoginForm(BaseForm):
    username = StringField(_l("Username"), validators=[
        InputRequired(message=_l("Write your username.")), max_length(40)],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
    password = PasswordField(_l("Password"), validators=[
        InputRequired(message=_l("Write your password.")), max_length(200)],
        render_kw={"autocomplete": "current-password"})


class SetupForm(BaseForm):
    code = StringField(
        _l("Code from your login card"),
        description=_l("The code has 12 letters and numbers, for example ABCD-EFGH-JKMN."),
        validators=[InputRequired(message=_l("Write the code from your login card.")),
                    max_length(40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters",
                   "spellcheck": "false"})
    password = new_password_field()
