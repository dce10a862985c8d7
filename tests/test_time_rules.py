"""The method's time rules (IPS and SIUS), step 5 as its own state, closing, and benefits
counselling: every rule against dates worked out by hand, then the pages."""
import re
from datetime import date, datetime, timedelta

import pytest

from helpers import choose_language, login, submit
from sokandelots import timerules
from sokandelots.catalogues import age_band
from sokandelots.db import db
from sokandelots.models import (BenefitsCounselling, Case, Employer, Lead, OutcomeRow, Placement,
                                PlanVersion, Referral)

ERIK, SARA = 5, 6  # demo participants: erik is coached by `coach`, sara by `coach2`
D = date.fromisoformat


def test_months_are_counted_as_people_count_them():
    assert timerules.add_months(D("2026-01-31"), 1) == D("2026-02-28")
    assert timerules.add_months(D("2026-03-15"), 6) == D("2026-09-15")
    assert timerules.add_months(D("2025-11-30"), 24) == D("2027-11-30")
    assert timerules.whole_months(D("2026-03-15"), D("2026-04-14")) == 0
    assert timerules.whole_months(D("2026-03-15"), D("2026-04-15")) == 1
    assert timerules.whole_months(D("2026-01-31"), D("2026-02-28")) == 1
    assert timerules.whole_months(D("2025-06-01"), D("2027-05-31")) == 23


def test_ips_wants_the_first_employer_contact_and_benefits_counselling_within_a_month():
    start, today = D("2026-03-01"), D("2026-06-01")
    on_time = timerules.Early(start, D("2026-03-31"), today)  # day 30
    late = timerules.Early(start, D("2026-04-01"), today)  # day 31
    waiting = timerules.Early(start, None, D("2026-03-20"))  # 19 days so far
    overdue = timerules.Early(start, None, D("2026-04-05"))  # 35 days so far
    assert (on_time.days, on_time.late) == (30, False)
    assert (late.days, late.late) == (31, True)
    assert (waiting.days, waiting.late) == (19, False)
    assert (overdue.days, overdue.late) == (35, True)


def test_sius_introduction_is_at_most_six_months():
    start, today = D("2026-01-10"), D("2026-09-01")
    # Ended on the day six months are up: not too long, and not going on.
    ended = timerules.introduction(1, start, None, D("2026-07-10"), None, today)
    assert (ended.end, ended.months, ended.too_long, ended.ongoing) == (
        D("2026-07-10"), 6, False, False)
    # In work with follow-up from 1 March: the introduction ended then.
    working = timerules.introduction(1, start, None, None, D("2026-03-01"), today)
    assert (working.end, working.too_long) == (D("2026-03-01"), False)
    # In work since before this placement started: it does not end this one's introduction.
    earlier = timerules.introduction(1, start, D("2026-05-01"), None, D("2025-12-01"), today)
    assert (earlier.end, earlier.too_long, earlier.ongoing) == (D("2026-05-01"), False, False)
    # No end date, still going on today, day 234: too long.
    going = timerules.introduction(1, start, None, None, None, today)
    assert (going.end, going.months, going.too_long, going.ongoing) == (today, 7, True, True)
    # A plan that says it ends on 11 July already runs one day too long.
    planned = timerules.introduction(1, start, D("2026-07-11"), None, None, D("2026-02-01"))
    assert (planned.too_long, planned.ongoing) == (True, True)


def test_sius_follow_up_is_at_least_12_and_up_to_24_months():
    since = D("2025-02-15")
    short = timerules.FollowUpPeriod(since, D("2026-02-14"))
    enough = timerules.FollowUpPeriod(since, D("2026-02-15"))
    longest = timerules.FollowUpPeriod(since, D("2027-02-15"))
    over = timerules.FollowUpPeriod(since, D("2027-02-16"))
    assert (short.months, short.too_short, short.too_long) == (11, True, False)
    assert (enough.months, enough.too_short) == (12, False)
    assert (enough.at_least_until, enough.at_most_until) == (D("2026-02-15"), D("2027-02-15"))
    assert (longest.months, longest.too_long) == (24, False)
    assert over.too_long


def test_flags_are_what_needs_attention_now_and_never_on_a_closed_case():
    start = D("2026-01-01")
    today = D("2026-03-01")
    rules = timerules.CaseRules(
        timerules.Early(start, None, today), timerules.Early(start, D("2026-01-05"), today),
        [timerules.introduction(1, D("2025-06-01"), None, None, None, today)],
        timerules.FollowUpPeriod(D("2023-01-01"), today))
    assert timerules.flags(rules, "active") == ["contact", "introduction", "followup"]
    assert timerules.flags(rules, "closed") == []
    # A late contact that was made is history, not something to do.
    done = timerules.CaseRules(timerules.Early(start, D("2026-02-20"), today),
                               timerules.Early(start, None, D("2026-01-20")))
    assert timerules.flags(done, "in_work") == []


