"""Helpers for tests: apps with a fresh database, and forms posted with their CSRF token."""
import io
import json
import os
import re
import socket
import sqlite3
import tempfile
import uuid
import zipfile
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from peewee import PostgresqlDatabase
from playhouse.db_url import parse

from sokandelots import create_app, demo
from sokandelots.db import db
from sokandelots.migrations import upgrade

from postgres_copies import Copies

PG_URL = os.environ.get("TEST_DATABASE_URL")


def today(days=0):
    """Today's date (and `days` after it) as the test runs. A date fixed when the test module was
    loaded is yesterday's for a test that runs after midnight, and the app's is not."""
    return date.today() + timedelta(days=days)


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


def migrated_app(url, folder):
    """An app on `url` with every migration run and the demo data added."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
                      "INSTANCE_PATH": str(folder)})
    with app.app_context():
        db.connect(reuse_if_open=True)
        upgrade(db)
        demo.seed_if_empty()
        db.close()
    return app


# Running every migration and adding the demo data takes most of a test's set-up, so each test
# process does it once into a template and copies that for every test.
_sqlite_template = None


def copy_sqlite_template(target):
    """Write a migrated database with the demo data to `target`."""
    global _sqlite_template
    if _sqlite_template is None:
        path = Path(tempfile.mkdtemp(prefix="sokandelots-template-")) / "template.sqlite3"
        migrated_app(f"sqlite:///{path}", path.parent / "instance")
        _sqlite_template = path
    with closing(sqlite3.connect(_sqlite_template)) as source:
        with closing(sqlite3.connect(target)) as copy:
            source.backup(copy)


def _build_postgres_template(url):
    migrated_app(url, tempfile.mkdtemp(prefix="sokandelots-template-"))
    db.close()
    # The pool keeps the connection open, and a template with a connection cannot be copied.
    db.obj.close_idle()


postgres = Copies(PG_URL, _build_postgres_template) if PG_URL else None


def drop_database(app):
    """Give a test's PostgreSQL database back for the next test (an SQLite file goes with the
    test's folder)."""
    db.close()
    if app.config["TEST_DATABASE"]:
        db.obj.close_idle()
        postgres.give_back(app.config["TEST_DATABASE"])


def drop_leftover_databases():
    """Give back the databases a test made and left, so that they never pile up on the server."""
    if postgres and postgres.in_use:
        db.close()
        for name in list(postgres.in_use):
            postgres.give_back(name)


class CompiledOnce(BytecodeCache):
    """Each template compiled once per test process, in each language, rather than once for
    each test's app. A new app, a login and one page took 0.22 s, half of it compiling the
    templates they use; with the templates shared, 0.11 s.
    A compiled template is kept by its language (see templating.Environment), name and source,
    so an edited template is compiled again."""

    def __init__(self):
        self.compiled = {}

    def get_bucket(self, environment, name, filename, source):
        key = repr((environment.language, name, filename, self.get_source_checksum(source)))
        bucket = Bucket(environment, key, "")
        bucket.code = self.compiled.get(key)
        return bucket

    def set_bucket(self, bucket):
        self.compiled[bucket.key] = bucket.code


COMPILED_ONCE = CompiledOnce()


def make_app(tmp_path, **overrides):
    """The app on its own copy of the migrated database with the demo data. On PostgreSQL the
    tables are in the `public` schema of a database of the test's own (TEST_DATABASE) until
    `drop_database`."""
    if postgres:
        database = postgres.take()
        url, schema = postgres.url(database), "public"
    else:
        copy_sqlite_template(tmp_path / "test.sqlite3")
        database, schema = None, None
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
                      "INSTANCE_PATH": str(tmp_path / "instance"), **overrides})
    app.config["TEST_SCHEMA"], app.config["TEST_DATABASE"] = schema, database
    app.jinja_env.bytecode_cache = COMPILED_ONCE
    return app


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, page):
    """The CSRF token from a form on `page`, as a browser would read it."""
    html = client.get(page, follow_redirects=True).get_data(as_text=True)
    match = CSRF.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def submit(client, page, data, action=None, **kwargs):
    """Open `page`, then post `data` with its CSRF token to `action` (default: the page)."""
    token = csrf_token(client, page)
    return client.post(action or page, data={"csrf_token": token, **data}, **kwargs)


def body(response):
    """A page's markup after its head: participants' pages carry their stylesheet in the head,
    where every class name stands too."""
    return response.get_data(as_text=True).partition("</head>")[2]


def login(client, username, password=demo.PASSWORD, **kwargs):
    return submit(client, "/login", {"username": username, "password": password}, **kwargs)


def in_db(app, work):
    """What `work()` gives, run with the app's database."""
    with app.app_context(), db.connection_context():
        return work()


def sessions_back(app, by, column="last_seen_at"):
    """Every session row as if its browser was last seen (or, with column="created_at", logged
    in) `by` earlier: a timedelta."""
    from sokandelots.models import UserSession
    field = getattr(UserSession, column)

    def work():
        for row in UserSession.select():
            UserSession.update({field: getattr(row, column) - by}).where(
                UserSession.id == row.id).execute()
    in_db(app, work)


def away_past_idle_limit(app, participant=True):
    """As if every logged-in browser had been left alone a second longer than the idle limit of
    participants (or of staff)."""
    from sokandelots import sessions
    with app.app_context():
        limit = sessions.idle_limit(participant)
    sessions_back(app, limit + timedelta(seconds=1))


def choose_language(client, code, page="/login"):
    """Press language `code` in the header of `page`, as a browser would, and come back to it."""
    return submit(client, page, {"code": code, "next": page}, action="/language")


def redis_reachable():
    """Whether the Redis that shared limit storage is tested against runs on 127.0.0.1."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


def forget_in_redis(url, *patterns):
    """Delete the keys a test left in the Redis at `url` (login limits it counted there)."""
    import redis
    server = redis.Redis.from_url(url)
    for pattern in patterns:
        for key in server.scan_iter(match=pattern):
            server.delete(key)
    server.close()


def export_text(response):
    """The data in a downloaded export (a zip with `data.json` and sound files), as text."""
    assert response.status_code == 200, response.status_code
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        return archive.read("data.json").decode()


def exported(response):
    """The data in a downloaded export, read."""
    return json.loads(export_text(response))


def sound(seconds=1.0, rate=8000):
    """A WAV file of a tone lasting `seconds`, as a browser or phone might send."""
    import math
    import struct
    import wave
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(b"".join(struct.pack("<h", int(9000 * math.sin(2 * math.pi * 440 * n / rate)))
                                  for n in range(int(seconds * rate))))
    return out.getvalue()


def long_silence(hours):
    """A FLAC file of silence lasting `hours`: hours of sound in very few bytes."""
    import av
    out, rate, block = io.BytesIO(), 8000, 4096
    with av.open(out, "w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        for _ in range(int(hours * 3600 * rate / block)):
            frame = av.AudioFrame(format="s16", layout="mono", samples=block)
            for plane in frame.planes:
                plane.update(bytes(plane.buffer_size))
            frame.sample_rate = rate
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return out.getvalue()
