"""Speech made on this server with espeak-ng, for the languages it has a voice for, kept in
SpokenText so that each text is made once. Nothing leaves the server.

espeak-ng gets the words on its standard input as plain text (never as SSML): tags and control
characters are read as text or dropped, never obeyed.
"""
import hashlib
import re
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

from peewee import IntegrityError

from .. import audio
from ..db import db
from ..models import SpokenText
from .keys import normalise
from .texts import fixed_texts

# The espeak-ng voice of each language; Dari is spoken with the Persian voice. Somali and
# Tigrinya have none: only recorded voices speak them.
VOICES = {"sv": "sv", "en": "en", "ar": "ar", "fa": "fa", "fa_AF": "fa", "uk": "uk"}
WORDS_PER_MINUTE = 175  # espeak-ng's own pace: slower makes every question bigger
RUN_TIME_LIMIT = 4  # seconds to make speech while a person waits
BUILD_LIMIT = 60
MAX_SECONDS = 600  # of speech in one clip
# espeak-ng starts a text with a little silence and ends it with 0.3 s; Listen and `audio.join`
# make their own pause between parts.
QUIET = 200  # of 32767: below this a sample is silence
TAIL_KEPT = 0.05  # seconds of the silence at the end that are kept
WAV_HEADER = 44
# espeak-ng reads [[...]] as phonemes: a space between the brackets keeps them text.
PHONEME_INPUT = re.compile(r"\[(?=\[)")


class SpeechFailed(RuntimeError):
    """espeak-ng failed or took too long."""


def has_voice(locale):
    return locale in VOICES


def spoken_key(locale, text, participant_id=None):
    """The cache key: language, voice and the words, and whose page the words were on when
    they were written at run time (so one participant's cache never answers for another's)."""
    owner = "" if participant_id is None else str(participant_id)
    plain = f"{locale}\n{VOICES[locale]}\n{owner}\n{normalise(text)}"
    return hashlib.sha256(plain.encode()).hexdigest()


def synthesise(locale, text, timeout=RUN_TIME_LIMIT):
    """`text` spoken in `locale` as Ogg Opus bytes."""
    words = PHONEME_INPUT.sub("[ ", normalise(text))
    command = ["espeak-ng", "--stdout", "-b", "1", "-s", str(WORDS_PER_MINUTE), "-v", VOICES[locale]]
    try:
        done = subprocess.run(command, input=words.encode(), capture_output=True, timeout=timeout,
                              check=True)
        return audio.to_opus(trimmed(done.stdout), MAX_SECONDS, audio.SYNTHETIC_BITRATE,
                             min_seconds=0)[0]
    except (subprocess.SubprocessError, OSError, audio.AudioError) as error:
        raise SpeechFailed(str(error)) from error


def trimmed(wav):
    """espeak-ng's WAV (16-bit mono samples after a 44-byte header) without the silence before
    the first sound and most of it after the last. The header's length may then say more than
    there is: decoders read to the end."""
    rate = int.from_bytes(wav[24:28], "little") or 22050
    body = memoryview(wav)[WAV_HEADER:WAV_HEADER + (len(wav) - WAV_HEADER) // 2 * 2]
    samples = body.cast("h")
    start, end = 0, len(samples)
    while end and abs(samples[end - 1]) < QUIET:
        end -= 1
    while start < end and abs(samples[start]) < QUIET:
        start += 1
    end = min(len(samples), end + int(TAIL_KEPT * rate))
    return bytes(wav[:WAV_HEADER]) + body[start * 2:end * 2].tobytes()


def speak(locale, text, participant=None, timeout=RUN_TIME_LIMIT):
    """`text` in `locale` from the cache, made now when it is not there yet. `participant` is
    the owner of a text written at run time; None for a fixed text."""
    participant_id = getattr(participant, "id", participant)
    key = spoken_key(locale, text, participant_id)
    row = SpokenText.get_or_none(SpokenText.key == key)
    if row is not None:
        return bytes(row.audio)
    made = synthesise(locale, text, timeout)
    try:
        with db.atomic():
            SpokenText.create(key=key, locale=locale, participant=participant_id, audio=made)
    except IntegrityError:
        pass  # made at the same time by another request
    return made


def build(locale):
    """Make the server speech of every fixed participant text of `locale` that is not made
    yet: (how many fixed texts there are, how many were made now)."""
    texts = fixed_texts(locale)
    with db.connection_context():
        have = {row.key for row in SpokenText.select(SpokenText.key)
                .where(SpokenText.locale == locale, SpokenText.participant.is_null())}
        missing = {spoken_key(locale, fixed.text): fixed.text for fixed in texts}
        missing = {key: text for key, text in missing.items() if key not in have}
        # espeak-ng runs as a process of its own: several at once use every core.
        with ThreadPoolExecutor(os.cpu_count()) as pool:
            made = pool.map(lambda text: synthesise(locale, text, BUILD_LIMIT), missing.values())
            for key, clip in zip(missing, made):
                SpokenText.insert(key=key, locale=locale, audio=clip).on_conflict_ignore().execute()
    return len(texts), len(missing)
