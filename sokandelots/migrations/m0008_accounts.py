"""Hardened accounts: two-step login with recovery codes, server-side sessions, unit settings."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class RecoveryCode(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        code_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "recovery_code"

    class UserSession(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        key_hash = CharField(max_length=64, unique=True)
        epoch = IntegerField()
        created_at = DateTimeField()
        last_seen_at = DateTimeField(index=True)
        user_agent = CharField(max_length=200, default="")
        address = CharField(max_length=45, default="")

        class Meta:
            table_name = "user_session"

    class Setting(Model):
        key = CharField(max_length=40, primary_key=True)
        value = TextField()

        class Meta:
            table_name = "setting"

    run(migrator.add_column("user", "totp_secret", CharField(max_length=64, null=True)),
        migrator.add_column("user", "totp_last_step", IntegerField(default=0)))
    tables = [RecoveryCode, UserSession, Setting]
    with db.bind_ctx([User, *tables]):
        db.create_tables(tables)
