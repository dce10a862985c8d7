"""Screenshots of every page in Swedish and Arabic, at phone and desktop width, into screenshots/.

Run with `make screenshots`; look at them before calling a page done.
"""
import logging
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browsing import launch, log_in  # noqa: E402
from helpers import make_app  # noqa: E402

PAGES = {
    None: ["/login", "/setup"],
    "amina": ["/me/", "/me/profile/q/interests", "/me/profile/q/languages", "/me/profile/q/call_me",
              "/me/profile/check"],
    "coach": ["/coach/", "/coach/participants/5"],
    "admin": ["/admin/"],
}
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


def main(out=ROOT / "screenshots"):
    out.mkdir(exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(Path(tempfile.mkdtemp()))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width_name, (width, height) in WIDTHS.items():
            for code in ("sv", "ar"):
                for username, paths in PAGES.items():
                    context = browser.new_context(base_url=base, viewport={"width": width, "height": height})
                    page = context.new_page()
                    if username:
                        log_in(page, username)
                    page.goto(f"/language/{code}?next=/")
                    for path in paths:
                        page.goto(path)
                        name = f"{code}-{width_name}-{path.strip('/').replace('/', '_') or 'root'}.png"
                        page.screenshot(path=out / name, full_page=True)
                        print(out.relative_to(ROOT) / name)
                    context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
