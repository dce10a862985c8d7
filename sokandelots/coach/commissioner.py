"""Reports to the commissioner: progress and closing reports, drafted, printed and kept as sent;
and the commissioner's case number that they carry."""
from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for

from .. import attendance, audit, reports
from ..i18n import lazy_gettext as _l
from ..models import User
from ..referrals import records as referrals
from ..security import role_required
from . import bp, own_case
from .forms import AbsenceNoticeForm, CaseNumberForm, NewReportForm, ReportForm, SendReportForm

coach_only = role_required(User.COACH)


@bp.route("/participants/<int:participant_id>/case-number", methods=["POST"])
@coach_only
def case_number(participant_id):
    """Record the commissioner's case number."""
    case = own_case(participant_id)
    form = CaseNumberForm()
    if form.validate_on_submit():
        case.commissioner_case_number = form.commissioner_case_number.data or ""
        case.save(only=[type(case).commissioner_case_number])
        referrals.from_case(case)
        audit.changed()
        flash(_l("The case number is saved."), "success")
    else:
        flash(form.commissioner_case_number.errors[0], "error")
    return redirect(url_for("coach.participant", participant_id=participant_id) + "#reports-title")


@bp.route("/participants/<int:participant_id>/reports", methods=["POST"])
@coach_only
def new_report(participant_id):
    """Start a progress or closing report, or go on with the draft of that kind."""
    case = own_case(participant_id)
    form = NewReportForm()
    if not form.validate_on_submit():
        flash(form.kind.errors[0] if form.kind.errors else _l("Not a valid choice."), "error")
        return redirect(url_for("coach.participant", participant_id=participant_id))
    report, made = reports.start_draft(case, form.kind.data, g.user)
    if made:
        audit.changed()
    else:
        flash(_l("There is already a draft of this report. Here it is."), "info")
    return redirect(url_for("coach.report", participant_id=participant_id, report_id=report.id))


def _report(participant_id, report_id):
    case = own_case(participant_id)
    report = reports.get(case.participant, report_id)
    if report is None:
        abort(404)
    return case, report


def _page(case, report, form=None, send_form=None, status=200):
    draft = report.sent_on is None
    if draft:
        form = form or ReportForm(data={**reports.texts(report), "period_start": report.period_start,
                                        "period_end": report.period_end})
        send_form = send_form or SendReportForm(case, data={"sent_on": date.today()})
    return render_template("coach/report.html", case=case, report=report, form=form,
                           send_form=send_form, facts=reports.shown(report, case),
                           texts=reports.texts(report), kinds=reports.KINDS,
                           report_texts=reports.TEXTS,
                           consent=reports.consent_to_commissioner(case) if draft else None), status


@bp.route("/participants/<int:participant_id>/reports/<int:report_id>", methods=["GET", "POST"])
@coach_only
def report(participant_id, report_id):
    """One report, ready to print: a draft with the coach's words to write, or the copy as sent."""
    case, item = _report(participant_id, report_id)
    if item.sent_on is not None:
        if request.method == "POST":
            flash(_l("This report is already sent. Start a new report to change anything."), "info")
            return redirect(request.path)
        return _page(case, item)
    form = ReportForm()
    if form.validate_on_submit():
        reports.save_draft(item, form.data)
        audit.changed()
        flash(_l("The draft is saved."), "success")
        return redirect(url_for("coach.report", participant_id=participant_id, report_id=report_id))
    return _page(case, item, form=form if form.is_submitted() else None,
                 status=422 if form.errors or form.careful_open else 200)


@bp.route("/participants/<int:participant_id>/reports/<int:report_id>/send", methods=["POST"])
@coach_only
def send_report(participant_id, report_id):
    """Keep the report as sent, on a consent to the commissioner or their recorded mandate."""
    case, item = _report(participant_id, report_id)
    if item.sent_on is not None:
        flash(_l("This report is already sent. Start a new report to change anything."), "info")
        return redirect(url_for("coach.report", participant_id=participant_id, report_id=report_id))
    form = SendReportForm(case)
    if not form.validate_on_submit():
        return _page(case, item, send_form=form, status=422)
    reports.send(item, case, g.user, form.sent_to.data, form.sent_on.data, form.mandate.data or "")
    audit.changed()
    flash(_l("The report is kept as sent. It cannot be changed now."), "success")
    return redirect(url_for("coach.report", participant_id=participant_id, report_id=report_id))


@bp.route("/participants/<int:participant_id>/absences", methods=["POST"])
@coach_only
def absences_notified(participant_id):
    """Record that the commissioner was told about the chosen absences."""
    case = own_case(participant_id)
    rows = attendance.unnotified(case.participant)
    form = AbsenceNoticeForm(rows)
    if form.validate_on_submit():
        attendance.mark_notified([row for row in rows if row.id in form.absences.data],
                                 form.notified_on.data)
        audit.changed()
        flash(_l("Saved: the commissioner is told."), "success")
    else:
        flash(next(field.errors[0] for field in form if field.errors), "error")
    return redirect(url_for("coach.participant", participant_id=participant_id) + "#absences-title")
