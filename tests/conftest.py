"""Fixtures: an app with a fresh database per test (SQLite file, or a PostgreSQL schema)."""
import os
import uuid
from urllib.parse import quote

import pytest
from argon2 import PasswordHasher
from peewee import PostgresqlDatabase
from playhouse.db_url import parse

from sokandelots import create_app, demo, passwords
from sokandelots.db import db
from sokandelots.migrations import upgrade

from helpers import login

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    # Argon2 with its real cost takes a good part of a second per demo account.
    monkeypatch.setattr(passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def fresh_database_url(tmp_path):
    """A URL for an empty database: a new schema in PostgreSQL, or an SQLite file."""
    if not PG_URL:
        return f"sqlite:///{tmp_path / 'test.sqlite3'}", None
    schema = "t_" + uuid.uuid4().hex[:12]
    return (f"{PG_URL}?options={quote('-csearch_path=' + schema)}", schema)


def run_on_postgres(sql):
    server = PostgresqlDatabase(**parse(PG_URL))
    server.execute_sql(sql)
    server.close()


def make_app(tmp_path, **overrides):
    url, schema = fresh_database_url(tmp_path)
    if schema:
        run_on_postgres(f"CREATE SCHEMA {schema}")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
                      "INSTANCE_PATH": str(tmp_path / "instance"), **overrides})
    with app.app_context():
        db.connect(reuse_if_open=True)
        upgrade(db)
        demo.seed_if_empty()
        db.close()
    app.config["TEST_SCHEMA"] = schema
    return app


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    db.close()
    if app.config["TEST_SCHEMA"]:
        run_on_postgres(f"DROP SCHEMA {app.config['TEST_SCHEMA']} CASCADE")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def users(app):
    """The demo users by username, read straight from the database."""
    from sokandelots.models import User
    with app.app_context():
        db.connect(reuse_if_open=True)
        found = {u.username: u for u in User.select()}
        db.close()
    return found


@pytest.fixture
def as_user(client):
    """Log the client in as a demo user: `as_user("coach")`."""
    def _login(username):
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return _login
