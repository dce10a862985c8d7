"""Mina aktiviteter: try-outs the participant or the coach added, and reflections on them."""
from flask import abort, flash, g, redirect, render_template, url_for

from .. import corrections
from ..activities import records
from ..i18n import lazy_gettext as _l
from ..models import Activity
from ..activities.forms import ActivityForm, ReflectionForm
from ..jobcards import cards as catalogue
from .profile import participant_only
from . import bp


@bp.route("/activities/")
@participant_only
def activities():
    """Every activity, newest first."""
    found = records.for_participant(g.user)
    return render_template("participant/activities.html", activities=found, cards=_titles(),
                           corrected=corrections.marks(Activity, [item.id for item in found]))


def _titles():
    return {card.key: card.title for card in catalogue.all_cards(include_hidden=True)}


@bp.route("/activities/new", methods=["GET", "POST"])
@participant_only
def new_activity():
    """Add something I did or will do."""
    form = ActivityForm(cards=catalogue.all_cards())
    if form.validate_on_submit():
        activity = records.add(g.user, g.user, form.kind.data, form.place.data or "",
                               form.day.data, form.note.data or "", form.card.data)
        flash(_l("Your activity is saved."), "success")
        return redirect(url_for("participant.activity", activity_id=activity.id))
    return render_template("participant/new_activity.html", form=form), (
        422 if form.errors else 200)


@bp.route("/activities/<int:activity_id>", methods=["GET", "POST"])
@participant_only
def activity(activity_id):
    """One activity, and how it went: tap a face, choose what was good and hard."""
    item = records.get(g.user, activity_id)
    if item is None:
        abort(404)
    saved = records.reflection(item)
    form = ReflectionForm(data=saved)
    if form.validate_on_submit():
        records.reflect(item, {key: form[key].data for key in form.data if key != "csrf_token"})
        flash(_l("Thank you! Your thoughts are saved."), "success")
        return redirect(url_for("participant.activity", activity_id=activity_id))
    return render_template("participant/activity.html", activity=item, form=form,
                           corrected=corrections.marks(Activity, [item.id]).get(item.id),
                           cards=_titles()), (422 if form.errors else 200)
