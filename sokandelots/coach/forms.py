from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from ..catalogues import COMMISSIONERS
from ..forms import BaseForm, choices, name_field
from ..i18n import LANGUAGES


class NewParticipantForm(BaseForm):
    name = name_field(_l("Name"))
    locale = SelectField(_l("Preferred language"), default="sv",
                         choices=choices(LANGUAGES, **{code: {"lang": code} for code in LANGUAGES}))
    commissioner = SelectField(_l("Commissioner"), choices=choices(COMMISSIONERS))
