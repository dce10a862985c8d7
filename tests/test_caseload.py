"""The coach's caseload, review of shared versions, steps, follow-ups and the access log."""
import re
from datetime import date, timedelta

import pytest

from helpers import choose_language, login, submit
from sokandelots.db import db, recorded_queries
from sokandelots.models import AccessLog, Case, StepChange, User

ERIK, AMINA = 5, 4  # the demo participants in `coach`'s caseload (see sokandelots/demo.py)



def share(client, **answers):
    for key, value in answers.items():
        submit(client, f"/me/profile/q/{key}", value)
    return submit(client, "/me/profile/check", {}, action="/me/profile/share")


def rows_of(html):
    return re.findall(r'<th scope="row"><a href="/coach/participants/(\d+)"', html)


def add_participants(coach_user, count):
    with db.atomic():
        for number in range(count):
            user = User.create(username=f"p{number:04d}", role=User.PARTICIPANT,
                               display_name=f"Person {number:04d}")
            Case.create(participant=user, coach=coach_user, commissioner="af",
                        step=1 + number % 5, next_followup=date.today() + timedelta(days=number % 9 - 4))


def queries_for(client, url):
    with recorded_queries() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_caseload_of_300_takes_as_many_queries_as_one_of_2(app, coach, users, monkeypatch):
    from sokandelots import two_step
    monkeypatch.setattr(two_step, "KEPT_SECONDS", 3600)  # the rule asked for once, not again
    coach.get("/coach/")
    few = queries_for(coach, "/coach/")
    with app.app_context():
        db.connect(reuse_if_open=True)
        add_participants(users["coach"], 300)
        db.close()
    assert queries_for(coach, "/coach/") == few
    assert len(rows_of(coach.get("/coach/").get_data(as_text=True))) == 302


def test_filter_by_step_and_status_search_and_sort(app, coach, users):
    with app.app_context():
        db.connect(reuse_if_open=True)
        add_participants(users["coach"], 10)
        db.close()
    html = coach.get("/coach/?step=3").get_data(as_text=True)
    assert len(rows_of(html)) == 2 and "Person 0002" in html and "Person 0007" in html
    assert rows_of(coach.get("/coach/?status=closed").get_data(as_text=True)) == []
    assert rows_of(coach.get("/coach/?q=ERIK").get_data(as_text=True)) == [str(ERIK)]
    by_step = rows_of(coach.get("/coach/?sort=step").get_data(as_text=True))
    assert by_step[:2] == [str(AMINA), str(ERIK)] or by_step[0] in (str(AMINA), str(ERIK))
    by_followup = coach.get("/coach/?sort=followup").get_data(as_text=True)
    assert by_followup.index("Person 0000") < by_followup.index("Person 0004")
    assert 'class="overdue"' in by_followup
    assert coach.get("/coach/?step=99&status=nonsense&sort=evil").status_code == 200


def test_new_versions_get_a_badge_until_the_coach_marks_them_read(app, client, as_user, coach):
    as_user("erik")
    share(client, interests={"choices": ["animals"]})
    share(client)
    assert "badge" in coach.get("/coach/").get_data(as_text=True)
    page = coach.get(f"/coach/participants/{ERIK}/profile").get_data(as_text=True)
    assert 'name="number" value="2"' in page
    submit(coach, f"/coach/participants/{ERIK}/profile", {"number": "2"},
           action=f"/coach/participants/{ERIK}/reviewed")
    assert "badge" not in coach.get("/coach/").get_data(as_text=True)


def test_marking_an_older_version_read_does_not_hide_a_newer_one(app, client, as_user, coach):
    as_user("erik")
    share(client)
    share(client)
    submit(coach, f"/coach/participants/{ERIK}/profile", {"number": "1"},
           action=f"/coach/participants/{ERIK}/reviewed")
    assert "badge" in coach.get("/coach/").get_data(as_text=True)


def test_review_highlights_exactly_the_changed_answers(app, client, as_user, coach):
    as_user("erik")
    share(client, interests={"choices": ["animals"]}, call_me={"text": "Erre"},
          place={"choices": "outdoors"})
    submit(coach, f"/coach/participants/{ERIK}/profile", {"number": "1"},
           action=f"/coach/participants/{ERIK}/reviewed")
    # Two versions since: the latest is compared with the one read, not with the one before it.
    share(client, interests={"choices": ["animals", "plants"]})
    share(client, place={"choices": "indoors"})
    html = coach.get(f"/coach/participants/{ERIK}/profile").get_data(as_text=True)
    assert 'name="number" value="3"' in html
    changed = [text.strip() for text in re.findall(r"<div class=\"answer-item changed\">\s*<dt[^>]*><span>([^<]+)", html)]
    assert changed == ["Vad tycker du om?", "Vill du jobba inne eller ute?"]
    assert "Växter" in html and html.count("before-after") == 2


