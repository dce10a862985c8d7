"""The unit's details as provider (utförare), printed on the reports to commissioners, and
which commissioners require the participant's personal identity number on them."""
from flask import flash, redirect, render_template, url_for

from .. import reports
from ..i18n import lazy_gettext as _l
from ..models import Setting, User
from ..security import role_required
from . import bp
from .forms import ProviderForm


@bp.route("/provider", methods=["GET", "POST"])
@role_required(User.ADMIN)
def provider():
    """The provider's name and organisation number, and the commissioners that require the
    personal identity number on the attendance report."""
    saved = reports.provider()
    form = ProviderForm(data={"name": saved["name"], "org_number": saved["org_number"],
                              "personnummer_required": reports.personnummer_required()})
    if form.validate_on_submit():
        Setting.put(reports.PROVIDER_NAME, form.name.data)
        Setting.put(reports.PROVIDER_ORG_NUMBER, form.org_number.data)
        reports.require_personnummer(form.personnummer_required.data)
        flash(_l("The provider's details are saved."), "success")
        return redirect(url_for("admin.provider"))
    return render_template("admin/provider.html", form=form), 422 if form.errors else 200
