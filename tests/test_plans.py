"""Implementation plans with versions, the follow-ups they expect, attendance, and outcomes."""
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from helpers import choose_language, exported, login, submit, today
from sokandelots import attendance, caseload, plans
from sokandelots.db import db
from sokandelots.models import Case, FollowUp, Placement, PlanVersion, User

ERIK, SARA = 5, 6
MONDAY = date(2026, 11, 23)


@pytest.fixture
def placement(ctx):
    from sokandelots.employers import register
    coach = User.by_username("coach")
    employer = register.add_employer(coach, "Café Solen", "food")
    return plans.add_placement(User.by_username("erik"), employer, coach)


def plan(**values):
    return {"start_on": date(2026, 1, 5), "terms": "wage_subsidy", "paid_hours": 20,
            "followup_weeks": 2, "tasks": "Diska och duka.", **values}


def test_a_change_makes_a_new_version_and_the_old_one_stays_as_it_was(placement):
    coach = User.by_username("coach")
    first, made = plans.save(placement, plan(), coach)
    assert made and first.number == 1
    same, made = plans.save(placement, plan(), coach)
    assert not made and same.id == first.id
    second, made = plans.save(placement, plan(tasks="Diska, duka och kassa."), coach)
    assert made and second.number == 2
    assert [v.number for v in plans.versions(placement)] == [2, 1]
    assert plans.texts(plans.version(placement, 1)) == {"tasks": "Diska och duka."}
    assert plans.version(placement).number == 2
    assert PlanVersion.select().count() == 2


def test_the_schedule_expects_a_follow_up_every_so_many_weeks_until_the_end():
    version = PlanVersion(start_on=date(2026, 1, 5), end_on=date(2026, 2, 16), followup_weeks=2)
    assert plans.expected_dates(version) == [date(2026, 1, 19), date(2026, 2, 2), date(2026, 2, 16)]
    version.end_on = None
    assert len(plans.expected_dates(version)) == plans.OPEN_ENDED_FOLLOWUPS
    version.followup_weeks = 0
    assert plans.expected_dates(version) == []


JAN_5 = date(2026, 1, 5)  # a Monday


def test_a_schedule_that_thins_out_follows_up_every_week_then_every_four_weeks():
    version = PlanVersion(start_on=JAN_5, end_on=date(2026, 5, 4), followup_weeks=1,
                          followup_change_week=8, followup_later_weeks=4)
    # Weeks 1 to 8 (2 March is week 8), then four and eight weeks after week 8; twelve weeks
    # after it (25 May) is after the end.
    assert plans.expected_dates(version) == [
        date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26), date(2026, 2, 2),
        date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23), date(2026, 3, 2),
        date(2026, 3, 30), date(2026, 4, 27)]
    assert [plans.weeks_on(version, day) for day in (date(2026, 3, 2), date(2026, 3, 3))] == [1, 4]


def test_a_schedule_that_intensifies_follows_up_every_four_weeks_then_every_week():
    version = PlanVersion(start_on=JAN_5, end_on=date(2026, 4, 20), followup_weeks=4,
                          followup_change_week=12, followup_later_weeks=1)
    assert plans.expected_dates(version) == [
        date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 30),
        date(2026, 4, 6), date(2026, 4, 13), date(2026, 4, 20)]


def test_the_later_interval_counts_from_the_change_and_an_open_plan_goes_on_after_it():
    version = PlanVersion(start_on=JAN_5, followup_weeks=2, followup_change_week=5,
                          followup_later_weeks=4)
    found = plans.expected_dates(version)
    # Every other week up to week 5 (9 February): weeks 2 and 4; then a dozen, four weeks apart.
    assert found[:4] == [date(2026, 1, 19), date(2026, 2, 2), date(2026, 3, 9), date(2026, 4, 6)]
    assert len(found) == 2 + plans.OPEN_ENDED_FOLLOWUPS
    # A change on or after the end changes nothing.
    version.end_on = date(2026, 2, 9)
    assert plans.change_day(version) is None
    assert plans.expected_dates(version) == [date(2026, 1, 19), date(2026, 2, 2)]


