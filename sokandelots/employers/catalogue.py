"""The employer register's catalogues, declared once: sectors, kinds of contact and lead, the
path of a lead, and the workplace analysis with how each part meets the vocational profile."""
from dataclasses import dataclass

from ..i18n import lazy_gettext as _l

SECTORS = {
    "retail": _l("Shops and retail"),
    "logistics": _l("Warehouse and logistics"),
    "cleaning": _l("Cleaning and property"),
    "food": _l("Restaurants, cafés and food"),
    "care": _l("Health and care"),
    "education": _l("School and childcare"),
    "construction": _l("Building and crafts"),
    "industry": _l("Industry and factories"),
    "office": _l("Offices and public sector"),
    "green": _l("Parks, farms and animals"),
    "transport": _l("Transport and delivery"),
    "hotel": _l("Hotels and tourism"),
    # I18N: another sector than those listed
    "other": _l("Other"),
}

CONTACT_KINDS = {
    "visit": _l("Visit"),
    "phone": _l("Phone call"),
    "email": _l("E-mail"),
    "meeting": _l("Meeting"),
}

LEAD_KINDS = {
    "contact": _l("Contact"),
    "study_visit": _l("Study visit"),
    "tryout": _l("Try-out"),
    "application": _l("Application"),
    "interview": _l("Interview"),
}

# The path a lead takes; it can end at any point with a reason.
LEAD_PATH = {
    "idea": _l("Idea"),
    "contacted": _l("Contacted"),
    "visit": _l("Visit"),
    # I18N: a job lead's status: the place is accepted by the employer and the participant
    "accepted": _l("Accepted by employer and participant"),
    "tryout": _l("Try-out"),
    "employed": _l("Employed"),
}
ENDED = "ended"
END_REASONS = {
    "not_fit": _l("Did not fit"),
    "employer_no": _l("The employer said no"),
    "participant_no": _l("The participant said no"),
    "case_closed": _l("The case was closed"),
    # I18N: another reason why a job lead ended
    "other": _l("Other"),
}

# The same path in plain words for the participant.
LEAD_PATH_PLAIN = {
    "idea": _l("An idea"),
    "contacted": _l("Your coach has talked to them"),
    "visit": _l("A visit"),
    "accepted": _l("You and the employer said yes"),
    "tryout": _l("You try the work"),
    "employed": _l("You got the job"),
    ENDED: _l("It ended"),
}


@dataclass(frozen=True)
class Part:
    """One part of a workplace analysis, and the profile question it meets (if any)."""

    key: str
    label: object
    options: dict
    profile: str = ""  # the profile question with the same ready answers
    many: bool = False
    # What a try-out taught: a "what was hard" chip of an activity's reflection (activities
    # catalogue) -> the values of this part that it makes hard.
    hard: tuple = ()


ANY = "both"  # "both are fine" in the profile and "both" at the workplace always fit

PARTS = (
    Part("place", _l("Indoors or outdoors"),
         {"indoors": _l("Indoors"), "outdoors": _l("Outdoors"), ANY: _l("Both")}, "place"),
    Part("company", _l("Alone or with others"),
         {"alone": _l("Alone"), "others": _l("With others"), ANY: _l("Both")}, "company",
         hard=(("crowd", ("others",)),)),
    Part("pace", _l("Pace"),
         {"quiet": _l("Quiet"), "busy": _l("Busy"), ANY: _l("Both")}, "pace",
         hard=(("pace", ("busy",)),)),
    Part("hours", _l("Hours a week"),
         {"under_10": _l("Less than 10 hours"), "10_20": _l("10 to 20 hours"),
          "20_30": _l("20 to 30 hours"), "30_40": _l("30 to 40 hours")}, "hours"),
    Part("times", _l("Working times"),
         {"mornings": _l("Mornings"), "days": _l("Daytime"), "evenings": _l("Evenings"),
          "weekends": _l("Weekends")}, "times", many=True),
    Part("noise", _l("Noise"),
         {"quiet": _l("Quiet"), "some": _l("Some noise"), "loud": _l("Loud")},
         hard=(("noise", ("some", "loud")),)),
    Part("physical", _l("Physical load"),
         {"light": _l("Light"), "medium": _l("Medium"), "heavy": _l("Heavy")},
         hard=(("tired", ("medium", "heavy")),)),
    Part("licence", _l("Driving licence needed"), {"yes": _l("Yes"), "no": _l("No")}),
)
PART_BY_KEY = {part.key: part for part in PARTS}
TEXTS = ("title", "tasks", "social", "knowledge", "supervisor")
