"""The administrator's statistics: every figure against a data set worked out by hand."""
import csv
import io
from datetime import date, datetime

import pytest

from helpers import login
from sokandelots import outcomes, statistics
from sokandelots.privacy import erasure
from sokandelots.db import db, recorded_queries
from sokandelots.models import (BenefitsCounselling, Case, Employer, EmployerEvent, ErasedSpan,
                                Lead, OutcomeRow, Placement, PlanVersion, Referral, StepChange,
                                User)
from sokandelots.referrals import records as referrals

# The first half of 2026: 31 + 28 + 31 + 30 + 31 + 30 = 181 days.
START, END, TODAY = date(2026, 1, 1), date(2026, 6, 30), date(2026, 5, 15)
PERIOD = {"from": START.isoformat(), "to": END.isoformat()}
COACH, COACH2 = 2, 3  # the demo coaches' ids


def at(text):
    return datetime.fromisoformat(text)


def day(text):
    return date.fromisoformat(text)


def case_for(user, coach, created, **fields):
    """The demo participants already have a case (changed here); the others get a new one."""
    case = Case.get_or_none(Case.participant == user)
    fields = {"commissioner": "af", "step": 1, "status": "active", **fields}
    if case is None:
        return Case.create(participant=user, coach=coach, created_at=at(created), **fields)
    Case.update(created_at=at(created), **fields).where(Case.id == case.id).execute()
    return Case.get_by_id(case.id)


def placement(user, employer, *versions, ended_on=None):
    """A placement with plan versions (start_on, terms, paid hours), numbered in order."""
    made = Placement.create(participant=user, employer=employer,
                            ended_on=day(ended_on) if ended_on else None)
    for number, (start_on, terms, hours) in enumerate(versions, start=1):
        PlanVersion.create(placement=made, number=number, start_on=day(start_on), terms=terms,
                           paid_hours=hours)
    return made


def moves(case, *changes):
    for step, status, changed_at in changes:
        StepChange.create(case=case, step=step, status=status, changed_at=at(changed_at))


