"""Fixtures: an app with a fresh database per test, clients and logins."""
import pytest
from argon2 import PasswordHasher

from sokandelots import passwords
from sokandelots.db import db

from helpers import drop_database, drop_leftover_databases, login, make_app, postgres


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    # Argon2 with its real cost takes a good part of a second per demo account.
    monkeypatch.setattr(passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session", autouse=True)
def postgres_copies():
    yield
    if postgres:
        postgres.drop_all()


@pytest.fixture(autouse=True)
def no_leftover_databases():
    # Tests that make apps of their own need not remove their PostgreSQL databases.
    yield
    drop_leftover_databases()


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    drop_database(app)


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


@pytest.fixture
def coach(app):
    """A second browser, logged in as the demo coach (whose caseload has amina and erik)."""
    second = app.test_client()
    login(second, "coach")
    return second


@pytest.fixture
def ctx(app):
    """A request context with the database open, for calling the app's functions directly."""
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        yield
        db.close()
