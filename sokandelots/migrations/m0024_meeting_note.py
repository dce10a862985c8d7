"""A meeting keeps a note for the participant: the prepared sentences the coach chose, and free
Swedish text."""
from peewee import TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("meeting", "note_phrases", TextField(default="")),
        migrator.add_column("meeting", "note", TextField(default="")))
