"""Rules for attendance (närvaro): days marked by the participant or the coach, confirmed by
the coach, and the monthly totals the commissioner gets."""
import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import format_decimal

from .catalogues import ATTENDANCE
from .db import db
from .models import Attendance, utcnow
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


def days(placement, first, last):
    """The marked days of a placement between two dates, by date."""
    return {row.day: row for row in Attendance.select().where(
        Attendance.placement == placement, Attendance.day.between(first, last))}


def form_data(marked):
    """The marked days as form data for `forms.attendance_form`, hours written the local way."""
    data = {}
    for day, row in marked.items():
        data[f"status_{day:%Y%m%d}"] = row.status
        data[f"hours_{day:%Y%m%d}"] = format_decimal(Decimal(row.hours), "0.#")
    return data


def mark(placement, day, status, hours, by, confirm=False):
    """Mark one day; a participant cannot change a day their coach has confirmed.
    A coach's mark is confirmed at once. An empty status removes an unconfirmed mark
    (or any mark, for the coach). Returns False when the day could not be changed."""
    row = Attendance.get_or_none(Attendance.placement == placement, Attendance.day == day)
    if row is not None and row.confirmed_at and not confirm:
        return False
    if not status:
        if row is not None:
            row.delete_instance()
        return True
    row = row or Attendance(placement=placement, day=day)
    row.status, row.hours, row.marked_by = status, Decimal(hours or 0), by
    row.confirmed_by, row.confirmed_at = (by, utcnow()) if confirm else (None, None)
    row.save()
    return True


def mark_many(placement, marks, by, confirm=False):
    """Mark several days at once: `marks` maps a date to (status, hours). Returns the dates
    that were left as they were because the coach had confirmed them."""
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


def totals(rows):
    """Days and hours of each kind, and how many days the coach has not confirmed yet."""
    found = Totals()
    for row in rows:
        found.days[row.status] += 1
        found.hours[row.status] += Decimal(row.hours or 0)
        found.unconfirmed += not row.confirmed_at
    return found
