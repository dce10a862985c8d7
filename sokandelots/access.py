"""Which participants' records a coach may see and change: the one place that decides it.

- Own cases (Case.coach): read and write.
- Covered cases: a substitute named in a Cover reads and writes every case of the coach they
  cover for, from its first day to its last day, and not a day outside it.
- Handed-over cases: after a handover the old coach reads, never writes, until the handover's
  `read_until` day (HANDOVER_READ_DAYS after the handover).

Every coach route finds its case through `of` (see coach.own_case); the caseload lists `caseload`.
Handing over (by the coach or by the administrator) and naming a substitute are here too.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app

from .db import Ask, Prepared, as_date, asking, db
from .models import Case, Cover, Handover, User


@dataclass(frozen=True)
class Access:
    case: Case
    write: bool = True
    covering: User = None  # the coach whose case this is, when a substitute works on it
    handover: Handover = None  # the handover that left the old coach only reading


def _today(today):
    return today or date.today()


_COVERS = Prepared(lambda substitute, today: Cover.select(Cover, User).join(User, on=Cover.coach)
                   .where(Cover.substitute == substitute, Cover.first_day <= today,
                          Cover.last_day >= today), values=2)


@asking
def covers_of(substitute, today=None):
    """The covers that have `substitute` working on another coach's caseload today."""
    return _COVERS.ask(substitute, _today(today))


_READING = Prepared(lambda coach, today: Handover.select().where(
    Handover.from_coach == coach, Handover.read_until >= today).order_by(
    Handover.created_at, Handover.id), values=2)


@asking
def _reading(coach, today):
    """The latest handover of each case that `coach` handed over and may still read."""
    return _READING.ask(coach, _today(today),
                        finish=lambda rows: {row.participant_id: row for row in rows})


def _cases(condition, person=(User,)):
    return Case.select(Case, *person).join(User, on=Case.participant).where(condition)


# A list of cases shows who each participant is, and nothing else of their account: reading the
# rest for hundreds of rows took longer than the rest of the query.
LISTED = (User.id, User.username, User.role, User.display_name, User.locale, User.is_active)
_OWN_CASES = Prepared(lambda coach: _cases(Case.coach == coach, LISTED))


@asking
def caseload(coach, today=None):
    """Every case `coach` may open today, each with what they may do, own cases first."""
    return Ask.all(_OWN_CASES.ask(coach), covers_of.ask(coach, today), _reading.ask(coach, today),
                   then=lambda *found: _caseload(coach, *found))


def _caseload(coach, own, covering, reading):
    found = [Access(case) for case in own]
    covers = {cover.coach_id: cover.coach for cover in covering}
    if covers:
        found += [Access(case, covering=covers[case.coach_id])
                  for case in _cases(Case.coach.in_(list(covers)), LISTED)]
    if reading:
        found += [Access(case, write=False, handover=reading[case.participant_id])
                  for case in _cases(Case.participant.in_(list(reading)) & (Case.coach != coach)
                                     & Case.coach.not_in(list(covers) or [0]), LISTED)]
    return found


_ONE_CASE = Prepared(lambda participant_id: _cases(Case.participant == participant_id).limit(1))


@asking
def of(coach, participant_id, today=None):
    """What `coach` may do with one participant's case today: an Access, or None for nothing."""
    return _ONE_CASE.ask(participant_id).then(lambda found: _of(coach, found, today))


def _of(coach, found, today):
    case = found[0] if found else None
    if case is None:
        return None
    if case.coach_id == coach.id:
        return Access(case)
    for cover in covers_of(coach, today):
        if cover.coach_id == case.coach_id:
            return Access(case, covering=cover.coach)
    handover = _reading(coach, today).get(case.participant_id)
    return Access(case, write=False, handover=handover) if handover else None


def read_days():
    return current_app.config["HANDOVER_READ_DAYS"]


def active_coaches(but=None):
    """Coaches a case can go to or who can cover: active, by name, without `but`."""
    query = User.select().where(User.role == User.COACH, User.is_active)
    if but is not None:
        query = query.where(User.id != but.id)
    return list(query.order_by(User.display_name))


def hand_over(case, to_coach, by, note="", today=None):
    """Give the case to `to_coach`; the old coach reads it for HANDOVER_READ_DAYS more.
    The one rule for the coach's handover and the administrator's move."""
    today = _today(today)
    with db.atomic():
        row = Handover.create(participant=case.participant, from_coach=case.coach_id,
                              to_coach=to_coach, made_by=by, note=note.strip(),
                              read_until=today + timedelta(days=read_days()))
        case.coach = to_coach
        case.save(only=[Case.coach])
    return row


def _latest_handover(participant, *columns):
    return (Handover.select(*columns).where(Handover.participant == participant)
            .order_by(Handover.created_at.desc(), Handover.id.desc()).limit(1))


_LATEST_HANDOVER = Prepared(_latest_handover)


def latest_handover(participant):
    """The case's latest handover, or None."""
    return _LATEST_HANDOVER.first(participant)


def latest_handover_queries(participant):
    """To whom the case's latest handover went, and the last day the participant is told of it:
    queries of one value each, None when there was none (see `participant.at_a_glance`)."""
    return (_latest_handover(participant, Handover.to_coach),
            _latest_handover(participant, Handover.read_until))


_WITH_COACH = Prepared(lambda participant: Case.select(Case, User).join(User, on=Case.coach)
                       .where(Case.participant == participant).limit(1))


@_WITH_COACH.then
def case_of(rows, participant):
    """The participant's case with its coach, or None."""
    return rows[0] if rows else None


def new_coach(case, handed_to, read_until, today=None):
    """The new coach's name while a handover is recent (within HANDOVER_READ_DAYS), else None;
    `case`: the participant's (see `case_of`); `handed_to` and `read_until`: of the latest
    handover (see `latest_handover_queries`)."""
    if handed_to is None or case is None or as_date(read_until) < _today(today) \
            or handed_to != case.coach_id:
        return None
    return case.coach.display_name


def name_substitute(coach, substitute, first_day, last_day):
    return Cover.create(coach=coach, substitute=substitute, first_day=first_day,
                        last_day=last_day)


def covers_by(coach, today=None):
    """The covers `coach` named that have not ended, soonest first."""
    return list(Cover.select(Cover, User).join(User, on=Cover.substitute)
                .where(Cover.coach == coach, Cover.last_day >= _today(today))
                .order_by(Cover.first_day, Cover.id))


def end_cover(coach, cover_id):
    """Take back a cover `coach` named; False when it is not theirs."""
    return Cover.delete().where(Cover.id == cover_id, Cover.coach == coach).execute() > 0
