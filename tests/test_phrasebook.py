"""The phrasebook: the catalogue of prepared sentences, composing a message with them, and the
participant reading each one in their language with the Swedish beside it."""
import html
import json
import re

import pytest
from babel.dates import format_date
from datetime import date

from catalogues import catalogue
from helpers import submit
from sokandelots import phrasebook
from sokandelots.i18n import LANGUAGES
from sokandelots.models import Message

AMINA, SARA = 4, 6
PAGE = f"/coach/participants/{AMINA}/messages"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
DAY = date(2026, 12, 9)


def test_every_phrase_has_placeholders_matching_its_slots_and_known_groups():
    assert len(phrasebook.PHRASES) >= 15
    for key, phrase in phrasebook.PHRASES.items():
        assert key == phrase.key
        assert sorted(PLACEHOLDER.findall(phrase.text._args[0])) == sorted(phrase.slots), key
        assert set(phrase.slots) <= set(phrasebook.SLOTS) and phrase.groups, key
        assert set(phrase.groups) <= {phrasebook.MESSAGE, phrasebook.FEEDBACK,
                                      phrasebook.MEETING_NOTE, phrasebook.AGREEMENT}, key


def _msgids():
    """Every English text the phrasebook shows a reader: the phrases and the slots' words."""
    texts = [phrase.text for phrase in phrasebook.PHRASES.values()]
    texts += [*phrasebook.PLACES.values(), *phrasebook.WHAT.values()]
    return [text._args[0] for text in texts]


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_phrase_is_translated_in_every_locale(code):
    """Reads the .po files: a missing or fuzzy translation, or one that lost a slot, fails."""
    found = {message.id: message for message in catalogue(code) if message.id}
    for msgid in _msgids():
        message = found.get(msgid)
        assert message is not None and message.string and not message.fuzzy, (code, msgid)
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(msgid)), (
            code, msgid)


def test_a_phrase_renders_its_slots_in_the_readers_language(ctx):
    item = phrasebook.check("see_you", {"day": "2026-12-09", "time": "9.30",
                                        "place": {"text": "Storgatan <3>"}})
    assert item == {"key": "see_you", "slots": {"day": "2026-12-09", "time": "09:30",
                                                "place": {"text": "Storgatan <3>"}}}
    swedish = phrasebook.render(item, "sv")
    assert format_date(DAY, "full", locale="sv") in swedish and "09:30" in swedish
    # Free text stays Swedish, is marked so, and is escaped.
    assert '<bdi class="written-in-swedish" lang="sv" dir="ltr">Storgatan &lt;3&gt;</bdi>' in swedish
    assert format_date(DAY, "full", locale="ar") in phrasebook.render(item, "ar")
    for slots, slot in (({"day": "9 dec", "time": "10:00", "place": "office"}, "day"),
                        ({"day": "2026-12-09", "time": "25:00", "place": "office"}, "time"),
                        ({"day": "2026-12-09", "time": "10:00", "place": "moon"}, "place"),
                        ({"day": "2026-12-09", "time": "10:00"}, "place")):
        with pytest.raises(phrasebook.SlotError) as error:
            phrasebook.check("see_you", slots)
        assert error.value.slot == slot
    with pytest.raises(phrasebook.SlotError):
        phrasebook.check("well_done", {"what": "profile"}, phrasebook.AGREEMENT)  # not offered there
    with pytest.raises(phrasebook.SlotError):
        phrasebook.loads('[{"key": "nope"}]')


def _add(coach, chosen, **slots):
    return submit(coach, PAGE, {"chosen": chosen, "add": "1", **slots})


def _chosen(response):
    return html.unescape(re.search(r'name="chosen"[^>]*value="([^"]*)"',
                                   response.get_data(as_text=True))[1])


