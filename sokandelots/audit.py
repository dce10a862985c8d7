"""The access log: every time a coach or an administrator opens or changes a participant's record.

A staff page that shows a participant's record calls `opened` (the coach's `own_case` does).
Its view is written once the response is known, and only for a page that was really shown: not
for an error (404, 403, a form with mistakes), not for an htmx fragment inside a page that was
already logged, and not again when the same person opens the same page within `VISIT`. A change
is written by the view, with `changed`, where the change is saved, so a refused or failed
request is never logged as one.

PAGES names each logged page in plain words for the participant's page "Vem har tittat på mina
uppgifter", which groups one visit's rows into one line.
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from babel.lists import format_list
from flask import g, request
from markupsafe import escape
from peewee import JOIN, fn

from . import htmx
from .db import Prepared, asking
from .i18n import bdi, get_locale, gettext, lazy_gettext as _l
from .models import AccessLog, User, utcnow

# Views by one person with no more than this between them are one visit; the same page opened
# again within it is not written again.
VISIT = timedelta(minutes=30)


@dataclass(frozen=True)
class Page:
    """What staff saw on a page (`part`, for "%(name)s looked at ..."), and what a change made
    there did, as a whole sentence (`change`). A page that only shows has no `change`; one that
    only changes has no `part`."""
    part: object = None
    change: object = None


PAGES = {
    # I18N: a part of the participant's record that staff opened; the parts of one visit are
    # listed in "%(name)s looked at %(parts)s."
    "coach.participant": Page(_l("the overview of you")),
    "coach.change_step": Page(change=_l("%(name)s changed which step you are in.")),
    "coach.card": Page(_l("your login card")),
    "coach.reset_login": Page(change=_l("%(name)s made a new login card for you.")),
    "coach.change_username": Page(change=_l("%(name)s changed your username.")),
    "coach.profile": Page(_l("the profile you shared")),
    "coach.shared_spoken_sound": Page(_l("the profile you shared")),
    "coach.mark_reviewed": Page(change=_l("%(name)s read the profile you shared.")),
    "coach.followups": Page(_l("the follow-ups"), _l("%(name)s wrote down a follow-up.")),
    "coach.meetings_page": Page(_l("your meetings"), _l("%(name)s booked a meeting with you.")),
    "coach.meeting": Page(_l("your meetings"), _l("%(name)s changed a meeting with you.")),
    "coach.cancel_meeting": Page(change=_l("%(name)s cancelled a meeting with you.")),
    "coach.meeting_followup": Page(_l("your meetings"),
                                   _l("%(name)s wrote down a follow-up of a meeting with you.")),
    "coach.benefits": Page(_l("the benefits counselling"),
                           _l("%(name)s wrote down benefits counselling.")),
    "coach.activities": Page(_l("your activities"), _l("%(name)s added an activity for you.")),
    "coach.activity": Page(_l("your activities"),
                           _l("%(name)s wrote what they think about your activity.")),
    "coach.notes_page": Page(_l("the feedback and notes about you")),
    "coach.add_feedback": Page(change=_l("%(name)s wrote feedback to you.")),
    "coach.add_internal_note": Page(change=_l("%(name)s wrote a note that only staff read.")),
    "coach.messages": Page(_l("your messages"), _l("%(name)s sent you a message.")),
    "coach.messages_read": Page(change=_l("%(name)s read your messages.")),
    "coach.contact": Page(_l("how you want to be told"),
                          _l("%(name)s changed how you want to be told.")),
    "coach.agreement": Page(_l("what you agreed"), _l("%(name)s changed what you agreed.")),
    "coach.print_agreement": Page(_l("what you agreed")),
    "coach.print_consent": Page(_l("what you agreed")),
    "coach.add_consent": Page(change=_l("%(name)s wrote down a consent.")),
    "coach.withdraw_consent": Page(_l("what you agreed"),
                                   _l("%(name)s wrote down that a consent is taken back.")),
    "coach.together": Page(_l("your profile, sitting with you"),
                           _l("%(name)s filled in your profile together with you.")),
    "coach.spoken_sound": Page(_l("your profile, sitting with you")),
    "coach.together_spoken": Page(change=_l("%(name)s filled in your profile together with you.")),
    "coach.confirm_sitting": Page(change=_l(
        "You let %(name)s see your answers while you sat together.")),
    "coach.leads": Page(_l("your job search"), _l("%(name)s added an employer to your job search.")),
    "coach.move_lead": Page(change=_l("%(name)s changed how far your job search has come.")),
    "coach.match_view": Page(_l("how a job fits your profile")),
    "coach.placements": Page(_l("your plans at work"), _l("%(name)s added a workplace for you.")),
    "coach.plan": Page(_l("your plans at work"), _l("%(name)s changed your plan at work.")),
    "coach.plan_version": Page(_l("your plans at work")),
    "coach.end_placement": Page(change=_l("%(name)s wrote down the day your time at a workplace ended.")),
    "coach.attendance_month": Page(_l("your days at work"), _l("%(name)s checked your days at work.")),
    "coach.attendance_report": Page(_l("the report of your days at work")),
    "coach.attendance_csv": Page(_l("the report of your days at work")),
    "coach.complete_export": Page(_l("everything stored about you")),
    "referrals.referral": Page(_l("the referral about you")),
    "referrals.edit": Page(_l("the referral about you"),
                           _l("%(name)s changed the referral about you.")),
    "referrals.accept": Page(change=_l("%(name)s started your support and made a login card "
                                       "for you.")),
    "coach.case_number": Page(change=_l("%(name)s wrote down the number of your case.")),
    "coach.new_report": Page(change=_l("%(name)s started a report on how your support is going.")),
    "coach.report": Page(_l("the reports on how your support is going"),
                         _l("%(name)s wrote in a report on how your support is going.")),
    "coach.send_report": Page(change=_l("%(name)s sent a report on how your support is going.")),
    "coach.absences_notified": Page(change=_l(
        "%(name)s told the ones who asked us to support you about days you were away.")),
    "coach.correct_record": Page(_l("something they wrote about you"),
                                 _l("%(name)s corrected something they wrote about you.")),
    "coach.correct_case": Page(_l("your name and who asked us to support you"),
                               _l("%(name)s corrected your name or who asked us to support you.")),
    "admin.move_participant": Page(_l("who your coach is"),
                                   _l("%(name)s gave you another coach.")),
    "coach.handover": Page(_l("who your coach is"), _l("%(name)s gave you another coach.")),
    "admin.card": Page(_l("your login card")),
    "admin.reset_login": Page(change=_l("%(name)s made a new login card for you.")),
    "admin.toggle_active": Page(change=_l("%(name)s changed whether you can log in.")),
    "admin.erase": Page(_l("what erasing your information would remove")),
}
# I18N: the part of a participant's record that staff opened, when no better name is known
ANYTHING = _l("your information")
# I18N: a change staff made to a participant's record, when no better words are known
ANY_CHANGE = _l("%(name)s changed your information.")


def opened(participant, seen=None):
    """This request shows `participant`'s record: log the view when the response is known.
    `seen`: whether this view was logged within the last VISIT, when asked already (see
    `seen_lately`)."""
    g.audit_participant, g.audit_seen = participant, seen


def changed():
    """Log the change this request saved to the participant it opened. Call it where the change
    is saved. A request that opened nobody, such as the participant's own page, logs nothing;
    a request that saves two things (a spoken answer and the written one) logs one change."""
    participant = g.get("audit_participant")
    if participant is not None and not g.get("audit_changed"):
        g.audit_changed = True
        AccessLog.create(participant=participant, actor=g.user, endpoint=request.endpoint or "",
                         changed=True)


# Whether this person looked at this part of the record within the last VISIT: every page about
# a participant asks.
_SEEN = Prepared(lambda participant, actor, endpoint, since: AccessLog.select(AccessLog.id).where(
    AccessLog.participant == participant, AccessLog.actor == actor,
    AccessLog.endpoint == endpoint, AccessLog.changed == False,  # noqa: E712
    AccessLog.created_at >= since).limit(1), values=4)


@asking
def seen_lately(participant):
    """Whether this request's user looked at this part of `participant`'s record within the
    last VISIT: asked with the page's first questions, it needs no round trip of its own."""
    return _SEEN.ask(participant, g.user, request.endpoint or "", utcnow() - VISIT,
                     finish=bool)


