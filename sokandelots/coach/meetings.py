"""The coach's meetings: booking, changing and cancelling one, turning it into the follow-up
record, the week view, and the private calendar feed."""
from datetime import date, timedelta

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import to_user_timezone

from .. import attendance, audit, meetings, phrasebook
from ..catalogues import MEETING_KINDS
from ..i18n import lazy_gettext as _l
from ..links import public_link
from ..models import User
from ..security import role_required
from . import bp, own_case
from ..referrals.records import interpreter_needs
from .forms import FollowUpForm, MeetingForm, MeetingNoteForm

coach_only = role_required(User.COACH)


def _meeting(case, meeting_id):
    meeting = meetings.of_participant(case.participant, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _start(form):
    return meetings.local_start(form.day.data, form.at.data)


def _note_form(item=None):
    """The note for the participant, inside the meeting's form: as posted, or the meeting's."""
    if request.method == "POST":
        return MeetingNoteForm(prefix="note")
    form = MeetingNoteForm(prefix="note", data={"chosen": item.note_phrases, "text": item.note}
                           if item else None)
    form.phrases = phrasebook.stored(form.chosen.data)
    return form


def _saved(form, note_form):
    """Whether a post saves the meeting (else the page shows again): not while a sentence of the
    note is added or removed, and only when both the meeting and its note are right."""
    if request.method != "POST":
        return False
    note_valid = note_form.validate()
    if note_form.composing:
        return False
    return form.validate_on_submit() and note_valid


def _values(form, note_form):
    return {**form.values(_start(form)), **note_form.values()}


def _status(*forms):
    return 422 if any(form.errors for form in forms) else 200


@bp.route("/participants/<int:participant_id>/meetings", methods=["GET", "POST"])
@coach_only
def meetings_page(participant_id):
    """The participant's meetings, and a form to book one (the plan's next follow-up dates
    are offered as quick choices)."""
    case = own_case(participant_id)
    form = MeetingForm(data=meetings.defaults(case.participant) if request.method == "GET"
                       else None)
    if request.method == "GET" and request.args.get("day"):
        form.day.data = attendance.parse_day(request.args["day"])
    note_form = _note_form()
    if _saved(form, note_form):
        meetings.book(case.participant, g.user, _values(form, note_form))
        audit.changed()
        flash(_l("The meeting is booked."), "success")
        return redirect(url_for("coach.meetings_page", participant_id=participant_id))
    return render_template("coach/meetings.html", case=case, form=form, note_form=note_form,
                           meetings=meetings.for_participant(case.participant),
                           proposals=meetings.proposals(case.participant),
                           interpreter=interpreter_needs([participant_id]).get(
                               participant_id)), _status(form, note_form)


@bp.route("/participants/<int:participant_id>/meetings/<int:meeting_id>", methods=["GET", "POST"])
@coach_only
def meeting(participant_id, meeting_id):
    """Change a meeting."""
    case = own_case(participant_id)
    item = _meeting(case, meeting_id)
    local = to_user_timezone(item.starts_at)
    form = MeetingForm(obj=item, data={"day": local.date(), "at": local.time()}
                       if request.method == "GET" else None)
    note_form = _note_form(item)
    if _saved(form, note_form):
        meetings.change(item, _values(form, note_form))
        audit.changed()
        flash(_l("The meeting is changed."), "success")
        return redirect(url_for("coach.meetings_page", participant_id=participant_id))
    return render_template("coach/meeting.html", case=case, meeting=item, form=form,
                           note_form=note_form), _status(form, note_form)


@bp.route("/participants/<int:participant_id>/meetings/<int:meeting_id>/cancel", methods=["POST"])
@coach_only
def cancel_meeting(participant_id, meeting_id):
    """Cancel a meeting: it stays in the list, marked as cancelled."""
    case = own_case(participant_id)
    meetings.cancel(_meeting(case, meeting_id))
    audit.changed()
    flash(_l("The meeting is cancelled."), "success")
    return redirect(url_for("coach.meetings_page", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/meetings/<int:meeting_id>/followup",
          methods=["GET", "POST"])
@coach_only
def meeting_followup(participant_id, meeting_id):
    """After the meeting: the follow-up record, filled in from the meeting, in one step."""
    case = own_case(participant_id)
    item = _meeting(case, meeting_id)
    if item.followup_id:
        return redirect(url_for("coach.followups", participant_id=participant_id))
    form = FollowUpForm(data=meetings.followup_values(item) if request.method == "GET" else None)
    if form.validate_on_submit():
        meetings.record_followup(item, case, g.user, form.day.data, form.kind.data,
                                 form.with_whom.data or "", form.note.data or "",
                                 form.next_day.data)
        audit.changed()
        flash(_l("The follow-up is saved."), "success")
        return redirect(url_for("coach.followups", participant_id=participant_id))
    return render_template("coach/meeting_followup.html", case=case, meeting=item,
                           form=form), (422 if form.errors else 200)


@bp.route("/meetings")
@coach_only
def week():
    """The coach's meetings, one week at a time, today marked."""
    return _week_page(attendance.parse_day(request.args.get("week")))


@bp.route("/meetings/feed", methods=["POST"])
@coach_only
def renew_feed():
    """A new secret calendar address; the old one stops working. Shown once, on this page."""
    token = meetings.renew_feed(g.user)
    return _week_page(date.today(), public_link("coach.calendar_feed", token=token))


def _week_page(day, feed_url=None):
    days = meetings.week_of(day)
    found = meetings.by_day(meetings.of_coach(g.user, days[0], days[-1]), days)
    return render_template("coach/week.html", days=days, found=found, feed_url=feed_url,
                           previous=days[0] - timedelta(days=7),
                           following=days[0] + timedelta(days=7),
                           need=interpreter_needs(
                               {item.participant_id for items in found.values() for item in items}),
                           has_feed=meetings.has_feed(g.user))


@bp.route("/calendar/<token>.ics")
def calendar_feed(token):
    """The coach's private feed for their calendar program: the secret address is the key."""
    coach = meetings.feed_owner(token)
    if coach is None:
        abort(404)
    return Response(meetings.ics_feed(coach, MEETING_KINDS), mimetype="text/calendar",
                    headers={"Cache-Control": "no-store"})
