"""Audio is checked by decoding it and made into small Ogg Opus; text keys are stable."""
import shutil
import subprocess

import pytest

from sokandelots import audio
from sokandelots.speech.keys import normalise, text_key


@pytest.fixture(scope="module")
def speech_wav():
    assert shutil.which("espeak-ng"), "espeak-ng is installed by `make test`"
    return subprocess.run(["espeak-ng", "-v", "sv", "--stdout", "Hej, vad roligt att se dig."],
                          capture_output=True, check=True).stdout


def test_sound_becomes_small_ogg_opus_of_the_same_length(app, speech_wav):
    with app.app_context():
        ogg, seconds = audio.to_opus(speech_wav, max_seconds=120)
    assert ogg[:4] == b"OggS" and b"OpusHead" in ogg[:100]
    assert 1.0 < seconds < 4.0 and len(ogg) < len(speech_wav) / 10


@pytest.mark.parametrize("data", [b"", b"just some text " * 50, b"\x89PNG\r\n\x1a\n" + b"0" * 500],
                         ids=["empty", "text", "picture"])
def test_what_is_not_sound_is_refused_with_a_plain_message(app, data):
    with app.test_request_context(), pytest.raises(audio.AudioError) as refused:
        audio.to_opus(data, max_seconds=120)
    assert refused.value.message


def test_a_file_cut_off_after_its_header_is_refused(app, speech_wav):
    with app.test_request_context(), pytest.raises(audio.AudioError):
        audio.to_opus(speech_wav[:200], max_seconds=120)


def test_sound_longer_than_allowed_is_refused_without_decoding_it_all(app, speech_wav):
    with app.test_request_context(), pytest.raises(audio.AudioError) as refused:
        audio.to_opus(speech_wav, max_seconds=0.5)
    assert "1" in str(refused.value.message)


def test_text_keys_are_the_same_for_the_same_words_and_differ_by_language():
    assert text_key("uk", "імʼя") == text_key("uk", "ім'я  ")
    assert text_key("sv", "Hej") != text_key("en", "Hej")
    assert normalise("a\u00adb\n  c") == "ab c"
