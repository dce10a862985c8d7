"""The unit's outcome figures for a period, as IPS programmes report them.

Every figure is computed for the days `start`..`end` (both included). The rules are plain
functions, so tests can call them without a request; `compute` gathers them all in a handful
of queries, however many cases there are.

The figures stay the same when a participant is erased: the day-by-day figures count the live
records and the ErasedSpans an erasure leaves (outcomes.keep); the breakdowns count anonymous
OutcomeRows by month.
"""
import calendar
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from peewee import fn

from .catalogues import (AGE_BANDS, COMMISSIONERS, GENDERS, INCOME_AT_END, INCOME_SOURCES,
                         JOB_START_HOURS, OUTCOMES, PAID_TERMS, REFERRAL_STATUSES, STEPS,
                         SUPPORT_NEEDS, TARGET_GROUPS)
from .db import as_date, as_datetime
from .models import (Case, EmployerEvent, ErasedSpan, OutcomeRow, Placement, PlanVersion, Referral,
                     StepChange, User)
from .timerules import EARLY_DAYS, FOLLOWUP_MONTHS

RETENTION_DAYS = 90
FEWEST = 5  # a figure about fewer people than this is not shown (see `shown`)
SIUS_GOAL = 9  # SIUS: each consultant brings 9 people into work a year


@dataclass(frozen=True)
class JobStart:
    """A placement whose latest plan is paid work with enough hours, from the plan's start."""

    placement: int
    participant: int
    start_on: date
    ended_on: date | None


@dataclass(frozen=True)
class CoachContacts:
    coach: int
    name: str
    username: str
    contacts: int
    per_week: float


@dataclass
class Figures:
    start: date
    end: date
    today: date
    employment: tuple  # (with a job start, out of work at the start)
    job_starts: int
    retention: tuple  # (kept the job 90 days, job starts old enough to tell)
    contacts: list  # CoachContacts, by name
    contacts_average: float | None
    per_step: dict  # step -> active cases in it now
    median_days: dict  # step -> median days of the stays that ended in the period, or None
    by_quarter: Counter  # ("2026 Q1", outcome) -> closed cases
    by_commissioner: Counter  # (commissioner, outcome) -> closed cases
    by_gender: Counter  # (gender or "", outcome) -> closed cases
    by_age_band: Counter  # (age band or "", outcome) -> closed cases
    by_coach: Counter  # (coach id or None, outcome) -> closed cases
    by_target_group: Counter  # a case with several target groups counts in each
    by_support_need: Counter
    by_income_at_start: Counter
    by_income_at_end: Counter
    referrals: Counter  # (support need or "", status) -> referrals that came in the period
    job_starts_per_coach: Counter  # coach id or None -> job starts (in work with follow-up)
    sius_goal: float  # SIUS's goal per coach for the months of the period
    fidelity: dict  # time rule -> (kept, base), see `fidelity`
    coach_names: dict  # coach id -> name

    @property
    def employment_percent(self):
        return percent(*self.employment)

    @property
    def retention_percent(self):
        return percent(*self.retention)


def compute(start, end, today=None):
    """Every figure for the period."""
    today = today or date.today()
    starts = job_starts(end)
    rows = outcome_rows(start, end)
    closed = [row for row in rows if row.kind == OutcomeRow.CLOSED]
    begun = [row for row in rows if row.kind == OutcomeRow.JOB_START]
    contacts = employer_contacts(start, end)
    return Figures(
        start=start, end=end, today=today,
        employment=employment_rate(start, end, starts),
        job_starts=sum(1 for job in starts if start <= job.start_on <= end),
        retention=retention(start, end, today, starts),
        contacts=contacts,
        contacts_average=contacts_average(start, end, contacts),
        per_step=participants_per_step(),
        median_days=median_days_in_step(start, end),
        by_quarter=by(closed, lambda row: quarter(date(row.year, row.month, 1))),
        by_commissioner=by(closed, lambda row: row.commissioner),
        by_gender=by(closed, lambda row: row.gender),
        by_age_band=by(closed, lambda row: row.age_band),
        by_coach=by(closed, lambda row: row.coach_id),
        by_target_group=by_each(closed, lambda row: row.target_groups.split(",")),
        by_support_need=by(closed, lambda row: row.support_need),
        by_income_at_start=by(closed, lambda row: row.income_at_start),
        by_income_at_end=by(closed, lambda row: row.income_at_end),
        referrals=referrals(start, end, rows),
        job_starts_per_coach=Counter(row.coach_id for row in begun),
        sius_goal=one_decimal(Decimal(SIUS_GOAL * months_in(start, end)) / 12),
        fidelity=fidelity(closed),
        coach_names=dict(User.select(User.id, User.display_name)
                         .where(User.role == User.COACH).tuples()),
    )


