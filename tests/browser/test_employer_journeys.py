"""Steps 3 and 4 in a real browser: an employer, a workplace analysis, a lead and the match view."""
import re

import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_coach_adds_an_employer_an_analysis_and_a_lead_and_compares(page, code):
    log_in(page, "coach")
    choose_language(page, code, "/coach/employers/new")
    page.fill("#name", "Café Solen")
    page.select_option("#sector", "food")
    page.fill("#tags", "kök, morgon")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/coach/employers/1$"))
    assert_accessible(page, f"employer ({code})")
    page.fill("#person-name", "Lisa Ek")
    page.fill("#person-email", "lisa@example.se")
    page.locator("form[action$='/people'] button").click()
    expect(page.locator("main")).to_contain_text("lisa@example.se")
    page.click("a[href$='/positions/new']")
    page.fill("#title", "Kafébiträde")
    page.locator("input[name=place][value=indoors]").check()
    page.locator("input[name=noise][value=loud]").check()
    page.locator("input[name=times][value=mornings]").check()
    assert_accessible(page, f"workplace analysis ({code})")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/coach/employers/1$"))
    page.goto("/coach/participants/5/leads")
    page.select_option("#employer", "1")
    page.select_option("#kind", "study_visit")
    page.locator("form[action$='/leads'] button").click()
    expect(page.locator(".lead-title")).to_contain_text("Café Solen")
    assert_accessible(page, f"leads ({code})")
    page.click("a[href$='/match/1']")
    expect(page.locator("table.match")).to_be_visible()
    assert_accessible(page, f"match ({code})")
