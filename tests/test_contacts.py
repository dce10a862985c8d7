"""Contact ways: the participant's "Hur vill du få besked?", the coach's page for it, checked
e-mail addresses and Swedish mobile numbers; and the coach's morning e-mail."""
from datetime import date, timedelta

import pytest

from sokandelots import contacts, morning
from sokandelots.db import db
from sokandelots.models import Case, OutboxMessage, User

from helpers import submit

P = "/coach/participants"


@pytest.mark.parametrize("typed", ["070-123 45 67", "+46 70 123 45 67", "0046701234567",
                                   "46701234567", "(070) 1234567", "+46701234567"])
def test_swedish_mobile_numbers_are_read_in_their_usual_forms(typed):
    assert contacts.mobile_number(typed) == "+46701234567"


@pytest.mark.parametrize("typed", ["08-123 45 67", "070-123 45", "070-123 45 678", "+4570123456",
                                   "0711234567", "hej", ""])
def test_other_numbers_are_not_mobile_numbers(typed):
    assert contacts.mobile_number(typed) is None


@pytest.mark.parametrize("typed,ok", [("anna@example.se", True), (" anna.b@post.example.se ", True),
                                      ("anna@example", False), ("anna example.se", False),
                                      ("@example.se", False), ("anna@@example.se", False)])
def test_email_addresses_are_checked(typed, ok):
    assert (contacts.email_address(typed) is not None) is ok


def stored(app, username):
    with app.app_context():
        db.connect(reuse_if_open=True)
        user = User.by_username(username)
        db.close()
    return user.email, user.mobile, user.notify_by


def test_the_participant_chooses_sms_on_their_own_page(app, client, as_user):
    as_user("erik")
    page = client.get("/me/contact").get_data(as_text=True)
    assert 'href="/me/contact"' in client.get("/me/").get_data(as_text=True)
    assert 'value="sms"' in page and 'data-pictogram="phone"' in page
    response = submit(client, "/me/contact", {"notify_by": "sms", "mobile": "070-123 45 67",
                                              "email": ""})
    assert response.status_code == 302
    assert stored(app, "erik") == ("", "+46701234567", "sms")


def test_a_choice_without_its_address_or_a_wrong_number_is_explained(app, client, as_user):
    as_user("erik")
    missing = submit(client, "/me/contact", {"notify_by": "email", "email": "", "mobile": ""})
    wrong = submit(client, "/me/contact", {"notify_by": "sms", "mobile": "08-123 45 67",
                                           "email": "erik@"})
    assert missing.status_code == wrong.status_code == 422
    assert "070-123 45 67" in wrong.get_data(as_text=True)
    assert "namn@exempel.se" in wrong.get_data(as_text=True)
    assert stored(app, "erik") == ("", "", "")


def test_the_coach_sets_the_contact_ways_only_for_their_own_participants(app, coach, users):
    erik, sara = users["erik"], users["sara"]
    assert 'href="%s/%d/contact"' % (P, erik.id) in coach.get(f"{P}/{erik.id}").get_data(
        as_text=True)
    saved = submit(coach, f"{P}/{erik.id}/contact", {"notify_by": "email",
                                                     "email": "erik@example.org", "mobile": ""})
    assert saved.status_code == 302
    assert stored(app, "erik") == ("erik@example.org", "", "email")
    assert submit(coach, f"{P}/{erik.id}/contact", {"notify_by": "sms", "mobile": "12",
                                                    "email": ""}).status_code == 422
    assert coach.get(f"{P}/{sara.id}/contact").status_code == 404
    assert submit(coach, f"{P}/{erik.id}/contact", {"notify_by": "", "email": "", "mobile": ""},
                  action=f"{P}/{sara.id}/contact").status_code == 404
    assert stored(app, "sara") == ("", "", "")


def test_the_coach_turns_on_the_morning_email(app, coach):
    assert submit(coach, "/account", {"morning-email": "", "morning-morning_mail": "y"},
                  action="/account/morning-mail").status_code == 422
    assert submit(coach, "/account", {"morning-email": "kim@example.org",
                                      "morning-morning_mail": "y"},
                  action="/account/morning-mail").status_code == 302
    with app.app_context():
        db.connect(reuse_if_open=True)
        user = User.by_username("coach")
        assert (user.email, user.morning_mail) == ("kim@example.org", True)
        db.close()


def test_the_morning_email_lists_overdue_follow_ups_once_a_day(ctx):
    coach = User.by_username("coach")
    User.update(email="kim@example.org", morning_mail=True).where(User.id == coach.id).execute()
    coach = User.get_by_id(coach.id)
    today = date.today()
    Case.update(next_followup=today - timedelta(days=2)).where(Case.coach == coach).execute()
    row = morning.queue_for(coach, today)
    assert row.kind == "morning" and row.address == "kim@example.org"
    assert "Erik" in row.text and "Nilsson" not in row.text  # first names only
    assert morning.queue_for(coach, today) is None  # a second run the same day
    assert OutboxMessage.select().count() == 1


def test_nothing_overdue_sends_nothing_and_parts_can_be_added(ctx, monkeypatch):
    coach = User.by_username("coach")
    User.update(email="kim@example.org").where(User.id == coach.id).execute()
    coach = User.get_by_id(coach.id)
    Case.update(next_followup=None).execute()
    assert morning.queue_for(coach, date.today()) is None
    monkeypatch.setattr(morning, "PARTS", list(morning.PARTS))
    morning.part(lambda who, today: ("Dagens möten", ["10:00 Erik"]))
    assert "Dagens möten" in morning.queue_for(coach, date.today()).text
