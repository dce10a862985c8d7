"""Rules for meetings (möten): booking, the participant's answer, the coach's week, the
follow-up a meeting becomes, calendar files and the coach's private calendar feed."""
import hashlib
import secrets
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import to_utc, to_user_timezone
from icalendar import Calendar, Event
from peewee import fn

from . import caseload, phrasebook, plans
from .catalogues import MEETING_REASONS
from .db import db
from .models import CalendarFeed, Meeting, User, utcnow
from .profile.catalogue import Option
from .referrals.records import interpreter_needs

# A picture beside each kind, place, answer and reason: a picture and a word, never colour alone.
KIND_PICTURES = {"three_party": "handshake", "meeting": "people", "visit": "factory",
                 "followup": "clipboard", "phone": "phone", "care": "hospital"}
PLACE_PICTURES = {"office": "office", "walk": "walker", "cafe": "coffee", "workplace": "factory",
                  "phone": "phone"}
ANSWER_PICTURES = {"coming": "thumbs-up", "not_coming": "thumbs-down"}
REASON_PICTURES = {"ill": "sick", "travel": "bus", "other": "question"}
REASON_OPTIONS = [Option(key, label, REASON_PICTURES[key]) for key, label in MEETING_REASONS.items()]
FIELDS = ("kind", "starts_at", "minutes", "place", "address", "who", "interpreter",
          "interpreter_language", "note_phrases", "note")
PROPOSALS = 3  # expected follow-up dates offered as quick choices on the booking form


def defaults(participant):
    """A new meeting's form values: an interpreter when the referral says one is needed."""
    need = interpreter_needs([participant.id])
    return {"interpreter": participant.id in need,
            "interpreter_language": need.get(participant.id, ""), "minutes": 60}


def proposals(participant, today=None):
    """The next follow-up dates the plan expects and no follow-up has met, from today on."""
    today = today or date.today()
    days = sorted({day for day, item, met in plans.schedule(participant)
                   if day >= today and not met and item.ended_on is None})
    return days[:PROPOSALS]


def local_start(day, at):
    """A day and a time of day in the reader's time zone (Europe/Stockholm) as stored (UTC)."""
    return to_utc(datetime.combine(day, at))


def book(participant, coach, values):
    """A new meeting; of FIELDS, those not in `values` get their defaults (no note)."""
    return Meeting.create(participant=participant, coach=coach,
                          **{name: values[name] for name in FIELDS if name in values})


def change(meeting, values):
    for name in FIELDS:
        if name in values:
            setattr(meeting, name, values[name])
    meeting.save()


def cancel(meeting):
    meeting.cancelled_at = meeting.cancelled_at or utcnow()
    meeting.save(only=[Meeting.cancelled_at])


def of_participant(participant, meeting_id):
    return Meeting.get_or_none(Meeting.id == meeting_id, Meeting.participant == participant)


def for_participant(participant, since=None):
    """The participant's meetings, soonest first; from `since` (a UTC time) when given."""
    query = Meeting.select().where(Meeting.participant == participant)
    if since is not None:
        query = query.where(Meeting.starts_at >= since)
    return list(query.order_by(Meeting.starts_at, Meeting.id))


def upcoming_query(participant, now):
    """How many meetings the participant has to come after `now`, not cancelled: a query of one
    number (see `participant.at_a_glance`)."""
    return Meeting.select(fn.COUNT(Meeting.id)).where(
        Meeting.participant == participant, Meeting.starts_at >= now,
        Meeting.cancelled_at.is_null())


def answer(meeting, said, reason=""):
    """The participant's answer; a reason only when they cannot come. It can be changed."""
    meeting.answer, meeting.answer_reason = said, (reason if said == "not_coming" else "")
    meeting.answered_at = utcnow()
    meeting.save(only=[Meeting.answer, Meeting.answer_reason, Meeting.answered_at])


# The follow-up kind a meeting of each kind becomes (catalogues.FOLLOWUP_KINDS).
FOLLOWUP_KIND = {"visit": "visit", "phone": "phone", "three_party": "partners", "care": "partners"}


def followup_values(meeting):
    """The follow-up form's values, taken from the meeting."""
    return {"day": to_user_timezone(meeting.starts_at).date(),
            "kind": FOLLOWUP_KIND.get(meeting.kind, "meeting"), "with_whom": meeting.who[:100]}


def record_followup(meeting, case, coach, day, kind, with_whom="", note="", next_day=None):
    """The meeting becomes the follow-up record in one step, and stays linked to it."""
    with db.atomic():
        meeting.followup = caseload.add_followup(case, coach, day, kind, with_whom, note, next_day)
        meeting.save(only=[Meeting.followup])
    return meeting.followup


def week_of(day):
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def local_day_bounds(first, last):
    """The first and the last day (local days) as the UTC moments they begin and end."""
    return local_start(first, time()), local_start(last + timedelta(days=1), time())


