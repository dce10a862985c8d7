"""Careful words: a gentle hint when staff write sensitive details (data minimisation).

Health, diagnoses, religion, ethnicity, sexuality, politics and crime are special categories
of personal data (GDPR articles 9 and 10). A note that names them may need to, but often does
not. `careful_words.json` holds, per language, word beginnings, so "diagnos" also finds
"diagnosen". A hint, never a block.
"""
import json
import re
from pathlib import Path

WORDS = json.loads((Path(__file__).parent / "careful_words.json").read_text(encoding="utf-8"))
TOKEN = re.compile(r"\w+", re.UNICODE)
# Arabic and Persian write a few letters differently; compare them in one form. Arabic words
# often carry the article or a one-letter preposition in front, which is tried without as well.
SAME_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل")
STEMS = [word.lower().translate(SAME_LETTERS) for words in WORDS.values() for word in words]


def _forms(token):
    yield token
    for prefix in PREFIXES:
        if token.startswith(prefix.translate(SAME_LETTERS)) and len(token) > len(prefix) + 2:
            yield token[len(prefix):]


def mentions(text):
    """The careful words found in `text` (in any language's list), in the order they appear."""
    found = []
    for token in TOKEN.findall((text or "").lower()):
        normal = token.translate(SAME_LETTERS)
        if token not in found and any(form.startswith(stem) for form in _forms(normal)
                                      for stem in STEMS):
            found.append(token)
    return found