def test_age_bands():
    assert [age_band(1990, year) for year in (2014, 2015, 2019, 2020, 2039, 2040)] == [
        "under_25", "25_29", "25_29", "30_49", "30_49", "50_plus"]
    assert age_band(None, 2026) == ""


@pytest.fixture
def connected(app):
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        yield
        db.close()


def erik_case():
    return Case.get(Case.participant == ERIK)


def step(client, **data):
    return submit(client, f"/coach/participants/{ERIK}",
                  {"step": "3", "status": "active", **data},
                  action=f"/coach/participants/{ERIK}/step")


def read(app, function):
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            return function()
        finally:
            db.close()


def test_in_work_with_follow_up_is_step_5_without_closing_and_counts_a_job_start(app, coach):
    from sokandelots.statistics import participants_per_step
    in_step_5 = read(app, participants_per_step)[5]
    response = step(coach, status="in_work", in_work_since="2026-02-02", gender="woman",
                    birth_year="1999")
    assert response.status_code == 302
    case = read(app, erik_case)
    assert (case.step, case.status, case.in_work_since) == (5, "in_work", D("2026-02-02"))
    assert (case.gender, case.birth_year, case.outcome_row_id) == ("woman", 1999, None)
    assert read(app, participants_per_step)[5] == in_step_5 + 1  # still an active participant
    rows = read(app, lambda: list(OutcomeRow.select().dicts()))
    assert [(row["kind"], row["year"], row["month"], row["gender"], row["age_band"])
            for row in rows] == [("job_start", 2026, 2, "woman", "25_29")]
    choose_language(coach, "en", f"/coach/participants/{ERIK}")
    page = coach.get(f"/coach/participants/{ERIK}").get_data(as_text=True)
    assert "In work, with follow-up" in page and "Since February 2, 2026: " in page
    # Saving again in the same state is not another job start.
    step(coach, status="in_work")
    assert read(app, lambda: OutcomeRow.select().count()) == 1
    assert read(app, erik_case).in_work_since == D("2026-02-02")


def test_closing_ends_the_placement_its_lead_and_the_follow_ups_and_leaves_a_row(
        app, users, coach):
    today = date.today()

    def setup():
        Case.update(created_at=datetime.combine(today - timedelta(days=100), datetime.min.time()),
                    next_followup=today - timedelta(days=3)).where(
            Case.participant == ERIK).execute()
        employer = Employer.create(name="Bageriet", sector="food")
        Lead.create(participant=ERIK, employer=employer, kind="contact", status="tryout",
                    day=today - timedelta(days=60))  # day 40: late
        Lead.create(participant=ERIK, employer=employer, kind="contact", status="employed",
                    day=today - timedelta(days=50))
        placement = Placement.create(participant=ERIK, employer=employer)
        PlanVersion.create(placement=placement, number=1, start_on=today - timedelta(days=40),
                           terms="wage", paid_hours=20, followup_weeks=2)
        BenefitsCounselling.create(participant=ERIK, day=today - timedelta(days=90), note="Lön")
    read(app, setup)
    step(coach, status="in_work", in_work_since=(today - timedelta(days=20)).isoformat())
    response = step(coach, status="closed", outcome="work", outcome_on=today.isoformat())
    assert response.status_code == 302

    def after():
        return (erik_case(), Placement.get().ended_on,
                sorted((lead.status, lead.end_reason) for lead in Lead.select()),
                list(OutcomeRow.select().order_by(OutcomeRow.id).dicts()))
    case, ended_on, leads, rows = read(app, after)
    assert case.next_followup is None and ended_on == today
    assert leads == [("employed", ""), ("ended", "case_closed")]
    closed = rows[-1]
    assert case.outcome_row_id == closed["id"]
    assert {key: closed[key] for key in ("kind", "outcome", "commissioner", "coach",
                                         "days_to_employer_contact",
                                         "days_to_benefits_counselling", "followup_months")} == {
        "kind": "closed", "outcome": "work", "commissioner": "af", "coach": users["coach"].id,
        "days_to_employer_contact": 40, "days_to_benefits_counselling": 10, "followup_months": 0}
    caseload = coach.get("/coach/").get_data(as_text=True)
    row = re.search(rf'<tr>\s*<th scope="row"><a href="/coach/participants/{ERIK}".*?</tr>',
                    caseload, re.S).group(0)
    assert "overdue" not in row and "badge-warning" not in row
    # Opened again, the case has no outcome: its row goes; closed again, a new one comes.
    step(coach, status="active")
    assert read(app, lambda: OutcomeRow.select().where(OutcomeRow.kind == "closed").count()) == 0
    step(coach, status="closed", outcome="studies")
    assert read(app, lambda: [row.outcome for row in OutcomeRow.select().where(
        OutcomeRow.kind == "closed")]) == ["studies"]


