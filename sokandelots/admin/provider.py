"""The unit's details as provider (utförare), printed on the reports to commissioners."""
from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from .. import reports
from ..models import Setting, User
from ..security import role_required
from . import bp
from .forms import ProviderForm


@bp.route("/provider", methods=["GET", "POST"])
@role_required(User.ADMIN)
def provider():
    """The provider's name and organisation number."""
    saved = reports.provider()
    form = ProviderForm(data={"name": saved["name"], "org_number": saved["org_number"]})
    if form.validate_on_submit():
        Setting.put(reports.PROVIDER_NAME, form.name.data)
        Setting.put(reports.PROVIDER_ORG_NUMBER, form.org_number.data)
        flash(_l("The provider's details are saved."), "success")
        return redirect(url_for("admin.provider"))
    return render_template("admin/provider.html", form=form), 422 if form.errors else 200
