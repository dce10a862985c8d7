"""Online backup and restore of an SQLite database, with SQLite's own backup API: a consistent
copy while the app keeps running. For PostgreSQL use pg_dump and pg_restore (see README)."""
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext
from peewee import SqliteDatabase

from .db import db, new_private_file
from .migrations import current_version, upgrade


def init_app(app):
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def _live_sqlite():
    if not isinstance(db.obj, SqliteDatabase):
        raise click.ClickException(
            "This database is not SQLite. Back up PostgreSQL with pg_dump and restore it with "
            "pg_restore, as the README shows.")
    db.connect(reuse_if_open=True)
    return db.connection()


def _check(path):
    """(integrity check result, schema version) of a database file."""
    with sqlite3.connect(path) as copy:
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        version = copy.execute("SELECT MAX(number) FROM schema_migration").fetchone()[0]
    return integrity, version


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path):
    """Copy the live database to PATH, consistently, while the app runs."""
    live = _live_sqlite()
    try:
        new_private_file(path)  # SQLite keeps its permissions
    except FileExistsError:
        raise click.ClickException(f"{path} exists already. Choose a new file name.") from None
    with sqlite3.connect(path) as target:
        live.backup(target)
    target.close()
    integrity, version = _check(path)
    click.echo(f"Backed up to {path} (schema version {version}, integrity check: {integrity}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(path, yes):
    """Replace the live database with the backup in PATH, then migrate it to this version."""
    live = _live_sqlite()
    integrity, version = _check(path)
    if integrity != "ok":
        raise click.ClickException(f"{path} fails its integrity check: {integrity}. Nothing changed.")
    if version is None or version > current_version(db):
        raise click.ClickException(f"{path} is from another version of Sökandelots. Nothing changed.")
    if not yes:
        click.confirm("Replace everything in the database with the backup?", abort=True)
    with sqlite3.connect(path) as source:
        source.backup(live)
    source.close()
    click.echo(f"Restored {path}; the database is at schema version {upgrade(db)}.")
