"""The database: one proxy for the models, a connection per request, and CLI commands."""
import os
from datetime import date, datetime
from pathlib import Path

import click
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect

db = DatabaseProxy()

# secure_delete: deleted rows are overwritten with zeros, so an erased person leaves no bytes in
# the file (some builds of SQLite do this by default, but not all).
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                  "secure_delete": 1}


def as_datetime(value):
    """A time from an aggregate or a raw query: SQLite gives it back as text, PostgreSQL not."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def as_date(value):
    """A date from an aggregate or a raw query, as `as_datetime` for times."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def new_private_file(path):
    """Create an empty file readable by this user only; FileExistsError when there is one.
    A database or a backup holds everything about every participant."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def private_file(path, create=True):
    """Take other users' access away from the file at `path`, or create it private."""
    path = Path(path)
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    elif create:
        new_private_file(path)


def open_database(url):
    """Point the proxy at the database named by a URL and return it."""
    options = {"pragmas": SQLITE_PRAGMAS} if url.startswith("sqlite") else {}
    database = connect(url, **options)
    if isinstance(database, SqliteDatabase) and database.database != ":memory:":
        # SQLite gives its -wal and -shm files the permissions of the database.
        for suffix in ("", "-wal", "-shm"):
            private_file(database.database + suffix, create=not suffix)
    db.initialize(database)
    return database


def init_app(app):
    open_database(app.config["DATABASE_URL"])

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            db.close()

    app.cli.add_command(upgrade_command)
    app.cli.add_command(setup_command)

    from .privacy import erase_expired_command  # here, because the models import this module
    app.cli.add_command(erase_expired_command)


@click.command("upgrade-db")
def upgrade_command():
    """Apply every migration the database does not have yet."""
    from .migrations import upgrade

    applied = upgrade(db)
    click.echo(f"Database is at version {applied}.")


@click.command("setup")
def setup_command():
    """Migrate the database; outside production, add the demo data when it is empty, tell its
    story once, and print the demo logins."""
    from flask import current_app

    from . import demo, demo_story
    from .migrations import upgrade

    click.echo(f"Database is at version {upgrade(db)}.")
    if current_app.config["PRODUCTION"]:
        return  # no demo accounts and no demo password in production
    if demo.seed_if_empty():
        click.echo("Added the demo data.")
    if demo_story.tell_story():
        click.echo("Added the demo story.")
    if demo.present():
        click.echo(f"Demo logins, all with the password {demo.PASSWORD}:")
        click.echo("\n".join(demo.logins()))
