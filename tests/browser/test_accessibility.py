"""Zero axe-core violations (WCAG 2.0/2.1/2.2 A and AA) on every page, in Swedish and in Arabic."""
import pyotp
import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in
from sokandelots.speech import voices
from sokandelots.speech.texts import fixed_texts

RECORDING = f"/recordings/so/texts/{voices.text_id(fixed_texts('so')[0])}"

PAGES = {
    None: ["/login", "/setup", "/setup?code=WRONG-CODE-0000", "/no-such-page", "/login/forgot",
           "/login/reset/not-a-link"],
    "erik": ["/me/", "/me/profile/q/interests", "/me/profile/q/languages", "/me/profile/q/call_me",
             "/me/profile/check", "/me/data", "/me/cv", "/me/profile/shared/", "/me/cards/",
             "/me/cards/c/shop", "/me/cards/suggestions", "/me/cards/mine", "/me/activities/",
             "/me/activities/new", "/me/access", "/me/coach", "/me/messages", "/me/jobsearch",
             "/me/contact", "/account"],
    "coach": ["/coach/", "/coach/participants/5", "/coach/participants/5/profile",
              "/coach/participants/5/activities", "/coach/participants/5/followups",
              "/coach/participants/5/benefits", "/coach/?step=1&sort=followup", "/coach/participants/5/notes",
              "/coach/participants/5/messages", "/coach/participants/5/agreement",
              "/coach/participants/5/contact", "/coach/participants/5/together/interests", "/coach/employers/",
              "/coach/employers/new", "/coach/participants/5/leads", "/coach/participants/5/case",
              "/account", "/account/two-step", "/recordings/", "/recordings/so/?show=missing",
              RECORDING, "/referrals/", "/referrals/new", "/referrals/1", "/referrals/1/edit",
              "/coach/participants/5/handover", "/coach/cover"],
    "admin": ["/admin/", "/admin/cards/", "/admin/cards/new", "/admin/cards/shop", "/admin/access",
              "/admin/statistics", "/admin/processing", "/admin/users/5/erase",
              "/admin/sessions", "/admin/provider", "/recordings/ar/?show=recorded",
              "/referrals/?show=all", "/referrals/1", "/admin/users/5/coach"],
    "chef": ["/manager/", "/admin/statistics", "/account"],
}
FORMS_WITH_ERRORS = {None: ["/login", "/setup", "/login/forgot"], "erik": ["/me/activities/new", "/account"],
                     "coach": ["/coach/", "/coach/participants/5/activities",
                               "/coach/participants/5/followups", "/coach/participants/5/notes",
                               "/coach/participants/5/benefits",
                               "/coach/participants/5/messages", "/coach/participants/5/agreement",
                               "/coach/employers/new", "/account/two-step", RECORDING,
                               "/referrals/new", "/referrals/1", "/coach/cover",
                               "/coach/participants/5/handover"],
                     "admin": ["/admin/", "/admin/cards/new", "/admin/users/5/erase",
                               "/referrals/new", "/admin/users/5/coach"]}


def open_as(page, username, code):
    """Log in (unless `username` is None) with the pages in language `code`."""
    choose_language(page, code, "/login")
    if username:
        log_in(page, username)
        expect(page.locator("html")).to_have_attribute("lang", code.replace("_", "-"))


@pytest.mark.parametrize("code", ["sv", "ar"])
@pytest.mark.parametrize("username", PAGES)
def test_every_page_is_accessible(page, code, username):
    open_as(page, username, code)
    for path in PAGES[username]:
        page.goto(path)
        assert_accessible(page, f"{path} ({code})")


@pytest.mark.parametrize("code", ["fa_AF", "fa"])
def test_participant_pages_are_accessible_in_dari_and_persian(page, code):
    """Dari and Persian are two languages with their own texts: both are checked."""
    open_as(page, "erik", code)
    for path in PAGES["erik"]:
        page.goto(path)
        assert_accessible(page, f"{path} ({code})")


@pytest.mark.parametrize("code", ["sv", "ar"])
@pytest.mark.parametrize("username", FORMS_WITH_ERRORS)
def test_forms_with_errors_are_accessible(page, code, username):
    """Submit each form empty, so the error summary and field messages are checked too."""
    open_as(page, username, code)
    for path in FORMS_WITH_ERRORS[username]:
        page.goto(path)
        page.locator("main form button[type=submit]").last.click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert_accessible(page, f"{path} with errors ({code})")


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_login_card_is_accessible(page, code):
    log_in(page, "coach")
    choose_language(page, code)
    page.fill("#name", "Noor Rahimi")
    page.locator("#new-participant button[type=submit]").click()
    expect(page.locator(".login-card")).to_be_visible()
    assert_accessible(page, f"login card ({code})")


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_two_step_login_pages_are_accessible(page, code):
    """Turning it on, the recovery codes, and the code page at login, with and without errors."""
    log_in(page, "coach")
    choose_language(page, code, "/account/two-step")
    secret = page.locator(".totp-qr .code").inner_text().replace(" ", "")
    page.fill("#current", "lots-demo-2026")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page, f"recovery codes ({code})")
    page.locator(".site-header form.logout button").click()
    log_in(page, "coach")
    expect(page.locator("#code")).to_be_visible()
    assert_accessible(page, f"code page ({code})")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, f"code page with errors ({code})")
    page.goto("/login/code?recovery=1")
    assert_accessible(page, f"recovery code page ({code})")


def test_the_accessibility_check_finds_real_problems(page):
    page.set_content('<html><body><main><img src="/x.png"><input></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


@pytest.mark.parametrize("code", ["sv", "ar"])
@pytest.mark.parametrize("username", PAGES)
def test_pages_fit_320_px_with_large_text_and_large_targets(page, code, username):
    page.set_viewport_size({"width": 320, "height": 640})
    open_as(page, username, code)
    for path in PAGES[username]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
        small = page.evaluate("""[...document.querySelectorAll('button, input, select, summary')]
            .filter(e => e.offsetParent !== null && e.type !== 'hidden' && !e.closest('[aria-hidden=true]'))
            .map(e => (e.closest('label') || e).getBoundingClientRect())  // a label is the target too
            .filter(r => r.width < 44 || r.height < 44).length""")
        assert small == 0, f"{path}: {small} click targets smaller than 44×44 px"


def test_focus_is_visible(page):
    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip-link")
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_a_swap_without_an_axe_check_is_noticed(page):
    log_in(page, "coach")
    page.click("text=Skapa och gör ett inloggningskort")
    page.wait_for_function("() => window.__swaps > 0")
    assert page.evaluate("window.__swaps - window.__checkedSwaps") == 1
    assert_accessible(page)  # what swap_and_check does; without it the fixture fails the test
