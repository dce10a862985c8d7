"""Peewee models. Schema changes go into a new module in `migrations/` as well."""
from datetime import datetime, timezone

from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, Model, SmallIntegerField, TextField)

from .db import Prepared, db, upsert


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db


class User(BaseModel):
    PARTICIPANT, COACH, ADMIN = "participant", "coach", "admin"
    # The unit manager (enhetschef): reads the unit's figures, never a participant's record.
    MANAGER = "manager"
    ROLES = (PARTICIPANT, COACH, ADMIN, MANAGER)

    username = CharField(max_length=40, unique=True)
    role = CharField(max_length=20, index=True)
    display_name = CharField(max_length=100)
    password_hash = CharField(max_length=255, null=True)
    # Only a hash of the one-time set-up code is kept; the code itself is shown once, on the card.
    setup_code_hash = CharField(max_length=64, null=True, unique=True)
    setup_code_expires = DateTimeField(null=True)
    locale = CharField(max_length=10, null=True)
    is_active = BooleanField(default=True)
    # Raising this ends every session the user has open.
    session_epoch = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    # Show the Swedish text under each question too, to learn the words or fill in with a coach.
    show_swedish = BooleanField(default=False)
    # Two-step login (staff only): the TOTP secret when it is on, and the last time step used,
    # so a code cannot be used twice.
    totp_secret = CharField(max_length=64, null=True)
    totp_last_step = IntegerField(default=0)
    # Contact ways (outbox.py sends through them): how the person wants to be told of something
    # new (NOTIFY_BY: "" for not at all), and a coach's choice of a morning e-mail.
    email = CharField(max_length=200, default="")
    mobile = CharField(max_length=20, default="")  # +467xxxxxxxx (contacts.mobile_number)
    notify_by = CharField(max_length=5, default="")
    morning_mail = BooleanField(default=False)

    class Meta:
        table_name = "user"

    @staticmethod
    def normal_username(username):
        """A username as it is stored and looked up: no surrounding space, lower case."""
        return username.strip().lower()

    @classmethod
    def by_username(cls, username):
        return cls.get_or_none(cls.username == cls.normal_username(username))

    @property
    def is_staff(self):
        return self.role != self.PARTICIPANT

    @property
    def two_step_on(self):
        return self.totp_secret is not None

    @classmethod
    def staff(cls):
        return cls.select().where(cls.role != cls.PARTICIPANT).order_by(cls.role, cls.username)


class OutcomeRow(BaseModel):
    """An anonymous row for the unit's statistics: a job start or a closed case, by month.

    It links to nobody but the coach (staff), so it stays when the participant is erased and the
    figures do not change. The case points at its own closing row while the case exists."""

    JOB_START, CLOSED = "job_start", "closed"
    # A referral, by the month it came and how it went (`outcome`: catalogues.REFERRAL_STATUSES),
    # written when the referral or its participant is erased (referrals are counted live until
    # then, see statistics.referrals).
    REFERRAL = "referral"

    kind = CharField(max_length=10)
    year = SmallIntegerField()
    month = SmallIntegerField()
    outcome = CharField(max_length=20, default="")  # catalogues.OUTCOMES, on closing rows
    commissioner = CharField(max_length=30, default="")
    coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    gender = CharField(max_length=10, default="")  # catalogues.GENDERS, "" when not known
    age_band = CharField(max_length=10, default="")  # catalogues.AGE_BANDS, "" when not known
    target_groups = CharField(max_length=200, default="")  # catalogues.TARGET_GROUPS, by commas
    # From the referral, when there is one: catalogues.SUPPORT_NEEDS and INCOME_SOURCES.
    support_need = CharField(max_length=10, default="")
    income_at_start = CharField(max_length=30, default="")
    income_at_end = CharField(max_length=30, default="")  # catalogues.INCOME_AT_END, on closing
    # The method's time rules, on closing rows: days from the start of the case to the first
    # employer contact and to benefits counselling, and months of follow-up in work.
    days_to_employer_contact = IntegerField(null=True)
    days_to_benefits_counselling = IntegerField(null=True)
    followup_months = SmallIntegerField(null=True)

    class Meta:
        table_name = "outcome_row"


