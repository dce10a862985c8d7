"""Hearing every word: recorded voices for the fixed participant texts, and the speech this server
has made, kept so that it is made once."""
from peewee import (BlobField, CharField, DateTimeField, DecimalField, ForeignKeyField, Model,
                    TextField)


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Recording(Model):
        locale = CharField(max_length=8)
        msgid = TextField()
        context = CharField(max_length=80, default="")
        text = TextField()
        key = CharField(max_length=32, index=True)
        audio = BlobField()
        seconds = DecimalField(max_digits=6, decimal_places=1)
        status = CharField(max_length=10, default="recorded")
        recorded_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        recorded_at = DateTimeField()
        approved_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        approved_at = DateTimeField(null=True)

        class Meta:
            table_name = "recording"
            indexes = ((("locale", "msgid", "context"), True),)

    class SpokenText(Model):
        key = CharField(max_length=64, primary_key=True)
        locale = CharField(max_length=8)
        participant = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
        audio = BlobField()
        made_at = DateTimeField()

        class Meta:
            table_name = "spoken_text"

    with db.bind_ctx([Recording, SpokenText]):
        db.create_tables([Recording, SpokenText])
