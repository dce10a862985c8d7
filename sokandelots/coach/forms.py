from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from ..catalogues import (CASE_STATUSES, COMMISSIONERS, CONSENT_HOW, CONSENT_PARTNERS,
                          FOLLOWUP_KINDS, STEPS)
from ..forms import BaseForm, choices, max_length, name_field
from ..i18n import LANGUAGES


class NewParticipantForm(BaseForm):
    name = name_field(_l("Name"))
    locale = SelectField(_l("Preferred language"), default="sv",
                         choices=choices(LANGUAGES, **{code: {"lang": code} for code in LANGUAGES}))
    commissioner = SelectField(_l("Commissioner"), choices=choices(COMMISSIONERS))


class StepForm(BaseForm):
    step = SelectField(_l("Step"), coerce=int, choices=choices(STEPS))
    status = SelectField(_l("Status"), choices=choices(CASE_STATUSES))


class FollowUpForm(BaseForm):
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date."))])
    kind = SelectField(_l("Kind"), choices=choices(FOLLOWUP_KINDS))
    with_whom = StringField(_l("With whom"), validators=[max_length(100)], render_kw={"dir": "auto"})
    note = TextAreaField(_l("Note"), validators=[max_length(2000)], render_kw={"dir": "auto", "rows": 4})
    next_day = DateField(_l("Next follow-up"), validators=[Optional()])


def _text(label, required=True):
    checks = [InputRequired(message=_l("Write something first."))] if required else [Optional()]
    return TextAreaField(label, validators=[*checks, max_length(2000)],
                         render_kw={"dir": "auto", "rows": 4})


def _sections():
    from ..profile.catalogue import SECTIONS
    return {"": _l("The whole profile"), **{section.key: section.title for section in SECTIONS}}


class FeedbackForm(BaseForm):
    section = SelectField(_l("Part of the profile"), choices=choices(_sections()), default="")
    text = _text(_l("Feedback to the participant"))


class InternalNoteForm(BaseForm):
    text = _text(_l("Internal note"))


class AgreementForm(BaseForm):
    referrer = SelectField(_l("Referred by"), choices=choices({"": "–", **COMMISSIONERS}), default="")
    referrer_contact = StringField(_l("Contact at the referrer"), validators=[max_length(200)],
                                   render_kw={"dir": "auto"})
    referred_on = DateField(_l("Date of the referral"), validators=[Optional()])
    meeting_on = DateField(_l("Date of the three-party meeting"), validators=[Optional()])
    present = _text(_l("Who took part"), required=False)
    goals = _text(_l("Agreed goals"), required=False)
    roles = _text(_l("Roles"), required=False)
    expectations = _text(_l("Expectations"), required=False)
    reach = _text(_l("How we reach each other"), required=False)


class ConsentForm(BaseForm):
    partner = SelectField(_l("Partner"), choices=choices(CONSENT_PARTNERS))
    partner_name = StringField(_l("Name of the partner"), validators=[max_length(100)],
                               description=_l("For example the employer's name."),
                               render_kw={"dir": "auto"})
    what = _text(_l("What may be shared"))
    given_on = DateField(_l("Given on"), validators=[InputRequired(message=_l("Write the date."))])
    how = SelectField(_l("How it was given"), choices=choices(CONSENT_HOW))


class WithdrawForm(BaseForm):
    withdrawn_on = DateField(_l("Withdrawn on"), validators=[Optional()])
