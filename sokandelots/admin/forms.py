from flask_babel import lazy_gettext as _l

from ..forms import BaseForm, name_field


class NewCoachForm(BaseForm):
    name = name_field(_l("Name"))
