"""What a participant shares with their coach: the profile, job-card choices and activities.

"Dela med min coach" stores all three as one unchangeable, numbered version, with its own copy
of the spoken answers (profile.spoken).
"""
import json
from collections import namedtuple

from .activities import records
from .activities.catalogue import KIND_BY_KEY
from .db import Ask, Prepared, asking, db
from .jobcards import cards as card_catalogue
from .jobcards import choices
from .models import ProfileVersion
from .profile import answers, spoken


Draft = namedtuple("Draft", "answers record latest unshared")


@asking
def current(participant, for_export=False):
    """The participant's draft record as it would be shared now (the export adds the coach's
    reflections on activities, which are the coach's to write and not the participant's to
    share), in one round trip to the database."""
    return Ask.all(*_record_asks(participant),
                   then=lambda *parts: _record(*parts, for_export=for_export))


@asking
def draft_state(participant):
    """What the home page and "Check your answers" show, as a `Draft`: the draft answers, the
    record as it would be shared now (see `current`), the latest shared version (None when
    nothing is shared yet) and whether the draft differs from it, its spoken answers included;
    in one round trip to the database."""
    return Ask.all(*_record_asks(participant), latest_version.ask(participant),
                   spoken.differ_from_shared.ask(participant), then=_draft)


def _record_asks(participant):
    return (answers.draft.ask(participant), choices.snapshot.ask(participant),
            records.for_participant.ask(participant))


def _answered(answers):
    """The answers that hold something: what a record shares."""
    return {key: value for key, value in answers.items() if value}


def _record(draft, cards, activities, for_export=False):
    return {"answers": _answered(draft), "cards": cards,
            "activities": [records.as_data(activity, with_coach=for_export)
                           for activity in activities]}


def _draft(draft, cards, activities, latest, spoken_differ):
    record, shared = _record(draft, cards, activities), of_version(latest)
    shared["answers"] = _answered(shared["answers"])
    return Draft(draft, record, latest, record != shared or spoken_differ)


def versions(participant):
    return (ProfileVersion.select().where(ProfileVersion.participant == participant)
            .order_by(ProfileVersion.number.desc()))


_LATEST = Prepared(lambda participant: versions(participant).limit(1))


@_LATEST.then
def latest_version(rows, participant):
    return rows[0] if rows else None


def of_version(version):
    """A shared version as the same dict as `current`; empty when there is none."""
    if version is None:
        return {"answers": {}, "cards": {}, "activities": []}
    return {"answers": json.loads(version.answers), "cards": json.loads(version.cards),
            "activities": json.loads(version.activities)}


def share(participant):
    """Make an unchangeable copy of the draft for the coach; return the new version."""
    record = current(participant)
    with db.atomic():
        latest = latest_version(participant)
        version = ProfileVersion.create(
            participant=participant, number=(latest.number + 1) if latest else 1,
            **{key: json.dumps(value, ensure_ascii=False, sort_keys=True)
               for key, value in record.items()})
        spoken.copy_to(version, participant)
    return version


def extras(record, every_card=None):
    """The card choices and activities of a record, ready for a review page. `every_card`:
    `cards.all_cards(include_hidden=True)`, when read already."""
    if every_card is None:
        every_card = card_catalogue.all_cards(include_hidden=True)
    shown = {card.key: card for card in every_card}
    cards = [(option, [(shown[key], choice) for key, choice in record["cards"].items()
                       if key in shown and choice.get("answer") == option.key])
             for option in choices.ANSWERS]
    marked = [(shown[key], choice) for key, choice in record["cards"].items()
              if key in shown and (choice.get("want_more") or choice.get("tried"))]
    activities = []
    for item in record["activities"]:
        activities.append({
            **item, "kind": KIND_BY_KEY.get(item.get("kind")), "card": shown.get(item.get("card")),
            **records.shown_reflection(item.get("reflection", {}))})
    return {"cards": cards, "marked": marked, "activities": activities}
