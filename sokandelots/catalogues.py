"""Small fixed catalogues, declared once: they drive forms, pages and translations."""
from .i18n import lazy_gettext as _l


def in_page_language(catalogue):
    """The catalogue with every name translated now, once, for a page that shows its names on
    many rows (a lazy name is translated again each time it is shown). Not for texts shown in
    two languages, which need the lazy names."""
    return {key: str(name) for key, name in catalogue.items()}


# The five steps of Supported Employment.
# I18N: the names of the five steps of Supported Employment (Swedish: Överenskommelse,
# Yrkesprofil, Jobbsökande, Arbetsgivarengagemang, Stöd på arbetsplatsen)
STEPS = {
    1: _l("Agreement"),
    2: _l("Vocational profile"),
    3: _l("Job search"),
    4: _l("Employer engagement"),
    5: _l("Support at work"),
}

# The same steps in plain words, for the participant's own pages.
# The handbook's process map: what each step holds, as help on the coach's pages.
STEP_HELP = {
    1: _l("Registration, three-party meeting, agreement, consents"),
    2: _l("Vocational profile, job cards, try-outs, CV"),
    3: _l("Employer contacts, study visits, applications"),
    4: _l("Workplace analysis, implementation plan"),
    5: _l("Follow-up, attendance report"),
}

STEPS_PLAIN = {
    1: _l("We agree on how we work together."),
    2: _l("You find out what you want and what you are good at."),
    3: _l("We look for a job."),
    4: _l("We talk with an employer."),
    5: _l("You get support at work."),
}

# A case's status in plain words, for the participant's own pages.
CASE_STATUSES_PLAIN = {
    "active": _l("Your support is going on."),
    "in_work": _l("You work. Your coach still helps you."),
    "paused": _l("Your support is paused."),
    "closed": _l("Your support has ended."),
}

# Who commissioned the support (uppdragsgivare, beställare): on the referral, the case and the
# agreement alike. Add an entry here to offer another; a key once used stays, so old records
# keep their name.
COMMISSIONERS = {
    "af": _l("Swedish Public Employment Service"),
    "fk": _l("Swedish Social Insurance Agency"),
    "social": _l("Social services (financial assistance)"),
    "labour_unit": _l("The municipality's labour market unit"),
    "integration": _l("The municipality's integration unit"),
    "region": _l("The region (psychiatry, health care)"),
    "finsam": _l("Coordination association (samordningsförbund)"),
    # I18N: another commissioner than those listed
    "other": _l("Other"),
}

# The referral (förfrågan, anmälan) before a case exists: the handbook's registration form.
# I18N: groups of people a referral can be about (målgrupp); one referral can name several
TARGET_GROUPS = {
    "disability": _l("Disability"),
    "long_term_unemployed": _l("Long-term unemployed"),
    "newcomer": _l("Newly arrived in Sweden"),
    "sick_leave": _l("On sick leave"),
    "neet": _l("Young person not in work or studies"),
    "far_from_work": _l("Far from the labour market in another way"),
}

# What the person lives on when the support starts (försörjning vid start).
INCOME_SOURCES = {
    "activity_support": _l("Activity support (aktivitetsstöd)"),
    "financial_assistance": _l("Financial assistance (försörjningsstöd)"),
    "sickness_benefit": _l("Sickness benefit or compensation (sjukpenning, sjukersättning)"),
    "establishment": _l("Establishment benefit (etableringsersättning)"),
    # I18N: the person has no income when the support starts
    "none": _l("No income"),
    # I18N: another income than those listed
    "other": _l("Other"),
}
# What the person lives on when the case closes (försörjning vid avslut): a wage, or as at start.
INCOME_AT_END = {"wage": _l("Wage from a job (lön)"), **INCOME_SOURCES}

# The person's own wish to work: in IPS, the one thing that decides who gets support.
WISH_TO_WORK = {
    "yes": _l("Wants to work"),
    "unsure": _l("Not sure yet"),
    "no": _l("Does not want to work now"),
}

# How much support the person is expected to need, so that the unit can see whether those with
# the largest needs are screened out.
SUPPORT_NEEDS = {
    "small": _l("Small need of support"),
    "some": _l("Some need of support"),
    "large": _l("Large need of support"),
}

# How far a referral has come. A declined or withdrawn one is kept for the statistics until
# the retention time has passed.
REFERRAL_STATUSES = {
    # I18N: a referral that waits for the person's answer
    "open": _l("Open"),
    # I18N: a referral the person said yes to; it is now a case
    "accepted": _l("Became a case"),
    # I18N: a referral the person said no to
    "declined": _l("Declined"),
    # I18N: a referral the commissioner took back
    "withdrawn": _l("Withdrawn"),
}
REFERRAL_ENDS = ("declined", "withdrawn")

CASE_STATUSES = {
    # I18N: the status of a participant's case (and of an account), not a verb
    "active": _l("Active"),
    # I18N: step 5 as a state of the case: the person has a job and gets follow-up
    # (Swedish: "I arbete, med uppföljning")
    "in_work": _l("In work, with follow-up"),
    "paused": _l("Paused"),
    "closed": _l("Closed"),
}

