"""Rules for the coach's caseload: the list, steps, follow-ups, review of shared versions, timeline."""
from dataclasses import dataclass, field
from datetime import date, datetime, time

from peewee import fn

from . import agreement, notes, sharing, timerules
from .db import Ask, Prepared, as_datetime, ask_together, asking, db, id_list
from .models import (Activity, Case, Feedback, FollowUp, InternalNote, ProfileVersion,
                     SharedSpokenAnswer, StepChange, utcnow)
from .profile import spoken
from .profile.catalogue import QUESTIONS
from .referrals import records as referrals

EPOCH = datetime(1970, 1, 2)
SORTS = ("name", "step", "status", "shared", "followup")


@dataclass
class Row:
    case: Case
    latest: int  # number of the latest shared version, 0 when none
    shared_at: object
    unread_messages: int = 0
    withdrawal_asked: bool = False
    consent_ending: bool = False
    flags: list = field(default_factory=list)  # timerules.flags: time rules broken now
    interpreter: object = None  # the interpreter's language when the referral asks for one
    access: object = None  # access.Access: own, covering for another coach, or only reading

    today: date = field(default_factory=date.today)

    def __post_init__(self):
        self.unreviewed = max(self.latest - self.case.reviewed_version, 0)
        # A closed case has no follow-up to come, whatever date was set while it was open.
        self.next_followup = None if self.case.status == "closed" else self.case.next_followup
        self.overdue = bool(self.next_followup and self.next_followup < self.today)


_LATEST_SHARED = Prepared(lambda ids: ProfileVersion.select(
    ProfileVersion.participant, fn.MAX(ProfileVersion.number), fn.MAX(ProfileVersion.shared_at))
    .where(ProfileVersion.participant.in_(id_list(ids)))
    .group_by(ProfileVersion.participant).tuples(), lists=(0,))


@asking
def rows(coach, step=None, status=None, search="", sort="name"):
    """The cases the coach may open (access.caseload: own, covered, handed over and still read)
    with their latest shared version, unread messages, asked withdrawals and consents near their
    end and interpreter needs, in a few queries whatever their number (and on PostgreSQL in
    two round trips, see `db.ask_together`)."""
    from . import access
    return access.caseload.ask(coach).then(
        lambda found: _rows(found, step, status, search.strip().lower(), sort))


def _rows(every, step, status, search, sort):
    found_access = [row for row in every
                    if (not step or row.case.step == step)
                    and (not status or row.case.status == status)
                    and search in row.case.participant.display_name.lower()]
    how = {row.case.participant_id: row for row in found_access}
    cases = [row.case for row in found_access]
    if not cases:
        return []
    ids = [case.participant_id for case in cases]
    latest, unread, (asked, ending), interpreters, rules = ask_together(
        _LATEST_SHARED.ask(ids, finish=lambda rows: {pid: (number, as_datetime(at))
                                                     for pid, number, at in rows}),
        notes.unread_for_coach.ask(ids), agreement.marked.ask(ids),
        referrals.interpreter_needs.ask(ids),
        timerules.for_cases.ask([case for case in cases if case.status != "closed"]))
    today = date.today()
    found = [Row(case, *latest.get(case.participant_id, (0, None)),
                 unread.get(case.participant_id, 0), case.participant_id in asked,
                 case.participant_id in ending,
                 timerules.flags(rules[case.participant_id], case.status)
                 if case.participant_id in rules else [],
                 interpreters.get(case.participant_id), how[case.participant_id], today)
             for case in cases]
    keys = {
        "name": lambda row: row.case.participant.display_name.lower(),
        "step": lambda row: (row.case.step, row.case.participant.display_name.lower()),
        "status": lambda row: (row.case.status, row.case.participant.display_name.lower()),
        "shared": lambda row: (row.shared_at is None, -(row.shared_at or EPOCH).timestamp()),
        "followup": lambda row: (row.next_followup is None, row.next_followup or date.max),
    }
    return sorted(found, key=keys.get(sort, keys["name"]))


def change_step(case, step, status, by, outcome="", outcome_on=None, out_of_work_at_start=None,
                on=None, in_work_since=None, gender=None, birth_year=None, income_at_end=""):
    """Move the case to a step or status, recording who and when. A closed case keeps its
    outcome and the outcome's date (`on`, else today, by default); an open case has none.
    `on` dates a change made before back to that day (noon, so no time zone moves its day).

    "In work, with follow-up" is step 5 as its own state: entering it (on `in_work_since`, today
    by default) is a job start for the statistics. Closing ends the placements, the open leads
    and the next follow-up, and leaves an anonymous row; opening the case again removes it."""
    from . import outcomes
    at = utcnow() if on is None or on == date.today() else datetime.combine(on, time(12))
    with db.atomic():
        was = case.status
        if status == "in_work":
            step = 5
        if step != case.step:
            case.step_started_at = at
        case.step, case.status = step, status
        closed = status == "closed"
        case.outcome = outcome if closed else ""
        case.outcome_on = (outcome_on or on or date.today()) if closed else None
        case.income_at_end = (income_at_end or "") if closed else ""
        if status == "in_work":
            case.in_work_since = in_work_since or (case.in_work_since if was == "in_work"
                                                   else None) or date.today()
        elif not closed:
            case.in_work_since = None
        if out_of_work_at_start is not None:
            case.out_of_work_at_start = out_of_work_at_start
        if gender is not None:
            case.gender = gender
        if birth_year is not None or gender is not None:
            case.birth_year = birth_year
        case.save()
        StepChange.create(case=case, step=step, status=status, changed_by=by, changed_at=at)
        if status == "in_work" and was != "in_work":
            outcomes.job_start(case, case.in_work_since)
        if closed:
            outcomes.close(case, case.outcome_on)
        else:
            outcomes.forget(case)


