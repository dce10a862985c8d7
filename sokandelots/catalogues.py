"""Small fixed catalogues, declared once: they drive forms, pages and translations."""
from flask_babel import lazy_gettext as _l

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

# Who commissioned the support (beställare).
COMMISSIONERS = {
    "af": _l("Swedish Public Employment Service"),
    "fk": _l("Swedish Social Insurance Agency"),
    "social": _l("Social services"),
    "region": _l("The region (health care)"),
    # I18N: another commissioner than those listed
    "other": _l("Other"),
}

CASE_STATUSES = {
    # I18N: the status of a participant's case (and of an account), not a verb
    "active": _l("Active"),
    "paused": _l("Paused"),
    "closed": _l("Closed"),
}

ROLES = {
    "participant": _l("Participant"),
    "coach": _l("Coach"),
    "admin": _l("Administrator"),
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

# How a consent was given.
CONSENT_HOW = {
    "written": _l("In writing"),
    "spoken": _l("Spoken"),
}
