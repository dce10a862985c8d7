"""Forms for activities and reflections, built from the catalogue."""
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from ..forms import RADIO_BUTTON, TICK_BOX, BaseForm, CarefulForm, choices, max_length
from ..i18n import isolate, lazy_gettext as _l
from .catalogue import GOOD, HARD, KINDS, SCALES
from .records import TEXT_LENGTH


def _mapping(items):
    return {option.key: option.label for option in items}


class ActivityForm(BaseForm):
    kind = RadioField(_l("What kind of activity?"), choices=choices(_mapping(KINDS)),
                      validators=[InputRequired(message=_l("Choose what kind of activity it is."))])
    place = StringField(_l("Where?"), validators=[max_length(100)],
                        description=_l("For example the name of a shop or a workplace."),
                        render_kw={"dir": "auto"})
    day = DateField(_l("When?"), validators=[Optional()],
                    description=_l("The day. You can leave it empty."))
    card = SelectField(_l("Which job card does it belong to?"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[max_length(500)],
                         render_kw={"dir": "auto", "rows": 3})

    def __init__(self, *args, cards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.card.choices = choices({"": "–", **{card.key: isolate(card.title) for card in cards}})


def _reflection_form():
    attrs = {scale.key: RadioField(scale.question, choices=choices(_mapping(scale.answers)),
                                   option_widget=RADIO_BUTTON, validators=[Optional()])
             for scale in SCALES}
    attrs["good"] = SelectMultipleField(_l("What was good?"), choices=choices(_mapping(GOOD)),
                                        option_widget=TICK_BOX, validators=[Optional()])
    attrs["hard"] = SelectMultipleField(_l("What was hard?"), choices=choices(_mapping(HARD)),
                                        option_widget=TICK_BOX, validators=[Optional()])
    attrs["text"] = TextAreaField(_l("Something else you want to say"),
                                  validators=[max_length(TEXT_LENGTH)],
                                  render_kw={"dir": "auto", "rows": 3})
    return type("ReflectionForm", (BaseForm,), attrs)


ReflectionForm = _reflection_form()


class CoachActivityForm(CarefulForm, ActivityForm):
    """An activity the coach adds for the participant."""

    careful_fields = ("note",)


class CoachReflectionForm(CarefulForm):
    careful_fields = ("text",)
    text = TextAreaField(_l("Your reflection as coach"), validators=[max_length(TEXT_LENGTH)],
                         render_kw={"dir": "auto", "rows": 4})
