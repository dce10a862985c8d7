"""The fixed participant texts of each language: every text in the translation catalogue that a
participant reads somewhere, as it reads in that language. Recorded voices are made for these,
and the server's speech for them is made ahead (`flask --app app speech build`).

Texts with a placeholder (a name, a number) are only whole at run time, so they are not here.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .keys import normalise

CATALOGUES = Path(__file__).resolve().parent.parent.parent / "translations"
# Coach and administrator pages are for professionals; so is what only staff read elsewhere:
# the record of processing, two-step login, the recording pages and referrals.
STAFF_SOURCES = ("templates/coach/", "templates/admin/", "sokandelots/coach/", "sokandelots/admin/",
                 "sokandelots/catalogues.py", "sokandelots/privacy", "sokandelots/two_step.py",
                 "templates/auth/two_step", "templates/auth/recovery_codes.html",
                 "templates/recordings/", "sokandelots/recordings.py", "templates/referrals/",
                 "sokandelots/referrals/", "templates/manager/", "sokandelots/manager.py")
# A message whose context says so is a staff word even in a file participants read too
# (`lazy_pgettext("activity kind on staff pages", "Job shadowing")`).
STAFF_CONTEXT = "on staff pages"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@dataclass(frozen=True)
class FixedText:
    msgid: str
    context: str  # "" when the catalogue gives none
    text: str  # as it reads in the language
    where: tuple  # the source files that show it


def for_participants(message):
    """Whether participants read this catalogue message somewhere (not only on staff pages)."""
    if (message.context or "").endswith(STAFF_CONTEXT):
        return False
    return not all(path.startswith(STAFF_SOURCES) for path, _ in message.locations)


def read_catalogue(code):
    with open(CATALOGUES / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


@lru_cache(maxsize=None)
def fixed_texts(code):
    """Every fixed participant text in language `code`, in the catalogue's order (by file).
    Messages that read the same in this language are one text: one recording speaks them all."""
    found, seen = [], set()
    for message in read_catalogue(code):
        if not message.id or isinstance(message.id, tuple) or not for_participants(message):
            continue
        text = message.string or message.id
        words = normalise(text)
        if PLACEHOLDER.search(message.id) or not words or words in seen:
            continue
        seen.add(words)
        found.append(FixedText(message.id, message.context or "", text,
                               tuple(path for path, _ in message.locations)))
    return tuple(found)
