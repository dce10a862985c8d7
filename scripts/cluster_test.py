"""Cluster test: nginx in front of two app instances on PostgreSQL and Redis, as deploy/ sets
them up, with one instance killed while participants autosave through nginx.

    python scripts/cluster_test.py [--users 30] [--seconds 60] [--kill-after 20] [--short]

nginx runs the site of deploy/nginx/sokandelots.conf on 127.0.0.1 (without TLS), each instance is
gunicorn with deploy/gunicorn.conf.py and two workers and an instance folder of its own, as on
two servers; Redis is a server of its own on a free port, PostgreSQL a new schema in
TEST_DATABASE_URL's database. The participants are scripts/load_test.py's. That many seconds
after the first acknowledged answer, instance A is killed (SIGKILL, its process group) and
started again. Afterwards: every acknowledged answer is in the database; a login made on A works
on B; wrong passwords counted on A lock the account on B; a picture uploaded on A is served by
B. Prints the figures and exits with 1 on any loss or failed check. `make cluster` runs it.
"""
import load_test  # first: it lets gevent patch the standard library before anything else

import argparse  # noqa: E402
import getpass  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import requests  # noqa: E402
from locust.env import Environment  # noqa: E402

import servers  # noqa: E402
from load_test import CSRF, LEDGER, PASSWORD, ROOT, Participant  # noqa: E402

SITE = ROOT / "deploy" / "nginx" / "sokandelots.conf"
GUNICORN = ROOT / "deploy" / "gunicorn.conf.py"
# Debian's libnginx-mod-http-brotli-filter
BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"


def start_redis(folder):
    port = servers.free_port()
    redis = servers.start(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder),
         "--save", "", "--appendonly", "no", "--loglevel", "warning"],
        port, "redis-server", stdout=subprocess.DEVNULL)
    return redis, f"redis://127.0.0.1:{port}/0"


def site_config(folder, nginx_port, app_ports):
    """deploy/nginx/sokandelots.conf made local: its upstream on the two instances, plain HTTP on
    127.0.0.1, static files from this checkout and logs and temporary files in `folder`."""
    site = SITE.read_text()
    replacements = [
        (r"(?m)^\s*server 10\.0\.0\.\d+:8000 (.*)$\n(?:^\s*server 10\.0\.0\.\d+:8000 .*$\n)+",
         "".join(f"    server 127.0.0.1:{port} \\1\n" for port in app_ports)),
        # The redirect to https is of no use without TLS.
        (r"(?ms)^server \{\n    listen 80;.*?^\}\n", ""),
        (r"(?m)^    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;$",
         f"    listen 127.0.0.1:{nginx_port};"),
        (r"(?m)^    ssl_.*\n", ""),
        (r"/srv/sokandelots/", f"{ROOT}/"),
        (r"/var/log/nginx/", f"{folder}/"),
    ]
    for pattern, replacement in replacements:
        site, found = re.subn(pattern, replacement, site)
        if not found:
            raise SystemExit(f"{SITE.relative_to(ROOT)} no longer has {pattern!r}")
    temporary = "\n".join(f"    {kind}_temp_path {folder}/{kind};"
                          for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Started as root, nginx would hand its workers to nobody, who may not read this checkout.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    # Debian's own configuration loads modules from /etc/nginx/modules-enabled; this one loads the
    # one the site needs, brotli.
    return (f"{user}daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            f"load_module {BROTLI};\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n{temporary}\n{site}}}\n")


def start_nginx(folder, app_ports):
    port = servers.free_port()
    config = folder / "nginx.conf"
    config.write_text(site_config(folder, port, app_ports))
    checked = subprocess.run(["nginx", "-t", "-p", str(folder), "-c", str(config)],
                             capture_output=True, text=True)
    if checked.returncode != 0:
        raise SystemExit(f"nginx -t refused the site:\n{checked.stderr}")
    return servers.start(["nginx", "-p", str(folder), "-c", str(config)], port, "nginx"), port


