"""Online backup and restore of an SQLite database, with SQLite's own backup API: a consistent
copy while the app keeps running. For PostgreSQL use pg_dump and pg_restore (see README)."""
import sqlite3

from peewee import SqliteDatabase

from .db import db, new_private_file
from .migrations import current_version, upgrade


class Refused(Exception):
    """The backup or restore was refused, and nothing changed; the message says why."""


def live_sqlite():
    """The connection to the live database; Refused when it is not SQLite."""
    if not isinstance(db.obj, SqliteDatabase):
        raise Refused(
            "This database is not SQLite. Back up PostgreSQL with pg_dump and restore it with "
            "pg_restore, as the README shows.")
    db.connect(reuse_if_open=True)
    return db.connection()


def check(path):
    """(integrity check result, schema version) of a database file."""
    with sqlite3.connect(path) as copy:
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        version = copy.execute("SELECT MAX(number) FROM schema_migration").fetchone()[0]
    return integrity, version


def back_up(path):
    """Copy the live database to the new file `path`, consistently, while the app runs; the
    copy's (integrity check result, schema version)."""
    live = live_sqlite()
    try:
        new_private_file(path)  # SQLite keeps its permissions
    except FileExistsError:
        raise Refused(f"{path} exists already. Choose a new file name.") from None
    with sqlite3.connect(path) as target:
        live.backup(target)
    target.close()
    return check(path)


def check_restorable(path):
    """Refused unless the backup in `path` is whole and from this version or an earlier one."""
    live_sqlite()
    integrity, version = check(path)
    if integrity != "ok":
        raise Refused(f"{path} fails its integrity check: {integrity}. Nothing changed.")
    if version is None or version > current_version(db):
        raise Refused(f"{path} is from another version of Sökandelots. Nothing changed.")


def restore(path):
    """Replace the live database with the backup in `path` (checked with `check_restorable`),
    then migrate it to this version; the schema version it is at."""
    with sqlite3.connect(path) as source:
        source.backup(live_sqlite())
    source.close()
    return upgrade(db)
