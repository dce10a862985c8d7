"""Secrets a browser needs for a moment (the code of a login card it just made, a two-step
secret being set up) are kept in its session row on the server, not in its cookie."""
from peewee import CharField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    run(migrator.add_column("user_session", "card_code", CharField(max_length=12, null=True)),
        migrator.add_column("user_session", "totp_setup", CharField(max_length=64, null=True)))
