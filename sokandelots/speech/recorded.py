"""Recorded voices: a person reading a fixed participant text, played instead of any synthetic
voice once staff have approved it. A recording counts only for the words it was made for: its
key is speech.keys.text_key of the text, so a changed translation no longer finds it."""
from ..db import Prepared
from ..models import RecordedVoice


def _approved(locale):
    return RecordedVoice.select().where((RecordedVoice.locale == locale)
                                        & (RecordedVoice.status == RecordedVoice.APPROVED))


_APPROVED_KEYS = Prepared(lambda locale: _approved(locale).select(RecordedVoice.key).tuples())


def approved_keys(locale):
    """The text keys that have an approved recording in `locale` (asked on every page)."""
    return {key for (key,) in _APPROVED_KEYS(locale)}


def approved_audio(locale, key):
    """The approved recording (Ogg Opus bytes) of the text with `key` in `locale`, or None."""
    row = (_approved(locale).select(RecordedVoice.audio).where(RecordedVoice.key == key)
           .order_by(RecordedVoice.approved_at.desc()).first())
    return bytes(row.audio) if row else None
