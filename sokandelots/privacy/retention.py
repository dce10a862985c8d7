"""Retention: closed cases are erased when they have been closed for the retention time
(RETENTION_MONTHS), and so are referrals declined or withdrawn that long ago. The
`erase-expired` command runs it every night from a timer, and the time of the last run is kept
for the record of processing."""
import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..models import Case, Setting, StepChange, User, utcnow
from ..referrals import records as referrals
from .erasure import erase

# The setting that holds when the erasure of expired cases last ran (UTC, ISO format).
LAST_RUN = "erase_expired_last_run"
# It runs every night: a last run longer ago than this means the timer has stopped.
NIGHTLY = timedelta(days=2)


def months_before(day, months):
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def closed_cases():
    """Every closed case with the day it closed: the outcome's date, or else the day of the
    last step change; None when neither is known."""
    cases = list(Case.select(Case, User).join(User, on=Case.participant)
                 .where(Case.status == "closed").order_by(Case.id))
    last_change = {}
    for change in (StepChange.select(StepChange.case, StepChange.changed_at)
                   .where(StepChange.case.in_([case.id for case in cases]))
                   .order_by(StepChange.changed_at, StepChange.id)):
        last_change[change.case_id] = change.changed_at.date()
    return [(case, case.outcome_on or last_change.get(case.id)) for case in cases]


def expired(cutoff):
    """Closed cases that closed before `cutoff`: (case, closing day)."""
    return [(case, day) for case, day in closed_cases() if day is not None and day < cutoff]


@dataclass(frozen=True)
class Run:
    """What one run of the retention rule found, or erased."""
    cutoff: date
    cases: list  # (case, closing day) of each closed case it erased, or would erase
    undated: int  # closed cases with no closing date, left for an administrator
    referrals: int  # referrals declined or withdrawn before the cutoff


def erase_expired(months, dry_run=False):
    """Erase the participants whose case closed more than `months` months ago, and the
    referrals declined or withdrawn that long ago; with `dry_run`, only find them."""
    cutoff = months_before(date.today(), months)
    found = expired(cutoff)
    if not dry_run:
        for case, _day in found:
            erase(case.participant)
    undated = sum(1 for _case, day in closed_cases() if day is None)
    ended = (referrals.ended_before(cutoff).count() if dry_run
             else referrals.erase_ended_before(cutoff))
    if not dry_run:
        Setting.put(LAST_RUN, utcnow().isoformat(timespec="seconds"))
    return Run(cutoff, found, undated, ended)


def last_run():
    """When the erasure of expired cases last ran (UTC), or None when it never has."""
    value = Setting.value_of(LAST_RUN)
    return datetime.fromisoformat(value) if value else None


def stopped(last, now=None):
    """Whether the nightly run has stopped: it never ran, or not within NIGHTLY."""
    return last is None or (now or utcnow()) - last > NIGHTLY
