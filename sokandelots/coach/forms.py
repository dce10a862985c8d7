from datetime import date, timedelta

from flask_babel import LazyString, format_date
from wtforms import (BooleanField, DateField, FormField, HiddenField, IntegerField, PasswordField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField, TimeField)
from wtforms.widgets import ListWidget
from wtforms.validators import DataRequired, InputRequired, Optional, Regexp, ValidationError

from .. import accounts, phrasebook, reports
from ..agreement import CONSENT_FIELDS, PHRASED, SITUATIONS, TEXTS as AGREEMENT_TEXTS
from ..catalogues import (CASE_STATUSES, COMMISSIONERS, CONSENT_DIRECTIONS, CONSENT_HOW,
                          CONSENT_PARTNERS, FOLLOWUP_EVERY, FOLLOWUP_KINDS, GENDERS, INCOME_AT_END,
                          MEETING_KINDS, MEETING_PLACES, OUTCOMES, STEPS, TERMS)
from ..forms import (TICK_BOX, BaseForm, CarefulForm, HoursField, NumberRange, choices,
                     int_or_none, max_length, name_field, not_after_today)
from ..i18n import LANGUAGES, date_in_words, gettext, isolate, lang_tag, lazy_gettext as _l
from ..plans import TEXTS
from ..referrals.forms import case_number_field


class NewParticipantForm(BaseForm):
    name = name_field(_l("Name"))
    locale = SelectField(_l("Preferred language"), default="sv",
                         choices=choices(LANGUAGES, **{code: {"lang": lang_tag(code)} for code in LANGUAGES}))
    commissioner = SelectField(_l("Commissioner"), choices=choices(COMMISSIONERS))


class CaseForm(BaseForm):
    """Corrects the participant's name and the commissioner, as the case's coach wrote them."""

    display_name = name_field(_l("Name"))
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
    income_at_end = SelectField(_l("Income at the end"), choices=choices({"": "–", **INCOME_AT_END}),
                                default="", description=_l("What the participant lives on when "
                                                           "the case closes. For the statistics."))
    in_work_since = DateField(_l("In work since"), validators=[Optional(), not_after_today()],
                              description=_l("When the status is “In work, with follow-up”: "
                                             "the day the job started. Empty: today."))
    out_of_work_at_start = BooleanField(_l("Was without work when the support started"),
                                        default=True)
    changed_on = DateField(_l("Date of the change"), validators=[Optional(), not_after_today()],
                           description=_l("Empty: today. An earlier date if the change was made "
                                          "before."))

    gender = SelectField(_l("Gender"), choices=choices({"": "–", **GENDERS}), default="",
                         description=_l("For the statistics."))
    birth_year = IntegerField(_l("Year of birth"), validators=[Optional(), NumberRange(
        1900, 2100, message=_l("Write a year with four digits, for example 1990."))],
        description=_l("For the age band in the statistics."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *args, started=None, born=None, **kwargs):
        """`born`: the year of birth the referral gives; the form then does not ask for it."""
        super().__init__(*args, **kwargs)
        self.started = started  # the day the case began: no change can be dated before it
        self.born = born
        if born:
            del self.birth_year

    @property
    def year_of_birth(self):
        """The year of birth to store: the referral's, else the one typed."""
        return self.born or self.birth_year.data

    def validate_outcome(self, field):
        if self.status.data == "closed" and not field.data:
            raise ValidationError(_l("Choose how the case ended."))

    def validate_changed_on(self, field):
        if field.data and self.started and field.data < self.started:
            raise ValidationError(_l("The date cannot be before the case began (%(date)s).",
                                     date=date_in_words(self.started)))

    def validate_birth_year(self, field):
        if field.data and not 1900 <= field.data <= date.today().year - 14:
            raise ValidationError(_l("Write a year with four digits, for example 1990."))



class CounsellingForm(CarefulForm):
    """Benefits counselling (förmånsrådgivning): when, and what came up."""

    careful_fields = ("note",)

    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date.")),
                                           not_after_today()])
    note = TextAreaField(_l("Note"), validators=[
        InputRequired(message=_l("Write what you talked about.")), max_length(2000)],
        description=_l("For example: how a wage affects the benefits, and who to tell."),
        render_kw={"dir": "auto", "rows": 4})


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


