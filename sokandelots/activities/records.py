"""Rules for activities: add one, reflect on it, and the shared copy."""
import json

from ..db import Prepared
from ..models import Activity, utcnow
from .catalogue import GOOD, HARD, SCALES

TEXT_LENGTH = 1000


_OF = Prepared(lambda participant: Activity.select().where(Activity.participant == participant)
               .order_by(Activity.day.desc(nulls="LAST"), Activity.id.desc()))


@_OF.then
def for_participant(rows, participant):
    """The participant's activities, newest first (those without a date last)."""
    return rows


def get(participant, activity_id):
    return Activity.get_or_none(Activity.id == activity_id, Activity.participant == participant)


def add(participant, added_by, kind, place="", day=None, note="", card=None):
    return Activity.create(participant=participant, added_by=added_by, kind=kind, place=place,
                           day=day, note=note, card=card or None)


def reflection(activity):
    return json.loads(activity.reflection or "{}")


def reflect(activity, value):
    """Store the participant's reflection; empty parts are left out."""
    activity.reflection = json.dumps({key: item for key, item in value.items() if item},
                                     ensure_ascii=False, sort_keys=True)
    activity.reflected_at = utcnow()
    activity.save()


def coach_reflect(activity, text):
    activity.coach_reflection = text
    activity.coach_reflected_at = utcnow()
    activity.save()


def as_data(activity, with_coach=True):
    """One activity as plain data, for the export; sharing leaves out the coach's own reflection."""
    data = {"kind": activity.kind, "place": activity.place,
            "day": activity.day.isoformat() if activity.day else None, "note": activity.note,
            "card": activity.card, "reflection": reflection(activity),
            "coach_reflection": activity.coach_reflection if with_coach else ""}
    return {key: value for key, value in data.items() if value}


def shown_reflection(value):
    """A reflection as catalogue Options, for review pages: scales, good, hard and text."""
    def chosen(items, keys):
        found = {option.key: option for option in items}
        return [found[key] for key in keys if key in found]
    return {"scales": [(scale, next((o for o in scale.answers if o.key == str(value.get(scale.key))),
                                    None)) for scale in SCALES],
            "good": chosen(GOOD, value.get("good", [])), "hard": chosen(HARD, value.get("hard", [])),
            "text": value.get("text", "")}
