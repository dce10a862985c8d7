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


def test_plans_saved_before_the_changing_schedule_keep_their_schedule(tmp_path):
    """m0019 adds a plan's later follow-up interval: older versions get none, and expect what
    they expected before."""
    from datetime import date

    from helpers import make_app
    from sokandelots import plans
    from sokandelots.models import Employer, Placement, PlanVersion
    app = make_app(tmp_path)
    with app.app_context():
        db.connect(reuse_if_open=True)
        db.drop_tables([*reversed(MODELS)], safe=True)
        db.execute_sql('DELETE FROM schema_migration')
        upgrade(db, target=18)
        assert "followup_change_week" not in columns("plan_version")
        # Only the columns the account had then (the model has more now).
        db.execute_sql('INSERT INTO "user" (username, role, display_name, is_active, '
                       'session_epoch, created_at, show_swedish, totp_last_step) '
                       'VALUES (%s, %s, %s, %s, %s, %s, %s, %s)'.replace("%s", db.param),
                       ("erik", "participant", "Erik Berg", True, 0, "2026-01-01 10:00:00",
                        False, 0))
        person = db.execute_sql('SELECT id FROM "user"').fetchone()[0]
        employer = Employer.create(name="Café Solen", sector="food")
        placement = Placement.create(participant=person, employer=employer)
        PlanVersion.insert(placement=placement, number=1, start_on=date(2026, 1, 5),
                           end_on=date(2026, 2, 16), terms="unpaid", followup_weeks=2).execute()

        upgrade(db)
        version = plans.version(placement)
        assert (version.followup_change_week, version.followup_later_weeks) == (None, None)
        assert plans.expected_dates(version) == [date(2026, 1, 19), date(2026, 2, 2),
                                                 date(2026, 2, 16)]
        db.close()


def test_uploaded_card_pictures_move_from_files_into_the_database(tmp_path):
    """m0026 reads pictures uploaded as files into the table, and the same address serves them."""
    from pathlib import Path

    from helpers import login, make_app
    from sokandelots.models import CardPicture
    app = make_app(tmp_path)
    folder = Path(app.instance_path) / "card_pictures"
    folder.mkdir()
    name = "0123456789abcdef0123456789abcdef"
    (folder / f"{name}.webp").write_bytes(b"RIFF large")
    (folder / f"{name}-small.webp").write_bytes(b"RIFF small")
    (folder / "notes.txt").write_text("not a picture")
    with app.app_context():
        db.connect(reuse_if_open=True)
        db.execute_sql("DELETE FROM schema_migration WHERE number = 26")
        db.drop_tables([CardPicture])
        upgrade(db)
        assert [(row.name, bytes(row.large), bytes(row.small)) for row in
                CardPicture.select()] == [(name, b"RIFF large", b"RIFF small")]
        db.close()
    client = app.test_client()
    login(client, "erik")
    assert client.get(f"/card-pictures/{name}-small.webp").data == b"RIFF small"