class ErasedSpan(BaseModel):
    """What an erased participant's case added to the unit's day-by-day figures, kept with no
    name and no link to anything, so that the figures stay the same after the erasure
    (statistics.compute adds these to what it counts in the live records):

    - CASE: the days the case was open (`last_day` empty: open, or closed without a date),
      whether the person was out of work at the start, and the day of their first job start;
    - JOB: a job start, from its first day to the day it ended (empty: had not ended);
    - STAY: a finished stay in a step, from the day it began to the day it ended."""

    CASE, JOB, STAY = "case", "job", "stay"

    kind = CharField(max_length=5)
    first_day = DateField()
    last_day = DateField(null=True)
    step = SmallIntegerField(null=True)  # STAY
    out_of_work_at_start = BooleanField(default=False)  # CASE
    first_job_on = DateField(null=True)  # CASE

    class Meta:
        table_name = "erased_span"


class Case(BaseModel):
    """A participant's case: who coaches them, for which commissioner, in which step."""

    STATUSES = ("active", "in_work", "paused", "closed")

    participant = ForeignKeyField(User, unique=True, backref="case_rows", on_delete="CASCADE")
    coach = ForeignKeyField(User, backref="caseload", on_delete="RESTRICT")
    commissioner = CharField(max_length=30)
    step = SmallIntegerField(default=1)
    status = CharField(max_length=10, default="active")
    created_at = DateTimeField(default=utcnow)
    step_started_at = DateTimeField(null=True)
    reviewed_version = IntegerField(default=0)  # the last shared version the coach marked as read
    next_followup = DateField(null=True)
    out_of_work_at_start = BooleanField(default=True)  # counts for the employment rate
    outcome = CharField(max_length=20, default="")  # catalogues.OUTCOMES, set when the case closes
    outcome_on = DateField(null=True)
    # The commissioner's own case number (ärendenummer), for the reports it gets.
    commissioner_case_number = CharField(max_length=40, default="")
    # Step 5 as its own state: in work, with follow-up, from this day (SIUS: 12 to 24 months).
    in_work_since = DateField(null=True)
    gender = CharField(max_length=10, default="")  # catalogues.GENDERS, for the statistics
    birth_year = SmallIntegerField(null=True)  # for the age band in the statistics
    income_at_end = CharField(max_length=30, default="")  # catalogues.INCOME_AT_END, on closing
    # The anonymous row written when the case closed; replaced if it is closed again.
    outcome_row = ForeignKeyField(OutcomeRow, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "case"


class ProfileAnswer(BaseModel):
    """One answer in a participant's draft profile; `value` is JSON (see profile.answers)."""

    participant = ForeignKeyField(User, backref="profile_answers", on_delete="CASCADE")
    question = CharField(max_length=40)
    value = TextField()
    updated_at = DateTimeField(default=utcnow)
    together = BooleanField(default=False)  # given while sitting with the coach
    saved_by_page = CharField(max_length=32, default="")  # see profile.answers.changed_meanwhile

    class Meta:
        table_name = "profile_answer"
        indexes = ((("participant", "question"), True),)


class ProfileVersion(BaseModel):
    """An unchangeable copy of the profile that the participant shared with their coach."""

    participant = ForeignKeyField(User, backref="profile_versions", on_delete="CASCADE")
    number = IntegerField()
    shared_at = DateTimeField(default=utcnow)
    answers = TextField()  # JSON: question key -> value, as in ProfileAnswer
    cards = TextField(default="{}")  # JSON: job card key -> choice, as in jobcards.choices
    activities = TextField(default="[]")  # JSON: activities with reflections, as shared

    class Meta:
        table_name = "profile_version"
        indexes = ((("participant", "number"), True),)


class SpokenAnswer(BaseModel):
    """A participant's answer to one question in their own voice, in the draft profile."""

    participant = ForeignKeyField(User, backref="spoken_answers", on_delete="CASCADE")
    question = CharField(max_length=40)
    audio = BlobField()  # Ogg Opus (see audio.to_opus)
    seconds = DecimalField(max_digits=5, decimal_places=1)
    recorded_at = DateTimeField(default=utcnow)
    together = BooleanField(default=False)  # recorded while sitting with the coach

    class Meta:
        table_name = "spoken_answer"
        indexes = ((("participant", "question"), True),)


class SharedSpokenAnswer(BaseModel):
    """A spoken answer as it was when a version was shared: its own copy, which never changes."""

    version = ForeignKeyField(ProfileVersion, backref="spoken_answers", on_delete="CASCADE")
    question = CharField(max_length=40)
    audio = BlobField()  # Ogg Opus
    seconds = DecimalField(max_digits=5, decimal_places=1)
    recorded_at = DateTimeField()

    class Meta:
        table_name = "shared_spoken_answer"
        indexes = ((("version", "question"), True),)


class JobCard(BaseModel):
    """An administrator's own job card, or their changes to a built-in one (same key)."""

    key = CharField(max_length=40, unique=True)
    hidden = BooleanField(default=False)
    picture = CharField(max_length=80, null=True)  # file name of an uploaded picture
    tags = TextField(null=True)  # JSON list of tag keys; null keeps a built-in card's tags
    texts = TextField(default="{}")  # JSON: locale -> {"title", "text", "related": [...]}
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "job_card"


class CardPicture(BaseModel):
    """A picture an administrator uploaded for a job card, re-encoded in two sizes (WebP).
    Kept in the database, not in files: one backup, one place, no shared folder (NFS) for
    several app servers."""

    name = CharField(max_length=32, unique=True)  # random; JobCard.picture is name + ".webp"
    large = BlobField()
    small = BlobField()
    uploaded_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "card_picture"


class CardChoice(BaseModel):
    """How a participant sorted one job card."""

    participant = ForeignKeyField(User, backref="card_choices", on_delete="CASCADE")
    card = CharField(max_length=40)
    answer = CharField(max_length=10, null=True)  # yes, maybe, no (jobcards.choices.ANSWERS)
    want_more = BooleanField(default=False)
    tried = BooleanField(default=False)
    note = TextField(default="")
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "card_choice"
        indexes = ((("participant", "card"), True),)


class Activity(BaseModel):
    """A try-out (job shadowing, study visit...) and the reflections on it afterwards."""

    participant = ForeignKeyField(User, backref="activities", on_delete="CASCADE")
    added_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    kind = CharField(max_length=20)
    place = CharField(max_length=100, default="")
    day = DateField(null=True)
    note = TextField(default="")
    card = CharField(max_length=40, null=True)  # a job card the activity tried out
    reflection = TextField(default="{}")  # JSON, see activities.records
    reflected_at = DateTimeField(null=True)
    coach_reflection = TextField(default="")
    coach_reflected_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "activity"


class StepChange(BaseModel):
    """A case moved to another step or status: who and when."""

    case = ForeignKeyField(Case, backref="step_changes", on_delete="CASCADE")
    step = SmallIntegerField()
    status = CharField(max_length=10)
    changed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    changed_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "step_change"


class FollowUp(BaseModel):
    """A follow-up with the participant or a partner, and when the next one is due."""

    participant = ForeignKeyField(User, backref="followups", on_delete="CASCADE")
    coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
    day = DateField()
    kind = CharField(max_length=20)
    with_whom = CharField(max_length=100, default="")
    note = TextField(default="")
    next_day = DateField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "followup"


class BenefitsCounselling(BaseModel):
    """Benefits counselling (förmånsrådgivning), which IPS wants early: when, and what came up."""

    participant = ForeignKeyField(User, backref="benefits_counselling", on_delete="CASCADE")
    coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    day = DateField()
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "benefits_counselling"


class AccessLog(BaseModel):
    """Who opened or changed a participant's record, when, and which page (its endpoint)."""

    participant = ForeignKeyField(User, backref="access_rows", on_delete="CASCADE")
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
    endpoint = CharField(max_length=60)
    changed = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "access_log"


class Feedback(BaseModel):
    """The coach's feedback on a part of the profile, or the participant's reply to it."""

    participant = ForeignKeyField(User, backref="feedback", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL")
    section = CharField(max_length=40, default="")  # a profile section key; empty for the whole
    reply_to = ForeignKeyField("self", null=True, backref="replies", on_delete="CASCADE")
    text = TextField()  # free text, in Swedish when the coach writes it
    phrases = TextField(default="")  # the phrasebook's chosen phrases: phrasebook.dumps
    created_at = DateTimeField(default=utcnow)
    read_at = DateTimeField(null=True)  # when the participant confirmed "Jag har läst"

    class Meta:
        table_name = "feedback"


class InternalNote(BaseModel):
    """A coach's note that the participant is told exists but never reads."""

    participant = ForeignKeyField(User, backref="internal_notes", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL")
    text = TextField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "internal_note"


class Agreement(BaseModel):
    """Step 1: the referral, the three-party meeting and what was agreed."""

    participant = ForeignKeyField(User, unique=True, on_delete="CASCADE")
    referrer = CharField(max_length=30, default="")
    referrer_contact = CharField(max_length=200, default="")
    referred_on = DateField(null=True)
    meeting_on = DateField(null=True)
    present = TextField(default="")
    goals = TextField(default="")
    roles = TextField(default="")
    expectations = TextField(default="")
    reach = TextField(default="")
    secrecy_explained_on = DateField(null=True)  # tystnadsplikt explained
    rules_given_on = DateField(null=True)  # regler och policy handed over
    if_ill = TextField(default="")
    if_crisis = TextField(default="")
    if_placement_fails = TextField(default="")
    # Prepared sentences chosen for a part (phrasebook JSON), read in the participant's language.
    expectations_phrases = TextField(default="")
    if_ill_phrases = TextField(default="")
    if_crisis_phrases = TextField(default="")
    if_placement_fails_phrases = TextField(default="")
    updated_at = DateTimeField(default=utcnow)
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    read_at = DateTimeField(null=True)

    class Meta:
        table_name = "agreement"


class Referral(BaseModel):
    """Step 1 before any login exists: a commissioner's request (förfrågan, anmälan) about a
    person. It becomes a case when the person says yes (`participant` is then set); a declined
    or withdrawn referral is kept as such until the retention time has passed."""

    coach = ForeignKeyField(User, backref="referrals", on_delete="RESTRICT")
    participant = ForeignKeyField(User, null=True, unique=True, backref="referral_rows",
                                  on_delete="CASCADE")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    received_on = DateField()
    commissioner = CharField(max_length=30)  # catalogues.COMMISSIONERS
    commissioner_unit = CharField(max_length=100, default="")
    case_number = CharField(max_length=50, default="")
    handler_name = CharField(max_length=100, default="")
    handler_phone = CharField(max_length=40, default="")
    handler_email = CharField(max_length=200, default="")
    purpose = TextField(default="")
    target_groups = CharField(max_length=200, default="")  # catalogues.TARGET_GROUPS, by commas
    income_at_start = CharField(max_length=30, default="")  # catalogues.INCOME_SOURCES
    wants_work = CharField(max_length=10, default="")  # catalogues.WISH_TO_WORK
    interpreter = BooleanField(default=False)
    interpreter_language = CharField(max_length=60, default="")
    support_need = CharField(max_length=10, default="")  # catalogues.SUPPORT_NEEDS
    name = CharField(max_length=100)
    personnummer = CharField(max_length=13, default="")  # YYYYMMDD-XXXX or YYYYMMDD
    phone = CharField(max_length=40, default="")
    email = CharField(max_length=200, default="")
    address = TextField(default="")
    locale = CharField(max_length=10, default="sv")
    status = CharField(max_length=10, default="open", index=True)  # catalogues.REFERRAL_STATUSES
    status_on = DateField(null=True)
    status_reason = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "referral"


class Consent(BaseModel):
    """A consent to share information with one partner: given, read, maybe withdrawn."""

    participant = ForeignKeyField(User, backref="consents", on_delete="CASCADE")
    partner = CharField(max_length=30)
    partner_name = CharField(max_length=100, default="")
    what = TextField()
    recipient = CharField(max_length=200, default="")  # the person or unit who gets or gives it
    direction = CharField(max_length=10, default="to")
    purpose = TextField(default="")
    given_on = DateField()
    how = CharField(max_length=10)
    starts_on = DateField(null=True)  # empty in consents written before it was asked: given_on
    ends_on = DateField(null=True)
    review_on = DateField(null=True)
    withdrawn_on = DateField(null=True)
    withdraw_asked_at = DateTimeField(null=True)
    read_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "consent"


class Message(BaseModel):
    """One message in the thread between a participant and their coach."""

    participant = ForeignKeyField(User, backref="messages", on_delete="CASCADE")
    sender = ForeignKeyField(User, null=True, on_delete="SET NULL")
    text = TextField()  # free text, in Swedish when the coach writes it
    phrases = TextField(default="")  # the phrasebook's chosen phrases: phrasebook.dumps
    created_at = DateTimeField(default=utcnow)
    read_at = DateTimeField(null=True)  # by the other side

    class Meta:
        table_name = "message"


class Employer(BaseModel):
    """An employer in the unit's shared register."""

    name = CharField(max_length=120)
    sector = CharField(max_length=20)
    address = CharField(max_length=200, default="")
    notes = TextField(default="")
    tags = CharField(max_length=200, default="")  # comma-separated, lower case
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "employer"


class EmployerPerson(BaseModel):
    """A contact person at an employer."""

    employer = ForeignKeyField(Employer, backref="people", on_delete="CASCADE")
    name = CharField(max_length=100)
    role = CharField(max_length=100, default="")
    phone = CharField(max_length=40, default="")
    email = CharField(max_length=120, default="")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "employer_person"


class EmployerEvent(BaseModel):
    """One contact with an employer: when, how, who, and what came of it."""

    employer = ForeignKeyField(Employer, backref="events", on_delete="CASCADE")
    coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
    day = DateField()
    kind = CharField(max_length=20)
    outcome = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "employer_event"


class Position(BaseModel):
    """A workplace analysis of one position at an employer (JSON answers, see employers)."""

    employer = ForeignKeyField(Employer, backref="positions", on_delete="CASCADE")
    analysis = TextField(default="{}")
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "position"


class Lead(BaseModel):
    """A job-search lead for one participant at one employer, and how far it has come."""

    participant = ForeignKeyField(User, backref="leads", on_delete="CASCADE")
    employer = ForeignKeyField(Employer, backref="leads", on_delete="CASCADE")
    kind = CharField(max_length=20)
    day = DateField(null=True)
    status = CharField(max_length=20, default="idea")
    end_reason = CharField(max_length=20, default="")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    updated_at = DateTimeField(default=utcnow)
    # The position at the employer the lead is about, if its workplace analysis is made.
    position = ForeignKeyField(Position, null=True, on_delete="SET NULL", backref="leads")
    reached = TextField(default="{}")  # JSON: status -> the ISO date the lead reached it

    class Meta:
        table_name = "lead"


class Placement(BaseModel):
    """A participant's placement at one employer: its implementation plan and attendance."""

    participant = ForeignKeyField(User, backref="placements", on_delete="CASCADE")
    employer = ForeignKeyField(Employer, backref="placements", on_delete="CASCADE")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    ended_on = DateField(null=True)  # the day it really ended, whatever the plan said

    class Meta:
        table_name = "placement"


class PlanVersion(BaseModel):
    """One unchangeable version of a placement's implementation plan (genomförandeplan)."""

    placement = ForeignKeyField(Placement, backref="versions", on_delete="CASCADE")
    number = IntegerField()
    start_on = DateField()
    end_on = DateField(null=True)
    terms = CharField(max_length=20)  # the economic terms, catalogues.TERMS
    paid_hours = SmallIntegerField(default=0)  # paid hours a week
    followup_weeks = SmallIntegerField(default=0)  # a follow-up every so many weeks; 0 for none
    # A schedule that thins out or intensifies: after this many weeks from the start, a follow-up
    # every `followup_later_weeks` weeks instead; both empty when the schedule never changes.
    followup_change_week = SmallIntegerField(null=True)
    followup_later_weeks = SmallIntegerField(null=True)
    texts = TextField(default="{}")  # JSON: purpose, goals, tasks, adaptations... (plans.TEXTS)
    planned_hours = TextField(default="[]")  # JSON: hours planned Monday to Sunday ("" for none)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "plan_version"
        indexes = ((("placement", "number"), True),)


class Attendance(BaseModel):
    """One day of a placement: present, absent, sick or on leave, with hours."""

    placement = ForeignKeyField(Placement, backref="days", on_delete="CASCADE")
    day = DateField()
    status = CharField(max_length=10)  # catalogues.ATTENDANCE
    hours = DecimalField(max_digits=4, decimal_places=1, default=0)
    marked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    confirmed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    confirmed_at = DateTimeField(null=True)
    notified_on = DateField(null=True)  # an absence: when the coach told the commissioner

    class Meta:
        table_name = "attendance"
        indexes = ((("placement", "day"), True),)


class Report(BaseModel):
    """A progress report (lägesrapport) or closing report (slutrapport) to the commissioner:
    a draft the coach writes, and once sent an unchangeable copy with when and to whom."""

    participant = ForeignKeyField(User, backref="reports", on_delete="CASCADE")
    kind = CharField(max_length=10)  # reports.KINDS
    number = IntegerField()  # in order, per participant and kind
    period_start = DateField(null=True)
    period_end = DateField(null=True)
    texts = TextField(default="{}")  # JSON: the coach's own words (reports.TEXTS)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # Set when sent; after that nothing in the row changes.
    sent_on = DateField(null=True)
    sent_to = CharField(max_length=200, default="")
    sent_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    mandate = TextField(default="")  # the commissioner's mandate, when sent without a consent
    content = TextField(default="")  # JSON: what the report said when it was sent

    class Meta:
        table_name = "report"
        indexes = ((("participant", "kind", "number"), True),)


class RecoveryCode(BaseModel):
    """A one-time code for two-step login when the phone is lost; only its hash is kept."""

    user = ForeignKeyField(User, backref="recovery_codes", on_delete="CASCADE")
    code_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "recovery_code"


class UserSession(BaseModel):
    """A logged-in browser. The browser's session holds a random key; only its hash is kept."""

    user = ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    key_hash = CharField(max_length=64, unique=True)
    epoch = IntegerField()  # the user's session_epoch at login; a raised epoch ends the session
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow, index=True)
    user_agent = CharField(max_length=200, default="")
    address = CharField(max_length=45, default="")
    # Secrets this browser needs for a while, kept here because the cookie can be read: the
    # code of the login card it made last (until used), and a two-step secret being set up.
    card_code = CharField(max_length=12, null=True)
    totp_setup = CharField(max_length=64, null=True)

    class Meta:
        table_name = "user_session"


class Setting(BaseModel):
    """A setting of the unit that an administrator changes, such as requiring two-step login."""

    key = CharField(max_length=40, primary_key=True)
    value = TextField()

    class Meta:
        table_name = "setting"

    @classmethod
    def value_of(cls, key, default=""):
        row = _SETTING.first(key)
        return row.value if row else default

    @classmethod
    def put(cls, key, value):
        upsert(cls, ("key",), key=key, value=value)


# Staff pages ask for the two-step rule on every request.
_SETTING = Prepared(lambda key: Setting.select().where(Setting.key == key).limit(1))


class RecordedVoice(BaseModel):
    """A person's recorded voice reading one fixed participant text in one language.

    `key` is speech.keys.text_key of the text it was recorded for: when the translation changes,
    the text's key changes and the recording is out of date (it is kept, but never played)."""

    RECORDED, APPROVED = "recorded", "approved"

    locale = CharField(max_length=8)
    msgid = TextField()  # the text's English source, as in the catalogue
    context = CharField(max_length=80, default="")  # the catalogue's context, "" for none
    text = TextField()  # the words as they read when recorded
    key = CharField(max_length=32, index=True)
    audio = BlobField()  # Ogg Opus
    seconds = DecimalField(max_digits=6, decimal_places=1)
    status = CharField(max_length=10, default=RECORDED)
    recorded_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    recorded_at = DateTimeField(default=utcnow)
    approved_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    approved_at = DateTimeField(null=True)

    class Meta:
        table_name = "recording"
        indexes = ((("locale", "msgid", "context"), True),)

    # How many times this process has saved or deleted a recording: what it keeps of the
    # approved ones (speech.recorded.approved_keys) is read again after each.
    changes = 0

    def save(self, *args, **kwargs):
        saved = super().save(*args, **kwargs)
        RecordedVoice.changes += 1
        return saved

    def delete_instance(self, *args, **kwargs):
        deleted = super().delete_instance(*args, **kwargs)
        RecordedVoice.changes += 1
        return deleted


class SpokenText(BaseModel):
    """Speech made on this server, kept so that it is made once. Fixed texts are shared;
    texts written at run time (a message, a name) belong to the participant whose page they
    were on and go when the participant is erased."""

    key = CharField(max_length=64, primary_key=True)  # speech.keys: locale, voice and words
    locale = CharField(max_length=8)
    participant = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
    audio = BlobField()  # Ogg Opus
    made_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "spoken_text"


class Revision(BaseModel):
    """The earlier version of a row that its writer corrected (see corrections.py): which row,
    the changed columns' values before the correction, who corrected it and when."""

    record = CharField(max_length=40)  # the corrected row's table
    record_id = IntegerField()
    # Whom the row is about, so the revision goes when they are erased; None for the register.
    participant = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
    earlier = TextField()  # JSON: column -> value before the correction
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "revision"
        indexes = ((("record", "record_id"), False),)


class Meeting(BaseModel):
    """A meeting the coach booked with a participant, the participant's answer, and the
    follow-up it became afterwards. A cancelled meeting stays, marked as cancelled."""

    participant = ForeignKeyField(User, backref="meetings", on_delete="CASCADE")
    coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    kind = CharField(max_length=20)  # catalogues.MEETING_KINDS
    starts_at = DateTimeField(index=True)  # UTC, as every stored time
    minutes = SmallIntegerField(default=60)
    place = CharField(max_length=20)  # catalogues.MEETING_PLACES
    address = CharField(max_length=200, default="")  # an address or a meeting point
    who = CharField(max_length=200, default="")  # who takes part, besides the two
    interpreter = BooleanField(default=False)
    interpreter_language = CharField(max_length=60, default="")
    cancelled_at = DateTimeField(null=True)
    answer = CharField(max_length=12, default="")  # catalogues.MEETING_ANSWERS, "" before
    answer_reason = CharField(max_length=12, default="")  # catalogues.MEETING_REASONS
    answered_at = DateTimeField(null=True)
    followup = ForeignKeyField(FollowUp, null=True, on_delete="SET NULL", backref="+")
    # A note for the participant: the phrasebook's chosen phrases (phrasebook.dumps) and free
    # Swedish text.
    note_phrases = TextField(default="")
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "meeting"


class CalendarFeed(BaseModel):
    """A coach's private calendar address: only a hash of its secret is kept. A new one
    replaces the old, which then stops working."""

    coach = ForeignKeyField(User, unique=True, on_delete="CASCADE", backref="+")
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "calendar_feed"


class OutboxMessage(BaseModel):
    """An e-mail or SMS to send, written in the same transaction as the change that causes it
    and sent by `flask send-outbox` (outbox.py). `message_id` is unique: queuing the same id
    twice queues one message, and the id goes with the message (Message-ID, the SMS reference)."""

    EMAIL, SMS = "email", "sms"
    WAITING, SENDING, SENT, UNKNOWN, FAILED = "waiting", "sending", "sent", "unknown", "failed"

    message_id = CharField(max_length=100, unique=True)
    user = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
    channel = CharField(max_length=5)
    address = CharField(max_length=200)
    kind = CharField(max_length=20)  # what it is about (notices.KINDS)
    subject = CharField(max_length=200, default="")
    text = TextField(default="")  # emptied once sent
    html = TextField(default="")  # emptied once sent
    status = CharField(max_length=10, default=WAITING, index=True)
    due_at = DateTimeField(default=utcnow, index=True)
    attempts = SmallIntegerField(default=0)
    claimed_at = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    last_error = CharField(max_length=200, default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "outbox_message"


class PasswordReset(BaseModel):
    """A link to set a new password, sent by e-mail; only a hash of its secret is kept."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    token_hash = CharField(max_length=64, unique=True)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "password_reset"


class Handover(BaseModel):
    """A participant handed over to another coach (Case.coach is the new one), with a note for
    the new coach. The old coach may read the record, not change it, until `read_until`."""

    participant = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    from_coach = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    to_coach = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    made_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    note = TextField(default="")
    read_until = DateField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "handover"


class Cover(BaseModel):
    """A substitute who sees and works on a coach's caseload from `first_day` to `last_day`
    (leave, illness)."""

    coach = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    substitute = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    first_day = DateField()
    last_day = DateField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "cover"


MODELS = [User, OutcomeRow, ErasedSpan, Case, ProfileAnswer, ProfileVersion, JobCard, CardPicture,
          CardChoice, Activity,
          StepChange, FollowUp, AccessLog, Feedback, InternalNote, Agreement, Consent, Message,
          Employer, EmployerPerson, EmployerEvent, Position, Lead, Placement, PlanVersion,
          Attendance, RecoveryCode, UserSession, Setting, RecordedVoice, SpokenText, SpokenAnswer,
          SharedSpokenAnswer, Referral, Report, Revision, BenefitsCounselling, Meeting, CalendarFeed,
          OutboxMessage, PasswordReset, Handover, Cover]
