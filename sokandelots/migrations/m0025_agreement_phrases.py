"""The agreement keeps the prepared sentences the coach chose for its expectations and for each
situation, beside the free text."""
from peewee import TextField
from playhouse.migrate import migrate as run

PARTS = ("expectations", "if_ill", "if_crisis", "if_placement_fails")


def migrate(db, migrator):
    run(*(migrator.add_column("agreement", f"{part}_phrases", TextField(default=""))
          for part in PARTS))
