"""Rules for attendance (närvaro): days marked by the participant or the coach, confirmed by
the coach, and the monthly totals the commissioner gets."""
import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import format_date, format_decimal
from peewee import JOIN

from . import plans
from .catalogues import ATTENDANCE
from .db import db
from .i18n import lazy_gettext as _l
from .models import Attendance, Employer, Placement, User, utcnow
from .profile.catalogue import Option

# The icon beside each kind of day: a picture and a word, never colour alone.
PICTURES = {"present": "check", "absent": "no-entry", "sick": "sick", "leave": "palm-tree"}
OPTIONS = [Option(key, label, PICTURES[key]) for key, label in ATTENDANCE.items()]


def week_of(day):
    """The seven days from the Monday of `day`'s week."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def month_days(year, month):
    return [date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1)]


# Years a week or month in an address may have: the pages link to the week or month beside
# it, which does not exist at the ends of the calendar.
YEARS = range(1900, 2200)


def parse_month(text, today=None):
    """A month written as YYYY-MM; this month when it is missing or not a month."""
    today = today or date.today()
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        if year in YEARS:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def parse_day(text, today=None):
    """A day written as YYYY-MM-DD; today when it is missing or not a day."""
    try:
        day = date.fromisoformat(text or "")
        if day.year in YEARS:
            return day
    except ValueError:
        pass
    return today or date.today()


# Why a day cannot be marked: (the participant's words, the coach's words).
REFUSALS = {
    "before": (_l("Your work here starts on %(day)s. You cannot fill in a day before that."),
               _l("The placement starts on %(day)s. This day is before it.")),
    "after": (_l("Your work here ended on %(day)s. You cannot fill in a day after that."),
              _l("The placement ended on %(day)s. This day is after it.")),
    "future": (_l("You cannot fill in a day that has not come yet."),
               _l("This day has not come yet.")),
}


@dataclass(frozen=True)
class Window:
    """The days of a placement that can be marked and are counted: from the plan's start to
    today, and not after the day the placement ended (or else the plan's end), when known."""
    today: date
    start: date = None
    end: date = None

    def refusal(self, day):
        """Why `day` cannot be marked ("before", "after" or "future"); None when it can."""
        if self.start and day < self.start:
            return "before"
        if self.end and day > self.end:
            return "after"
        if day > self.today:
            return "future"
        return None

    def message(self, day, coach=False):
        """The refusal in words for the participant or the coach; None when the day is open."""
        reason = self.refusal(day)
        if reason is None:
            return None
        limit = {"before": self.start, "after": self.end}.get(reason)
        text = REFUSALS[reason][1 if coach else 0]
        return text % {"day": format_date(limit, "long")} if limit else str(text)


def window(placement, today=None):
    """The placement's Window, from its latest plan and the day it ended."""
    plan = placement.plan if hasattr(placement, "plan") else plans.version(placement)
    return Window(today or date.today(), start=plan.start_on if plan else None,
                  end=placement.ended_on or (plan.end_on if plan else None))


def closed(window, days, coach=False):
    """The days that cannot be marked, with why: {date: message}."""
    return {day: window.message(day, coach) for day in days if window.refusal(day)}


def counted(window, marked):
    """The marked days that count: those inside the window."""
    return {day: row for day, row in marked.items() if not window.refusal(day)}


def days(placement, first, last):
    """The marked days of a placement between two dates, by date, each with who marked it and
    who confirmed it (in the same query)."""
    marker, confirmer = User.alias(), User.alias()
    query = (Attendance.select(Attendance, marker, confirmer)
             .join(marker, JOIN.LEFT_OUTER, on=(Attendance.marked_by == marker.id).alias("marked_by"))
             .switch(Attendance)
             .join(confirmer, JOIN.LEFT_OUTER,
                   on=(Attendance.confirmed_by == confirmer.id).alias("confirmed_by"))
             .where(Attendance.placement == placement, Attendance.day.between(first, last)))
    return {row.day: row for row in query}


def form_data(marked):
    """The marked days as form data for `forms.attendance_form`, hours written the local way."""
    data = {}
    for day, row in marked.items():
        data[f"status_{day:%Y%m%d}"] = row.status
        data[f"hours_{day:%Y%m%d}"] = format_decimal(Decimal(row.hours), "0.#")
    return data


def mark(placement, day, status, hours, by, confirm=False):
    """Mark one day; a participant cannot change a day their coach has confirmed.
    A coach's mark is confirmed at once; confirming a day as it was keeps who marked it.
    An empty status removes an unconfirmed mark (or any mark, for the coach).
    Returns False when the day could not be changed."""
    row = Attendance.get_or_none(Attendance.placement == placement, Attendance.day == day)
    if row is not None and row.confirmed_at and not confirm:
        return False
    if not status:
        if row is not None:
            row.delete_instance()
        return True
    hours = Decimal(hours or 0)
    if row is not None and (row.status, Decimal(row.hours)) == (status, hours):
        if confirm and not row.confirmed_at:
            row.confirmed_by, row.confirmed_at = by, utcnow()
            row.save(only=[Attendance.confirmed_by, Attendance.confirmed_at])
        return True
    row = row or Attendance(placement=placement, day=day)
    row.status, row.hours, row.marked_by = status, hours, by
    row.confirmed_by, row.confirmed_at = (by, utcnow()) if confirm else (None, None)
    row.save()
    return True


def mark_many(placement, marks, by, confirm=False, today=None):
    """Mark several days at once: `marks` maps a date to (status, hours). Returns the dates
    that were left as they were because the coach had confirmed them. A day outside the
    placement's window can only be cleared; the forms refuse it before this is called."""
    open_days = window(placement, today)
    refused = [day for day, (status, _hours) in marks.items() if status and open_days.refusal(day)]
    if refused:
        raise ValueError(f"Days outside the placement cannot be marked: {refused}")
    with db.atomic():
        return [day for day, (status, hours) in sorted(marks.items())
                if not mark(placement, day, status, hours, by, confirm)]


@dataclass
class Totals:
    days: dict = field(default_factory=lambda: {key: 0 for key in ATTENDANCE})
    hours: dict = field(default_factory=lambda: {key: Decimal(0) for key in ATTENDANCE})
    unconfirmed: int = 0

    @property
    def marked(self):
        return sum(self.days.values())


def totals(window, rows):
    """Days and hours of each kind, and how many days the coach has not confirmed yet; days
    outside the window (not come yet, before the start, after the end) never count."""
    found = Totals()
    for row in rows:
        if window.refusal(row.day):
            continue
        found.days[row.status] += 1
        found.hours[row.status] += Decimal(row.hours or 0)
        found.unconfirmed += not row.confirmed_at
    return found


# Days the commissioner must hear about promptly (for instance for activity support).
ABSENCES = ("absent", "sick")


def needs_notice(row):
    """Whether a marked day is an absence the commissioner has not been told about yet."""
    return row.status in ABSENCES and row.notified_on is None


@dataclass(frozen=True)
class ReportDay:
    day: date
    planned: Decimal = None  # hours the plan expects that day; None when none
    row: object = None  # the marked day, if any


def report_days(window, days, marked, planned):
    """The days the monthly report lists: inside the window, and marked or planned.
    `planned` is the plan's hours for each weekday, Monday first (plans.planned)."""
    found = []
    for day in days:
        hours, row = planned[day.weekday()], marked.get(day)
        if not window.refusal(day) and (row is not None or hours):
            found.append(ReportDay(day, hours, row))
    return found


def unnotified(participant):
    """The participant's absences not yet told to the commissioner, oldest first, each with
    its placement's employer."""
    return list(Attendance.select(Attendance, Placement, Employer).join(Placement).join(Employer)
                .where(Placement.participant == participant, Attendance.status.in_(ABSENCES),
                       Attendance.notified_on.is_null())
                .order_by(Attendance.day, Attendance.id))


def mark_notified(rows, day):
    """Record that the commissioner was told about these absences on `day`."""
    ids = [row.id for row in rows]
    if ids:
        Attendance.update(notified_on=day).where(Attendance.id.in_(ids)).execute()
