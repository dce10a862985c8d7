"""The deploy kit in deploy/ matches the app: every setting in the sample environment file, the
upload limit in nginx, a timer for each periodic command, and the gunicorn hook's refusal.
`make cluster` runs the kit itself (scripts/cluster_test.py)."""
import ast
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from sokandelots import assets, config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def variables_config_reads():
    """The names of the environment variables sokandelots/config.py reads."""
    readers = {"get", "getenv", "_int", "_flag"}  # os.environ.get, os.getenv, and its helpers
    names = set()
    for node in ast.walk(ast.parse((ROOT / "sokandelots" / "config.py").read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", None)
            if function in readers and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(ast.literal_eval(node.slice))
    return names


def test_the_sample_environment_names_every_setting():
    sample = (DEPLOY / "sokandelots.env.sample").read_text()
    named = set(re.findall(r"(?m)^#?([A-Z][A-Z0-9_]*)=", sample))
    read = variables_config_reads()
    assert {"SECRET_KEY", "DATABASE_URL", "SMTP_HOST", "LOGIN_LIMIT"} <= read
    assert read - named == set()
    values = dict(re.findall(r"(?m)^([A-Z][A-Z0-9_]*)=(.*)$", sample))
    assert values["SOKANDELOTS_ENV"] == "production"
    assert values["DATABASE_URL"].startswith("postgresql://")
    assert values["RATELIMIT_STORAGE_URI"].startswith("redis://")
    assert values["PUBLIC_URL"].startswith("https://")


def test_nginx_takes_uploads_as_large_as_the_app_does(tmp_path):
    site = (DEPLOY / "nginx" / "sokandelots.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", site).group(1)
    assert int(size) * 1024 * 1024 == config.from_environment(tmp_path)[
        "MAX_CONTENT_LENGTH"]
    assert len(re.findall(r"(?m)^\s*server [\d.]+:\d+ ", site)) == 2
    assert "X-Forwarded-Proto $scheme" in site


def test_nginx_compresses_and_the_app_servers_do_not():
    """The app compresses an answer only when asked to (Flask-Compress); behind nginx it is never
    asked, and nginx compresses with brotli at the app's own quality, so a page is as small as
    the app alone makes it and the app servers' workers only draw pages."""
    site = (DEPLOY / "nginx" / "sokandelots.conf").read_text()
    location = re.search(r"(?s)location / \{(.*?)\n    \}", site).group(1)
    assert re.search(r'(?m)^\s*proxy_set_header Accept-Encoding "";', location)
    assert re.search(r"(?m)^\s*brotli on;", site)
    level = int(re.search(r"(?m)^\s*brotli_comp_level (\d+);", site).group(1))
    assert level == assets.BROTLI_QUALITY


def test_each_periodic_command_has_a_timer():
    units = DEPLOY / "systemd"
    timed = set()
    for timer in units.glob("*.timer"):
        service = timer.with_suffix(".service").read_text()
        timed |= set(re.findall(r"flask --app app ([a-z-]+)", service))
    assert timed == {"send-outbox", "queue-morning-mail", "queue-reminders", "erase-expired"}


@pytest.mark.parametrize("storage, workers, refused", [
    ("memory://", 2, True), ("memory://", 1, False), ("redis://127.0.0.1:6379", 4, False)])
def test_gunicorn_refuses_workers_that_count_login_tries_apart(monkeypatch, tmp_path, storage,
                                                               workers, refused):
    monkeypatch.setenv("SOKANDELOTS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", storage)
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    server = SimpleNamespace(cfg=SimpleNamespace(workers=workers, chdir=str(tmp_path)))
    if refused:
        with pytest.raises(RuntimeError, match="workers"):
            settings["on_starting"](server)
    else:
        settings["on_starting"](server)
