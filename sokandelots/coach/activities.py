"""A participant's activities for the coach: add one, read the reflection, add their own."""
from flask import abort, flash, g, redirect, render_template, url_for

from .. import audit, corrections
from ..activities import records
from ..activities.forms import CoachActivityForm, CoachReflectionForm
from ..i18n import lazy_gettext as _l
from ..jobcards import cards as catalogue
from ..models import Activity, User
from ..security import role_required
from . import bp, own_case

coach_only = role_required(User.COACH)


@bp.route("/participants/<int:participant_id>/activities", methods=["GET", "POST"])
@coach_only
def activities(participant_id):
    """The participant's activities, and a form to add one."""
    case = own_case(participant_id)
    form = CoachActivityForm(cards=catalogue.all_cards())
    if form.validate_on_submit():
        records.add(case.participant, g.user, form.kind.data, form.place.data or "",
                    form.day.data, form.note.data or "", form.card.data)
        audit.changed()
        flash(_l("The activity is saved."), "success")
        return redirect(url_for("coach.activities", participant_id=participant_id))
    return render_template("coach/activities.html", case=case, form=form,
                           activities=records.for_participant(case.participant),
                           cards={c.key: c.title for c in catalogue.all_cards(include_hidden=True)}
                           ), (422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/activities/<int:activity_id>",
          methods=["GET", "POST"])
@coach_only
def activity(participant_id, activity_id):
    """One activity with the participant's reflection, and the coach's own."""
    case = own_case(participant_id)
    item = records.get(case.participant, activity_id)
    if item is None:
        abort(404)
    form = CoachReflectionForm(data={"text": item.coach_reflection})
    if form.validate_on_submit():
        records.coach_reflect(item, form.text.data or "")
        audit.changed()
        flash(_l("Your reflection is saved."), "success")
        return redirect(url_for("coach.activity", participant_id=participant_id,
                                activity_id=activity_id))
    return render_template("coach/activity.html", case=case, activity=item, form=form,
                           history=corrections.history(Activity, [item.id], CoachActivityForm(
                               cards=catalogue.all_cards(include_hidden=True))).get(item.id),
                           reflection_shown=records.shown_reflection(records.reflection(item)),
                           cards={c.key: c.title for c in catalogue.all_cards(include_hidden=True)}
                           ), (422 if form.errors else 200)
