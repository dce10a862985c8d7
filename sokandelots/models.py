"""Peewee models. Schema changes go into a new module in `migrations/` as well."""
from datetime import datetime, timezone

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, Model, SmallIntegerField, TextField)

from .db import db


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db


class User(BaseModel):
    PARTICIPANT, COACH, ADMIN = "participant", "coach", "admin"
    ROLES = (PARTICIPANT, COACH, ADMIN)

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

    class Meta:
        table_name = "user"

    @classmethod
    def by_username(cls, username):
        return cls.get_or_none(cls.username == username.strip().lower())

    @classmethod
    def staff(cls):
        return cls.select().where(cls.role != cls.PARTICIPANT).order_by(cls.role, cls.username)


class Case(BaseModel):
    """A participant's case: who coaches them, for which commissioner, in which step."""

    STATUSES = ("active", "paused", "closed")

    participant = ForeignKeyField(User, unique=True, backref="case_rows", on_delete="CASCADE")
    coach = ForeignKeyField(User, backref="caseload", on_delete="RESTRICT")
    commissioner = CharField(max_length=30)
    step = SmallIntegerField(default=1)
    status = CharField(max_length=10, default="active")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "case"

    @classmethod
    def for_coach(cls, coach):
        return (cls.select(cls, User).join(User, on=cls.participant)
                .where(cls.coach == coach).order_by(User.display_name))

    @classmethod
    def of_coach(cls, coach, participant_id):
        """The case of one participant, only if `coach` coaches them; else None."""
        return (cls.select(cls, User).join(User, on=cls.participant)
                .where(cls.coach == coach, cls.participant == participant_id).first())


class ProfileAnswer(BaseModel):
    """One answer in a participant's draft profile; `value` is JSON (see profile.answers)."""

    participant = ForeignKeyField(User, backref="profile_answers", on_delete="CASCADE")
    question = CharField(max_length=40)
    value = TextField()
    updated_at = DateTimeField(default=utcnow)

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


MODELS = [User, Case, ProfileAnswer, ProfileVersion, JobCard, CardChoice, Activity]
