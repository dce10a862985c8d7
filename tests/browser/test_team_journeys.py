"""A handover in the browser: the coach hands a participant over with a note; the old coach then
reads the record with no form to change it; the participant reads who the new coach is; on a
phone, in Swedish and in Arabic."""
import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in

PHONE = {"width": 375, "height": 667}


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_a_handover_leaves_the_old_coach_reading_and_tells_the_participant(browser, page, code):
    page.set_viewport_size(PHONE)
    log_in(page, "coach")
    choose_language(page, code, "/coach/participants/5")
    page.locator("main a[href='/coach/participants/5/handover']").click()
    page.select_option("#coach", page.locator("#coach option", has_text="Lena Holm")
                       .get_attribute("value"))
    page.fill("#note", "Erik vill jobba med djur. Ring honom på måndagar.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url("/coach/")
    row = page.locator("tr", has=page.locator("a[href='/coach/participants/5']"))
    expect(row.locator(".badge").first).to_contain_text("Lena Holm")
    assert_accessible(page, f"caseload after a handover ({code})")

    page.goto("/coach/participants/5")
    expect(page.locator("main .notice-warning")).to_contain_text("Lena Holm")
    expect(page.locator("main form[method=post]")).to_have_count(0)
    assert_accessible(page, f"a record the coach only reads ({code})")

    erik = browser.new_context(base_url=page.url.split("/coach")[0], locale="sv-SE").new_page()
    erik.set_viewport_size(PHONE)
    log_in(erik, "erik")
    choose_language(erik, code, "/me/coach")
    expect(erik.locator("main .new-coach")).to_contain_text("Lena Holm")
    assert_accessible(erik, f"Min coach after a handover ({code})")
    erik.context.close()
