"""The daily mail, queued each morning by a timer before `send-outbox`: the coach's morning
e-mail with today's meetings and what is overdue, for coaches who asked for it
(`flask --app app queue-morning-mail`), and the participants' reminders of tomorrow's meetings
(`flask --app app queue-reminders`).

Each part of the morning e-mail is a function in PARTS: (coach, today) -> (heading, [lines]),
or None when it has nothing to say. Lines name a participant by first name only."""

from flask_babel import force_locale, format_time

from . import caseload, i18n, meetings, notices
from .catalogues import MEETING_KINDS
from .db import db
from .i18n import lazy_gettext as _l
from .links import public_link
from .models import User

PARTS = []


def part(function):
    """Add a part to the morning e-mail (a decorator)."""
    PARTS.append(function)
    return function


def first_name(user):
    return user.display_name.split()[0] if user.display_name.split() else user.username


@part
def todays_meetings(coach, today):
    found = [item for item in meetings.of_coach(coach, today, today) if not item.cancelled_at]
    if not found:
        return None
    return _l("Today's meetings"), [
        _l("%(time)s %(name)s: %(kind)s", time=format_time(item.starts_at, "short"),
           name=first_name(item.participant), kind=MEETING_KINDS.get(item.kind, item.kind))
        for item in found]


@part
def overdue_followups(coach, today):
    rows = [row for row in caseload.rows(coach, sort="followup")
            if row.next_followup and row.next_followup < today]
    if not rows:
        return None
    return _l("Overdue follow-ups"), [
        _l("%(name)s: the follow-up was due %(day)s", name=first_name(row.case.participant),
           day=i18n.date_in_words(row.next_followup)) for row in rows]


def sections(coach, today):
    """The parts that have something to say, in the coach's language."""
    with force_locale(notices.language(coach)):
        found = [part_function(coach, today) for part_function in PARTS]
        return [(str(heading), [str(line) for line in lines]) for heading, lines in
                (item for item in found if item)]


def queue_for(coach, today):
    """Queue one coach's morning e-mail for `today`, once a day whatever the number of runs
    (the message id is the coach and the day); None when there is nothing to say."""
    found = sections(coach, today)
    if not found or not coach.email:
        return None
    with db.atomic():
        return notices.email(coach, notices.MORNING, "morning", sections=found,
                             day=today, link=public_link("coach.caseload"),
                             message_id=f"morning-{coach.id}-{today.isoformat()}")


def coaches_who_want_it():
    return User.select().where(User.role == User.COACH, User.is_active == True,  # noqa: E712
                               User.morning_mail == True, User.email != "")  # noqa: E712


def queue_morning_mail(today):
    """Queue today's morning e-mail to each coach who asked for one; how many were queued."""
    return sum(1 for coach in coaches_who_want_it() if queue_for(coach, today))


def queue_reminders(today):
    """Queue a reminder of each meeting tomorrow to the participants who chose e-mail or SMS;
    how many were queued."""
    with db.atomic():
        return sum(1 for item in meetings.due_reminders(today) if notices.meeting_reminder(item))
