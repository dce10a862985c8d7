"""Server speech and the one address that serves audio for a text a page showed."""
import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from sokandelots import audio
from sokandelots.db import db
from sokandelots.models import SpokenText, User
from sokandelots.speech import keys, links, server
from sokandelots.speech.keys import normalise, text_key
from sokandelots.speech.recorded import approved_audio, approved_keys

from helpers import csrf_token, login

LISTEN = re.compile(r'class="button secondary listen" href="([^"]+)"')


def audio_urls(html):
    return re.findall(r'data-say="(/speech/[^"]+)"', html)


def rows(app):
    with app.app_context():
        with db.connection_context():
            return list(SpokenText.select())


def test_normalise_writes_the_ukrainian_apostrophe_plainly_and_drops_control_characters():
    assert normalise("ім\u02bcя") == "ім'я"
    assert normalise("a\x00b\x1b[31m \u202eevil\n\tend") == "a b [31m evil end"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    "aå ä\n\t\x00\x1f\x7f\x9f\u00ad\u200b\u02bc\u2018\u2019\u202a\u202e\u2066\u2069"
    "\u0301e\u0627\u1208x")))
def test_normalise_gives_what_translating_every_letter_gives(text):
    # Texts without odd letters skip the translation: the same words either way.
    every_letter = unicodedata.normalize("NFC", text).translate(keys.SPOKEN_AS).translate(
        keys.CONTROLS)
    assert normalise(text) == " ".join(every_letter.split())
    assert text_key("uk", "ім\u02bcя") == text_key("uk", "ім'я")


def test_markup_and_control_characters_are_spoken_as_text():
    # espeak-ng would obey SSML with -m and [[...]] as phonemes; neither reaches it as such.
    plain = server.synthesise("en", "less than b greater than hello")
    assert server.synthesise("en", "<b>hello</b>\x07") and plain
    assert server.PHONEME_INPUT.sub("[ ", "[[h@'loU]]") == "[ [h@'loU]]"
    assert audio.to_opus(server.synthesise("en", "[[h@'loU]] <speak>x</speak>"), 60)[1] > 1


def test_the_login_page_can_be_heard_without_logging_in_and_fixed_speech_is_cached_for_all(app, client):
    html = client.get("/login").get_data(as_text=True)
    whole = LISTEN.search(html).group(1)
    parts = audio_urls(html)
    assert parts
    response = client.get(parts[0])
    assert response.status_code == 200 and response.mimetype == "audio/ogg"
    assert response.data.startswith(b"OggS")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(whole).data.startswith(b"OggS")
    cached = rows(app)
    assert cached and all(row.participant_id is None for row in cached)
    again = client.get(parts[0])
    assert again.data == response.data and len(rows(app)) == len(cached)


def test_a_tampered_token_is_refused(client):
    url = audio_urls(client.get("/login").get_data(as_text=True))[0]
    head, _, signature = url.rpartition(".")
    assert client.get(head + "." + signature[::-1]).status_code == 404
    assert client.get("/speech/" + "x" * 40).status_code == 404


def messages_page(app, as_user, text):
    """Erik's coach writes `text` to him; the audio address of it on Erik's page."""
    from sokandelots import notes
    with app.app_context():
        with db.connection_context():
            erik = User.get(User.username == "erik")
            coach = User.get(User.username == "coach")
            notes.send(erik, coach, text)
    client = as_user("erik")
    html = client.get("/me/messages").get_data(as_text=True)
    return client, [url for url in audio_urls(html)][-1]


def test_a_participants_own_text_is_theirs_and_their_coachs_only(app, as_user, coach):
    client, url = messages_page(app, as_user, "Vi ses på tisdag.")
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert coach.get(url).status_code == 200
    for other in ("amina", "coach2", "admin"):
        stranger = app.test_client()
        login(stranger, other)
        assert stranger.get(url).status_code == 404, other
    assert app.test_client().get(url).status_code == 404
    erik = [row for row in rows(app) if row.participant_id is not None]
    assert len(erik) == 1 and erik[0].participant.username == "erik"