class Instance:
    """One app server: gunicorn with the deploy config, two workers, its own instance folder."""

    def __init__(self, name, url, folder, redis_url):
        self.name, self.url, self.port = name, url, servers.free_port()
        self.folder = folder / f"instance-{name}"
        self.env = {"SOKANDELOTS_ENV": "production", "SOKANDELOTS_HTTPS": "0",
                    "TRUSTED_PROXIES": "1", "RATELIMIT_STORAGE_URI": redis_url,
                    "SECRET_KEY": "cluster-test-secret", "LOGIN_LIMIT": "5 per 5 minutes",
                    "PUBLIC_URL": "http://127.0.0.1"}
        self.options = ["-c", str(GUNICORN), "--access-logfile", str(folder / f"access-{name}.log")]
        self.server = None

    def start(self):
        app = f"sokandelots:create_app({{'INSTANCE_PATH': {str(self.folder)!r}}})"
        self.server = load_test.start_server(self.url, self.port, 2, env=self.env,
                                             options=self.options, app=app)

    def kill(self):
        if self.server is not None and self.server.poll() is None:
            servers.kill(self.server)

    @property
    def address(self):
        return f"http://127.0.0.1:{self.port}"


def log_in(client, base, username, password):
    """A login through `base`; the answer's status (302 when it worked)."""
    token = CSRF.search(client.get(f"{base}/login").text).group(1)
    return client.post(f"{base}/login", data={"csrf_token": token, "username": username,
                                              "password": password},
                       allow_redirects=False).status_code


def session_carries_over(a, b, username):
    """A login made on A is a login on B."""
    client = requests.Session()
    if log_in(client, a.address, username, PASSWORD) != 302:
        return False
    page = client.get(f"{b.address}/me/profile/q/call_me", allow_redirects=False)
    return page.status_code == 200 and "csrf_token" in page.text


def login_limit_is_shared(a, b, username):
    """Five wrong passwords on A, and the right one is refused on B (429)."""
    client = requests.Session()
    wrong = [log_in(client, a.address, username, "not-the-password") for _ in range(5)]
    return all(status == 422 for status in wrong) and log_in(
        requests.Session(), b.address, username, PASSWORD) == 429


def picture_is_shared(a, b):
    """A card picture uploaded by the administrator on A is served by B."""
    from PIL import Image
    client = requests.Session()
    if log_in(client, a.address, "admin", "lots-demo-2026") != 302:
        return False
    form = client.get(f"{a.address}/admin/cards/new")
    png = io.BytesIO()
    Image.new("RGB", (40, 40), (20, 120, 200)).save(png, "PNG")
    saved = client.post(f"{a.address}/admin/cards/new",
                        data={"csrf_token": CSRF.search(form.text).group(1),
                              "title": "Cluster test card"},
                        files={"picture": ("card.png", png.getvalue(), "image/png")},
                        allow_redirects=False)
    names = re.findall(r"/card-pictures/([0-9a-f]{32}(?:-small)?\.webp)",
                       client.get(f"{a.address}/admin/cards/").text)
    if saved.status_code != 302 or not names:
        print(f"the upload on A failed: status {saved.status_code}")
        return False
    served = client.get(f"{b.address}/card-pictures/{names[0]}")
    if served.status_code != 200 or served.headers["Content-Type"] != "image/webp":
        print(f"B answered the picture A stored with status {served.status_code}")
        return False
    return True


