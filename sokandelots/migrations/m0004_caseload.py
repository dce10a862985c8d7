"""The coach's records: step changes, follow-ups, the access log, and review state on the case."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField,
                    Model, SmallIntegerField, TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Case(Model):
        class Meta:
            table_name = "case"

    class StepChange(Model):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        step = SmallIntegerField()
        status = CharField(max_length=10)
        changed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        changed_at = DateTimeField()

        class Meta:
            table_name = "step_change"

    class FollowUp(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
        day = DateField()
        kind = CharField(max_length=20)
        with_whom = CharField(max_length=100, default="")
        note = TextField(default="")
        next_day = DateField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "followup"

    class AccessLog(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        endpoint = CharField(max_length=60)
        changed = BooleanField(default=False)
        created_at = DateTimeField(index=True)

        class Meta:
            table_name = "access_log"

    with db.bind_ctx([User, Case, StepChange, FollowUp, AccessLog]):
        db.create_tables([StepChange, FollowUp, AccessLog])
    run(migrator.add_column("case", "step_started_at", DateTimeField(null=True)),
        migrator.add_column("case", "reviewed_version", IntegerField(default=0)),
        migrator.add_column("case", "next_followup", DateField(null=True)))
