"""The access log: every time a coach or an administrator opens or changes a participant's record.

A row keeps the page (its endpoint); WHAT names it in plain words for the participant's page
"Vem har tittat på mina uppgifter".
"""
from flask import g, request
from flask_babel import lazy_gettext as _l
from peewee import JOIN, fn

from .models import AccessLog, User

WHAT = {
    "coach.participant": _l("the overview of you"),
    "coach.change_step": _l("which step you are in"),
    "coach.profile": _l("the profile you shared"),
    "coach.mark_reviewed": _l("the profile you shared"),
    "coach.activities": _l("your activities"),
    "coach.activity": _l("your activities"),
    "coach.followups": _l("the follow-ups"),
    "coach.card": _l("your login card"),
    "coach.reset_login": _l("your login card"),
    "coach.change_username": _l("your username"),
    "admin.move_participant": _l("who your coach is"),
}
# I18N: the part of a participant's record that staff opened, when no better name is known
ANYTHING = _l("your information")


def record(participant):
    """Log that the logged-in user opens (GET) or changes (any other method) `participant`."""
    AccessLog.create(participant=participant, actor=g.user, endpoint=request.endpoint or "",
                     changed=request.method not in ("GET", "HEAD"))


def what(row):
    return WHAT.get(row.endpoint, ANYTHING)


def for_participant(participant, limit=200):
    """The newest rows about one participant, with who did it."""
    return list(AccessLog.select(AccessLog, User).join(User, JOIN.LEFT_OUTER, on=AccessLog.actor)
                .where(AccessLog.participant == participant)
                .order_by(AccessLog.created_at.desc(), AccessLog.id.desc()).limit(limit))


def search(text="", limit=200):
    """The newest rows whose participant or actor name or username contains `text`."""
    Actor, Participant = User.alias(), User.alias()
    query = (AccessLog.select(AccessLog, Actor, Participant)
             .join(Actor, JOIN.LEFT_OUTER, on=(AccessLog.actor == Actor.id).alias("actor"))
             .switch(AccessLog).join(Participant, on=(AccessLog.participant == Participant.id)
                                     .alias("participant")))
    text = text.strip().lower()
    if text:
        query = query.where(
            fn.LOWER(Participant.display_name).contains(text) | fn.LOWER(Participant.username).contains(text)
            | fn.LOWER(Actor.display_name).contains(text) | fn.LOWER(Actor.username).contains(text))
    return list(query.order_by(AccessLog.created_at.desc(), AccessLog.id.desc()).limit(limit))
