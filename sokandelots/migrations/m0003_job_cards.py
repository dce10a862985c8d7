"""Job cards: the administrator's cards, each participant's choices, activities, and sharing them."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, Model,
                    TextField)
from playhouse.migrate import migrate as run


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class JobCard(Model):
        key = CharField(max_length=40, unique=True)
        hidden = BooleanField(default=False)
        picture = CharField(max_length=80, null=True)
        tags = TextField(null=True)
        texts = TextField(default="{}")
        updated_at = DateTimeField()

        class Meta:
            table_name = "job_card"

    class CardChoice(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        card = CharField(max_length=40)
        answer = CharField(max_length=10, null=True)
        want_more = BooleanField(default=False)
        tried = BooleanField(default=False)
        note = TextField(default="")
        updated_at = DateTimeField()

        class Meta:
            table_name = "card_choice"
            indexes = ((("participant", "card"), True),)

    class Activity(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        added_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        kind = CharField(max_length=20)
        place = CharField(max_length=100, default="")
        day = DateField(null=True)
        note = TextField(default="")
        card = CharField(max_length=40, null=True)
        reflection = TextField(default="{}")
        reflected_at = DateTimeField(null=True)
        coach_reflection = TextField(default="")
        coach_reflected_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "activity"

    with db.bind_ctx([User, JobCard, CardChoice, Activity]):
        db.create_tables([JobCard, CardChoice, Activity])
    run(migrator.add_column("profile_version", "cards", TextField(default="{}")),
        migrator.add_column("profile_version", "activities", TextField(default="[]")))
