"""The phrasebook: prepared sentences with slots that a coach chooses when writing to a
participant, so the participant reads each one in their own language with the Swedish beside it.

A chosen phrase is stored as its key and its slot values (JSON, see `dumps`), never as text: each
reader gets it rendered in their own language when they read it (`render`).

Adding a phrase is one entry in PHRASES plus its translations:
1. add `Phrase(key, _l("English text with %(slot)s placeholders."), slots, groups)` below; each
   placeholder is named after its slot kind (a key of SLOTS), and `groups` says where it is
   offered (MESSAGE, FEEDBACK, MEETING_NOTE, AGREEMENT);
2. translate the English text (and any new place or "what" words) in every locale's catalogue.
tests/test_phrasebook.py checks both: the placeholders match the slots, and every locale has it.
A key is stored with messages, so a phrase's key never changes and a used one is never removed.
"""
import datetime
import json
import re
from dataclasses import dataclass

from babel.dates import format_date, format_time
from flask_babel import force_locale
from markupsafe import Markup, escape

from .i18n import gettext as _, lazy_gettext as _l, locale_code

MESSAGE, FEEDBACK, MEETING_NOTE, AGREEMENT = "message", "feedback", "meeting_note", "agreement"
FREE_TEXT_LENGTH = 100


class SlotError(ValueError):
    """A slot value that cannot be used: `slot` names it ("phrase" for a sentence not offered,
    "chosen" for a stored list that cannot be read) and `missing` says whether it was empty. The
    coach's form words it (coach/forms.py), so this module holds only what participants read."""

    def __init__(self, slot, missing=False):
        super().__init__(f"{slot}: {'missing' if missing else 'wrong'}")
        self.slot, self.missing = slot, missing


@dataclass(frozen=True)
class Phrase:
    key: str
    text: object  # the English msgid, lazily translated
    slots: tuple = ()
    groups: tuple = (MESSAGE,)


# Places a coach can choose; anything else is written as free text and stays Swedish.
PLACES = {
    "office": _l("our office"),
    "cafe": _l("the café"),
    "workplace": _l("the workplace"),
    "library": _l("the library"),
    "employment_service": _l("the Swedish Public Employment Service"),
}
OTHER_PLACE = "other"

# What "Well done with …" can be about.
WHAT = {
    "profile": _l("your profile"),
    "study_visit": _l("the study visit"),
    "first_week": _l("your first week at work"),
    "cv": _l("your CV"),
    "interview": _l("the job interview"),
    "job_search": _l("your job search"),
}

EVERYWHERE = (MESSAGE, FEEDBACK, MEETING_NOTE, AGREEMENT)
MEETINGS = (MESSAGE, MEETING_NOTE)

PHRASES = {phrase.key: phrase for phrase in (
    Phrase("see_you", _l("See you on %(day)s at %(time)s at %(place)s."),
           ("day", "time", "place"), MEETINGS),
    Phrase("meeting_moved", _l("Our meeting is moved to %(day)s at %(time)s."),
           ("day", "time"), MEETINGS),
    Phrase("cannot_come", _l("I cannot come on %(day)s. I will call you."), ("day",), MEETINGS),
    Phrase("wait_at", _l("I wait for you at %(place)s."), ("place",), MEETINGS),
    Phrase("interview", _l("You have a job interview on %(day)s at %(time)s at %(place)s."),
           ("day", "time", "place"), MEETINGS),
    Phrase("visit_together", _l("We visit a workplace together on %(day)s at %(time)s."),
           ("day", "time"), MEETINGS),
    Phrase("bring_id", _l("Bring your ID card."), (), (*MEETINGS, AGREEMENT)),
    Phrase("bring_cv", _l("Bring your CV."), (), MEETINGS),
    Phrase("well_done", _l("Well done with %(what)s."), ("what",), (MESSAGE, FEEDBACK)),
    Phrase("read_profile", _l("I have read your profile."), (), (MESSAGE, FEEDBACK)),
    Phrase("call_if_ill", _l("Call me if you are ill."), (), EVERYWHERE),
    Phrase("tell_if_late", _l("Tell me if you will be late."), (), EVERYWHERE),
    Phrase("ask_me", _l("Ask me if something is unclear."), (), EVERYWHERE),
    Phrase("call_me", _l("Call me when you have time."), (), (MESSAGE,)),
    Phrase("answer_please", _l("Please answer this message."), (), (MESSAGE,)),
    Phrase("look_at_cards", _l("Look at the job cards and choose the jobs you like."), (),
           (MESSAGE, FEEDBACK)),
    Phrase("go_together", _l("We go there together."), (), MEETINGS),
    # The agreement's standard parts: expectations and what we do if something happens.
    Phrase("call_before_if_ill", _l("Call me before %(time)s if you get ill."), ("time",),
           (AGREEMENT,)),
    Phrase("tell_if_hard", _l("If something feels hard, tell me."), (), (MESSAGE, AGREEMENT)),
    Phrase("urgent_112", _l("If it is urgent, call 112."), (), (AGREEMENT,)),
    Phrase("new_way", _l("If the workplace does not work out, we find a new way together."), (),
           (AGREEMENT,)),
    Phrase("meet_weekly", _l("We meet once a week."), (), (AGREEMENT,)),
    Phrase("you_choose", _l("You choose which jobs you want to try."), (), (AGREEMENT,)),
)}


