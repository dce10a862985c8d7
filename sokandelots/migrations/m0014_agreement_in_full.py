"""The agreement in full: confidentiality explained and rules handed over (each with its date),
and what to do when the participant is ill, in crisis or the placement goes wrong."""
from peewee import DateField, TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("agreement", "secrecy_explained_on", DateField(null=True)),
        migrator.add_column("agreement", "rules_given_on", DateField(null=True)),
        migrator.add_column("agreement", "if_ill", TextField(default="")),
        migrator.add_column("agreement", "if_crisis", TextField(default="")),
        migrator.add_column("agreement", "if_placement_fails", TextField(default="")))
