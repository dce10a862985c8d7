from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..forms import BaseForm, choices, name_field


class NewCoachForm(BaseForm):
    name = name_field(_l("Name"))


class EraseForm(BaseForm):
    """The administrator types the participant's username to confirm an erasure."""

    username = StringField(_l("The participant's username"),
                           validators=[InputRequired(message=_l("Type the username."))],
                           render_kw={"autocomplete": "off", "autocapitalize": "none",
                                      "spellcheck": "false"})

    def __init__(self, expected, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.username.description = _l("To confirm, type the username %(username)s.",
                                       username=expected)

    def validate_username(self, field):
        if field.data.lower() != self.expected:
            raise ValidationError(_l("That is not this participant's username. Nothing was "
                                     "erased."))


class TwoStepRuleForm(BaseForm):
    """Whether the unit requires two-step login of every coach and administrator."""

    rule = RadioField(_l("Two-step login for coaches and administrators"), choices=choices({
        "required": _l("Required: everyone must set it up at their next login"),
        "optional": _l("Optional: each person chooses on their account page")}),
        validators=[InputRequired(message=_l("Choose one."))])
