"""The participant's own pages."""
from flask import Blueprint, g, render_template

from ..models import Case, User
from .. import sharing
from ..activities import records
from ..jobcards import choices
from ..profile import answers
from ..security import role_required

bp = Blueprint("participant", __name__, url_prefix="/me")


@bp.route("/")
@role_required(User.PARTICIPANT)
def home():
    """Min sida: big tiles, and how far the profile has come."""
    draft = answers.draft(g.user)
    return render_template("participant/home.html",
                           case=Case.get_or_none(Case.participant == g.user),
                           progress=answers.progress(draft),
                           shared=sharing.latest_version(g.user),
                           unshared=sharing.has_unshared_changes(g.user),
                           cards_sorted=sum(1 for c in choices.of(g.user).values() if c.answer),
                           activity_count=len(records.for_participant(g.user)))


from . import profile  # noqa: E402,F401  (these modules register their routes on bp)
from . import jobcards, activities  # noqa: E402,F401
