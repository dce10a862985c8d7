"""How a participant sorts job cards, and which cards may fit their profile."""

from ..db import Prepared, upsert
from ..i18n import lazy_gettext as _l
from ..models import CardChoice, JobCard, utcnow
from ..profile.catalogue import options
from .catalogue import BY_KEY

ANSWERS = options(
    ("yes", _l("Yes, please"), "thumbs-up"),
    ("maybe", _l("Maybe"), "thinking"),
    ("no", _l("No"), "thumbs-down"),
)
ANSWER_BY_KEY = {option.key: option for option in ANSWERS}
NOTE_LENGTH = 500


_OF = Prepared(lambda participant: CardChoice.select().where(CardChoice.participant == participant))


@_OF.then
def of(rows, participant):
    """The participant's choices: card key -> CardChoice."""
    return {row.card: row for row in rows}


def save(participant, card_key, answer=None, want_more=False, tried=False, note=""):
    """Store one card's choice at once, so nothing is lost if the person walks away."""
    upsert(CardChoice, ("participant", "card"), participant=participant, card=card_key,
           answer=answer, want_more=want_more, tried=tried, note=note, updated_at=utcnow())


def as_data(choice):
    data = {"answer": choice.answer, "want_more": choice.want_more, "tried": choice.tried,
            "note": choice.note}
    return {key: value for key, value in data.items() if value}


# A participant's choices of the cards there are: built in, or an administrator's own (hidden
# ones too); a card taken away leaves its choices out.
_OF_CARDS_THERE_ARE = Prepared(lambda participant: CardChoice.select().where(
    CardChoice.participant == participant,
    CardChoice.card.in_(list(BY_KEY)) | CardChoice.card.in_(JobCard.select(JobCard.key))))


@_OF_CARDS_THERE_ARE.then
def snapshot(rows, participant):
    """The choices as plain data for sharing and export: card key -> choice, for the cards there
    are, in one query (the participant's home page counts them)."""
    return {choice.card: data for choice in sorted(rows, key=lambda choice: choice.card)
            if (data := as_data(choice))}


def next_unsorted(cards, chosen, after=None):
    """The first card without an answer, starting after the card `after`; None when all are sorted."""
    keys = [card.key for card in cards]
    start = keys.index(after) + 1 if after in keys else 0
    for key in keys[start:] + keys[:start]:
        if key not in chosen or not chosen[key].answer:
            return key
    return None


def suggestions(cards, profile, chosen=None):
    """Cards that fit the profile's answers, best first: [(card, [reasons])].

    A card scores one point for each profile answer that one of its tags matches; each tag
    that matched gives one reason in plain words. Cards the person said no to are left out.
    """
    chosen = chosen or {}
    picked = {(key, item) for key, value in profile.items() if isinstance(value, dict)
              for item in value.get("choices", [])}
    ranked = []
    for order, card in enumerate(cards):
        if chosen.get(card.key) and chosen[card.key].answer == "no":
            continue
        hits = [(tag, sum(match in picked for match in tag.matches)) for tag in card.tags]
        score = sum(count for _, count in hits)
        if score:
            ranked.append((-score, order, card, [tag.reason for tag, count in hits if count]))
    return [(card, reasons) for _, _, card, reasons in sorted(ranked, key=lambda item: item[:2])]
