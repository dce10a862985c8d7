"""The page "Inspelningar": staff record, replace and approve the fixed participant texts of a
language; coverage and status follow the texts as they read now; bad sound is refused."""
import io
import re
import shutil
import subprocess

import av
import pytest

from sokandelots.db import db
from sokandelots.models import RecordedVoice
from sokandelots.speech import voices
from sokandelots.speech.texts import FixedText, fixed_texts

from helpers import csrf_token


@pytest.fixture(scope="module")
def speech_wav():
    assert shutil.which("espeak-ng"), "espeak-ng is installed by `make test`"
    return subprocess.run(["espeak-ng", "-v", "sv", "--stdout", "Hej, vad roligt att se dig."],
                          capture_output=True, check=True).stdout


@pytest.fixture(scope="module")
def three_hours():
    """Three hours of real silence, small because FLAC packs silence tightly."""
    rate, minute = 2000, 2000 * 60
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="flac") as out:
        stream = out.add_stream("flac", rate=rate)
        stream.layout = "mono"
        for _ in range(180):
            frame = av.AudioFrame(format="s16", layout="mono", samples=minute)
            frame.sample_rate = rate
            frame.planes[0].update(bytes(2 * minute))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def first(code="so"):
    return fixed_texts(code)[0]


def url(code="so", text=None, end=""):
    return f"/recordings/{code}/texts/{voices.text_id(text or first(code))}{end}"


def post_audio(client, data, code="so", text=None, length=None):
    """`data` sent as the form's sound file (built by hand: the test client's own multipart
    body of a large file is a temporary file it never closes)."""
    token = csrf_token(client, url(code, text))
    body = (b"--x\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            + token.encode() + b"\r\n--x\r\nContent-Disposition: form-data; name=\"audio\"; "
            b"filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\n" + data + b"\r\n--x--\r\n")
    return client.post(url(code, text), input_stream=io.BytesIO(body),
                       content_type="multipart/form-data; boundary=x",
                       environ_overrides={"CONTENT_LENGTH": str(length or len(body))})


