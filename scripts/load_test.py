"""Load test: simulated participants answer questions and autosave against the app under
gunicorn; afterwards every acknowledged answer must be in the database.

    python scripts/load_test.py [--users 50] [--seconds 60] [--workers 4]
                                [--database sqlite|postgres] [--kill-after SECONDS]

With --kill-after, the server is killed (SIGKILL, the whole process group) that many seconds after
the first acknowledged answer and started again; answers acknowledged before the kill must survive it, and an SQLite
database must pass its integrity check. `make soak` runs the full test; `make test` a short one.
Prints the figures and exits with 1 when an answer was lost or a request failed (failures while
the server is down during --kill-after do not count).
"""
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import quote  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402

import servers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "load-test-2026"
QUESTIONS = ("call_me", "hard", "courses", "dream_job", "good_day")  # free-text questions
POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Ledger:
    """What each simulated participant sent and what the server acknowledged, in order."""

    def __init__(self):
        self.sent = defaultdict(list)  # (username, question) -> every value sent, in order
        self.acknowledged = {}  # (username, question) -> index in `sent` of the last acknowledged
        self.count = 0

    def send(self, key, value):
        self.sent[key].append(value)
        return len(self.sent[key]) - 1

    def acknowledge(self, key, index):
        self.acknowledged[key] = max(index, self.acknowledged.get(key, -1))
        self.count += 1

    def lost(self, stored):
        """Acknowledged answers the database does not hold: it must hold the last acknowledged
        value or one sent after it (a request may be saved and then lose its answer in a kill)."""
        return [key for key, index in self.acknowledged.items()
                if stored.get(key) not in self.sent[key][index:]]


LEDGER = Ledger()


class Participant(HttpUser):
    """A participant who logs in and keeps changing free-text answers, saved as autosave does."""

    wait_time = between(0.05, 0.3)
    usernames = []

    def on_start(self):
        self.username, self.token = Participant.usernames.pop(), None

    def log_in(self):
        """Log in and keep the form token; False while the server cannot answer."""
        page = CSRF.search(self.client.get("/login").text)
        if page:
            self.client.post("/login", data={"csrf_token": page.group(1),
                                             "username": self.username, "password": PASSWORD})
            found = CSRF.search(self.client.get("/me/profile/q/call_me").text)
            self.token = found.group(1) if found else None
        return self.token is not None

    @task
    def autosave(self):
        if self.token is None and not self.log_in():
            return
        question = random.choice(QUESTIONS)
        key = (self.username, question)
        index = LEDGER.send(key, f"{self.username} {question} {uuid.uuid4().hex[:8]}")
        with self.client.post(f"/me/profile/q/{question}", name="/me/profile/q/[question]",
                              data={"csrf_token": self.token, "text": LEDGER.sent[key][index]},
                              headers={"HX-Request-Type": "partial"}, allow_redirects=False,
                              catch_response=True) as answer:
            # Only the autosave confirmation counts; a redirect (to the login page) does not.
            if answer.status_code == 200 and 'class="saved"' in answer.text:
                LEDGER.acknowledge(key, index)
            else:
                answer.failure(f"status {answer.status_code}")


def not_answered(error):
    """Whether a failure is a request the server never answered (no HTTP status at all)."""
    text = str(error)
    return "status 0" in text or any(word in text for word in (
        "ConnectionError", "ConnectionRefused", "RemoteDisconnected", "ConnectionReset"))


def database_url(kind, folder):
    if kind == "sqlite":
        return f"sqlite:///{folder / 'load.sqlite3'}", None
    schema = "load_" + uuid.uuid4().hex[:10]
    return f"{POSTGRES}?options={quote('-csearch_path=' + schema)}", schema


def run_sql_on_postgres(sql):
    from peewee import PostgresqlDatabase
    from playhouse.db_url import parse
    server = PostgresqlDatabase(**parse(POSTGRES))
    server.execute_sql(sql)
    server.close()


def prepare(url, folder, users):
    """Migrate, add the demo data and `users` participants with a known password."""
    from argon2 import PasswordHasher

    from sokandelots import accounts, create_app, demo, passwords
    from sokandelots.db import db
    from sokandelots.migrations import upgrade
    from sokandelots.models import User
    # The load is on saving answers, not on hashing: cheap hashes make preparing fast. (Each
    # participant's first login stores the hash again with the real settings, as for any older
    # hash, once.)
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "load", "INSTANCE_PATH": str(folder)})
    names = [f"load{n:03d}" for n in range(1, users + 1)]
    with app.app_context():
        db.connect(reuse_if_open=True)
        upgrade(db)
        demo.seed_if_empty()
        coach = User.by_username("coach")
        for name in names:
            user = accounts.create_participant(coach, name, "sv", "af")
            user.username, user.password_hash = name, passwords.hash_password(PASSWORD)
            user.save()
        db.close()
    return names


