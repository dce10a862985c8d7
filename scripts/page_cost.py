"""CPU per request of one page, in-process, to tell whether a change to the code made it cheaper.

    python scripts/page_cost.py PAGE [--database sqlite|postgres] [--against CHECKOUT]
                                [--batches K] [--requests N] [--compressed]
                                [--profile [--by cumulative]]

PAGE is one of the pages of `scripts/bench.py`, or a part of its name ("question", "home",
"autosave"). The data and logins are the bench's (`bench.prepare`), on a database of its own; the
page is asked for with Flask's test client as `make bench` asks (nothing compressed, as behind
the nginx of deploy/; `--compressed`: as a browser asks the app alone), so gunicorn and the
network are left out, and the figure is this process's user and system CPU per request.

On a machine shared with others one run's figure moves by a fifth or more from one minute to the
next, more than most changes save. With `--against`, the same page is measured in another
checkout of the code too (say `git worktree add ../before HEAD~1`, with its translations
compiled), in a second process, and the two take turns, batch by batch: the machine's ups and
downs fall on both alike. It prints the median of each and of the ratios of the pairs of
batches, with the range of the middle half of those ratios: a change is only shown when that
range leaves 1 out. `--profile` prints cProfile's costliest functions of the page instead
(`--by cumulative`: with what each of them calls).
"""
import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent.parent
# The encodings a browser takes over HTTPS, as scripts/bench.py asks with --compressed.
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def pages(checkout):
    """The bench module of a checkout (which puts that checkout's code first on the path)."""
    sys.path.insert(0, str(Path(checkout) / "scripts"))
    import bench
    return bench


def serve(checkout, page, database, requests, profile, compressed=False):
    """Prepare the page's data in `checkout`, then measure a batch of `requests` each time a line
    comes in, printing the CPU ms per request."""
    bench = pages(checkout)
    # The database is made here as `bench.scratch` makes it, not by calling it: an older
    # checkout measured with --against has `prepare` and `PAGES`, and may have no `scratch`.
    folder, schema = Path(tempfile.mkdtemp(prefix="sokandelots-cost-")), None
    if database == "postgres":
        schema = "cost_" + uuid.uuid4().hex[:10]
        url = f"{bench.POSTGRES}?options={quote('-csearch_path=' + schema)}"
        bench.run_on_postgres(f"CREATE SCHEMA {schema}")
    else:
        url = f"sqlite:///{folder / 'cost.sqlite3'}"
    try:
        logins, values, counts = bench.prepare(url, folder)
        from sokandelots import create_app
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": bench.SECRET,
                          "INSTANCE_PATH": str(folder)})
        found = [row for row in bench.PAGES if page == row[0]] or \
            [row for row in bench.PAGES if page in row[0]]
        if not found:
            raise SystemExit(f"no page {page!r}: one of {', '.join(r[0] for r in bench.PAGES)}")
        name, who, method, path, *_ = found[0]
        path = path.format(**values)
        cookie, token = logins[who]
        client = app.test_client()
        client.set_cookie("session", cookie.split("=", 1)[1])
        form = {"csrf_token": token, "text": "Jag vill jobba med djur"}

        headers = {**(BROWSER if compressed else {}),
                   **({"HX-Request-Type": "partial"} if method == "POST" else {})}

        def one():
            response = client.open(path, method=method, data=form if method == "POST" else None,
                                   headers=headers)
            assert response.status_code == 200, f"{name}: {response.status_code}"

        for _ in range(20):  # templates compiled, caches filled
            one()
        if profile:
            import cProfile
            import pstats
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [one() for _ in range(requests)])
            pstats.Stats(profiler).sort_stats(profile).print_stats(40)
            return
        print(f"READY {name}: queries {counts[name][0]}, round trips {counts[name][1]}",
              flush=True)
        for _ in sys.stdin:
            before = resource.getrusage(resource.RUSAGE_SELF)
            for _ in range(requests):
                one()
            after = resource.getrusage(resource.RUSAGE_SELF)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            print(f"{1000 * used / requests:.4f}", flush=True)
    finally:
        if schema:
            bench.run_on_postgres(f"DROP SCHEMA {schema} CASCADE")
        shutil.rmtree(folder, ignore_errors=True)


def compare(checkouts, args):
    """Take turns between a process for each checkout; print the medians and their ratio."""
    workers = []
    for checkout in checkouts:
        workers.append(subprocess.Popen(
            [sys.executable, __file__, args.page, "--serve", str(checkout), "--database",
             args.database, "--requests", str(args.requests)]
            + (["--compressed"] if args.compressed else []),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for checkout, worker in zip(checkouts, workers):
        ready = worker.stdout.readline()
        while ready and not ready.startswith("READY "):  # anything the app printed first
            ready = worker.stdout.readline()
        if not ready:
            raise SystemExit(f"{checkout}: the page could not be measured")
        print(f"{checkout}: {ready[6:].strip()}")
    measured = [[] for _ in workers]
    for batch in range(args.batches):
        # Each goes first every other batch.
        for number in (range(len(workers)) if batch % 2 == 0 else reversed(range(len(workers)))):
            workers[number].stdin.write("go\n")
            workers[number].stdin.flush()
            measured[number].append(float(workers[number].stdout.readline()))
    for worker in workers:
        worker.stdin.close()
        worker.wait()
    for checkout, figures in zip(checkouts, measured):
        print(f"{checkout}: {statistics.median(figures):.3f} ms per request (median of "
              f"{len(figures)} batches of {args.requests}; {min(figures):.3f} to "
              f"{max(figures):.3f})")
    if len(measured) == 2:
        ratios = [first / second for first, second in zip(*measured)]
        quarter, _, three_quarters = statistics.quantiles(ratios, n=4)
        print(f"{checkouts[0]} / {checkouts[1]}: {statistics.median(ratios):.3f} (median of "
              f"the batches' ratios; half of them from {quarter:.3f} to {three_quarters:.3f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--against", help="another checkout of the code, measured by turns")
    parser.add_argument("--batches", type=int, default=16)
    parser.add_argument("--requests", type=int, default=100, help="requests in each batch")
    parser.add_argument("--compressed", action="store_true",
                        help="ask as a browser asks the app alone: compressed")
    parser.add_argument("--profile", action="store_true",
                        help="the page's 40 costliest functions, in this checkout only")
    parser.add_argument("--by", choices=("tottime", "cumulative"), default="tottime",
                        help="with --profile: by each function's own time, or with what it calls")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profile and args.against:
        parser.error("--profile measures this checkout only: leave out --against")
    if args.serve or args.profile:
        serve(args.serve or HERE, args.page, args.database, args.requests,
              args.profile and args.by, args.compressed)
    else:
        compare([HERE] + ([Path(args.against).resolve()] if args.against else []), args)


if __name__ == "__main__":
    main()