def test_words_written_at_run_time_never_stand_readable_in_an_address(app, as_user, client):
    """A proxy's access log keeps addresses: a message's words are encrypted in theirs, while a
    fixed text keeps one address, so the browser keeps its sound."""
    import base64
    import zlib
    _client, url = messages_page(app, as_user, "Ring Lisa Ek på 070-123 45 67.")
    token = url.rsplit("/", 1)[1]
    readable = [token]
    for piece in token.split("."):
        padded = piece + "=" * (-len(piece) % 4)
        try:
            raw = base64.urlsafe_b64decode(padded)
        except ValueError:
            continue
        readable += [raw.decode("utf-8", "replace")]
        try:
            readable += [zlib.decompress(raw).decode("utf-8", "replace")]
        except zlib.error:
            pass
    assert not any("Lisa" in text or "070" in text for text in readable)
    first, again = (audio_urls(client.get("/login").get_data(as_text=True)) for _ in range(2))
    assert first == again


def test_erasure_removes_the_participants_speech_and_keeps_the_shared(app, as_user):
    from sokandelots.privacy import erasure
    client, url = messages_page(app, as_user, "Bra jobbat i dag.")
    assert client.get(url).status_code == 200
    visitor = app.test_client()
    visitor.get(audio_urls(visitor.get("/login").get_data(as_text=True))[0])
    with app.app_context():
        with db.connection_context():
            erasure.erase(User.get(User.username == "erik"))
    left = rows(app)
    assert left and all(row.participant_id is None for row in left)


def test_approved_recordings_are_found_by_the_key_of_their_text(app):
    from sokandelots.models import RecordedVoice
    clip = server.synthesise("en", "Hello")
    with app.app_context():
        with db.connection_context():
            for status in ("recorded", "approved"):
                RecordedVoice.create(locale="so", msgid=status, text=status, key=text_key("so", status),
                                     audio=clip, seconds=1, status=status)
            assert approved_keys("so") == {text_key("so", "approved")}
            assert approved_audio("so", text_key("so", "approved")) == clip
            assert approved_audio("so", text_key("so", "recorded")) is None


def test_an_out_of_date_recording_is_never_played(app, client, monkeypatch):
    """When a translation changes, its recording no longer fits the words: the page offers no
    audio for the new words, and an address made before the change no longer plays."""
    from sokandelots.models import RecordedVoice
    from sokandelots.speech.texts import fixed_texts
    fixed = fixed_texts("so")[0]
    with app.test_request_context(), db.connection_context():
        RecordedVoice.create(locale="so", msgid=fixed.msgid, context=fixed.context, text=fixed.text,
                             key=text_key("so", fixed.text), audio=server.synthesise("en", "Hi"),
                             seconds=1, status="approved")
        before = links.part(fixed.text, "so")
        url = links.audio_url([before])
    assert before[1] == links.RECORDED and client.get(url).status_code == 200
    changed = fixed.text + " cusub"
    monkeypatch.setattr(links, "fixed_by_key", lambda locale: {text_key(locale, changed): changed})
    derived = (links.fixed_keys, links._full_keys)  # kept, and made from fixed_by_key
    try:
        for kept in derived:
            kept.cache_clear()
        with app.test_request_context(), db.connection_context():
            assert links.part(changed, "so") is None
        assert client.get(url).status_code == 404
    finally:  # what was made from the changed catalogue is not left for the next tests
        for kept in derived:
            kept.cache_clear()


def test_somali_and_tigrinya_have_no_server_voice(app):
    assert not server.has_voice("so") and not server.has_voice("ti")
    with app.test_request_context():
        assert links.part("Haa", "so") is None


def test_a_run_time_text_that_takes_too_long_is_not_spoken(monkeypatch):
    monkeypatch.setattr(server, "VOICES", {"sv": "sv"})
    with pytest.raises(server.SpeechFailed):
        server.synthesise("sv", "ord " * 20000, timeout=0.01)


def test_join_makes_one_file_of_several(app):
    one, two = server.synthesise("sv", "Ett"), server.synthesise("sv", "Två")
    joined = audio.join([one, two])
    length = lambda clip: audio.to_opus(clip, 60, min_seconds=0)[1]  # noqa: E731
    assert length(joined) > length(one) + length(two)


