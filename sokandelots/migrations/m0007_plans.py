"""Placements with versioned implementation plans and attendance; case outcomes."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, Model, SmallIntegerField, TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Employer(Model):
        class Meta:
            table_name = "employer"

    class Placement(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        employer = ForeignKeyField(Employer, on_delete="CASCADE")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        ended_on = DateField(null=True)

        class Meta:
            table_name = "placement"

    class PlanVersion(Model):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        number = IntegerField()
        start_on = DateField()
        end_on = DateField(null=True)
        terms = CharField(max_length=20)
        paid_hours = SmallIntegerField(default=0)
        followup_weeks = SmallIntegerField(default=0)
        texts = TextField(default="{}")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            table_name = "plan_version"
            indexes = ((("placement", "number"), True),)

    class Attendance(Model):
        placement = ForeignKeyField(Placement, on_delete="CASCADE")
        day = DateField()
        status = CharField(max_length=10)
        hours = DecimalField(max_digits=4, decimal_places=1, default=0)
        marked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        confirmed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        confirmed_at = DateTimeField(null=True)

        class Meta:
            table_name = "attendance"
            indexes = ((("placement", "day"), True),)

    run(migrator.add_column("case", "out_of_work_at_start", BooleanField(default=True)),
        migrator.add_column("case", "outcome", CharField(max_length=20, default="")),
        migrator.add_column("case", "outcome_on", DateField(null=True)))
    tables = [Placement, PlanVersion, Attendance]
    with db.bind_ctx([User, Employer, *tables]):
        db.create_tables(tables)
