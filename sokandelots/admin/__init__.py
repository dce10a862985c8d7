"""The administrator's pages: accounts."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .. import access, accounts, audit, cards, htmx
from ..coach.forms import HandoverForm
from ..i18n import lazy_gettext as _l
from ..models import Case, User
from ..security import role_required
from .forms import NewCoachForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _user(user_id):
    user = User.get_or_none(User.id == user_id)
    if user is None:
        abort(404)
    if user.role == User.PARTICIPANT:
        audit.opened(user)
    return user


def _other_user(user_id):
    """An account that is not the administrator's own, so nobody locks themself out."""
    user = _user(user_id)
    if user.id == g.user.id:
        abort(403)
    return user


@bp.route("/")
@role_required(User.ADMIN)
def users():
    """Every account, staff first."""
    people = User.select().order_by(User.role.desc(), User.display_name)
    coaches = {case.participant_id: case.coach for case in
               Case.select(Case, User).join(User, on=Case.coach)}
    return render_template("admin/users.html", people=people, coaches=coaches,
                           form=NewCoachForm())


@bp.route("/users/<int:user_id>/coach", methods=["GET", "POST"])
@role_required(User.ADMIN)
def move_participant(user_id):
    """Give a participant another coach, with a handover note: the same handover as the coach's
    own (access.hand_over), so the old coach still reads the record for a while."""
    case = Case.get_or_none(Case.participant == _user(user_id))
    if case is None:
        abort(404)
    coaches = access.active_coaches(but=case.coach)
    form = HandoverForm(coaches)
    if form.validate_on_submit():
        new = form.chosen()
        access.hand_over(case, new, g.user, form.note.data)
        audit.changed()
        flash(_l("%(name)s now has %(coach)s as coach.", name=case.participant.display_name,
                 coach=new.display_name), "success")
        return redirect(url_for("admin.users"))
    return render_template("coach/handover.html", case=case, form=form, days=access.read_days(),
                           back=url_for("admin.users")), (422 if form.errors else 200)


@bp.route("/access")
@role_required(User.ADMIN)
def access_log():
    """Search the access log by the name of a participant or of staff."""
    query = request.args.get("q", "")[:100]
    return render_template("admin/access.html", rows=audit.search(query), query=query,
                           what=audit.what, visit_minutes=audit.VISIT.seconds // 60)


@bp.route("/coaches", methods=["POST"])
@role_required(User.ADMIN)
def create_coach():
    """A new coach or unit manager account, with a login card for its first login."""
    form = NewCoachForm()
    if not form.validate_on_submit():
        return htmx.render("admin/new_coach.html", "admin/_new_coach.html", status=422, form=form)
    user = accounts.create_user(form.role.data, form.name.data)
    cards.issue(user)
    return htmx.redirect(url_for("admin.card", user_id=user.id))


def _staff(user):
    """Only staff get their login cards from an administrator. A participant's card comes from
    their own coach, so that nobody else can take over the account with a new one."""
    if user.role == User.PARTICIPANT:
        abort(403)
    return user


@bp.route("/users/<int:user_id>/card")
@role_required(User.ADMIN)
def card(user_id):
    """A coach's printable login card, while its code is fresh."""
    user = _staff(_user(user_id))
    return render_template("admin/card.html", user=user, card=cards.card_context(user))


@bp.route("/users/<int:user_id>/card", methods=["POST"])
@role_required(User.ADMIN)
def reset_login(user_id):
    """A new login card for a member of staff other than oneself."""
    user = _staff(_other_user(user_id))
    cards.issue(user)
    audit.changed()
    return redirect(url_for("admin.card", user_id=user.id))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@role_required(User.ADMIN)
def toggle_active(user_id):
    """Deactivate an account (its sessions end at once), or activate it again."""
    user = _other_user(user_id)
    user.is_active = not user.is_active
    user.session_epoch += 1
    user.save()
    audit.changed()
    return redirect(url_for("admin.users"))

from . import jobcards  # noqa: E402,F401  (registers the job-card routes on bp)
from . import statistics  # noqa: E402,F401  (registers the statistics routes on bp)
from . import privacy  # noqa: E402,F401  (registers the erasure and record-of-processing routes on bp)
from . import sessions  # noqa: E402,F401  (registers the sessions and two-step rule routes on bp)
from . import provider  # noqa: E402,F401  (registers the provider details route on bp)
