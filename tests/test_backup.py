"""Backup and restore: a populated database round-trips through `flask backup` and
`flask restore`, table by table. The commands use SQLite's backup API, so these tests always
use an SQLite database; PostgreSQL is backed up with pg_dump (see README)."""
from datetime import date

import pytest

from sokandelots import create_app, demo, notes, plans
from sokandelots.db import db
from sokandelots.employers import register
from sokandelots.migrations import upgrade
from sokandelots.models import User
from sokandelots.profile import answers
from sokandelots.profile.catalogue import BY_KEY


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "INSTANCE_PATH": str(tmp_path),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}"})
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        upgrade(db)
        demo.seed_if_empty()
        erik, coach = User.by_username("erik"), User.by_username("coach")
        answers.save(erik, BY_KEY["call_me"], {"text": "Erik – ”Ricky” ✓"})
        notes.add_feedback(erik, coach, "Bra jobbat!")
        notes.add_internal_note(erik, coach, "Ring handläggaren.")
        employer = register.add_employer(coach, "Café Solen", "food", tags="kök")
        placement = plans.add_placement(erik, employer, coach)
        plans.save(placement, {"start_on": date(2026, 11, 23), "terms": "wage", "paid_hours": 20,
                               "tasks": "Diska."}, coach)
        db.close()
    yield app
    db.close()


def snapshot():
    """Every row of every table, as sorted tuples."""
    db.connect(reuse_if_open=True)
    return {table: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{table}"').fetchall()))
            for table in db.get_tables()}


def test_a_backup_restores_every_table_as_it_was(app, tmp_path):
    runner = app.test_cli_runner()
    copy = tmp_path / "backup.sqlite3"
    with app.app_context():
        before = snapshot()
        done = runner.invoke(args=["backup", str(copy)])
        assert done.exit_code == 0 and "integrity check: ok" in done.output, done.output
        # Life goes on after the backup: a new answer, a deleted note...
        erik = User.by_username("erik")
        answers.save(erik, BY_KEY["dream_job"], {"text": "Bagare"})
        db.execute_sql('DELETE FROM "internal_note"')
        assert snapshot() != before
        done = runner.invoke(args=["restore", "--yes", str(copy)])
        assert done.exit_code == 0, done.output
        after = snapshot()
    assert after == before
    assert sum(len(rows) for rows in before.values()) > 20


def test_a_backup_never_overwrites_and_a_broken_file_is_not_restored(app, tmp_path):
    runner = app.test_cli_runner()
    existing = tmp_path / "old.sqlite3"
    existing.write_bytes(b"keep me")
    assert runner.invoke(args=["backup", str(existing)]).exit_code != 0
    assert existing.read_bytes() == b"keep me"
    with app.app_context():
        before = snapshot()
        refused = runner.invoke(args=["restore", "--yes", str(existing)])
        assert refused.exit_code != 0 and snapshot() == before
        assert runner.invoke(args=["restore", str(tmp_path / "missing.sqlite3")]).exit_code != 0


def test_a_restore_asks_first(app, tmp_path):
    runner = app.test_cli_runner()
    copy = tmp_path / "backup.sqlite3"
    runner.invoke(args=["backup", str(copy)])
    with app.app_context():
        erik = User.by_username("erik")
        answers.save(erik, BY_KEY["dream_job"], {"text": "Bagare"})
        before = snapshot()
        answered_no = runner.invoke(args=["restore", str(copy)], input="n\n")
        assert answered_no.exit_code != 0 and snapshot() == before


def test_postgresql_is_pointed_to_pg_dump(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "INSTANCE_PATH": str(tmp_path),
                      "DATABASE_URL": "postgresql://127.0.0.1:5432/test"})
    done = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x")])
    assert done.exit_code != 0 and "pg_dump" in done.output
    db.close()