def add_followup(case, coach, day, kind, with_whom="", note="", next_day=None):
    """Record a follow-up and return it. Without a next date, the next one the plan expects is
    taken."""
    from . import plans
    next_day = next_day or plans.next_expected(case.participant, day)
    with db.atomic():
        followup = FollowUp.create(participant=case.participant, coach=coach, day=day, kind=kind,
                                   with_whom=with_whom, note=note, next_day=next_day)
        case.next_followup = next_day
        case.save(only=[Case.next_followup])
    return followup


def followups(participant):
    return list(FollowUp.select().where(FollowUp.participant == participant)
                .order_by(FollowUp.day.desc(), FollowUp.id.desc()))


def _latest_and_reviewed(participant, reviewed_number):
    newest = ProfileVersion.alias()
    return ProfileVersion.select().where(
        ProfileVersion.participant == participant,
        (ProfileVersion.number == reviewed_number) | (ProfileVersion.number == newest.select(
            fn.MAX(newest.number)).where(newest.participant == participant)))


_VERSIONS = Prepared(_latest_and_reviewed, values=2)
# The spoken answers those versions keep, without their sound, each with its version's number.
_SPOKEN = Prepared(lambda participant, reviewed_number: SharedSpokenAnswer.select(
    *spoken.SHARED_ABOUT, ProfileVersion.number).join(ProfileVersion).where(
    ProfileVersion.id.in_(_latest_and_reviewed(participant, reviewed_number)
                          .select(ProfileVersion.id))), values=2)


@dataclass
class Review:
    latest: ProfileVersion  # None when nothing is shared
    reviewed: ProfileVersion  # the version the coach last marked as read, or None
    changed: set  # keys of the questions whose answer changed between them
    spoken: dict  # the spoken answers the latest version keeps (spoken.of_version)
    record: dict  # the latest version, as sharing.of_version gives it
    earlier: dict  # the answers of the reviewed version


@asking
def review(case):
    """The latest shared version beside the one the coach last read: a question changed when its
    written answer did, or its spoken one (a new recording, or one taken away). Only those two
    versions are read, however many there are, and each once, with their spoken answers."""
    values = (case.participant_id, case.reviewed_version)
    return Ask.all(_VERSIONS.ask(*values), _SPOKEN.ask(*values),
                   then=lambda versions, heard: _review(case, versions, heard))


def _review(case, versions, heard):
    versions = {v.number: v for v in versions}
    latest = versions[max(versions)] if versions else None
    reviewed = versions.get(case.reviewed_version)
    record = sharing.of_version(latest)
    new = record["answers"]
    old = new if reviewed is latest else sharing.of_version(reviewed)["answers"]
    changed = {q.key for q in QUESTIONS if (new.get(q.key) or None) != (old.get(q.key) or None)}
    kept = {}  # version number: the spoken answers it keeps
    for row in heard:
        kept.setdefault(row.version.number, {})[row.question] = row
    heard_new = kept.get(latest.number, {}) if latest else {}
    new_prints = spoken.fingerprints(heard_new)
    old_prints = spoken.fingerprints(kept.get(reviewed.number, {}) if reviewed else {})
    changed |= {key for key in new_prints.keys() | old_prints.keys()
                if new_prints.get(key) != old_prints.get(key)}
    return Review(latest, reviewed, changed if reviewed else set(), heard_new, record, old)


def mark_reviewed(case, number):
    case.reviewed_version = number
    case.save(only=[Case.reviewed_version])


def timeline(case):
    """What happened, newest first: (time, kind, detail) with kind one of
    shared, activity, reflection, followup, step, feedback, reply, internal."""
    events = []
    participant = case.participant
    for version in ProfileVersion.select().where(ProfileVersion.participant == participant):
        events.append((version.shared_at, "shared", version.number))
    for activity in Activity.select().where(Activity.participant == participant):
        events.append((activity.created_at, "activity", activity))
        if activity.reflected_at:
            events.append((activity.reflected_at, "reflection", activity))
    for followup in FollowUp.select().where(FollowUp.participant == participant):
        events.append((followup.created_at, "followup", followup))
    for change in StepChange.select().where(StepChange.case == case):
        events.append((change.changed_at, "step", change))
    for item in Feedback.select().where(Feedback.participant == participant):
        events.append((item.created_at, "reply" if item.reply_to_id else "feedback", item))
    for note in InternalNote.select().where(InternalNote.participant == participant):
        events.append((note.created_at, "internal", note))
    return sorted(events, key=lambda event: event[0], reverse=True)



def followup_corrected(case, followup):
    """When the latest follow-up is corrected, the next one is due as its corrected next date
    says (or as the plan expects), as if it had been written so."""
    from . import plans
    latest = followups(case.participant)[0]
    if latest.id == followup.id:
        case.next_followup = followup.next_day or plans.next_expected(case.participant,
                                                                       followup.day)
        case.save(only=[Case.next_followup])
