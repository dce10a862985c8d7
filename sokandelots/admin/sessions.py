"""The administrator's view of who is logged in where, and the unit's two-step login rule."""
from flask import abort, flash, redirect, render_template, session, url_for

from .. import sessions, two_step
from ..i18n import lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import bp
from .forms import TwoStepRuleForm


def _page(form=None, status=200):
    rows = list(sessions.active())
    current = sessions.find(session.get("sid"))
    form = form or TwoStepRuleForm(formdata=None,
                                   rule="required" if two_step.required() else "optional")
    without = (User.select().where(User.role != User.PARTICIPANT, User.is_active == True,  # noqa: E712
                                   User.totp_secret.is_null()).order_by(User.display_name))
    return render_template("admin/sessions.html", rows=rows, form=form, without=list(without),
                           current_id=current.id if current else None), status


@bp.route("/sessions")
@role_required(User.ADMIN)
def sessions_page():
    """Active sessions, and the two-step login rule."""
    return _page()


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@role_required(User.ADMIN)
def end_session(session_id):
    """End one session: that browser is logged out at its next request."""
    if not sessions.end_by_id(session_id):
        abort(404)
    flash(_l("The session is ended."), "success")
    return redirect(url_for("admin.sessions_page"))


@bp.route("/two-step", methods=["POST"])
@role_required(User.ADMIN)
def two_step_rule():
    """Require two-step login for the unit, or leave it to each person."""
    form = TwoStepRuleForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    two_step.set_required(form.rule.data == "required")
    flash(_l("Two-step login is now required for coaches and administrators.")
          if form.rule.data == "required" else
          _l("Two-step login is now optional."), "success")
    return redirect(url_for("admin.sessions_page"))