# How an empty slot shows where a coach chooses a sentence: "See you on [day] at [time] …".
BLANKS = {"day": _l("[day]"), "time": _l("[time]"), "place": _l("[place]"), "what": _l("[what]")}

# What is wrong with a sentence or a slot value (phrasebook.SlotError): (slot, missing) -> words.
SLOT_ERRORS = {
    ("phrase", True): _l("Choose a sentence."),
    ("phrase", False): _l("That sentence cannot be used here. Choose another."),
    ("chosen", False): _l("The chosen sentences could not be read. Choose them again."),
    ("day", True): _l("This sentence needs a day."),
    ("day", False): _l("Write the day as a date, for example 2026-12-09."),
    ("time", True): _l("This sentence needs a time."),
    ("time", False): _l("Write the time as hours and minutes, for example 10:00."),
    ("place", True): _l("This sentence needs a place: choose one, or write one."),
    ("place", False): _l("Choose a place, or write one in at most %(count)d characters.",
                         count=phrasebook.FREE_TEXT_LENGTH),
    ("what", True): _l("This sentence needs what it is about."),
    ("what", False): _l("Choose what it is about from the list."),
}


def _pattern(phrase):
    """The sentence with its slots shown as blanks, in the language of the moment."""
    return str(phrase.text) % {slot: str(BLANKS[slot]) for slot in phrase.slots}


class PhrasesForm(BaseForm):
    """Choosing prepared sentences from the phrasebook for a text the participant reads, without
    JavaScript: choose a sentence, fill in what it needs, "Add" posts the form back and shows the
    message so far (`phrases`, carried in `chosen` and checked again on every post)."""

    group = phrasebook.MESSAGE
    optional = False  # whether it may be saved with neither a sentence nor free text
    phrase = SelectField(_l("Prepared sentence"), validate_choice=False)
    day = StringField(_l("Day"), render_kw={"type": "date"})
    time = StringField(_l("Time"), render_kw={"type": "time", "placeholder": "10:00"})
    place = SelectField(_l("Place"), validate_choice=False, choices=choices({
        "": _l("No place"), **phrasebook.PLACES,
        phrasebook.OTHER_PLACE: _l("Another place: write it below")}))
    place_text = StringField(_l("Another place, in Swedish"),
                             validators=[Optional(), max_length(phrasebook.FREE_TEXT_LENGTH)])
    what = SelectField(_l("What it is about"), validate_choice=False,
                       choices=choices({"": _l("Nothing chosen"), **phrasebook.WHAT}))
    chosen = HiddenField()
    add = SubmitField(_l("Add the sentence"))
    remove = IntegerField(validators=[Optional()])

    SLOT_FIELDS = ("phrase", "day", "time", "place", "place_text", "what")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.phrase.choices = choices({"": _l("Choose a sentence"), **{
            item.key: _pattern(item) for item in phrasebook.offered(self.group)}})
        self.phrases = []

    def slot_fields(self):
        """The slot fields some sentence offered here needs (a place also has its free text)."""
        used = {slot for item in phrasebook.offered(self.group) for slot in item.slots}
        return [self[name] for name in self.SLOT_FIELDS[1:]
                if name in used or (name == "place_text" and "place" in used)]

    @property
    def composing(self):
        """Whether this post adds or removes a sentence, rather than saving the whole."""
        return bool(self.add.data) or self.remove.data is not None

    def _slot_values(self):
        place = self.place.data
        if place == phrasebook.OTHER_PLACE:
            place = {"text": self.place_text.data or ""}
        return {"day": self.day.data, "time": self.time.data, "place": place,
                "what": self.what.data}

    def _fail(self, error):
        field = {"place": "place_text" if self.place.data == phrasebook.OTHER_PLACE else "place",
                 "chosen": "phrase"}.get(error.slot, error.slot)
        self[field].errors = [*self[field].errors, SLOT_ERRORS[error.slot, error.missing]]
        return False

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        try:
            self.phrases = phrasebook.loads(self.chosen.data, self.group)
        except phrasebook.SlotError as error:
            self.chosen.data = ""
            return self._fail(error)
        if self.add.data:
            try:
                self.phrases.append(phrasebook.check(self.phrase.data, self._slot_values(),
                                                     self.group))
            except phrasebook.SlotError as error:
                return self._fail(error)
            for name in self.SLOT_FIELDS:
                self[name].data, self[name].raw_data = "", []
        elif self.remove.data is not None and 0 <= self.remove.data < len(self.phrases):
            del self.phrases[self.remove.data]
        self.chosen.data = phrasebook.dumps(self.phrases)
        if (not self.optional and not self.composing and not (self.text.data or "").strip()
                and not self.phrases):
            self.text.errors = [*self.text.errors, _l("Write something, or add a sentence.")]
            return False
        return valid


