"""Forms for sorting job cards and for the administrator's card catalogue."""
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from ..forms import RADIO_BUTTON, TICK_BOX, BaseForm, choices, max_length
from ..i18n import lazy_gettext as _l
from .cards import LIMITS
from .catalogue import TAGS
from .choices import ANSWERS, NOTE_LENGTH


class ChoiceForm(BaseForm):
    answer = RadioField(_l("Do you want to work with this?"),
                        choices=choices({option.key: option.label for option in ANSWERS}),
                        option_widget=RADIO_BUTTON, validators=[Optional()])
    want_more = BooleanField(_l("I want to know more"))
    tried = BooleanField(_l("I have tried it"))
    note = TextAreaField(_l("Your own note"), validators=[max_length(NOTE_LENGTH)],
                         render_kw={"dir": "auto", "rows": 2})


def _at_most_related(form, field):
    lines = [line for line in (field.data or "").splitlines() if line.strip()]
    if len(lines) > LIMITS["related"]:
        raise ValidationError(_l("Write at most %(max)d job titles.", max=LIMITS["related"]))
    if any(len(line.strip()) > LIMITS["related_title"] for line in lines):
        raise ValidationError(_l("Each job title can have at most %(max)d characters.",
                                 max=LIMITS["related_title"]))


class CardForm(BaseForm):
    title = StringField(_l("Title"), validators=[max_length(LIMITS["title"])],
                        render_kw={"dir": "auto"})
    text = TextAreaField(_l("What you do in this job"), validators=[max_length(LIMITS["text"])],
                         description=_l("One or two short sentences."),
                         render_kw={"dir": "auto", "rows": 3})
    related = TextAreaField(_l("Jobs like this"), validators=[_at_most_related],
                            description=_l("One job title on each line, at most eight."),
                            render_kw={"dir": "auto", "rows": 5})
    tags = SelectMultipleField(_l("Tags"), validators=[Optional()],
                               choices=choices({key: tag.label for key, tag in TAGS.items()}),
                               option_widget=TICK_BOX)
    picture = FileField(_l("Picture"),
                        description=_l("PNG, JPEG or WebP, at most 2 MB. Leave empty to keep the picture."),
                        render_kw={"accept": "image/png,image/jpeg,image/webp,image/gif"})
    hidden = BooleanField(_l("Hide this card from participants"))

    def related_titles(self):
        return [line.strip() for line in (self.related.data or "").splitlines() if line.strip()]