def build(users):
    """The data set. Letters name the cases in the comments of the tests below."""
    coach, coach2 = users["coach"], users["coach2"]
    people = {f"p{n}": User.create(username=f"p{n}", role=User.PARTICIPANT,
                                   display_name=f"Person {n}") for n in range(1, 11)}
    employer = Employer.create(name="Bageriet", sector="food")
    with db.atomic():
        # A: out of work at the start, active in step 5. First a try-out without pay, then a
        # wage from 15 January: the latest version counts, so a job start on 2026-01-15.
        a = case_for(users["amina"], coach, "2025-11-10 09:00", step=5)
        placement(users["amina"], employer, ("2025-12-01", "unpaid", 0),
                  ("2026-01-15", "wage", 20))
        moves(a, (2, "active", "2025-12-01 10:00"), (3, "active", "2026-01-11 10:00"),
              (4, "active", "2026-01-14 10:00"), (5, "active", "2026-01-15 10:00"))
        # B: active in step 4. Paid first, but the latest version is unpaid: no job start.
        b = case_for(users["erik"], coach, "2026-02-01 08:00", step=4)
        placement(users["erik"], employer, ("2026-03-01", "wage_subsidy", 10),
                  ("2026-03-10", "unpaid", 0))
        moves(b, (2, "active", "2026-02-11 08:00"), (3, "active", "2026-03-03 08:00"),
              (3, "paused", "2026-03-10 08:00"), (3, "active", "2026-03-20 08:00"),
              (4, "active", "2026-04-02 08:00"))
        # C: closed with work on 20 April. A new start job of exactly 4 hours (a job start on
        # 1 February) that ended on 10 April, before its 90th day (2 May).
        # A woman born in 1995 (30–49 in 2026). First employer contact on day 15, benefits
        # counselling on day 55.
        c = case_for(users["sara"], coach2, "2026-01-05 15:00", step=3, status="closed",
                     outcome="work", outcome_on=day("2026-04-20"), gender="woman",
                     birth_year=1995)
        Lead.create(participant=users["sara"], employer=employer, kind="contact",
                    day=day("2026-01-20"))
        BenefitsCounselling.create(participant=users["sara"], day=day("2026-03-01"))
        placement(users["sara"], employer, ("2026-02-01", "new_start", 4), ended_on="2026-04-10")
        moves(c, (3, "active", "2026-01-25 12:00"), (3, "closed", "2026-04-20 12:00"))
        # D: closed before the period: out of the base and of the outcomes.
        case_for(people["p1"], coach, "2025-06-01 09:00", status="closed", outcome="moved",
                 outcome_on=day("2025-12-20"))
        # E: created after the period, active in step 1.
        case_for(people["p2"], coach, "2026-07-05 09:00")
        # F: had work at the start, active in step 3. Three placements: 3 paid hours (too few),
        # sheltered work from 1 April and a wage from 14 February that ended on its 90th day.
        case_for(people["p3"], coach, "2025-10-01 09:00", step=3, out_of_work_at_start=False)
        placement(people["p3"], employer, ("2026-03-01", "wage", 3))
        placement(people["p3"], employer, ("2026-04-01", "security", 30))
        placement(people["p3"], employer, ("2026-02-14", "wage", 8), ended_on="2026-05-15")
        # G: paused in step 2.
        g = case_for(people["p4"], coach, "2026-03-01 09:00", step=2, status="paused")
        moves(g, (2, "active", "2026-03-05 09:00"), (2, "paused", "2026-04-01 09:00"))
        # H: closed without an outcome date; it was closed in 2025, opened again in step 2 on
        # 1 February and closed again on 8 February.
        h = case_for(people["p5"], coach, "2025-09-01 09:00", step=2, status="closed")
        moves(h, (1, "closed", "2025-10-01 09:00"), (2, "active", "2026-02-01 09:00"),
              (2, "closed", "2026-02-08 09:00"))
        # I: closed with work with subsidy on the first day; its job started in 2025. A man born
        # in 2003 (under 25 in 2026); first employer contact on day 40; in work with follow-up
        # from 15 September: 3 months.
        case_for(people["p6"], coach, "2025-08-01 09:00", status="closed",
                 outcome="work_subsidy", outcome_on=day("2026-01-01"), gender="man",
                 birth_year=2003, in_work_since=day("2025-09-15"))
        Lead.create(participant=people["p6"], employer=employer, kind="contact",
                    day=day("2025-09-10"))
        placement(people["p6"], employer, ("2025-09-15", "wage_subsidy", 20))
        # J: had work at the start; closed with studies late on the last day.
        j = case_for(people["p7"], coach, "2026-01-10 09:00", step=2, status="closed",
                     outcome="studies", outcome_on=day("2026-06-30"), commissioner="social",
                     out_of_work_at_start=False)
        moves(j, (2, "active", "2026-01-16 09:00"), (2, "closed", "2026-06-30 23:30"))
        # K: closed the day after the period, with a job from that day.
        k = case_for(people["p8"], coach, "2026-01-01 00:00", status="closed", outcome="work",
                     outcome_on=day("2026-07-01"))
        placement(people["p8"], employer, ("2026-07-01", "wage", 10))
        moves(k, (1, "closed", "2026-07-01 00:10"))
        # L: closed with work on the last day of the first quarter. A woman born in 2000 (25–29
        # in 2026); benefits counselling on day 19; in work with follow-up from 15 March 2025:
        # 12 months.
        case_for(people["p9"], coach, "2025-05-01 09:00", status="closed", outcome="work",
                 outcome_on=day("2026-03-31"), out_of_work_at_start=False, gender="woman",
                 birth_year=2000, in_work_since=day("2025-03-15"))
        BenefitsCounselling.create(participant=people["p9"], day=day("2025-05-20"))
        # M: closed with an outcome the catalogue does not know, for the region.
        case_for(people["p10"], coach, "2025-05-01 09:00", status="closed", outcome="",
                 outcome_on=day("2026-02-02"), commissioner="region", out_of_work_at_start=False)

        # Employer contacts: 52 by `coach` and 26 by `coach2` in the period; others don't count.
        inactive = User.create(username="coach3", role=User.COACH, display_name="Old Coach",
                               is_active=False)
        rows = ([(coach, "2026-03-02")] * 52 + [(coach2, "2026-06-30")] * 26
                + [(coach, "2025-12-31"), (coach, "2026-07-01"), (None, "2026-03-02")]
                + [(inactive, "2026-03-02")] * 5)
        EmployerEvent.insert_many([{"employer": employer, "coach": who, "day": day(when),
                                    "kind": "phone"} for who, when in rows]).execute()

        # Referrals, in the period unless said: C's (accepted, 2 January; disability and
        # newcomer, large need, on financial assistance), I's (accepted in 2025; long-term
        # unemployed, some need, on activity support), one declined with a large need, one
        # withdrawn without a recorded need, one open with a small need, one declined in 2025.
        # C and I had a wage when their cases closed.
        for person, received, status, fields in (
                (users["sara"], "2026-01-02", "accepted", {
                    "target_groups": "disability,newcomer", "support_need": "large",
                    "income_at_start": "financial_assistance"}),
                (people["p6"], "2025-07-20", "accepted", {
                    "target_groups": "long_term_unemployed", "support_need": "some",
                    "income_at_start": "activity_support"}),
                (None, "2026-02-10", "declined", {"support_need": "large"}),
                (None, "2026-05-01", "withdrawn", {}),
                (None, "2026-06-15", "open", {"support_need": "small"}),
                (None, "2025-12-01", "declined", {"support_need": "small"})):
            Referral.create(coach=coach, participant=person, received_on=day(received),
                            commissioner="af", name="Someone", status=status,
                            status_on=day(received), **fields)
        Case.update(income_at_end="wage").where(
            Case.participant.in_([users["sara"], people["p6"]])).execute()

        # The anonymous rows that closing and going into work leave (as caseload.change_step
        # writes them). Job starts: A on 15 January and C on 1 February in the period; I in
        # 2025 and K in July are not.
        for case in Case.select().where(Case.status == "closed", Case.outcome_on.is_null(False)):
            Case.update(outcome_row=outcomes.closing(case)).where(Case.id == case.id).execute()
        for case, started in ((a, "2026-01-15"), (c, "2026-02-01"), (k, "2026-07-01"),
                              (Case.get(Case.participant == people["p6"]), "2025-09-15")):
            outcomes.job_start(case, day(started))


