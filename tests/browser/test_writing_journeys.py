"""A coach writing about a participant in a real browser: the careful-words hint comes while
typing, before anything is stored."""
import io
import json
import re
import zipfile

from playwright.sync_api import expect

from browsing import assert_accessible, log_in, swap_and_check


def test_the_careful_words_hint_comes_while_the_coach_types_and_save_anyway_stores(page):
    log_in(page, "coach")
    page.goto("/coach/participants/5/notes")
    text = page.locator("#feedback-text")
    swap_and_check(page, lambda: text.press_sequentially("Han har ADHD"))
    hint = page.locator("#feedback-text-careful")
    expect(hint).to_contain_text("adhd")
    expect(hint).to_have_attribute("aria-live", "polite")
    save_anyway = page.locator("#feedback-text-careful-ok")
    save_anyway.check()
    page.locator("form[action$='/feedback'] button.button:not(.secondary)").click()
    expect(page).to_have_url(re.compile("/notes$"))
    expect(page.locator("main")).to_contain_text("Han har ADHD")
    assert_accessible(page, "notes after the confirmed feedback")


def settle_and_check(page, action):
    """Like `swap_and_check`, for an action after which htmx may swap more than once (a text's
    own change and the click's autosave): wait until the page is quiet, then run axe."""
    before = page.evaluate("window.__swaps")
    action()
    page.wait_for_function("before => window.__swaps > before", arg=before)
    page.wait_for_load_state("networkidle")
    assert_accessible(page, f"after htmx swaps on {page.url}")


def _stored(page, key):
    download = page.request.get("/me/data.zip").body()
    with zipfile.ZipFile(io.BytesIO(download)) as archive:
        return json.loads(archive.read("data.json"))["profile"].get(key)


def test_skip_takes_the_ticked_answers_away_and_an_answer_takes_skip_away(page):
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    skip, animals = page.locator("#skipped"), page.locator("input[value=animals]")
    note = page.locator(".skip-note")
    swap_and_check(page, lambda: animals.check())
    swap_and_check(page, lambda: skip.check())
    expect(animals).not_to_be_checked()
    expect(note).not_to_be_empty()
    expect(page.locator("#save-status")).to_contain_text("Sparat")
    assert _stored(page, "interests") == {"skipped": True}
    swap_and_check(page, lambda: animals.check())
    expect(skip).not_to_be_checked()
    expect(page.locator("#save-status")).to_contain_text("Sparat")
    assert _stored(page, "interests") == {"choices": ["animals"]}
    # Typed words are never thrown away: "skip" stays unticked until they are deleted.
    settle_and_check(page, lambda: page.fill("#text", "Fiske"))
    settle_and_check(page, lambda: skip.click())
    expect(skip).not_to_be_checked()
    expect(page.locator("#text")).to_have_value("Fiske")
    assert _stored(page, "interests") == {"choices": ["animals"], "text": "Fiske"}


def test_a_one_answer_question_can_be_skipped_after_it_was_answered(page):
    log_in(page, "erik")
    page.goto("/me/profile/q/place")
    indoors = page.locator("input[value=indoors]")
    swap_and_check(page, lambda: indoors.check())
    swap_and_check(page, lambda: page.locator("#skipped").check())
    expect(indoors).not_to_be_checked()
    expect(page.locator("#save-status")).to_contain_text("Sparat")
    assert _stored(page, "place") == {"skipped": True}
