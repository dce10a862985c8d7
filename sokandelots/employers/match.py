"""The match view's rule: what in a workplace analysis fits the shared profile, and what needs
an adaptation. Plain functions of dicts, so tests call them without a request."""

from ..activities.catalogue import HARD
from ..i18n import lazy_gettext as _l
from .catalogue import ANY, PARTS

FITS, ADAPT, UNKNOWN = "fits", "adapt", "unknown"
HARD_LABELS = {option.key: option.label for option in HARD}


def _choices(profile, key):
    return (profile.get(key) or {}).get("choices", [])


def tried_hard(activities):
    """The "what was hard" chips of the shared activities' reflections (try-outs and the like)."""
    return {chip for item in activities for chip in (item.get("reflection") or {}).get("hard", [])}


def compare(analysis, profile, hard=()):
    """[(part, mark, reason)] for every part of the analysis that has an answer. `hard` holds what
    the person found hard in a try-out (`tried_hard`): it outweighs a profile answer that fits."""
    marks = []
    for part in PARTS:
        value = analysis.get(part.key)
        if not value:
            continue
        mark, reason = _mark(part, value, profile)
        learned = [chip for chip, values in part.hard if chip in hard and value in values]
        if learned and mark != ADAPT:
            mark, reason = ADAPT, _l("After a try-out the person said: %(hard)s.",
                                     hard=HARD_LABELS[learned[0]])
        marks.append((part, mark, reason))
    return marks


def _mark(part, value, profile):
    wanted = _choices(profile, part.profile) if part.profile else []
    if part.key == "physical":
        strong = "strong" in _choices(profile, "strengths")
        needs_help = "physical" in _choices(profile, "support")
        mark = ADAPT if value == "heavy" and (needs_help or not strong) else (
            ADAPT if value == "medium" and needs_help else FITS)
        return mark, _l("Heavy work needs strength or help.") if mark == ADAPT else None
    if part.key == "noise":
        # The profile asks for a quiet or a busy workplace, and whether a quiet place helps.
        pace, support = _choices(profile, "pace"), _choices(profile, "support")
        if value == "quiet":
            return FITS, None
        if "quiet_place" in support:
            return ADAPT, _l("The person needs a quiet place.")
        if pace == ["quiet"]:
            return ADAPT, _l("The person wants a quiet workplace.")
        return (FITS, None) if pace else (UNKNOWN, None)
    if part.key == "licence":
        has = _choices(profile, "licence")
        mark = FITS if value == "no" or has == ["yes"] else (UNKNOWN if not has else ADAPT)
        return mark, _l("The person has no driving licence.") if mark == ADAPT else None
    if not wanted:
        return UNKNOWN, None
    if part.many:
        missing = [item for item in value if item not in wanted]
        return (ADAPT, _l("Some of these times do not suit the person.")) if missing else (FITS, None)
    fits = value == ANY or ANY in wanted or value in wanted
    return (FITS, None) if fits else (ADAPT, _l("The person wants something else here."))


def needs(profile):
    """The support needs from the profile: every one is something to agree with the employer."""
    return _choices(profile, "support")
