"""Two tabs on the same answer: the later autosave is refused, both answers are shown, and the
person chooses which one to keep. Nothing is overwritten without them seeing it."""
from playwright.sync_api import expect

from browsing import assert_accessible, log_in, swap_and_check

QUESTION = "/me/profile/q/call_me"


def test_a_second_tab_sees_both_answers_and_keeps_its_own(page):
    log_in(page, "erik")
    page.goto(QUESTION)
    other = page.context.new_page()
    other.add_init_script("window.__swaps = 0; window.__checkedSwaps = 0;"
                          "document.addEventListener('htmx:after:swap', () => { window.__swaps += 1; });")
    other.goto(QUESTION)

    swap_and_check(page, lambda: page.fill("#text", "Ricky"))
    expect(page.locator("#save-status")).to_have_text("Sparat")
    swap_and_check(page, lambda: page.fill("#text", "Ricky E."))  # its own next save goes through
    expect(page.locator("#save-status")).to_have_text("Sparat")

    swap_and_check(other, lambda: other.fill("#text", "Rickard"))
    expect(other.locator("#save-status")).to_contain_text("Någon annan har ändrat svaret")
    other.get_by_role("button", name="Nästa").click()
    conflict = other.locator(".conflict")
    expect(conflict).to_contain_text("Ricky E.")
    expect(conflict).to_contain_text("Rickard")
    assert_accessible(other, "conflict on an answer")
    other.get_by_role("button", name="Behåll mitt svar").click()
    expect(other.locator("#text")).to_have_value("Rickard")
    page.reload()
    expect(page.locator("#text")).to_have_value("Rickard")