def test_a_date_is_met_within_half_of_the_period_in_effect_on_it(placement):
    erik, coach = User.by_username("erik"), User.by_username("coach")
    plans.save(placement, plan(start_on=JAN_5, end_on=date(2026, 4, 20), followup_weeks=4,
                               followup_change_week=12, followup_later_weeks=1), coach)
    # 1 April is within two weeks of 30 March (every four weeks up to then), but not within
    # half a week of 6 April (every week after 30 March).
    FollowUp.create(participant=erik, coach=coach, day=date(2026, 4, 1), kind="visit")
    met = {day: done for day, _item, done in plans.schedule(erik)}
    assert met[date(2026, 3, 30)] and not met[date(2026, 4, 6)]
    assert [day for day, done in met.items() if done] == [date(2026, 3, 30)]
    assert plans.next_expected(erik, date(2026, 3, 30)) == date(2026, 4, 6)


def test_an_expected_follow_up_is_met_within_half_a_period(placement):
    erik, coach = User.by_username("erik"), User.by_username("coach")
    plans.save(placement, plan(end_on=date(2026, 2, 16)), coach)
    # Half of two weeks is seven days: 26 January is too late for 19 January (the window
    # 12–25 January) but in time for 2 February (26 January – 8 February).
    FollowUp.create(participant=erik, coach=coach, day=date(2026, 1, 26), kind="meeting")
    met = {day: done for day, _item, done in plans.schedule(erik)}
    assert met == {date(2026, 1, 19): False, date(2026, 2, 2): True, date(2026, 2, 16): False}


def test_the_plan_sets_the_next_follow_up_and_a_follow_up_without_a_date_takes_the_next(placement):
    erik, coach = User.by_username("erik"), User.by_username("coach")
    start = date.today() - timedelta(days=3)
    plans.save(placement, plan(start_on=start, followup_weeks=1), coach)
    case = Case.get(Case.participant == erik)
    assert case.next_followup == start + timedelta(weeks=1)
    caseload.add_followup(case, coach, start + timedelta(weeks=1), "visit")
    assert Case.get_by_id(case.id).next_followup == start + timedelta(weeks=2)
    plans.end_placement(placement, date.today())
    caseload.add_followup(case, coach, date.today(), "phone")
    assert Case.get_by_id(case.id).next_followup is None


def test_attendance_is_confirmed_by_the_coach_and_then_stays(placement):
    erik, coach = User.by_username("erik"), User.by_username("coach")
    tuesday = MONDAY + timedelta(days=1)
    assert attendance.mark_many(placement, {MONDAY: ("present", Decimal("6.5")),
                                            tuesday: ("sick", 0)}, erik) == []
    attendance.mark(placement, MONDAY, "present", 6, coach, confirm=True)
    assert attendance.mark_many(placement, {MONDAY: ("absent", 0), tuesday: ("leave", 0)}, erik) == [MONDAY]
    days = attendance.days(placement, MONDAY, MONDAY + timedelta(days=6))
    assert days[MONDAY].status == "present" and days[MONDAY].hours == 6
    assert days[tuesday].status == "leave" and days[tuesday].confirmed_at is None
    attendance.mark(placement, tuesday, "", 0, erik)
    assert tuesday not in attendance.days(placement, MONDAY, tuesday)


def test_attendance_totals_count_days_and_hours_of_each_kind(placement):
    erik = User.by_username("erik")
    marks = {MONDAY + timedelta(days=n): mark for n, mark in enumerate([
        ("present", Decimal("6")), ("present", Decimal("4.5")), ("sick", Decimal("0")),
        ("present", Decimal("6")), ("leave", Decimal("6"))])}
    attendance.mark_many(placement, marks, erik)
    found = attendance.totals(attendance.window(placement),
                              attendance.days(placement, MONDAY, MONDAY + timedelta(days=6)).values())
    assert found.days == {"present": 3, "absent": 0, "sick": 1, "leave": 1}
    assert found.hours["present"] == Decimal("16.5") and found.hours["leave"] == 6
    assert found.marked == 5 and found.unconfirmed == 5


