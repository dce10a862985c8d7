"""Referrals (förfrågan, anmälan): a commissioner's request about a person, before any login
exists; it becomes a case when the person says yes."""
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Referral(Model):
        coach = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
        participant = ForeignKeyField(User, null=True, unique=True, on_delete="CASCADE",
                                      backref="+")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        received_on = DateField()
        commissioner = CharField(max_length=30)
        commissioner_unit = CharField(max_length=100, default="")
        case_number = CharField(max_length=50, default="")
        handler_name = CharField(max_length=100, default="")
        handler_phone = CharField(max_length=40, default="")
        handler_email = CharField(max_length=200, default="")
        purpose = TextField(default="")
        target_groups = CharField(max_length=200, default="")
        income_at_start = CharField(max_length=30, default="")
        wants_work = CharField(max_length=10, default="")
        interpreter = BooleanField(default=False)
        interpreter_language = CharField(max_length=60, default="")
        support_need = CharField(max_length=10, default="")
        name = CharField(max_length=100)
        personnummer = CharField(max_length=13, default="")
        phone = CharField(max_length=40, default="")
        email = CharField(max_length=200, default="")
        address = TextField(default="")
        locale = CharField(max_length=10, default="sv")
        status = CharField(max_length=10, default="open", index=True)
        status_on = DateField(null=True)
        status_reason = TextField(default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "referral"

    with db.bind_ctx([Referral]):
        db.create_tables([Referral])
