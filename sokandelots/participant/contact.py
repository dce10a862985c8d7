"""Hur vill du få besked? The participant's own contact ways."""
from flask import flash, g, redirect, render_template, url_for

from .. import contacts
from ..forms import ContactForm
from ..i18n import lazy_gettext as _l
from . import bp
from .profile import participant_only


TOLD = _l("Saved. We tell you when your coach writes to you.")
NOT_TOLD = _l("Saved. We do not send you anything.")


@bp.route("/contact", methods=["GET", "POST"])
@participant_only
def contact():
    form = ContactForm(obj=g.user)
    if form.validate_on_submit():
        contacts.save(g.user, form.email.data, form.mobile.data, form.notify_by.data)
        flash(TOLD if form.notify_by.data else NOT_TOLD, "success")
        return redirect(url_for("participant.contact"))
    return render_template("participant/contact.html", form=form, ways=contacts.WAYS), (
        422 if form.errors else 200)
