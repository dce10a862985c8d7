"""Sitting together: the coach's screen shows an answer never shared only after the participant,
sitting there, types the code from their own home page."""
import re

from playwright.sync_api import expect

from browsing import assert_accessible, log_in


def test_the_participant_opens_an_unshared_answer_with_the_code_from_their_home_page(page, browser,
                                                                                      live_server):
    erik = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(erik, "erik")
    erik.goto("/me/profile/q/hard")
    erik.fill("#text", "Mycket folk runt mig")
    erik.get_by_role("button", name="Nästa").click()
    expect(erik).to_have_url(re.compile(r"/me/profile/q/school$"))
    erik.goto("/me/")
    code = erik.locator("#sitting-code").inner_text()
    assert re.fullmatch(r"\d{3} \d{3}", code)

    page.set_viewport_size({"width": 375, "height": 700})
    log_in(page, "coach")
    page.goto("/coach/participants/5/together/hard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Be Erik Nilsson bekräfta")
    expect(page.locator("main")).not_to_contain_text("Mycket folk")
    assert_accessible(page, "together: ask to confirm")
    page.get_by_label("Lösenord eller kod").fill(code)
    page.get_by_role("button", name="Bekräfta").click()
    expect(page.locator("#text")).to_have_value("Mycket folk runt mig")
    assert_accessible(page, "together: confirmed")
    erik.context.close()
