"""Talking with the participant: feedback and replies, internal notes, messages, the agreement,
consents, careful words and filling in together."""
import json

import pytest

from helpers import body, export_text, exported, login, submit
from sokandelots import careful
from sokandelots.db import db
from sokandelots.models import Consent

ERIK = 5
P = f"/coach/participants/{ERIK}"
SECRET = "Internt-hemligt-ord-4711"



def test_internal_notes_never_reach_any_participant_page_or_the_export(app, client, as_user, coach):
    submit(coach, f"{P}/notes", {"note-text": SECRET}, action=f"{P}/internal-notes")
    submit(coach, f"{P}/notes", {"feedback-text": "Synligt"}, action=f"{P}/feedback")
    assert SECRET in coach.get(f"{P}/notes").get_data(as_text=True)
    as_user("erik")
    pages = [rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("participant.") and "GET" in rule.methods]
    values = {"key": "interests", "number": 1, "activity_id": 1, "placement_id": 1, "consent_id": 1,
              "meeting_id": 1}
    seen = 0
    for rule in pages:
        url = rule.build({arg: values[arg] for arg in rule.arguments})[1]
        response = client.get(url, follow_redirects=True)
        # The download is a zip, whose data is compressed: read what it holds.
        body = (export_text(response) if response.mimetype == "application/zip"
                else response.get_data().decode(errors="replace"))
        assert SECRET not in body, url
        seen += 1
    assert seen >= 15
    page = client.get("/me/coach").get_data(as_text=True)
    assert "Synligt" in page and page.count("internal-notes-exist") == 1


def test_feedback_is_read_answered_and_confirmed(app, client, as_user, coach):
    submit(coach, f"{P}/notes", {"feedback-section": "likes", "feedback-text": "Fina val!"},
           action=f"{P}/feedback")
    as_user("erik")
    page = client.get("/me/coach").get_data(as_text=True)
    assert "Fina val!" in page and "Det här tycker jag om" in page
    assert submit(client, "/me/coach", {"text": "Tack, coach!"}, action="/me/feedback/1/reply").status_code == 302
    assert submit(client, "/me/coach", {}, action="/me/feedback/1/read").status_code == 302
    assert "Du har läst det här." in client.get("/me/coach").get_data(as_text=True)
    notes_page = coach.get(f"{P}/notes").get_data(as_text=True)
    assert "Tack, coach!" in notes_page and "Inte läst än" not in notes_page
    assert submit(client, "/me/coach", {"text": ""}, action="/me/feedback/1/reply").status_code == 302
    assert submit(client, "/me/coach", {}, action="/me/feedback/99/read").status_code == 404


def test_empty_or_too_long_feedback_gets_a_message_next_to_the_field(coach):
    response = submit(coach, f"{P}/notes", {"feedback-text": ""}, action=f"{P}/feedback")
    assert response.status_code == 422 and 'href="#feedback-text"' in response.get_data(as_text=True)
    response = submit(coach, f"{P}/notes", {"note-text": "x" * 2001}, action=f"{P}/internal-notes")
    assert response.status_code == 422 and 'href="#note-text"' in response.get_data(as_text=True)


def test_careful_words_are_found_by_their_beginnings():
    assert careful.mentions("Hon har en diagnos och är muslim.") == ["diagnos", "muslim"]
    assert careful.mentions("He has ADHD.") == ["adhd"]
    assert careful.mentions("Kom i tid och var glad.") == []


def test_messages_have_unread_counts_on_both_sides(app, client, as_user, coach):
    as_user("erik")
    submit(client, "/me/messages", {"text": "Hej! Kan vi ses?"})
    caseload = coach.get("/coach/").get_data(as_text=True)
    assert f'href="{P}/messages"' in caseload
    assert "Hej! Kan vi ses?" in coach.get(f"{P}/messages").get_data(as_text=True)
    submit(coach, f"{P}/messages", {"text": "Ja, på tisdag.", "seen": "1"})
    assert f'href="{P}/messages"' not in coach.get("/coach/").get_data(as_text=True)
    home = client.get("/me/").get_data(as_text=True)
    assert "1 nytt meddelande" in home or 'class="tile-note"' in home
    assert "Ja, på tisdag." in client.get("/me/messages").get_data(as_text=True)
    submit(client, "/me/messages", {"seen": "2"}, action="/me/messages/read")
    assert 'class="tile-note"' not in client.get("/me/").get_data(as_text=True)
    assert submit(client, "/me/messages", {"text": ""}).status_code == 422


