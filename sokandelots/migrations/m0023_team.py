"""The team: handovers to another coach (with a note and a time the old coach may still read)
and cover by a substitute for a period."""
from peewee import (AutoField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)


class User(Model):
    id = IntegerField(primary_key=True)

    class Meta:
        table_name = "user"


class Handover(Model):
    id = AutoField()
    participant = ForeignKeyField(User, on_delete="CASCADE")
    from_coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
    to_coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
    made_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    note = TextField(default="")
    read_until = DateField()
    created_at = DateTimeField()

    class Meta:
        table_name = "handover"


class Cover(Model):
    id = AutoField()
    coach = ForeignKeyField(User, on_delete="CASCADE")
    substitute = ForeignKeyField(User, on_delete="CASCADE")
    first_day = DateField()
    last_day = DateField()
    created_at = DateTimeField()

    class Meta:
        table_name = "cover"


def migrate(db, migrator):
    with db.bind_ctx([User, Handover, Cover]):
        db.create_tables([Handover, Cover])
