"""The coach's pages: the caseload and each participant in it."""
from flask import Blueprint, abort, g, redirect, render_template, url_for

from .. import accounts, cards, htmx, sharing
from ..profile import answers
from ..models import Case, User
from ..security import role_required
from .forms import NewParticipantForm

bp = Blueprint("coach", __name__, url_prefix="/coach")


def own_case(participant_id):
    """The case if it is in this coach's caseload; any other participant is simply not found."""
    case = Case.of_coach(g.user, participant_id)
    if case is None:
        abort(404)
    return case


@bp.route("/")
@role_required(User.COACH)
def caseload():
    """The coach's participants."""
    return render_template("coach/caseload.html", cases=list(Case.for_coach(g.user)),
                           form=NewParticipantForm())


@bp.route("/participants", methods=["POST"])
@role_required(User.COACH)
def create_participant():
    """Create a participant and show their login card."""
    form = NewParticipantForm()
    if not form.validate_on_submit():
        return htmx.render("coach/new_participant.html", "coach/_new_participant.html",
                           status=422, form=form)
    user = accounts.create_participant(g.user, form.name.data, form.locale.data,
                                       form.commissioner.data)
    cards.issue(user)
    return htmx.redirect(url_for("coach.card", participant_id=user.id))


@bp.route("/participants/<int:participant_id>")
@role_required(User.COACH)
def participant(participant_id):
    """One participant's overview."""
    return render_template("coach/participant.html", case=own_case(participant_id))


@bp.route("/participants/<int:participant_id>/card")
@role_required(User.COACH)
def card(participant_id):
    """The printable login card, while its code is fresh."""
    case = own_case(participant_id)
    return render_template("coach/card.html", case=case, card=cards.card_context(case.participant))


@bp.route("/participants/<int:participant_id>/card", methods=["POST"])
@role_required(User.COACH)
def reset_login(participant_id):
    """A new login card: the old code and password stop working."""
    case = own_case(participant_id)
    cards.issue(case.participant)
    return redirect(url_for("coach.card", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/profile")
@role_required(User.COACH)
def profile(participant_id):
    """The latest profile the participant shared, by section."""
    case = own_case(participant_id)
    version = sharing.latest_version(case.participant)
    record = sharing.of_version(version)
    return render_template("coach/profile.html", case=case, version=version,
                           sections=answers.by_section(record["answers"]),
                           extras=sharing.extras(record))

from . import activities  # noqa: E402,F401  (registers the activity routes on bp)
