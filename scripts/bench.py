"""Server CPU per request of the main pages, against a hello-world Flask app measured alongside.

    python scripts/bench.py [--quick] [--database sqlite|postgres|both] [--rounds N]
                            [--seconds S] [--compressed]

Both apps run under gunicorn (2 sync workers each, on free ports of 127.0.0.1); `wrk` sends the
load (16 connections). Sökandelots gets a database of its own (SQLite in a temporary folder, or a
new schema in the PostgreSQL at TEST_DATABASE_URL, by default postgresql://127.0.0.1:5432/test),
with the demo data, a coach with 30 participants and one with 300. Rounds are interleaved: in
each, every page is measured right after the hello-world app, and the figures are the medians
over the rounds. The CPU of a server is the utime and stime of its gunicorn processes in /proc,
before and after, divided by the requests answered (those wrk got back and the one still under way
on each connection when it stopped); on PostgreSQL the CPU of every PostgreSQL process is added
("all in") and also shown on its own ("of it db"). Pages are asked for as the nginx of deploy/
asks the app servers, with nothing compressed (nginx compresses them itself); with
`--compressed` as a browser asks an app with no proxy in front (`BROWSER_ENCODINGS`, as Chromium
and Firefox over HTTPS), so a page's CPU includes the app's compressing it. "KB sent" is an
answer as the app sends it, with its headers (uncompressed, unless `--compressed`). Queries per
request, and the round trips to the database they take (queries sent together count once, see
`db.ask_together`), are counted in-process, on the same database. `make bench` runs it;
`scripts/instructions.py` counts the same pages' instructions instead, which hardly move with
the machine.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import servers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test")
SECRET = "bench-secret-" + uuid.uuid4().hex
PASSWORD = "bench-2026"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TICK = os.sysconf("SC_CLK_TCK")
CONNECTIONS = 16
# What Chromium and Firefox accept over HTTPS: an app with no proxy in front compresses a page
# for them (brotli), which costs about as much CPU as drawing it.
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"
# What the nginx of deploy/ says instead (proxy_set_header Accept-Encoding ""): it compresses.
BEHIND_NGINX = ""

# name, who, method, path, target (× hello-world), p99 target in ms or None
PAGES = [
    ("question", "erik", "GET", "/me/profile/q/interests", 6, 30),
    ("job card", "erik", "GET", "/me/cards/c/{card}", 8, None),
    ("card grid", "erik", "GET", "/me/cards/", 8, None),
    ("participant home", "erik", "GET", "/me/", 6, None),
    ("autosave", "amina", "POST", "/me/profile/q/dream_job", 5, None),
    ("caseload 30", "coach", "GET", "/coach/", 15, None),
    ("caseload 300", "coach2", "GET", "/coach/", 100, None),
    ("review of a profile", "coach", "GET", "/coach/participants/{erik}/profile", 15, None),
]

LUA = """
wrk.method = "{method}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Accept-Encoding"] = "{encodings}"
{extra}
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH %d %d %d %d\\n", summary.requests, latency:percentile(99),
    errors.status + errors.connect + errors.read + errors.write + errors.timeout, summary.bytes))
