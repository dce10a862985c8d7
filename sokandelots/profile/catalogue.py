"""The vocational profile, declared once: sections, questions and ready answers.

The catalogue drives the question pages, validation, the check-your-answers page, the
coach's view, the export and the translations. Adding a question is one entry here.
Every question can be skipped, and free text is always an optional extra.
"""
from dataclasses import dataclass

from ..i18n import lazy_gettext as _l

# Kinds of question.
TEXT = "text"   # free text only
ONE = "one"     # one ready answer (plus optional own words)
MANY = "many"   # any number of ready answers (plus optional own words)
ROWS = "rows"   # a repeatable list, e.g. the jobs I have had


@dataclass(frozen=True)
class Option:
    key: str
    label: object
    picture: str


@dataclass(frozen=True)
class RowField:
    key: str
    label: object
    options: tuple = ()  # ready answers; none means free text
    max_length: int = 100
    # The CV is for employers: a short heading instead of the question ("" shows the value
    # alone), or nothing of this field at all.
    cv_label: object = ""
    on_cv: bool = True


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: object
    help: object
    picture: str
    options: tuple = ()
    own_words: object = None  # the label of the optional free-text field
    fields: tuple = ()  # for ROWS
    max_length: int = 300
    max_rows: int = 10


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    picture: str
    questions: tuple
    coach_only: bool = False  # shown to the coach but never to an employer
    intro: object = None


def options(*triples):
    return tuple(Option(key, label, picture) for key, label, picture in triples)


LEVELS = options(
    ("little", _l("A little"), "seedling"),
    ("good", _l("Good"), "thumbs-up"),
    ("very_good", _l("Very good"), "star"),
    ("mother_tongue", _l("My first language"), "house"),
)

HOW_LONG = options(
    ("weeks", _l("A few weeks"), "calendar"),
    ("months", _l("A few months"), "calendar"),
    ("year", _l("About a year"), "calendar"),
    ("years", _l("Many years"), "calendar"),
)

