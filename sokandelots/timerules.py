"""The method's time rules (IPS and SIUS), as plain functions on dates, and as the figures and
badges of one case or a whole caseload.

- IPS: the job search starts early, within one month: days from the start of the case to the
  first employer contact (the first job-search lead).
- IPS: benefits counselling comes early: within the same month.
- SIUS: an introduction at work of at most six months, then follow-up of at least 12 and up to
  24 months, in step 5 ("in work, with follow-up").
"""
import calendar
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import fn

from .db import Ask, Prepared, as_date, asking, id_list
from .models import BenefitsCounselling, Lead, Placement, PlanVersion

EARLY_DAYS = 30  # IPS: within one month
INTRODUCTION_MONTHS = 6
FOLLOWUP_MONTHS = (12, 24)
OPEN = ("active", "in_work", "paused")


def add_months(day, months):
    """The same day `months` months later (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def whole_months(start, end):
    """Whole months from `start` to `end`: 15 March to 14 April is 0, to 15 April is 1."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


@dataclass(frozen=True)
class Early:
    """Something IPS wants within a month of the start: done on `done` (or not yet)."""

    started: date
    done: date | None
    today: date

    @property
    def days(self):
        """Days from the start to when it was done, or so far when it is not done."""
        return ((self.done or self.today) - self.started).days

    @property
    def late(self):
        return self.days > EARLY_DAYS


@dataclass(frozen=True)
class Introduction:
    """A placement's introduction: from the plan's start until the person is in work with
    follow-up, the placement ends, the plan's end date, or today, whichever tells first."""

    placement: object
    start: date
    end: date
    ongoing: bool

    @property
    def months(self):
        return whole_months(self.start, self.end)

    @property
    def too_long(self):
        return self.end > add_months(self.start, INTRODUCTION_MONTHS)


def introduction(placement, start_on, planned_end, ended_on, in_work_since, today):
    """The introduction of one placement (see Introduction)."""
    for end in (ended_on, in_work_since if in_work_since and in_work_since >= start_on else None):
        if end:
            return Introduction(placement, start_on, end, False)
    return Introduction(placement, start_on, planned_end or today, planned_end is None
                        or planned_end >= today)


@dataclass(frozen=True)
class FollowUpPeriod:
    """Follow-up in work from `since` until `until` (today while the case is open)."""

    since: date
    until: date

    @property
    def months(self):
        return whole_months(self.since, self.until)

    @property
    def at_least_until(self):
        return add_months(self.since, FOLLOWUP_MONTHS[0])

    @property
    def at_most_until(self):
        return add_months(self.since, FOLLOWUP_MONTHS[1])

    @property
    def too_short(self):
        return self.until < self.at_least_until

    @property
    def too_long(self):
        return self.until > self.at_most_until


@dataclass
class CaseRules:
    contact: Early
    benefits: Early
    introductions: list = field(default_factory=list)
    followup: FollowUpPeriod | None = None


def flags(rules, status="active"):
    """Keys of the rules broken now: contact, benefits, introduction, followup."""
    if status not in OPEN:
        return []
    found = []
    if rules.contact.done is None and rules.contact.late:
        found.append("contact")
    if rules.benefits.done is None and rules.benefits.late:
        found.append("benefits")
    if any(item.ongoing and item.too_long for item in rules.introductions):
        found.append("introduction")
    if rules.followup and rules.followup.too_long:
        found.append("followup")
    return found


def day_of(value):
    """A date from a date, a time or the text an aggregate gives back; None stays None."""
    value = as_date(value)
    return value.date() if isinstance(value, datetime) else value


def started(case):
    return day_of(case.created_at)


_LEADS = Prepared(lambda ids: Lead.select(Lead.participant, Lead.day, Lead.updated_at)
                  .where(Lead.participant.in_(id_list(ids))).tuples(), lists=(0,))


@asking
def first_contacts(participant_ids):
    """{participant: the day of their first job-search lead}. A lead without a day counts from
    when it was last changed."""
    return _LEADS.ask(participant_ids, finish=_first_contacts)


def _first_contacts(rows):
    found = {}
    for participant, day, changed in rows:
        day = day_of(day) or day_of(changed)
        if participant not in found or day < found[participant]:
            found[participant] = day
    return found


_FIRST_COUNSELLING = Prepared(lambda ids: BenefitsCounselling.select(
    BenefitsCounselling.participant, fn.MIN(BenefitsCounselling.day))
    .where(BenefitsCounselling.participant.in_(id_list(ids)))
    .group_by(BenefitsCounselling.participant).tuples(), lists=(0,))


@asking
def first_counselling(participant_ids):
    """{participant: the day of their first benefits counselling}."""
    return _FIRST_COUNSELLING.ask(participant_ids, finish=lambda rows: {
        participant: as_date(day) for participant, day in rows})


def _latest_plans(ids):
    latest = (PlanVersion.select(PlanVersion.placement, fn.MAX(PlanVersion.number).alias("top"))
              .group_by(PlanVersion.placement).alias("latest"))
    return (PlanVersion
            .select(Placement.id, Placement.participant, PlanVersion.start_on, PlanVersion.end_on,
                    Placement.ended_on)
            .join(latest, on=((PlanVersion.placement == latest.c.placement_id)
                              & (PlanVersion.number == latest.c.top)))
            .switch(PlanVersion).join(Placement)
            .where(Placement.participant.in_(id_list(ids))).tuples())


_LATEST_PLANS = Prepared(_latest_plans, lists=(0,))


@asking
def introductions(participant_ids, in_work_since, today):
    """{participant: [Introduction]} of every placement with a plan, from its latest version."""
    return _LATEST_PLANS.ask(participant_ids,
                             finish=lambda rows: _introductions(rows, in_work_since, today))


def _introductions(rows, in_work_since, today):
    found = {}
    for placement, participant, start_on, end_on, ended_on in rows:
        found.setdefault(participant, []).append(introduction(
            placement, as_date(start_on), as_date(end_on), as_date(ended_on),
            in_work_since.get(participant), today))
    return found


def followup_period(case, today):
    if not case.in_work_since:
        return None
    until = (case.outcome_on or today) if case.status == "closed" else today
    return FollowUpPeriod(as_date(case.in_work_since), as_date(until))


@asking
def for_cases(cases, today=None):
    """{participant: CaseRules} for many cases, in three queries whatever their number."""
    today = today or date.today()
    ids = [case.participant_id for case in cases]
    return Ask.all(first_contacts.ask(ids), first_counselling.ask(ids),
                   introductions.ask(ids, {case.participant_id: as_date(case.in_work_since)
                                           for case in cases if case.in_work_since}, today),
                   then=lambda *found: _for_cases(cases, today, *found))


def _for_cases(cases, today, contacts, counselled, intros):
    return {case.participant_id: CaseRules(
        Early(started(case), contacts.get(case.participant_id), today),
        Early(started(case), counselled.get(case.participant_id), today),
        sorted(intros.get(case.participant_id, []), key=lambda item: item.start),
        followup_period(case, today)) for case in cases}


def for_case(case, today=None):
    return for_cases([case], today)[case.participant_id]


def counselling(participant):
    return list(BenefitsCounselling.select().where(BenefitsCounselling.participant == participant)
                .order_by(BenefitsCounselling.day.desc(), BenefitsCounselling.id.desc()))


def add_counselling(participant, coach, day, note=""):
    return BenefitsCounselling.create(participant=participant, coach=coach, day=day, note=note)

