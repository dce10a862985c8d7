import re

from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError

from ..catalogues import COMMISSIONERS
from ..forms import TICK_BOX, BaseForm, choices, max_length, name_field
from ..i18n import lazy_gettext as _l


class NewCoachForm(BaseForm):
    """A new staff account: a coach, or a unit manager who only reads the unit's figures."""

    name = name_field(_l("Name"))
    role = RadioField(_l("Role"), default="coach", choices=choices({
        "coach": _l("Coach"),
        # I18N: enhetschef: reads every coach's caseload size, overdue items and the statistics
        "manager": _l("Unit manager: sees the figures, never a participant's record")}))


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


def luhn_ok(digits):
    """Whether a Swedish number's last digit is right by the Luhn rule, as for an
    organisation number."""
    total = 0
    for place, digit in enumerate(int(char) for char in digits[:-1]):
        product = digit * (2 - place % 2)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(digits[-1])


class ProviderForm(BaseForm):
    """The unit as provider (utförare): its name and organisation number, on every report, and
    the commissioners that require the participant's personal identity number on the attendance
    report."""

    name = StringField(_l("The provider's name"), validators=[
        InputRequired(message=_l("Write the name.")), max_length(120)],
        description=_l("As the commissioner knows the unit, for instance the municipality and "
                       "the unit's name."))
    org_number = StringField(_l("Organisation number"), validators=[
        InputRequired(message=_l("Write the organisation number."))],
        description=_l("Ten digits, as 202100-5489."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    personnummer_required = SelectMultipleField(
        _l("Commissioners that require the personal identity number on the attendance report"),
        choices=choices(COMMISSIONERS), option_widget=TICK_BOX, validators=[Optional()],
        description=_l("Only for these is the participant's personal identity number printed "
                       "on the attendance report."))

    def validate_org_number(self, field):
        digits = re.sub(r"[\s-]", "", field.data or "")
        if not re.fullmatch(r"\d{10}", digits) or not luhn_ok(digits):
            raise ValidationError(_l("Write the ten digits of a valid organisation number, "
                                     "as 202100-5489."))
        field.data = f"{digits[:6]}-{digits[6:]}"
