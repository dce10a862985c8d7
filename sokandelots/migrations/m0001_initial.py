"""Users with a role, and each participant's case with one coach."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    Model, SmallIntegerField)


def migrate(db, migrator):
    class User(Model):
        username = CharField(max_length=40, unique=True)
        role = CharField(max_length=20, index=True)
        display_name = CharField(max_length=100)
        password_hash = CharField(max_length=255, null=True)
        setup_code_hash = CharField(max_length=64, null=True, unique=True)
        setup_code_expires = DateTimeField(null=True)
        locale = CharField(max_length=10, null=True)
        is_active = BooleanField(default=True)
        session_epoch = IntegerField(default=0)
        created_at = DateTimeField()
        last_login_at = DateTimeField(null=True)

        class Meta:
            table_name = "user"

    class Case(Model):
        participant = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        coach = ForeignKeyField(User, index=True, on_delete="RESTRICT")
        commissioner = CharField(max_length=30)
        step = SmallIntegerField(default=1)
        status = CharField(max_length=10, default="active")
        created_at = DateTimeField()

        class Meta:
            table_name = "case"

    with db.bind_ctx([User, Case]):
        db.create_tables([User, Case])
