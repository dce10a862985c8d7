"""The outbox: queued in the change's transaction, sent once through a real SMTP server and a
local SMS gateway, tried again after a failed send, never sent twice after a kill between
sending and marking; and the notice when the coach writes."""
import threading
from datetime import timedelta

import pytest

from sokandelots import notes, notices, outbox
from sokandelots.db import db
from sokandelots.models import OutboxMessage, User, utcnow

from helpers import make_app, submit
from mailservers import Gateway, smtp_server

P = "/coach/participants"


@pytest.fixture
def mail():
    controller, box = smtp_server()
    yield controller, box
    controller.stop()


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def app(tmp_path, mail, gateway):
    controller, _box = mail
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port,
                   SMTP_STARTTLS=False, SMTP_FROM="lots@example.org",
                   SMS_GATEWAY_URL=gateway.url, SMS_GATEWAY_TOKEN="secret-token",
                   PUBLIC_URL="https://lots.example.org")
    yield app
    db.close()


def choose(username, **values):
    User.update(**values).where(User.username == username).execute()
    return User.by_username(username)


def test_a_message_is_queued_in_the_same_transaction(ctx):
    erik = choose("erik", email="erik@example.org", notify_by="email")
    with pytest.raises(RuntimeError):
        with db.atomic():
            notices.new_message(erik)
            raise RuntimeError("the change fails")
    assert OutboxMessage.select().count() == 0
    with db.atomic():
        assert notices.new_message(erik) is not None
    assert OutboxMessage.select().count() == 1


def test_the_same_message_id_is_queued_once(ctx):
    erik = User.by_username("erik")
    with db.atomic():
        assert outbox.queue(erik, "x", "email", "a@example.org", message_id="one")
        assert outbox.queue(erik, "x", "email", "a@example.org", message_id="one") is None
        outbox.queue(erik, "x", "email", "a@example.org", message_id="two")  # still usable
    assert OutboxMessage.select().count() == 2


def test_an_email_arrives_once_in_the_participants_language_with_its_message_id(ctx, mail):
    _controller, box = mail
    erik = choose("erik", email="erik@example.org", notify_by="email", locale="sv")
    row = notices.new_message(erik)
    assert outbox.send_due() == {"sent": 1, "retry": 0, "unknown": 0}
    assert outbox.send_due()["sent"] == 0
    [(recipients, message)] = box.messages
    assert recipients == ["erik@example.org"]
    assert message["Message-ID"] == f"<{row.message_id}@example.org>"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hej Erik" in text and "https://lots.example.org/me/coach" in text
    assert 'href="https://lots.example.org/me/coach"' in html and 'lang="sv"' in html
    sent = OutboxMessage.get_by_id(row.id)
    assert sent.status == "sent" and sent.sent_at and sent.text == "" and sent.html == ""


def test_arabic_mail_is_in_arabic_and_right_to_left(ctx, mail):
    _controller, box = mail
    notices.new_message(choose("amina", email="amina@example.org", notify_by="email",
                               locale="ar"))
    outbox.send_due()
    [(_to, message)] = box.messages
    html = message.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html and "Hej" not in html and "Hello" not in html


def test_a_refused_email_is_tried_again_later_and_then_arrives_once(ctx, mail):
    _controller, box = mail
    box.refuse = 1
    row = notices.new_message(choose("erik", email="erik@example.org", notify_by="email"))
    now = utcnow()
    assert outbox.send_due(now) == {"sent": 0, "retry": 1, "unknown": 0}
    waiting = OutboxMessage.get_by_id(row.id)
    assert (waiting.status, waiting.attempts) == ("waiting", 1)
    assert "451" in waiting.last_error and waiting.due_at == now + timedelta(minutes=1)
    assert outbox.send_due(now + timedelta(seconds=30))["sent"] == 0  # not due yet
    assert outbox.send_due(now + timedelta(minutes=1))["sent"] == 1
    assert len(box.messages) == 1


def test_an_unreachable_server_is_tried_again_with_back_off_then_given_up(app, ctx, mail):
    app.config["SMTP_PORT"] = 1  # nothing listens there
    row = notices.new_message(choose("erik", email="erik@example.org", notify_by="email"))
    now = utcnow()
    for minutes in outbox.BACKOFF_MINUTES:
        assert outbox.send_due(now)["retry"] == 1
        now += timedelta(minutes=minutes)
        assert OutboxMessage.get_by_id(row.id).due_at == now
    outbox.send_due(now)
    assert OutboxMessage.get_by_id(row.id).status == "failed"
    assert OutboxMessage.get_by_id(row.id).attempts == outbox.MAX_ATTEMPTS