end
"""
# The autosave: one answer sent as the question page's htmx sends it.
AUTOSAVE = "csrf_token={token}&text=Jag%20vill%20jobba%20med%20djur"
AUTOSAVE_HEADERS = {"Content-Type": "application/x-www-form-urlencoded",
                    "HX-Request-Type": "partial"}
POST_LUA = f"""
wrk.body = "{AUTOSAVE}"
""" + "".join(f'wrk.headers["{name}"] = "{value}"\n' for name, value in AUTOSAVE_HEADERS.items())


def run_on_postgres(sql):
    from peewee import PostgresqlDatabase
    from playhouse.db_url import parse
    server = PostgresqlDatabase(**parse(POSTGRES))
    server.execute_sql(sql)
    server.close()


def csrf_of(client, path):
    found = CSRF.search(client.get(path, follow_redirects=True).get_data(as_text=True))
    assert found, f"no form token on {path}"
    return found.group(1)


def post(client, path, data, page=None):
    return client.post(path, data={"csrf_token": csrf_of(client, page or path), **data})


def prepare(url, folder):
    """Migrate, seed the demo data, fill the caseloads, share a profile; log each person in.
    Returns {username: (cookie header, form token)}, the path values, and the queries and round
    trips to the database of each page."""
    from argon2 import PasswordHasher

    from sokandelots import create_app, demo, passwords
    from sokandelots.db import db, recorded_queries
    from sokandelots.jobcards.cards import all_cards
    from sokandelots.migrations import upgrade
    from sokandelots.models import Case, User
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, "INSTANCE_PATH": str(folder),
                      "LOGIN_LIMIT": "1000 per minute"})
    with app.app_context():
        db.connect(reuse_if_open=True)
        upgrade(db)
        demo.seed_if_empty()
        coach, coach2 = User.by_username("coach"), User.by_username("coach2")
        with db.atomic():
            # With amina and erik 30, with sara 300; steps and follow-ups of every kind.
            for number in range(28 + 299):
                user = User.create(username=f"bench{number:04d}", role=User.PARTICIPANT,
                                   display_name=f"Deltagare {number:03d}", locale="sv")
                Case.create(participant=user, coach=coach if number < 28 else coach2,
                            commissioner="af", step=1 + number % 5,
                            next_followup=date.today() + timedelta(days=number % 9 - 4))
        for user in User.select().where(User.username.in_(["erik", "amina", "coach", "coach2"])):
            user.password_hash = passwords.hash_password(PASSWORD)
            user.save()
        db.close()
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        values = {"erik": User.by_username("erik").id, "card": all_cards()[0].key}
        db.close()

    browsers = {}
    for name in ("erik", "amina", "coach", "coach2"):
        client = app.test_client()
        response = post(client, "/login", {"username": name, "password": PASSWORD})
        assert response.status_code == 302, f"{name} could not log in"
        browsers[name] = client
    erik = browsers["erik"]
    for key, data in (("interests", {"choices": ["animals", "plants", "cooking"]}),
                      ("strengths", {"choices": ["careful"]}),
                      ("dream_job", {"text": "Jobba på ett djurhem."}),
                      ("good_day", {"text": "Lugnt, med samma kollegor varje dag."})):
        post(erik, f"/me/profile/q/{key}", data)
    assert post(erik, "/me/profile/share", {}, page="/me/profile/check").status_code == 302

    counts, logins = {}, {}
    for name, who, method, path, *_ in PAGES:
        client, path = browsers[who], path.format(**values)
        token = csrf_of(client, path if method == "GET" else "/me/profile/q/dream_job")
        data = {"csrf_token": token, "text": "Jag vill jobba med djur"}
        headers = {"HX-Request-Type": "partial"} if method == "POST" else {}

        def call(client=client, path=path, method=method, data=data, headers=headers):
            return client.open(path, method=method, data=data if method == "POST" else None,
                               headers=headers)
        response = call()
        assert response.status_code == 200, f"{name}: {response.status_code}"
        with recorded_queries() as queries:
            assert call().status_code == 200
        counts[name] = (len(queries), queries.round_trips)
        logins[who] = (f"session={client.get_cookie('session').value}", token)
    return logins, values, counts


def cpu_of(pids):
    """CPU seconds of these processes and of their children that ended."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / TICK


