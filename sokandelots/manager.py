"""The unit manager's page (enhetschef): every coach's caseload as figures, never a record.

The manager reads counts only: how many open cases each coach has, how many of them have an
overdue follow-up, how many meetings they have booked this week, and how many cases break each
of the method's time rules (timerules.flags). The
statistics (admin/statistics.py) are open to the manager too. Accounts, erasure and every
participant's record stay with the administrator and the coaches.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, render_template

from peewee import fn

from . import meetings, timerules
from .models import Case, Meeting, User
from .security import role_required

bp = Blueprint("manager", __name__, url_prefix="/manager")


@dataclass
class CoachFigures:
    coach: User
    cases: int = 0
    overdue: int = 0
    meetings: int = 0  # booked this week (Monday to Sunday), not cancelled
    flags: Counter = field(default_factory=Counter)  # timerules.flags key -> cases


def overview(today=None):
    """CoachFigures for every active coach (and any other coach with open cases), by name."""
    today = today or date.today()
    found = {coach.id: CoachFigures(coach) for coach in
             User.select().where(User.role == User.COACH, User.is_active)}
    cases = list(Case.select().where(Case.status != "closed"))
    rules = timerules.for_cases(cases, today)
    for case in cases:
        figures = found.setdefault(case.coach_id, CoachFigures(case.coach))
        figures.cases += 1
        figures.overdue += bool(case.next_followup and case.next_followup < today)
        figures.flags.update(timerules.flags(rules[case.participant_id], case.status))
    week = meetings.week_of(today)
    start, end = meetings.local_day_bounds(week[0], week[-1])
    for coach_id, count in (Meeting.select(Meeting.coach, fn.COUNT(Meeting.id))
                            .where(Meeting.starts_at >= start, Meeting.starts_at < end,
                                   Meeting.cancelled_at.is_null(), Meeting.coach.in_(list(found)))
                            .group_by(Meeting.coach).tuples()):
        found[coach_id].meetings = count
    return sorted(found.values(), key=lambda row: row.coach.display_name.lower())


@bp.route("/")
@role_required(User.MANAGER)
def caseloads():
    """Each coach's caseload size, overdue follow-ups and broken time rules, as counts."""
    from .coach import TIME_FLAGS
    rows = overview()
    return render_template("manager/caseloads.html", rows=rows, time_flags=TIME_FLAGS,
                           totals=CoachFigures(None, sum(row.cases for row in rows),
                                               sum(row.overdue for row in rows),
                                               sum(row.meetings for row in rows),
                                               sum((row.flags for row in rows), Counter())))
