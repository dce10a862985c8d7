"""The match view's rule: what in a workplace analysis fits the shared profile, and what needs
an adaptation. Plain functions of two dicts, so tests call them without a request."""
from flask_babel import lazy_gettext as _l

from .catalogue import ANY, PARTS

FITS, ADAPT, UNKNOWN = "fits", "adapt", "unknown"

def _choices(profile, key):
    return (profile.get(key) or {}).get("choices", [])


def compare(analysis, profile):
    """[(part, mark, reason)] for every part of the analysis that has an answer."""
    marks = []
    for part in PARTS:
        value = analysis.get(part.key)
        if not value:
            continue
        wanted = _choices(profile, part.profile) if part.profile else []
        if part.key == "physical":
            strong = "strong" in _choices(profile, "strengths")
            needs_help = "physical" in _choices(profile, "support")
            mark = ADAPT if value == "heavy" and (needs_help or not strong) else (
                ADAPT if value == "medium" and needs_help else FITS)
            marks.append((part, mark, _l("Heavy work needs strength or help.") if mark == ADAPT else None))
        elif part.key == "noise":
            quiet = "quiet_place" in _choices(profile, "support")
            mark = ADAPT if quiet and value != "quiet" else FITS
            marks.append((part, mark, _l("The person needs a quiet place.") if mark == ADAPT else None))
        elif part.key == "licence":
            has = _choices(profile, "licence")
            mark = FITS if value == "no" or has == ["yes"] else (UNKNOWN if not has else ADAPT)
            marks.append((part, mark, _l("The person has no driving licence.") if mark == ADAPT else None))
        elif not wanted:
            marks.append((part, UNKNOWN, None))
        elif part.many:
            missing = [item for item in value if item not in wanted]
            marks.append((part, ADAPT if missing else FITS,
                          _l("Some of these times do not suit the person.") if missing else None))
        else:
            fits = value == ANY or ANY in wanted or value in wanted
            marks.append((part, FITS if fits else ADAPT,
                          None if fits else _l("The person wants something else here.")))
    return marks


def needs(profile):
    """The support needs from the profile: every one is something to agree with the employer."""
    return _choices(profile, "support")