def percent(part, whole):
    """`part` of `whole` in per cent with one decimal, or None when `whole` is 0."""
    return one_decimal(Decimal(100 * part) / Decimal(whole)) if whole else None


def one_decimal(value):
    """Rounded half up to one decimal, so 2.25 is 2.3 as people round by hand."""
    return float(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def days_in(start, end):
    return (end - start).days + 1


def last_moment(day):
    return datetime.combine(day, time.max)


def quarter(day):
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def job_starts(until, participant=None):
    """Every job start on or before `until` (of one participant, if given), in two queries:
    placements whose latest plan version (the highest number) has paid terms and at least
    JOB_START_HOURS paid hours a week, and the job starts of erased cases."""
    latest = (PlanVersion.select(PlanVersion.placement, fn.MAX(PlanVersion.number).alias("top"))
              .group_by(PlanVersion.placement).alias("latest"))
    query = (PlanVersion
             .select(Placement.id, Placement.participant, PlanVersion.start_on, Placement.ended_on)
             .join(latest, on=((PlanVersion.placement == latest.c.placement_id)
                               & (PlanVersion.number == latest.c.top)))
             .switch(PlanVersion).join(Placement)
             .where(PlanVersion.terms.in_(PAID_TERMS), PlanVersion.paid_hours >= JOB_START_HOURS,
                    PlanVersion.start_on <= until)
             .tuples())
    if participant is not None:
        return [JobStart(*row[:2], as_date(row[2]), as_date(row[3]))
                for row in query.where(Placement.participant == participant)]
    erased = (ErasedSpan.select(ErasedSpan.first_day, ErasedSpan.last_day)
              .where(ErasedSpan.kind == ErasedSpan.JOB, ErasedSpan.first_day <= until).tuples())
    return ([JobStart(*row[:2], as_date(row[2]), as_date(row[3])) for row in query]
            + [JobStart(None, None, as_date(first), as_date(last)) for first, last in erased])


def employment_rate(start, end, starts):
    """(with a job start on or before `end`, base): the base is every case that was out of work
    when it started and open at some time in the period."""
    base = (Case.select(Case.participant)
            .where(Case.out_of_work_at_start == True,  # noqa: E712
                   Case.created_at <= last_moment(end),
                   # Written out in full: a closed case without a date stays in the base.
                   (Case.status != "closed") | Case.outcome_on.is_null()
                   | (Case.outcome_on >= start))
            .tuples())
    participants = [participant for participant, in base]
    working = {job.participant for job in starts if job.start_on <= end}
    erased = list(ErasedSpan.select(ErasedSpan.first_job_on)
                  .where(ErasedSpan.kind == ErasedSpan.CASE,
                         ErasedSpan.out_of_work_at_start == True,  # noqa: E712
                         ErasedSpan.first_day <= end,
                         ErasedSpan.last_day.is_null() | (ErasedSpan.last_day >= start))
                  .tuples())
    with_job = (sum(1 for participant in participants if participant in working)
                + sum(1 for first_job_on, in erased
                      if first_job_on is not None and as_date(first_job_on) <= end))
    return with_job, len(participants) + len(erased)


def retention(start, end, today, starts):
    """(kept, base): job starts in the period that are at least 90 days old by the end of the
    period (or today, if sooner), and how many of them had not ended before day 90."""
    horizon = min(end, today)
    old_enough = [job for job in starts if start <= job.start_on <= end
                  and job.start_on + timedelta(days=RETENTION_DAYS) <= horizon]
    kept = [job for job in old_enough if job.ended_on is None
            or job.ended_on >= job.start_on + timedelta(days=RETENTION_DAYS)]
    return len(kept), len(old_enough)


def employer_contacts(start, end):
    """Employer contacts per active coach in the period, and per week, by the coach's name."""
    coaches = list(User.select(User.id, User.display_name, User.username)
                   .where(User.role == User.COACH, User.is_active == True)  # noqa: E712
                   .order_by(User.display_name, User.id))
    counts = dict(EmployerEvent.select(EmployerEvent.coach, fn.COUNT(EmployerEvent.id))
                  .where(EmployerEvent.day.between(start, end),
                         EmployerEvent.coach.in_([coach.id for coach in coaches]))
                  .group_by(EmployerEvent.coach).tuples()) if coaches else {}
    days = days_in(start, end)
    return [CoachContacts(coach.id, coach.display_name, coach.username, counts.get(coach.id, 0),
                          one_decimal(Decimal(7 * counts.get(coach.id, 0)) / Decimal(days)))
            for coach in coaches]


def contacts_average(start, end, contacts):
    """The unit's average contacts per coach per week, or None without coaches."""
    if not contacts:
        return None
    total = sum(row.contacts for row in contacts)
    return one_decimal(Decimal(7 * total) / Decimal(days_in(start, end) * len(contacts)))


def participants_per_step():
    """Active cases in each step now (in work with follow-up is step 5), every step listed."""
    counts = dict(Case.select(Case.step, fn.COUNT(Case.id))
                  .where(Case.status.in_(("active", "in_work")))
                  .group_by(Case.step).tuples())
    return {step: counts.get(step, 0) for step in STEPS}


def stays(created_at, changes):
    """A case's finished stays in a step, as (step, entered, left).

    The case enters step 1 when it is created. A change to another step ends the stay and
    starts one in the new step; closing the case ends the stay; a closed case that is opened
    again starts a new stay in the step it is opened in. Changes of status only (paused, active
    again) do not end a stay."""
    finished = []
    current = (1, created_at)
    for step, status, changed_at in changes:
        if current is None:
            if status != "closed":
                current = (step, changed_at)
        elif status == "closed":
            finished.append((current[0], current[1], changed_at))
            current = None
        elif step != current[0]:
            finished.append((current[0], current[1], changed_at))
            current = (step, changed_at)
    return finished


def median_days_in_step(start, end):
    """Per step, the median length in whole days of the stays that ended in the period."""
    until = last_moment(end)
    created = {case_id: as_datetime(at) for case_id, at in
               Case.select(Case.id, Case.created_at).where(Case.created_at <= until).tuples()}
    changes = defaultdict(list)
    for case_id, step, status, at in (
            StepChange.select(StepChange.case, StepChange.step, StepChange.status,
                              StepChange.changed_at)
            .where(StepChange.changed_at <= until)
            .order_by(StepChange.case, StepChange.changed_at, StepChange.id).tuples()):
        changes[case_id].append((step, status, as_datetime(at)))
    lengths = defaultdict(list)
    for case_id, created_at in created.items():
        for step, entered, left in stays(created_at, changes[case_id]):
            if start <= left.date() <= end:
                lengths[step].append((left.date() - entered.date()).days)
    for step, entered, left in (ErasedSpan.select(ErasedSpan.step, ErasedSpan.first_day,
                                                  ErasedSpan.last_day)
                                .where(ErasedSpan.kind == ErasedSpan.STAY,
                                       ErasedSpan.last_day.between(start, end)).tuples()):
        lengths[step].append((as_date(left) - as_date(entered)).days)
    return {step: float(statistics.median(lengths[step])) if lengths[step] else None
            for step in STEPS}


def months_in(start, end):
    """The months the period touches: 15 January to 2 March is 3."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def outcome_rows(start, end):
    """The anonymous rows of the months the period touches. They are kept by month only, so
    figures from them count whole months."""
    first, last = start.year * 12 + start.month, end.year * 12 + end.month
    return list(OutcomeRow.select().where((OutcomeRow.year * 12 + OutcomeRow.month)
                                          .between(first, last)))


def outcome_of(row):
    """A row's outcome; one not in the catalogue counts as "other"."""
    return row.outcome if row.outcome in OUTCOMES else "other"


def by(rows, group):
    """(group, outcome) -> closed cases."""
    return Counter((group(row), outcome_of(row)) for row in rows)


def by_each(rows, groups):
    """As `by`, for rows in several groups at once; a row in none counts in the group ""."""
    return Counter((group, outcome_of(row)) for row in rows
                   for group in ([key for key in groups(row) if key] or [""]))


def referrals(start, end, rows):
    """(support need or "", status) -> referrals that came in the months the period touches:
    those kept and the erased ones' anonymous rows. Shows whether people with the largest
    needs are screened out before their support starts."""
    first = start.replace(day=1)
    last = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    kept = Counter(Referral.select(Referral.support_need, Referral.status)
                   .where(Referral.received_on.between(first, last)).tuples())
    erased = Counter((row.support_need, row.outcome) for row in rows
                     if row.kind == OutcomeRow.REFERRAL)
    return kept + erased


def fidelity(closed):
    """The method's time rules over the cases closed in the period, each as (kept, base):
    first employer contact and benefits counselling within a month of the start (of the cases
    where it happened), and follow-up in work of at least 12 and at most 24 months (of the
    cases that were in work with follow-up)."""
    def count(values, rule):
        known = [value for value in values if value is not None]
        return sum(1 for value in known if rule(value)), len(known)

    followed = [row.followup_months for row in closed]
    return {
        "contact": count([row.days_to_employer_contact for row in closed],
                         lambda days: days <= EARLY_DAYS),
        "benefits": count([row.days_to_benefits_counselling for row in closed],
                          lambda days: days <= EARLY_DAYS),
        "followup_12": count(followed, lambda months: months >= FOLLOWUP_MONTHS[0]),
        "followup_24": count(followed, lambda months: months <= FOLLOWUP_MONTHS[1]),
    }


def shown(count):
    """A count of people as it may be shown: fewer than FEWEST (but some) is "<5"."""
    return f"<{FEWEST}" if 0 < count < FEWEST else count


def csv_rows(figures):
    """(figure, group, value) for every figure; an empty value where there is nothing to count."""
    def value(number):
        return "" if number is None else number

    yield "employment_rate_percent", "", value(figures.employment_percent)
    yield "employment_with_job", "", figures.employment[0]
    yield "employment_base", "", figures.employment[1]
    yield "job_starts", "", figures.job_starts
    yield "retention_90_percent", "", value(figures.retention_percent)
    yield "retention_90_kept", "", figures.retention[0]
    yield "retention_90_base", "", figures.retention[1]
    for row in figures.contacts:
        yield "employer_contacts", row.username, row.contacts
        yield "employer_contacts_per_week", row.username, row.per_week
    yield "employer_contacts_per_week", "unit_average", value(figures.contacts_average)
    for step, count in figures.per_step.items():
        yield "participants_in_step", step, count
    for step, days in figures.median_days.items():
        yield "median_days_in_step", step, value(days)
    tables = (("outcomes_per_quarter", figures.by_quarter, ()),
              ("outcomes_per_commissioner", figures.by_commissioner, COMMISSIONERS),
              ("outcomes_per_gender", figures.by_gender, GENDERS),
              ("outcomes_per_age_band", figures.by_age_band, AGE_BANDS),
              ("outcomes_per_coach", Counter({(coach_key(figures, coach), outcome): count
                                              for (coach, outcome), count
                                              in figures.by_coach.items()}), ()),
              ("outcomes_per_target_group", figures.by_target_group, TARGET_GROUPS),
              ("outcomes_per_support_need", figures.by_support_need, SUPPORT_NEEDS),
              ("outcomes_per_income_at_start", figures.by_income_at_start, INCOME_SOURCES),
              ("outcomes_per_income_at_end", figures.by_income_at_end, INCOME_AT_END))
    for figure, counter, catalogue in tables:
        for (group, outcome), count in sorted(
                counter.items(), key=lambda item: in_catalogue_order(item, catalogue)):
            yield figure, f"{group}/{outcome}", shown(count)
    for coach, count in sorted(figures.job_starts_per_coach.items(),
                               key=lambda item: coach_key(figures, item[0])):
        yield "job_starts_per_coach", coach_key(figures, coach), shown(count)
    for (need, status), count in sorted(figures.referrals.items(), key=referral_order):
        yield "referrals_per_support_need", f"{need}/{status}", shown(count)
    yield "sius_goal_per_coach", "", figures.sius_goal
    for rule, (kept, base) in figures.fidelity.items():
        yield f"fidelity_{rule}_kept", "", shown(kept)
        yield f"fidelity_{rule}_base", "", shown(base)


def coach_key(figures, coach):
    """A coach as the CSV names them: by id, which says nothing about a participant."""
    return f"coach_{coach}" if coach else "no_coach"


def in_catalogue_order(item, catalogue=COMMISSIONERS):
    """Sort key for ((group, outcome), count): groups as the catalogue lists them (other
    groups, such as quarters, by name, and "not recorded" last), then outcomes as the catalogue
    lists them."""
    (group, outcome), _ = item
    order = list(catalogue)
    return (order.index(group) if group in order else len(order), group,
            list(OUTCOMES).index(outcome))


def referral_order(item):
    """Sort key for ((support need, status), count): in the catalogues' order."""
    (need, status), _ = item
    needs, statuses = list(SUPPORT_NEEDS), list(REFERRAL_STATUSES)
    return (needs.index(need) if need in needs else len(needs),
            statuses.index(status) if status in statuses else len(statuses))
