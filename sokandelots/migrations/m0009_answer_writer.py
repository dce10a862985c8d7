"""Which open page last saved a profile answer, so a page's own quick saves never look like
someone else's change."""
from peewee import CharField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("profile_answer", "saved_by_page", CharField(max_length=32, default="")))
