"""The unit's employer register, workplace analyses, and each participant's job-search leads."""
from flask import abort, flash, g, redirect, render_template, request, url_for

from .. import audit, corrections
from ..employers import match, register
from ..employers.catalogue import PARTS, SECTORS, TEXTS
from ..employers.forms import (EmployerForm, EventForm, LeadCorrectionForm, LeadForm,
                               LeadStatusForm, PersonForm, PositionForm)
from ..i18n import lazy_gettext as _l
from ..models import Employer, EmployerEvent, EmployerPerson, Lead, Position, User
from ..security import role_required
from . import bp, own_case

coach_only = role_required(User.COACH)


def _employer(employer_id):
    employer = Employer.get_or_none(Employer.id == employer_id)
    if employer is None:
        abort(404)
    return employer


@bp.route("/employers/")
@coach_only
def employers():
    """The register shared by the unit's coaches: search by name, filter by sector and tag."""
    args = request.args
    sector = args.get("sector") if args.get("sector") in SECTORS else ""
    return render_template("coach/employers.html", sector=sector, tag=args.get("tag", "")[:50],
                           employers=register.search(args.get("q", "")[:100], sector,
                                                     args.get("tag", "").strip().lower()[:50]))


@bp.route("/employers/new", methods=["GET", "POST"])
@coach_only
def new_employer():
    form = EmployerForm()
    if form.validate_on_submit():
        employer = register.add_employer(g.user, form.name.data, form.sector.data,
                                         form.address.data or "", form.notes.data or "",
                                         form.tags.data or "")
        flash(_l("The employer is saved."), "success")
        return redirect(url_for("coach.employer", employer_id=employer.id))
    return render_template("coach/new_employer.html", form=form), (422 if form.errors else 200)


def _employer_page(employer, person_form=None, event_form=None, status=200):
    events, people = register.events(employer), list(employer.people)
    person_form = person_form or PersonForm(prefix="person")
    event_form = event_form or EventForm(prefix="event")
    # The forms that correct them have no prefix: their labels are the same.
    return render_template("coach/employer.html", employer=employer, tags=register.tags_of(employer),
                           events=events, people=people, positions=list(employer.positions),
                           matched=register.matched(employer, g.user),
                           history=corrections.history(Employer, [employer.id], EmployerForm()),
                           people_history=corrections.history(
                               EmployerPerson, [row.id for row in people], PersonForm()),
                           event_history=corrections.history(
                               EmployerEvent, [row.id for row in events], EventForm()),
                           person_form=person_form, event_form=event_form), status


@bp.route("/employers/<int:employer_id>")
@coach_only
def employer(employer_id):
    """One employer: contact people, the contact log, positions, and my participants there."""
    return _employer_page(_employer(employer_id))


@bp.route("/employers/<int:employer_id>/people", methods=["POST"])
@coach_only
def add_person(employer_id):
    employer = _employer(employer_id)
    form = PersonForm(prefix="person")
    if not form.validate():
        return _employer_page(employer, person_form=form, status=422)
    register.add_person(employer, form.name.data, form.role.data or "", form.phone.data or "",
                        form.email.data or "", g.user)
    return redirect(url_for("coach.employer", employer_id=employer_id))


@bp.route("/employers/<int:employer_id>/events", methods=["POST"])
@coach_only
def add_event(employer_id):
    employer = _employer(employer_id)
    form = EventForm(prefix="event")
    if not form.validate():
        return _employer_page(employer, event_form=form, status=422)
    register.add_event(employer, g.user, form.day.data, form.kind.data, form.outcome.data or "")
    return redirect(url_for("coach.employer", employer_id=employer_id))


@bp.route("/employers/<int:employer_id>/positions/new", methods=["GET", "POST"],
          defaults={"position_id": None})
@bp.route("/employers/<int:employer_id>/positions/<int:position_id>", methods=["GET", "POST"])
@coach_only
def position(employer_id, position_id):
    """The workplace analysis of one position."""
    employer = _employer(employer_id)
    item = None
    if position_id is not None:
        item = Position.get_or_none(Position.id == position_id, Position.employer == employer)
        if item is None:
            abort(404)
    form = PositionForm(data=register.analysis(item) if item else None)
    if form.validate_on_submit():
        values = {name: form[name].data for name in (*TEXTS, *(part.key for part in PARTS))}
        register.save_analysis(employer, values, item)
        flash(_l("The workplace analysis is saved."), "success")
        return redirect(url_for("coach.employer", employer_id=employer_id))
    return render_template("coach/position.html", employer=employer, position=item, form=form,
                           parts=PARTS), (422 if form.errors else 200)


def _leads_page(case, form=None, status=200):
    found = register.leads(case.participant)
    titles = {item.id: register.position_title(item) for lead in found
              for item in lead.employer.positions}
    return render_template("coach/leads.html", case=case, leads=found, titles=titles,
                           reached={lead.id: register.reached(lead) for lead in found},
                           history=corrections.history(Lead, [lead.id for lead in found],
                                                       LeadCorrectionForm(positions=titles)),
                           form=form or LeadForm(employers=register.search()),
                           status_forms={lead.id: LeadStatusForm(prefix=f"lead{lead.id}", data={
                               "status": lead.status, "end_reason": lead.end_reason}) for lead in found},
                           disclosure=register.disclosure(case.participant),
                           positions={lead.employer_id: list(lead.employer.positions) for lead in found}), status


@bp.route("/participants/<int:participant_id>/leads", methods=["GET", "POST"])
@coach_only
def leads(participant_id):
    """Job search (step 3): the participant's leads, and a form for a new one."""
    case = own_case(participant_id)
    form = LeadForm(employers=register.search())
    if form.validate_on_submit():
        register.add_lead(case.participant, form.employer.data, form.kind.data, form.day.data, g.user)
        audit.changed()
        flash(_l("The lead is saved."), "success")
        return redirect(url_for("coach.leads", participant_id=participant_id))
    return _leads_page(case, form, 422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/leads/<int:lead_id>", methods=["POST"])
@coach_only
def move_lead(participant_id, lead_id):
    """Move a lead along its path, or end it with a reason."""
    case = own_case(participant_id)
    item = register.lead(case.participant, lead_id)
    if item is None:
        abort(404)
    form = LeadStatusForm(prefix=f"lead{lead_id}")
    try:
        if not form.validate():
            raise register.PathError(next(iter(form.errors.values()))[0])
        register.move(item, form.status.data, form.end_reason.data, form.on.data)
        audit.changed()
        flash(_l("The lead is saved."), "success")
    except register.PathError as error:
        flash(str(error), "error")
    return redirect(url_for("coach.leads", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/match/<int:position_id>")
@coach_only
def match_view(participant_id, position_id):
    """A workplace analysis beside the shared profile: what fits and what needs an adaptation."""
    case = own_case(participant_id)
    item = Position.get_or_none(Position.id == position_id)
    if item is None:
        abort(404)
    shared = register.shared_record(case.participant)
    profile, values = shared["answers"], register.analysis(item)
    return render_template("coach/match.html", case=case, position=item, analysis=values,
                           marks=match.compare(values, profile, match.tried_hard(shared["activities"])),
                           needs=match.needs(profile),
                           disclosure=register.disclosure(case.participant),
                           support=dict(answers_support()))


def answers_support():
    from ..profile.catalogue import BY_KEY
    return [(option.key, option.label) for option in BY_KEY["support"].options]
