"""Migrations: a new database gets the models' schema; an old one is upgraded without losing data."""
from sokandelots.db import db
from sokandelots.migrations import available, current_version, upgrade
from sokandelots.models import MODELS, User


def columns(table):
    return {column.name for column in db.get_columns(table)}


def test_migrations_are_numbered_without_gaps():
    numbers = [number for number, _ in available()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_new_database_has_every_model_column(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert current_version(db) == len(available())
        for model in MODELS:
            assert columns(model._meta.table_name) == {f.column_name for f in model._meta.sorted_fields}
        db.close()


def test_upgrade_from_the_first_migration_keeps_data(tmp_path):
    from helpers import make_app
    app = make_app(tmp_path)
    with app.app_context():
        db.connect(reuse_if_open=True)
        # Rebuild the database as the first migration left it, with a user in it.
        db.drop_tables([*reversed(MODELS)], safe=True)
        db.execute_sql('DELETE FROM schema_migration')
        upgrade(db, target=1)
        db.execute_sql('INSERT INTO "user" (username, role, display_name, is_active, session_epoch,'
                       ' created_at) VALUES (%s, %s, %s, %s, %s, %s)'.replace("%s", db.param),
                       ("kim", "coach", "Kim Ek", True, 0, "2026-01-01 10:00:00"))
        assert current_version(db) == 1

        assert upgrade(db) == len(available())
        assert User.by_username("kim").display_name == "Kim Ek"
        assert upgrade(db) == len(available())  # a second run changes nothing
        db.close()
