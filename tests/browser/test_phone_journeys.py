"""On a cheap phone and with the keyboard only: the header, pages that fit 320 px, the caseload's
sort links, Back and Next, confirmations read out, dates, and the language at login and set-up."""
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browsing import BROKEN_WORDS, assert_accessible, choose_language, log_in
from sokandelots.db import db
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


# --- Reflow: 320 px wide, and long words whole in their tiles at 360 and 1280 px -------------------

SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
OVERFLOWING_TILES = """[...document.querySelectorAll('.choice, .tile, .card-tile')].filter(tile => {
    const box = tile.getBoundingClientRect();
    return tile.scrollWidth > tile.clientWidth || [...tile.querySelectorAll('*')].some(part => {
        const r = part.getBoundingClientRect();
        return r.width && (r.right > box.right + 1 || r.left < box.left - 1);
    });
}).map(tile => tile.innerText.trim())"""


def participant_pages(page):
    """Every page a participant reaches by following links from Min sida, and every question."""
    todo = ["/me/"] + [f"/me/profile/q/{question.key}" for question in QUESTIONS]
    seen = []
    while todo and len(seen) < 150:
        path = todo.pop(0)
        if path in seen:
            continue
        response = page.goto(path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        seen.append(path)
        yield path
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            link = urlsplit(href)
            target = link.path + (f"?{link.query}" if link.query else "")
            if (link.netloc == urlsplit(page.url).netloc and link.path.startswith(("/me/", "/account"))
                    and not link.path.endswith((".json", ".csv", ".zip", ".ogg")) and target not in seen):
                todo.append(target)


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_no_participant_page_scrolls_sideways_at_320_px_nor_overflows_a_tile_at_1280_px(page, code):
    choose_language(page, code, "/login")
    log_in(page, "erik")
    wide, narrow, broken, count = [], [], [], 0
    for path in participant_pages(page):
        count += 1
        # An answer's words stay whole in its tile ("Närvar / ande" was hard to read), on a
        # cheap phone (360 px) and a computer. At 320 px the longest ones still break.
        for width in (320, 360, 1280):
            page.set_viewport_size({"width": width, "height": 640 if width == 320 else 800})
            if width == 320 and page.evaluate(SCROLLS_SIDEWAYS):
                wide.append(path)
            if width > 320:
                broken += [f"{path} at {width} px: {word}" for word in page.evaluate(BROKEN_WORDS)]
        narrow += [f"{path}: {label}" for label in page.evaluate(OVERFLOWING_TILES)]
    assert count > 40
    assert not wide and not narrow and not broken, (
        f"these pages scroll sideways at 320 px: {wide}; these texts overflow their tiles at "
        f"1280 px: {narrow}; these words are broken in their tiles: {broken}")


def an_activity_and_a_placement(app):
    """For erik: an activity to reflect on (its faces) and a placement whose week he fills in
    (each day's four answers); the paths of the two pages."""
    from datetime import date

    from sokandelots import plans
    from sokandelots.activities import records
    from sokandelots.employers import register
    from sokandelots.models import User
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        erik, coach = User.by_username("erik"), User.by_username("coach")
        activity = records.add(erik, erik, "visit", "Kafé Solen")
        employer = register.add_employer(coach, "Kafé Solen", "food")
        placement = plans.add_placement(erik, employer, coach)
        plans.save(placement, {"start_on": date(2026, 11, 23), "end_on": date(2027, 2, 26),
                               "terms": "wage_subsidy", "paid_hours": 20, "followup_weeks": 2,
                               "purpose": "Att prova arbete på kafé."}, coach)
        db.close()
    return (f"/me/activities/{activity.id}",
            f"/me/placements/{placement.id}/attendance?week=2026-11-23")


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_the_faces_of_an_activity_and_the_answers_of_a_day_keep_their_words_whole(
        page, live_app, code):
    paths = an_activity_and_a_placement(live_app)
    choose_language(page, code, "/login")
    log_in(page, "erik")
    broken = []
    for path in paths:
        page.goto(path)
        assert page.locator(".choices.faces, .choices-row").count() >= 3, path
        for width in (360, 768, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            broken += [f"{path} at {width} px: {word}" for word in page.evaluate(BROKEN_WORDS)]
    assert not broken


# --- The caseload on a phone ---------------------------------------------------------------------

def test_the_caseloads_sort_links_can_be_seen_and_used_on_a_phone(page):
    page.set_viewport_size(PHONE)
    log_in(page, "coach")
    links = page.locator("main a[href*='sort=']")
    focusable = [links.nth(i) for i in range(links.count())
                 if links.nth(i).evaluate("a => a.getClientRects().length > 0")]
    assert len(focusable) >= 5
    for link in focusable:
        link.focus()
        shown = link.evaluate("""a => {
            a.scrollIntoView({block: 'center'});
            const r = a.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return r.width >= 24 && r.height >= 24 && a.contains(hit);
        }""")
        assert shown, f"the sort link {link.inner_text()!r} is focusable but cannot be seen"
    focusable[-1].click()
    expect(page).to_have_url(re.compile("sort=followup"))
    expect(page.locator("main a[href*='sort=followup'][aria-current]:visible")).to_have_count(1)
    assert_accessible(page, "caseload sorted on a phone")


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
    assert tabs_until(page, FIRST_ANSWER) <= 7
    page.reload()
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    # The content starts with Listen, for whoever reads little; the first answer comes next.
    page.keyboard.press("Tab")
    expect(page.locator("main .listen")).to_be_focused()
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


# --- Confirmations are read out -------------------------------------------------------------------

def test_a_confirmation_on_a_new_page_is_read_out(page):
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    page.locator("input[value=animals]").check()
    page.locator(".question-buttons button[value=next]").click()
    expect(page).not_to_have_url(re.compile("/q/interests$"))
    page.goto("/me/profile/check")
    page.click("form[action$='/share'] button")
    expect(page).to_have_title(re.compile("^Nu kan din coach se dina svar"))
    expect(page.locator("[data-notice]")).to_be_focused()
    assert_accessible(page, "shared, with the notice focused")
    page.locator(".logout button").click()
    expect(page).to_have_title(re.compile("^Du är utloggad"))
    expect(page.locator("[data-notice]")).to_be_focused()


def test_a_confirmation_is_in_the_title_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    page.locator(".logout button").click()
    expect(page).to_have_title(re.compile("^Du är utloggad.* – Logga in – Sökandelots$"))
