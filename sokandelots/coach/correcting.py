"""Correcting what a coach wrote: one page for every kind of record (see ../corrections.py).

Only the record's writer may correct it; for anyone else it is simply not found. Each kind
names its model, the column that says who wrote it, the form that corrects it and where to go
back to; the page shows the form filled in with the record as it is, and its earlier versions.
"""
from dataclasses import dataclass
from typing import Callable

from flask import abort, flash, g, redirect, render_template, url_for

from .. import audit, caseload, corrections
from ..activities.forms import CoachActivityForm
from ..employers import register
from ..employers.forms import EmployerForm, EventForm, LeadCorrectionForm, PersonForm
from ..i18n import lazy_gettext as _l
from ..jobcards import cards as catalogue
from ..models import (Activity, Case, Employer, EmployerEvent, EmployerPerson, Feedback, FollowUp,
                      Lead, User)
from ..referrals import records as referrals
from ..security import role_required
from . import bp, own_case
from .forms import CaseForm, FeedbackForm, FollowUpForm

coach_only = role_required(User.COACH)


@dataclass(frozen=True)
class Kind:
    model: type
    writer: object  # the column that says who wrote the record
    title: object
    form: Callable  # (row, **kwargs) -> the form that corrects it
    back: Callable  # (row) -> the page to go back to
    fields: tuple  # the columns the form corrects, in its order
    clean: Callable = None  # (values) -> values as they are stored
    after: Callable = None  # (row) -> None, what else follows from the correction
    locked: Callable = None  # (row) -> why it can no longer be corrected, or None


def _followup_saved(row):
    caseload.followup_corrected(Case.get(Case.participant == row.participant_id), row)


# Records about one participant, under /coach/participants/<id>/correct/<kind>/<id>.
ABOUT_PARTICIPANT = {
    "followup": Kind(
        FollowUp, FollowUp.coach, _l("Correct the follow-up"), lambda row, **kw: FollowUpForm(**kw),
        lambda row: url_for("coach.followups", participant_id=row.participant_id),
        ("day", "kind", "with_whom", "note", "next_day"), after=_followup_saved),
    "activity": Kind(
        Activity, Activity.added_by, _l("Correct the activity"),
        lambda row, **kw: CoachActivityForm(cards=catalogue.all_cards(), **kw),
        lambda row: url_for("coach.activity", participant_id=row.participant_id, activity_id=row.id),
        ("kind", "place", "day", "card", "note")),
    "feedback": Kind(
        Feedback, Feedback.author, _l("Correct the feedback"), lambda row, **kw: FeedbackForm(**kw),
        lambda row: url_for("coach.notes_page", participant_id=row.participant_id),
        ("section", "text"),
        locked=lambda row: _l("The participant has read this feedback, so it stays as it is. "
                              "Write new feedback instead.") if row.read_at else None),
    "lead": Kind(
        Lead, Lead.created_by, _l("Correct the lead"),
        lambda row, **kw: LeadCorrectionForm(positions=register.positions(row.employer), **kw),
        lambda row: url_for("coach.leads", participant_id=row.participant_id),
        ("kind", "day", "position")),
}

# The employer register, under /coach/employers/<id>/correct[/<part>/<id>].
IN_REGISTER = {
    "employer": Kind(
        Employer, Employer.created_by, _l("Correct the employer"),
        lambda row, **kw: EmployerForm(**kw),
        lambda row: url_for("coach.employer", employer_id=row.id),
        ("name", "sector", "address", "tags", "notes"),
        clean=lambda values: {**values, "tags": register.clean_tags(values["tags"])}),
    "person": Kind(
        EmployerPerson, EmployerPerson.created_by, _l("Correct the contact person"),
        lambda row, **kw: PersonForm(**kw),
        lambda row: url_for("coach.employer", employer_id=row.employer_id),
        ("name", "role", "phone", "email")),
    "event": Kind(
        EmployerEvent, EmployerEvent.coach, _l("Correct the contact with the employer"),
        lambda row, **kw: EventForm(**kw),
        lambda row: url_for("coach.employer", employer_id=row.employer_id),
        ("day", "kind", "outcome")),
}


