"""On a cheap phone and with the keyboard only: the header, pages that fit 320 px, the caseload's
sort links, Back and Next, confirmations read out, dates, and the language at login and set-up."""
import re

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in
from sokandelots.profile.catalogue import QUESTIONS

PHONE = {"width": 375, "height": 667}
FIRST_ANSWER = "main input:not([type=hidden]), main textarea, main select"
LANGUAGE_WORD = {"sv": "Språk", "ar": "اللغة"}


# --- The header on a phone ---------------------------------------------------------------------

@pytest.mark.parametrize("code", ["sv", "ar"])
@pytest.mark.parametrize("username", [None, "erik", "coach"])
def test_the_header_leaves_a_phones_first_screen_to_the_page(page, username, code):
    page.set_viewport_size(PHONE)
    choose_language(page, code, "/login")
    if username:
        log_in(page, username)
        expect(page.locator(".logout button")).to_be_visible()
    height = page.locator(".site-header").bounding_box()["height"]
    assert height <= 0.2 * PHONE["height"], f"the header is {height:.0f} px of {PHONE['height']}"
    # One control, named in this language and in English, with the languages folded inside.
    summary = page.locator(".languages summary")
    expect(summary).to_have_text(re.compile(f"^{LANGUAGE_WORD[code]}\\s*/?\\s*Language$"))
    expect(page.locator(".languages button[value=uk]")).to_be_hidden()
    summary.click()
    expect(page.locator(".languages button[value=uk]")).to_have_attribute("lang", "uk")
    assert_accessible(page, f"language control open ({code}, {username})")


def test_the_language_control_works_without_javascript_and_keeps_the_page(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    choose_language(page, "uk")
    expect(page).to_have_url(re.compile("/me/profile/q/interests$"))
    expect(page.locator("h1")).not_to_have_text(re.compile("Vad"))


# --- The language at login and at set-up --------------------------------------------------------

def test_a_language_chosen_on_the_login_page_wins_at_login(page):
    log_in(page, "erik")
    choose_language(page, "sv")  # Erik's account keeps Swedish
    page.locator(".logout button").click()
    choose_language(page, "ar")
    log_in(page, "erik")
    expect(page).to_have_url(re.compile("/me/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")


def test_a_set_up_code_typed_by_hand_continues_in_the_language_on_the_card(page, browser,
                                                                            live_server):
    log_in(page, "coach")
    page.fill("#name", "Yonas Tesfay")
    page.select_option("#locale", "ti")
    page.click("text=Skapa och gör ett inloggningskort")
    expect(page.locator(".card-language")).to_have_text("ትግርኛ (tigrinja)")
    code = page.locator(".login-card dd.code").nth(1).inner_text()

    # A library computer: Amina used it before and logged out; her Arabic stays on the login page.
    person = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(person, "amina")
    person.locator(".logout button").click()
    expect(person.locator("html")).to_have_attribute("lang", "ar")
    person.goto("/setup")
    person.fill("#code", code)
    person.fill("#password", "kort")
    person.locator("main button[type=submit]").click()
    expect(person.locator("html")).to_have_attribute("lang", "ti")
    assert_accessible(person, "set-up with errors in the card's language")
    person.fill("#password", "ሰላም ንኹሉ ሰብ ሰላም")
    person.locator("main button[type=submit]").click()
    expect(person).to_have_url(re.compile("/me/$"))
    expect(person.locator("html")).to_have_attribute("lang", "ti")
    person.context.close()


# --- Keyboard order on a question ---------------------------------------------------------------

def tabs_until(page, selector, limit=40):
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


def test_the_first_answer_is_a_few_tabs_away_and_back_comes_before_next(page):
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    assert tabs_until(page, FIRST_ANSWER) <= 6
    page.reload()
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert tabs_until(page, FIRST_ANSWER) == 1
    expect(page.locator("input[value=outdoors]")).to_be_focused()
    page.locator(".question-buttons button[value=back]").focus()
    page.keyboard.press("Tab")
    expect(page.locator(".question-buttons button[value=next]")).to_be_focused()


def test_enter_in_a_text_field_means_next_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    keys = [question.key for question in QUESTIONS]
    page.goto("/me/profile/q/languages")  # rows of text fields, with "Add a row" before Next
    page.locator(".row-entry input").first.fill("Svenska")
    page.locator(".row-entry input").first.press("Enter")
    expect(page).to_have_url(re.compile(f"/q/{keys[keys.index('languages') + 1]}$"))
