"""Rules for talking with the participant: feedback and replies, internal notes, messages."""
from peewee import fn

from . import notices, phrasebook
from .db import Prepared, asking, db, id_list
from .models import Feedback, InternalNote, Message, User, utcnow

TEXT_LENGTH = 2000


def add_feedback(participant, author, text, section="", reply_to=None, phrases=()):
    """Feedback: free text, and (from a coach) the phrasebook's chosen phrases."""
    with db.atomic():
        item = Feedback.create(participant=participant, author=author, text=text or "",
                               section=section, reply_to=reply_to,
                               phrases=phrasebook.dumps(list(phrases)))
        _tell(participant, author)
        return item


def _tell(participant, writer):
    """The participant hears, the way they chose, that someone else wrote to them."""
    if writer is not None and writer.id != participant.id:
        notices.new_message(participant)


_FEEDBACK = Prepared(lambda participant: Feedback.select(Feedback, User).join(
    User, on=Feedback.author, attr="author_user").where(Feedback.participant == participant)
    .order_by(Feedback.created_at, Feedback.id))


@_FEEDBACK.then
def feedback(rows, participant):
    """The coach's feedback, newest first, each with its replies oldest first."""
    replies = {}
    for row in rows:
        if row.reply_to_id:
            replies.setdefault(row.reply_to_id, []).append(row)
    return [(row, replies.get(row.id, [])) for row in reversed(rows) if not row.reply_to_id]


def feedback_item(participant, feedback_id):
    return Feedback.get_or_none(Feedback.id == feedback_id, Feedback.participant == participant,
                                Feedback.reply_to.is_null())


def confirm_read(item):
    if item.read_at is None:
        item.read_at = utcnow()
        item.save(only=[type(item).read_at])


def add_internal_note(participant, author, text):
    return InternalNote.create(participant=participant, author=author, text=text)


def internal_notes(participant):
    return list(InternalNote.select().where(InternalNote.participant == participant)
                .order_by(InternalNote.created_at.desc(), InternalNote.id.desc()))


_INTERNAL_NOTES = Prepared(lambda participant: InternalNote.select(InternalNote.created_at)
                           .where(InternalNote.participant == participant)
                           .order_by(InternalNote.created_at))


@_INTERNAL_NOTES.then
def internal_note_dates(rows, participant):
    """Only when internal notes were written: what the participant may know of them."""
    return [row.created_at for row in rows]


def send(participant, sender, text, phrases=()):
    """A message: free text, and (from a coach) the phrasebook's chosen phrases."""
    with db.atomic():
        message = Message.create(participant=participant, sender=sender, text=text or "",
                                 phrases=phrasebook.dumps(list(phrases)))
        _tell(participant, sender)
        return message


def thread(participant):
    """The messages, oldest first. Showing them marks nothing as read: that is `mark_read`."""
    return list(Message.select().where(Message.participant == participant)
                .order_by(Message.created_at, Message.id))


def unread_by(reader, rows):
    """Whether any of the shown `rows` is a message to `reader` not marked as read yet."""
    return any(row.sender_id not in (None, reader.id) and row.read_at is None for row in rows)


def mark_read(participant, reader, up_to):
    """Mark the messages to `reader` as read, up to the one with id `up_to`: the last one the
    page showed them, so a message that came meanwhile stays unread."""
    if up_to is None:
        return
    (Message.update(read_at=utcnow())
     .where(Message.participant == participant, Message.sender != reader,
            Message.read_at.is_null(), Message.id <= up_to)
     .execute())


def unread_query(participant):
    """How many messages to the participant are not read yet: a query of one number (the
    participant's pages ask for it with other numbers, see `participant.at_a_glance`)."""
    return Message.select(fn.COUNT(Message.id)).where(
        Message.participant == participant, Message.sender != participant,
        Message.read_at.is_null())


_UNREAD_FROM = Prepared(lambda ids: Message.select(Message.participant, fn.COUNT(Message.id))
                        .where(Message.participant.in_(id_list(ids)),
                               Message.sender == Message.participant, Message.read_at.is_null())
                        .group_by(Message.participant).tuples(), lists=(0,))


@asking
def unread_for_coach(participant_ids):
    """Unread messages from each participant: participant id -> count, in one query."""
    return _UNREAD_FROM.ask(participant_ids, finish=dict)