@pytest.fixture
def figures(app, users):
    with app.app_context():
        db.connect(reuse_if_open=True)
        build(users)
        found = statistics.compute(START, END, TODAY)
        db.close()
    return found


def test_employment_rate(figures):
    # Base: out of work at the start and open in the period: A, B, C, G, H (closed without a
    # date), I (closed on the first day) and K (closed after the period) = 7. Not D (closed in
    # 2025), E (created after), F, J, L, M (had work). A job start by 30 June: A (15 January),
    # C (1 February) and I (2025); B's latest plan is unpaid, K's job starts in July. 3 of 7.
    assert figures.employment == (3, 7)
    assert figures.employment_percent == 42.9


def test_job_starts(figures):
    # A (15 January), C (1 February, exactly 4 hours), F's sheltered work (1 April) and F's wage
    # (14 February) = 4. Not B (latest plan unpaid), F's 3 hours, I (2025) or K (July).
    assert figures.job_starts == 4


def test_retention_counts_only_jobs_90_days_old_by_today(figures, app, users):
    # Up to today, 15 May: A (day 90 is 15 April, still working), C (day 90 is 2 May, ended
    # 10 April) and F's wage (day 90 is 15 May, ended that day, so kept). F's sheltered work
    # reaches day 90 on 30 June, after today. 2 of 3.
    assert figures.retention == (2, 3)
    assert figures.retention_percent == 66.7
    # Once today is after the period, the period's end counts: F's sheltered work is in too.
    with app.app_context():
        db.connect(reuse_if_open=True)
        later = statistics.compute(START, END, date(2026, 12, 31))
        db.close()
    assert later.retention == (3, 4) and later.retention_percent == 75.0


def test_employer_contacts_per_coach_per_week(figures):
    # 181 days are 181/7 weeks: Jonas 52 × 7 / 181 = 2.01 → 2.0; Lena 26 × 7 / 181 = 1.006 → 1.0.
    # The inactive coach, a contact without a coach and contacts outside the period don't count.
    # Unit: 78 × 7 / (181 × 2) = 1.508 → 1.5.
    assert [(row.name, row.contacts, row.per_week) for row in figures.contacts] == [
        ("Jonas Berg", 52, 2.0), ("Lena Holm", 26, 1.0)]
    assert figures.contacts_average == 1.5


def test_participants_per_step_counts_active_cases_now(figures):
    # Active: A (5), B (4), E (1, created after the period but active now), F (3).
    # G is paused; the rest are closed.
    assert figures.per_step == {1: 1, 2: 0, 3: 1, 4: 1, 5: 1}


