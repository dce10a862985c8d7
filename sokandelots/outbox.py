"""The outbox: e-mails and SMS written in the same transaction as the change that causes them,
and sent later by `flask --app app send-outbox` (run by a timer).

How a message goes out, and why it never goes out twice:

1. `queue` writes a row with a unique message id, inside the caller's `db.atomic()`: no message
   without the change, no change without its message.
2. `send_due` claims each due row with one conditional update (WAITING -> SENDING, committed
   before anything is sent), so two runners at once, on two app servers, never both take a row:
   on PostgreSQL the second update waits for the first's row lock, then finds the row no longer
   WAITING and changes nothing; on SQLite one write at a time is let in.
3. It hands the message over, with the id as the e-mail's Message-ID and as the SMS gateway's
   reference, then marks the row SENT.
4. When the server certainly did not take the message (it could not be reached, or it answered
   no), the row waits again, with back-off, up to MAX_ATTEMPTS tries.
5. When it is not certain (the connection broke while the message was being handed over, or the
   runner was killed between sending and marking), the row is never sent again: a row left in
   SENDING longer than LEASE becomes UNKNOWN. Delivery is at most once, since exactly once over
   SMTP cannot be had (see README, "Reminders and notices").
"""
import smtplib
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from flask import current_app
from peewee import IntegrityError

from .db import db
from .models import OutboxMessage, utcnow

# Minutes to wait before the next try, after the first, second, ... failed try.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# A row claimed longer ago than this, and not marked, was left by a runner that stopped.
LEASE = timedelta(minutes=15)
# Sent, failed and unknown rows are kept this long as a record, then deleted.
KEEP = timedelta(days=30)
TIMEOUT = 30  # seconds for the SMTP server or the SMS gateway to answer


class NotSent(Exception):
    """The server certainly did not take the message, so it may be tried again."""


def queue(user, kind, channel, address, subject="", text="", html="", message_id=None,
          due_at=None):
    """Write a message to send; call it inside the `db.atomic()` of the change that causes it.
    A message id that is queued already queues nothing (None), so a job that runs twice
    (a morning e-mail) sends once."""
    try:
        with db.atomic():  # a savepoint: a repeated id leaves the caller's transaction usable
            return OutboxMessage.create(
                message_id=message_id or uuid.uuid4().hex, user=user, channel=channel,
                address=address, kind=kind, subject=subject[:200], text=text, html=html,
                due_at=due_at or utcnow())
    except IntegrityError:
        return None


def waiting(user, kind):
    """Whether a message of `kind` to `user` waits to be sent (a second notice adds nothing)."""
    return OutboxMessage.select().where(
        OutboxMessage.user == user, OutboxMessage.kind == kind,
        OutboxMessage.status == OutboxMessage.WAITING).exists()


def claim(row, now):
    """Take `row` for sending; False when another runner took it first."""
    return OutboxMessage.update(
        status=OutboxMessage.SENDING, claimed_at=now, attempts=OutboxMessage.attempts + 1,
    ).where(OutboxMessage.id == row.id, OutboxMessage.status == OutboxMessage.WAITING,
            OutboxMessage.due_at <= now).execute() == 1


def _finish(row, **values):
    OutboxMessage.update(**values).where(
        OutboxMessage.id == row.id, OutboxMessage.status == OutboxMessage.SENDING).execute()


def mark_sent(row):
    """Sent: the words go (a reset link must not stay), the record of sending stays."""
    _finish(row, status=OutboxMessage.SENT, sent_at=utcnow(), text="", html="", last_error="")


def retry_later(row, error, now):
    attempts = row.attempts + 1  # the claim counted this try
    if attempts >= MAX_ATTEMPTS:
        _finish(row, status=OutboxMessage.FAILED, last_error=str(error)[:200])
    else:
        _finish(row, status=OutboxMessage.WAITING, last_error=str(error)[:200],
                due_at=now + timedelta(minutes=BACKOFF_MINUTES[attempts - 1]))


def mark_unknown(row, error):
    _finish(row, status=OutboxMessage.UNKNOWN, last_error=str(error)[:200])


