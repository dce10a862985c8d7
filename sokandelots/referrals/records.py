"""Rules for referrals (förfrågan, anmälan): who sees which, saving, the person's yes that makes
a case with a login card, a no or a withdrawal kept for the statistics, and the retention."""
from datetime import date

from peewee import fn

from .. import accounts, agreement, corrections, outcomes, personnummer
from ..catalogues import REFERRAL_ENDS
from ..db import Prepared, asking, db, id_list
from .forms import CASE_NUMBER_LENGTH
from ..models import Case, Referral, User, utcnow

# What the referral form edits, in the order of the form.
FIELDS = ("received_on", "commissioner", "commissioner_unit", "case_number", "handler_name",
          "handler_phone", "handler_email", "purpose", "target_groups", "income_at_start",
          "wants_work", "interpreter", "interpreter_language", "support_need", "name",
          "personnummer", "phone", "email", "address", "locale")
SHOWN = ("open", "ended", "all")  # what the list can show: open ones, declined or withdrawn, all


_INTERPRETERS = Prepared(lambda ids: Referral.select(Referral.participant,
                                                     Referral.interpreter_language)
                         .where(Referral.participant.in_(id_list(ids)), Referral.interpreter)
                         .tuples(), lists=(0,))


@asking
def interpreter_needs(participant_ids):
    """Who needs an interpreter, as their referral says: participant id -> the language ("" when
    the referral names none), in one query."""
    return _INTERPRETERS.ask(participant_ids, finish=dict)


def visible(user):
    """The referrals `user` may see: a coach their own, an administrator the whole unit's."""
    query = Referral.select(Referral, User).join(User, on=Referral.coach)
    return query if user.role == User.ADMIN else query.where(Referral.coach == user)


def find(user, referral_id):
    """One referral if `user` may see it; else None."""
    return visible(user).where(Referral.id == referral_id).first()


def listed(user, shown="open"):
    query = visible(user)
    if shown == "open":
        query = query.where(Referral.status == "open")
    elif shown == "ended":
        query = query.where(Referral.status.in_(REFERRAL_ENDS))
    return list(query.order_by(Referral.received_on.desc(), Referral.id.desc()))


_OPEN_OF_COACH = Prepared(lambda coach: Referral.select(fn.COUNT(Referral.id).alias("open"))
                          .where(Referral.coach == coach, Referral.status == "open"))


@_OPEN_OF_COACH.then
def open_count(rows, coach):
    """How many of the coach's referrals are open (on the caseload, every time it is shown)."""
    return rows[0].open


def groups(referral):
    """The target groups as a list of catalogue keys."""
    return [key for key in referral.target_groups.split(",") if key]


def token(referral):
    """What the edit form carries to notice a save made meanwhile: when it was saved."""
    return referral.updated_at.isoformat() if referral and referral.id else ""


def values_of(referral):
    """The form's values as stored, for noticing what changed meanwhile."""
    return {name: groups(referral) if name == "target_groups" else getattr(referral, name)
            for name in FIELDS}


def save(referral, values, by, coach=None):
    """Store a new or changed referral from the form's `values`; `coach` moves it to another."""
    earlier_name = referral.name
    for name in FIELDS:
        value = values.get(name)
        if name == "target_groups":
            value = ",".join(value or ())
        elif name == "interpreter":
            value = bool(value)
        elif name != "received_on":
            value = value or ""
        setattr(referral, name, value)
    if not referral.interpreter:
        referral.interpreter_language = ""
    if coach is not None:
        referral.coach = coach
    if referral.id is None:
        referral.created_by = by
    referral.updated_at = utcnow()
    with db.atomic():
        referral.save()
        if referral.participant_id is not None:
            to_case(referral, by, renamed=referral.name != earlier_name)
    return referral


def of_participant(person):
    """The referral the participant's case began with, or None."""
    return Referral.get_or_none(Referral.participant == person)


def birth_year(referral):
    """The year of birth the referral gives (from its date of birth or number), or None."""
    born = personnummer.birth_date(referral.personnummer) if referral else None
    return born.year if born else None


def to_case(referral, by, renamed=False):
    """What a referral that became a case holds for the case too, kept the same on the case:
    the commissioner (a correction by `by`, the earlier version kept), the commissioner's case
    number, the year of birth when the referral gives it, and, when `renamed`, the name on the
    account (a correction too; a name the coach corrected on the case page stays otherwise)."""
    person = referral.participant
    case = Case.get(Case.participant == person)
    if renamed:
        corrections.correct(person, by, {"display_name": referral.name}, about=person.id)
    corrections.correct(case, by, {"commissioner": referral.commissioner})
    # A longer number can only have been typed before the form checked it: left to the coach.
    if len(referral.case_number) <= CASE_NUMBER_LENGTH:
        case.commissioner_case_number = referral.case_number
    case.birth_year = birth_year(referral) or case.birth_year
    case.save(only=[Case.commissioner_case_number, Case.birth_year])


def from_case(case):
    """The commissioner and their case number as changed on the case's page: the same on the
    referral the case began with."""
    Referral.update(commissioner=case.commissioner, case_number=case.commissioner_case_number,
                    updated_at=utcnow()).where(
        Referral.participant == case.participant_id,
        (Referral.commissioner != case.commissioner)
        | (Referral.case_number != case.commissioner_case_number)).execute()


def new(coach):
    return Referral(coach=coach, received_on=date.today())


def accept(referral, by):
    """The person said yes: a participant in the referral's coach's caseload, for its
    commissioner, with the referral's name and language, its case number and year of birth on
    the case, and the agreement's referral part filled in from it. The login card is made by
    the caller (only the coach's own browser may hold its code). Returns the new participant."""
    with db.atomic():
        person = accounts.create_participant(referral.coach, referral.name, referral.locale,
                                             referral.commissioner)
        referral.participant, referral.status = person, "accepted"
        referral.status_on, referral.status_reason = date.today(), ""
        referral.updated_at = utcnow()
        referral.save()
        to_case(referral, by)
        contact = ", ".join(part for part in (referral.handler_name, referral.handler_phone,
                                              referral.handler_email) if part)
        agreement.save(person, referral.coach, {"referrer": referral.commissioner,
                                                "referrer_contact": contact[:200],
                                                "referred_on": referral.received_on})
    return person


def end(referral, status, day, reason):
    """The person said no, or the commissioner took the referral back: kept as such."""
    if status not in REFERRAL_ENDS:
        raise ValueError(status)
    referral.status, referral.status_on = status, day or date.today()
    referral.status_reason = reason or ""
    referral.updated_at = utcnow()
    referral.save()


def reopen(referral):
    referral.status, referral.status_on, referral.status_reason = "open", None, ""
    referral.updated_at = utcnow()
    referral.save()


def ended_before(cutoff):
    """Declined or withdrawn referrals that ended before `cutoff` (the retention clock)."""
    return Referral.select().where(Referral.status.in_(REFERRAL_ENDS),
                                   Referral.status_on < cutoff)


def erase_ended_before(cutoff):
    """Delete the referrals `ended_before(cutoff)`, each leaving its anonymous row for the
    statistics; returns how many."""
    with db.atomic():
        found = list(ended_before(cutoff))
        for row in found:
            outcomes.referral_row(row)
        return Referral.delete().where(Referral.id.in_([row.id for row in found])).execute()