def test_moving_a_step_records_who_and_when_and_shows_on_the_timeline(app, coach, users):
    response = submit(coach, f"/coach/participants/{ERIK}", {"step": "3", "status": "paused"},
                      action=f"/coach/participants/{ERIK}/step")
    assert response.status_code == 302
    with app.app_context():
        db.connect(reuse_if_open=True)
        change = StepChange.get()
        case = Case.get(Case.participant == users["erik"].id)
        assert (change.step, change.status, change.changed_by.username) == (3, "paused", "coach")
        assert case.step == 3 and case.status == "paused" and case.step_started_at
        db.close()
    html = coach.get(f"/coach/participants/{ERIK}").get_data(as_text=True)
    assert "Jonas Berg" in html[html.index('class="timeline"'):]
    bad = submit(coach, f"/coach/participants/{ERIK}", {"step": "9", "status": "active"},
                 action=f"/coach/participants/{ERIK}/step")
    assert bad.status_code == 422 and 'href="#step"' in bad.get_data(as_text=True)


def test_follow_ups_set_the_next_date_and_overdue_ones_stand_out(app, coach):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = submit(coach, f"/coach/participants/{ERIK}/followups", {
        "day": "2026-11-01", "kind": "visit", "with_whom": "Chefen", "note": "Gick bra.",
        "next_day": yesterday})
    assert response.status_code == 302
    page = coach.get(f"/coach/participants/{ERIK}/followups").get_data(as_text=True)
    assert "Chefen" in page and "Gick bra." in page
    caseload = coach.get("/coach/").get_data(as_text=True)
    assert caseload.count('class="overdue"') == 1
    bad = submit(coach, f"/coach/participants/{ERIK}/followups", {"day": "", "note": "x" * 2001})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#day"' in html and 'href="#note"' in html


def test_a_closed_case_has_no_overdue_follow_up(app, coach):
    last_week = (date.today() - timedelta(days=7)).isoformat()
    submit(coach, f"/coach/participants/{ERIK}/followups", {"day": "2026-11-01", "kind": "visit",
                                                           "next_day": last_week})
    submit(coach, f"/coach/participants/{ERIK}", {"step": "5", "status": "closed", "outcome": "work"},
           action=f"/coach/participants/{ERIK}/step")
    for sort in ("name", "followup"):
        caseload = coach.get(f"/coach/?sort={sort}").get_data(as_text=True)
        row = re.search(rf'<tr>\s*<th scope="row"><a href="/coach/participants/{ERIK}".*?</tr>',
                        caseload, re.S).group(0)
        assert 'class="overdue"' not in row and last_week not in row
    # Closing ended the due follow-up, so opening the case again does not bring it back.
    submit(coach, f"/coach/participants/{ERIK}", {"step": "5", "status": "active"},
           action=f"/coach/participants/{ERIK}/step")
    assert coach.get("/coach/").get_data(as_text=True).count('class="overdue"') == 0


def log_rows(app, participant_id):
    with app.app_context():
        db.connect(reuse_if_open=True)
        rows = list(AccessLog.select().where(AccessLog.participant == participant_id))
        db.close()
    return rows


@pytest.mark.parametrize("path", ["", "/profile", "/activities", "/followups", "/card", "/notes",
                                  "/messages", "/agreement", "/together/interests"])
def test_each_record_view_adds_one_access_log_row(app, coach, path):
    before = len(log_rows(app, ERIK))
    assert coach.get(f"/coach/participants/{ERIK}{path}").status_code == 200
    rows = log_rows(app, ERIK)
    assert len(rows) == before + 1 and not rows[-1].changed


def test_the_participant_sees_who_looked_and_changed_in_plain_words(app, client, as_user, coach):
    coach.get(f"/coach/participants/{ERIK}/profile")
    submit(coach, f"/coach/participants/{ERIK}", {"step": "2", "status": "active"},
           action=f"/coach/participants/{ERIK}/step")
    as_user("erik")
    choose_language(client, "en")
    client.get("/me/profile/check")  # the participant's own views are not logged
    html = client.get("/me/access").get_data(as_text=True)
    # One visit, one line: what was opened in one sentence, then what was changed.
    assert html.count('class="answer-item visit"') == 1
    assert ("<bdi>Jonas Berg</bdi> looked at the profile you shared and the overview of you."
            in html)
    assert "<bdi>Jonas Berg</bdi> changed which step you are in." in html
    # The profile, the overview (opened for its form's token) and the change of step.
    assert [(row.endpoint, row.changed) for row in log_rows(app, ERIK)] == [
        ("coach.profile", False), ("coach.participant", False), ("coach.change_step", True)]


