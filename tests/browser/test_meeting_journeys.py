"""Meetings in a real browser: the coach books a meeting with an interpreter; the participant,
in Somali, sees the place and the day and time in words, answers that they come, takes the
meeting into the phone's calendar and chooses to be told by e-mail; the reminder arrives in
Somali at a real SMTP server on 127.0.0.1; the coach writes down the follow-up from it."""
import os
import re

from babel.dates import format_date
from icalendar import Calendar
from playwright.sync_api import expect

from browsing import assert_accessible, choose_language, log_in
from flask_babel import force_locale, gettext
from helpers import today
from mailservers import smtp_server

PLACE = "Café Solen, Storgatan 1"
PHONE = {"width": 390, "height": 844}
ID_CARD, NOTE = "Ta med ditt ID-kort.", "Vi fikar efteråt."
# Screenshots of Mina möten at phone width, to look at (set MEETING_SCREENSHOTS to a folder).
SHOTS = os.environ.get("MEETING_SCREENSHOTS")


def coach_books_a_meeting(page):
    log_in(page, "coach")
    page.goto("/coach/participants/5/meetings")
    page.select_option("#kind", "three_party")
    page.fill("#day", today(1).isoformat())  # tomorrow: the reminder goes today
    page.fill("#at", "10:00")
    page.fill("#minutes", "60")
    page.select_option("#place", "cafe")
    page.fill("#address", PLACE)
    page.fill("#who", "Handläggare Kim")
    page.check("#interpreter")
    page.fill("#interpreter_language", "somaliska")
    # A note: a prepared sentence (the form comes back with it, without JavaScript) and own words.
    page.select_option("#note-phrase", "bring_id")
    page.locator("main form:has(#kind) button[name='note-add']").click()
    expect(page.locator(".chosen-phrases")).to_contain_text(ID_CARD)
    expect(page.locator("#address")).to_have_value(PLACE)
    page.fill("#note-text", NOTE)
    page.press("#who", "Enter")  # Enter books the meeting; it adds no sentence
    expect(page.locator(".meeting-row")).to_contain_text(PLACE)
    expect(page.locator(".meeting-row .meeting-note")).to_contain_text(NOTE)
    expect(page.locator(".meeting-row .meeting-interpreter")).to_contain_text("somaliska")
    assert_accessible(page, "the coach's meetings")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/coach-meetings.png", full_page=True)


def the_reminder_arrives(live_app):
    """The morning timer's commands, with a real SMTP server on 127.0.0.1: what arrives."""
    controller, box = smtp_server()
    try:
        live_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port,
                               SMTP_STARTTLS=False, SMTP_FROM="lots@example.org")
        runner = live_app.test_cli_runner()
        assert "Queued 1 " in runner.invoke(args=["queue-reminders"]).output
        assert "Sent 1," in runner.invoke(args=["send-outbox"]).output
    finally:
        controller.stop()
    return box.messages


