"""Statistics that stay the same after an erasure: the day-by-day figures an erased case added,
kept without a name, and the referral's target groups, support need and income on the anonymous
outcome rows, with the income when a case closes."""
from peewee import BooleanField, CharField, DateField, Model, SmallIntegerField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class ErasedSpan(Model):
        kind = CharField(max_length=5)
        first_day = DateField()
        last_day = DateField(null=True)
        step = SmallIntegerField(null=True)
        out_of_work_at_start = BooleanField(default=False)
        first_job_on = DateField(null=True)

        class Meta:
            table_name = "erased_span"

    with db.bind_ctx([ErasedSpan]):
        db.create_tables([ErasedSpan])
    # The single target group was never filled in: a referral can name several.
    run(migrator.drop_column("outcome_row", "target_group"),
        migrator.add_column("outcome_row", "target_groups", CharField(max_length=200, default="")),
        migrator.add_column("outcome_row", "support_need", CharField(max_length=10, default="")),
        migrator.add_column("outcome_row", "income_at_start", CharField(max_length=30, default="")),
        migrator.add_column("outcome_row", "income_at_end", CharField(max_length=30, default="")),
        migrator.add_column("case", "income_at_end", CharField(max_length=30, default="")))