def test_marking_a_profile_read_reads_as_reading_it_not_changing_it(app, client, as_user, coach):
    as_user("erik")
    share(client, interests={"choices": ["animals"]})
    coach.get(f"/coach/participants/{ERIK}/profile")
    submit(coach, f"/coach/participants/{ERIK}/profile", {"number": "1"},
           action=f"/coach/participants/{ERIK}/reviewed")
    choose_language(client, "en")
    html = client.get("/me/access").get_data(as_text=True)
    assert "<bdi>Jonas Berg</bdi> read the profile you shared." in html
    assert "changed the profile" not in html


def test_every_logged_page_has_words_for_opening_and_for_changing_it(app):
    from sokandelots import audit
    for rule in app.url_map.iter_rules():
        logged = ((rule.endpoint.startswith("coach.") and "participant_id" in rule.arguments)
                  or (rule.endpoint.startswith("admin.") and "user_id" in rule.arguments))
        if not logged:
            continue
        page = audit.PAGES.get(rule.endpoint)
        assert page is not None, f"{rule.endpoint} has no words in audit.PAGES"
        if "GET" in rule.methods:
            assert page.part, f"{rule.endpoint}: what the participant reads when it is opened"
        # Erasing leaves nobody to read about it.
        if "POST" in rule.methods and rule.endpoint != "admin.erase":
            assert page.change and "%(name)s" in str(page.change), \
                f"{rule.endpoint}: what the participant reads when it changes something"


def test_one_visit_is_a_few_rows_and_one_line_however_many_requests(app, client, as_user, coach):
    from sokandelots.models import utcnow
    for _ in range(5):
        coach.get(f"/coach/participants/{ERIK}")
        coach.get(f"/coach/participants/{ERIK}/profile")
    for key in ("interests", "likes", "strengths"):
        coach.get(f"/coach/participants/{ERIK}/together/{key}")
        # A fragment inside a page that is already logged is not a visit of its own.
        coach.get(f"/coach/participants/{ERIK}/together/{key}", headers={"HX-Request-Type": "partial"})
    assert [row.endpoint for row in log_rows(app, ERIK)] == [
        "coach.participant", "coach.profile", "coach.together"]
    # The same page opened again after half an hour is written again, and is a new visit.
    with app.app_context():
        db.connect(reuse_if_open=True)
        AccessLog.update(created_at=utcnow() - timedelta(hours=2)).execute()
        db.close()
    coach.get(f"/coach/participants/{ERIK}")
    assert len(log_rows(app, ERIK)) == 4
    as_user("erik")
    choose_language(client, "en")
    html = client.get("/me/access").get_data(as_text=True)
    assert html.count('class="answer-item visit"') == 2
    assert ("looked at the overview of you, the profile you shared, and your profile, sitting "
            "with you.") in html


def test_failed_and_refused_requests_are_not_logged_as_changes(app, client, as_user, coach):
    page = f"/coach/participants/{ERIK}"
    before = log_rows(app, ERIK)
    assert coach.get(f"{page}/activities/999").status_code == 404
    assert submit(coach, page, {"text": "x"}, action=f"{page}/activities/999").status_code == 404
    assert coach.get(f"{page}/placements/999/plan").status_code == 404
    assert submit(coach, f"{page}/followups", {"day": ""}).status_code == 422
    assert submit(coach, page, {"step": "9", "status": "active"}, action=f"{page}/step").status_code == 422
    assert submit(coach, f"{page}/notes", {"feedback-text": ""},
                  action=f"{page}/feedback").status_code == 422
    # Nothing shared yet: "Markera som läst" marks nothing.
    assert submit(coach, f"{page}/profile", {"number": "1"}, action=f"{page}/reviewed").status_code == 302
    as_user("erik")
    assert client.get(f"{page}/profile").status_code == 403
    rows = log_rows(app, ERIK)[len(before):]
    assert not [row for row in rows if row.changed], [row.endpoint for row in rows if row.changed]
    # Only the pages that were shown are there (the forms' pages and the profile afterwards).
    assert {row.endpoint for row in rows} <= {"coach.followups", "coach.participant",
                                               "coach.notes_page", "coach.profile"}