def start_server(url, port, workers, env=None, options=(), app="app:app"):
    """gunicorn in a process group of its own, once it takes connections; `env` adds to the
    environment, `options` to gunicorn's command line."""
    env = {"DATABASE_URL": url, "SECRET_KEY": "load-test-secret",
           "LOGIN_LIMIT": "100000 per minute", **(env or {})}
    return servers.gunicorn(app, port, workers, env, options, what="the server")


def stored_answers(url, folder, names):
    """The answers in the database as {(username, question): text}, and the integrity check."""
    from sokandelots import create_app
    from sokandelots.db import db
    from sokandelots.models import ProfileAnswer, User
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "load", "INSTANCE_PATH": str(folder)})
    with app.app_context():
        db.connect(reuse_if_open=True)
        rows = (ProfileAnswer.select(ProfileAnswer, User).join(User)
                .where(User.username.in_(names)))
        stored = {(row.participant.username, row.question): json.loads(row.value).get("text")
                  for row in rows}
        integrity = (db.execute_sql("PRAGMA integrity_check").fetchone()[0]
                     if url.startswith("sqlite") else "ok (PostgreSQL)")
        db.close()
    return stored, integrity


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--kill-after", type=float, default=None)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sokandelots-load-"))
    url, schema = database_url(args.database, folder)
    if schema:
        run_sql_on_postgres(f"CREATE SCHEMA {schema}")
    try:
        Participant.usernames = prepare(url, folder, args.users)
        names = list(Participant.usernames)
        port = servers.free_port()
        server = start_server(url, port, args.workers)
        env = Environment(user_classes=[Participant], host=f"http://127.0.0.1:{port}")
        runner = env.create_local_runner()
        runner.start(args.users, spawn_rate=args.users)
        killed = {}

        def kill_and_restart():
            nonlocal server
            killed["acknowledged"] = LEDGER.count
            servers.kill(server)
            server = start_server(url, port, args.workers)

        def first_answer():
            # The time counts from the first acknowledged answer: on a busy machine logging in
            # (an Argon2 hash for each participant) can take longer than a short run, and a kill
            # before there is anything to lose would prove nothing. At most two minutes.
            deadline = time.time() + 120
            while LEDGER.count == 0 and time.time() < deadline:
                gevent.sleep(0.1)

        def stop_in_time():
            first_answer()
            gevent.sleep(args.seconds)
            runner.quit()

        def kill_once_answers_come():
            # The load then runs on for the rest of the time.
            started = time.time()
            first_answer()
            gevent.sleep(args.kill_after)
            kill_and_restart()
            gevent.sleep(max(args.seconds - (time.time() - started), 5))
            runner.quit()

        if args.kill_after is None:
            gevent.spawn(stop_in_time)
        else:
            gevent.spawn(kill_once_answers_come)
        runner.greenlet.join()
        servers.kill(server)

        stored, integrity = stored_answers(url, folder, names)
        lost = LEDGER.lost(stored)
        total = env.stats.total
        # While the server is down, requests find nobody listening; those are the only failures
        # a kill may cause. Any answer with an HTTP error status always counts.
        allowed = sum(error.occurrences for error in env.stats.errors.values()
                      if killed and not_answered(error.error))
        print(f"database: {args.database}, workers: {args.workers}, users: {args.users}, "
              f"seconds: {args.seconds:g}")
        print(f"requests: {total.num_requests}, failures: {total.num_failures}"
              + (f" ({allowed} of them unanswered while the server was down)" if killed else ""))
        print(f"median response: {total.median_response_time:.0f} ms, "
              f"95th percentile: {total.get_response_time_percentile(0.95):.0f} ms")
        print(f"answers acknowledged: {LEDGER.count}"
              + (f" ({killed['acknowledged']} before the kill)" if killed else "")
              + f", distinct answers checked: {len(LEDGER.acknowledged)}")
        print(f"answers lost: {len(lost)}")
        for error in env.stats.errors.values():
            print(f"error: {error.method} {error.name}: {error.error} ({error.occurrences} times)")
        print(f"integrity check: {integrity}")
        failed = lost or integrity not in ("ok", "ok (PostgreSQL)") or total.num_failures > allowed
        # A kill before anything was acknowledged would prove nothing.
        return 1 if failed or LEDGER.count == 0 or killed.get("acknowledged") == 0 else 0
    finally:
        if schema:
            run_sql_on_postgres(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    sys.exit(main())
