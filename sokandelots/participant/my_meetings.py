"""Mina möten: the meetings my coach booked, my answer to each, and each one for my phone's
calendar."""
from datetime import datetime, time

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import to_utc, to_user_timezone
from wtforms import RadioField
from wtforms.validators import InputRequired, Optional

from .. import meetings
from ..catalogues import MEETING_ANSWERS, MEETING_KINDS, MEETING_PLACES, MEETING_REASONS
from ..forms import BaseForm, choices
from ..i18n import lazy_gettext as _l
from ..models import utcnow
from ..profile.catalogue import Option
from .profile import participant_only
from . import bp

ANSWER_OPTIONS = [Option(key, label, meetings.ANSWER_PICTURES[key])
                  for key, label in MEETING_ANSWERS.items()]


class AnswerForm(BaseForm):
    answer = RadioField(_l("Are you coming?"), choices=choices(MEETING_ANSWERS),
                        validators=[InputRequired(message=_l("Choose one answer."))])
    reason = RadioField(_l("If you cannot come: why?"), choices=choices(MEETING_REASONS),
                        validators=[Optional()])


def answer_form(meeting, **kwargs):
    """The answer form of one meeting; each meeting's fields have their own names on the page."""
    return AnswerForm(prefix=f"m{meeting.id}", data={"answer": meeting.answer or None,
                                                     "reason": meeting.answer_reason or None},
                      **kwargs)


def _own(meeting_id):
    meeting = meetings.of_participant(g.user, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _page(forms, status=200):
    today = to_utc(datetime.combine(to_user_timezone(utcnow()).date(), time()))
    found = meetings.for_participant(g.user, since=today)
    forms = {item.id: forms.get(item.id) or answer_form(item) for item in found}
    return render_template("participant/meetings.html", meetings=found, forms=forms,
                           answer_options=ANSWER_OPTIONS,
                           reason_options=meetings.REASON_OPTIONS), status


@bp.route("/meetings")
@participant_only
def meetings_page():
    """Mina möten: from today on, soonest first."""
    return _page({})


@bp.route("/meetings/<int:meeting_id>/answer", methods=["POST"])
@participant_only
def answer_meeting(meeting_id):
    """Jag kommer, or Jag kan inte komma and why. It can be changed."""
    meeting = _own(meeting_id)
    form = answer_form(meeting)
    if meeting.cancelled_at is None and form.validate_on_submit():
        meetings.answer(meeting, form.answer.data, form.reason.data or "")
        flash(_l("Thank you. Your coach can see your answer."), "success")
        return redirect(url_for("participant.meetings_page") + f"#meeting-{meeting.id}")
    return _page({meeting.id: form}, 422)


@bp.route("/meetings/<int:meeting_id>.ics")
@participant_only
def meeting_ics(meeting_id):
    """The meeting as a calendar file, to add to the phone's calendar."""
    meeting = _own(meeting_id)
    summary = f"{MEETING_KINDS.get(meeting.kind, meeting.kind)}: {meeting.coach.display_name}" \
        if meeting.coach_id else str(MEETING_KINDS.get(meeting.kind, meeting.kind))
    where = ", ".join(part for part in (str(MEETING_PLACES.get(meeting.place, "")),
                                        meeting.address) if part)
    return Response(meetings.ics_for_participant(meeting, summary, where),
                    mimetype="text/calendar", headers={
                        "Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"',
                        "Cache-Control": "no-store"})
