"""The agreement in full: confidentiality explained and rules handed over (each with its date),
and what to do when the participant is ill, in crisis or the placement goes wrong. Consents get a
recipient, a direction, a purpose, a start and an end or review date."""
from peewee import CharField, DateField, TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("agreement", "secrecy_explained_on", DateField(null=True)),
        migrator.add_column("agreement", "rules_given_on", DateField(null=True)),
        migrator.add_column("agreement", "if_ill", TextField(default="")),
        migrator.add_column("agreement", "if_crisis", TextField(default="")),
        migrator.add_column("agreement", "if_placement_fails", TextField(default="")),
        migrator.add_column("consent", "recipient", CharField(max_length=200, default="")),
        migrator.add_column("consent", "direction", CharField(max_length=10, default="to")),
        migrator.add_column("consent", "purpose", TextField(default="")),
        migrator.add_column("consent", "starts_on", DateField(null=True)),
        migrator.add_column("consent", "ends_on", DateField(null=True)),
        migrator.add_column("consent", "review_on", DateField(null=True)))