def test_median_days_in_each_step(figures):
    # Stays that ended in the period, in days between the dates:
    # step 1: B 1 Feb→11 Feb 10, C 5 Jan→25 Jan 20 (straight to step 3), G 1 Mar→5 Mar 4,
    #         J 10 Jan→16 Jan 6 (A's ended in 2025, K's on 1 July) → 4, 6, 10, 20 → 8
    # step 2: A 1 Dec→11 Jan 41, B 11 Feb→3 Mar 20, H 1 Feb→8 Feb 7 (opened again),
    #         J 16 Jan→30 Jun 165 (closed at 23:30 on the last day) → 7, 20, 41, 165 → 30.5
    # step 3: A 11 Jan→14 Jan 3, B 3 Mar→2 Apr 30 (pausing does not end it),
    #         C 25 Jan→20 Apr 85 (closed) → 30
    # step 4: A 14 Jan→15 Jan 1; step 5: nobody has left it.
    assert figures.median_days == {1: 8, 2: 30.5, 3: 30, 4: 1, 5: None}


def test_outcomes_per_quarter_and_commissioner(figures):
    # Closed in the period: I (1 January, work with subsidy), L (31 March, work), M (2 February,
    # unknown → other, region), C (20 April, work) and J (30 June, studies, social services).
    # Not D (2025), H (no date) or K (1 July).
    assert figures.by_quarter == {("2026 Q1", "work_subsidy"): 1, ("2026 Q1", "work"): 1,
                                  ("2026 Q1", "other"): 1, ("2026 Q2", "work"): 1,
                                  ("2026 Q2", "studies"): 1}
    assert figures.by_commissioner == {("af", "work_subsidy"): 1, ("af", "work"): 2,
                                       ("region", "other"): 1, ("social", "studies"): 1}


def test_outcomes_per_gender_age_band_and_coach(figures, users):
    # Closed in the period (above): C woman 30–49 work (coach2), I man under 25 work with
    # subsidy, L woman 25–29 work, J and M with neither recorded (all three with `coach`).
    assert figures.by_gender == {("woman", "work"): 2, ("man", "work_subsidy"): 1,
                                 ("", "studies"): 1, ("", "other"): 1}
    assert figures.by_age_band == {("30_49", "work"): 1, ("under_25", "work_subsidy"): 1,
                                   ("25_29", "work"): 1, ("", "studies"): 1, ("", "other"): 1}
    coach, coach2 = users["coach"].id, users["coach2"].id
    assert figures.by_coach == {(coach, "work_subsidy"): 1, (coach, "work"): 1,
                                (coach, "studies"): 1, (coach, "other"): 1, (coach2, "work"): 1}


def test_outcomes_per_target_group_support_need_and_income_from_the_referral(figures):
    # Closed in the period (above): C (work) is in two target groups, with a large need,
    # on financial assistance at the start and a wage at the end; I (work with subsidy) is
    # long-term unemployed with some need, on activity support and then a wage. L (work),
    # J (studies) and M (other) have no referral.
    without = {("", "work"): 1, ("", "studies"): 1, ("", "other"): 1}
    assert figures.by_target_group == {("disability", "work"): 1, ("newcomer", "work"): 1,
                                       ("long_term_unemployed", "work_subsidy"): 1, **without}
    assert figures.by_support_need == {("large", "work"): 1, ("some", "work_subsidy"): 1,
                                       **without}
    assert figures.by_income_at_start == {("financial_assistance", "work"): 1,
                                          ("activity_support", "work_subsidy"): 1, **without}
    assert figures.by_income_at_end == {("wage", "work"): 1, ("wage", "work_subsidy"): 1,
                                        **without}


def test_referrals_per_support_need_and_how_they_went(figures):
    # Received in the period: C's (large, accepted), the declined one (large), the withdrawn
    # one (not recorded) and the open one (small). Not I's or the declined one from 2025.
    assert figures.referrals == {("large", "accepted"): 1, ("large", "declined"): 1,
                                 ("", "withdrawn"): 1, ("small", "open"): 1}