def nginx_does_its_part(base):
    """nginx compresses pages (brotli for a browser that takes it, else gzip), serves static files
    itself, compressed and kept by browsers, and refuses a request larger than the app's 8 MiB
    before it reaches an instance."""
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    page, plain = (requests.get(f"{base}/login", headers=headers, stream=True)
                   for headers in (browser, {"Accept-Encoding": "identity"}))
    style = requests.get(f"{base}/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    versioned = requests.get(f"{base}/static/css/site.css?v=0123456789abcdef")
    too_big = requests.post(f"{base}/login", data=b"x" * (9 * 1024 * 1024))
    return (page.headers.get("Content-Encoding") == "br"
            and "Accept-Encoding" in page.headers.get("Vary", "")
            and len(page.raw.read()) * 3 < len(plain.raw.read())
            and style.status_code == 200 and style.headers.get("Content-Encoding") == "gzip"
            and "max-age=86400" in style.headers.get("Cache-Control", "")
            and "immutable" in versioned.headers.get("Cache-Control", "")
            and too_big.status_code == 413)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-after", type=float, default=20)
    parser.add_argument("--short", action="store_true", help="10 users, 15 seconds, kill at 5")
    args = parser.parse_args()
    if args.short:
        args.users, args.seconds, args.kill_after = 10, 15, 5

    folder = Path(tempfile.mkdtemp(prefix="sokandelots-cluster-"))
    url, schema = load_test.database_url("postgres", folder)
    load_test.run_sql_on_postgres(f"CREATE SCHEMA {schema}")
    processes = []
    instances = []
    try:
        redis, redis_url = start_redis(folder)
        processes.append(redis)
        Participant.usernames = load_test.prepare(url, folder, args.users)
        names = list(Participant.usernames)
        instances = [Instance(name, url, folder, redis_url) for name in "AB"]
        for instance in instances:
            instance.start()
        nginx, nginx_port = start_nginx(folder, [instance.port for instance in instances])
        processes.append(nginx)

        env = Environment(user_classes=[Participant], host=f"http://127.0.0.1:{nginx_port}")
        runner = env.create_local_runner()
        started = time.time()
        runner.start(args.users, spawn_rate=args.users)
        killed = {}

        def kill_one_mid_run():
            # Counted from the first acknowledged answer, so that the kill has something to lose.
            while LEDGER.count == 0:
                if time.time() - started > 60:
                    runner.quit()  # nothing acknowledged in a minute: the figures say so
                    return
                gevent.sleep(0.1)
            gevent.sleep(args.kill_after)
            killed.update(at=time.time() - started, acknowledged=LEDGER.count)
            instances[0].kill()
            instances[0].start()
            gevent.sleep(max(args.seconds - (time.time() - started), 5))
            runner.quit()

        gevent.spawn(kill_one_mid_run)
        runner.greenlet.join()

        stored, _ = load_test.stored_answers(url, folder, names)
        lost = LEDGER.lost(stored)
        a, b = instances
        # The login limit's check comes last: it uses up the tries of this address.
        checks = {
            "nginx compresses, serves static files and refuses 9 MiB": nginx_does_its_part(
                f"http://127.0.0.1:{nginx_port}"),
            "a login on A works on B": session_carries_over(a, b, names[0]),
            "a picture uploaded on A is served by B": picture_is_shared(a, b),
            "wrong passwords on A lock out on B": login_limit_is_shared(a, b, names[1]),
        }
        total = env.stats.total
        # Requests that were on their way to A as it died get 502 from nginx; nothing else may fail.
        allowed = sum(error.occurrences for error in env.stats.errors.values()
                      if "502" in str(error.error))
        print(f"users: {args.users}, seconds: {args.seconds:g}, instances: 2 × 2 workers "
              f"behind nginx, PostgreSQL, Redis")
        print(f"requests: {total.num_requests}, failures: {total.num_failures} "
              f"({allowed} of them 502 for requests at instance A as it was killed)")
        print(f"median response: {total.median_response_time:.0f} ms, "
              f"95th percentile: {total.get_response_time_percentile(0.95):.0f} ms")
        print(f"instance A killed at: {killed.get('at', 0):.1f} s "
              f"({killed.get('acknowledged', 0)} answers acknowledged before), and started again")
        print(f"answers acknowledged: {LEDGER.count}, distinct answers checked: "
              f"{len(LEDGER.acknowledged)}")
        print(f"answers lost: {len(lost)}")
        for error in env.stats.errors.values():
            print(f"error: {error.method} {error.name}: {error.error} ({error.occurrences} times)")
        for name, passed in checks.items():
            print(f"{'passed' if passed else 'FAILED'}: {name}")
        print(f"checks passed: {sum(checks.values())} of {len(checks)}")
        failed = (lost or not all(checks.values()) or total.num_failures > allowed
                  or LEDGER.count == 0 or not killed.get("acknowledged"))
        return 1 if failed else 0
    finally:
        for instance in instances:
            instance.kill()
        for process in processes:
            servers.kill(process)
        load_test.run_sql_on_postgres(f"DROP SCHEMA {schema} CASCADE")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
