"""Referrals (förfrågan, anmälan): a coach, or an administrator for the unit, registers a
commissioner's request about a person before any login exists. A coach sees their own, an
administrator the whole unit's; another coach's referral is simply not found."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .. import audit, cards, conflicts, personnummer
from ..catalogues import (INCOME_SOURCES, REFERRAL_STATUSES, SUPPORT_NEEDS, TARGET_GROUPS,
                          WISH_TO_WORK)
from ..i18n import lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import records as rules
from .forms import EndForm, ReferralForm

bp = Blueprint("referrals", __name__, url_prefix="/referrals")
staff = role_required(User.COACH, User.ADMIN)


@bp.record_once
def _catalogues(state):
    """The referral catalogues every template may name, the same for every page."""
    state.app.jinja_env.globals.update(
        referral_statuses=REFERRAL_STATUSES, target_groups=TARGET_GROUPS,
        income_sources=INCOME_SOURCES, wish_to_work=WISH_TO_WORK, support_needs=SUPPORT_NEEDS,
        masked=personnummer.mask)


def _referral(referral_id):
    """The referral if this user may see it; else not found. Once it is a case, its page is
    part of the participant's record and logged as such."""
    referral = rules.find(g.user, referral_id)
    if referral is None:
        abort(404)
    if referral.participant_id is not None:
        audit.opened(referral.participant)
    return referral


def _coaches():
    """For an administrator, the coaches a referral can be given to; None for a coach."""
    if g.user.role != User.ADMIN:
        return None
    return list(User.select().where(User.role == User.COACH, User.is_active)
                .order_by(User.display_name))


@bp.route("/")
@staff
def index():
    """Open referrals (or the ended ones, or all): the coach's own, the whole unit's for an
    administrator."""
    shown = request.args.get("show") if request.args.get("show") in rules.SHOWN else "open"
    return render_template("referrals/index.html", referrals=rules.listed(g.user, shown),
                           shown=shown)


@bp.route("/new", methods=["GET", "POST"])
@staff
def new():
    form = ReferralForm(coaches=_coaches())
    if form.validate_on_submit():
        coach = User.get_by_id(form.coach.data) if "coach" in form else g.user
        referral = rules.save(rules.new(coach), form.data, g.user)
        flash(_l("The referral is saved."), "success")
        return redirect(url_for("referrals.referral", referral_id=referral.id))
    return render_template("referrals/form.html", form=form, referral=None), \
        422 if form.errors else 200


@bp.route("/<int:referral_id>")
@staff
def referral(referral_id):
    """The whole referral, with the personal identity number in full, and what can be done."""
    item = _referral(referral_id)
    return render_template("referrals/referral.html", referral=item, end_form=EndForm(),
                           groups=rules.groups(item))


@bp.route("/<int:referral_id>/edit", methods=["GET", "POST"])
@staff
def edit(referral_id):
    item = _referral(referral_id)
    coaches = _coaches() if item.status == "open" else None
    form = ReferralForm(coaches=coaches, data=None if request.method == "POST" else {
        **rules.values_of(item), "coach": item.coach_id, "seen": rules.token(item)})
    if form.validate_on_submit():
        if form.seen.data is not None and form.seen.data != rules.token(item):
            # Saved by someone else while this form was open: show both before saving anything.
            conflict = conflicts.differences(form, rules.values_of(item), rules.FIELDS)
            if conflict:
                conflicts.rebase(form.seen, rules.token(item))
                return render_template("referrals/form.html", form=form, referral=item,
                                       conflict=conflict), 409
        coach = User.get_by_id(form.coach.data) if "coach" in form else None
        rules.save(item, form.data, g.user, coach=coach)
        audit.changed()
        flash(_l("The referral is saved."), "success")
        return redirect(url_for("referrals.referral", referral_id=referral_id))
    return render_template("referrals/form.html", form=form, referral=item), \
        422 if form.errors else 200


@bp.route("/<int:referral_id>/accept", methods=["POST"])
@role_required(User.COACH)
def accept(referral_id):
    """The person said yes: the referral becomes a case, and the login card is shown."""
    item = _referral(referral_id)
    if item.status != "open":
        flash(_l("Only an open referral can become a case."), "error")
        return redirect(url_for("referrals.referral", referral_id=referral_id))
    person = rules.accept(item, g.user)
    cards.issue(person)
    audit.opened(person)
    audit.changed()
    flash(_l("%(name)s now has a case. Print the login card.", name=person.display_name),
          "success")
    return redirect(url_for("coach.card", participant_id=person.id))


@bp.route("/<int:referral_id>/end", methods=["POST"])
@staff
def end(referral_id):
    """The person said no, or the commissioner took it back: kept as such for the statistics."""
    item = _referral(referral_id)
    form = EndForm()
    if item.status != "open":
        flash(_l("The referral is already closed."), "error")
        return redirect(url_for("referrals.referral", referral_id=referral_id))
    if not form.validate():
        return render_template("referrals/referral.html", referral=item, end_form=form,
                               groups=rules.groups(item)), 422
    rules.end(item, form.status.data, form.status_on.data, form.status_reason.data)
    flash(_l("The referral is closed as: %(status)s.", status=REFERRAL_STATUSES[item.status]),
          "success")
    return redirect(url_for("referrals.referral", referral_id=referral_id))


@bp.route("/<int:referral_id>/reopen", methods=["POST"])
@staff
def reopen(referral_id):
    """A referral closed by mistake is open again."""
    item = _referral(referral_id)
    if item.status in rules.REFERRAL_ENDS:
        rules.reopen(item)
    flash(_l("The referral is open again."), "success")
    return redirect(url_for("referrals.referral", referral_id=referral_id))
