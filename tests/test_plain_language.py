"""Plain Swedish: the LIX readability of what participants read stays low.

LIX = words / sentences + 100 × (words over six letters) / words. Below 30 is very easy text.
"""
import re

import textstat

from catalogues import catalogue, for_participants

OVERALL_LIMIT = 30
SINGLE_LIMIT = 40
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def participant_sentences():
    """Swedish texts that participants read and that are written as sentences."""
    texts = []
    for message in catalogue("sv"):
        if not message.id or not message.string or not for_participants(message):
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            text = PLACEHOLDER.sub("X", form).strip()
            if text.endswith((".", "!", "?")) and len(text.split()) >= 3:
                texts.append(text)
    return texts


def test_participant_swedish_is_plain():
    texts = participant_sentences()
    assert len(texts) >= 20
    overall = textstat.lix(" ".join(texts))
    scored = sorted(((textstat.lix(text), text) for text in texts), reverse=True)
    print(f"\nLIX of {len(texts)} participant texts: {overall:.1f} (limit {OVERALL_LIMIT})")
    for score, text in scored[:5]:
        print(f"  {score:5.1f}  {text}")
    too_hard = [(score, text) for score, text in scored
                if score > SINGLE_LIMIT and len(text.split()) >= 10]
    assert overall <= OVERALL_LIMIT
    assert not too_hard, too_hard
