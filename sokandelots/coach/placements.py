"""Placements: the implementation plan (genomförandeplan) with its versions, and attendance."""
from datetime import date, timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date

from .. import attendance, audit, conflicts, downloads, plans, reports
from ..catalogues import ATTENDANCE
from ..employers import register
from ..forms import attendance_form
from ..i18n import lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import bp, own_case
from .forms import EndPlacementForm, PlacementForm, PlanForm

coach_only = role_required(User.COACH)


def _placement(participant_id, placement_id):
    case = own_case(participant_id)
    item = plans.placement(case.participant, placement_id)
    if item is None:
        abort(404)
    return case, item


@bp.route("/participants/<int:participant_id>/placements", methods=["GET", "POST"])
@coach_only
def placements(participant_id):
    """The participant's placements with their plans, and a form to start a new one."""
    case = own_case(participant_id)
    form = PlacementForm(employers=register.search())
    if form.validate_on_submit():
        item = plans.add_placement(case.participant, form.employer.data, g.user)
        audit.changed()
        return redirect(url_for("coach.plan", participant_id=participant_id, placement_id=item.id))
    return render_template("coach/placements.html", case=case, form=form,
                           placements=plans.placements(case.participant),
                           disclosure=register.disclosure(case.participant)), (422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/plan",
          methods=["GET", "POST"])
@coach_only
def plan(participant_id, placement_id):
    """The implementation plan: saving a change makes a new version; older ones stay readable."""
    case, item = _placement(participant_id, placement_id)
    form = PlanForm(data={**plans.values_of(item.plan), "seen": plans.token(item.plan)},
                    health_private=register.health_private(case.participant))
    conflict = None
    if form.validate_on_submit():
        if form.seen.data != plans.token(item.plan):
            # A version was saved while this form was open: show both before saving anything.
            conflict = conflicts.differences(form, plans.values_of(item.plan), plans.NAMES)
            conflicts.rebase(form.seen, plans.token(item.plan))
        if not conflict:
            return _save_plan(item, form)
    return render_template("coach/plan.html", case=case, placement=item, form=form,
                           versions=plans.versions(item), end_form=EndPlacementForm(),
                           conflict=conflict, disclosure=register.disclosure(case.participant)), (
        409 if conflict else 422 if form.errors else 200)


def _save_plan(item, form):
    version, made = plans.save(item, form.data, g.user)
    if made:
        audit.changed()
    flash(_l("The plan is saved as version %(number)d.", number=version.number) if made
          else _l("Nothing has changed, so no new version was made."), "success" if made else "info")
    return redirect(url_for("coach.plan_version", participant_id=item.participant_id,
                            placement_id=item.id, number=version.number))


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/plan/<int:number>")
@coach_only
def plan_version(participant_id, placement_id, number):
    """One version of the plan, ready to print and sign by all three."""
    case, item = _placement(participant_id, placement_id)
    version = plans.version(item, number)
    if version is None:
        abort(404)
    texts = plans.texts(version)
    monday = date(2024, 1, 1)
    planned = [(format_date(monday + timedelta(days=day), "EEEE"), hours)
               for day, hours in enumerate(plans.planned(version)) if hours]
    return render_template("coach/plan_version.html", case=case, placement=item, version=version,
                           texts=texts, latest=item.plan.number, plan_texts=plans.TEXTS,
                           planned=planned,
                           disclosure=register.disclosure(case.participant),
                           private=plans.private_words(texts, register.health_private(case.participant)))


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/end", methods=["POST"])
@coach_only
def end_placement(participant_id, placement_id):
    """Record the day the placement really ended."""
    case, item = _placement(participant_id, placement_id)
    form = EndPlacementForm()
    if form.validate():
        plans.end_placement(item, form.ended_on.data)
        audit.changed()
        flash(_l("The end of the placement is saved."), "success")
    else:
        flash(form.ended_on.errors[0], "error")
    return redirect(url_for("coach.plan", participant_id=participant_id, placement_id=placement_id))


def _month(item):
    """The month asked for: its first day, its days, the placement's window and the marked days."""
    first = attendance.parse_month(request.args.get("month"))
    days = attendance.month_days(first.year, first.month)
    return first, days, attendance.window(item), attendance.days(item, days[0], days[-1])


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/attendance",
          methods=["GET", "POST"])
@coach_only
def attendance_month(participant_id, placement_id):
    """A month of attendance: the coach checks the participant's marks, changes and confirms.
    Days outside the placement (or not come yet) can only be cleared, and never count."""
    case, item = _placement(participant_id, placement_id)
    first, days, window, marked = _month(item)
    form = attendance_form(days, coach=True, closed=attendance.closed(window, days, coach=True),
                           data=attendance.form_data(marked))
    if form.validate_on_submit():
        attendance.mark_many(item, form.marks(), g.user, confirm=True)
        audit.changed()
        flash(_l("The attendance is saved and confirmed."), "success")
        return redirect(request.full_path)
    return render_template("coach/attendance.html", case=case, placement=item, form=form,
                           month=first, days=days, marked=marked,
                           totals=attendance.totals(window, marked.values())), (
        422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/attendance/report")
@coach_only
def attendance_report(participant_id, placement_id):
    """The monthly attendance report for the commissioner, to print: only the days that count."""
    case, item = _placement(participant_id, placement_id)
    first, days, window, marked = _month(item)
    marked = attendance.counted(window, marked)
    rows = attendance.report_days(window, days, marked, plans.planned(item.plan))
    return render_template("coach/attendance_report.html", case=case, placement=item, month=first,
                           rows=rows, totals=attendance.totals(window, marked.values()),
                           planned_total=sum(row.planned or 0 for row in rows),
                           provider=reports.provider(), needs_notice=attendance.needs_notice,
                           personnummer=reports.personnummer_for(case),
                           absences=[row for row in marked.values() if attendance.needs_notice(row)])


@bp.route("/participants/<int:participant_id>/placements/<int:placement_id>/attendance.csv")
@coach_only
def attendance_csv(participant_id, placement_id):
    """The same monthly report as CSV: one row per day that counts, with who marked and who
    confirmed it."""
    case, item = _placement(participant_id, placement_id)
    first, _days, window, marked = _month(item)
    rows = [(day.isoformat(), row.status, str(ATTENDANCE.get(row.status, row.status)),
             f"{row.hours:.1f}", "yes" if row.confirmed_at else "no",
             row.marked_by.display_name if row.marked_by else "",
             row.confirmed_by.display_name if row.confirmed_by else "")
            for day, row in sorted(attendance.counted(window, marked).items())]
    return downloads.csv_file(("date", "status", "status_text", "hours", "confirmed", "marked_by",
                               "confirmed_by"), rows,
                              f"attendance-{case.participant.username}-{first:%Y-%m}.csv")
