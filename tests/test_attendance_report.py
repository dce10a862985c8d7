"""The monthly attendance report as the commissioner wants it: the provider and its organisation
number, the commissioner's case number, planned and actual hours per day, three signatures, and
absences flagged until the coach records that the commissioner was told."""
from datetime import timedelta

import pytest
from flask_babel import gettext

from helpers import login, submit, today
from sokandelots.db import db
from sokandelots.models import Attendance

ERIK, SARA = 5, 6
# Last month: every day of it past. Fixed when the module is loaded: only a run that passes
# midnight at the end of a month sees it change.
FIRST = (today().replace(day=1) - timedelta(days=1)).replace(day=1)
MONTH = f"?month={FIRST:%Y-%m}"
PLACEMENT = f"/coach/participants/{ERIK}/placements/1"
REPORT = f"{PLACEMENT}/attendance/report{MONTH}"
PARTICIPANT = f"/coach/participants/{ERIK}"


@pytest.fixture
def sv(app):
    """A text as a Swedish page shows it (new texts are in English until they are translated)."""
    def words(text, **values):
        with app.test_request_context():
            return gettext(text, **values)
    return words


def plan_form(**values):
    return {"start_on": FIRST.isoformat(), "terms": "unpaid", "paid_hours": "0",
            "followup_weeks": "0", "planned_0": "6", "planned_4": "4,5", **values}


def monday_of_month():
    return FIRST + timedelta(days=(7 - FIRST.weekday()) % 7)


@pytest.fixture
def placement(coach):
    submit(coach, "/coach/employers/new", {"name": "Café Solen", "sector": "food"})
    submit(coach, f"{PARTICIPANT}/placements", {"employer": "1"})
    assert submit(coach, f"{PLACEMENT}/plan", plan_form()).status_code == 302
    monday = monday_of_month()
    days = {monday: ("present", "5"), monday + timedelta(days=7): ("absent", ""),
            monday + timedelta(days=4): ("sick", "")}
    data = {}
    for day, (status, hours) in days.items():
        data[f"status_{day:%Y%m%d}"], data[f"hours_{day:%Y%m%d}"] = status, hours
    assert submit(coach, f"{PLACEMENT}/attendance{MONTH}", data).status_code == 302
    return monday


def test_the_plan_keeps_planned_hours_for_each_weekday_and_refuses_impossible_ones(coach, placement, sv):
    html = coach.get(f"{PLACEMENT}/plan/1").get_data(as_text=True)
    assert sv("Planned hours") in html and " 6, " in html and " 4,5" in html
    bad = submit(coach, f"{PLACEMENT}/plan", plan_form(planned_2="30"))
    assert bad.status_code == 422 and 'href="#planned_2"' in bad.get_data(as_text=True)
    bad = submit(coach, f"{PLACEMENT}/plan", plan_form(planned_3="sex"))
    assert bad.status_code == 422 and 'href="#planned_3"' in bad.get_data(as_text=True)


def test_the_report_has_planned_and_actual_hours_a_day_and_three_signatures(coach, placement, sv):
    html = coach.get(REPORT).get_data(as_text=True)
    start = html.index("<tbody>", html.index('<table class="stack">'))
    table, foot = html[start:html.index("</tbody>", start)], html[html.index("<tfoot>"):]
    # Every Monday and Friday of the month is planned (6 and 4.5 hours), marked or not.
    mondays = sum(1 for n in range(31) if (FIRST + timedelta(days=n)).month == FIRST.month
                  and (FIRST + timedelta(days=n)).weekday() == 0)
    fridays = sum(1 for n in range(31) if (FIRST + timedelta(days=n)).month == FIRST.month
                  and (FIRST + timedelta(days=n)).weekday() == 4)
    assert table.count("<tr") == mondays + fridays
    assert table.count(sv("Not marked")) == mondays + fridays - 3
    total = f"{mondays * 6 + fridays * 4.5:.1f}".replace(".", ",")
    assert f"<td data-label=\"{sv('Planned hours')}\">{total}</td>" in foot
    assert f"<td data-label=\"{sv('Actual hours')}\">5,0</td>" in foot
    assert html.count('class="signature"') == 3 and sv("Supervisor") in html


def test_an_absence_is_flagged_until_the_commissioner_is_told(app, coach, placement, sv):
    html = coach.get(REPORT).get_data(as_text=True)
    assert html.count('class="absence"') == 2 and sv("Tell the commissioner") in html
    page = coach.get(PARTICIPANT).get_data(as_text=True)
    assert sv("Absences to tell the commissioner about") in page
    with app.app_context():
        ids = [row.id for row in Attendance.select().where(Attendance.status != "present")
               .order_by(Attendance.day)]
    # Nothing chosen, or a day that has not come: a clear error and nothing recorded.
    none = submit(coach, PARTICIPANT, {"notified_on": today().isoformat()},
                  action=f"{PARTICIPANT}/absences", follow_redirects=True)
    assert sv("Choose at least one absence.") in none.get_data(as_text=True)
    later = submit(coach, PARTICIPANT, {"absences": ids, "notified_on": (today() + timedelta(days=1)).isoformat()},
                   action=f"{PARTICIPANT}/absences", follow_redirects=True)
    assert sv("The date cannot be later than today.") in later.get_data(as_text=True)
    assert submit(coach, PARTICIPANT, {"absences": ids[:1], "notified_on": today().isoformat()},
                  action=f"{PARTICIPANT}/absences").status_code == 302
    html = coach.get(REPORT).get_data(as_text=True)
    assert html.count('class="absence"') == 1
    assert sv("Commissioner told %(date)s", date="")[:10] in html
    submit(coach, PARTICIPANT, {"absences": ids[1:], "notified_on": today().isoformat()},
           action=f"{PARTICIPANT}/absences")
    assert sv("Absences to tell the commissioner about") not in coach.get(PARTICIPANT).get_data(as_text=True)
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert {row.notified_on for row in Attendance.select().where(Attendance.id.in_(ids))} == {today()}
        db.close()


