"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright, kept off the network."""
import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from helpers import make_app, run_on_postgres
from sokandelots.db import db

CHROMIUM_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-features=AutofillServerCommunication",
    "--no-sandbox",
]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with demo data, served on a free port of 127.0.0.1 for the whole session."""
    app = make_app(tmp_path_factory.mktemp("live"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    db.close()
    if app.config["TEST_SCHEMA"]:
        run_on_postgres(f"DROP SCHEMA {app.config['TEST_SCHEMA']} CASCADE")


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser window (no cookies) that fails the test on any script or CSP error."""
    context = browser.new_context(base_url=live_server, locale="sv-SE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if _is_error(msg) else None)
    yield page
    context.close()
    assert not errors, errors


def _is_error(message):
    # A 4xx answer (a form with errors, a page not found) is expected; Chromium logs it anyway.
    expected = "Failed to load resource: the server responded with a status of 4"
    return message.type == "error" and not message.text.startswith(expected)


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="sv-SE", java_script_enabled=False)
    yield context.new_page()
    context.close()
