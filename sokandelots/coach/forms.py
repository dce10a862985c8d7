from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, PasswordField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import InputRequired, Optional, Regexp, ValidationError

from .. import accounts
from datetime import date

from ..catalogues import (CASE_STATUSES, COMMISSIONERS, CONSENT_HOW, CONSENT_PARTNERS,
                          FOLLOWUP_EVERY, FOLLOWUP_KINDS, GENDERS, OUTCOMES, STEPS, TERMS)
from ..forms import BaseForm, CarefulForm, MessageForm, NumberRange, choices, max_length, name_field
from ..i18n import LANGUAGES, isolate, lang_tag
from ..plans import TEXTS


class NewParticipantForm(BaseForm):
    name = name_field(_l("Name"))
    locale = SelectField(_l("Preferred language"), default="sv",
                         choices=choices(LANGUAGES, **{code: {"lang": lang_tag(code)} for code in LANGUAGES}))
    commissioner = SelectField(_l("Commissioner"), choices=choices(COMMISSIONERS))


class UsernameForm(BaseForm):
    username = StringField(_l("New username"), filters=[lambda value: (value or "").lower()],
                           validators=[InputRequired(message=_l("Write a username.")),
                                       Regexp(accounts.USERNAME.pattern + "$", message=_l(
                                           "Use 3 to 30 letters a–z or digits 0–9, with no "
                                           "spaces."))],
                           description=_l("3 to 30 letters a–z or digits 0–9. Make a new login "
                                          "card if you printed one."),
                           render_kw={"autocomplete": "off", "autocapitalize": "none",
                                      "spellcheck": "false", "dir": "ltr"})


