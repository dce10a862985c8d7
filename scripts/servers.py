"""Server processes for the scripts that measure or load the app: each runs in a process group
of its own on 127.0.0.1 and is handed back once its port takes connections. (No gevent here:
scripts/load_test.py patches the standard library with it, the others must run without it.)"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP = 30  # seconds a server has to take connections


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command, port, what, startup=STARTUP, **popen):
    """Run `command` in a new process group and wait until `port` takes connections. When the
    process ends first, or has not started within `startup` seconds, it is stopped and the
    script exits with "`what` did not start"."""
    process = subprocess.Popen(command, start_new_session=True, **popen)
    deadline = time.time() + startup
    while time.time() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    kill(process)
    raise SystemExit(f"{what} did not start")


def gunicorn(app, port, workers, env=None, options=(), what=None, under=(), startup=STARTUP):
    """`app` under gunicorn from the checkout's folder; `env` adds to the environment, `options`
    to gunicorn's command line; `under` is a command that runs gunicorn (valgrind)."""
    return start([*under, sys.executable, "-m", "gunicorn", *options, "--workers", str(workers),
                  "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
                 port, what or app, startup, cwd=ROOT, env={**os.environ, **(env or {})})


def stop(process, how=signal.SIGTERM):
    """Send `how` to the process's group and wait for the process to end."""
    try:
        os.killpg(process.pid, how)
    except ProcessLookupError:  # the group has ended already
        pass
    process.wait(timeout=30)


def kill(process):
    """SIGKILL to the process's group, as a crash would end it."""
    stop(process, signal.SIGKILL)
