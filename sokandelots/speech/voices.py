"""Recorded voices from the staff's side: which fixed participant texts of a language have a
recording, whether it is approved or out of date, and storing and approving one.

A recording is out of date when the text's key (keys.text_key of the text as it reads now)
differs from the key it was recorded for: the translation changed since. It is kept, so it can be
heard and approved again if it still says the same, but it is never played to participants.
"""
import hashlib
from collections import Counter
from dataclasses import dataclass

from .. import audio
from ..models import RecordedVoice, utcnow
from .keys import text_key
from .texts import fixed_texts

MAX_SECONDS = 60
MISSING, RECORDED, APPROVED, OUT_OF_DATE = "missing", RecordedVoice.RECORDED, \
    RecordedVoice.APPROVED, "out-of-date"
STATUSES = (MISSING, RECORDED, APPROVED, OUT_OF_DATE)
# Everything but the sound itself, for lists.
LISTED = [field for field in RecordedVoice._meta.sorted_fields if field.name != "audio"]


@dataclass(frozen=True)
class Entry:
    """One fixed text of a language with its recording (None when there is none; no audio)."""
    number: int  # its place in the language's list, from 1
    id: str  # the text's id in addresses
    text: object  # texts.FixedText
    recording: object
    status: str


def text_id(text):
    """A short, stable id of a catalogue message (its msgid and context), for addresses."""
    return hashlib.sha256(f"{text.context}\x04{text.msgid}".encode()).hexdigest()[:16]


def status_of(code, text, recording):
    if recording is None:
        return MISSING
    if recording.key != text_key(code, text.text):
        return OUT_OF_DATE
    return recording.status


def entries(code):
    """Every fixed participant text of language `code`, in order, with its status."""
    recordings = {(row.msgid, row.context): row for row in
                  RecordedVoice.select(*LISTED).where(RecordedVoice.locale == code)}
    return [Entry(number, text_id(text), text, recording, status_of(code, text, recording))
            for number, text in enumerate(fixed_texts(code), start=1)
            for recording in [recordings.get((text.msgid, text.context))]]


def coverage(code):
    """How many texts of `code` there are and how many have each status; "recorded" counts
    every text with a recording that fits it now, approved or not."""
    found = Counter(entry.status for entry in entries(code))
    counts = {status: found[status] for status in STATUSES}
    return {**counts, "total": sum(counts.values()), "current": counts[RECORDED] + counts[APPROVED]}


def find(code, wanted_id):
    """The entry of the text with id `wanted_id` in `code`, and the next one still missing or
    out of date after it (for going on through a recording day); None when there is no such text."""
    listed = entries(code)
    for index, entry in enumerate(listed):
        if entry.id == wanted_id:
            later = listed[index + 1:] + listed[:index]
            return entry, next((other for other in later
                                if other.status in (MISSING, OUT_OF_DATE)), None)
    return None, None


def audio_of(code, text):
    """The stored recording of `text` with its sound, or None."""
    return RecordedVoice.get_or_none(RecordedVoice.locale == code,
                                     RecordedVoice.msgid == text.msgid,
                                     RecordedVoice.context == text.context)


def save(code, text, data, user):
    """Store `data` (sound in any format) as the recording of `text`, replacing any earlier
    one, as not yet approved. audio.AudioError, and nothing stored, when it is refused."""
    ogg, seconds = audio.to_opus(data, MAX_SECONDS)
    recording = audio_of(code, text) or RecordedVoice(locale=code, msgid=text.msgid,
                                                      context=text.context)
    recording.text, recording.key = text.text, text_key(code, text.text)
    recording.audio, recording.seconds = ogg, round(seconds, 1)
    recording.status, recording.recorded_by, recording.recorded_at = RECORDED, user, utcnow()
    recording.approved_by = recording.approved_at = None
    recording.save()
    return recording


def approve(code, text, user):
    """Approve the recording of `text`: it says the text as it reads now (an out-of-date
    recording that still fits becomes current). False when there is no recording."""
    recording = audio_of(code, text)
    if recording is None:
        return False
    recording.text, recording.key = text.text, text_key(code, text.text)
    recording.status, recording.approved_by, recording.approved_at = APPROVED, user, utcnow()
    recording.save()
    return True
