"""The participant's profile: draft answers, shared versions, and the "also in Swedish" choice."""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def migrate(db, migrator):
    class User(Model):
        class Meta:
            table_name = "user"

    class ProfileAnswer(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        question = CharField(max_length=40)
        value = TextField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "profile_answer"
            indexes = ((("participant", "question"), True),)

    class ProfileVersion(Model):
        participant = ForeignKeyField(User, on_delete="CASCADE")
        number = IntegerField()
        shared_at = DateTimeField()
        answers = TextField()

        class Meta:
            table_name = "profile_version"
            indexes = ((("participant", "number"), True),)

    with db.bind_ctx([User, ProfileAnswer, ProfileVersion]):
        db.create_tables([ProfileAnswer, ProfileVersion])
    from playhouse.migrate import migrate as run
    run(migrator.add_column("user", "show_swedish", BooleanField(default=False)))
