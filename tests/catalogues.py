"""Reading the translation catalogues in tests, and telling what participants read from what
only staff read."""
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "translations"
# Coach and administrator pages are for professionals; so is what only staff read elsewhere:
# the record of processing and two-step login.
STAFF_SOURCES = ("templates/coach/", "templates/admin/", "sokandelots/coach/", "sokandelots/admin/",
                 "sokandelots/catalogues.py", "sokandelots/privacy.py", "sokandelots/two_step.py",
                 "templates/auth/two_step", "templates/auth/recovery_codes.html")


def catalogue(code):
    with open(CATALOGUES / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


def for_participants(message):
    """Whether participants read this message somewhere (not only on staff pages)."""
    return not all(path.startswith(STAFF_SOURCES) for path, _ in message.locations)


def texts(message):
    """The message's source and its translations, one pair per plural form."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(number, len(ids) - 1)], string) for number, string in enumerate(strings)]
