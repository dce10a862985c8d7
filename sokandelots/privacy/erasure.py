"""Erasing a participant completely: every row about them and the account.

Erasure does not lean on the database's ON DELETE rules: every table that points at a
participant is named below, so the erase function says what happens to each row, and a test
fails when a new foreign key is not named here.
"""
import operator
from functools import reduce

from peewee import SqliteDatabase

from .. import outcomes
from ..db import db
from ..models import (MODELS, AccessLog, Activity, Agreement, Attendance, BenefitsCounselling,
                      CalendarFeed, CardChoice, Case, Consent, Cover, Employer, EmployerEvent,
                      EmployerPerson, Feedback, FollowUp, Handover, InternalNote, Lead, Meeting,
                      Message, OutboxMessage, OutcomeRow, PasswordReset, Placement, PlanVersion,
                      ProfileAnswer, ProfileVersion, RecordedVoice, RecoveryCode, Referral, Report,
                      Revision, SharedSpokenAnswer, SpokenAnswer, SpokenText, StepChange, User,
                      UserSession)
from .record import CATALOGUE

# Rows about the participant: deleted. Their children (below) go first.
OWNED = [Case.participant, ProfileAnswer.participant, ProfileVersion.participant,
         CardChoice.participant, Activity.participant, FollowUp.participant,
         AccessLog.participant, Feedback.participant, InternalNote.participant,
         Agreement.participant, Consent.participant, Message.participant, Lead.participant,
         Placement.participant, RecoveryCode.user, UserSession.user, SpokenText.participant,
         SpokenAnswer.participant, Referral.participant, Report.participant,
         Revision.participant, BenefitsCounselling.participant, Meeting.participant,
         OutboxMessage.user, PasswordReset.user, Handover.participant]
# Rows that hang on a row of the participant rather than on the account: (link, the parent's owner).
CHILDREN = [(StepChange.case, Case.participant),
            (PlanVersion.placement, Placement.participant),
            (Attendance.placement, Placement.participant),
            (Feedback.reply_to, Feedback.participant),
            (SharedSpokenAnswer.version, ProfileVersion.participant),
            (Meeting.followup, FollowUp.participant)]
# Columns that only say who did something, in rows that may be about someone else: emptied,
# so the row stays but no longer names the erased person.
ACTOR_COLUMNS = [Activity.added_by, StepChange.changed_by, FollowUp.coach, AccessLog.actor,
                 Feedback.author, InternalNote.author, Agreement.updated_by, Message.sender,
                 Employer.created_by, EmployerEvent.coach, Lead.created_by, Placement.created_by,
                 PlanVersion.created_by, Attendance.marked_by, Attendance.confirmed_by,
                 Referral.created_by, Report.created_by, Report.sent_by, EmployerPerson.created_by,
                 Revision.author, BenefitsCounselling.coach, Meeting.coach]
# Links to staff that erasing a participant never meets (a participant coaches nobody).
# The anonymous outcome rows name only the coach, so they stay when a participant is erased.
# The coaches of a handover and who made it, and a cover's coach and substitute, are staff.
STAFF_ONLY = [Case.coach, RecordedVoice.recorded_by, RecordedVoice.approved_by, Referral.coach,
              OutcomeRow.coach, CalendarFeed.coach, Handover.from_coach, Handover.to_coach,
              Handover.made_by, Cover.coach, Cover.substitute]



def _parents(owner, user):
    return owner.model.select(owner.model._meta.primary_key).where(owner == user.id)


def _erased(model, user):
    """The condition that picks `model`'s rows that erasing `user` deletes; None for none."""
    found = [link == user.id for link in OWNED if link.model is model] + [
        link.in_(_parents(owner, user)) for link, owner in CHILDREN if link.model is model]
    return reduce(operator.or_, found) if found else None


def inventory(user):
    """What erasing `user` removes: (kind of record, count) for every kind they have, then how
    many rows elsewhere lose their name."""
    counts = {model: model.select().where(_erased(model, user)).count() for model in MODELS
              if _erased(model, user) is not None}
    kinds = [(CATALOGUE["user"].title, 1)] + [
        (CATALOGUE[model._meta.table_name].title, count)
        for model, count in counts.items() if count]
    named = 0
    for column in ACTOR_COLUMNS:
        query = column.model.select().where(column == user.id)
        erased = _erased(column.model, user)
        named += (query.where(~erased) if erased is not None else query).count()
    return kinds, named


def erase(user):
    """Erase a participant completely, in one transaction: every row about them and the
    account. Nothing of theirs is kept in files."""
    if user.role != User.PARTICIPANT:
        raise ValueError("Only participants are erased; staff accounts are deactivated.")
    with db.atomic():
        outcomes.keep(user.id)
        for column in ACTOR_COLUMNS:
            column.model.update({column: None}).where(column == user.id).execute()
        for link, owner in CHILDREN:
            link.model.delete().where(link.in_(_parents(owner, user))).execute()
        for link in OWNED:
            link.model.delete().where(link == user.id).execute()
        User.delete().where(User.id == user.id).execute()
    if isinstance(db.obj, SqliteDatabase):
        # The deleted rows' old pages live on in the write-ahead log until a checkpoint, which
        # a kept connection may not reach for a long time: write them over now and empty it.
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

