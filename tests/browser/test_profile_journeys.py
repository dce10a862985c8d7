"""The profile in a real browser: keyboard only, in Swedish and Arabic, with and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, log_in, swap_and_check
from sokandelots.profile.catalogue import QUESTIONS, ROWS

ANSWER_INPUTS = "input.choice-input:not([name=skipped]), textarea, .row-entry input"


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector`, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def answer_with_keyboard(page, question):
    tab_to(page, ANSWER_INPUTS)
    if page.evaluate("document.activeElement.type") in ("checkbox", "radio"):
        page.keyboard.press("Space")
    else:
        page.keyboard.type("Ett svar" if question.kind != ROWS else "Svenska")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")


@pytest.mark.parametrize("username,code", [("erik", "sv"), ("amina", "ar")])
def test_whole_profile_with_the_keyboard_only_then_share(page, username, code):
    log_in(page, username)
    expect(page.locator("html")).to_have_attribute("lang", code)
    page.goto("/me/profile/")
    for number, question in enumerate(QUESTIONS, start=1):
        expect(page).to_have_url(re.compile(f"/me/profile/q/{question.key}$"))
        expect(page.locator(".counter")).to_contain_text(str(number))
        assert_accessible(page, f"{question.key} ({code})")
        answer_with_keyboard(page, question)
    expect(page).to_have_url(re.compile("/me/profile/check$"))
    assert_accessible(page, f"check ({code})")
    tab_to(page, "form[action$='/share'] button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/me/profile/shared/1$"))
    assert_accessible(page, f"shared version ({code})")
    for path in ("/me/", "/me/profile/shared/", "/me/profile/print", "/me/cv", "/me/data"):
        page.goto(path)
        assert_accessible(page, f"{path} ({code})")
    page.goto("/me/")
    expect(page.locator(".tile-note")).to_have_count(0)  # nothing unshared


def test_answers_save_as_they_are_given(page):
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    swap_and_check(page, lambda: page.locator("input[value=animals]").check())
    expect(page.locator("#save-status")).to_have_text("Sparat")
    swap_and_check(page, lambda: page.fill("#text", "Fiske"))
    page.goto("/me/")  # walk away without pressing Next
    page.goto("/me/profile/q/interests")
    expect(page.locator("input[value=animals]")).to_be_checked()
    expect(page.locator("#text")).to_have_value("Fiske")


def test_whole_profile_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    page.goto("/me/profile/")
    for question in QUESTIONS:
        expect(page).to_have_url(re.compile(f"/me/profile/q/{question.key}$"))
        first = page.locator(ANSWER_INPUTS).first
        if first.get_attribute("type") in ("checkbox", "radio"):
            first.check()
        else:
            first.fill("Ett svar")
        if question.kind == ROWS:
            page.click("button[value=add_row]")
            expect(page.locator(".row-entry")).to_have_count(2)
        page.click(".question-buttons button[value=next]")
    expect(page).to_have_url(re.compile("/me/profile/check$"))
    page.click("form[action$='/share'] button")
    expect(page).to_have_url(re.compile("/me/profile/shared/1$"))
    expect(page.locator("main")).to_contain_text("Ett svar")
