"""Try-outs and reflection (Mina aktiviteter), declared once: kinds, scales and ready answers.

After an activity the participant reflects mostly by tapping: three four-face scales and
chips for what was good and what was hard. Free text is always an optional extra.
"""
from dataclasses import dataclass

from ..i18n import lazy_gettext as _l, lazy_pgettext
from ..profile.catalogue import options


@dataclass(frozen=True)
class Scale:
    key: str
    question: object
    answers: tuple  # four Options, from the saddest face to the happiest


FACES = ("face-sad", "face-neutral", "face-smile", "face-happy")


def scale(key, question, *labels):
    return Scale(key, question, tuple(options(*(
        (str(number), label, face) for number, (label, face) in enumerate(zip(labels, FACES), 1)))))


KINDS = options(
    ("shadowing", _l("Job shadowing"), "eyes"),
    ("tryout", _l("Try-out at a workplace"), "briefcase"),
    ("visit", _l("Study visit"), "walker"),
    ("role_play", _l("Role play"), "speech"),
    ("task", _l("Trying a task"), "wrench"),
    # I18N: another kind of activity than those listed
    ("other", _l("Something else"), "sparkles"),
)

# Coaches read the handbook's names where participants read plain words.
STAFF_LABELS = {
    # I18N: the handbook's name for following someone at their work for a day (Jobbskuggning)
    "shadowing": lazy_pgettext("activity kind on staff pages", "Job shadowing"),
}


def staff_label(key):
    """What coaches call a kind of activity (the same as participants unless the handbook
    has its own name for it)."""
    option = next((kind for kind in KINDS if kind.key == key), None)
    return STAFF_LABELS.get(key, option.label if option else key)


SCALES = (
    scale("went", _l("How did it go?"),
          _l("Badly"), _l("Not so well"), _l("Well"), _l("Very well")),
    scale("liked", _l("Did you like it?"),
          _l("Not at all"), _l("A little"), _l("Quite a lot"), _l("Very much")),
    scale("again", _l("Do you want to do it again?"),
          _l("No"), _l("Maybe not"), _l("Maybe"), _l("Yes")),
)

GOOD = options(
    ("people", _l("Nice people"), "people"),
    ("tasks", _l("Fun tasks"), "star"),
    ("learned", _l("I learned something"), "light-bulb"),
    ("did_well", _l("I did a good job"), "muscle"),
    ("place", _l("A nice place"), "house"),
    ("trip", _l("An easy trip"), "bus"),
)

HARD = options(
    ("noise", _l("Too much noise"), "loud"),
    ("crowd", _l("Too many people"), "people"),
    ("tasks", _l("Hard tasks"), "thinking"),
    ("pace", _l("Too fast"), "lightning"),
    ("long", _l("A long day"), "clock"),
    ("trip", _l("A hard trip"), "bus"),
    ("understand", _l("I did not understand"), "question"),
    ("tired", _l("My body got tired"), "tired"),
)

KIND_BY_KEY = {option.key: option for option in KINDS}
SCALE_BY_KEY = {item.key: item for item in SCALES}


def pictures():
    names = {option.picture for option in KINDS + GOOD + HARD}
    return names | set(FACES)
