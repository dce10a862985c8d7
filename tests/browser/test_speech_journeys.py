"""Listen in Chromium without any voice of its own: the server's speech, or recordings."""
import pytest
from playwright.sync_api import expect

from browsing import assert_accessible, log_in

# Each part's audio counts as heard once it plays; it then "ends" at once, to keep tests quick.
WATCH = """
window.__played = [];
window.__marked = [];
document.addEventListener("playing", (event) => {
  window.__played.push(event.target.currentSrc);
  event.target.dispatchEvent(new Event("ended"));
}, true);
new MutationObserver((changes) => changes.forEach((change) => {
  if (change.target.classList && change.target.classList.contains("saying")
      && change.oldValue !== change.target.className) { window.__marked.push(change.target); }
})).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true});
"""
QUESTION = "/me/profile/q/licence"  # short: a question, its hint and three answers


def open_question_in(page, locale):
    page.add_init_script(WATCH)
    log_in(page, "erik")
    page.locator(".languages summary").click()
    page.locator(f".languages button[value={locale}]").click()
    page.goto(QUESTION)
    assert page.evaluate("speechSynthesis.getVoices().length") == 0


@pytest.mark.parametrize("locale", ["sv", "ar", "fa", "fa_AF", "uk", "en"])
def test_listen_plays_server_speech_for_question_hint_and_answers_in_order(page, locale):
    open_question_in(page, locale)
    listen = page.locator(".listen")
    expect(listen).to_be_visible()
    expect(listen).to_contain_text("Computer voice" if locale == "en" else "")
    listen.click()
    expect(listen).to_have_attribute("aria-pressed", "false", timeout=10000)
    parts = page.evaluate("[...document.querySelectorAll('#main [data-say]')].map((p) => p.id || p.textContent.trim())")
    marked = page.evaluate("window.__marked.map((p) => p.id || p.textContent.trim())")
    assert parts[:2] == ["question-text", "question-help"] and len(parts) == 5
    assert marked == parts
    played = page.evaluate("window.__played")
    assert len(played) == 5 and all("/speech/" in url for url in played)
    if locale == "sv":
        assert_accessible(page)


@pytest.mark.parametrize("locale", ["so", "ti"])
def test_listen_without_a_voice_appears_exactly_when_a_recording_is_approved(page, locale):
    from sokandelots.db import db
    from sokandelots.models import RecordedVoice
    from sokandelots.speech.keys import normalise, text_key
    from sokandelots.speech.server import synthesise
    from sokandelots.speech.texts import fixed_texts
    open_question_in(page, locale)
    expect(page.locator(".listen")).to_be_hidden()
    expect(page.locator(".say-one").first).to_be_hidden()
    words = normalise(page.locator("#question-text").inner_text())
    fixed = next(text for text in fixed_texts(locale) if normalise(text.text) == words)
    with db.connection_context():
        RecordedVoice.create(locale=locale, msgid=fixed.msgid, context=fixed.context, text=fixed.text,
                             key=text_key(locale, fixed.text), audio=synthesise("en", "Hello"),
                             seconds=1, status=RecordedVoice.APPROVED)
    page.reload()
    listen = page.locator(".listen")
    expect(listen).to_be_visible()
    note = listen.locator(".voice-note")  # "Recorded voice" in the page's language
    expect(note).to_have_text(note.get_attribute("data-recorded"))
    listen.click()
    expect(listen).to_have_attribute("aria-pressed", "false", timeout=10000)
    assert page.evaluate("window.__marked.map((p) => p.id)") == ["question-text"]
    assert len(page.evaluate("window.__played")) == 1
