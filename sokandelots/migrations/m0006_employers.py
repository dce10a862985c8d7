"""The employer register, contact people and contacts, workplace analyses and job-search leads."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model, TextField


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class Employer(Model):
        name = CharField(max_length=120)
        sector = CharField(max_length=20)
        address = CharField(max_length=200, default="")
        notes = TextField(default="")
        tags = CharField(max_length=200, default="")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            table_name = "employer"

    class EmployerPerson(Model):
        employer = ForeignKeyField(Employer, on_delete="CASCADE")
        name = CharField(max_length=100)
        role = CharField(max_length=100, default="")
        phone = CharField(max_length=40, default="")
        email = CharField(max_length=120, default="")

        class Meta:
            table_name = "employer_person"

    class EmployerEvent(Model):
        employer = ForeignKeyField(Employer, on_delete="CASCADE")
        coach = ForeignKeyField(User, null=True, on_delete="SET NULL")
        day = DateField()
        kind = CharField(max_length=20)
        outcome = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            table_name = "employer_event"

    class Position(Model):
        employer = ForeignKeyField(Employer, on_delete="CASCADE")
        analysis = TextField(default="{}")
        updated_at = DateTimeField()

        class Meta:
            table_name = "position"

    class Lead(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        employer = ForeignKeyField(Employer, on_delete="CASCADE")
        kind = CharField(max_length=20)
        day = DateField(null=True)
        status = CharField(max_length=20, default="idea")
        end_reason = CharField(max_length=20, default="")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        updated_at = DateTimeField()

        class Meta:
            table_name = "lead"

    tables = [Employer, EmployerPerson, EmployerEvent, Position, Lead]
    with db.bind_ctx([User, *tables]):
        db.create_tables(tables)
