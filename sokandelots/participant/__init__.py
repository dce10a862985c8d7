"""The participant's own pages."""
from flask import Blueprint, g, render_template

from ..models import Case, User
from ..security import role_required

bp = Blueprint("participant", __name__, url_prefix="/me")


@bp.route("/")
@role_required(User.PARTICIPANT)
def home():
    """Min sida: the participant's start page."""
    case = Case.get_or_none(Case.participant == g.user)
    return render_template("participant/home.html", case=case)
