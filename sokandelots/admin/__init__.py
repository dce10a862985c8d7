"""The administrator's pages: accounts."""
from flask import Blueprint, abort, g, redirect, render_template, url_for

from .. import accounts, cards, htmx
from ..models import Case, User
from ..security import role_required
from .forms import NewCoachForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _user(user_id):
    user = User.get_or_none(User.id == user_id)
    if user is None:
        abort(404)
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


@bp.route("/coaches", methods=["POST"])
@role_required(User.ADMIN)
def create_coach():
    """A new coach account, with a login card for its first login."""
    form = NewCoachForm()
    if not form.validate_on_submit():
        return htmx.render("admin/new_coach.html", "admin/_new_coach.html", status=422, form=form)
    user = accounts.create_user(User.COACH, form.name.data)
    cards.issue(user)
    return htmx.redirect(url_for("admin.card", user_id=user.id))


@bp.route("/users/<int:user_id>/card")
@role_required(User.ADMIN)
def card(user_id):
    """A coach's printable login card, while its code is fresh."""
    user = _user(user_id)
    return render_template("admin/card.html", user=user, card=cards.card_context(user))


@bp.route("/users/<int:user_id>/card", methods=["POST"])
@role_required(User.ADMIN)
def reset_login(user_id):
    """A new login card for any account but one's own."""
    user = _other_user(user_id)
    cards.issue(user)
    return redirect(url_for("admin.card", user_id=user.id))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@role_required(User.ADMIN)
def toggle_active(user_id):
    """Deactivate an account (its sessions end at once), or activate it again."""
    user = _other_user(user_id)
    user.is_active = not user.is_active
    user.session_epoch += 1
    user.save()
    return redirect(url_for("admin.users"))

from . import jobcards  # noqa: E402,F401  (registers the job-card routes on bp)
