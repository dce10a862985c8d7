"""Careful words: a hint when staff write sensitive details about a participant (data minimisation).

Health, diagnoses, religion, ethnicity, sexuality, politics and crime are special categories
of personal data (GDPR articles 9 and 10). A note that names them may need to, but often does
not. `careful_words.json` holds, per language and kind, word beginnings, so "diagnos" also finds
"diagnosen". The hint comes while the text is written and before it is stored: the writer
changes the text or confirms it ("Save anyway"), so nothing is stored unseen.
"""
import json
import re
from dataclasses import dataclass
from pathlib import Path

KINDS_BY_LANGUAGE = json.loads(
    (Path(__file__).parent / "careful_words.json").read_text(encoding="utf-8"))
WORDS = {code: [word for words in kinds.values() for word in words]
         for code, kinds in KINDS_BY_LANGUAGE.items()}
HEALTH = "health"
TOKEN = re.compile(r"\w+", re.UNICODE)
# Arabic and Persian write a few letters differently; compare them in one form. Arabic words
# often carry the article or a one-letter preposition in front, which is tried without as well.
SAME_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل")
STEMS = [(word.lower().translate(SAME_LETTERS), kind) for kinds in KINDS_BY_LANGUAGE.values()
         for kind, words in kinds.items() for word in words]


def _forms(token):
    yield token
    for prefix in PREFIXES:
        if token.startswith(prefix.translate(SAME_LETTERS)) and len(token) > len(prefix) + 2:
            yield token[len(prefix):]


def _kind(token):
    normal = token.translate(SAME_LETTERS)
    return next((kind for form in _forms(normal) for stem, kind in STEMS
                 if form.startswith(stem)), None)


def found(text):
    """[(word, kind)] for the careful words in `text` (in any language's list), in order, once each."""
    seen = {}
    for token in TOKEN.findall((text or "").lower()):
        if token not in seen and (kind := _kind(token)):
            seen[token] = kind
    return list(seen.items())


def mentions(text):
    """The careful words found in `text`, in the order they appear."""
    return [word for word, _kind in found(text)]


@dataclass(frozen=True)
class Hint:
    """What one text names: every careful word, those about health when the participant keeps
    their health from employers, and whether the writer has confirmed all of them."""

    words: tuple
    private: tuple
    confirmed: bool

    @property
    def value(self):
        """The words as the "Save anyway" checkbox sends them back."""
        return " ".join(self.words)


def check(text, health_private=False, confirmed=()):
    """The hint for `text`, or None when it names nothing careful. `confirmed` holds the words the
    writer already ticked "Save anyway" for; a new word must be confirmed again."""
    words = found(text)
    if not words:
        return None
    return Hint(tuple(word for word, _ in words),
                tuple(word for word, kind in words if health_private and kind == HEALTH),
                {word for word, _ in words} <= set(confirmed))


def confirmed_words(values):
    """The words from every "Save anyway" checkbox that was ticked."""
    return frozenset(word for value in values for word in (value or "").lower().split())


def highlight(text, words):
    """`text` as [(part, marked)], the careful `words` marked, for a page that shows them."""
    wanted = set(words)
    return [(part, part.lower() in wanted) for part in re.split(r"(\w+)", text or "") if part]