def test_another_coach_cannot_record_a_notice(app, coach, placement):
    other = app.test_client()
    login(other, "coach2")
    assert submit(other, "/coach/", {"absences": ["1"], "notified_on": today().isoformat()},
                  action=f"{PARTICIPANT}/absences").status_code == 404


def test_the_report_shows_the_provider_and_the_case_number(app, coach, placement, client, sv):
    login(client, "admin")
    page = "/admin/provider"
    bad = submit(client, page, {"name": "", "org_number": "202100-5488"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#name"' in html and 'href="#org_number"' in html
    assert sv("Write the ten digits of a valid organisation number, as 202100-5489.") in html
    assert submit(client, page, {"name": "Sökandelots, Kommunen", "org_number": "2021005489"}
                  ).status_code == 302
    assert 'value="202100-5489"' in client.get(page).get_data(as_text=True)
    submit(coach, PARTICIPANT, {"commissioner_case_number": "Af-2026/77"},
           action=f"{PARTICIPANT}/case-number")
    html = coach.get(REPORT).get_data(as_text=True)
    assert "Sökandelots, Kommunen" in html and "202100-5489" in html and "Af-2026/77" in html
    assert coach.get(page).status_code == 403
    participant = app.test_client()
    login(participant, "erik")
    assert participant.get(page).status_code == 403


# The personal identity number, only for a commissioner that requires it

NUMBER = "19811218-9876"


def referred(app, personnummer):
    """Erik's case began with a referral (from his commissioner, the Public Employment Service)
    that gives `personnummer`."""
    from sokandelots.models import Referral, User
    with app.app_context():
        db.connect(reuse_if_open=True)
        Referral.create(coach=User.by_username("coach"), participant=ERIK, received_on=FIRST,
                        commissioner="af", name="Erik", personnummer=personnummer,
                        status="accepted")
        db.close()


def require(client, *commissioners):
    login(client, "admin")
    return submit(client, "/admin/provider", {"name": "Sökandelots", "org_number": "2021005489",
                                              "personnummer_required": list(commissioners)})


def test_the_number_is_on_the_report_when_the_commissioner_requires_it(app, coach, placement,
                                                                       client, sv):
    referred(app, NUMBER)
    html = coach.get(REPORT).get_data(as_text=True)
    assert NUMBER not in html and sv("Personal identity number") not in html
    assert require(client, "fk", "af").status_code == 302
    html = coach.get(REPORT).get_data(as_text=True)
    assert sv("Personal identity number") in html and f'<span dir="ltr">{NUMBER}</span>' in html
    # Only on the report: the participant's page still has no number.
    assert NUMBER not in coach.get(PARTICIPANT).get_data(as_text=True)
    assert require(client, "fk").status_code == 302
    html = coach.get(REPORT).get_data(as_text=True)
    assert NUMBER not in html and sv("Personal identity number") not in html


@pytest.mark.parametrize("personnummer", ["", "19811218", None])
def test_without_a_number_on_the_referral_the_report_has_none(app, coach, placement, client, sv,
                                                               personnummer):
    if personnummer is not None:  # None: no referral at all
        referred(app, personnummer)
    require(client, "af")
    html = coach.get(REPORT).get_data(as_text=True)
    assert sv("Personal identity number") in html and '<span dir="ltr">–</span>' in html
    assert "19811218" not in html


def test_the_administrator_chooses_the_commissioners_that_require_the_number(app, client, coach):
    from sokandelots import reports
    response = require(client, "fk", "social")
    assert response.status_code == 302
    with app.app_context():
        assert reports.personnummer_required() == ["fk", "social"]
    html = client.get("/admin/provider").get_data(as_text=True)
    assert html.count("checked") == 2 and 'value="fk"' in html
    # A commissioner not in the list, or a wrong organisation number: nothing is saved.
    bad = submit(client, "/admin/provider", {"name": "Sökandelots", "org_number": "2021005489",
                                             "personnummer_required": ["af", "nobody"]})
    assert bad.status_code == 422 and 'href="#personnummer_required"' in bad.get_data(as_text=True)
    bad = submit(client, "/admin/provider", {"name": "Sökandelots", "org_number": "1",
                                             "personnummer_required": ["af"]})
    assert bad.status_code == 422
    with app.app_context():
        assert reports.personnummer_required() == ["fk", "social"]
    # No boxes checked: none requires it.
    assert require(client).status_code == 302
    with app.app_context():
        assert reports.personnummer_required() == []
    # Only an administrator.
    assert submit(coach, "/coach/", {"name": "X", "org_number": "2021005489",
                                     "personnummer_required": ["af"]},
                  action="/admin/provider").status_code == 403
    participant = app.test_client()
    login(participant, "erik")
    assert submit(participant, "/me/", {"name": "X", "org_number": "2021005489",
                                        "personnummer_required": ["af"]},
                  action="/admin/provider").status_code == 403
    with app.app_context():
        assert reports.personnummer_required() == []
