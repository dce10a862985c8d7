"""The agreement and each consent on paper, to sign: every fixed text in Swedish and, beside it,
in the participant's own language."""

from .i18n import DEFAULT_LOCALE, LANGUAGES, lazy_gettext as _l, text_direction

AGREEMENT = {
    "title": _l("Agreement"),
    "intro": _l("This is what you, your coach and the commissioner agreed."),
    "met": _l("We met"),
    "present": _l("Who took part"),
    "goals": _l("Your goals"),
    "roles": _l("Who does what"),
    "expectations": _l("What we expect"),
    "reach": _l("How we reach each other"),
    "situations": _l("What we do if something happens"),
}
CONSENT = {
    "title": _l("Consent"),
    "intro": _l("You say yes that your coach may share information about you, as written here."),
    "partner": _l("With whom"),
    "what": _l("What may be shared"),
    "purpose": _l("Why"),
    "starts": _l("Your yes starts on"),
    "ends": _l("Your yes lasts until"),
    "review": _l("We look at it again on"),
    "withdraw": _l("You can take back your yes at any time. Tell your coach."),
}
SIGNING = {
    "participant": _l("Participant"),
    "coach": _l("Coach"),
    "commissioner": _l("Commissioner"),
    "signature": _l("Signature"),
    "date": _l("Date"),
}


def languages(participant):
    """(the participant's language beside Swedish or None, its text direction)."""
    code = participant.locale if participant.locale in LANGUAGES else DEFAULT_LOCALE
    return (None, "ltr") if code == DEFAULT_LOCALE else (code, text_direction(code))
