"""The method's time rules: step 5 as its own state, benefits counselling, and anonymous outcome
rows that keep the statistics when a participant is erased."""
from peewee import (CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    SmallIntegerField, TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class OutcomeRow(Model):
        kind = CharField(max_length=10)
        year = SmallIntegerField()
        month = SmallIntegerField()
        outcome = CharField(max_length=20, default="")
        commissioner = CharField(max_length=30, default="")
        coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        gender = CharField(max_length=10, default="")
        age_band = CharField(max_length=10, default="")
        target_group = CharField(max_length=30, default="")
        days_to_employer_contact = IntegerField(null=True)
        days_to_benefits_counselling = IntegerField(null=True)
        followup_months = SmallIntegerField(null=True)

        class Meta:
            table_name = "outcome_row"

    class BenefitsCounselling(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        coach = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        day = DateField()
        note = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            table_name = "benefits_counselling"

    with db.bind_ctx([OutcomeRow, BenefitsCounselling]):
        db.create_tables([OutcomeRow, BenefitsCounselling])
    run(migrator.add_column("case", "in_work_since", DateField(null=True)),
        migrator.add_column("case", "gender", CharField(max_length=10, default="")),
        migrator.add_column("case", "birth_year", SmallIntegerField(null=True)),
        migrator.add_column("case", "outcome_row_id", ForeignKeyField(
            OutcomeRow, OutcomeRow.id, null=True, on_delete="SET NULL")))