def test_nothing_is_sent_twice_after_a_kill_between_sending_and_marking(ctx, mail, monkeypatch):
    _controller, box = mail
    row = notices.new_message(choose("erik", email="erik@example.org", notify_by="email"))

    def killed(_row):
        raise KeyboardInterrupt  # the process dies after the server took the message

    monkeypatch.setattr(outbox, "mark_sent", killed)
    with pytest.raises(KeyboardInterrupt):
        outbox.send_due()
    monkeypatch.undo()
    assert OutboxMessage.get_by_id(row.id).status == "sending"
    assert outbox.send_due()["sent"] == 0  # the next run leaves it alone
    later = utcnow() + outbox.LEASE + timedelta(minutes=1)
    assert outbox.send_due(later) == {"sent": 0, "retry": 0, "unknown": 1}
    assert OutboxMessage.get_by_id(row.id).status == "unknown"
    assert outbox.send_due(later + timedelta(days=1))["sent"] == 0
    assert len(box.messages) == 1


def test_a_connection_lost_while_handing_over_is_not_tried_again(ctx, mail, monkeypatch):
    _controller, box = mail
    row = notices.new_message(choose("erik", email="erik@example.org", notify_by="email"))

    def lost(self, message):
        raise outbox.smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(outbox.smtplib.SMTP, "data", lost)
    assert outbox.send_due()["unknown"] == 1
    assert OutboxMessage.get_by_id(row.id).status == "unknown"


def test_only_one_runner_claims_a_row(ctx):
    erik = User.by_username("erik")
    row = outbox.queue(erik, "x", "email", "erik@example.org", text="Hej")
    now = utcnow()
    assert outbox.claim(row, now) is True
    assert outbox.claim(row, now) is False


