"""One word for each thing and one register per language, as each language's glossary
(`translations/<code>/glossary.json`) says, in everything participants read; one digit system."""
import json
import re

import pytest

from catalogues import CATALOGUES, catalogue, for_participants, texts
from sokandelots.i18n import LANGUAGES

# The key terms, found in the English source by these patterns.
TERMS = {
    "coach": r"\bcoach",
    "profile": r"\bprofile",
    "share": r"\bshar(e|ed|es|ing)\b",
    "job card": r"\bjob cards?\b",
    "try-out": r"\btry-outs?\b",
    "answer": r"\banswer",
    "plan": r"\bplans?\b",
    "attendance": r"\battendance\b",
}
# Digits other than 0-9: the app writes numbers and dates with 0-9 in every language, so a
# catalogue that wrote ۳ or ٣ would mix two digit systems on one page.
OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u1369-\u137c]")


def glossary(code):
    return json.loads((CATALOGUES / code / "glossary.json").read_text(encoding="utf-8"))


def participant_texts(code):
    return [(source, text) for message in catalogue(code)
            if message.id and for_participants(message) for source, text in texts(message) if text]


def test_every_language_has_a_glossary_of_the_key_terms_and_a_register_rule():
    for code in LANGUAGES:
        found = glossary(code)
        assert set(found["terms"]) == set(TERMS), code
        assert found["register"]["rule"], code
        for term, entry in found["terms"].items():
            assert entry["use"], f"{code}: no word for {term}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_participants_read_one_word_for_each_key_term(code):
    terms, problems = glossary(code)["terms"], []
    for source, text in participant_texts(code):
        folded = text.casefold()
        for term, pattern in TERMS.items():
            if not re.search(pattern, source, re.IGNORECASE):
                continue
            entry = terms[term]
            if not any(word.casefold() in folded for word in entry["use"]):
                problems.append(f"{term}: none of {entry['use']} in {text!r} ({source!r})")
            problems += [f"{term}: {word!r} in {text!r}" for word in entry.get("avoid", [])
                         if word.casefold() in folded]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", LANGUAGES)
def test_participants_are_addressed_in_one_register(code):
    rule = glossary(code)["register"]
    forbidden = [re.compile(pattern) for pattern in rule.get("forbidden", [])]
    problems = [f"{pattern.pattern!r} in {text!r}" for source, text in participant_texts(code)
                for pattern in forbidden if pattern.search(text)]
    assert not problems, f"{rule['rule']}\n" + "\n".join(problems)


@pytest.mark.parametrize("code", LANGUAGES)
def test_one_digit_system_and_no_obsolete_entries(code):
    found = catalogue(code)
    assert not [text for message in found if message.id for _, text in texts(message)
                if OTHER_DIGITS.search(text)]
    assert not found.obsolete, sorted(found.obsolete)[:5]
