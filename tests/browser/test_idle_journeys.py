"""Walking away in the middle of an answer, on a shared computer: a warning before the idle
logout, and nothing typed is lost when the session ends anyway, with or without JavaScript."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, log_in, swap_and_check
from helpers import sessions_back

QUESTION = "/me/profile/q/call_me"
SHORT = pytest.mark.app_config(PARTICIPANT_IDLE=timedelta(seconds=3))


def test_a_warning_two_minutes_before_the_idle_logout_lets_the_person_stay(page):
    page.clock.install()
    log_in(page, "erik")
    page.goto(QUESTION)
    warning = page.get_by_role("dialog", name="Är du kvar?")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("18:05")  # participants are logged out after 20 idle minutes
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Om två minuter")
    assert_accessible(page, "idle warning")
    with page.expect_response(re.compile("/still-here$")) as answer:
        warning.get_by_role("button", name="Jag är kvar").click()
    assert answer.value.status == 204
    expect(warning).to_be_hidden()
    page.clock.fast_forward("05:00")
    expect(warning).to_be_hidden()  # counting starts again from "Jag är kvar"


@SHORT
def test_a_page_left_open_goes_to_the_login_page_when_the_session_ends(page):
    log_in(page, "erik")
    page.goto(QUESTION)
    expect(page).to_have_url(re.compile(r"/login\?next="), timeout=15000)
    expect(page.locator(".notice")).to_contain_text("Du blev utloggad")
    expect(page.locator("body")).not_to_contain_text("Erik")  # the next person sees nothing of his


@pytest.fixture
def walk_away(live_app):
    """As after a long break: the server last saw every browser 21 minutes ago."""
    return lambda: sessions_back(live_app, timedelta(minutes=21))


def test_an_answer_typed_after_the_session_ended_comes_back_after_logging_in(page, walk_away):
    log_in(page, "erik")
    page.goto(QUESTION)
    walk_away()
    swap_and_check(page, lambda: page.fill("#text", "Rickard"))
    status = page.locator("#save-status")
    expect(status).to_contain_text("Du är utloggad")
    expect(status.get_by_role("link", name="Logga in igen")).to_be_visible()
    expect(page.locator("#save-status form, #save-status h1")).to_have_count(0)

    page.get_by_role("button", name="Nästa").click()  # goes to the login page, not an error
    expect(page.locator("h1")).to_have_text("Logga in")
    page.fill("#username", "erik")
    page.fill("#password", "lots-demo-2026")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(QUESTION + "$"))
    offer = page.locator("#unsaved-offer")
    expect(offer).to_be_visible()
    assert_accessible(page, "offer of unsaved input")
    swap_and_check(page, lambda: offer.get_by_role("button", name="Sätt tillbaka").click())
    expect(page.locator("#text")).to_have_value("Rickard")
    expect(status).to_have_text("Sparat")
    page.reload()
    expect(page.locator("#text")).to_have_value("Rickard")
    expect(offer).to_be_hidden()


def test_what_was_kept_is_not_offered_to_the_next_person_at_the_computer(page, walk_away):
    log_in(page, "erik")
    page.goto(QUESTION)
    walk_away()
    swap_and_check(page, lambda: page.fill("#text", "Rickard"))
    expect(page.locator("#save-status")).to_contain_text("Du är utloggad")
    log_in(page, "sara")
    page.goto(QUESTION)
    expect(page.locator("#unsaved-offer")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('sokandelots-unsaved')") is None


def test_without_javascript_the_answer_is_kept_through_the_login(page_without_js, walk_away):
    page = page_without_js
    log_in(page, "erik")
    page.goto(QUESTION)
    walk_away()
    page.fill("#text", "Rickard")
    page.get_by_role("button", name="Nästa").click()
    expect(page.locator("h1")).to_have_text("Logga in")
    expect(page.locator("main")).to_contain_text("Du blev utloggad")
    expect(page.locator("main")).to_contain_text("inte sparat")
    page.fill("#username", "erik")
    page.fill("#password", "lots-demo-2026")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Vill du spara det du skrev?")
    page.get_by_role("button", name="Spara det").click()
    expect(page).to_have_url(re.compile(r"/me/profile/q/contact$"))  # Next, as pressed
    page.goto(QUESTION)
    expect(page.locator("#text")).to_have_value("Rickard")
