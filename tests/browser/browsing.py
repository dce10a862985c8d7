"""Helpers for browser tests: launching Chromium, accessibility checks with axe-core, logging in,
making a login card."""
import shutil

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# Debian's Chromium, kept off every network but 127.0.0.1.
CHROMIUM_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-features=AutofillServerCommunication",
    "--no-sandbox",
    # A microphone that plays a beep, given without asking: for recording in the browser.
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
]


def launch(playwright):
    """Debian's Chromium; Playwright never downloads a browser of its own."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_axe = Axe()


def assert_accessible(page, label=""):
    """Zero axe-core violations for the WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now."""
    # A page reached by pressing a button may still be loading its stylesheet: judge it whole.
    page.wait_for_load_state("load")
    # Only violations are wanted: axe then leaves out the details of every passing node, which
    # took a third of a check on a long page.
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    page.evaluate("window.__checkedSwaps = window.__swaps || 0")
    assert results.violations_count == 0, f"{label or page.url}\n{results.generate_report()}"


def swap_and_check(page, action):
    """Do something that makes htmx swap content, wait for the swap, then run axe again."""
    before = page.evaluate("window.__swaps")
    action()
    page.wait_for_function("before => window.__swaps > before", arg=before)
    assert_accessible(page, f"after htmx swap on {page.url}")


def choose_language(page, code, path=None):
    """Open the language control (on `path`, or the page as it is) and press language `code`."""
    if path:
        page.goto(path)
    page.locator(".languages summary").click()
    page.locator(f".languages button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code.replace("_", "-"))


def log_in(page, username, password="lots-demo-2026"):
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")


def make_login_card(page, name, locale, commissioner, label):
    """As the coach: send the empty form first (htmx swaps it in again with its error), then fill
    it in and make the login card; `label` names the card in the accessibility check. Returns the
    card's username, set-up code and link."""
    log_in(page, "coach")
    expect(page.locator("h1")).to_have_text("Mina deltagare")
    swap_and_check(page, lambda: page.click("text=Skapa och gör ett inloggningskort"))
    expect(page.locator(".error-summary")).to_be_focused()
    page.fill("#name", name)
    page.select_option("#locale", locale)
    page.select_option("#commissioner", commissioner)
    page.click("text=Skapa och gör ett inloggningskort")
    expect(page.locator("h1")).to_have_text("Inloggningskort")
    assert_accessible(page, label)
    fields = page.locator(".login-card dd.code")
    return (fields.nth(0).inner_text(), fields.nth(1).inner_text(),
            page.locator(".login-card .link").inner_text())


# The words of answers in tiles that a line break cuts in the middle ("Ka / ns / ke"), which a
# reader who reads little cannot put together: each word of a tile's label, as the lines it is
# drawn on.
BROKEN_WORDS = """[...document.querySelectorAll('.choice-label')].flatMap(label => {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT), broken = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].map(line => Math.round(line.top)));
            if (lines.size > 1) broken.push(word[0]);
        }
    }
    return broken;
})"""