def test_week_and_month_helpers():
    assert attendance.week_of(date(2026, 11, 26))[0] == MONDAY
    assert len(attendance.month_days(2028, 2)) == 29
    assert attendance.parse_month("2026-02") == date(2026, 2, 1)
    assert attendance.parse_month("nonsense", today=MONDAY) == date(2026, 11, 1)
    assert attendance.parse_day("2026-13-01", today=MONDAY) == MONDAY


# The coach's and the participant's pages.

@pytest.fixture
def coach(app):
    client = app.test_client()
    login(client, "coach")
    submit(client, "/coach/employers/new", {"name": "Café Solen", "sector": "food"})
    return client


def plan_form(**values):
    return {"start_on": "2026-11-23", "end_on": "2027-02-26", "terms": "wage_subsidy",
            "paid_hours": "20", "followup_weeks": "2", "purpose": "Att prova kafé.",
            "tasks": "Diska och duka.", "supervisor": "Lisa, 070-123 45 67", **values}


def start_plan(coach):
    page = f"/coach/participants/{ERIK}/placements"
    assert submit(coach, page, {"employer": "1"}).headers["Location"].endswith("/placements/1/plan")
    return submit(coach, f"{page}/1/plan", plan_form())


def test_the_coach_writes_a_plan_and_every_version_stays_readable_and_printable(coach):
    assert start_plan(coach).headers["Location"].endswith("/placements/1/plan/1")
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    same = submit(coach, page, plan_form(), follow_redirects=True).get_data(as_text=True)
    assert "ingen ny version" in same
    submit(coach, page, plan_form(tasks="Diska, duka och ta betalt."))
    first = coach.get(f"{page}/1").get_data(as_text=True)
    assert "Diska och duka." in first and "Det finns en nyare version." in first
    assert first.count('class="signature"') == 3
    second = coach.get(f"{page}/2").get_data(as_text=True)
    assert "Diska, duka och ta betalt." in second and "nyare version" not in second
    assert coach.get(f"{page}/3").status_code == 404


def test_a_plan_with_bad_dates_or_hours_says_what_is_wrong(coach):
    start_plan(coach)
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    bad = submit(coach, page, plan_form(end_on="2026-11-01", paid_hours="99", start_on=""))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'href="#start_on"' in html and 'href="#paid_hours"' in html
    later = submit(coach, page, plan_form(end_on="2026-11-01"))
    assert 'href="#end_on"' in later.get_data(as_text=True)
    assert submit(coach, f"/coach/participants/{ERIK}/placements", {"employer": "7"}).status_code == 422


def test_a_new_version_can_thin_out_the_follow_ups_and_both_plans_show_it(app, coach, client,
                                                                          as_user):
    start_plan(coach)
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    assert 'id="followup_change_week"' in coach.get(page).get_data(as_text=True)
    saved = submit(coach, page, plan_form(followup_weeks="1", followup_change_week="8",
                                          followup_later_weeks="4"))
    assert saved.headers["Location"].endswith("/placements/1/plan/2")
    with app.app_context():
        db.connect(reuse_if_open=True)
        first, second = plans.version(1, 1), plans.version(1, 2)
        assert (first.followup_change_week, first.followup_later_weeks) == (None, None)
        assert (second.followup_change_week, second.followup_later_weeks) == (8, 4)
        # Every week up to 18 January 2027 (week 8), then every four weeks to the end.
        assert plans.expected_dates(second)[7:] == [date(2027, 1, 18), date(2027, 2, 15)]
        db.close()
    # 23 November 2026 and eight weeks is 18 January 2027.
    assert "18 januari 2027" in coach.get(f"{page}/2").get_data(as_text=True)
    assert "18 januari 2027" not in coach.get(f"{page}/1").get_data(as_text=True)
    as_user("erik")
    assert "18 januari 2027" in client.get("/me/placements/1").get_data(as_text=True)
    # Taking the change away again makes a version without it.
    submit(coach, page, plan_form(followup_weeks="1"))
    assert "18 januari 2027" not in coach.get(f"{page}/3").get_data(as_text=True)