def _stored(row, name, value):
    """A form's value as the column keeps it: nothing is NULL where the column allows it, else
    empty text."""
    column = row._meta.fields[name]
    if value == "" and column.null:
        return None
    return "" if value is None and not column.null else value


def _correct(kind, row, about_case=None):
    """The correction page of `row`: the form filled in from it, and its earlier versions."""
    back = kind.back(row)
    reason = kind.locked(row) if kind.locked else None
    if reason:
        flash(reason, "info")
        return redirect(back)
    form = kind.form(row, data=corrections.values(row, kind.fields))
    if form.validate_on_submit():
        new = {name: _stored(row, name, form[name].data) for name in kind.fields}
        if corrections.correct(row, g.user, kind.clean(new) if kind.clean else new):
            if kind.after:
                kind.after(row)
            if about_case:
                audit.changed()
            flash(_l("The correction is saved. The earlier version is kept."), "success")
        else:
            flash(_l("Nothing was changed."), "info")
        return redirect(back)
    return render_template("coach/correct.html", case=about_case, form=form, title=kind.title,
                           fields=kind.fields, back=back,
                           history=corrections.history(kind.model, [row.id], form).get(row.id, [])
                           ), (422 if form.errors else 200)


def _written_by_me(kind, record_id, *where):
    row = kind.model.get_or_none(kind.model.id == record_id, kind.writer == g.user, *where)
    if row is None:
        abort(404)
    return row


@bp.route("/participants/<int:participant_id>/correct/<any(followup, activity, feedback, lead):kind>"
          "/<int:record_id>", methods=["GET", "POST"])
@coach_only
def correct_record(participant_id, kind, record_id):
    """Correct a follow-up, an activity, feedback or a lead the coach wrote about the participant."""
    case = own_case(participant_id)
    found = ABOUT_PARTICIPANT[kind]
    where = [found.model.participant == case.participant]
    if kind == "feedback":
        where.append(Feedback.reply_to.is_null())
    return _correct(found, _written_by_me(found, record_id, *where), about_case=case)


@bp.route("/employers/<int:employer_id>/correct", methods=["GET", "POST"],
          defaults={"part": "employer", "record_id": None})
@bp.route("/employers/<int:employer_id>/correct/<any(person, event):part>/<int:record_id>",
          methods=["GET", "POST"])
@coach_only
def correct_register(employer_id, part, record_id):
    """Correct an employer, a contact person or a contact in the register that the coach wrote."""
    found = IN_REGISTER[part]
    if part == "employer":
        return _correct(found, _written_by_me(found, employer_id))
    return _correct(found, _written_by_me(found, record_id, found.model.employer == employer_id))


@bp.route("/participants/<int:participant_id>/case", methods=["GET", "POST"])
@coach_only
def correct_case(participant_id):
    """Correct the participant's name and the commissioner; the case's coach wrote them."""
    case = own_case(participant_id)
    person = case.participant
    form = CaseForm(data={"display_name": person.display_name, "commissioner": case.commissioner})
    back = url_for("coach.participant", participant_id=participant_id)
    if form.validate_on_submit():
        renamed = corrections.correct(person, g.user, {"display_name": form.display_name.data},
                                      about=person.id)
        moved = corrections.correct(case, g.user, {"commissioner": form.commissioner.data})
        if moved:
            referrals.from_case(case)
        if renamed or moved:
            audit.changed()
            flash(_l("The correction is saved. The earlier version is kept."), "success")
        else:
            flash(_l("Nothing was changed."), "info")
        return redirect(back)
    found = (corrections.history(User, [person.id], form).get(person.id, [])
             + corrections.history(Case, [case.id], form).get(case.id, []))
    return render_template("coach/correct.html", case=case, form=form,
                           title=_l("Correct the name and the commissioner"),
                           fields=("display_name", "commissioner"), back=back,
                           history=sorted(found, key=lambda entry: entry.when, reverse=True)
                           ), (422 if form.errors else 200)