# Slot kinds: each checks a value (`check`, the same for a form's input and a stored value) and
# writes a stored value in words in the language of the moment (`words`).
def _check_day(value):
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise SlotError("day") from None


TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def _check_time(value):
    found = TIME.fullmatch(str(value).strip())
    if not found:
        raise SlotError("time")
    return f"{int(found[1]):02d}:{found[2]}"


def _check_choice(slot, catalogue):
    def check(value):
        if value not in catalogue:
            raise SlotError(slot)
        return value
    return check


def _check_place(value):
    """A place of PLACES by its key, or {"text": …}: free text, which stays Swedish."""
    if isinstance(value, dict):
        text = str(value.get("text", "")).strip()
        if not text or len(text) > FREE_TEXT_LENGTH:
            raise SlotError("place")
        return {"text": text}
    return _check_choice("place", PLACES)(value)


def _place_words(value):
    if isinstance(value, dict):  # free text: Swedish, and marked as such
        return Markup('<bdi class="written-in-swedish" lang="sv" dir="ltr">{}</bdi>').format(
            value["text"])
    return str(PLACES[value])


def _locale():
    return locale_code()


SLOTS = {
    "day": (_check_day, lambda value: format_date(datetime.date.fromisoformat(value), "full",
                                                  locale=_locale())),
    "time": (_check_time, lambda value: format_time(datetime.time.fromisoformat(value), "short",
                                                    locale=_locale())),
    "place": (_check_place, _place_words),
    "what": (_check_choice("what", WHAT),
             lambda value: str(WHAT[value])),
}


def offered(group):
    """The phrases offered in `group`, in catalogue order."""
    return [phrase for phrase in PHRASES.values() if group in phrase.groups]


def check(key, slots, group=MESSAGE):
    """One chosen phrase as stored: {"key": …, "slots": {…}}; SlotError when the phrase is not
    offered in `group` or a slot it needs is missing or wrong. Slots it does not use are dropped."""
    phrase = PHRASES.get(key)
    if phrase is None or group not in phrase.groups:
        raise SlotError("phrase", missing=not key)
    values = {}
    for slot in phrase.slots:
        if slots.get(slot) in (None, ""):
            raise SlotError(slot, missing=True)
        values[slot] = SLOTS[slot][0](slots[slot])
    return {"key": key, "slots": values}


def dumps(chosen):
    return json.dumps(chosen, ensure_ascii=False, separators=(",", ":")) if chosen else ""


def loads(text, group=MESSAGE):
    """Stored or posted phrases, each checked again; SlotError when any is not right."""
    if not text:
        return []
    try:
        items = json.loads(text)
        return [check(item["key"], item.get("slots", {}), group) for item in items]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise SlotError("chosen") from None


def render(item, code=None):
    """A chosen phrase in words in language `code` (the page's by default), as safe HTML: the
    translated sentence with each slot filled in that language."""
    with force_locale(code or _locale()):
        phrase = PHRASES[item["key"]]
        values = {slot: SLOTS[slot][1](value) for slot, value in item["slots"].items()}
        return escape(str(phrase.text)) % values


def init_app(app):
    app.add_template_global(render, "render_phrase")
    app.add_template_global(stored, "stored_phrases")


def stored(text):
    """The phrases stored with a message as they were saved; an unknown key (a phrase since
    removed, against the rule above) is left out rather than breaking the page."""
    if not text:
        return []
    return [item for item in json.loads(text) if item.get("key") in PHRASES]


def in_words(text):
    """Stored phrases as plain text, for words that leave the site (a calendar file, an e-mail):
    [(the sentence in the language of the moment, its Swedish or None when that is Swedish)]."""
    swedish = _locale() == "sv"
    return [(render(item).striptags(), None if swedish else render(item, "sv").striptags())
            for item in stored(text)]


def swedish_words(text):
    """Free text a coach wrote, as plain text: Swedish, and marked as such."""
    return text if _locale() == "sv" else f"{_('Written in Swedish')}: {text}"