@pytest.mark.parametrize("values, field", [
    ({"followup_change_week": "8"}, "followup_later_weeks"),
    ({"followup_later_weeks": "4"}, "followup_change_week"),
    ({"followup_change_week": "0", "followup_later_weeks": "4"}, "followup_change_week"),
    ({"followup_change_week": "åtta", "followup_later_weeks": "4"}, "followup_change_week"),
    # 23 November 2026 and 14 weeks is 1 March 2027, after the end on 26 February.
    ({"followup_change_week": "14", "followup_later_weeks": "4"}, "followup_change_week"),
    ({"followup_weeks": "0", "followup_change_week": "8", "followup_later_weeks": "4"},
     "followup_weeks"),
])
def test_a_schedule_change_that_is_half_given_or_outside_the_plan_says_what_is_wrong(
        app, coach, values, field):
    start_plan(coach)
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    bad = submit(coach, page, plan_form(**values))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert f'href="#{field}"' in html and f'id="{field}-error"' in html
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert PlanVersion.select().count() == 1
        db.close()


def test_another_coach_cannot_change_the_follow_up_schedule(app, coach):
    start_plan(coach)
    other = app.test_client()
    login(other, "coach2")
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    assert other.get(page).status_code == 404
    assert submit(other, "/coach/", plan_form(followup_change_week="8", followup_later_weeks="4"),
                  action=page).status_code == 404
    assert other.get(f"{page}/1").status_code == 404


def test_the_participant_reads_the_plan_in_plain_words_and_only_their_own(app, coach, client, as_user):
    start_plan(coach)
    as_user("erik")
    html = client.get("/me/placements/1").get_data(as_text=True)
    assert "Min plan på" in html and "Diska och duka." in html
    assert "Du får lön för 20 timmar i veckan." in html
    assert "Café Solen" in client.get("/me/jobsearch").get_data(as_text=True)
    other = app.test_client()
    login(other, "sara")
    assert other.get("/me/placements/1").status_code == 404
    assert other.get("/me/placements/1/attendance").status_code == 404


def test_the_participant_marks_a_week_and_the_coach_confirms_and_reports_it(coach, client, as_user):
    start_plan(coach)
    as_user("erik")
    week = "/me/placements/1/attendance?week=2026-11-23"
    days = {f"status_202611{d}": "present" for d in (23, 24, 25, 26)}
    days.update({f"hours_202611{d}": "6" for d in (23, 24, 26)}, hours_20261125="6,0")
    days.update({"status_20261127": "sick", "hours_20261128": "3"})
    bad = submit(client, week, days)
    assert bad.status_code == 422 and 'href="#hours_20261128"' in bad.get_data(as_text=True)
    del days["hours_20261128"]
    assert submit(client, week, days).status_code == 302
    month = f"/coach/participants/{ERIK}/placements/1/attendance?month=2026-11"
    html = coach.get(month).get_data(as_text=True)
    assert "5 dagar är inte bekräftade än." in html
    confirmed = {**days, "hours_20261126": "4"}
    assert submit(coach, month, confirmed).status_code == 302
    report = coach.get(month.replace("attendance?", "attendance/report?")).get_data(as_text=True)
    assert "Alla markerade dagar är bekräftade." in report and "22,0" in report
    csv = coach.get(month.replace("attendance?", "attendance.csv?")).get_data(as_text=True)
    lines = csv.strip().splitlines()
    assert lines[0] == "date,status,status_text,hours,confirmed,marked_by,confirmed_by"
    # The coach changed the hours of the 26th, and confirmed the 23rd as Erik marked it.
    assert lines[4] == "2026-11-26,present,Närvarande,4.0,yes,Jonas Berg,Jonas Berg"
    assert lines[1] == "2026-11-23,present,Närvarande,6.0,yes,Erik Nilsson,Jonas Berg"
    assert len(lines) == 6
    changed = submit(client, week, {"status_20261126": "absent"}, follow_redirects=True)
    assert "Din coach har redan kollat" in changed.get_data(as_text=True)
    assert "2026-11-26,present" in coach.get(month.replace("attendance?", "attendance.csv?")).get_data(as_text=True)
    mine = exported(client.get("/me/data.zip"))
    [placement] = mine["placements"]
    assert placement["employer"] == "Café Solen" and placement["plan_versions"][0]["paid_hours"] == 20
    assert [day["status"] for day in placement["attendance"]] == ["present"] * 4 + ["sick"]


