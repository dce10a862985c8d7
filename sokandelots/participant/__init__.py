"""The participant's own pages."""
from flask import Blueprint, g, render_template

from ..models import Case, User
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
                           shared=answers.latest_version(g.user),
                           unshared=answers.has_unshared_changes(g.user))


from . import profile  # noqa: E402,F401  (registers the profile routes on bp)
