"""Reading the translation catalogues in tests, and telling what participants read from what
only staff read."""
from pathlib import Path

from babel.messages.pofile import read_po

from sokandelots.speech.texts import STAFF_SOURCES, for_participants  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "translations"


def catalogue(code):
    with open(CATALOGUES / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


def texts(message):
    """The message's source and its translations, one pair per plural form."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(number, len(ids) - 1)], string) for number, string in enumerate(strings)]
