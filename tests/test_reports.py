"""Reports to the commissioner: progress and closing reports built from the record with the
coach's words, kept unchangeable once sent, and never sent without a consent or a mandate."""
from datetime import date, timedelta

import pytest
from flask_babel import gettext

from helpers import login, submit
from sokandelots import agreement, attendance, caseload, plans, reports
from sokandelots.db import db
from sokandelots.models import Case, Report, User

ERIK, SARA = 5, 6
PAGE = f"/coach/participants/{ERIK}"


@pytest.fixture
def sv(app):
    """A text as a Swedish page shows it (new texts are in English until they are translated)."""
    def words(text, **values):
        with app.test_request_context():
            return gettext(text, **values)
    return words


@pytest.fixture
def recorded(app):
    """Erik's record: goals, a step change, a placement with attendance, an activity."""
    from sokandelots.activities import records
    from sokandelots.employers import register
    with app.app_context():
        db.connect(reuse_if_open=True)
        coach, erik = User.by_username("coach"), User.by_username("erik")
        agreement.save(erik, coach, {"goals": "Ett arbete i kök, 20 timmar i veckan.",
                                     "meeting_on": date(2026, 9, 1)})
        case = Case.get(Case.participant == erik)
        caseload.change_step(case, 5, "active", coach)
        Case.update(created_at=case.created_at - timedelta(days=60)).where(Case.id == case.id).execute()
        employer = register.add_employer(coach, "Café Solen", "food")
        item = plans.add_placement(erik, employer, coach)
        plans.save(item, {"start_on": date.today() - timedelta(days=10), "terms": "wage_subsidy",
                          "paid_hours": 20}, coach)
        for days_ago, status, hours in ((3, "present", 6), (2, "present", 5.5), (1, "sick", 0)):
            attendance.mark(item, date.today() - timedelta(days=days_ago), status, hours, coach,
                            confirm=True)
        records.add(erik, coach, "visit", place="Bageriet", day=date.today() - timedelta(days=5))
        db.close()


def give_consent(app, partner="af"):
    with app.app_context():
        db.connect(reuse_if_open=True)
        agreement.add_consent(User.by_username("erik"), partner, "Handläggare Kim",
                              "Lägesrapporter", date.today() - timedelta(days=30), "written")
        db.close()


def start(coach, kind="progress"):
    response = submit(coach, PAGE, {"kind": kind}, action=f"{PAGE}/reports")
    assert response.status_code == 302
    return response.headers["Location"]


def test_a_progress_report_is_built_from_the_record_with_the_coachs_words(coach, recorded, sv):
    page = start(coach)
    html = coach.get(page).get_data(as_text=True)
    assert sv("Progress report") + " 1" in html and sv("Draft: not sent") in html
    assert "Ett arbete i kök, 20 timmar i veckan." in html and "Café Solen" in html
    assert sv("%(hours)s h", hours="11,5") in html and "Bageriet" in html and "Stöd på arbetsplatsen" in html
    saved = submit(coach, page, {"summary": "Erik har kommit igång bra.", "goals": "På väg.",
                                 "next_steps": "Fler timmar i december."})
    assert saved.status_code == 302
    html = coach.get(page).get_data(as_text=True)
    assert "Erik har kommit igång bra." in html and "Fler timmar i december." in html
    assert sv("Progress report") + " 1" in coach.get(PAGE).get_data(as_text=True)


def test_a_draft_with_a_bad_period_says_what_is_wrong(coach, recorded, sv):
    page = start(coach)
    bad = submit(coach, page, {"period_start": "2026-11-01", "period_end": "2026-10-01"})
    assert bad.status_code == 422 and 'href="#period_end"' in bad.get_data(as_text=True)
    bad = submit(coach, page, {"period_start": "inte ett datum"})
    assert bad.status_code == 422 and 'href="#period_start"' in bad.get_data(as_text=True)
    wrong_kind = submit(coach, PAGE, {"kind": "weekly"}, action=f"{PAGE}/reports",
                        follow_redirects=True)
    assert sv("Not a valid choice.") in wrong_kind.get_data(as_text=True)


def test_without_a_consent_or_a_mandate_the_report_cannot_be_sent(app, coach, recorded, sv):
    page = start(coach)
    html = coach.get(page).get_data(as_text=True)
    assert sv("There is no consent to share with the commissioner. Record the consent under "
              "Agreement and consents, or write the commissioner's mandate below.") in html
    refused = submit(coach, page, {"sent_to": "AF, handläggare Kim",
                                   "sent_on": date.today().isoformat()}, action=f"{page}/send")
    assert refused.status_code == 422
    assert 'href="#mandate"' in refused.get_data(as_text=True)
    assert sv("The report cannot be sent: there is no consent to share with the commissioner. "
              "Record the participant's consent under Agreement and consents, or write the "
              "commissioner's mandate here.") in refused.get_data(as_text=True)
    # A consent to another partner, or a withdrawn one, is not enough.
    give_consent(app, partner="fk")
    assert submit(coach, page, {"sent_to": "AF", "sent_on": date.today().isoformat()},
                  action=f"{page}/send").status_code == 422
    with app.app_context():
        assert Report.get().sent_on is None