class FeedbackForm(CarefulForm, PhrasesForm):
    careful_fields = ("text",)
    group = phrasebook.FEEDBACK

    section = SelectField(_l("Part of the profile"), choices=choices(_sections()), default="")
    text = _text(_l("Feedback to the participant, in Swedish"), required=False)


class InternalNoteForm(CarefulForm):
    careful_fields = ("text",)

    text = _text(_l("Internal note"))


class AgreementPhrasesForm(PhrasesForm):
    """The prepared sentences for one part of the agreement, inside AgreementForm."""

    group = phrasebook.AGREEMENT
    optional = True  # the part's free text and sentences may both be empty

    class Meta:
        csrf = False  # the agreement form around it carries the token


def _phrases_field():
    return FormField(AgreementPhrasesForm, label=_l("Prepared sentences"))


class AgreementForm(CarefulForm):
    careful_fields = (*AGREEMENT_TEXTS, *SITUATIONS)

    seen = HiddenField()  # when the agreement was saved as the form was opened (conflicts)
    referrer = SelectField(_l("Referred by"), choices=choices({"": "–", **COMMISSIONERS}), default="")
    referrer_contact = StringField(_l("Contact at the referrer"), validators=[max_length(200)],
                                   render_kw={"dir": "auto"})
    referred_on = DateField(_l("Date of the referral"), validators=[Optional()])
    meeting_on = DateField(_l("Date of the three-party meeting"), validators=[Optional()])
    present = _text(AGREEMENT_TEXTS["present"], required=False)
    goals = _text(AGREEMENT_TEXTS["goals"], required=False)
    roles = _text(AGREEMENT_TEXTS["roles"], required=False)
    expectations = _text(AGREEMENT_TEXTS["expectations"], required=False)
    reach = _text(AGREEMENT_TEXTS["reach"], required=False)
    secrecy_explained = BooleanField(_l("Confidentiality (tystnadsplikt) is explained"))
    secrecy_explained_on = DateField(_l("Date it was explained"), validators=[Optional()],
                                     description=_l("Empty: today."))
    rules_given = BooleanField(_l("Rules and policy are handed over"))
    rules_given_on = DateField(_l("Date they were handed over"), validators=[Optional()],
                               description=_l("Empty: today."))
    if_ill = _text(SITUATIONS["if_ill"], required=False)
    if_crisis = _text(SITUATIONS["if_crisis"], required=False)
    if_placement_fails = _text(SITUATIONS["if_placement_fails"], required=False)
    expectations_phrases = _phrases_field()
    if_ill_phrases = _phrases_field()
    if_crisis_phrases = _phrases_field()
    if_placement_fails_phrases = _phrases_field()

    def composers(self):
        """Each phrased part's sentence chooser, by part."""
        return {part: self[f"{part}_phrases"].form for part in PHRASED}

    @property
    def composing(self):
        """Whether this post adds or removes a sentence in a part, rather than saving."""
        return any(part.composing for part in self.composers().values())

    def phrases(self):
        """The chosen sentences of every part, as agreement.save takes them."""
        return {part: composer.phrases for part, composer in self.composers().items()}

    def show_stored(self, record):
        """Fill each part's chooser with the sentences saved with `record`."""
        for part, composer in self.composers().items():
            stored = getattr(record, f"{part}_phrases", "") if record else ""
            composer.phrases = phrasebook.stored(stored)
            composer.chosen.data = phrasebook.dumps(composer.phrases)

    def validate_secrecy_explained_on(self, field):
        if field.data and not self.secrecy_explained.data:
            raise ValidationError(_l("Tick the box too, or leave the date empty."))

    def validate_rules_given_on(self, field):
        if field.data and not self.rules_given.data:
            raise ValidationError(_l("Tick the box too, or leave the date empty."))


