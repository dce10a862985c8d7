"""The participant's own pages."""
from flask import Blueprint, g, render_template

from ..models import User
from .. import access, audit, meetings, notes, sharing, sittings
from ..profile import answers
from ..security import role_required

bp = Blueprint("participant", __name__, url_prefix="/me")


@bp.route("/")
@role_required(User.PARTICIPANT)
def home():
    """Min sida: big tiles, and how far the profile has come."""
    draft, shared = answers.draft(g.user), sharing.latest_version(g.user)
    record = sharing.current(g.user, draft=draft)  # read once, counted from below
    case = access.case_of(g.user)
    return render_template("participant/home.html",
                           case=case,
                           progress=answers.progress(draft), shared=shared,
                           unshared=sharing.has_unshared_changes(g.user, shared, record),
                           cards_sorted=sum(1 for c in record["cards"].values() if c.get("answer")),
                           activity_count=len(record["activities"]),
                           unread=notes.unread_for_participant(g.user),
                           sitting_code=sittings.code(g.user),
                           meeting_count=meetings.upcoming_count(g.user),
                           new_coach=access.news_for_participant(g.user, case))


@bp.route("/access")
@role_required(User.PARTICIPANT)
def access_log():
    """Vem har tittat på mina uppgifter: every time staff opened or changed my record, one
    line for each visit."""
    return render_template("participant/access.html",
                           visits=audit.visits(audit.for_participant(g.user, limit=1000)))


from . import profile  # noqa: E402,F401  (these modules register their routes on bp)
from . import jobcards, activities, my_coach, placements, my_meetings, contact  # noqa: E402,F401