def test_job_starts_per_coach_and_the_sius_goal(figures, users):
    # A (coach) on 15 January and C (coach2) on 1 February; I (2025) and K (July) are outside.
    assert figures.job_starts_per_coach == {users["coach"].id: 1, users["coach2"].id: 1}
    # Nine a year, for six months.
    assert figures.sius_goal == 4.5


def test_the_time_rules_of_the_cases_closed_in_the_period(figures):
    # First employer contact: C on day 15 (kept), I on day 40; L, J and M had none.
    # Benefits counselling: C on day 55, L on day 19 (kept).
    # Follow-up in work: I 3 months (under 12), L 12 months; both at most 24.
    assert figures.fidelity == {"contact": (1, 2), "benefits": (1, 2), "followup_12": (1, 2),
                                "followup_24": (2, 2)}


def test_outcome_rows_count_every_month_the_period_touches(app, figures):
    with app.app_context():
        db.connect(reuse_if_open=True)
        # 31 March to 1 April takes in the whole of March and April: L (31 March), C (20 April).
        found = statistics.compute(date(2026, 3, 31), date(2026, 4, 1), TODAY)
        db.close()
    assert found.by_quarter == {("2026 Q1", "work"): 1, ("2026 Q2", "work"): 1}
    assert statistics.months_in(date(2026, 1, 15), date(2026, 3, 2)) == 3


