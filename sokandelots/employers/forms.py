"""Forms for the employer register, workplace analyses and leads, built from the catalogue."""

from wtforms import (DateField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Optional

from ..forms import (TICK_BOX, BaseForm, CarefulForm, choices, email_field, int_or_none,
                     max_length, not_after_today)
from ..i18n import isolate, lazy_gettext as _l
from .catalogue import (CONTACT_KINDS, END_REASONS, ENDED, LEAD_KINDS, LEAD_PATH, PARTS, SECTORS)


def _text(label, limit=1000, rows=3):
    return TextAreaField(label, validators=[max_length(limit)], render_kw={"dir": "auto", "rows": rows})


# The register is shared by the unit's coaches, and notes about an employer often name a
# participant: they get the careful-words check too.
class EmployerForm(CarefulForm):
    careful_fields = ("notes",)

    name = StringField(_l("Name of the employer"), validators=[
        DataRequired(message=_l("Write a name.")), max_length(120)], render_kw={"dir": "auto"})
    sector = SelectField(_l("Sector"), choices=choices(SECTORS))
    address = StringField(_l("Address"), validators=[max_length(200)], render_kw={"dir": "auto"})
    tags = StringField(_l("Tags"), validators=[max_length(200)],
                       description=_l("Words separated by commas, for example: kitchen, mornings."),
                       render_kw={"dir": "auto"})
    notes = _text(_l("Notes"), 2000)


class PersonForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Write a name.")),
                                               max_length(100)], render_kw={"dir": "auto"})
    role = StringField(_l("Role"), validators=[max_length(100)], render_kw={"dir": "auto"})
    phone = StringField(_l("Phone"), validators=[max_length(40)], render_kw={"type": "tel"})
    email = email_field(_l("E-mail"))


class EventForm(CarefulForm):
    careful_fields = ("outcome",)

    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date."))])
    kind = SelectField(_l("Kind"), choices=choices(CONTACT_KINDS))
    outcome = _text(_l("Outcome"))


def _position_form():
    attrs = {"title": StringField(_l("Position"), validators=[
        DataRequired(message=_l("Write a name for the position.")), max_length(120)],
        render_kw={"dir": "auto"})}
    for part in PARTS:
        kind = SelectMultipleField if part.many else RadioField
        extra = {"option_widget": TICK_BOX} if part.many else {}
        attrs[part.key] = kind(part.label, choices=choices(part.options), validators=[Optional()],
                               **extra)
    attrs["tasks"] = _text(_l("Tasks"))
    attrs["social"] = _text(_l("Social demands"))
    attrs["knowledge"] = _text(_l("Knowledge and experience needed"))
    attrs["supervisor"] = _text(_l("Supervisor"), 300, 2)
    return type("PositionForm", (BaseForm,), attrs)


PositionForm = _position_form()


class LeadForm(BaseForm):
    employer = SelectField(_l("Employer"), coerce=int,
                           validators=[InputRequired(message=_l("Choose an employer."))])
    kind = SelectField(_l("Kind"), choices=choices(LEAD_KINDS))
    day = DateField(_l("Date"), validators=[Optional()])

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.employer.choices = choices({employer.id: isolate(employer.name) for employer in employers})


class LeadCorrectionForm(BaseForm):
    """Corrects a lead: its kind, date and the position at the employer it is about."""

    kind = SelectField(_l("Kind"), choices=choices(LEAD_KINDS))
    day = DateField(_l("Date"), validators=[Optional()])
    position = SelectField(_l("Position"), coerce=int_or_none, validators=[Optional()],
                           description=_l("A position with a workplace analysis at the employer."))

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.position.choices = choices({None: "–", **{key: isolate(title or "–")
                                                       for key, title in (positions or {}).items()}})


class LeadStatusForm(BaseForm):
    status = SelectField(_l("Status"), choices=choices({**LEAD_PATH, ENDED: _l("Ended")}))
    # "The case was closed" is set by closing the case, never chosen here.
    end_reason = SelectField(_l("Why it ended"), default="", choices=choices(
        {"": "–", **{key: label for key, label in END_REASONS.items() if key != "case_closed"}}))
    on = DateField(_l("Date it was reached"), validators=[Optional(), not_after_today()],
                   description=_l("Empty: today."))
