"""Careful words: a gentle hint when staff write sensitive details (data minimisation).

Health, diagnoses, religion, ethnicity, sexuality, politics and crime are special categories
of personal data (GDPR article 9 and 10). A note that names them may need to, but often does not.
The lists hold word beginnings, so "diagnos" also finds "diagnosen". A hint, never a block.
"""
import re

WORDS = {
    "sv": ["diagnos", "adhd", "autism", "asperger", "depression", "deprimerad", "ångest", "psykos",
           "schizofreni", "bipolär", "sjukdom", "sjukskriv", "medicin", "missbruk", "alkohol",
           "narkotik", "religion", "muslim", "kristen", "jude", "judisk", "etnisk", "ursprung",
           "sexuell", "homosexuell", "politisk", "brott", "dömd", "straff", "graviditet", "gravid",
           "funktionsnedsättning", "utvecklingsstörning", "intellektuell"],
    "en": ["diagnos", "adhd", "autism", "asperger", "depress", "anxiety", "psychosis",
           "schizophren", "bipolar", "illness", "disease", "medication", "addict", "alcohol",
           "drug", "religio", "muslim", "christian", "jewish", "ethnic", "sexual", "gay",
           "politic", "crime", "criminal", "convicted", "pregnan", "disabilit"],
}
TOKEN = re.compile(r"\w+", re.UNICODE)


def mentions(text):
    """The careful words found in `text` (in any language's list), in the order they appear."""
    found = []
    for token in TOKEN.findall((text or "").lower()):
        for words in WORDS.values():
            if any(token.startswith(word) for word in words) and token not in found:
                found.append(token)
    return found
