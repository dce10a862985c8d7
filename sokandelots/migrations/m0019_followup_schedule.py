"""A follow-up schedule that thins out or intensifies: a plan's later follow-up interval and the
week from which it applies."""
from peewee import SmallIntegerField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("plan_version", "followup_change_week", SmallIntegerField(null=True)),
        migrator.add_column("plan_version", "followup_later_weeks", SmallIntegerField(null=True)))
