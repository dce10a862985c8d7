"""Instructions per request of the bench's pages and of the hello-world app, counted by valgrind.

    python scripts/instructions.py [--database sqlite|postgres|both] [--requests N] [--compressed]

`make bench` measures CPU time, which moves by a fifth or more with whatever else the machine is
doing, and the ratio to hello-world moves with it from one day to the next. Instructions hardly do:
the same code, data and requests give the same count to a fraction of a percent (the 300-person
caseload to a few percent), on any machine of the same kind. This serves each app under gunicorn
(one sync worker) inside valgrind's callgrind with counting off; for each page it asks a few times
(templates compiled, caches filled), turns counting on, asks N more times one after another, and
reads the worker's count. The pages, their data and logins are `make bench`'s (`bench.prepare`),
asked for as `make bench` asks: as behind the nginx of deploy/, with nothing compressed
(`--compressed`: as a browser asks the app alone).

What it leaves out: the kernel's work (the network, the disk), which is more of hello-world's
time than of a page's, and the work of the PostgreSQL server, which runs outside valgrind; on
PostgreSQL the figures are the app's part only (`make bench` shows the server's part).
`make instructions` runs it; Debian's valgrind does the counting.
"""
import argparse
import re
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import quote

import bench
import servers

STARTUP = 300  # seconds: the app starts slowly inside valgrind
WARM = 5  # requests before counting


def callgrind(folder):
    """valgrind's callgrind, counting nothing until it is told to (`callgrind_control`)."""
    return ["valgrind", "--quiet", "--tool=callgrind", "--trace-children=yes", "--instr-atstart=no",
            f"--callgrind-out-file={folder}/%p.callgrind"]


def worker_of(master):
    """The pid of gunicorn's one worker, once it is there."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return int(children[0])


def control(pid, *options):
    subprocess.run(["callgrind_control", *options, str(pid)], check=True, capture_output=True)


def count(folder, port, server, path, headers, body=None, requests=30):
    """Instructions the worker runs for one request to `path` (the mean of `requests`)."""
    def ask():
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                         headers=headers, method="POST" if body else "GET")
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()

    pid = worker_of(server)
    for _ in range(WARM):
        ask()
    control(pid, "--zero")
    control(pid, "--instr=on")
    for _ in range(requests):
        ask()
    before = set(folder.glob(f"{pid}.callgrind*"))
    control(pid, "--dump")
    control(pid, "--instr=off")
    # The dump is the worker's file with the next number (the first also writes the unnumbered one).
    dump = max(set(folder.glob(f"{pid}.callgrind.*")) - before, key=lambda p: int(p.suffix[1:]))
    total = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(errors="replace"), re.M)
    return int(total.group(1)) / requests


def measure(kind, requests, encodings):
    """{page: instructions per request}, and hello-world's."""
    with bench.scratch(kind) as (folder, url):
        logins, values, _ = bench.prepare(url, folder)
        counted = folder / "callgrind"
        counted.mkdir()
        started = []
        try:
            ports = servers.free_port(), servers.free_port()
            for app, port, env in (("scripts.bench_hello:app", ports[0], {}),
                                   ("app:app", ports[1], bench.app_environment(url, folder))):
                started.append(servers.gunicorn(app, port, 1, env, under=callgrind(counted),
                                                startup=STARTUP))
            hello = count(counted, ports[0], started[0], "/", {"Accept-Encoding": encodings},
                          requests=requests)
            found = {}
            for name, who, method, path, *_ in bench.PAGES:
                cookie, token = logins[who]
                headers = {"Cookie": cookie, "Accept-Encoding": encodings}
                body = None
                if method == "POST":
                    headers.update(bench.AUTOSAVE_HEADERS)
                    body = bench.AUTOSAVE.format(token=quote(token)).encode()
                found[name] = count(counted, ports[1], started[1], path.format(**values),
                                    headers, body, requests)
            return found, hello
        finally:
            for server in started:
                servers.stop(server)


def table(kind, found, hello):
    print(f"\n{kind}" + (" (the app's part only: PostgreSQL's own is not counted)"
                         if kind == "postgres" else ""))
    print(f"{'page':22} {'M instructions':>14} {'× hello':>8} {'target':>7}")
    for name, _, _, _, target, _ in bench.PAGES:
        times = found[name] / hello
        print(f"{name:22} {found[name] / 1e6:14.2f} {times:7.1f}× {f'≤{target}×':>7}"
              f"{'' if times <= target else '  (over target)'}")
    print(f"{'hello-world':22} {hello / 1e6:14.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--requests", type=int, default=30, help="counted for each page")
    parser.add_argument("--compressed", action="store_true",
                        help="ask as a browser asks an app with no proxy in front: compressed")
    args = parser.parse_args()
    encodings = bench.BROWSER_ENCODINGS if args.compressed else bench.BEHIND_NGINX
    kinds = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    print(f"Instructions per request (callgrind), the mean of {args.requests} requests to each "
          f"page after {WARM}, one gunicorn worker each, {bench.asked(encodings)}")
    for kind in kinds:
        table(kind, *measure(kind, args.requests, encodings))


if __name__ == "__main__":
    main()
