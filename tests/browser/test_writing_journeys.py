"""A coach writing about a participant in a real browser: the careful-words hint comes while
typing, before anything is stored."""
import re

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
    page.locator("form[action$='/feedback'] button[type=submit]").click()
    expect(page).to_have_url(re.compile("/notes$"))
    expect(page.locator("main")).to_contain_text("Han har ADHD")
    assert_accessible(page, "notes after the confirmed feedback")
