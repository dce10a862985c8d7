"""Meetings: booking, changing and cancelling, the participant's answer, the week view, the
calendar file and the coach's private feed, and the follow-up a meeting becomes."""
import json
import re
from datetime import date, datetime, time, timedelta

import pytest
from flask_babel import force_locale
from icalendar import Calendar

from helpers import csrf_token, login, submit
from sokandelots import meetings
from sokandelots.db import db
from sokandelots.i18n import meeting_time_in_words
from sokandelots.models import Case, FollowUp, Meeting, Referral

AMINA, ERIK, SARA = 4, 5, 6  # demo participants: amina and erik are coached by `coach`
PAGE = f"/coach/participants/{ERIK}/meetings"
DAY = date.today() + timedelta(days=10)  # a day to come; winter or summer time alike


def booking(**changes):
    return {"kind": "visit", "day": DAY.isoformat(), "at": "10:00", "minutes": "45",
            "place": "workplace", "address": "Storgatan 1, Bageriet",
            "who": "Handledaren Kim", "interpreter": "y", "interpreter_language": "somaliska",
            **changes}


def rows(app, model=Meeting, *where):
    with app.app_context():
        db.connect(reuse_if_open=True)
        found = list(model.select().where(*where).order_by(model.id)) if where else list(
            model.select().order_by(model.id))
        db.close()
    return found


def sv(app, msgid, **values):
    """A text as the Swedish pages show it (in English until its translation is added)."""
    from flask_babel import gettext
    with app.test_request_context(), force_locale("sv"):
        return gettext(msgid, **values)


def interpreter(app, language):
    return sv(app, "Interpreter: %(language)s", language=f"<bdi>{language}</bdi>")