SECTIONS = (
    Section("about", _l("About me"), "person", (
        Question("call_me", TEXT, _l("What do you want us to call you?"),
                 _l("Write the name you like to hear."), "speech", max_length=60),
        Question("contact", MANY, _l("How do you want us to contact you?"),
                 _l("You can choose more than one."), "phone", options=options(
                     ("phone", _l("Phone call"), "phone"),
                     ("sms", _l("Text message"), "speech"),
                     ("email", _l("E-mail"), "email"),
                     ("coach", _l("Through my coach"), "coach"),
                 )),
        Question("languages", ROWS, _l("Which languages do you speak?"),
                 _l("Write one language on each row. Choose how well you speak it."), "globe",
                 fields=(RowField("language", _l("Language"), max_length=40),
                         RowField("level", _l("How well"), options=LEVELS)),
                 max_rows=8),
    )),
    Section("likes", _l("What I like"), "heart", (
        Question("interests", MANY, _l("What do you like?"),
                 _l("Choose the pictures that fit you. You can choose many."), "heart",
                 options=options(
                     ("outdoors", _l("Being outdoors"), "tree"),
                     ("animals", _l("Animals"), "paw"),
                     ("cooking", _l("Cooking"), "cooking"),
                     ("cleaning", _l("Tidying and cleaning"), "broom"),
                     ("building", _l("Building and fixing"), "wrench"),
                     ("computers", _l("Computers"), "computer"),
                     ("helping", _l("Helping people"), "hug"),
                     ("customers", _l("Meeting customers"), "shopping"),
                     ("driving", _l("Driving"), "car"),
                     ("sorting", _l("Sorting and packing"), "package"),
                     ("plants", _l("Plants"), "sunflower"),
                     ("making", _l("Making things"), "scissors"),
                     ("sport", _l("Sport and movement"), "runner"),
                     ("children", _l("Children"), "child"),
                     ("music", _l("Music"), "music"),
                 ), own_words=_l("Something else you like")),
    )),
    Section("strengths", _l("What I am good at"), "muscle", (
        Question("strengths", MANY, _l("What are you good at?"),
                 _l("Choose what fits you. You can choose many."), "muscle", options=options(
                     ("careful", _l("I am careful"), "magnifier"),
                     ("fast", _l("I am fast"), "lightning"),
                     ("friendly", _l("I am friendly"), "smile"),
                     ("strong", _l("I am strong"), "muscle"),
                     ("on_time", _l("I come on time"), "alarm-clock"),
                     ("memory", _l("I have a good memory"), "brain"),
                     ("numbers", _l("I am good with numbers"), "numbers"),
                     ("languages", _l("I am good with languages"), "globe"),
                     ("calm", _l("I am calm"), "calm"),
                     ("creative", _l("I have ideas"), "light-bulb"),
                     ("tidy", _l("I keep things tidy"), "sparkles"),
                     ("alone", _l("I work well alone"), "person"),
                     ("team", _l("I work well with others"), "people"),
                 ), own_words=_l("In my own words")),
    )),
    Section("work", _l("How I want to work"), "office", (
        Question("place", ONE, _l("Do you want to work indoors or outdoors?"),
                 _l("Choose one."), "house", options=options(
                     ("indoors", _l("Indoors"), "house"),
                     ("outdoors", _l("Outdoors"), "landscape"),
                     ("both", _l("Both are fine"), "thumbs-up"),
                 )),
        Question("company", ONE, _l("Do you want to work alone or with others?"),
                 _l("Choose one."), "people", options=options(
                     ("alone", _l("Alone"), "person"),
                     ("others", _l("With others"), "people"),
                     ("both", _l("Both are fine"), "thumbs-up"),
                 )),
        Question("pace", ONE, _l("Do you want a quiet or a busy workplace?"),
                 _l("Choose one."), "shop", options=options(
                     ("quiet", _l("Quiet"), "quiet"),
                     ("busy", _l("Busy"), "shop"),
                     ("both", _l("Both are fine"), "thumbs-up"),
                 )),
        Question("hours", ONE, _l("How many hours a week do you want to work?"),
                 _l("Choose one. You can change it later."), "stopwatch", options=options(
                     ("under_10", _l("Less than 10 hours"), "stopwatch"),
                     ("10_20", _l("10 to 20 hours"), "stopwatch"),
                     ("20_30", _l("20 to 30 hours"), "stopwatch"),
                     ("30_40", _l("30 to 40 hours"), "stopwatch"),
                 )),
        Question("times", MANY, _l("When can you work?"),
                 _l("You can choose more than one."), "calendar", options=options(
                     ("mornings", _l("Mornings"), "sunrise"),
                     ("days", _l("Daytime"), "sun"),
                     ("evenings", _l("Evenings"), "moon"),
                     ("weekends", _l("Weekends"), "calendar"),
                 )),
        Question("travel", MANY, _l("How can you get to work?"),
                 _l("You can choose more than one."), "bus", options=options(
                     ("walk", _l("I walk"), "walker"),
                     ("bike", _l("I cycle"), "bicycle"),
                     ("bus", _l("Bus or train"), "bus"),
                     ("car", _l("Car"), "car"),
                     ("help", _l("I need help to get there"), "sos"),
                 )),
        Question("distance", ONE, _l("How long can the trip to work take?"),
                 _l("Think of one way."), "pin", options=options(
                     ("short", _l("Up to 15 minutes"), "pin"),
                     ("half_hour", _l("Up to 30 minutes"), "pin"),
                     ("hour", _l("Up to one hour"), "pin"),
                     ("longer", _l("Longer is fine"), "pin"),
                 )),
        Question("licence", ONE, _l("Do you have a driving licence?"),
                 _l("A licence for a car."), "car", options=options(
                     ("yes", _l("Yes"), "check"),
                     ("no", _l("No"), "no-entry"),
                     ("learning", _l("I am learning"), "learner"),
                 )),
    )),
    Section("needs", _l("What I need"), "handshake", (
        Question("support", MANY, _l("What helps you at work?"),
                 _l("Choose what you need. You can choose many."), "handshake", options=options(
                     ("instructions", _l("Clear instructions"), "clipboard"),
                     ("pictures", _l("Pictures or a schedule"), "picture"),
                     ("quiet_place", _l("A quiet place"), "quiet"),
                     ("breaks", _l("Breaks"), "coffee"),
                     ("same_tasks", _l("The same tasks each day"), "repeat"),
                     ("someone", _l("Someone to ask"), "raised-hand"),
                     ("short_days", _l("Shorter days at the start"), "clock"),
                     ("physical", _l("Help with my body, like a chair or a ramp"), "wheelchair"),
                     ("travel_help", _l("Help with the trip to work"), "train"),
                 ), own_words=_l("Something else")),
        Question("hard", TEXT, _l("What can make work hard for you?"),
                 _l("You do not have to answer. Only your coach sees it."), "thinking",
                 max_length=1000),
    ), coach_only=True, intro=_l("Only your coach can see this part.")),
    Section("background", _l("School and work"), "school", (
        Question("school", ONE, _l("How long did you go to school?"),
                 _l("Choose the one that fits best."), "school", options=options(
                     ("little", _l("A few years or not at all"), "seedling"),
                     ("primary", _l("Compulsory school"), "school"),
                     ("secondary", _l("Upper secondary school"), "books"),
                     ("university", _l("College or university"), "graduation"),
                 )),
        Question("courses", TEXT, _l("Have you done any courses?"),
                 _l("For example Swedish, a driving licence or first aid."), "books",
                 max_length=500),
        Question("jobs", ROWS, _l("Which jobs have you had?"),
                 _l("Write one job on each row. Work placements count too."), "briefcase",
                 fields=(RowField("where", _l("Where"), cv_label=_l("Employer")),
                         RowField("what", _l("What did you do?"), cv_label=_l("Tasks")),
                         RowField("how_long", _l("How long"), options=HOW_LONG,
                                  # I18N: on a CV, how long a job lasted
                                  cv_label=_l("Time in the job")),
                         RowField("liked", _l("What did you like?"), on_cv=False)),
                 max_rows=10),
    )),
    Section("goals", _l("My goals"), "target", (
        Question("dream_job", TEXT, _l("What is your dream job?"),
                 _l("Dream big. Write what you want."), "rainbow", max_length=300),
        Question("six_months", MANY, _l("What do you want in six months?"),
                 _l("You can choose more than one."), "target", options=options(
                     ("job", _l("A job"), "briefcase"),
                     ("placement", _l("A work placement"), "office"),
                     ("study", _l("To study"), "books"),
                     ("swedish", _l("To learn more Swedish"), "speech"),
                     ("know", _l("To know what I want to do"), "light-bulb"),
                 ), own_words=_l("Something else")),
        Question("good_day", TEXT, _l("What is a good work day for you?"),
                 _l("Tell us with a few words."), "sun", max_length=500),
    )),
    Section("disclosure", _l("What may an employer know?"), "shield", (
        Question("disclose_what", MANY, _l("What may an employer know about you?"),
                 _l("You decide. You can change it later."), "shield", options=options(
                     ("needs", _l("What I need at work"), "handshake"),
                     ("health", _l("My health or disability"), "heart"),
                     ("background", _l("My background, like a long time without work"), "clipboard"),
                     ("nothing", _l("Nothing yet"), "no-entry"),
                 )),
        Question("disclose_who", ONE, _l("Who tells the employer?"),
                 _l("Choose one."), "speech", options=options(
                     ("me", _l("I do"), "person"),
                     ("coach", _l("My coach does"), "coach"),
                     ("nobody", _l("Nobody yet"), "no-entry"),
                 )),
    )),
)

QUESTIONS = tuple(question for section in SECTIONS for question in section.questions)
BY_KEY = {question.key: question for question in QUESTIONS}
SECTION_OF = {question.key: section for section in SECTIONS for question in section.questions}


def position(key):
    """1-based number of a question across the whole profile."""
    return [question.key for question in QUESTIONS].index(key) + 1


def pictures():
    """Every pictogram name the catalogue uses."""
    names = set()
    for section in SECTIONS:
        names.add(section.picture)
        for question in section.questions:
            names.add(question.picture)
            names.update(option.picture for option in question.options)
            for row_field in question.fields:
                names.update(option.picture for option in row_field.options)
    return names