def test_the_closing_row_takes_the_referral_and_the_income_at_the_end(app, users, coach):
    def setup():
        Referral.create(coach=users["coach"], participant=ERIK, received_on=date.today(),
                        commissioner="af", name="Erik", target_groups="disability,neet",
                        support_need="large", income_at_start="sickness_benefit")
    read(app, setup)
    response = step(coach, status="closed", outcome="work_subsidy", income_at_end="pension")
    assert response.status_code == 422 and 'href="#income_at_end"' in response.get_data(
        as_text=True)
    assert step(coach, status="closed", outcome="work_subsidy",
                income_at_end="wage").status_code == 302
    row = read(app, lambda: OutcomeRow.get(OutcomeRow.kind == "closed"))
    assert (row.target_groups, row.support_need, row.income_at_start, row.income_at_end) == (
        "disability,neet", "large", "sickness_benefit", "wage")
    assert read(app, erik_case).income_at_end == "wage"
    # Opened again, the case has no income at the end either.
    step(coach, status="active", income_at_end="wage")
    assert read(app, erik_case).income_at_end == ""


def test_the_caseload_and_the_participant_page_show_the_broken_time_rules(app, coach):
    def setup():
        Case.update(created_at=datetime.now() - timedelta(days=45)).where(
            Case.participant == ERIK).execute()
    read(app, setup)
    choose_language(coach, "en", "/coach/")
    caseload = coach.get("/coach/").get_data(as_text=True)
    row = re.search(rf'<tr>\s*<th scope="row"><a href="/coach/participants/{ERIK}".*?</tr>',
                    caseload, re.S).group(0)
    assert "No employer contact after a month" in row
    assert "No benefits counselling after a month" in row
    page = coach.get(f"/coach/participants/{ERIK}").get_data(as_text=True)
    assert page.count("Later than one month") == 2 and "45 days since the start" in page


def test_step_form_checks_the_year_of_birth_and_the_day_in_work(app, coach):
    future = (date.today() + timedelta(days=1)).isoformat()
    for data, field in (({"birth_year": "85"}, "birth_year"),
                        ({"birth_year": str(date.today().year)}, "birth_year"),
                        ({"status": "in_work", "in_work_since": future}, "in_work_since")):
        response = step(coach, **data)
        assert response.status_code == 422, data
        assert f'href="#{field}"' in response.get_data(as_text=True)
    assert read(app, erik_case).status == "active"


BENEFITS = f"/coach/participants/{ERIK}/benefits"


def test_benefits_counselling_is_recorded_with_a_date_and_a_note(app, coach):
    response = submit(coach, BENEFITS, {"day": "2026-03-02", "note": "Lön och aktivitetsstöd."})
    assert response.status_code == 302
    choose_language(coach, "en", BENEFITS)
    page = coach.get(BENEFITS).get_data(as_text=True)
    assert "Lön och aktivitetsstöd." in page and "March 2, 2026" in page
    rows = read(app, lambda: [(row.day, row.coach_id) for row in BenefitsCounselling.select()])
    assert rows == [(D("2026-03-02"), 2)]


@pytest.mark.parametrize("data, field", [
    ({"day": "", "note": "Lön"}, "day"),
    ({"day": "2026-03-02", "note": ""}, "note"),
    ({"day": "2026-02-30", "note": "Lön"}, "day"),
    ({"day": (date.today() + timedelta(days=2)).isoformat(), "note": "Lön"}, "day"),
    ({"day": "2026-03-02", "note": "x" * 2001}, "note"),
])
def test_benefits_counselling_refuses_bad_input_with_a_clear_error(app, coach, data, field):
    response = submit(coach, BENEFITS, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and f'href="#{field}"' in html
    assert read(app, lambda: BenefitsCounselling.select().count()) == 0


def test_benefits_counselling_of_someone_elses_participant_is_not_found(app, coach):
    assert coach.get(f"/coach/participants/{SARA}/benefits").status_code == 404
    response = submit(coach, BENEFITS, {"day": "2026-03-02", "note": "Lön"},
                      action=f"/coach/participants/{SARA}/benefits")
    assert response.status_code == 404
    for username in ("erik", "admin"):
        client = app.test_client()
        login(client, username)
        assert client.get(BENEFITS).status_code == 403