@pytest.mark.parametrize("path, action, data, endpoint", [
    ("", "/step", {"step": "2", "status": "active"}, "coach.change_step"),
    ("/followups", "/followups", {"day": "2026-11-02", "kind": "phone"}, "coach.followups"),
    ("/notes", "/feedback", {"feedback-text": "Bra!", "feedback-section": ""}, "coach.add_feedback"),
    ("/notes", "/internal-notes", {"note-text": "Ring."}, "coach.add_internal_note"),
    ("/messages", "/messages", {"text": "Hej!"}, "coach.messages"),
    ("/activities", "/activities", {"kind": "visit"}, "coach.activities"),
    ("/card", "/card", {}, "coach.reset_login"),
])
def test_a_saved_change_is_logged_once_as_a_change(app, coach, path, action, data, endpoint):
    page = f"/coach/participants/{ERIK}"
    response = submit(coach, f"{page}{path}", data, action=f"{page}{action}")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert [row.endpoint for row in log_rows(app, ERIK) if row.changed] == [endpoint]


def test_admin_moves_a_participant_and_the_old_coach_only_reads(app, coach, users):
    assert coach.get(f"/coach/participants/{ERIK}").status_code == 200
    admin = app.test_client()
    login(admin, "admin")
    page = f"/admin/users/{ERIK}/coach"
    refused = submit(admin, page, {"coach": 999, "note": "Till Lena."})
    assert refused.status_code == 422  # "Not a valid choice."
    assert not any(row.changed for row in log_rows(app, ERIK))
    response = submit(admin, page, {"coach": users["coach2"].id, "note": "Till Lena."})
    assert response.status_code == 302
    assert coach.get(f"/coach/participants/{ERIK}").status_code == 200  # read only, for a while
    assert submit(coach, f"/coach/participants/{ERIK}", {"step": "2", "status": "active"},
                  action=f"/coach/participants/{ERIK}/step").status_code == 403
    other = app.test_client()
    login(other, "coach2")
    assert other.get(f"/coach/participants/{ERIK}").status_code == 200
    assert any(row.endpoint == "admin.move_participant" and row.changed for row in log_rows(app, ERIK))
    choose_language(admin, "en")
    found = admin.get("/admin/access?q=erik").get_data(as_text=True)
    assert "admin.move_participant" in found and "Lena Holm" in found
    assert "The participant reads: <bdi>Maja Lind</bdi> gave you another coach." in found
    assert "Erik Nilsson" not in admin.get("/admin/access?q=nobody-at-all").get_data(as_text=True)


def test_the_interpreter_need_from_the_referral_shows_on_the_caseload_and_the_agreement(
        app, coach, users):
    from sokandelots.models import Referral
    with app.app_context():
        db.connect(reuse_if_open=True)
        Referral.create(coach=users["coach"], participant=users["amina"], received_on=date.today(),
                        commissioner="af", name="Amina Yusuf", interpreter=True,
                        interpreter_language="arabiska", status="accepted")
        db.close()
    choose_language(coach, "en", "/coach/")
    badge = "Interpreter: <bdi>arabiska</bdi>"
    caseload = coach.get("/coach/").get_data(as_text=True)
    assert caseload.count(badge) == 1
    amina_row = caseload[caseload.index("Amina Yusuf"):]
    assert badge in amina_row[:amina_row.index("</tr>")]
    amina = users["amina"].id
    assert badge in coach.get(f"/coach/participants/{amina}/agreement").get_data(as_text=True)
    erik = users["erik"].id
    assert "Interpreter" not in coach.get(f"/coach/participants/{erik}/agreement").get_data(
        as_text=True)


def test_a_long_caseload_translates_no_more_than_a_short_one(app, coach, users, monkeypatch):
    from babel.support import NullTranslations, Translations
    choose_language(coach, "sv", page="/coach/")
    looked_up = []

    def counting(original):
        def ugettext(self, message):
            looked_up.append(message)
            return original(self, message)
        return ugettext

    for kind in (NullTranslations, Translations):
        monkeypatch.setattr(kind, "ugettext", counting(kind.ugettext))

    def lookups():
        looked_up.clear()
        page = coach.get("/coach/").get_data(as_text=True)
        assert "Överenskommelse" in page or "Yrkesprofil" in page
        return len(looked_up)

    few = lookups()
    with app.app_context():
        db.connect(reuse_if_open=True)
        add_participants(users["coach"], 40)
        db.close()
    assert lookups() == few


def test_the_link_on_every_row_is_the_address_url_for_makes(app):
    from flask import url_for
    from sokandelots import links
    with app.test_request_context():
        for endpoint, values in (("coach.participant", {}),
                                 ("coach.agreement", {"_anchor": "consents-title"})):
            link = links.for_each_id(endpoint, "participant_id", **values)
            for an_id in (1, 42, links.STAND_IN, 10 ** 12):
                assert link(an_id) == url_for(endpoint, participant_id=an_id, **values)
            with pytest.raises(ValueError):
                link("5/../../admin")
