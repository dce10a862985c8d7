"""Rules for step 1: the agreement (registration and three-party meeting) and consents."""
from datetime import date, timedelta

from . import phrasebook
from .db import Prepared, asking, id_list
from .i18n import lazy_gettext as _l
from .models import Agreement, Consent, utcnow

# The agreement's own words, on the form and on the printed page.
TEXTS = {
    "present": _l("Who took part"),
    "goals": _l("Agreed goals"),
    "roles": _l("Roles"),
    "expectations": _l("Expectations"),
    "reach": _l("How we reach each other"),
}
# Strategies for situations that can arise (the handbook's "strategier för olika situationer").
SITUATIONS = {
    "if_ill": _l("When ill"),
    "if_crisis": _l("In a crisis"),
    "if_placement_fails": _l("When the placement goes wrong"),
}
# The same, in plain words for the participant (their page and the printed agreement).
PLAIN = {
    "if_ill": _l("If you get ill"),
    "if_crisis": _l("If you are in a crisis"),
    "if_placement_fails": _l("If the workplace does not work out"),
    "secrecy": _l("Your coach has a duty of confidentiality. This means that your coach does not "
                  "tell others about you. Your coach only shares what you say yes to."),
    "secrecy_explained_on": _l("Your coach told you this on %(date)s."),
    "rules_given_on": _l("You got the rules and policy on %(date)s."),
}
# Practical matters settled at the meeting, each a date; a ticked box without a date is today.
TICKED = {"secrecy_explained_on": "secrecy_explained", "rules_given_on": "rules_given"}
# The parts for which the coach can also choose prepared sentences (the phrasebook's AGREEMENT
# group), stored as `<part>_phrases` and read in the participant's language.
PHRASED = ("expectations", "if_ill", "if_crisis", "if_placement_fails")
FIELDS = ("referrer", "referrer_contact", "referred_on", "meeting_on", *TEXTS, *TICKED, *SITUATIONS)


_OF = Prepared(lambda participant: Agreement.select()
               .where(Agreement.participant == participant).limit(1))


@_OF.then
def of(rows, participant):
    return rows[0] if rows else None


def token(record):
    """What the agreement form carries to notice a save made meanwhile: when it was saved."""
    return record.updated_at.isoformat() if record else ""


def save(participant, by, values, phrases=None):
    """Store the agreement, with `phrases` {part: chosen sentences} for the PHRASED parts; a
    change asks the participant to read it again."""
    row = of(participant) or Agreement(participant=participant)
    for name in FIELDS:
        setattr(row, name, _value(name, values))
    for part in PHRASED:
        setattr(row, f"{part}_phrases", phrasebook.dumps((phrases or {}).get(part)))
    row.updated_at, row.updated_by, row.read_at = utcnow(), by, None
    row.save()
    return row


def _value(name, values):
    if name in TICKED:
        return (values.get(name) or date.today()) if values.get(TICKED[name]) else None
    return values.get(name) if name.endswith("_on") else (values.get(name) or "")


_CONSENTS = Prepared(lambda participant: Consent.select().where(Consent.participant == participant)
                     .order_by(Consent.given_on.desc(), Consent.id.desc()))


@_CONSENTS.then
def consents(rows, participant):
    return rows


def consent(participant, consent_id):
    return Consent.get_or_none(Consent.id == consent_id, Consent.participant == participant)


CONSENT_FIELDS = ("partner", "partner_name", "recipient", "direction", "what", "purpose",
                  "given_on", "how", "starts_on", "ends_on", "review_on")
ENDING_DAYS = 30  # a consent this near its end or review date shows on the caseload


def add_consent(participant, partner, partner_name, what, given_on, how, **more):
    """Store a consent; `more` are the other CONSENT_FIELDS (recipient, direction, purpose, dates)."""
    return Consent.create(participant=participant, partner=partner, partner_name=partner_name,
                          what=what, given_on=given_on, how=how, **more)


def due_on(item):
    """The first of a consent's end and review dates, or None."""
    return min((day for day in (item.ends_on, item.review_on) if day), default=None)


def ending(item, today=None):
    """Whether a consent in force is within ENDING_DAYS of its end or review date, or past it."""
    due = due_on(item)
    return bool(item.withdrawn_on is None and due
                and due <= (today or date.today()) + timedelta(days=ENDING_DAYS))


# Consents in force of a caseload that want the coach's attention: a withdrawal asked for, or
# an end or review date near (see `ending`).
_MARKED = Prepared(lambda ids, limit: Consent.select(
    Consent.participant, Consent.withdraw_asked_at, Consent.withdrawn_on, Consent.ends_on,
    Consent.review_on).where(
    Consent.participant.in_(id_list(ids)), Consent.withdrawn_on.is_null(),
    Consent.withdraw_asked_at.is_null(False) | (Consent.ends_on <= limit)
    | (Consent.review_on <= limit)), values=2, lists=(0,))


@asking
def marked(participant_ids, today=None):
    """(Participant ids with a withdrawal asked for and not yet recorded, participant ids with a
    consent in force near or past its end or review date), in one query."""
    today = today or date.today()
    return _MARKED.ask(participant_ids, today + timedelta(days=ENDING_DAYS),
                       finish=lambda rows: _marked(rows, today))


def _marked(rows, today):
    asked, near_end = set(), set()
    for row in rows:
        if row.withdraw_asked_at is not None:
            asked.add(row.participant_id)
        if ending(row, today):
            near_end.add(row.participant_id)
    return asked, near_end


def ask_to_withdraw(item):
    if item.withdrawn_on is None and item.withdraw_asked_at is None:
        item.withdraw_asked_at = utcnow()
        item.save(only=[Consent.withdraw_asked_at])


def withdraw(item, day=None):
    item.withdrawn_on = day or date.today()
    item.save(only=[Consent.withdrawn_on])


