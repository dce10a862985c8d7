"""My plan at a workplace, in plain words, and my attendance week by week."""
from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for

from .. import attendance, plans
from ..forms import attendance_form
from ..i18n import lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import bp

participant_only = role_required(User.PARTICIPANT)


def _placement(placement_id):
    item = plans.placement(g.user, placement_id)
    if item is None:
        abort(404)
    return item


@bp.route("/placements/<int:placement_id>")
@participant_only
def plan(placement_id):
    """Min plan: the latest version of the implementation plan, in plain words."""
    item = _placement(placement_id)
    return render_template("participant/plan.html", placement=item, plan=item.plan,
                           texts=plans.texts(item.plan) if item.plan else {})


@bp.route("/placements/<int:placement_id>/attendance", methods=["GET", "POST"])
@participant_only
def attendance_week(placement_id):
    """Min närvaro: one week, a row of picture buttons for each day. Days the coach has
    confirmed cannot be changed; days that have not come yet, or are outside the placement,
    say so instead of showing buttons."""
    item = _placement(placement_id)
    days = attendance.week_of(attendance.parse_day(request.args.get("week")))
    marked = attendance.days(item, days[0], days[-1])
    closed = attendance.closed(attendance.window(item), days)
    form = attendance_form(days, closed=closed, data=attendance.form_data(marked))
    if form.validate_on_submit():
        marks = {day: mark for day, mark in form.marks().items() if mark[0]}
        kept = attendance.mark_many(item, marks, g.user)
        flash(_l("Your coach has already checked some days. Those days are not changed.")
              if kept else _l("Saved. Your coach can see it now."), "info" if kept else "success")
        return redirect(url_for("participant.attendance_week", placement_id=placement_id,
                                week=days[0].isoformat()))
    return render_template("participant/attendance.html", placement=item, form=form, days=days,
                           marked=marked, previous=days[0] - timedelta(days=7),
                           following=days[0] + timedelta(days=7)), (422 if form.errors else 200)