class ConsentForm(CarefulForm):
    careful_fields = ("what", "purpose")

    partner = SelectField(_l("Partner"), choices=choices(CONSENT_PARTNERS))
    partner_name = StringField(_l("Name of the partner"), validators=[max_length(100)],
                               description=_l("For example the employer's name."),
                               render_kw={"dir": "auto"})
    recipient = StringField(_l("Recipient"), validators=[max_length(200)],
                            description=_l("The person or unit, for example the handläggare."),
                            render_kw={"dir": "auto"})
    direction = SelectField(_l("Direction"), choices=choices(CONSENT_DIRECTIONS))
    what = _text(_l("What may be shared"))
    purpose = _text(_l("Purpose"))
    given_on = DateField(_l("Given on"), validators=[InputRequired(message=_l("Write the date."))])
    how = SelectField(_l("How it was given"), choices=choices(CONSENT_HOW))
    starts_on = DateField(_l("Valid from"), validators=[Optional()],
                          description=_l("Empty: the day it was given."))
    ends_on = DateField(_l("Valid until"), validators=[Optional()])
    review_on = DateField(_l("Review on"), validators=[Optional()],
                          description=_l("Write an end date, a review date or both."))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.review_on.errors and not self.ends_on.data and not self.review_on.data:
            # Checked here: an empty date field's own validators stop at Optional.
            self.review_on.errors = [*self.review_on.errors,
                                     _l("Write an end date or a review date.")]
            return False
        return valid

    def validate_ends_on(self, field):
        start = self.starts_on.data or self.given_on.data
        if field.data and start and field.data < start:
            raise ValidationError(_l("The end date comes before the start."))

    def values(self):
        """The consent as agreement.add_consent takes it."""
        data = {name: self[name].data for name in CONSENT_FIELDS}
        data["partner_name"], data["recipient"] = data["partner_name"] or "", data["recipient"] or ""
        data["starts_on"] = data["starts_on"] or data["given_on"]
        return data


class WithdrawForm(BaseForm):
    withdrawn_on = DateField(_l("Withdrawn on"), validators=[Optional()], default=date.today,
                             description=_l("Empty: today."))


class PlacementForm(BaseForm):
    employer = SelectField(_l("Employer"), coerce=int,
                           validators=[InputRequired(message=_l("Choose an employer."))])

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.employer.choices = choices({employer.id: isolate(employer.name) for employer in employers})


def _weekday_label(day):
    # 2024-01-01 was a Monday: the name of weekday `day` in the page's language.
    return gettext("Planned hours, %(day)s",
                   day=format_date(date(2024, 1, 1) + timedelta(days=day), "EEEE"))


def planned_hours_field(day):
    """Hours planned on one day of the week, for the attendance report's planned hours."""
    return HoursField(LazyString(_weekday_label, day), places=None, validators=[
        Optional(), NumberRange(0, 24, message=_l("Write a number from 0 to 24."))],
        description=_l("Empty: no work that day.") if day == 0 else "",
        render_kw={"inputmode": "decimal", "autocomplete": "off"})


