"""Talking with the participant: feedback and replies, internal notes, the agreement, consents,
messages, and answers given together with the coach."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, Model,
                    TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Feedback(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        author = ForeignKeyField(User, null=True, on_delete="SET NULL")
        section = CharField(max_length=40, default="")
        reply_to = ForeignKeyField("self", null=True, on_delete="CASCADE")
        text = TextField()
        created_at = DateTimeField()
        read_at = DateTimeField(null=True)

        class Meta:
            table_name = "feedback"

    class InternalNote(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        author = ForeignKeyField(User, null=True, on_delete="SET NULL")
        text = TextField()
        created_at = DateTimeField()

        class Meta:
            table_name = "internal_note"

    class Agreement(Model):
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
        updated_at = DateTimeField()
        updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        read_at = DateTimeField(null=True)

        class Meta:
            table_name = "agreement"

    class Consent(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        partner = CharField(max_length=30)
        partner_name = CharField(max_length=100, default="")
        what = TextField()
        given_on = DateField()
        how = CharField(max_length=10)
        withdrawn_on = DateField(null=True)
        withdraw_asked_at = DateTimeField(null=True)
        read_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "consent"

    class Message(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        sender = ForeignKeyField(User, null=True, on_delete="SET NULL")
        text = TextField()
        created_at = DateTimeField()
        read_at = DateTimeField(null=True)

        class Meta:
            table_name = "message"

    tables = [Feedback, InternalNote, Agreement, Consent, Message]
    with db.bind_ctx([User, *tables]):
        db.create_tables(tables)
    run(migrator.add_column("profile_answer", "together", BooleanField(default=False)))
