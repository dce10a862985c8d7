"""Answers by voice: a spoken answer to every question that takes own words, checked by decoding,
kept unchanged in each shared version, heard only by the participant and their own coach, erased
with the participant and in both exports."""
import hashlib
import io
import re
import zipfile

import pytest

from helpers import csrf_token, exported, login, long_silence, sound, submit
from sokandelots.db import db
from sokandelots.models import SharedSpokenAnswer, SpokenAnswer
from sokandelots.profile import spoken
from sokandelots.profile.catalogue import QUESTIONS

ERIK = 5
COACH_PAGE = f"/coach/participants/{ERIK}"


def multipart(token, data=None, name="recording.webm", delete=False):
    """A form as the question page's spoken-answer form sends it (written out here, so that a
    big file is sent as it is, without the test client keeping a copy in a temporary file)."""
    body = b'--x\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + token.encode()
    if delete:
        body += b'\r\n--x\r\nContent-Disposition: form-data; name="delete"\r\n\r\n1'
    else:
        body += (b'\r\n--x\r\nContent-Disposition: form-data; name="spoken"; filename="'
                 + name.encode() + b'"\r\nContent-Type: audio/webm\r\n\r\n' + data)
    body += b"\r\n--x--\r\n"
    return {"input_stream": io.BytesIO(body), "content_length": len(body),
            "content_type": "multipart/form-data; boundary=x"}


def record(client, key, data, name="recording.webm", delete=False, base="/me/profile/q"):
    """Post a spoken answer (or delete it) as the question page's own form does."""
    token = csrf_token(client, f"{base}/{key}")
    return client.post(f"{base}/{key}/spoken", **multipart(token, data, name, delete))


def count(app, model=SpokenAnswer):
    with app.app_context():
        db.connect(reuse_if_open=True)
        found = model.select().count()
        db.close()
    return found


