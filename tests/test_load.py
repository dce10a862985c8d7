"""No lost data under load and after a crash: `scripts/load_test.py` against gunicorn.

A short run here; `make soak` runs the full minute with 50 participants."""
import os
import re
import subprocess
import sys
from pathlib import Path


SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load_test.py"
DATABASE = "postgres" if os.environ.get("TEST_DATABASE_URL") else "sqlite"


def run(*args):
    done = subprocess.run([sys.executable, str(SCRIPT), "--database", DATABASE, *args],
                          capture_output=True, text=True, timeout=300)
    figures = dict(re.findall(r"^(requests|answers acknowledged|answers lost|integrity check): "
                              r"(\S+)", done.stdout, re.MULTILINE))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return figures


def test_every_acknowledged_answer_is_saved_under_load():
    figures = run("--users", "20", "--seconds", "6", "--workers", "3")
    assert int(figures["answers acknowledged"].rstrip(",")) > 0
    assert figures["answers lost"] == "0"


def test_answers_acknowledged_before_a_kill_survive_it():
    figures = run("--users", "10", "--seconds", "10", "--workers", "2", "--kill-after", "4")
    assert figures["answers lost"] == "0"
    assert figures["integrity check"] == "ok" or DATABASE == "postgres"