def abandon_stale(now):
    """Rows a stopped runner left in SENDING: not sent again (at most once); their number."""
    return OutboxMessage.update(status=OutboxMessage.UNKNOWN,
                                last_error="the sender stopped while sending").where(
        OutboxMessage.status == OutboxMessage.SENDING,
        OutboxMessage.claimed_at < now - LEASE).execute()


def prune(now):
    """Delete finished rows older than KEEP."""
    return OutboxMessage.delete().where(
        OutboxMessage.status.in_([OutboxMessage.SENT, OutboxMessage.FAILED,
                                  OutboxMessage.UNKNOWN]),
        OutboxMessage.created_at < now - KEEP).execute()


def transports():
    """The ways out that are configured: channel -> function that sends one row."""
    config = current_app.config
    found = {}
    if config["SMTP_HOST"]:
        found[OutboxMessage.EMAIL] = send_email
    if config["SMS_GATEWAY_URL"]:
        found[OutboxMessage.SMS] = send_sms
    return found


def send_due(now=None, ways=None):
    """Send every due message whose way out is configured; the count of each outcome."""
    now = now or utcnow()
    ways = transports() if ways is None else ways
    prune(now)
    counts = {"sent": 0, "retry": 0, "unknown": abandon_stale(now)}
    due = (OutboxMessage.select()
           .where(OutboxMessage.status == OutboxMessage.WAITING, OutboxMessage.due_at <= now,
                  OutboxMessage.channel.in_(list(ways)))
           .order_by(OutboxMessage.due_at, OutboxMessage.id))
    for row in list(due):
        if not claim(row, now):
            continue
        try:
            ways[row.channel](row)
        except NotSent as error:
            retry_later(row, error, now)
            counts["retry"] += 1
            continue
        except Exception as error:  # noqa: BLE001  (it may have gone out: never again)
            mark_unknown(row, error)
            counts["unknown"] += 1
            continue
        mark_sent(row)
        counts["sent"] += 1
    return counts


def message_id_header(row):
    domain = current_app.config["SMTP_FROM"].rpartition("@")[2] or "localhost"
    return f"<{row.message_id}@{domain}>"


def email_message(row):
    config = current_app.config
    message = EmailMessage(policy=SMTP)
    message["From"] = config["SMTP_FROM"]
    message["To"] = row.address
    message["Subject"] = row.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id_header(row)
    message.set_content(row.text)
    if row.html:
        message.add_alternative(row.html, subtype="html")
    return message


def send_email(row):
    """Hand one e-mail to the SMTP server. NotSent for every failure before the message itself
    went over; a failure while it went over is not NotSent (the server may have it)."""
    config = current_app.config
    try:
        message = email_message(row).as_bytes()
        server = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001
        raise NotSent(error) from error
    try:
        try:
            server.ehlo()
            if config["SMTP_STARTTLS"]:
                server.starttls()
                server.ehlo()
            if config["SMTP_USER"]:
                server.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
            for code, reply in (server.mail(config["SMTP_FROM"]), server.rcpt(row.address)):
                if code not in (250, 251):
                    raise NotSent(f"{code} {reply.decode(errors='replace')}")
        except (smtplib.SMTPException, OSError) as error:
            raise NotSent(error) from error
        try:
            code, reply = server.data(message)
        except smtplib.SMTPDataError as error:  # no to DATA itself: nothing went over
            raise NotSent(error) from error
        if code != 250:  # the server answered no to the message: it does not have it
            raise NotSent(f"{code} {reply.decode(errors='replace')}")
    finally:
        try:
            server.close()
        except OSError:
            pass


def send_sms(row):
    """POST one SMS to the gateway, with the message id as the reference the gateway uses to
    drop a repeated message."""
    config = current_app.config
    url = config["SMS_GATEWAY_URL"]
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise NotSent("SMS_GATEWAY_URL must be an http or https address")
    body = urllib.parse.urlencode({"to": row.address, "from": config["SMS_SENDER"],
                                   "message": row.text, "reference": row.message_id}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Bearer {config['SMS_GATEWAY_TOKEN']}",
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:  # the gateway answered no
        raise NotSent(f"HTTP {error.code}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            raise NotSent(error) from error
        raise
