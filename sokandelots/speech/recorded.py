"""Recorded voices: a person reading a fixed participant text, played instead of any synthetic
voice once staff have approved it. A recording counts only for the words it was made for: its
key is speech.keys.text_key of the text, so a changed translation no longer finds it."""
import time
import weakref

from ..db import Prepared, db
from ..models import RecordedVoice


def _approved(locale):
    return RecordedVoice.select().where((RecordedVoice.locale == locale)
                                        & (RecordedVoice.status == RecordedVoice.APPROVED))


_APPROVED_KEYS = Prepared(lambda locale: _approved(locale).select(RecordedVoice.key).tuples())


# Recordings are approved a few times a day, and every participant page asks which there are:
# what was read is kept for KEPT_SECONDS, for each database and language, and read again at once
# after this process saved or deleted a recording. Another app server's change is heard here
# within KEPT_SECONDS (until then a text may be read by the computer's voice, or its recording
# asked for and not found, when the computer's voice reads it instead).
KEPT_SECONDS = 10
_kept = weakref.WeakKeyDictionary()


def approved_keys(locale):
    """The text keys that have an approved recording in `locale` (see above)."""
    by_locale = _kept.setdefault(db.obj, {})
    found = by_locale.get(locale)
    now = time.monotonic()
    if found is None or found[0] != RecordedVoice.changes or now - found[1] > KEPT_SECONDS:
        keys = frozenset(key for (key,) in _APPROVED_KEYS(locale))
        found = by_locale[locale] = (RecordedVoice.changes, now, keys)
    return found[2]


def approved_audio(locale, key):
    """The approved recording (Ogg Opus bytes) of the text with `key` in `locale`, or None."""
    row = (_approved(locale).select(RecordedVoice.audio).where(RecordedVoice.key == key)
           .order_by(RecordedVoice.approved_at.desc()).first())
    return bytes(row.audio) if row else None
