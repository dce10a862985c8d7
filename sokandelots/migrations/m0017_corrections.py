"""Records that can be corrected: the earlier version of each corrected row, who wrote each
employer contact person, and a job lead's position and the day it reached each status."""
from peewee import (CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Position(Model):
        class Meta:
            table_name = "position"

    class Revision(Model):
        record = CharField(max_length=40)
        record_id = IntegerField()
        participant = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
        earlier = TextField()
        author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        created_at = DateTimeField()

        class Meta:
            table_name = "revision"
            indexes = ((("record", "record_id"), False),)

    with db.bind_ctx([Revision]):
        db.create_tables([Revision])
    run(migrator.add_column("employer_person", "created_by_id", ForeignKeyField(
            User, field=User.id, null=True, on_delete="SET NULL", backref="+")),
        migrator.add_column("lead", "position_id", ForeignKeyField(
            Position, field=Position.id, null=True, on_delete="SET NULL", backref="+")),
        migrator.add_column("lead", "reached", TextField(default="{}")))
