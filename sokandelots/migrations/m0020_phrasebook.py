"""The phrasebook: a message and feedback keep the prepared sentences the coach chose, beside its free text."""
from peewee import TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("message", "phrases", TextField(default="")),
        migrator.add_column("feedback", "phrases", TextField(default="")))
