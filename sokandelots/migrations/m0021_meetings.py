"""Meetings a coach books with a participant, and the coach's private calendar address."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, Model,
                    SmallIntegerField)


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class FollowUp(Model):
        class Meta:
            table_name = "followup"

    class Meeting(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        kind = CharField(max_length=20)
        starts_at = DateTimeField(index=True)
        minutes = SmallIntegerField(default=60)
        place = CharField(max_length=20)
        address = CharField(max_length=200, default="")
        who = CharField(max_length=200, default="")
        interpreter = BooleanField(default=False)
        interpreter_language = CharField(max_length=60, default="")
        cancelled_at = DateTimeField(null=True)
        answer = CharField(max_length=12, default="")
        answer_reason = CharField(max_length=12, default="")
        answered_at = DateTimeField(null=True)
        followup = ForeignKeyField(FollowUp, null=True, on_delete="SET NULL", backref="+")
        created_at = DateTimeField()

        class Meta:
            table_name = "meeting"

    class CalendarFeed(Model):
        coach = ForeignKeyField(User, unique=True, on_delete="CASCADE", backref="+")
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "calendar_feed"

    with db.bind_ctx([Meeting, CalendarFeed]):
        db.create_tables([Meeting, CalendarFeed])