class StepForm(BaseForm):
    step = SelectField(_l("Step"), coerce=int, choices=choices(STEPS))
    status = SelectField(_l("Status"), choices=choices(CASE_STATUSES))
    outcome = SelectField(_l("Outcome"), choices=choices({"": "–", **OUTCOMES}), default="",
                          description=_l("How the case ended. Choose it when you close the case."))
    outcome_on = DateField(_l("Date of the outcome"), validators=[Optional()],
                           description=_l("Empty: today."))
    in_work_since = DateField(_l("In work since"), validators=[Optional()],
                              description=_l("When the status is “In work, with follow-up”: "
                                             "the day the job started. Empty: today."))
    out_of_work_at_start = BooleanField(_l("Was without work when the support started"),
                                        default=True)
    gender = SelectField(_l("Gender"), choices=choices({"": "–", **GENDERS}), default="",
                         description=_l("For the statistics."))
    birth_year = IntegerField(_l("Year of birth"), validators=[Optional(), NumberRange(
        1900, 2100, message=_l("Write a year with four digits, for example 1990."))],
        description=_l("For the age band in the statistics."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"})

    def validate_outcome(self, field):
        if self.status.data == "closed" and not field.data:
            raise ValidationError(_l("Choose how the case ended."))

    def validate_birth_year(self, field):
        if field.data and not 1900 <= field.data <= date.today().year - 14:
            raise ValidationError(_l("Write a year with four digits, for example 1990."))

    def validate_in_work_since(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("The day cannot be in the future."))


class CounsellingForm(CarefulForm):
    """Benefits counselling (förmånsrådgivning): when, and what came up."""

    careful_fields = ("note",)

    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date."))])
    note = TextAreaField(_l("Note"), validators=[
        InputRequired(message=_l("Write what you talked about.")), max_length(2000)],
        description=_l("For example: how a wage affects the benefits, and who to tell."),
        render_kw={"dir": "auto", "rows": 4})

    def validate_day(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("The day cannot be in the future."))


class FollowUpForm(CarefulForm):
    careful_fields = ("with_whom", "note")

    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date."))])
    kind = SelectField(_l("Kind"), choices=choices(FOLLOWUP_KINDS))
    with_whom = StringField(_l("With whom"), validators=[max_length(100)], render_kw={"dir": "auto"})
    note = TextAreaField(_l("Note"), validators=[max_length(2000)], render_kw={"dir": "auto", "rows": 4})
    next_day = DateField(_l("Next follow-up"), validators=[Optional()],
                         description=_l("Empty: the next date the plan expects, if there is a plan."))


def _text(label, required=True):
    checks = [InputRequired(message=_l("Write something first."))] if required else [Optional()]
    return TextAreaField(label, validators=[*checks, max_length(2000)],
                         render_kw={"dir": "auto", "rows": 4})


def _sections():
    from ..profile.catalogue import SECTIONS
    return {"": _l("The whole profile"), **{section.key: section.title for section in SECTIONS}}


class FeedbackForm(CarefulForm):
    careful_fields = ("text",)

    section = SelectField(_l("Part of the profile"), choices=choices(_sections()), default="")
    text = _text(_l("Feedback to the participant"))


class InternalNoteForm(CarefulForm):
    careful_fields = ("text",)

    text = _text(_l("Internal note"))


class AgreementForm(CarefulForm):
    careful_fields = ("present", "goals", "roles", "expectations", "reach")

    seen = HiddenField()  # when the agreement was saved as the form was opened (conflicts)
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


class ConsentForm(CarefulForm):
    careful_fields = ("what",)

    partner = SelectField(_l("Partner"), choices=choices(CONSENT_PARTNERS))
    partner_name = StringField(_l("Name of the partner"), validators=[max_length(100)],
                               description=_l("For example the employer's name."),
                               render_kw={"dir": "auto"})
    what = _text(_l("What may be shared"))
    given_on = DateField(_l("Given on"), validators=[InputRequired(message=_l("Write the date."))])
    how = SelectField(_l("How it was given"), choices=choices(CONSENT_HOW))


class WithdrawForm(BaseForm):
    withdrawn_on = DateField(_l("Withdrawn on"), validators=[Optional()])


class PlacementForm(BaseForm):
    employer = SelectField(_l("Employer"), coerce=int,
                           validators=[InputRequired(message=_l("Choose an employer."))])

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.employer.choices = choices({employer.id: isolate(employer.name) for employer in employers})


class PlanForm(CarefulForm):
    """The implementation plan; saving it makes a new version. The employer signs it, so its
    texts are also checked against what the participant lets an employer know (`health_private`)."""

    careful_fields = ("purpose", "goals", "tasks", "adaptations", "routines", "support", "terms_note")
    seen = HiddenField()  # the latest version when the form was opened (conflicts)

    purpose = _text(TEXTS["purpose"], required=False)
    goals = _text(TEXTS["goals"], required=False)
    start_on = DateField(_l("Start date"), validators=[InputRequired(message=_l("Write the date."))])
    end_on = DateField(_l("End date"), validators=[Optional()], description=_l("Empty: no end date."))
    tasks = _text(TEXTS["tasks"], required=False)
    adaptations = _text(TEXTS["adaptations"], required=False)
    routines = _text(TEXTS["routines"], required=False)
    supervisor = StringField(TEXTS["supervisor"], validators=[max_length(200)],
                             description=_l("Name and how to reach them."), render_kw={"dir": "auto"})
    support = _text(TEXTS["support"], required=False)
    followup_weeks = SelectField(_l("Follow-up schedule"), coerce=int, default=2,
                                 choices=choices(FOLLOWUP_EVERY),
                                 description=_l("The follow-ups you expect, from the start date."))
    terms = SelectField(_l("Economic terms"), choices=choices(TERMS))
    paid_hours = IntegerField(_l("Paid hours a week"), default=0, validators=[
        InputRequired(message=_l("Write a number from 0 to 60.")),
        NumberRange(0, 60, message=_l("Write a number from 0 to 60."))],
        render_kw={"inputmode": "numeric"})
    terms_note = _text(TEXTS["terms_note"], required=False)

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end date must come after the start date."))


class EndPlacementForm(BaseForm):
    ended_on = DateField(_l("The placement ended on"),
                         validators=[InputRequired(message=_l("Write the date."))])


class CoachMessageForm(CarefulForm, MessageForm):
    """A message from the coach to the participant."""

    careful_fields = ("text",)


class SittingForm(BaseForm):
    """The participant confirms, on the coach's screen, that the coach may see their answers."""

    secret = PasswordField(_l("Password or code"), validators=[
        InputRequired(message=_l("Write the password or the code first.")), max_length(200)],
        render_kw={"autocomplete": "off"})