def test_server_speech_has_no_silence_at_its_ends_and_a_question_stays_under_20_kb(app):
    """espeak-ng pads every text with silence; the longest question (15 answers) stays under
    20 KB in every language with a voice: as the parts Listen plays, and as one file."""
    from sokandelots.profile.catalogue import BY_KEY
    from flask_babel import force_locale
    padded = server.synthesise("sv", "Ja")
    assert audio.to_opus(padded, 60, min_seconds=0)[1] < 0.5  # espeak-ng alone: 0.66 s
    question = BY_KEY["interests"]
    for locale in server.VOICES:
        with force_locale(locale):
            texts = [str(question.text), str(question.help)] + [str(o.label) for o in question.options]
        parts = [server.synthesise(locale, text) for text in texts]
        assert sum(map(len, parts)) < 20_000 and len(audio.join(parts)) < 20_000, locale


def test_speech_build_makes_every_fixed_text_once(app, monkeypatch):
    from sokandelots.speech.texts import fixed_texts
    monkeypatch.setattr(server, "fixed_texts", lambda code: fixed_texts(code)[:8])
    result = app.test_cli_runner().invoke(args=["speech", "build", "--locale", "en"])
    assert result.exit_code == 0, result.output
    made = len(rows(app))
    assert 0 < made <= 8 and f"en: 8 texts, {made} made now" in result.output  # some read alike
    again = app.test_cli_runner().invoke(args=["speech", "build", "--locale", "en"])
    assert " 0 made now" in again.output and len(rows(app)) == made


def test_every_participant_page_has_listen_and_its_heading_is_read(app, client):
    """Each page a participant opens can be heard: it has Listen, and Listen reads its <h1>."""
    from bs4 import BeautifulSoup
    from test_plain_language import participant_pages
    pages = participant_pages(app) + ["/me/profile/print", "/me/profile/shared/",
                                      "/me/profile/shared/1"]
    unheard = {}
    for path in pages:
        if path == "/me/":
            login(client, "erik")
            assert client.post("/me/profile/share", data={
                "csrf_token": csrf_token(client, "/me/profile/check")}).status_code == 302
        html = client.get(path, follow_redirects=True).get_data(as_text=True)
        main = BeautifulSoup(html, "html.parser").find("main")
        heading = main.find("h1")
        if not main.find(attrs={"data-listen": True}) or heading is None or not heading.has_attr("data-say"):
            unheard[path] = heading.get_text(" ", strip=True) if heading else None
    assert not unheard, " ".join(unheard)


def test_the_token_of_fixed_texts_is_made_once_and_reads_back(app):
    with app.test_request_context():
        keys = list(links.fixed_by_key("fa_AF"))
        parts = [["fa_AF", links.SERVER, keys[0], ""], ["sv", links.RECORDED, list(links.fixed_by_key("sv"))[1], ""]]
        first = links.make_token(None, parts)
        assert len(first) < 60
        hits = links._signed.cache_info().hits
        assert links.make_token(None, [list(found) for found in parts]) == first
        assert links._signed.cache_info().hits == hits + 1
        owner, read = links.read_token(first)
        assert owner is None and [list(found) for found in read] == parts


def test_a_fixed_text_is_told_apart_by_the_short_key_a_token_holds(app):
    from sokandelots.i18n import LANGUAGES
    for locale in LANGUAGES:
        keys = links.fixed_by_key(locale)
        assert len({key[:links.SHORT_KEY] for key in keys}) == len(keys), locale


def test_a_token_with_words_written_at_run_time_reads_back(app):
    with app.test_request_context():
        fixed = ["ar", links.SERVER, list(links.fixed_by_key("ar"))[0], ""]
        parts = [fixed, ["ar", links.SERVER, "", "أمينة ~ - . \"x\""]]
        token = links.make_token(7, parts)
        assert token.startswith(links.ENCRYPTED) and "أمينة".encode() not in token.encode()
        owner, read = links.read_token(token)
        assert owner == 7 and [list(found) for found in read] == parts


def test_a_token_of_run_time_words_is_made_once_for_the_same_words_of_the_same_participant(app):
    words = ["sv", links.SERVER, "", "Jobba på ett djurhem."]
    with app.test_request_context():
        first = links.make_token(7, [words])
        assert links.make_token(7, [list(words)]) == first  # Fernet itself differs each time
        assert links.make_token(8, [words]) != first
        assert links.make_token(7, [[*words[:3], "Jobba i en affär."]]) != first
        assert not any("djurhem" in str(kept) for kept in links._ENCRYPTED.items())
        assert links.read_token(first) == (7, [tuple(words)])
    app.config["SECRET_KEY"] = "another-secret"
    with app.test_request_context():
        other = links.make_token(7, [words])
        assert other != first and links.read_token(other)[0] == 7
