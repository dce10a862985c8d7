"""The administrator's privacy pages: erasing a participant, and the record of processing."""
from flask import abort, current_app, flash, redirect, render_template, url_for

from ..i18n import lazy_gettext as _l
from ..privacy import erasure, record, retention
from ..models import User
from ..security import role_required
from . import _user, bp
from .forms import EraseForm

admin_only = role_required(User.ADMIN)


@bp.route("/users/<int:user_id>/erase", methods=["GET", "POST"])
@admin_only
def erase(user_id):
    """What erasing a participant removes; erase when the administrator types their username."""
    person = _user(user_id)
    if person.role != User.PARTICIPANT:
        abort(404)
    form = EraseForm(person.username)
    if form.validate_on_submit():
        erasure.erase(person)
        flash(_l("The participant and everything stored about them are erased."), "success")
        return redirect(url_for("admin.users"))
    kinds, named = erasure.inventory(person)
    return render_template("admin/erase.html", person=person, form=form, kinds=kinds,
                           named=named), (422 if form.errors else 200)


# The controller's details on the record of processing, from the configuration.
CONTROLLER = ("CONTROLLER_NAME", "CONTROLLER_CONTACT", "DPO_CONTACT")


@bp.route("/processing")
@admin_only
def processing():
    """The record of processing (GDPR article 30): who is responsible, what personal data is
    stored, why, on what legal basis, who gets it and for how long."""
    config = current_app.config
    last_run = retention.last_run()
    return render_template("admin/processing.html", record=record.processing_record(),
                           missing=record.missing_descriptions(),
                           months=config["RETENTION_MONTHS"],
                           controller={key: config[key] for key in CONTROLLER},
                           unset=[key for key in CONTROLLER if not config[key]],
                           recipients=record.RECIPIENTS, transfers=record.TRANSFERS,
                           last_run=last_run, timer_stopped=retention.stopped(last_run))
