"""Journeys through the app in a real browser, as participants and coaches use it."""
import re

from playwright.sync_api import expect

from browsing import log_in, make_login_card


def test_amina_logs_in_and_gets_her_page_in_arabic_right_to_left(page):
    log_in(page, "amina")
    expect(page).to_have_url(re.compile(r"/me/$"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    # The layout really mirrors: the page heading starts at the right edge.
    box = page.locator("h1").bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] + box["width"] > width * 0.6


def test_login_works_with_javascript_disabled(page_without_js):
    page = page_without_js
    log_in(page, "erik")
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator("h1")).to_contain_text("Erik Nilsson")
    page.click("text=Logga ut")
    expect(page.locator("h1")).to_have_text("Logga in")


def test_wrong_login_focuses_the_error_summary_which_links_to_the_field(page):
    log_in(page, "erik", "not the password")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fel: "))
    summary.locator("a").click()
    expect(page.locator("#username")).to_be_focused()


def test_show_password_button_reveals_and_hides_the_password(page):
    page.goto("/login")
    page.fill("#password", "hemligt ord")
    button = page.locator(".show-password")
    button.click()
    expect(page.locator("#password")).to_have_attribute("type", "text")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()
    expect(page.locator("#password")).to_have_attribute("type", "password")


def test_back_button_after_logout_shows_nothing_personal(page):
    log_in(page, "erik")
    expect(page.locator("h1")).to_contain_text("Erik")
    page.click("text=Logga ut")
    expect(page.locator("h1")).to_have_text("Logga in")  # the logout has finished
    page.go_back()
    page.wait_for_load_state()
    expect(page.locator("body")).not_to_contain_text("Erik Nilsson")


def test_language_picker_switches_language_and_keeps_the_page(page):
    page.goto("/login")
    page.click("text=Språk")
    page.click("text=Українська")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_coach_creates_a_participant_who_then_chooses_a_password(page, browser, live_server,
                                                                live_app):
    live_app.config["PUBLIC_URL"] = live_server  # the card's link starts with it
    username, code, link = make_login_card(page, "Yonas Tesfay", "ti", "social", "login card")
    assert link.startswith(live_server) and code in link

    participant = browser.new_context(base_url=live_server).new_page()
    participant.goto(link)
    expect(participant.locator("html")).to_have_attribute("lang", "ti")
    expect(participant.locator("#code")).to_have_value(code)
    participant.fill("#password", "ሰላም ንኹሉ ሰብ")
    participant.click("main button[type=submit]")
    expect(participant).to_have_url(re.compile(r"/me/$"))
    expect(participant.locator(".notice")).to_contain_text(username)
    participant.context.close()


FAKE_VOICES = """
window.__spoken = [];
const voices = [
  {name: "Remote", lang: "sv-SE", localService: false},
  {name: "Alva", lang: "sv-SE", localService: true},
];
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: () => voices,
  addEventListener: () => {},
  cancel: () => {},
  speak: (utterance) => { window.__spoken.push([utterance.text, utterance.voice.name]); setTimeout(utterance.onend, 0); },
}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_listen_falls_back_to_a_voice_on_this_computer_when_server_audio_fails(page):
    page.add_init_script(FAKE_VOICES)
    page.route("**/speech/**", lambda route: route.fulfill(body=b"not sound", content_type="audio/ogg"))
    page.goto("/setup")
    button = page.locator(".listen")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false", timeout=10000)
    texts = page.evaluate("window.__spoken.map((spoken) => spoken[0])")
    assert "Skriv koden som står på ditt kort." in texts
    assert {voice for _, voice in page.evaluate("window.__spoken")} == {"Alva"}


def test_coach_creates_a_participant_without_javascript(page_without_js):
    page = page_without_js
    log_in(page, "coach")
    page.click("text=Skapa och gör ett inloggningskort")
    expect(page.locator(".error-summary")).to_contain_text("Skriv ett namn.")
    page.fill("#name", "Mona Said")
    page.click("text=Skapa och gör ett inloggningskort")
    expect(page.locator(".login-card")).to_contain_text("Mona Said")
