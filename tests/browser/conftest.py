"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright, kept off the network."""
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from browsing import launch
from helpers import drop_database, make_app
from sokandelots.db import db



@pytest.fixture
def live_app(tmp_path, request):
    """The app with fresh demo data that `live_server` serves (for its commands, such as the
    timers' `send-outbox`); a test marked `@pytest.mark.app_config(NAME=value)` gets those
    settings."""
    marker = request.node.get_closest_marker("app_config")
    app = make_app(tmp_path, **(marker.kwargs if marker else {}))
    yield app
    drop_database(app)


@pytest.fixture
def live_server(live_app):
    """The app served on a free port of 127.0.0.1 for one test."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser window (no cookies) that fails the test on any script or CSP error."""
    context = browser.new_context(base_url=live_server, locale="sv-SE")
    page = context.new_page()
    page.add_init_script(COUNT_SWAPS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if _is_error(msg) else None)
    yield page
    unchecked = page.evaluate("(window.__swaps || 0) - (window.__checkedSwaps || 0)")
    context.close()
    assert not errors, errors
    assert unchecked == 0, "an htmx swap was not followed by an axe check (use swap_and_check)"


# Every htmx swap is counted, so a test that swaps without checking axe afterwards fails.
COUNT_SWAPS = """
window.__swaps = 0;
window.__checkedSwaps = 0;
document.addEventListener("htmx:after:swap", () => { window.__swaps += 1; });
"""


def _is_error(message):
    # A 4xx answer (a form with errors, a page not found) is expected; Chromium logs it anyway.
    expected = "Failed to load resource: the server responded with a status of 4"
    return message.type == "error" and not message.text.startswith(expected)


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="sv-SE", java_script_enabled=False)
    yield context.new_page()
    context.close()