def test_a_meeting_from_booking_to_answer_to_calendar_to_follow_up(browser, page, live_server,
                                                                   live_app):
    coach_books_a_meeting(page)

    erik = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    log_in(erik, "erik")
    choose_language(erik, "so", "/me/")
    erik.click("a[href='/me/meetings']")
    meeting = erik.locator("#meeting-1")
    # The day in words, as Somali writes a whole date with its weekday, and the time.
    expect(meeting.locator(".meeting-when")).to_contain_text(
        format_date(today(1), "full", locale="so"))
    expect(meeting.locator(".meeting-when")).to_contain_text("10:00")
    expect(meeting.locator(".meeting-place")).to_contain_text(PLACE)
    expect(meeting.locator(".meeting-who")).to_contain_text("Handläggare Kim")
    expect(meeting.locator(".meeting-interpreter")).to_contain_text("somaliska")
    # The note: the sentence in Somali with the Swedish beside it, the own words marked Swedish.
    expect(meeting.locator(".meeting-note .phrase-swedish")).to_have_text(ID_CARD)
    expect(meeting.locator(".meeting-note .phrase-here")).not_to_have_text(ID_CARD)
    expect(meeting.locator(".meeting-note .written-in-swedish-note")).to_be_visible()
    expect(meeting.locator(".meeting-note .own-words")).to_have_text(NOTE)
    expect(meeting.locator(".meeting-title .pictogram")).to_have_attribute(
        "data-pictogram", "handshake")
    # Listen reads the page's marked parts (shown where the browser has a voice for the language).
    expect(erik.locator("[data-listen]").first).to_be_attached()
    expect(meeting.locator(".meeting-when [data-say], .meeting-when[data-say]")).to_have_count(1)
    assert_accessible(erik, "Mina möten (so)")
    meeting.locator("label:has(input[name=m1-answer][value=coming])").click()
    meeting.locator("button[type=submit]").click()
    expect(erik.locator("#meeting-1 .meeting-answer .pictogram")).to_have_attribute(
        "data-pictogram", "thumbs-up")
    expect(erik.locator("input[name=m1-answer][value=coming]")).to_be_checked()
    assert_accessible(erik, "Mina möten after answering (so)")
    with erik.expect_download() as download:
        erik.click("#meeting-1 a[href$='.ics']")
    [event] = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.date(), start.astimezone().utcoffset() is not None) == (today(1), True)
    assert PLACE in str(event["location"])
    assert ID_CARD in str(event["description"]) and NOTE in str(event["description"])
    # Told by e-mail: the reminder of tomorrow's meeting comes in Somali.
    erik.goto("/me/contact")
    erik.fill("#email", "erik@example.org")
    erik.locator("label:has(input[name=notify_by][value=email])").click()
    erik.locator("main form button[type=submit]").click()
    erik.context.close()
    [(recipients, mail)] = the_reminder_arrives(live_app)
    text = mail.get_body(("plain",)).get_content()
    with live_app.test_request_context(), force_locale("so"):
        subject = gettext("Reminder: a meeting tomorrow")
    assert recipients == ["erik@example.org"] and mail["Subject"] == subject != (
        "Reminder: a meeting tomorrow")
    assert PLACE in text and format_date(today(1), "full", locale="so") in text
    assert ID_CARD in text and NOTE in text

    page.goto("/coach/participants/5/meetings")
    expect(page.locator(".meeting-row .meeting-answer .pictogram")).to_have_attribute(
        "data-pictogram", "thumbs-up")
    page.click(".meeting-row a[href$='/meetings/1/followup']")
    expect(page.locator("#day")).to_have_value(today(1).isoformat())
    expect(page.locator("#kind")).to_have_value("partners")
    expect(page.locator("#with_whom")).to_have_value("Handläggare Kim")
    assert_accessible(page, "follow-up from a meeting")
    page.fill("#note", "Vi gick igenom schemat.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/coach/participants/5/followups$"))
    expect(page.locator("main")).to_contain_text("Vi gick igenom schemat.")


def test_the_coachs_week_and_mina_moten_at_phone_width(browser, page, live_server):
    coach_books_a_meeting(page)
    page.goto(f"/coach/meetings?week={today(1).isoformat()}")
    expect(page.locator(".week-day .meeting-row")).to_contain_text("Erik Nilsson")
    assert_accessible(page, "the coach's week")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/coach-week.png", full_page=True)
    for code in ("sv", "ar"):
        context = browser.new_context(base_url=live_server, locale="sv-SE", viewport=PHONE)
        erik = context.new_page()
        log_in(erik, "erik")
        choose_language(erik, code, "/me/meetings")
        expect(erik.locator("#meeting-1 .meeting-place")).to_contain_text(PLACE)
        # Nothing wider than the phone.
        assert erik.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(erik, f"Mina möten at phone width ({code})")
        if SHOTS:
            erik.screenshot(path=f"{SHOTS}/meetings-{code}.png", full_page=True)
        context.close()