def of_coach(coach, first, last):
    """The coach's meetings from day `first` to day `last` (their own days, in local time),
    with each meeting's participant."""
    start, end = local_day_bounds(first, last)
    return list(Meeting.select(Meeting, User).join(User, on=Meeting.participant)
                .where(Meeting.coach == coach, Meeting.starts_at >= start,
                       Meeting.starts_at < end).order_by(Meeting.starts_at, Meeting.id))


def by_day(meetings, days):
    """{day: [meetings that day]} for each of `days`, in local time."""
    found = {day: [] for day in days}
    for meeting in meetings:
        found.setdefault(to_user_timezone(meeting.starts_at).date(), []).append(meeting)
    return found


def due_reminders(day):
    """The meetings that need a reminder on `day`: those on the next day (local time) that are
    not cancelled and that the participant has not said they cannot come to. The outbox sends
    the reminders; this is where it asks which."""
    start, end = local_day_bounds(day + timedelta(days=1), day + timedelta(days=1))
    return list(Meeting.select().where(Meeting.starts_at >= start, Meeting.starts_at < end,
                                       Meeting.cancelled_at.is_null(),
                                       Meeting.answer != "not_coming")
                .order_by(Meeting.starts_at, Meeting.id))


# The calendar: a file per meeting for the participant, and the coach's private feed.

def first_name(user):
    return (user.display_name.split() or [""])[0]


def note_lines(meeting):
    """The meeting's note as plain text lines in the language of the moment, for a calendar file:
    each prepared sentence with its Swedish after it, then the free text, marked as Swedish."""
    lines = [f"{here} ({swedish})" if swedish else here
             for here, swedish in phrasebook.in_words(meeting.note_phrases)]
    if meeting.note:
        lines.append(phrasebook.swedish_words(meeting.note))
    return lines


def _event(meeting, summary, location="", description=""):
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@sokandelots")
    event.add("dtstamp", _utc(utcnow()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.starts_at + timedelta(minutes=meeting.minutes)))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if meeting.cancelled_at:
        event.add("status", "CANCELLED")
    return event


def _utc(value):
    """A stored (UTC) time as the calendar file wants it: with its zone."""
    return value.replace(tzinfo=timezone.utc)


def _calendar(events):
    calendar = Calendar()
    calendar.add("prodid", "-//Sokandelots//Meetings//SV")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def ics_for_participant(meeting, summary, location):
    """One meeting as an iCalendar file for the participant's phone, in their words, with the
    coach's note."""
    return _calendar([_event(meeting, summary, location, "\n".join(note_lines(meeting)))])


def ics_feed(coach, kind_names):
    """The coach's meetings as a feed: only the participant's first name and the kind, never a
    surname, a place or an address, since a calendar program may keep it anywhere."""
    since = utcnow() - timedelta(days=60)
    meetings = (Meeting.select(Meeting, User).join(User, on=Meeting.participant)
                .where(Meeting.coach == coach, Meeting.starts_at >= since)
                .order_by(Meeting.starts_at))
    return _calendar([_event(meeting, f"{kind_names.get(meeting.kind, meeting.kind)}: "
                                      f"{first_name(meeting.participant)}")
                      for meeting in meetings])


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def renew_feed(coach):
    """A new secret address for the coach's feed; the old one stops working. Returns the secret,
    which is shown once: only its hash is kept."""
    token = secrets.token_urlsafe(32)
    with db.atomic():
        CalendarFeed.delete().where(CalendarFeed.coach == coach).execute()
        CalendarFeed.create(coach=coach, token_hash=_hash(token))
    return token


def has_feed(coach):
    return CalendarFeed.select().where(CalendarFeed.coach == coach).exists()


def feed_owner(token):
    """The active coach whose feed has this secret, or None."""
    row = (CalendarFeed.select(CalendarFeed, User).join(User, on=CalendarFeed.coach)
           .where(CalendarFeed.token_hash == _hash(token or "")).first())
    return row.coach if row and row.coach.is_active and row.coach.role == User.COACH else None


def export(participant):
    """The participant's meetings for the exports."""
    from .exports import name
    return [{"kind": row.kind, "starts_at": row.starts_at, "minutes": row.minutes,
             "place": row.place, "address": row.address, "who": row.who,
             "interpreter": row.interpreter, "interpreter_language": row.interpreter_language,
             "booked_by": name(row.coach_id), "booked": row.created_at,
             "cancelled": row.cancelled_at, "answer": row.answer,
             "answer_reason": row.answer_reason, "answered": row.answered_at,
             "followup_day": row.followup.day if row.followup_id else None,
             "note_phrases": phrasebook.stored(row.note_phrases), "note": row.note}
            for row in for_participant(participant)]

