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


def test_two_quick_taps_on_a_slow_line_save_both_without_a_false_alarm(page):
    """A thumb taps two answers within 50 ms on a line with 800 ms of delay: both are saved and
    nobody is told that someone else changed the answer."""
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")

    def slow(route):
        page.wait_for_timeout(800)
        route.continue_()
    page.route("**/me/profile/q/interests", slow)
    answers = page.locator(".choice-input")
    before = page.evaluate("window.__swaps")
    answers.nth(0).check()
    page.wait_for_timeout(40)
    answers.nth(1).check()
    page.wait_for_function("before => window.__swaps >= before + 2", arg=before, timeout=10000)
    assert_accessible(page, "after two quick autosaves")
    expect(page.locator("#save-status")).to_have_text("Sparat")
    page.unroute("**/me/profile/q/interests")
    page.goto("/me/profile/check")  # leave by another link than Next: nothing is lost
    page.goto("/me/profile/q/interests")
    expect(answers.nth(0)).to_be_checked()
    expect(answers.nth(1)).to_be_checked()
