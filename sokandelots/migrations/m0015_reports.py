"""Reports to the commissioner: progress and closing reports that are kept as sent; the
commissioner's case number; planned hours a day in the plan; absences told to the commissioner."""
from peewee import (CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Report(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        kind = CharField(max_length=10)
        number = IntegerField()
        period_start = DateField(null=True)
        period_end = DateField(null=True)
        texts = TextField(default="{}")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        created_at = DateTimeField()
        updated_at = DateTimeField()
        sent_on = DateField(null=True)
        sent_to = CharField(max_length=200, default="")
        sent_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        mandate = TextField(default="")
        content = TextField(default="")

        class Meta:
            table_name = "report"
            indexes = ((("participant", "kind", "number"), True),)

    run(migrator.add_column("case", "commissioner_case_number", CharField(max_length=40, default="")),
        migrator.add_column("plan_version", "planned_hours", TextField(default="[]")),
        migrator.add_column("attendance", "notified_on", DateField(null=True)))
    with db.bind_ctx([User, Report]):
        db.create_tables([Report])
