"""The participant's own pages."""
from collections import namedtuple

from flask import Blueprint, g, render_template
from peewee import Select

from ..db import Ask, Prepared, ask_together, asking, db
from ..models import User, utcnow
from .. import access, audit, meetings, notes, sharing, sittings
from ..profile import answers
from ..security import role_required

bp = Blueprint("participant", __name__, url_prefix="/me")

Glance = namedtuple("Glance", "unread meetings new_coach")

# The small numbers of the home page and of Min coach, asked for in one statement.
_GLANCE = Prepared(lambda participant, now: Select(columns=[
    notes.unread_query(participant), meetings.upcoming_query(participant, now),
    *access.latest_handover_queries(participant)]).bind(db).tuples(), values=2)


@asking
def at_a_glance(participant):
    """The participant's case with its coach (see `access.case_of`; None without one) and a
    `Glance`: new messages, meetings to come, and the new coach's name after a recent handover
    (else None)."""
    return Ask.all(access.case_of.ask(participant), _GLANCE.ask(participant, utcnow()),
                   then=_glance)


def _glance(case, rows):
    unread, upcoming, handed_to, read_until = rows[0]  # the one row of _GLANCE
    return case, Glance(unread, upcoming, access.new_coach(case, handed_to, read_until))


@bp.route("/")
@role_required(User.PARTICIPANT)
def home():
    """Min sida: big tiles, and how far the profile has come."""
    draft, (case, glance) = ask_together(sharing.draft_state.ask(g.user), at_a_glance.ask(g.user))
    return render_template("participant/home.html",
                           case=case,
                           progress=answers.progress(draft.answers), shared=draft.latest,
                           unshared=draft.unshared,
                           cards_sorted=sum(1 for c in draft.record["cards"].values()
                                            if c.get("answer")),
                           activity_count=len(draft.record["activities"]),
                           unread=glance.unread, sitting_code=sittings.code(g.user),
                           meeting_count=glance.meetings, new_coach=glance.new_coach)


@bp.route("/access")
@role_required(User.PARTICIPANT)
def access_log():
    """Vem har tittat på mina uppgifter: every time staff opened or changed my record, one
    line for each visit."""
    return render_template("participant/access.html",
                           visits=audit.visits(audit.for_participant(g.user, limit=1000)))


from . import profile  # noqa: E402,F401  (these modules register their routes on bp)
from . import jobcards, activities, my_coach, placements, my_meetings, contact  # noqa: E402,F401