def test_a_figure_about_fewer_than_five_people_is_suppressed():
    assert [statistics.shown(count) for count in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_every_figure_stays_identical_when_a_participant_and_a_referral_are_erased(
        app, users, figures, admin):
    def all_figures():
        with app.app_context():
            db.connect(reuse_if_open=True)
            found = statistics.compute(START, END, TODAY)
            db.close()
        return found

    def statistics_csv():
        return admin.get("/admin/statistics.csv", query_string=PERIOD).get_data(as_text=True)

    before, csv_before = all_figures(), statistics_csv()
    assert before == figures and before.by_gender[("woman", "work")] == 2
    assert before.employment == (3, 7) and before.fidelity["contact"] == (1, 2)
    # Sara (C) closed with work: she is in the employment rate with a job start, in the
    # retention, in the days in steps 1 and 3, in the outcome breakdowns and has a referral.
    # The declined referral from 2025 goes when the retention time is up.
    with app.app_context():
        db.connect(reuse_if_open=True)
        kept = Referral.select().count()
        erasure.erase(User.get_by_id(users["sara"].id))
        assert referrals.erase_ended_before(date(2026, 1, 1)) == 1
        assert Case.get_or_none(Case.participant == users["sara"].id) is None
        assert Referral.select().count() == kept - 2
        # What is kept has no name and no link: dates, a step and the anonymous row.
        assert sorted((row.kind, row.first_day, row.last_day, row.step)
                      for row in ErasedSpan.select()) == [
            ("case", day("2026-01-05"), day("2026-04-20"), None),
            ("job", day("2026-02-01"), day("2026-04-10"), None),
            ("stay", day("2026-01-05"), day("2026-01-25"), 1),
            ("stay", day("2026-01-25"), day("2026-04-20"), 3)]
        assert OutcomeRow.select().where(OutcomeRow.kind == OutcomeRow.REFERRAL).count() == 2
        db.close()
    assert all_figures() == before
    assert statistics_csv() == csv_before


def test_the_page_shows_the_breakdowns_suppressed(admin, figures):
    html = admin.get("/admin/statistics", query_string=PERIOD).get_data(as_text=True)
    assert 'id="outcomes-gender"' in html and 'id="outcomes-age"' in html
    assert 'id="outcomes-coach"' in html and 'id="outcomes-target-group"' in html
    assert 'id="outcomes-support-need"' in html and 'id="referrals"' in html
    assert 'id="job-starts-per-coach"' in html and 'id="time-rules"' in html
    table = html[html.index('id="time-rules"'):]
    assert "&lt;5" in table and "%" not in table.split("</table>")[0]


def test_stays_end_on_a_new_step_or_on_closing_only():
    created = at("2026-01-01 09:00")
    assert statistics.stays(created, []) == []
    assert statistics.stays(created, [(1, "paused", at("2026-01-02 09:00")),
                                      (1, "active", at("2026-01-03 09:00"))]) == []
    assert statistics.stays(created, [(3, "closed", at("2026-01-04 09:00")),
                                      (3, "closed", at("2026-01-05 09:00")),
                                      (4, "active", at("2026-01-06 09:00")),
                                      (5, "active", at("2026-01-08 09:00"))]) == [
        (1, created, at("2026-01-04 09:00")),
        (4, at("2026-01-06 09:00"), at("2026-01-08 09:00"))]


def test_rounding_is_half_up_and_an_empty_base_gives_no_percentage():
    assert statistics.one_decimal(2.25) == 2.3 and statistics.percent(1, 8) == 12.5
    assert statistics.percent(1, 3) == 33.3 and statistics.percent(0, 0) is None
    assert statistics.quarter(date(2026, 12, 31)) == "2026 Q4"


def count_queries(app, call):
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            with recorded_queries() as queries:
                call()
        finally:
            db.close()
    return len(queries)


def test_the_figures_take_a_handful_of_queries_however_many_cases(app, users, figures):
    few = count_queries(app, lambda: statistics.compute(START, END, TODAY))
    with app.app_context():
        db.connect(reuse_if_open=True)
        employer = Employer.get()
        for n in range(40):
            user = User.create(username=f"q{n}", role=User.PARTICIPANT, display_name=f"Q {n}")
            case = Case.create(participant=user, coach=users["coach"], commissioner="fk")
            moves(case, (2, "active", "2026-02-01 09:00"))
            placement(user, employer, ("2026-02-01", "wage", 10))
        db.close()
    assert count_queries(app, lambda: statistics.compute(START, END, TODAY)) == few <= 14


@pytest.fixture
def admin(app):
    client = app.test_client()
    login(client, "admin")
    return client


def test_the_page_shows_the_figures_charts_and_tables(admin, figures):
    response = admin.get("/admin/statistics", query_string=PERIOD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "3 of 7" in html or "3 av 7" in html
    assert html.count('<svg class="bar-chart" role="img"') == 5
    # and one for each of gender, age band, coach, target group, need of support, income at the
    # start and at the end
    assert html.count("<caption>") == 12
    assert 'aria-labelledby="chart-steps-title"' in html and 'id="chart-steps-title"' in html
    assert 'href="/admin/statistics.csv?from=2026-01-01&amp;to=2026-06-30"' in html
    assert 'value="2026-01-01"' in html and "error-summary" not in html
    assert 'href="/admin/statistics"' in admin.get("/admin/").get_data(as_text=True)


def test_the_csv_has_a_row_per_figure_and_group(admin, figures):
    response = admin.get("/admin/statistics.csv", query_string=PERIOD)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.startswith("figure,group,value\r\n")  # no byte order mark
    rows = [tuple(row) for row in csv.reader(io.StringIO(text))][1:]
    assert len(rows) == len(set((figure, group) for figure, group, _ in rows))
    # Every row but the retention ones, which depend on the real today.
    rows = [row for row in rows if not row[0].startswith("retention")]
    assert rows == [
        ("employment_rate_percent", "", "42.9"), ("employment_with_job", "", "3"),
        ("employment_base", "", "7"), ("job_starts", "", "4"),
        ("employer_contacts", "coach", "52"), ("employer_contacts_per_week", "coach", "2.0"),
        ("employer_contacts", "coach2", "26"), ("employer_contacts_per_week", "coach2", "1.0"),
        ("employer_contacts_per_week", "unit_average", "1.5"),
        ("participants_in_step", "1", "1"), ("participants_in_step", "2", "0"),
        ("participants_in_step", "3", "1"), ("participants_in_step", "4", "1"),
        ("participants_in_step", "5", "1"),
        ("median_days_in_step", "1", "8.0"), ("median_days_in_step", "2", "30.5"),
        ("median_days_in_step", "3", "30.0"), ("median_days_in_step", "4", "1.0"),
        ("median_days_in_step", "5", ""),
        # Figures about fewer than five people are suppressed.
        ("outcomes_per_quarter", "2026 Q1/work", "<5"),
        ("outcomes_per_quarter", "2026 Q1/work_subsidy", "<5"),
        ("outcomes_per_quarter", "2026 Q1/other", "<5"),
        ("outcomes_per_quarter", "2026 Q2/work", "<5"),
        ("outcomes_per_quarter", "2026 Q2/studies", "<5"),
        ("outcomes_per_commissioner", "af/work", "<5"),
        ("outcomes_per_commissioner", "af/work_subsidy", "<5"),
        ("outcomes_per_commissioner", "social/studies", "<5"),
        ("outcomes_per_commissioner", "region/other", "<5"),
        ("outcomes_per_gender", "woman/work", "<5"),
        ("outcomes_per_gender", "man/work_subsidy", "<5"),
        ("outcomes_per_gender", "/studies", "<5"),
        ("outcomes_per_gender", "/other", "<5"),
        ("outcomes_per_age_band", "under_25/work_subsidy", "<5"),
        ("outcomes_per_age_band", "25_29/work", "<5"),
        ("outcomes_per_age_band", "30_49/work", "<5"),
        ("outcomes_per_age_band", "/studies", "<5"),
        ("outcomes_per_age_band", "/other", "<5"),
        ("outcomes_per_coach", f"coach_{COACH}/work", "<5"),
        ("outcomes_per_coach", f"coach_{COACH}/work_subsidy", "<5"),
        ("outcomes_per_coach", f"coach_{COACH}/studies", "<5"),
        ("outcomes_per_coach", f"coach_{COACH}/other", "<5"),
        ("outcomes_per_coach", f"coach_{COACH2}/work", "<5"),
        ("outcomes_per_target_group", "disability/work", "<5"),
        ("outcomes_per_target_group", "long_term_unemployed/work_subsidy", "<5"),
        ("outcomes_per_target_group", "newcomer/work", "<5"),
        ("outcomes_per_target_group", "/work", "<5"),
        ("outcomes_per_target_group", "/studies", "<5"),
        ("outcomes_per_target_group", "/other", "<5"),
        ("outcomes_per_support_need", "some/work_subsidy", "<5"),
        ("outcomes_per_support_need", "large/work", "<5"),
        ("outcomes_per_support_need", "/work", "<5"),
        ("outcomes_per_support_need", "/studies", "<5"),
        ("outcomes_per_support_need", "/other", "<5"),
        ("outcomes_per_income_at_start", "activity_support/work_subsidy", "<5"),
        ("outcomes_per_income_at_start", "financial_assistance/work", "<5"),
        ("outcomes_per_income_at_start", "/work", "<5"),
        ("outcomes_per_income_at_start", "/studies", "<5"),
        ("outcomes_per_income_at_start", "/other", "<5"),
        ("outcomes_per_income_at_end", "wage/work", "<5"),
        ("outcomes_per_income_at_end", "wage/work_subsidy", "<5"),
        ("outcomes_per_income_at_end", "/work", "<5"),
        ("outcomes_per_income_at_end", "/studies", "<5"),
        ("outcomes_per_income_at_end", "/other", "<5"),
        ("job_starts_per_coach", f"coach_{COACH}", "<5"),
        ("job_starts_per_coach", f"coach_{COACH2}", "<5"),
        ("referrals_per_support_need", "small/open", "<5"),
        ("referrals_per_support_need", "large/accepted", "<5"),
        ("referrals_per_support_need", "large/declined", "<5"),
        ("referrals_per_support_need", "/withdrawn", "<5"),
        ("sius_goal_per_coach", "", "4.5"),
        ("fidelity_contact_kept", "", "<5"), ("fidelity_contact_base", "", "<5"),
        ("fidelity_benefits_kept", "", "<5"), ("fidelity_benefits_base", "", "<5"),
        ("fidelity_followup_12_kept", "", "<5"), ("fidelity_followup_12_base", "", "<5"),
        ("fidelity_followup_24_kept", "", "<5"), ("fidelity_followup_24_base", "", "<5"),
    ]


@pytest.mark.parametrize("query", [{"from": "2026-13-01"}, {"to": "yesterday"},
                                   {"from": "2026-06-30", "to": "2026-01-01"},
                                   {"from": "9" * 40}])
def test_bad_dates_give_an_error_and_the_usual_period(admin, query):
    response = admin.get("/admin/statistics", query_string=query)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    jan_first = date(date.today().year, 1, 1)
    assert f'from={jan_first.isoformat()}&amp;to={date.today().isoformat()}' in html
    csv_response = admin.get("/admin/statistics.csv", query_string=query)
    assert csv_response.status_code == 200


@pytest.mark.parametrize("username", ["coach", "erik"])
def test_only_administrators_see_the_statistics(app, username):
    client = app.test_client()
    login(client, username)
    assert client.get("/admin/statistics").status_code == 403
    assert client.get("/admin/statistics.csv").status_code == 403