def test_two_servers_sending_at_once_send_each_message_once(app):
    """`flask send-outbox` on two app servers at the same moment: each its own connection."""
    with app.app_context(), db.connection_context():
        erik = User.by_username("erik")
        queued = {outbox.queue(erik, "x", "email", "erik@example.org", text=f"Hej {number}")
                  .message_id for number in range(12)}
    sent, lock = [], threading.Lock()
    barrier = threading.Barrier(2)

    def hand_over(row):
        with lock:
            sent.append(row.message_id)
        threading.Event().wait(0.01)  # as a mail server takes a moment

    def runner(counts):
        with app.app_context():
            db.connect(reuse_if_open=True)
            try:
                barrier.wait()
                counts.update(outbox.send_due(ways={"email": hand_over}))
            finally:
                db.close()

    results = [{}, {}]
    threads = [threading.Thread(target=runner, args=(counts,)) for counts in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(sent) == sorted(queued)
    assert sum(counts["sent"] for counts in results) == 12
    with app.app_context(), db.connection_context():
        assert {row.status for row in OutboxMessage.select()} == {"sent"}


def test_an_sms_goes_to_the_gateway_once_with_the_message_id_as_reference(ctx, gateway):
    erik = choose("erik", mobile="+46701234567", notify_by="sms")
    row = notices.new_message(erik)
    assert outbox.send_due()["sent"] == 1
    outbox.send_due()
    [(fields, authorization)] = gateway.requests
    assert authorization == "Bearer secret-token"
    assert fields["to"] == "+46701234567" and fields["reference"] == row.message_id
    assert "https://lots.example.org/me/coach" in fields["message"]


def test_an_sms_the_gateway_refuses_is_tried_again(ctx, gateway):
    row = notices.new_message(choose("erik", mobile="+46701234567", notify_by="sms"))
    gateway.answer = 503
    now = utcnow()
    assert outbox.send_due(now)["retry"] == 1
    gateway.answer = 200
    assert outbox.send_due(now + timedelta(minutes=1))["sent"] == 1
    assert len(gateway.requests) == 1 and OutboxMessage.get_by_id(row.id).status == "sent"


def test_the_command_sends_what_is_due(app, mail):
    _controller, box = mail
    with app.app_context():
        db.connect(reuse_if_open=True)
        notices.new_message(choose("erik", email="erik@example.org", notify_by="email"))
        db.close()
    result = app.test_cli_runner().invoke(args=["send-outbox"])
    assert "Sent 1," in result.output and len(box.messages) == 1


def test_the_coach_writing_queues_a_notice_with_a_link_never_the_words(app, coach, users):
    erik = users["erik"]
    with app.app_context():
        db.connect(reuse_if_open=True)
        choose("erik", email="erik@example.org", notify_by="email")
        db.close()
    submit(coach, f"{P}/{erik.id}/messages", {"text": "Hemligt: vi ses på tisdag."})
    submit(coach, f"{P}/{erik.id}/notes", {"feedback-text": "Bra jobbat!", "feedback-section": ""},
           action=f"{P}/{erik.id}/feedback")
    with app.app_context():
        db.connect(reuse_if_open=True)
        [row] = OutboxMessage.select()  # one notice waits, however many were written
        assert row.kind == "new_message" and row.address == "erik@example.org"
        assert "Hemligt" not in row.text + row.html + row.subject
        assert "tisdag" not in row.text + row.html
        db.close()


def test_nobody_is_told_who_chose_not_to_be_or_of_their_own_words(app, client, as_user, coach,
                                                                  users):
    submit(coach, f"{P}/{users['erik'].id}/messages", {"text": "Hej"})
    with app.app_context():
        db.connect(reuse_if_open=True)
        choose("erik", email="erik@example.org", notify_by="email")
        db.close()
    as_user("erik")
    submit(client, "/me/messages", {"text": "Hej coach"})
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert OutboxMessage.select().count() == 0
        db.close()


def meeting(participant, day, hour=10, **values):
    from datetime import time
    from sokandelots import meetings
    return meetings.book(participant, User.by_username("coach"), {
        "kind": "three_party", "starts_at": meetings.local_start(day, time(hour)), "minutes": 60,
        "place": "cafe", "address": "Storgatan 1", "who": "", "interpreter": False,
        "interpreter_language": "", **values})


def test_tomorrows_meetings_are_reminded_once_by_the_way_each_participant_chose(app, mail,
                                                                               gateway):
    from datetime import date
    from sokandelots import meetings
    _controller, box = mail
    tomorrow = date.today() + timedelta(days=1)
    with app.app_context():
        db.connect(reuse_if_open=True)
        erik = choose("erik", email="erik@example.org", notify_by="email")
        amina = choose("amina", mobile="+46701234567", notify_by="sms", locale="ar")
        meeting(erik, tomorrow)
        meeting(amina, tomorrow, hour=14)
        meetings.cancel(meeting(erik, tomorrow, hour=16))  # cancelled: no reminder
        meeting(erik, tomorrow + timedelta(days=1))  # the day after: not yet
        db.close()
    runner = app.test_cli_runner()
    assert "Queued 2 meeting reminder(s)." in runner.invoke(args=["queue-reminders"]).output
    assert "Queued 0 meeting reminder(s)." in runner.invoke(args=["queue-reminders"]).output
    runner.invoke(args=["send-outbox"])
    assert len(box.messages) == 1
    recipients, message = box.messages[0]
    text = message.get_body(("plain",)).get_content()
    assert recipients == ["erik@example.org"] and "Storgatan 1" in text
    assert "https://lots.example.org/me/meetings" in text
    [(fields, _authorization)] = gateway.requests
    assert fields["to"] == "+46701234567" and "Storgatan 1" in fields["message"]


def test_the_morning_email_lists_todays_meetings_by_first_name(ctx):
    from datetime import date
    from sokandelots import morning
    coach = User.by_username("coach")
    User.update(email="kim@example.org").where(User.id == coach.id).execute()
    meeting(User.by_username("erik"), date.today(), hour=9)
    row = morning.queue_for(User.get_by_id(coach.id), date.today())
    assert "Erik" in row.text and "Nilsson" not in row.text and "9" in row.text


def test_the_reminder_has_the_coachs_note_in_the_participants_language_beside_swedish(ctx):
    from datetime import date
    from sokandelots import phrasebook
    amina = choose("amina", email="amina@example.org", notify_by="email", locale="ar")
    item = meeting(amina, date.today() + timedelta(days=1), note="Vi fikar efteråt.",
                   note_phrases=phrasebook.dumps([{"key": "bring_id", "slots": {}}]))
    row = notices.meeting_reminder(item)
    for body in (row.text, row.html):
        assert "يُرجى إحضار بطاقة هويتك." in body and "Ta med ditt ID-kort." in body
        assert "Vi fikar efteråt." in body
    assert '<span lang="sv" dir="ltr">Vi fikar efteråt.</span>' in row.html