def test_closing_a_case_asks_for_the_outcome_and_reopening_clears_it(coach):
    page = f"/coach/participants/{ERIK}"
    missing = submit(coach, page, {"step": "5", "status": "closed"}, action=f"{page}/step")
    assert missing.status_code == 422 and 'href="#outcome"' in missing.get_data(as_text=True)
    submit(coach, page, {"step": "5", "status": "closed", "outcome": "work_subsidy"},
           action=f"{page}/step")
    case = Case.get(Case.participant == ERIK)
    assert (case.outcome, case.outcome_on, case.out_of_work_at_start) == ("work_subsidy", date.today(), False)
    assert "Arbete med lönestöd" in coach.get(page).get_data(as_text=True)
    submit(coach, page, {"step": "5", "status": "active", "outcome": "work",
                         "out_of_work_at_start": "y"}, action=f"{page}/step")
    case = Case.get(Case.participant == ERIK)
    assert (case.outcome, case.outcome_on, case.out_of_work_at_start) == ("", None, True)


def test_placements_belong_to_their_participant(coach, app):
    start_plan(coach)
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert Placement.get_by_id(1).participant_id == ERIK
        db.close()
    assert coach.get(f"/coach/participants/{ERIK}/placements/2/plan").status_code == 404


# Days that cannot be marked, and who marked and who confirmed a day.


def key(day):
    return f"{day:%Y%m%d}"


def mark_day(client, day, status="present", hours="6"):
    """The participant marks one day on the page of its week."""
    return submit(client, f"/me/placements/1/attendance?week={day.isoformat()}",
                  {f"status_{key(day)}": status, f"hours_{key(day)}": hours})


def month_of(day):
    return f"/coach/participants/{ERIK}/placements/1/attendance?month={day:%Y-%m}"


def stored(app, day):
    from sokandelots.models import Attendance
    with app.app_context():
        db.connect(reuse_if_open=True)
        row = Attendance.get_or_none(Attendance.day == day)
        db.close()
    return row


def test_a_day_not_come_yet_or_before_the_start_is_refused_next_to_the_day(app, coach, client, as_user):
    start_plan(coach)
    submit(coach, f"/coach/participants/{ERIK}/placements/1/plan",
           plan_form(start_on=today(-20).isoformat(), end_on=""))
    as_user("erik")
    choose_language(client, "en")
    # The week with tomorrow in it says so instead of showing buttons for tomorrow.
    week = client.get(f"/me/placements/1/attendance?week={today(1).isoformat()}").get_data(as_text=True)
    assert f'name="status_{key(today(1))}"' not in week
    assert "You cannot fill in a day that has not come yet." in week
    # A form that still has the day (from another tab, or made by hand) is refused, next to it.
    for day, words in ((today(1), "has not come yet"),
                       (today(-20) - timedelta(days=1), "You cannot fill in a day before that.")):
        refused = mark_day(client, day)
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422, day
        assert f'href="#status_{key(day)}"' in html and f'id="status_{key(day)}"' in html
        assert words in html
        assert stored(app, day) is None
    assert mark_day(client, today()).status_code == 302

    # The coach cannot mark those days either; the month says why beside each.
    choose_language(coach, "en")
    refused = submit(coach, month_of(today(1)), {f"status_{key(today(1))}": "present"})
    assert refused.status_code == 422
    assert f'href="#status_{key(today(1))}"' in refused.get_data(as_text=True)
    assert "This day has not come yet." in refused.get_data(as_text=True)
    assert stored(app, today(1)) is None


