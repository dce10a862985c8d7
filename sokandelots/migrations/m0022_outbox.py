"""Reminders and notices: a person's contact ways (e-mail, mobile, how to be told, a coach's
morning e-mail), the outbox of e-mails and SMS to send, and password reset links."""
from peewee import (CharField, DateTimeField, ForeignKeyField, Model, SmallIntegerField,
                    TextField)


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class OutboxMessage(Model):
        message_id = CharField(max_length=100, unique=True)
        user = ForeignKeyField(User, null=True, on_delete="CASCADE", backref="+")
        channel = CharField(max_length=5)
        address = CharField(max_length=200)
        kind = CharField(max_length=20)
        subject = CharField(max_length=200, default="")
        text = TextField(default="")
        html = TextField(default="")
        status = CharField(max_length=10, default="waiting", index=True)
        due_at = DateTimeField(index=True)
        attempts = SmallIntegerField(default=0)
        claimed_at = DateTimeField(null=True)
        sent_at = DateTimeField(null=True)
        last_error = CharField(max_length=200, default="")
        created_at = DateTimeField()

        class Meta:
            table_name = "outbox_message"

    class PasswordReset(Model):
        user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
        token_hash = CharField(max_length=64, unique=True)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "password_reset"

    with db.bind_ctx([OutboxMessage, PasswordReset]):
        db.create_tables([OutboxMessage, PasswordReset])
    # Plain ADD COLUMN ... NOT NULL DEFAULT: the migrator would rebuild "user" on SQLite to add
    # NOT NULL, and dropping the old table there, with foreign keys on, deletes (by cascade)
    # every row that points at an account.
    for column, kind, default in (("email", "VARCHAR(200)", "''"),
                                  ("mobile", "VARCHAR(20)", "''"),
                                  ("notify_by", "VARCHAR(5)", "''"),
                                  ("morning_mail", "BOOLEAN", "FALSE")):
        db.execute_sql(f'ALTER TABLE "user" ADD COLUMN {column} {kind} NOT NULL DEFAULT {default}')