MAX_CHANGE_WEEK = 104  # SIUS: follow-up for up to 24 months


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
    followup_change_week = IntegerField(_l("Change after week"), validators=[
        Optional(), NumberRange(1, MAX_CHANGE_WEEK, message=_l(
            "Write a number of weeks from 1 to %(max)d.", max=MAX_CHANGE_WEEK))],
        description=_l("Weeks from the start date. Empty: the schedule stays the same."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    followup_later_weeks = SelectField(
        _l("After that"), coerce=int_or_none, default=None,
        choices=choices({None: _l("No change"),
                         **{weeks: label for weeks, label in FOLLOWUP_EVERY.items() if weeks}}))
    terms = SelectField(_l("Economic terms"), choices=choices(TERMS))
    paid_hours = IntegerField(_l("Paid hours a week"), default=0, validators=[
        InputRequired(message=_l("Write a number from 0 to 60.")),
        NumberRange(0, 60, message=_l("Write a number from 0 to 60."))],
        render_kw={"inputmode": "numeric"})
    planned_0, planned_1, planned_2, planned_3, planned_4, planned_5, planned_6 = (
        planned_hours_field(day) for day in range(7))
    terms_note = _text(TEXTS["terms_note"], required=False)

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end date must come after the start date."))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        problem = self._schedule_change_problem()
        if problem:
            problem[0].errors.append(problem[1])
        return valid and not problem

    def _schedule_change_problem(self):
        """(field, message) when the schedule's change is incomplete or outside the plan: the
        week and the later interval go together, after the start and before the end."""
        week, later = self.followup_change_week, self.followup_later_weeks
        if week.errors or later.errors or (week.data is None and not later.data):
            return None
        if week.data is None:
            return week, _l("Write after how many weeks the schedule changes.")
        if not later.data:
            return later, _l("Choose how often to follow up after the change.")
        if not self.followup_weeks.data:
            return self.followup_weeks, _l("Choose how often to follow up before the change.")
        start, end = self.start_on.data, self.end_on.data
        if start and end and start + timedelta(weeks=week.data) >= end:
            return week, _l("The change must come before the end date.")
        return None


class EndPlacementForm(BaseForm):
    ended_on = DateField(_l("The placement ended on"),
                         validators=[InputRequired(message=_l("Write the date."))])


class CoachMessageForm(CarefulForm, PhrasesForm):
    """A message from the coach to the participant: prepared sentences and free text."""

    careful_fields = ("text",)
    text = _text(_l("Your own words, in Swedish"), required=False)


class MeetingNoteForm(CarefulForm, PhrasesForm):
    """A meeting's note for the participant: prepared sentences and free text, both optional.
    Shown inside the meeting's form, its fields named apart (prefix "note")."""

    careful_fields = ("text",)
    group = phrasebook.MEETING_NOTE
    optional = True

    class Meta:
        csrf = False  # posted with the meeting's form, whose token it is
    text = _text(_l("Your own words, in Swedish"), required=False)

    def values(self):
        return {"note_phrases": phrasebook.dumps(self.phrases),
                "note": (self.text.data or "").strip()}


class SittingForm(BaseForm):
    """The participant confirms, on the coach's screen, that the coach may see their answers."""

    secret = PasswordField(_l("Password or code"), validators=[
        InputRequired(message=_l("Write the password or the code first.")), max_length(200)],
        render_kw={"autocomplete": "off"})


class CaseNumberForm(BaseForm):
    """The commissioner's own case number, for the reports it gets."""

    commissioner_case_number = case_number_field(
        _l("The commissioner's case number"),
        description=_l("As the commissioner writes it. It is printed on every report."))


class NewReportForm(BaseForm):
    kind = SelectField(_l("Kind of report"), choices=choices(reports.KINDS))


class ReportForm(CarefulForm):
    """The coach's own words in a draft report, and the days it is about."""

    careful_fields = tuple(reports.TEXTS)

    period_start = DateField(_l("From"), validators=[Optional()],
                             description=_l("Empty: the day the case started."))
    period_end = DateField(_l("To"), validators=[Optional()],
                           description=_l("Empty: the day the report is sent."))
    summary = _text(reports.TEXTS["summary"], required=False)
    goals = _text(reports.TEXTS["goals"], required=False)
    next_steps = _text(reports.TEXTS["next_steps"], required=False)

    def validate_period_end(self, field):
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError(_l("The last day must come after the first day."))


class SendReportForm(BaseForm):
    """Keeping a report as sent: to whom, when, and on what right (a consent or a mandate)."""

    sent_to = StringField(_l("Sent to"), validators=[
        InputRequired(message=_l("Write who gets the report.")), max_length(200)],
        description=_l("The commissioner's office and case officer."), render_kw={"dir": "auto"})
    sent_on = DateField(_l("Date sent"), validators=[
        InputRequired(message=_l("Write the date.")),
        not_after_today(_l("The date cannot be later than today."))])
    mandate = TextAreaField(_l("The commissioner's mandate"), validators=[max_length(1000)],
                            description=_l("Only when there is no consent to the commissioner: "
                                           "what gives them the right to the report, such as the "
                                           "referral and its date."),
                            render_kw={"dir": "auto", "rows": 3})

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


    def validate_mandate(self, field):
        if (not (field.data or "").strip()
                and reports.consent_to_commissioner(self.case, self.sent_on.data) is None):
            raise ValidationError(_l(
                "The report cannot be sent: there is no consent to share with the commissioner. "
                "Record the participant's consent under Agreement and consents, or write the "
                "commissioner's mandate here."))


class AbsenceNoticeForm(BaseForm):
    """The coach records that the commissioner was told about absences, and when."""

    absences = SelectMultipleField(_l("Absences"), coerce=int, widget=ListWidget(prefix_label=False),
                                   option_widget=TICK_BOX, validators=[
                                       InputRequired(message=_l("Choose at least one absence."))])
    notified_on = DateField(_l("The commissioner was told on"), validators=[
        InputRequired(message=_l("Write the date.")),
        not_after_today(_l("The date cannot be later than today."))])

    def __init__(self, rows, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.absences.choices = [(row.id, format_date(row.day, "EEEE d MMMM")) for row in rows]



class MeetingForm(BaseForm):
    """A meeting the coach books with a participant, or changes."""

    kind = SelectField(_l("Kind of meeting"), choices=choices(MEETING_KINDS))
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Write the date."))])
    at = TimeField(_l("Time"), validators=[InputRequired(message=_l("Write the time."))],
                   description=_l("Swedish time, for example 10:00."))
    minutes = IntegerField(_l("Length in minutes"), default=60, validators=[
        InputRequired(message=_l("Write how many minutes.")),
        NumberRange(5, 600, message=_l("Write a number from 5 to 600."))])
    place = SelectField(_l("Place"), choices=choices(MEETING_PLACES))
    address = StringField(_l("Address or meeting point"), validators=[max_length(200)],
                          render_kw={"dir": "auto"})
    who = StringField(_l("Who takes part"), validators=[max_length(200)],
                      description=_l("Besides you and the participant, for example a supervisor."),
                      render_kw={"dir": "auto"})
    interpreter = BooleanField(_l("An interpreter comes"))
    interpreter_language = StringField(_l("The interpreter's language"),
                                       validators=[max_length(60)], render_kw={"dir": "auto"})

    def validate_interpreter_language(self, field):
        if self.interpreter.data and not (field.data or "").strip():
            raise ValidationError(_l("Write which language the interpreter speaks."))

    def values(self, starts_at):
        """The meeting's stored values, with its start (UTC) as given."""
        return {"kind": self.kind.data, "starts_at": starts_at, "minutes": self.minutes.data,
                "place": self.place.data, "address": self.address.data or "",
                "who": self.who.data or "", "interpreter": self.interpreter.data,
                "interpreter_language": (self.interpreter_language.data or "")
                if self.interpreter.data else ""}


def coach_choices(coaches):
    """A select's options for coaches, each name kept in its own direction (an <option> cannot
    hold <bdi>)."""
    return [("", "–")] + [(coach.id, isolate(coach.display_name)) for coach in coaches]


class CoachChoiceForm(BaseForm):
    """A form that chooses one of `coaches` in its field named `coach_field`."""

    coach_field = "coach"

    def __init__(self, coaches, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.coaches = {coach.id: coach for coach in coaches}
        self[self.coach_field].choices = coach_choices(coaches)

    def chosen(self):
        """The coach chosen: after validation, which lets only the listed coaches through."""
        return self.coaches[self[self.coach_field].data]


class HandoverForm(CoachChoiceForm):
    """Hand a participant over to another coach, with a note the new coach reads."""

    coach = SelectField(_l("New coach"), coerce=int_or_none,
                        validators=[InputRequired(message=_l("Choose the new coach."))])
    note = TextAreaField(_l("Handover note"), validators=[
        DataRequired(message=_l("Write a note for the new coach.")), max_length(4000)],
        description=_l("For the new coach: how far you have come, what is planned, what to "
                       "think of. It is in the file the participant can download of their "
                       "information."))


class CoverForm(CoachChoiceForm):
    """A substitute for the coach's whole caseload, for a period (leave, illness)."""

    coach_field = "substitute"
    substitute = SelectField(_l("Substitute"), coerce=int_or_none,
                             validators=[InputRequired(message=_l("Choose the substitute."))])
    first_day = DateField(_l("From"), validators=[InputRequired(message=_l("Write the date."))])
    last_day = DateField(_l("To and with"), validators=[
        InputRequired(message=_l("Write the date."))])

    def validate_last_day(self, field):
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The last day cannot come before the first day."))
        if field.data and field.data < date.today():
            raise ValidationError(_l("The period has already ended."))