def test_a_day_after_the_placement_ended_is_refused_and_such_days_never_count(app, coach, client, as_user):
    from sokandelots.models import Attendance
    start_plan(coach)
    ended = today() - timedelta(days=3)
    page = f"/coach/participants/{ERIK}/placements/1"
    submit(coach, f"{page}/plan", plan_form(start_on=today(-20).isoformat(), end_on=""))
    submit(coach, f"{page}/plan", {"ended_on": ended.isoformat()}, action=f"{page}/end")
    as_user("erik")
    after = ended + timedelta(days=1)
    refused = mark_day(client, after)
    assert refused.status_code == 422 and f'href="#status_{key(after)}"' in refused.get_data(as_text=True)
    assert mark_day(client, ended, hours="5").status_code == 302

    # Marks stored before these rules, or before the plan changed, are shown but never counted.
    with app.app_context():
        db.connect(reuse_if_open=True)
        for day in (after, today(-20) - timedelta(days=1), today(1)):
            Attendance.create(placement=1, day=day, status="present", hours=8, marked_by=ERIK)
        db.close()
    for day in (ended, after, today(-20) - timedelta(days=1), today(1)):
        month = month_of(day)
        html = coach.get(month).get_data(as_text=True)
        totals = html[html.index('class="totals"'):html.index("</table>", html.index('class="totals"'))]
        present = 1 if day.month == ended.month and day.year == ended.year else 0
        assert f"<td>{present}</td><td>{'5,0' if present else '0,0'}</td>" in totals, day
        report = coach.get(month.replace("attendance?", "attendance/report?")).get_data(as_text=True)
        assert "8,0" not in report
        csv = coach.get(month.replace("attendance?", "attendance.csv?")).get_data(as_text=True)
        assert day.isoformat() not in csv or day == ended
    # The coach removes such a mark by choosing "–"; keeping it is refused beside the day.
    kept = submit(coach, month_of(after), {f"status_{key(after)}": "present", f"hours_{key(after)}": "8"})
    assert kept.status_code == 422 and f'href="#status_{key(after)}"' in kept.get_data(as_text=True)
    cleared = {f"status_{key(day)}": "" for day in (after, today(1)) if day.month == after.month}
    assert submit(coach, month_of(after), cleared).status_code == 302
    assert stored(app, after) is None


def test_confirming_keeps_who_marked_each_day_and_records_who_confirmed_it(app, coach, client, as_user):
    start_plan(coach)
    first = (today().replace(day=1) - timedelta(days=1)).replace(day=1)  # last month, all past
    second, third = first + timedelta(days=1), first + timedelta(days=2)
    submit(coach, f"/coach/participants/{ERIK}/placements/1/plan",
           plan_form(start_on=first.isoformat(), end_on=""))
    as_user("erik")
    mark_day(client, second)
    mark_day(client, third)
    month = month_of(first)
    # The coach confirms the 2nd as Erik marked it, and changes the hours of the 3rd.
    assert submit(coach, month, {f"status_{key(second)}": "present", f"hours_{key(second)}": "6",
                                 f"status_{key(third)}": "present", f"hours_{key(third)}": "4"}
                  ).status_code == 302
    marked_second, marked_third = stored(app, second), stored(app, third)
    assert (marked_second.marked_by_id, marked_second.confirmed_by_id) == (ERIK, 2)
    assert (marked_third.marked_by_id, marked_third.confirmed_by_id) == (2, 2)
    assert marked_second.confirmed_at
    html = coach.get(month).get_data(as_text=True)
    row = html[html.index(f'id="day-{key(second)}"'):html.index("</tr>", html.index(f'id="day-{key(second)}"'))]
    assert "Erik Nilsson" in row and "Jonas Berg" in row
    report = coach.get(month.replace("attendance?", "attendance/report?")).get_data(as_text=True)
    table = report[report.index("<tbody>"):]
    assert table.count("Erik Nilsson") == 1 and table.count("Jonas Berg") == 3
    csv = coach.get(month.replace("attendance?", "attendance.csv?")).get_data(as_text=True)
    assert f"{second.isoformat()},present,Närvarande,6.0,yes,Erik Nilsson,Jonas Berg" in csv
    # Confirming again changes nothing: the first confirmation stays.
    submit(coach, month, {f"status_{key(second)}": "present", f"hours_{key(second)}": "6",
                          f"status_{key(third)}": "present", f"hours_{key(third)}": "4"})
    assert stored(app, second).confirmed_at == marked_second.confirmed_at
    days = exported(client.get("/me/data.zip"))["placements"][0]["attendance"]
    assert [(day["marked_by"], day["confirmed_by"]) for day in days] == [
        ("Erik Nilsson", "Jonas Berg"), ("Jonas Berg", "Jonas Berg")]
