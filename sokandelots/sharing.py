"""What a participant shares with their coach: the profile, job-card choices and activities.

"Dela med min coach" stores all three as one unchangeable, numbered version, with its own copy
of the spoken answers (profile.spoken).
"""
import json

from .activities import records
from .activities.catalogue import KIND_BY_KEY
from .db import Prepared, db
from .jobcards import cards as card_catalogue
from .jobcards import choices
from .models import ProfileVersion
from .profile import answers, spoken


def current(participant, for_export=False, draft=None):
    """The participant's draft record as it would be shared now (the export adds the coach's
    reflections on activities, which are the coach's to write and not the participant's to share);
    `draft`: the answers, when the caller has read them already."""
    draft = answers.draft(participant) if draft is None else draft
    return {"answers": {key: value for key, value in draft.items() if value},
            "cards": choices.snapshot(participant),
            "activities": records.snapshot(participant, with_coach=for_export)}


def versions(participant):
    return (ProfileVersion.select().where(ProfileVersion.participant == participant)
            .order_by(ProfileVersion.number.desc()))


_LATEST = Prepared(lambda participant: versions(participant).limit(1))


def latest_version(participant):
    return _LATEST.first(participant)


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


def has_unshared_changes(participant, latest, record):
    """Whether the draft `record` (from `current`) differs from the last shared version `latest`
    (None when nothing is shared yet); the pages that ask have read both already."""
    shared = of_version(latest)
    shared["answers"] = {key: value for key, value in shared["answers"].items() if value}
    return record != shared or spoken.differ_from_shared(participant, latest)


def extras(record):
    """The card choices and activities of a record, ready for a review page."""
    shown = {card.key: card for card in card_catalogue.all_cards(include_hidden=True)}
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
