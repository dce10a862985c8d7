"""Steps 4 and 5 in a real browser: the coach writes and prints a plan; the participant marks
a week of attendance (with and without JavaScript); the coach confirms it and opens the report."""
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in

WEEK = ["23", "24", "25", "26", "27"]


def coach_writes_a_plan(page, code):
    log_in(page, "coach")
    choose_language(page, code, "/coach/employers/new")
    page.fill("#name", "Café Solen")
    page.select_option("#sector", "food")
    page.locator("main form button[type=submit]").click()
    page.click("a[href$='/positions/new']")
    page.fill("#title", "Kafébiträde")
    page.locator("input[name=place][value=indoors]").check()
    page.locator("main form button[type=submit]").click()
    page.goto("/coach/participants/5/leads")
    page.select_option("#employer", "1")
    page.select_option("#kind", "tryout")
    page.locator("form[action$='/leads'] button").click()
    page.goto("/coach/participants/5/placements")
    assert_accessible(page, f"placements ({code})")
    page.select_option("#employer", "1")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/placements/1/plan$"))
    # Every week at first, then every four weeks after week 8: the later schedule is missing.
    page.select_option("#followup_weeks", "1")
    page.fill("#followup_change_week", "8")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary a[href='#followup_later_weeks']")).to_be_visible()
    assert_accessible(page, f"plan with errors ({code})")
    page.select_option("#followup_later_weeks", "4")
    page.fill("#start_on", "2026-11-23")
    page.fill("#end_on", "2027-02-26")
    page.fill("#tasks", "Diska och duka.")
    page.fill("#adaptations", "Lugn plats för raster.")
    page.select_option("#terms", "wage_subsidy")
    page.fill("#paid_hours", "20")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile("/placements/1/plan/1$"))
    assert_accessible(page, f"plan version ({code})")
    if code == "sv":  # 23 November 2026 and eight weeks
        expect(page.locator("dl.facts")).to_contain_text("18 januari 2027")


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_coach_writes_and_prints_a_plan_and_confirms_erik_s_week(browser, page, live_server, code):
    coach_writes_a_plan(page, code)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator(".print-page").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".disclosure")).to_be_hidden()
    expect(page.locator(".signature")).to_have_count(3)
    page.emulate_media(media="screen")

    erik = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(erik, "erik")
    choose_language(erik, code, "/me/jobsearch")
    erik.click("a[href$='/placements/1']")
    expect(erik.locator("main")).to_contain_text("Diska och duka.")
    assert_accessible(erik, f"participant's plan ({code})")
    erik.click("a[href*='/placements/1/attendance']")
    erik.goto("/me/placements/1/attendance?week=2026-11-23")
    for day in WEEK:
        erik.locator(f"label:has(input[name=status_202611{day}][value=present])").click()
        erik.fill(f"#hours_202611{day}", "6")
    erik.locator("label:has(input[name=status_20261127][value=sick])").click()
    erik.fill("#hours_20261127", "")
    assert_accessible(erik, f"attendance week ({code})")
    erik.locator("main form button[type=submit]").click()
    expect(erik.locator(".notice-success")).to_be_visible()
    expect(erik.locator("input[name=status_20261127][value=sick]")).to_be_checked()

    page.goto("/coach/participants/5/placements/1/attendance?month=2026-11")
    expect(page.locator("main")).to_contain_text("5")
    assert_accessible(page, f"attendance month ({code})")
    page.locator("main form button[type=submit]").click()
    page.goto("/coach/participants/5/placements/1/attendance/report?month=2026-11")
    expect(page.locator(".totals")).to_contain_text("24")
    assert_accessible(page, f"attendance report ({code})")
    erik.reload()
    expect(erik.locator(".day-confirmed")).to_have_count(5)
    # The week before the plan starts says why each day cannot be filled in, without buttons.
    erik.click(".week-nav a >> nth=0")
    expect(erik.locator(".day-closed")).to_have_count(7)
    expect(erik.locator("input[type=radio]")).to_have_count(0)
    assert_accessible(erik, f"attendance week before the start ({code})")
    erik.context.close()


def test_a_week_is_marked_without_javascript(page, page_without_js):
    coach_writes_a_plan(page, "sv")
    log_in(page_without_js, "erik")
    page_without_js.goto("/me/placements/1/attendance?week=2026-11-23")
    page_without_js.locator("input[name=status_20261123][value=present]").check()
    page_without_js.fill("#hours_20261123", "7,5")
    page_without_js.locator("main form button[type=submit]").click()
    expect(page_without_js.locator(".notice-success")).to_be_visible()
    expect(page_without_js.locator("#hours_20261123")).to_have_value("7,5")
    # Next week has not come yet: every day says so, and none can be filled in.
    page_without_js.goto(f"/me/placements/1/attendance?week={date.today() + timedelta(days=7)}")
    expect(page_without_js.locator(".day-closed")).to_have_count(7)
    expect(page_without_js.locator("input[type=radio]")).to_have_count(0)