def is_sound(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "audio/ogg"
    assert "no-store" in response.headers["Cache-Control"]
    return response.get_data()[:4] == b"OggS"


@pytest.fixture
def erik(app):
    client = app.test_client()
    login(client, "erik")
    return client


def test_every_question_with_own_words_takes_a_spoken_answer(erik):
    for question in QUESTIONS:
        html = erik.get(f"/me/profile/q/{question.key}").get_data(as_text=True)
        takes = question.kind == "text" or bool(question.own_words)
        save = f'formaction="/me/profile/q/{question.key}/spoken" formenctype="multipart/form-data"'
        assert (save in html) == takes, question.key
        if takes:
            assert 'accept="audio/*" capture' in html
    assert record(erik, "jobs", sound()).status_code == 404  # rows only: no own words


def test_whether_a_question_takes_a_spoken_answer_is_known_without_translating(monkeypatch):
    from flask_babel import LazyString

    def translated(text):
        raise AssertionError("a label was translated")
    monkeypatch.setattr(LazyString, "__str__", translated)
    assert [question.key for question in QUESTIONS if spoken.takes(question)] == [
        question.key for question in QUESTIONS if question.key in spoken.KEYS]
    assert "interests" in spoken.KEYS and "jobs" not in spoken.KEYS


def test_the_participant_records_hears_it_back_and_deletes_it(app, erik):
    response = record(erik, "dream_job", sound(1.5))
    assert response.status_code == 302 and response.headers["Location"] == "/me/profile/q/dream_job"
    html = erik.get("/me/profile/q/dream_job").get_data(as_text=True)
    assert 'src="/me/profile/q/dream_job/spoken.ogg"' in html
    assert is_sound(erik.get("/me/profile/q/dream_job/spoken.ogg"))
    # "Kolla dina svar" plays it; on paper there is a note instead.
    assert 'src="/me/profile/q/dream_job/spoken.ogg"' in erik.get("/me/profile/check").get_data(
        as_text=True)
    printed = erik.get("/me/profile/print").get_data(as_text=True)
    assert "<audio" not in printed and 'class="spoken-note"' in printed
    # A second recording replaces the first; deleting takes it away.
    record(erik, "dream_job", sound(2.5))
    assert count(app) == 1
    assert record(erik, "dream_job", b"", delete=True).status_code == 302
    assert count(app) == 0
    assert erik.get("/me/profile/q/dream_job/spoken.ogg").status_code == 404


def test_a_spoken_answer_with_own_words_beside_ready_answers(app, erik):
    submit(erik, "/me/profile/q/interests", {"choices": "animals", "go": "stay"})
    assert record(erik, "interests", sound()).status_code == 302
    html = erik.get("/me/profile/check").get_data(as_text=True)
    assert 'src="/me/profile/q/interests/spoken.ogg"' in html


@pytest.fixture(scope="module")
def three_hours():
    return long_silence(3)


BAD = {
    "not sound": (b"<html>" + b"hello " * 2000, "recording.webm"),
    "empty": (b"", "recording.webm"),
    "cut off": (sound(2.0)[:300], "recording.wav"),
    "picture": (b"\x89PNG\r\n\x1a\n" + bytes(800), "recording.ogg"),
}


@pytest.mark.parametrize("kind", list(BAD) + ["three hours"])
def test_what_is_not_a_usable_recording_is_refused_plainly_and_nothing_is_stored(
        app, erik, kind, three_hours):
    data, name = BAD[kind] if kind in BAD else (three_hours, "recording.flac")
    response = record(erik, "dream_job", data, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="error-message" id="spoken-error"' in html and 'aria-invalid="true"' in html
    assert count(app) == 0


def test_a_file_of_200_megabytes_gets_a_plain_error_page_and_nothing_is_stored(app, erik):
    response = record(erik, "dream_job", bytes(200 * 1024 * 1024), "recording.wav")
    assert response.status_code == 413
    assert "<h1" in response.get_data(as_text=True)
    assert count(app) == 0


def test_a_shared_version_keeps_its_own_copy_whatever_the_draft_does(app, erik, coach):
    record(erik, "dream_job", sound(1.0))
    first = erik.get("/me/profile/q/dream_job/spoken.ogg").get_data()
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    assert erik.get("/me/profile/shared/1/dream_job.ogg").get_data() == first
    seen_already = "Din coach har redan sett de här svaren."  # the check page, in Swedish
    assert seen_already in erik.get("/me/profile/check").get_data(as_text=True)
    assert 'class="tile-note"' not in erik.get("/me/").get_data(as_text=True)
    record(erik, "dream_job", sound(3.0))
    assert erik.get("/me/profile/q/dream_job/spoken.ogg").get_data() != first
    assert seen_already not in erik.get("/me/profile/check").get_data(as_text=True)
    assert 'class="tile-note"' in erik.get("/me/").get_data(as_text=True)  # a new recording
    record(erik, "dream_job", b"", delete=True)
    assert erik.get("/me/profile/shared/1/dream_job.ogg").get_data() == first
    assert coach.get(f"{COACH_PAGE}/shared/1/dream_job.ogg").get_data() == first
    assert 'src="/me/profile/shared/1/dream_job.ogg"' in erik.get(
        "/me/profile/shared/1").get_data(as_text=True)
    assert count(app, SharedSpokenAnswer) == 1


def post_question_form(client, key, button, **fields):
    """Press `button` of the question page as a browser without JavaScript does: the whole
    question form is sent, to the button's own address (formaction) and in its encoding."""
    html = client.get(f"/me/profile/q/{key}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    seen = re.search(r'name="seen" value="([^"]*)"', html).group(1)
    action = re.search(r'<button type="submit" formaction="([^"]+)"[^>]*>' + button, html).group(1)
    return client.post(action, data={"csrf_token": token, "seen": seen, "page": "", **fields},
                       content_type="multipart/form-data")


def written(app, key):
    from sokandelots.models import User
    from sokandelots.profile import answers
    with app.app_context():
        db.connect(reuse_if_open=True)
        found = answers.draft(User.get(User.username == "erik")).get(key)
        db.close()
    return found


def test_without_javascript_save_the_recording_keeps_what_was_typed_too(app, erik):
    response = post_question_form(erik, "dream_job", "Spara inspelningen", text="Bagare",
                                  spoken=(io.BytesIO(sound(1.0)), "recording.webm"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me/profile/q/dream_job")
    assert written(app, "dream_job")["text"] == "Bagare" and count(app) == 1
    # A refused recording: nothing of it is kept, the typed words are, and the page says why.
    response = post_question_form(erik, "dream_job", "Spara inspelningen", text="Kock",
                                  spoken=(io.BytesIO(b"not sound"), "recording.webm"))
    assert response.status_code == 422 and 'id="spoken-error"' in response.get_data(as_text=True)
    assert written(app, "dream_job")["text"] == "Kock"
    # Delete sends the typed words along as well.
    response = post_question_form(erik, "dream_job", "Ta bort det inspelade svaret", text="Bagare",
                                  delete="1")
    assert response.status_code == 302 and count(app) == 0
    assert written(app, "dream_job")["text"] == "Bagare"


def test_the_coachs_review_marks_an_answer_whose_recording_alone_changed(app, erik, coach):
    def share_and_review():
        submit(erik, "/me/profile/check", {}, action="/me/profile/share")
        html = coach.get(f"{COACH_PAGE}/profile").get_data(as_text=True)
        number = max(int(found) for found in re.findall(r'name="number" value="(\d+)"', html))
        submit(coach, f"{COACH_PAGE}/profile", {"number": str(number)},
               action=f"{COACH_PAGE}/reviewed")
        return html

    def changed(html):
        return re.findall(r'<div class="answer-item changed">\s*<dt id="answer-(\w+)"', html)

    submit(erik, "/me/profile/q/dream_job", {"text": "Bagare"})
    record(erik, "dream_job", sound(1.0))
    share_and_review()
    record(erik, "dream_job", sound(2.0))  # a new recording, the same written answer
    html = share_and_review()
    assert changed(html) == ["dream_job"] and "before-after" not in html
    assert html.count('class="changed-spoken"') == 1
    record(erik, "dream_job", b"", delete=True)  # taken away
    assert changed(share_and_review()) == ["dream_job"]
    assert changed(share_and_review()) == []  # shared again unchanged


def test_only_the_participant_and_their_own_coach_hear_it(app, erik, coach):
    record(erik, "dream_job", sound())
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    review = coach.get(f"{COACH_PAGE}/profile").get_data(as_text=True)
    assert f'src="{COACH_PAGE}/shared/1/dream_job.ogg"' in review
    assert is_sound(coach.get(f"{COACH_PAGE}/shared/1/dream_job.ogg"))
    assert is_sound(coach.get(f"{COACH_PAGE}/together/dream_job/spoken.ogg"))  # as shared
    for name in ("coach2", "sara", "admin"):
        other = app.test_client()
        login(other, name)
        for url in (f"{COACH_PAGE}/shared/1/dream_job.ogg",
                    f"{COACH_PAGE}/together/dream_job/spoken.ogg"):
            assert other.get(url).status_code == (403 if name != "coach2" else 404), (name, url)
        if name == "sara":  # her own addresses find only her own answers
            assert other.get("/me/profile/q/dream_job/spoken.ogg").status_code == 404
            assert other.get("/me/profile/shared/1/dream_job.ogg").status_code == 404
    assert app.test_client().get("/me/profile/q/dream_job/spoken.ogg").status_code == 302


def test_in_together_mode_an_unshared_recording_stays_the_participants_own(app, erik, coach):
    record(erik, "hard", sound())
    assert coach.get(f"{COACH_PAGE}/together/hard/spoken.ogg").status_code == 404
    html = coach.get(f"{COACH_PAGE}/together/hard").get_data(as_text=True)
    assert "spoken.ogg" not in html and 'name="secret"' in html  # asks the participant first
    together = f"{COACH_PAGE}/together"
    refused = record(coach, "hard", b"", delete=True, base=together)
    assert refused.status_code == 403 and count(app) == 1
    # Recorded sitting together: the coach hears it there and it is marked as together.
    assert record(coach, "dream_job", sound(), base=together).status_code == 302
    assert is_sound(coach.get(f"{COACH_PAGE}/together/dream_job/spoken.ogg"))
    html = coach.get(f"{COACH_PAGE}/together/dream_job").get_data(as_text=True)
    assert f'src="{COACH_PAGE}/together/dream_job/spoken.ogg"' in html
    assert exported(erik.get("/me/data.zip"))["spoken_answers"][0]["together"] is True


def test_both_exports_are_zips_with_the_data_and_every_recording(app, erik, coach):
    record(erik, "dream_job", sound(1.0))
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    record(erik, "dream_job", sound(2.0))
    for response in (erik.get("/me/data.zip"), coach.get(f"{COACH_PAGE}/export.zip")):
        assert response.mimetype == "application/zip"
        assert response.headers["Content-Disposition"].endswith('.zip"')
        with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
            data = exported(response)
            assert "spoken_answers" in data["may_hold_health_data"]
            [draft] = data["spoken_answers"]
            [shared] = data["shared_versions"][0]["spoken_answers"]
            assert (draft["file"], shared["file"]) == ("spoken-answers/dream_job.ogg",
                                                      "shared-1/dream_job.ogg")
            for about in (draft, shared):
                body = archive.read(about["file"])
                assert body[:4] == b"OggS"
                assert hashlib.sha256(body).hexdigest() == about["sha256"]
            assert draft["sha256"] != shared["sha256"]
            assert sorted(archive.namelist()) == ["data.json", "shared-1/dream_job.ogg",
                                                  "spoken-answers/dream_job.ogg"]


def test_erasure_takes_every_recording_with_the_participant(app, erik, as_user):
    record(erik, "dream_job", sound())
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    assert (count(app), count(app, SharedSpokenAnswer)) == (1, 1)
    admin = as_user("admin")
    assert submit(admin, f"/admin/users/{ERIK}/erase", {"username": "Erik"}).status_code == 302
    assert (count(app), count(app, SharedSpokenAnswer)) == (0, 0)


def test_a_recording_is_kept_to_two_minutes():
    assert spoken.MAX_SECONDS == 120