def logs_view():
    """Whether this request is a view that is logged (see `opened`), if it opens a record."""
    return request.method in ("GET", "HEAD") and not htmx.wants_fragment()


def _log_view(response):
    participant = g.get("audit_participant")
    if (participant is None or g.get("audit_changed") or not logs_view()
            or not 200 <= response.status_code < 300):
        return response
    seen = g.get("audit_seen")
    if not (seen_lately(participant) if seen is None else seen):
        AccessLog.create(participant=participant, actor=g.user, endpoint=request.endpoint or "")
    return response


def init_app(app):
    app.after_request(_log_view)


def what(row):
    """A row in words: what was opened (a part), or what a change did (a sentence)."""
    page = PAGES.get(row.endpoint, Page())
    if row.changed:
        return _sentence(page.change or ANY_CHANGE, actor=row.actor)
    return page.part or ANYTHING


def _sentence(text, **values):
    """A translated sentence with the actor's name in it, kept in its own direction."""
    actor = values.pop("actor")
    name = actor.display_name if actor else gettext("someone who is no longer here")
    return escape(str(text)) % {"name": bdi(name), **values}


@dataclass
class Visit:
    """One person's consecutive rows, each within VISIT of the one before: when, what they
    opened (each part once) and what they changed (each sentence once)."""
    actor_id: int
    actor: object
    first: datetime
    last: datetime
    parts: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    def looked_at(self):
        """What was opened, as one sentence; empty when the visit only changed things."""
        if not self.parts:
            return ""
        # I18N: %(parts)s lists parts of the participant's record, such as "the overview of
        # you and the profile you shared"
        return _sentence(_l("%(name)s looked at %(parts)s."), actor=self.actor,
                         parts=format_list(self.parts, locale=get_locale()))


def visits(rows):
    """Rows (in any order) grouped into visits, newest first."""
    found = []
    for row in sorted(rows, key=lambda row: (row.created_at, row.id)):
        visit = found[-1] if found else None
        if visit is None or visit.actor_id != row.actor_id or row.created_at - visit.last > VISIT:
            visit = Visit(row.actor_id, row.actor, row.created_at, row.created_at)
            found.append(visit)
        visit.last = row.created_at
        words, listed = what(row), (visit.changes if row.changed else visit.parts)
        words = words if row.changed else str(words)
        if words not in listed:
            listed.append(words)
    return found[::-1]


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
