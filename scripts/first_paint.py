"""How a participant's pages come in on a slow line: requests, bytes and first contentful paint.

Run with `make weight`. Starts the app on 127.0.0.1 with the demo data, logs in as the demo
participant in Debian's Chromium and, for each page, with nothing kept in the browser's cache and
the line held to 400 kbit/s each way with 400 ms round trips (Chromium's own network emulation),
opens the page and prints the requests made until it has loaded, the bytes that came over the
line (compressed; the answers' bodies, and with their headers) and the first contentful paint.
The server speaks HTTPS with a certificate made for the run (Chromium asks for brotli only over
HTTPS), and the connection is already open, made at login. Exits with 1 when a page needs more
than 4 requests, 30 KB (bodies) or 1 second to its first paint.
"""
import logging
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browsing import launch, log_in  # noqa: E402
from helpers import make_app  # noqa: E402

PAGES = {"question": "/me/profile/q/interests", "home": "/me/", "card grid": "/me/cards/",
         "job card": "/me/cards/c/shop"}
SLOW_LINE = {"offline": False, "latency": 400,  # ms, round trip
             "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}  # bytes/s
MOST_REQUESTS, MOST_BYTES, MOST_MILLISECONDS = 4, 30 * 1024, 1000


class KeepAlive(WSGIRequestHandler):
    """HTTP/1.1, so the browser keeps its connections open as it would with any real server."""
    protocol_version = "HTTP/1.1"


def measure(page, cdp, path):
    """(requests, bytes of the answers' bodies, bytes with their headers, first contentful paint
    in ms) of opening `path` with a cold cache."""
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINE)
    started, headers, received = [], {}, {}
    cdp.on("Network.requestWillBeSent", lambda event: started.append(event["requestId"]))
    cdp.on("Network.responseReceived", lambda event: headers.__setitem__(
        event["requestId"], event["response"]["encodedDataLength"]))
    cdp.on("Network.loadingFinished",
           lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    paint = page.evaluate("""() => {
        const [entry] = performance.getEntriesByName("first-contentful-paint");
        return entry ? entry.startTime : null; }""")
    cdp.send("Network.emulateNetworkConditions", {**SLOW_LINE, "latency": 0,
                                                  "downloadThroughput": -1, "uploadThroughput": -1})
    total = sum(received.values())
    return len(set(started)), total - sum(headers.values()), total, paint


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(Path(tempfile.mkdtemp()))
    # HTTPS as in service: Chromium asks for brotli only over HTTPS. The connection is made while
    # logging in, as it is on a participant's phone that has just logged in.
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=KeepAlive,
                         ssl_context="adhoc")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"https://127.0.0.1:{server.server_port}"
    failed = False
    print(f"{'page':<10} {'path':<24} {'requests':>8} {'KB':>6} {'+headers':>9} {'first paint':>12}")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(base_url=base, viewport={"width": 375, "height": 812},
                                      ignore_https_errors=True)
        page = context.new_page()
        log_in(page, "amina")
        for name, path in PAGES.items():
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            requests, sent, with_headers, paint = measure(page, cdp, path)
            cdp.detach()
            print(f"{name:<10} {path:<24} {requests:>8} {sent / 1024:>6.1f} {with_headers / 1024:>9.1f}"
                  f" {paint:>9.0f} ms")
            failed |= (requests > MOST_REQUESTS or sent > MOST_BYTES
                       or paint is None or paint > MOST_MILLISECONDS)
        browser.close()
    server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
