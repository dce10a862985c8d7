"""Job cards and activities in a real browser: keyboard only, Swedish and Arabic, without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from browsing import BROKEN_WORDS, assert_accessible, choose_language, log_in, swap_and_check
from sokandelots.jobcards.catalogue import CARDS
from test_profile_journeys import tab_to

ANSWERS = ("yes", "maybe", "no")


@pytest.mark.parametrize("username,code", [("sara", "sv"), ("amina", "ar")])
def test_sort_ten_cards_with_the_keyboard_only(page, username, code):
    log_in(page, username)
    expect(page.locator("html")).to_have_attribute("lang", code)
    tab_to(page, "a[href$='/me/cards/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/me/cards/$"))
    assert_accessible(page, f"card grid ({code})")
    tab_to(page, "a[href$='/me/cards/sort']")
    page.keyboard.press("Enter")
    for number, card in enumerate(CARDS[:10]):
        expect(page).to_have_url(re.compile(f"/me/cards/c/{card.key}$"))
        if number < 2:
            assert_accessible(page, f"card {card.key} ({code})")
        answer = ANSWERS[number % 3]
        tab_to(page, "input[name=answer]")
        page.keyboard.press("Space")  # the first answer, "Ja, gärna"
        for _ in range(ANSWERS.index(answer)):
            page.keyboard.press("ArrowDown")  # a radio group moves with the arrow keys
        expect(page.locator(f"input[name=answer][value={answer}]")).to_be_checked()
        tab_to(page, "button[value=next]")
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/me/cards/c/{CARDS[10].key}$"))
    page.goto("/me/cards/")
    expect(page.locator(".card-answer-yes")).to_have_count(4)
    expect(page.locator(".card-answer-no")).to_have_count(3)
    page.goto(f"/me/cards/c/{CARDS[1].key}")
    expect(page.locator("input[name=answer][value=maybe]")).to_be_checked()
    for path in ("/me/cards/mine", "/me/cards/suggestions", "/me/"):
        page.goto(path)
        assert_accessible(page, f"{path} ({code})")


def test_a_card_choice_saves_as_it_is_given_and_is_announced(page):
    log_in(page, "sara")
    page.goto("/me/cards/c/cafe")
    expect(page.locator("#save-status")).to_have_attribute("role", "status")
    swap_and_check(page, lambda: page.locator("input[value=maybe]").check())
    expect(page.locator("#save-status")).to_have_text("Sparat")
    swap_and_check(page, lambda: page.locator("#tried").check())
    page.goto("/me/cards/")  # walk away without pressing Next
    expect(page.locator(".card-tile", has_text="Kafé")).to_contain_text("Jag har provat det")


def test_cards_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "sara")
    page.goto("/me/cards/sort")
    for answer in ANSWERS:
        page.locator(f"input[name=answer][value={answer}]").check()
        page.click("button[value=next]")
    expect(page).to_have_url(re.compile(f"/me/cards/c/{CARDS[3].key}$"))
    page.goto("/me/cards/mine")
    expect(page.locator(".my-card")).to_have_count(2)


@pytest.mark.parametrize("username,code,number", [("erik", "sv", 5), ("amina", "ar", 4)])
def test_an_activity_is_added_reflected_on_and_read_by_the_coach(page, browser, live_server,
                                                                 username, code, number):
    log_in(page, username)
    page.goto("/me/activities/")
    assert_accessible(page, f"activities ({code})")
    page.click("a[href$='/me/activities/new']")
    page.locator("input[name=kind][value=tryout]").check()
    page.fill("#place", "Kaféet på torget")
    page.fill("#day", "2026-11-20")
    page.select_option("#card", "cafe")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/me/activities/1$"))
    assert_accessible(page, f"activity ({code})")
    page.locator("input[name=went][value='4']").check()
    page.locator("input[name=liked][value='3']").check()
    page.locator("input[name=good][value=people]").check()
    page.locator("input[name=hard][value=noise]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=went][value='4']")).to_be_checked()
    assert_accessible(page, f"activity with reflection ({code})")

    coach = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(coach, "coach")
    choose_language(coach, code, f"/coach/participants/{number}/activities/1")
    expect(coach.locator("main")).to_contain_text("Kaféet på torget")
    assert_accessible(coach, f"coach activity ({code})")
    coach.fill("#text", "Bra att du frågade om hjälp.")
    coach.locator("main form button[type=submit]").click()
    coach.context.close()
    page.reload()
    expect(page.locator("main")).to_contain_text("Bra att du frågade om hjälp.")


def test_activity_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    page.goto("/me/activities/new")
    page.locator("input[name=kind][value=visit]").check()
    page.click("main form button[type=submit]")
    page.locator("input[name=again][value='2']").check()
    page.click("main form button[type=submit]")
    expect(page.locator(".notice-success")).to_be_visible()
    expect(page.locator("input[name=again][value='2']")).to_be_checked()


def test_coach_reviews_marks_read_and_writes_feedback_that_erik_then_sees(page, browser, live_server):
    log_in(page, "erik")
    page.goto("/me/profile/q/interests")
    page.locator("input[value=animals]").check()
    page.click(".question-buttons button[value=next]")
    # "Next" waits for the autosave; the page must have moved on before we go elsewhere.
    expect(page).not_to_have_url(re.compile("/q/interests$"))
    page.goto("/me/profile/check")
    page.click("form[action$='/share'] button")
    coach = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(coach, "coach")
    coach.click(".badge")
    coach.click("text=Markera som läst")
    expect(coach.locator(".notice-success").first).to_be_visible()
    page.goto("/me/profile/q/interests")
    page.locator("input[value=plants]").check()
    page.click(".question-buttons button[value=next]")
    # "Next" waits for the autosave; the page must have moved on before we go elsewhere.
    expect(page).not_to_have_url(re.compile("/q/interests$"))
    page.goto("/me/profile/check")
    page.click("form[action$='/share'] button")
    coach.goto("/coach/")
    coach.click(".badge")
    expect(coach.locator(".answer-item.changed")).to_have_count(1)
    assert_accessible(coach, "review with a change")
    coach.goto("/coach/participants/5/notes")
    coach.select_option("#feedback-section", "likes")
    coach.fill("#feedback-text", "Djur och växter passar bra ihop. Vi kan besöka en trädgård.")
    coach.locator("form[action$='/feedback'] button.button:not(.secondary)").click()
    expect(coach.locator(".notice-success")).to_be_visible()
    assert_accessible(coach, "notes")
    coach.context.close()
    page.goto("/me/")
    page.click("a[href$='/me/coach']")
    expect(page.locator(".feedback")).to_contain_text("Vi kan besöka en trädgård.")
    assert_accessible(page, "my coach with feedback")
    page.locator(".feedback form[action$='/read'] button").click()
    expect(page.locator(".feedback form[action$='/read']")).to_have_count(0)
    page.goto("/me/access")
    expect(page.locator("main")).to_contain_text("Jonas Berg")
    assert_accessible(page, "who has looked")


@pytest.mark.parametrize("username,code", [("sara", "sv"), ("amina", "ar")])
@pytest.mark.parametrize("width", [375, 768, 1280])
def test_a_cards_answers_keep_their_words_whole_on_a_phone_and_a_computer(
        page, username, code, width):
    log_in(page, username)
    page.set_viewport_size({"width": width, "height": 800})
    for card in CARDS[:3]:
        page.goto(f"/me/cards/c/{card.key}")
        assert page.evaluate(BROKEN_WORDS) == [], f"{card.key} at {width} px ({code})"
