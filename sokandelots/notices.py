"""What the outbox sends, in the recipient's language: notices of something new, password
reset links and the coach's morning e-mail. Links start with PUBLIC_URL, never with the address
a request came to (see links.py). Every function here only queues: call it inside the change's
`db.atomic()`."""
from flask import render_template
from flask_babel import force_locale

from . import i18n, outbox, phrasebook
from .i18n import gettext as _
from .links import public_link
from .models import OutboxMessage

NEW_MESSAGE, PASSWORD_RESET, MORNING, REMINDER = (
    "new_message", "password_reset", "morning", "reminder")
KINDS = (NEW_MESSAGE, PASSWORD_RESET, MORNING, REMINDER)


def language(user):
    return user.locale if user.locale in i18n.LANGUAGES else i18n.DEFAULT_LOCALE


def email(user, kind, template, message_id=None, **values):
    """Queue an e-mail to `user`'s address: templates/mail/<template>.txt and .html, with the
    subject the text template's first line."""
    with force_locale(language(user)):
        text = render_template(f"mail/{template}.txt", user=user, **values)
        html = render_template(f"mail/{template}.html", user=user,
                               text_dir=i18n.text_direction(language(user)),
                               lang=i18n.lang_tag(language(user)), **values)
    subject, _blank, body = text.partition("\n")
    return outbox.queue(user, kind, OutboxMessage.EMAIL, user.email, subject.strip(),
                        body.strip() + "\n", html, message_id=message_id)


def sms(user, kind, text, message_id=None):
    return outbox.queue(user, kind, OutboxMessage.SMS, user.mobile, text=text,
                        message_id=message_id)


def new_message(participant):
    """Tell the participant, the way they chose, that their coach wrote: a link, never the
    words. Nothing when a notice waits already, so five messages in a row make one notice."""
    if outbox.waiting(participant, NEW_MESSAGE):
        return None
    target = public_link("participant.my_coach")
    if participant.notify_by == OutboxMessage.EMAIL and participant.email:
        return email(participant, NEW_MESSAGE, "new_message", link=target)
    if participant.notify_by == OutboxMessage.SMS and participant.mobile:
        with force_locale(language(participant)):
            text = _("You have a new message from your coach. Log in to read it: %(link)s",
                     link=target)
        return sms(participant, NEW_MESSAGE, text)
    return None


def meeting_reminder(meeting):
    """Remind the participant, the way they chose, of a meeting the next day: the kind, the day
    and time in words and the place. Once per meeting and start time, however often it runs
    (a meeting moved to another day gets a reminder of its own)."""
    from .catalogues import MEETING_KINDS, MEETING_PLACES
    participant = meeting.participant
    message_id = f"reminder-{meeting.id}-{meeting.starts_at:%Y%m%d%H%M}"
    target = public_link("participant.meetings_page")
    with force_locale(language(participant)):
        values = {"meeting": str(MEETING_KINDS.get(meeting.kind, meeting.kind)),
                  "when": i18n.meeting_time_in_words(meeting.starts_at),
                  "place": str(MEETING_PLACES.get(meeting.place, "")), "address": meeting.address,
                  "phrases": phrasebook.in_words(meeting.note_phrases), "note": meeting.note,
                  "note_marked": language(participant) != "sv"}
        if participant.notify_by == OutboxMessage.SMS and participant.mobile:
            where = " – ".join(part for part in (values["place"], meeting.address) if part)
            return sms(participant, REMINDER, _(
                "Reminder from your coach: %(meeting)s, %(when)s. %(where)s. Your meetings: "
                "%(link)s", meeting=values["meeting"], when=values["when"], where=where,
                link=target), message_id=message_id)
    if participant.notify_by == OutboxMessage.EMAIL and participant.email:
        return email(participant, REMINDER, "meeting_reminder", message_id=message_id,
                     link=target, **values)
    return None
