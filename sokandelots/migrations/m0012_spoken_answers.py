"""Answers by voice: a participant's spoken answer to a question, and each shared version's own
copy of the spoken answers it was shared with."""
from peewee import (BlobField, BooleanField, CharField, DateTimeField, DecimalField,
                    ForeignKeyField, Model)


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class ProfileVersion(Model):
        class Meta:
            table_name = "profile_version"

    class SpokenAnswer(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        question = CharField(max_length=40)
        audio = BlobField()
        seconds = DecimalField(max_digits=5, decimal_places=1)
        recorded_at = DateTimeField()
        together = BooleanField(default=False)

        class Meta:
            table_name = "spoken_answer"
            indexes = ((("participant", "question"), True),)

    class SharedSpokenAnswer(Model):
        version = ForeignKeyField(ProfileVersion, on_delete="CASCADE", backref="+")
        question = CharField(max_length=40)
        audio = BlobField()
        seconds = DecimalField(max_digits=5, decimal_places=1)
        recorded_at = DateTimeField()

        class Meta:
            table_name = "shared_spoken_answer"
            indexes = ((("version", "question"), True),)

    with db.bind_ctx([SpokenAnswer, SharedSpokenAnswer]):
        db.create_tables([SpokenAnswer, SharedSpokenAnswer])