def test_coach_composes_with_phrases_and_free_text_and_amina_reads_arabic_beside_swedish(
        app, coach, client, as_user):
    response = _add(coach, "", phrase="see_you", day="2026-12-09", time="10:00", place="office")
    assert response.status_code == 200
    chosen = _chosen(response)
    response = _add(coach, chosen, phrase="bring_id")
    chosen = _chosen(response)
    assert [item["key"] for item in json.loads(chosen)] == ["see_you", "bring_id"]
    assert Message.select().count() == 0  # adding sends nothing
    response = submit(coach, PAGE, {"chosen": chosen, "remove": "1"})
    assert [item["key"] for item in json.loads(_chosen(response))] == ["see_you"]
    response = submit(coach, PAGE, {"chosen": _chosen(response), "text": "Vi tar fikat efteråt."})
    assert response.status_code == 302
    with app.app_context():
        message = Message.get()
        assert message.text == "Vi tar fikat efteråt."
        assert json.loads(message.phrases) == [{"key": "see_you", "slots": {
            "day": "2026-12-09", "time": "10:00", "place": "office"}}]

    as_user("amina")
    page = client.get("/me/messages").get_data(as_text=True)
    arabic = re.search(r'<span class="phrase-here" lang="ar" dir="rtl"[^>]*>(.*?)</span>', page, re.S)
    swedish = re.search(r'<span class="phrase-swedish" lang="sv" dir="ltr"[^>]*>(.*?)</span>', page, re.S)
    assert arabic and format_date(DAY, "full", locale="ar") in arabic[1]
    assert swedish and format_date(DAY, "full", locale="sv") in swedish[1]
    assert arabic[1] != swedish[1]
    # Each is read aloud in its own language, and the free text is marked as Swedish.
    assert re.search(r'class="phrase-swedish" lang="sv" dir="ltr" data-say="/[^"]+"', page)
    assert re.search(r'class="own-words" lang="sv" dir="ltr" data-say="/[^"]+">Vi tar fikat', page)
    assert 'class="written-in-swedish-note"' in page


def test_a_bad_slot_value_gets_a_clear_message_next_to_its_field(app, coach):
    response = _add(coach, "", phrase="see_you", day="imorgon", time="10:00", place="office")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#day"' in body
    assert "2026-12-09" in body  # the example of how to write a day
    response = _add(coach, "", phrase="see_you", day="2026-12-09", time="10:00", place="other")
    assert response.status_code == 422 and 'href="#place_text"' in response.get_data(as_text=True)
    # A tampered list of chosen sentences is refused, not stored.
    response = submit(coach, PAGE, {"chosen": '[{"key": "see_you", "slots": {}}]', "text": "Hej"})
    assert response.status_code == 422 and 'href="#phrase"' in response.get_data(as_text=True)
    response = submit(coach, PAGE, {"chosen": "", "text": ""})
    assert response.status_code == 422 and 'href="#text"' in response.get_data(as_text=True)
    with app.app_context():
        assert Message.select().count() == 0


def test_another_coachs_participant_is_not_found(coach):
    page = f"/coach/participants/{SARA}/messages"
    assert coach.get(page).status_code == 404
    token_page = PAGE
    assert submit(coach, token_page, {"chosen": "", "add": "1", "phrase": "bring_id"},
                  action=page).status_code == 404


def test_feedback_is_composed_with_phrases_and_read_beside_swedish(app, coach, client, as_user):
    notes = f"/coach/participants/{AMINA}/notes"
    action = f"/coach/participants/{AMINA}/feedback"
    response = submit(coach, notes, {"feedback-add": "1", "feedback-phrase": "well_done",
                                     "feedback-what": "cv"}, action=action)
    assert response.status_code == 200
    chosen = html.unescape(re.search(r'name="feedback-chosen"[^>]*value="([^"]*)"',
                                     response.get_data(as_text=True))[1])
    # A sentence not offered for feedback is refused with a message at the sentence.
    response = submit(coach, notes, {"feedback-chosen": chosen, "feedback-add": "1",
                                     "feedback-phrase": "see_you"}, action=action)
    assert response.status_code == 422 and 'href="#feedback-phrase"' in response.get_data(as_text=True)
    assert submit(coach, notes, {"feedback-chosen": chosen, "feedback-section": ""},
                  action=action).status_code == 302
    assert submit(coach, f"/coach/participants/{SARA}/notes", {"feedback-chosen": chosen},
                  action=f"/coach/participants/{SARA}/feedback").status_code == 404
    as_user("amina")
    page = client.get("/me/coach").get_data(as_text=True)
    assert re.search(r'class="phrase-here" lang="ar" dir="rtl"', page)
    assert re.search(r'class="phrase-swedish" lang="sv" dir="ltr"', page)