def test_agreement_is_read_confirmed_and_a_change_asks_again(client, as_user, coach):
    submit(coach, f"{P}/agreement", {"referrer": "af", "goals": "Jobb med djur", "meeting_on": "2026-11-02"})
    as_user("erik")
    assert "Jobb med djur" in client.get("/me/coach").get_data(as_text=True)
    submit(client, "/me/coach", {}, action="/me/agreement/read")
    assert "Inte läst än" not in coach.get(f"{P}/agreement").get_data(as_text=True)
    submit(coach, f"{P}/agreement", {"goals": "Jobb med växter"})
    assert "Inte läst än" in coach.get(f"{P}/agreement").get_data(as_text=True)
    bad = submit(coach, f"{P}/agreement", {"meeting_on": "igår"})
    assert bad.status_code == 422 and 'href="#meeting_on"' in bad.get_data(as_text=True)


def test_a_consent_withdrawal_is_asked_for_then_recorded_with_its_date(app, client, as_user, coach):
    submit(coach, f"{P}/agreement", {"consent-partner": "fk", "consent-what": "Närvaron",
                                     "consent-given_on": "2026-10-01", "consent-how": "written",
                                     "consent-direction": "to", "consent-purpose": "Rapporter",
                                     "consent-review_on": "2027-10-01"},
           action=f"{P}/consents")
    as_user("erik")
    assert "Närvaron" in client.get("/me/coach").get_data(as_text=True)
    submit(client, "/me/coach", {}, action="/me/consents/1/withdraw")
    assert f'href="{P}/agreement"' in coach.get("/coach/").get_data(as_text=True)  # the badge
    submit(coach, f"{P}/agreement", {"withdrawn_on": "2026-11-20"}, action=f"{P}/consents/1/withdrawn")
    with app.app_context():
        db.connect(reuse_if_open=True)
        consent = Consent.get_by_id(1)
        assert consent.withdrawn_on.isoformat() == "2026-11-20" and consent.withdraw_asked_at
        db.close()
    assert f'href="{P}/agreement"' not in coach.get("/coach/").get_data(as_text=True)
    assert "20 november 2026" in client.get("/me/coach").get_data(as_text=True)
    bad = submit(coach, f"{P}/agreement", {"consent-what": ""}, action=f"{P}/consents")
    assert bad.status_code == 422


def test_answers_given_together_are_marked_for_the_participant(client, as_user, coach):
    page = coach.get(f"{P}/together/interests").get_data(as_text=True)
    assert "Erik Nilsson" in page and f'action="{P}/together/interests"' in page
    response = submit(coach, f"{P}/together/interests", {"choices": ["animals"], "go": "next"})
    assert response.headers["Location"] == f"{P}/together/strengths"
    as_user("erik")
    check = body(client.get("/me/profile/check"))
    assert check.count("together-mark") == 1
    data = exported(client.get("/me/data.zip"))
    assert data["filled_in_together"] == ["interests"]
    submit(client, "/me/profile/q/interests", {"choices": ["plants"]})
    assert "together-mark" not in body(client.get("/me/profile/check"))


def test_every_language_has_its_careful_words():
    from sokandelots.i18n import LANGUAGES
    assert set(careful.WORDS) == set(LANGUAGES)
    for code, words in careful.WORDS.items():
        assert len(words) >= 20, code
        # A Ge'ez letter is a whole syllable, so three of them make a long enough beginning.
        shortest = 3 if code == "ti" else 4
        assert all(len(word) >= shortest or word == "adhd" for word in words), code


def test_arabic_words_are_found_behind_the_article_and_in_either_spelling():
    assert careful.mentions("يعاني من الاكتئاب") == ["الاكتئاب"]
    assert careful.mentions("افسردگی دارد") == ["افسردگی"]


def test_the_export_holds_what_we_talked_about_but_only_the_dates_of_internal_notes(
        client, as_user, coach):
    submit(coach, f"{P}/notes", {"feedback-text": "Bra jobbat"}, action=f"{P}/feedback")
    submit(coach, f"{P}/notes", {"note-text": SECRET}, action=f"{P}/internal-notes")
    submit(coach, f"{P}/messages", {"text": "Hej Erik"})
    submit(coach, f"{P}/agreement", {"goals": "Jobb med djur"})
    as_user("erik")
    body = export_text(client.get("/me/data.zip"))
    data = json.loads(body)
    assert SECRET not in body and len(data["internal_notes_written"]) == 1
    assert data["feedback"][0]["text"] == "Bra jobbat"
    assert data["messages"][0]["text"] == "Hej Erik" and not data["messages"][0]["from_me"]
    assert data["agreement"]["goals"] == "Jobb med djur"
    assert {row["page"] for row in data["access_log"]} >= {"coach.notes_page", "coach.messages"}
    # Downloading the export does not mark the coach's message as read.
    assert 'class="tile-note"' in client.get("/me/").get_data(as_text=True)
