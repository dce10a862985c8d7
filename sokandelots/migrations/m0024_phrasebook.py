"""The phrasebook: a message keeps the prepared sentences the coach chose, beside its free text."""
from peewee import TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("message", "phrases", TextField(default="")))