ROLES = {
    "participant": _l("Participant"),
    "coach": _l("Coach"),
    "admin": _l("Administrator"),
    # I18N: enhetschef
    "manager": _l("Unit manager"),
}

# How a follow-up was made.
FOLLOWUP_KINDS = {
    "meeting": _l("Meeting"),
    "visit": _l("Workplace visit"),
    "phone": _l("Phone call"),
    "sms": _l("Text message"),
    "email": _l("E-mail"),
    "partners": _l("Meeting with partners"),
}

# Partners a participant can consent to share information with.
CONSENT_PARTNERS = {
    "af": _l("Swedish Public Employment Service"),
    "fk": _l("Swedish Social Insurance Agency"),
    "psychiatry": _l("The region's psychiatry"),
    "social": _l("Social services"),
    "employer": _l("An employer"),
    # I18N: another partner than those listed
    "other": _l("Other"),
}

# Which way information goes between the coach and the partner of a consent.
CONSENT_DIRECTIONS = {
    "to": _l("Information goes to them"),
    "from": _l("Information comes from them"),
    "both": _l("Information goes both ways"),
}

# How a consent was given.
CONSENT_HOW = {
    "written": _l("In writing"),
    "spoken": _l("Spoken"),
}

# How a case ended (recorded when it is closed), as IPS programmes report it.
OUTCOMES = {
    "work": _l("Work without subsidy"),
    "work_subsidy": _l("Work with subsidy"),
    "studies": _l("Studies"),
    "placement_ended": _l("Placement ended"),
    "moved": _l("Moved"),
    # I18N: another way a case ended than those listed
    "other": _l("Other"),
}
WORK_OUTCOMES = ("work", "work_subsidy")

# The economic terms of a placement in its implementation plan.
TERMS = {
    "wage": _l("Ordinary wage, no subsidy"),
    "wage_subsidy": _l("Wage subsidy (lönebidrag)"),
    "new_start": _l("New start job (nystartsjobb)"),
    "security": _l("Sheltered employment (trygghetsanställning)"),
    "unpaid": _l("Unpaid work experience (praktik, arbetsträning)"),
    # I18N: other economic terms than those listed
    "other": _l("Other"),
}
# Terms under which the person is paid a wage: with enough hours, the placement is a job start.
PAID_TERMS = ("wage", "wage_subsidy", "new_start", "security")
JOB_START_HOURS = 4  # paid hours a week, as IPS counts a job start

# How often the plan says to follow up, in weeks.
FOLLOWUP_EVERY = {
    0: _l("No set schedule"),
    1: _l("Every week"),
    2: _l("Every other week"),
    4: _l("Every four weeks"),
    8: _l("Every eight weeks"),
}

# A day of attendance (närvaro).
ATTENDANCE = {
    "present": _l("Present"),
    "absent": _l("Absent"),
    "sick": _l("Sick"),
    "leave": _l("Leave"),
}

# For the statistics: gender as the person states it, and age bands (SIUS reports under 30).
GENDERS = {
    "woman": _l("Woman"),
    "man": _l("Man"),
    # I18N: a gender other than woman or man, or the person does not want to say
    "other": _l("Other or does not want to say"),
}
AGE_BANDS = {
    "under_25": _l("Under 25"),
    "25_29": _l("25–29"),
    "30_49": _l("30–49"),
    "50_plus": _l("50 or older"),
}


def age_band(birth_year, year):
    """The age band of someone born in `birth_year`, in `year`; "" when the year is not known."""
    if not birth_year:
        return ""
    age = year - birth_year
    return ("under_25" if age < 25 else "25_29" if age < 30 else "30_49" if age < 50
            else "50_plus")


# Meetings a coach books with a participant (see meetings.py for each one's pictogram).
MEETING_KINDS = {
    # I18N: a meeting with the participant and the commissioner (Swedish: trepartsmöte)
    "three_party": _l("Three-party meeting"),
    "meeting": _l("Meeting"),
    "visit": _l("Workplace visit"),
    # I18N: a meeting to follow up how things go (Swedish: uppföljning)
    "followup": _l("Follow-up"),
    "phone": _l("Phone call"),
    # I18N: a meeting with health care (Swedish: vårdmöte)
    "care": _l("Care meeting"),
}

# Where a meeting is held; the address or meeting point is written beside it.
MEETING_PLACES = {
    "office": _l("At the office"),
    # I18N: the meeting is held while walking together
    "walk": _l("On a walk"),
    "cafe": _l("At a café"),
    "workplace": _l("At the workplace"),
    "phone": _l("On the phone"),
}

# The participant's answer to a meeting, and why they cannot come.
MEETING_ANSWERS = {
    "coming": _l("I am coming"),
    "not_coming": _l("I cannot come"),
}
MEETING_REASONS = {
    "ill": _l("I am ill"),
    "travel": _l("I cannot get there"),
    # I18N: another reason for not coming to a meeting
    "other": _l("Something else"),
}
