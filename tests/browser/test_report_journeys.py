"""A progress report in a real browser: the coach writes it, is stopped from sending it without
a consent or a mandate, keeps it as sent and prints it; the administrator sets the provider."""
import re

from playwright.sync_api import expect

from browsing import assert_accessible, log_in


def test_the_coach_writes_sends_and_prints_a_progress_report(page):
    log_in(page, "admin")
    page.goto("/admin/provider")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "provider with errors")
    page.fill("#name", "Sökandelots, Kommunen")
    page.fill("#org_number", "202100-5489")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".notice-success")).to_be_visible()
    page.locator(".site-header form.logout button").click()

    log_in(page, "coach")
    page.goto("/coach/participants/5")
    page.fill("#commissioner_case_number", "Af-2026/77")
    page.locator("form[action$='/case-number'] button").click()
    expect(page.locator("#commissioner_case_number")).to_have_value("Af-2026/77")
    page.select_option("#kind", "progress")
    page.locator("form[action$='/reports'] button").click()
    expect(page).to_have_url(re.compile("/reports/1$"))
    expect(page.locator(".report")).to_contain_text("Af-2026/77")
    expect(page.locator(".report")).to_contain_text("202100-5489")
    assert_accessible(page, "draft report")
    page.fill("#summary", "Erik har kommit igång med studiebesök.")
    page.locator("form[action$='/reports/1'] button").click()
    expect(page.locator(".report")).to_contain_text("Erik har kommit igång med studiebesök.")

    page.fill("#sent_to", "Arbetsförmedlingen, handläggare Kim")
    page.locator("form[action$='/send'] button").click()
    expect(page.locator(".error-summary a[href='#mandate']")).to_be_visible()
    assert_accessible(page, "report that cannot be sent")
    page.fill("#mandate", "Anvisning från Arbetsförmedlingen")
    page.locator("form[action$='/send'] button").click()
    expect(page.locator(".report")).to_contain_text("Arbetsförmedlingen, handläggare Kim")
    expect(page.locator("#summary")).to_have_count(0)
    assert_accessible(page, "sent report")

    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator(".print-page").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".report-section").first).to_be_visible()
    page.emulate_media(media="screen")