def book(app, client, **changes):
    response = submit(client, PAGE, booking(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return rows(app)[-1]


def local(value):
    """A stored (UTC) time in Stockholm."""
    from zoneinfo import ZoneInfo
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo("Europe/Stockholm"))


def test_a_coach_books_a_meeting_in_swedish_time(app, coach):
    item = book(app, coach)
    start = local(item.starts_at)
    assert (start.date(), start.time()) == (DAY, time(10))
    assert (item.kind, item.minutes, item.place, item.address, item.who) == (
        "visit", 45, "workplace", "Storgatan 1, Bageriet", "Handledaren Kim")
    assert (item.interpreter, item.interpreter_language, item.coach_id) == (True, "somaliska", 2)
    html = coach.get(PAGE).get_data(as_text=True)
    assert "Storgatan 1, Bageriet" in html and interpreter(app, "somaliska") in html


@pytest.mark.parametrize("changes,field", [
    ({"day": ""}, "day"), ({"at": "25:00"}, "at"), ({"minutes": "0"}, "minutes"),
    ({"kind": "party"}, "kind"), ({"interpreter_language": ""}, "interpreter_language"),
    ({"address": "x" * 201}, "address")])
def test_a_wrong_booking_is_refused_with_the_field_named(app, coach, changes, field):
    response = submit(coach, PAGE, booking(**changes))
    assert response.status_code == 422
    assert f'href="#{field}"' in response.get_data(as_text=True)
    assert rows(app) == []


def test_another_coachs_participant_has_no_meetings_to_book_change_or_answer(app, coach):
    item = book(app, coach)
    other = app.test_client()
    login(other, "coach2")
    token = csrf_token(other, "/coach/")
    for url in (PAGE, f"{PAGE}/{item.id}", f"{PAGE}/{item.id}/cancel", f"{PAGE}/{item.id}/followup"):
        assert other.post(url, data={"csrf_token": token, **booking()}).status_code == 404, url
    assert other.get(PAGE).status_code == 404
    # Nor is one participant's meeting found under another's address.
    assert coach.get(f"/coach/participants/{AMINA}/meetings/{item.id}").status_code == 404
    assert [row.starts_at for row in rows(app)] == [item.starts_at]


def test_the_interpreter_need_of_the_referral_fills_in_the_form_and_shows_in_the_caseload(
        app, users, coach):
    with app.app_context():
        db.connect(reuse_if_open=True)
        Referral.create(coach=users["coach"], participant=users["erik"], received_on=date.today(),
                        commissioner="af", name="Erik Nilsson", interpreter=True,
                        interpreter_language="tigrinja", status="accepted")
        db.close()
    html = coach.get(PAGE).get_data(as_text=True)
    assert re.search(r'<input checked id="interpreter" name="interpreter"', html)
    assert re.search(r'name="interpreter_language"[^>]*value="tigrinja"', html)
    caseload = coach.get("/coach/").get_data(as_text=True)
    erik_row = caseload[caseload.index("Erik Nilsson"):]
    assert interpreter(app, "tigrinja") in erik_row[:erik_row.index("</tr>")]
    amina_row = caseload[caseload.index("Amina Yusuf"):]
    assert "<bdi>tigrinja" not in amina_row[:amina_row.index("</tr>")]


def test_the_plans_next_follow_ups_are_offered_as_quick_choices(app, users, coach):
    from sokandelots import plans
    from sokandelots.employers import register
    with app.app_context():
        db.connect(reuse_if_open=True)
        placement = plans.add_placement(users["erik"], register.add_employer(
            users["coach"], "Bageriet", "food"), users["coach"])
        plans.save(placement, {"start_on": date.today() - timedelta(days=7), "terms": "unpaid",
                               "followup_weeks": 2}, users["coach"])
        db.close()
    first = date.today() + timedelta(days=7)
    html = coach.get(PAGE).get_data(as_text=True)
    assert f"?day={first.isoformat()}#book-title" in html
    assert f"?day={(first + timedelta(weeks=2)).isoformat()}#book-title" in html
    chosen = coach.get(f"{PAGE}?day={first.isoformat()}").get_data(as_text=True)
    assert re.search(rf'name="day"[^>]*value="{first.isoformat()}"', chosen)


def test_a_meeting_is_changed_and_a_cancelled_one_stays_as_cancelled(app, coach):
    item = book(app, coach)
    page = f"{PAGE}/{item.id}"
    form = coach.get(page).get_data(as_text=True)
    assert re.search(r'name="at"[^>]*value="10:00"', form)
    assert submit(coach, page, booking(at="13:30", place="cafe")).status_code == 302
    [changed] = rows(app)
    assert local(changed.starts_at).time() == time(13, 30) and changed.place == "cafe"
    assert submit(coach, PAGE, {}, action=f"{page}/cancel").status_code == 302
    [cancelled] = rows(app)
    assert cancelled.cancelled_at is not None
    assert sv(app, "Cancelled") in coach.get(PAGE).get_data(as_text=True)
    erik = app.test_client()
    login(erik, "erik")
    html = erik.get("/me/meetings").get_data(as_text=True)
    assert sv(app, "This meeting is cancelled.") in html and "m1-answer" not in html


def answer(client, meeting_id, said, reason=None):
    token = csrf_token(client, "/me/meetings")
    data = {f"m{meeting_id}-csrf_token": token, f"m{meeting_id}-answer": said}
    if reason:
        data[f"m{meeting_id}-reason"] = reason
    return client.post(f"/me/meetings/{meeting_id}/answer", data=data)


def test_the_participant_sees_the_meeting_in_words_and_answers_it(app, coach, as_user):
    item = book(app, coach)
    client = as_user("erik")
    html = client.get("/me/meetings").get_data(as_text=True)
    with app.test_request_context():
        words = meeting_time_in_words(item.starts_at)
    assert words.endswith("klockan 10") and f" {DAY.day} " in words
    assert words in html and "Storgatan 1, Bageriet" in html and "Handledaren Kim" in html
    assert "somaliska" in html and 'href="/me/meetings/1.ics"' in html
    assert answer(client, item.id, "coming").status_code == 302
    assert (rows(app)[0].answer, rows(app)[0].answer_reason) == ("coming", "")
    assert sv(app, "You answered: %(answer)s", answer=sv(app, "I am coming")) in client.get(
        "/me/meetings").get_data(as_text=True)
    # The answer can be changed, with a reason chosen from pictures.
    assert answer(client, item.id, "not_coming", "travel").status_code == 302
    assert (rows(app)[0].answer, rows(app)[0].answer_reason) == ("not_coming", "travel")
    assert sv(app, "I cannot get there") in coach.get(PAGE).get_data(as_text=True)
    # No answer chosen: an error, nothing changed.
    assert answer(client, item.id, "").status_code == 422
    assert rows(app)[0].answer == "not_coming"
    # The home page links to the meetings.
    assert 'href="/me/meetings"' in client.get("/me/").get_data(as_text=True)


def test_a_participant_cannot_see_or_answer_anothers_meeting(app, coach, as_user):
    item = book(app, coach)
    client = as_user("sara")
    assert "Storgatan" not in client.get("/me/meetings").get_data(as_text=True)
    assert answer(client, item.id, "coming").status_code == 404
    assert client.get(f"/me/meetings/{item.id}.ics").status_code == 404
    assert rows(app)[0].answer == ""


def test_the_meeting_downloads_as_a_calendar_file(app, coach, as_user):
    item = book(app, coach)
    response = as_user("erik").get(f"/me/meetings/{item.id}.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert event.decoded("dtstart") == local(item.starts_at)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert str(event["summary"]) == f"{sv(app, 'Workplace visit')}: Jonas Berg"
    assert str(event["location"]) == f"{sv(app, 'At the workplace')}, Storgatan 1, Bageriet"


def test_the_week_view_shows_the_coachs_meetings_by_day_with_today_marked(app, coach):
    item = book(app, coach, day=date.today().isoformat(), at="23:30")
    html = coach.get("/coach/meetings").get_data(as_text=True)
    today = html[html.index('aria-current="date"'):]
    assert "Erik Nilsson" in today and "Erik Nilsson" not in html[:html.index('aria-current')]
    assert interpreter(app, "somaliska") in html
    monday = date.today() - timedelta(days=date.today().weekday())
    assert f'href="/coach/meetings?week={(monday - timedelta(days=7)).isoformat()}"' in html
    assert f'href="/coach/meetings?week={(monday + timedelta(days=7)).isoformat()}"' in html
    later = coach.get(f"/coach/meetings?week={(monday + timedelta(days=7)).isoformat()}")
    assert "Erik Nilsson" not in later.get_data(as_text=True)
    assert 'aria-current="date"' not in later.get_data(as_text=True)
    other = app.test_client()
    login(other, "coach2")
    assert "Erik Nilsson" not in other.get("/coach/meetings").get_data(as_text=True)
    assert item.id == 1


def feed_address(client):
    html = submit(client, "/coach/meetings", {}, action="/coach/meetings/feed").get_data(
        as_text=True)
    return re.search(r'id="feed-url" value="http://127.0.0.1:5000(/coach/calendar/[^"]+\.ics)"',
                     html).group(1)


def test_the_private_feed_names_only_the_first_name_and_kind_and_renewing_ends_the_old(
        app, coach):
    book(app, coach)
    address = feed_address(coach)
    response = app.test_client().get(address)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["summary"]) == f"{sv(app, 'Workplace visit')}: Erik"
    for private in ("Nilsson", "Storgatan", "Bageriet", "Kim", "somaliska", "LOCATION"):
        assert private not in text
    token = address.rsplit("/", 1)[1][:-4]
    assert token not in str([row.token_hash for row in rows(app, meetings.CalendarFeed)])
    renewed = feed_address(coach)
    assert renewed != address
    assert app.test_client().get(address).status_code == 404
    assert app.test_client().get(renewed).status_code == 200
    assert app.test_client().get("/coach/calendar/not-a-secret.ics").status_code == 404


def test_the_coach_turns_the_meeting_into_the_follow_up_in_one_step(app, coach):
    item = book(app, coach, kind="phone")
    page = f"{PAGE}/{item.id}/followup"
    form = coach.get(page).get_data(as_text=True)
    assert re.search(rf'name="day"[^>]*value="{DAY.isoformat()}"', form)
    assert re.search(r'<option selected value="phone">|<option value="phone" selected', form)
    assert re.search(r'name="with_whom"[^>]*value="Handledaren Kim"', form)
    assert submit(coach, page, {"day": "", "kind": "phone"}).status_code == 422
    next_day = DAY + timedelta(days=14)
    response = submit(coach, page, {"day": DAY.isoformat(), "kind": "phone",
                                    "with_whom": "Handledaren Kim", "note": "Gick bra.",
                                    "next_day": next_day.isoformat()})
    assert response.status_code == 302
    [followup] = rows(app, FollowUp)
    assert (followup.day, followup.kind, followup.note, followup.next_day) == (
        DAY, "phone", "Gick bra.", next_day)
    assert rows(app)[0].followup_id == followup.id
    assert rows(app, Case, Case.participant == ERIK)[0].next_followup == next_day
    # Once written down, the meeting links to the follow-ups instead.
    assert coach.get(page).status_code == 302
    assert sv(app, "Written down as a follow-up") in coach.get(PAGE).get_data(as_text=True)


def test_due_reminders_are_the_meetings_of_the_next_day_not_cancelled_nor_declined(app, users,
                                                                                   ctx):
    erik, coach = users["erik"], users["coach"]
    day = date(2026, 12, 8)

    def at(when, **fields):
        return Meeting.create(participant=erik, coach=coach, kind="meeting", place="office",
                              starts_at=when, **fields)
    # Stockholm is UTC+1 in December: 9 December starts at 23:00 UTC on the 8th.
    first = at(datetime(2026, 12, 8, 23, 0))
    late = at(datetime(2026, 12, 9, 22, 59))
    at(datetime(2026, 12, 8, 22, 59))  # still 8 December in Stockholm
    at(datetime(2026, 12, 9, 23, 0))  # already 10 December
    at(datetime(2026, 12, 9, 9), cancelled_at=datetime(2026, 12, 1))
    at(datetime(2026, 12, 9, 9), answer="not_coming", answer_reason="ill")
    coming = at(datetime(2026, 12, 9, 9), answer="coming")
    assert [row.id for row in meetings.due_reminders(day)] == [first.id, coming.id, late.id]


@pytest.mark.parametrize("code,expected", [
    ("sv", "onsdag 9 december klockan 10"), ("en", "Wednesday, December 9"),
    ("so", "9"), ("ar", "الأربعاء")])
def test_the_day_and_time_read_in_words_in_every_language(app, ctx, code, expected):
    with force_locale(code):
        words = meeting_time_in_words(datetime(2026, 12, 9, 9))
        assert expected in words
        assert meeting_time_in_words(datetime(2026, 12, 9, 9, 30)).endswith(
            "klockan 10.30") if code == "sv" else words


# The note for the participant: prepared sentences from the phrasebook, and free Swedish text.
AMINA_PAGE = f"/coach/participants/{AMINA}/meetings"
ID_CARD = ("يُرجى إحضار بطاقة هويتك.", "Ta med ditt ID-kort.")  # bring_id in Arabic, in Swedish


def note_post(client, page=AMINA_PAGE, **note):
    return submit(client, page, {**booking(), **{f"note-{name}": value
                                                 for name, value in note.items()}})


def chosen(response):
    found = re.search(r'name="note-chosen" type="hidden" value="([^"]*)"',
                      response.get_data(as_text=True))
    return found[1].replace("&#34;", '"')


def test_a_note_with_sentences_and_free_text_is_read_in_arabic_beside_the_swedish(
        app, coach, as_user):
    response = note_post(coach, phrase="bring_id", add="1")
    assert response.status_code == 200 and rows(app) == []  # adding a sentence books nothing
    response = note_post(coach, chosen=chosen(response), phrase="wait_at", place="office", add="1")
    assert response.status_code == 200
    response = note_post(coach, chosen=chosen(response), text="Vi fikar efteråt.")
    assert response.status_code == 302, response.get_data(as_text=True)
    [item] = rows(app)
    assert item.note == "Vi fikar efteråt." and [
        phrase["key"] for phrase in json.loads(item.note_phrases)] == ["bring_id", "wait_at"]
    # The coach sees the note, and it is kept when the meeting is changed.
    assert "Ta med ditt ID-kort." in coach.get(AMINA_PAGE).get_data(as_text=True)
    change = coach.get(f"{AMINA_PAGE}/{item.id}")
    response = note_post(coach, f"{AMINA_PAGE}/{item.id}", chosen=chosen(change),
                         text="Vi fikar efteråt.")
    assert response.status_code == 302 and rows(app)[0].note_phrases == item.note_phrases

    client = as_user("amina")
    page = client.get("/me/meetings").get_data(as_text=True)
    arabic = re.search(r'<span class="phrase-here" lang="ar" dir="rtl"[^>]*>(.*?)</span>', page)
    swedish = re.search(r'<span class="phrase-swedish" lang="sv" dir="ltr"[^>]*>(.*?)</span>',
                        page)
    assert (arabic[1], swedish[1]) == ID_CARD
    assert re.search(r'class="own-words" lang="sv" dir="ltr" data-say="/[^"]+">Vi fikar', page)
    assert 'class="written-in-swedish-note"' in page
    # The calendar file has the note too, in Arabic with the Swedish after it.
    [event] = Calendar.from_ical(client.get(f"/me/meetings/{item.id}.ics").data).walk("VEVENT")
    description = str(event["description"])
    assert f"{ID_CARD[0]} ({ID_CARD[1]})" in description and "Vi fikar efteråt." in description
    with app.test_request_context():
        exported = meetings.export(item.participant)[0]
    assert exported["note"] == "Vi fikar efteråt." and exported["note_phrases"][0] == {
        "key": "bring_id", "slots": {}}


@pytest.mark.parametrize("note,field", [
    ({"phrase": "see_you", "day": "imorgon", "time": "10:00", "place": "office", "add": "1"},
     "note-day"),
    ({"phrase": "well_done", "what": "cv", "add": "1"}, "note-phrase"),  # not a meeting note
    ({"chosen": '[{"key": "see_you", "slots": {}}]'}, "note-phrase"),  # a tampered list
    ({"text": "x" * 2001}, "note-text")])
def test_a_wrong_note_is_refused_at_its_field_and_nothing_is_booked(app, coach, note, field):
    response = note_post(coach, **note)
    assert response.status_code == 422
    assert f'href="#{field}"' in response.get_data(as_text=True)
    assert rows(app) == []


def test_another_coach_cannot_write_a_note_on_a_meeting(app, coach):
    item = book(app, coach)
    other = app.test_client()
    login(other, "coach2")
    token = csrf_token(other, "/coach/")
    for url in (PAGE, f"{PAGE}/{item.id}"):
        response = other.post(url, data={"csrf_token": token, **booking(), "note-text": "Hej",
                                         "note-phrase": "bring_id", "note-add": "1"})
        assert response.status_code == 404, url
    assert [(row.note, row.note_phrases) for row in rows(app)] == [("", "")]


def test_the_home_page_counts_the_meetings_to_come_and_not_cancelled_ones(app, coach, as_user):
    def said(num):
        with app.test_request_context(), force_locale("sv"):
            from flask_babel import ngettext
            return ngettext("You have %(num)d meeting booked.",
                            "You have %(num)d meetings booked.", num)
    client = as_user("erik")
    assert said(0) in client.get("/me/").get_data(as_text=True)
    book(app, coach)
    book(app, coach, day=(DAY + timedelta(days=1)).isoformat())
    cancelled = book(app, coach, day=(DAY + timedelta(days=2)).isoformat())
    assert submit(coach, PAGE, {}, action=f"{PAGE}/{cancelled.id}/cancel").status_code == 302
    assert said(2) in client.get("/me/").get_data(as_text=True)
    with app.app_context(), db.connection_context():  # one that has been already
        Meeting.update(starts_at=datetime(2026, 1, 5, 9)).where(Meeting.id == 1).execute()
    assert said(1) in client.get("/me/").get_data(as_text=True)