def family(pid):
    """A process and its children (gunicorn's master and its workers)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def postgres_pids():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def warm_up(port, path, cookie, encodings):
    """Some requests at a time to a page, enough for each worker to answer a few."""
    def fetch(_):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={
            "Cookie": cookie, "Accept-Encoding": encodings})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, range(12)))


def drive(port, script, path, seconds, server, with_postgres):
    """Load one page for `seconds`: (requests, CPU ms per request, p99 ms, errors, the part of
    that CPU that was PostgreSQL's, KB sent per answer with its headers)."""
    pids = family(server.pid)

    def database_cpu():  # PostgreSQL's processes are listed anew: a backend may start meanwhile
        return cpu_of(postgres_pids()) if with_postgres else 0

    before, before_database = cpu_of(pids), database_cpu()
    result = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", script,
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    # When wrk stops, each connection still has a request under way: the server answers those
    # too (to a closed connection), so they are counted, and the CPU is read once it is idle.
    idle(pids)
    app, own = cpu_of(pids) - before, database_cpu() - before_database
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    requests, p99, errors, sent = (int(value) for value in line.split()[1:])
    served = requests + CONNECTIONS
    return (requests, 1000 * (app + own) / served, p99 / 1000, errors, 1000 * own / served,
            sent / 1024 / max(requests, 1))


def idle(pids, deadline=60):
    """Wait until these processes use no more CPU (for half a second)."""
    last, still, end = cpu_of(pids), 0, time.time() + deadline
    while still < 3 and time.time() < end:
        time.sleep(0.15)
        now = cpu_of(pids)
        still, last = (still + 1 if now == last else 0), now


@contextmanager
def scratch(kind):
    """A folder of its own and the URL of an empty database of its own in it (SQLite) or beside
    it (a new schema in the PostgreSQL at POSTGRES); both go when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="sokandelots-bench-"))
    schema = None
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        schema = "bench_" + uuid.uuid4().hex[:10]
        url = f"{POSTGRES}?options={quote('-csearch_path=' + schema)}"
        run_on_postgres(f"CREATE SCHEMA {schema}")
    try:
        yield folder, url
    finally:
        if schema:
            run_on_postgres(f"DROP SCHEMA {schema} CASCADE")
        shutil.rmtree(folder, ignore_errors=True)


def app_environment(url, folder):
    """What gunicorn's Sökandelots needs to find the bench's database and sessions."""
    return {"DATABASE_URL": url, "SECRET_KEY": SECRET, "INSTANCE_PATH": str(folder)}


def bench(kind, rounds, seconds, encodings):
    with scratch(kind) as (folder, url):
        logins, values, counts = prepare(url, folder)
        hello_port, app_port = servers.free_port(), servers.free_port()
        started = []
        try:
            hello = servers.gunicorn("scripts.bench_hello:app", hello_port, 2)
            started.append(hello)
            app = servers.gunicorn("app:app", app_port, 2, app_environment(url, folder))
            started.append(app)
            plain = folder / "hello.lua"
            plain.write_text(LUA.format(method="GET", cookie="", extra="",
                                        encodings=encodings))
            scripts = {}
            for name, who, method, path, *_ in PAGES:
                cookie, token = logins[who]
                scripts[name] = folder / f"{len(scripts)}.lua"
                scripts[name].write_text(LUA.format(
                    method=method, cookie=cookie, encodings=encodings,
                    extra=POST_LUA.format(token=quote(token)) if method == "POST" else ""))
            # Each worker compiles templates and fills its caches on first use: seconds.
            warm_up(hello_port, "/", "", encodings)
            for name, who, method, path, *_ in PAGES:
                if method == "GET":
                    warm_up(app_port, path.format(**values), logins[who][0], encodings)
            measured = {name: [] for name, *_ in PAGES}
            for _ in range(rounds):
                for name, who, method, path, *_ in PAGES:
                    base = drive(hello_port, plain, "/", seconds, hello, False)
                    page = drive(app_port, scripts[name], path.format(**values), seconds, app,
                                 kind == "postgres")
                    if page[3] or base[3]:
                        raise SystemExit(f"{kind} {name}: {page[3]} requests failed")
                    measured[name].append((page[1], page[1] / base[1], page[2], base[1],
                                           page[0], page[4], page[5]))
            return measured, counts
        finally:
            for server in started:
                servers.stop(server)


def table(kind, measured, counts):
    """Print the medians of each page; on PostgreSQL, how much of the CPU was the database's own
    (the rest is the app's, to set against SQLite's figure for the same page)."""
    on_postgres = kind == "postgres"
    print(f"\n{kind}" + (" (PostgreSQL's own CPU included)" if on_postgres else ""))
    database_column = f" {'of it db':>9}" if on_postgres else ""
    print(f"{'page':22} {'CPU ms/req':>10}{database_column} {'× hello':>8} "
          f"{'target':>7} {'p99 ms':>7} {'KB sent':>7} {'queries':>7} {'trips':>5} {'requests':>8}"
          f"  hello ms/req")
    missed = 0
    for name, _, _, _, target, p99_target in PAGES:
        rows = measured[name]
        cpu, times, p99, base, requests, database, sent = (
            statistics.median(row[column] for row in rows) for column in range(7))
        goal = f"≤{target}×" + (f", <{p99_target}" if p99_target else "")
        met = times <= target and (p99_target is None or p99 < p99_target)
        missed += not met
        queries, trips = counts[name]
        print(f"{name:22} {cpu:10.2f}{f' {database:9.2f}' if on_postgres else ''} {times:7.1f}× "
              f"{goal:>7} {p99:7.1f} {sent:7.1f} {queries:7d} {trips:5d} {requests:8.0f}  "
              f"{base:.2f}"
              f"{'' if met else '  (over target)'}")
    return missed


def asked(encodings):
    """How the pages are asked for, for the first line of a table."""
    if encodings == BEHIND_NGINX:
        return "asked as nginx asks the app servers (Accept-Encoding: \"\": nginx compresses)"
    return f"asked as a browser asks the app alone (Accept-Encoding: {encodings})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--seconds", type=int)
    parser.add_argument("--compressed", action="store_true",
                        help="ask as a browser asks an app with no proxy in front: compressed")
    args = parser.parse_args()
    rounds = args.rounds or (1 if args.quick else 2)
    seconds = args.seconds or (2 if args.quick else 3)
    kinds = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    encodings = BROWSER_ENCODINGS if args.compressed else BEHIND_NGINX
    print(f"{rounds} round(s) of {seconds} s per page and per hello-world, {CONNECTIONS} "
          f"connections, 2 gunicorn workers each, {asked(encodings)}")
    results = {kind: bench(kind, rounds, seconds, encodings) for kind in kinds}
    for kind, (measured, counts) in results.items():
        table(kind, measured, counts)


if __name__ == "__main__":
    main()