def test_a_recorded_mandate_lets_the_report_be_sent(app, coach, recorded, sv):
    page = start(coach)
    sent = submit(coach, page, {"sent_to": "AF, handläggare Kim",
                                "sent_on": date.today().isoformat(),
                                "mandate": "Anvisning från AF den 1 september"},
                  action=f"{page}/send", follow_redirects=True)
    html = sent.get_data(as_text=True)
    assert sv("The commissioner's mandate") in html and "Anvisning från AF den 1 september" in html


def test_a_sent_report_never_changes_and_a_new_draft_can_follow(app, coach, recorded, sv):
    give_consent(app)
    page = start(coach)
    submit(coach, page, {"summary": "Första perioden."})
    later = (date.today() + timedelta(days=1)).isoformat()
    future = submit(coach, page, {"sent_to": "AF", "sent_on": later}, action=f"{page}/send")
    assert future.status_code == 422 and 'href="#sent_on"' in future.get_data(as_text=True)
    sent = submit(coach, page, {"sent_to": "AF, handläggare Kim",
                                "sent_on": date.today().isoformat()}, action=f"{page}/send",
                  follow_redirects=True)
    html = sent.get_data(as_text=True)
    assert "AF, handläggare Kim" in html and sv("Draft: not sent") not in html
    assert sv("The participant's consent to %(partner)s, given %(date)s",
              partner=sv("Swedish Public Employment Service"), date="") in html
    # What is recorded later does not change the sent copy, nor can the coach change it.
    with app.app_context():
        agreement.save(User.by_username("erik"), User.by_username("coach"), {"goals": "Nya mål."})
    assert submit(coach, page, {"summary": "Ändrad."}).status_code == 302
    again = submit(coach, page, {"sent_to": "FK, handläggare Bodil Exempel", "sent_on": date.today().isoformat()},
                   action=f"{page}/send")
    assert again.status_code == 302
    html = coach.get(page).get_data(as_text=True)
    assert "Ett arbete i kök" in html and "Nya mål." not in html
    assert "Första perioden." in html and "Ändrad." not in html and "Bodil Exempel" not in html
    # The next report is a new draft that starts from the words already sent.
    second = start(coach)
    assert second != page
    html = coach.get(second).get_data(as_text=True)
    assert sv("Progress report") + " 2" in html and "Nya mål." in html and "Första perioden." in html
    listing = coach.get(PAGE).get_data(as_text=True)
    assert sv("Progress report") + " 2" in listing
    assert sv("sent %(date)s to %(whom)s", date="", whom="")[:4] in listing


def test_a_closing_report_shows_the_outcome(app, coach, recorded, sv):
    with app.app_context():
        caseload.change_step(Case.get(Case.participant == User.by_username("erik")), 5, "closed",
                             User.by_username("coach"), "work", date.today())
    html = coach.get(start(coach, "closing")).get_data(as_text=True)
    assert sv("Closing report") + " 1" in html and "Arbete utan stöd" in html


def test_the_region_counts_its_psychiatry_consent(app, ctx):
    erik = User.by_username("erik")
    case = Case.get(Case.participant == erik)
    case.commissioner = "region"
    assert reports.consent_to_commissioner(case) is None
    item = agreement.add_consent(erik, "psychiatry", "", "Rapporter", date.today(), "spoken")
    assert reports.consent_to_commissioner(case) == item
    agreement.withdraw(item, date.today())
    assert reports.consent_to_commissioner(case) is None
    assert reports.consent_to_commissioner(case, date.today() - timedelta(days=1)) is None


def test_the_case_number_is_saved_and_shown_on_the_report(coach, recorded, sv):
    assert submit(coach, PAGE, {"commissioner_case_number": "Af-2026/1234"},
                  action=f"{PAGE}/case-number").status_code == 302
    assert 'value="Af-2026/1234"' in coach.get(PAGE).get_data(as_text=True)
    assert "Af-2026/1234" in coach.get(start(coach)).get_data(as_text=True)
    bad = submit(coach, PAGE, {"commissioner_case_number": "<script>"},
                 action=f"{PAGE}/case-number", follow_redirects=True)
    assert sv("Use letters, digits, spaces and . / : - only.") in bad.get_data(as_text=True)


def test_another_coachs_participant_and_report_are_not_found(app, coach, recorded):
    page = start(coach)
    other = app.test_client()
    login(other, "coach2")
    assert other.get(page).status_code == 404
    token_page = "/coach/"
    for url, data in ((page, {"summary": "x"}), (f"{page}/send", {"sent_to": "AF"}),
                      (f"{PAGE}/reports", {"kind": "progress"}),
                      (f"{PAGE}/case-number", {"commissioner_case_number": "1"})):
        assert submit(other, token_page, data, action=url).status_code == 404
    # Nor through their own participant.
    assert other.get(f"/coach/participants/{SARA}/reports/1").status_code == 404


def test_participants_and_administrators_cannot_open_reports(app, coach, recorded, client):
    page = start(coach)
    for username in ("erik", "admin"):
        login(client, username)
        assert client.get(page).status_code == 403
        client.post("/logout")
