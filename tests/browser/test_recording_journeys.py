"""Recording a language in the browser with Chromium's fake microphone: record, approve, replace."""
import re

from playwright.sync_api import expect

from browsing import assert_accessible, log_in
from sokandelots.speech import voices
from sokandelots.speech.texts import fixed_texts


def record(page, seconds=0.8):
    page.locator("[data-record]:visible, [data-again]:visible").click()
    expect(page.locator("[data-recorder]")).to_have_attribute("data-state", "recording")
    page.wait_for_timeout(seconds * 1000)
    page.locator("[data-stop]").click()
    expect(page.locator("[data-playback]")).to_be_visible()
    assert page.evaluate("document.querySelector('#audio').files[0].size") > 1000


def status(page, name):
    """The text's status, by its class: the words depend on the page language."""
    expect(page.locator(f".recording-status.recording-{name}")).to_be_visible()


def save(page):
    page.locator("form[enctype] button[type=submit]").click()


def test_record_approve_and_replace_a_text(page):
    text = fixed_texts("so")[0]
    address = f"/recordings/so/texts/{voices.text_id(text)}"
    log_in(page, "coach")
    page.goto(address)
    status(page, "missing")

    record(page)
    assert_accessible(page, "after recording")
    save(page)
    status(page, "recorded")
    stored = page.locator("main > audio")
    assert page.evaluate("el => el.play().then(() => el.duration)", stored.element_handle()) > 0.5

    page.locator("form[action$='/approve'] button").click()
    status(page, "approved")
    page.goto("/recordings/")
    total = len(fixed_texts("so"))
    expect(page.get_by_role("row", name="Soomaali")).to_contain_text(re.compile(f"1 (of|av) {total}"))

    page.goto(address)
    record(page)
    save(page)
    status(page, "recorded")