def stored(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        rows = list(RecordedVoice.select())
        db.close()
    return rows


@pytest.mark.parametrize("role", ["coach", "admin"])
def test_staff_record_listen_approve_and_replace(app, as_user, speech_wav, role):
    client = as_user(role)
    start = client.get("/recordings/")
    assert start.status_code == 200 and "Soomaali" in start.get_data(as_text=True)
    page = client.get(url())
    assert page.status_code == 200 and 'accept="audio/*" capture' in page.get_data(as_text=True)

    saved = post_audio(client, speech_wav)
    assert saved.status_code == 303 and saved.headers["Location"].endswith(url())
    [recording] = stored(app)
    assert (recording.status, recording.locale, recording.msgid) == ("recorded", "so", first().msgid)
    assert recording.recorded_by.username == role and recording.approved_by is None
    sound = client.get(url(end="/audio"))
    assert sound.mimetype == "audio/ogg" and sound.data[:4] == b"OggS"

    client.post(url(end="/approve"), data={"csrf_token": csrf_token(client, url())})
    [recording] = stored(app)
    assert recording.status == "approved" and recording.approved_by.username == role

    post_audio(client, speech_wav + b"")  # record again: replaces, and must be approved again
    [again] = stored(app)
    assert again.id == recording.id and again.status == "recorded" and again.approved_by is None


def test_participants_are_refused_every_recording_page(app, as_user, speech_wav):
    client = as_user("erik")
    for address in ("/recordings/", "/recordings/so/", "/recordings/so/to-record.csv", url(),
                    url(end="/audio")):
        assert client.get(address).status_code == 403, address
    token = csrf_token(client, "/me/")
    assert client.post(url(), data={"csrf_token": token, "audio": (io.BytesIO(speech_wav), "a.wav")},
                       content_type="multipart/form-data").status_code == 403
    assert client.post(url(end="/approve"), data={"csrf_token": token}).status_code == 403
    assert stored(app) == []


def test_unknown_languages_and_texts_are_not_found(as_user):
    client = as_user("coach")
    assert client.get("/recordings/xx/").status_code == 404
    assert client.get("/recordings/so/texts/" + "0" * 16).status_code == 404
    assert client.get(url(end="/audio")).status_code == 404  # nothing recorded yet


def test_coverage_counts_each_status_and_a_changed_text_is_out_of_date(app, users, speech_wav,
                                                                       monkeypatch):
    texts = fixed_texts("so")
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        empty = voices.coverage("so")
        assert (empty["total"], empty["missing"], empty["current"]) == (len(texts), len(texts), 0)
        for text in texts[:3]:
            voices.save("so", text, speech_wav, users["coach"])
        voices.approve("so", texts[1], users["admin"])
        counts = voices.coverage("so")
        assert (counts["recorded"], counts["approved"], counts["current"]) == (2, 1, 3)
        assert counts["missing"] == len(texts) - 3

        # The translation of the first two texts changes: their recordings no longer fit.
        changed = tuple(FixedText(t.msgid, t.context, t.text + " (cusub)", t.where)
                        if t in texts[:2] else t for t in texts)
        monkeypatch.setattr(voices, "fixed_texts", lambda code: changed)
        counts = voices.coverage("so")
        assert (counts["out-of-date"], counts["recorded"], counts["approved"]) == (2, 1, 0)
        assert [e.status for e in voices.entries("so")[:3]] == ["out-of-date", "out-of-date",
                                                                "recorded"]
        # Listened to and still right: approving makes it fit the text as it reads now.
        voices.approve("so", changed[0], users["admin"])
        assert voices.entries("so")[0].status == "approved"
        assert voices.coverage("so")["out-of-date"] == 1
        db.close()


def test_lists_filter_by_status_and_the_csv_has_what_is_still_to_record(app, as_user, speech_wav):
    client = as_user("coach")
    post_audio(client, speech_wav)
    total = len(fixed_texts("so"))
    start = client.get("/recordings/").get_data(as_text=True)
    assert f"1 of {total}" in start or f"1 av {total}" in start
    missing = client.get("/recordings/so/?show=missing").get_data(as_text=True)
    assert url() not in missing and url(text=fixed_texts("so")[1]) in missing
    waiting = client.get("/recordings/so/?show=recorded").get_data(as_text=True)
    assert len(re.findall(r'<th scope="row"><a ', waiting)) == 1
    csv = client.get("/recordings/so/to-record.csv")
    assert csv.mimetype == "text/csv" and "to-record-so.csv" in csv.headers["Content-Disposition"]
    assert len(csv.get_data(as_text=True).strip().splitlines()) == total  # header + all but one
    assert client.get("/recordings/so/?show=nonsense").status_code == 200


@pytest.mark.parametrize("kind", ["not sound", "empty", "cut off", "three hours"])
def test_bad_sound_gets_a_plain_message_and_nothing_is_stored(app, as_user, speech_wav,
                                                              three_hours, kind):
    data = {"not sound": b"<html>not a sound</html>" * 40, "empty": b"",
            "cut off": speech_wav[:300], "three hours": three_hours}[kind]
    client = as_user("coach")
    response = post_audio(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="error-message"' in page and 'aria-invalid="true"' in page
    assert stored(app) == []


def test_no_file_at_all_is_refused_plainly(app, as_user):
    client = as_user("coach")
    response = client.post(url(), data={"csrf_token": csrf_token(client, url())})
    assert response.status_code == 422 and stored(app) == []


def test_a_200_mb_upload_is_refused_before_it_is_read(app, as_user):
    client = as_user("coach")
    response = post_audio(client, b"\0" * 1000, length=200 * 1024 * 1024)
    assert response.status_code == 413
    assert "Filen är för stor" in response.get_data(as_text=True)
    assert stored(app) == []


def test_a_real_upload_over_the_limit_gets_the_same_plain_page(app, as_user):
    client = as_user("coach")
    response = post_audio(client, b"RIFF" + b"\0" * (9 * 1024 * 1024))
    assert response.status_code == 413 and "Filen är för stor" in response.get_data(as_text=True)
    assert stored(app) == []


def test_the_recording_pages_own_words_are_not_texts_to_record():
    assert not [text for text in fixed_texts("sv")
                if all(where.startswith(("templates/recordings/", "sokandelots/recordings.py"))
                       for where in text.where)]
