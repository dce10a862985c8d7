"""Referrals (anmälan): registered before any login exists, by a coach or an administrator for the
unit; a yes makes the case with its login card, a no or a withdrawal is kept until the retention
time. Personal identity numbers are checked and masked in lists."""
import json
import re
from datetime import date, timedelta

import pytest

from helpers import choose_language, login, submit
from sokandelots import personnummer
from sokandelots.privacy import erasure, retention
from sokandelots.db import db
from sokandelots.models import AccessLog, Agreement, Case, Referral, Revision, User

CODE = re.compile(r'class="code" lang="en">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<')
DEMO = 1  # the demo data's open referral, in coach's list
# A valid personal identity number (the check digit fits) and one whose last digit does not.
VALID, WRONG_DIGIT = "19811218-9876", "19811218-9875"

REFERRAL = {"received_on": "2026-03-02", "commissioner": "social", "commissioner_unit": "Väst",
            "case_number": "SOC-2026-17", "handler_name": "Kim Ek", "handler_phone": "010-123 45",
            "handler_email": "kim.ek@example.se", "purpose": "Stöd att hitta ett arbete.",
            "target_groups": ["long_term_unemployed", "newcomer"],
            "income_at_start": "financial_assistance", "wants_work": "yes", "interpreter": "y",
            "interpreter_language": "somaliska", "support_need": "large",
            "name": "Hodan Warsame", "personnummer": "811218-9876", "phone": "070-111 22 33",
            "email": "hodan@example.se", "address": "Storgatan 1\n123 45 Västerås", "locale": "so"}


@pytest.fixture
def english(client, as_user):
    """Log in as `username` with the pages in English."""
    def run(username):
        as_user(username)
        choose_language(client, "en", "/referrals/")
        return client
    return run


def read(app, function):
    with app.app_context(), db.connection_context():
        return function()


def new_referral(client, **changes):
    return submit(client, "/referrals/new", {**REFERRAL, **changes})


# Personal identity numbers

@pytest.mark.parametrize("typed", ["19811218-9876", "198112189876", "811218-9876", "8112189876",
                                   " 19811218 9876 "])
def test_a_personal_identity_number_is_read_in_every_usual_way(typed):
    assert personnummer.parse(typed, date(2026, 5, 1)) == VALID


def test_a_date_of_birth_alone_is_kept_without_the_last_four_digits():
    for typed in ("19811218", "811218", "1981-12-18"):
        assert personnummer.parse(typed, date(2026, 5, 1)) == "19811218"
    assert personnummer.parse("", date(2026, 5, 1)) == ""


def test_two_digit_years_take_the_latest_century_and_plus_means_a_hundred_years_more():
    today = date(2026, 5, 1)
    assert personnummer.parse("121212-1212", today) == "20121212-1212"
    assert personnummer.parse("121212+1212", today) == "19121212-1212"
    assert personnummer.parse("300101", today) == "19300101"  # 2030 has not come


def test_the_check_digit_is_the_luhn_digit():
    assert personnummer.luhn_ok("8112189876") and personnummer.luhn_ok("1212121212")
    assert not personnummer.luhn_ok("8112189875")
    with pytest.raises(personnummer.Invalid, match="last digit"):
        personnummer.parse(WRONG_DIGIT, date(2026, 5, 1))


def test_a_coordination_number_has_its_day_plus_sixty():
    # Samordningsnummer: born 18 December 1981, day 78; the check digit is computed the same way.
    check = next(d for d in "0123456789" if personnummer.luhn_ok(f"811278987{d}"))
    stored = personnummer.parse(f"811278-987{check}", date(2026, 5, 1))
    assert stored == f"19811278-987{check}"
    assert personnummer.birth_date(stored) == date(1981, 12, 18)


@pytest.mark.parametrize("typed,problem", [
    ("19811232", "no such date"), ("19810230-1234", "no such date"),
    ("20300101", "future"), ("1981121", "Write the date"), ("abc", "Write the date"),
    ("19811218+9876", "Write the date"), ("19811218-98765", "Write the date")])
def test_a_wrong_number_says_what_is_wrong(typed, problem):
    with pytest.raises(personnummer.Invalid, match=problem):
        personnummer.parse(typed, date(2026, 5, 1))


def test_lists_show_the_date_of_birth_and_hide_the_last_four_digits():
    assert personnummer.mask(VALID) == "19811218-****"
    assert personnummer.mask("19811218") == "19811218"
    assert personnummer.mask("") == ""
    assert personnummer.birth_date(VALID) == date(1981, 12, 18)


# The forms

def test_a_coach_registers_a_referral_and_sees_it_in_full_only_on_its_own_page(app, client,
                                                                                english):
    english("coach")
    response = new_referral(client)
    assert response.status_code == 302
    page = response.headers["Location"]
    item = read(app, lambda: Referral.get(Referral.name == "Hodan Warsame"))
    assert page == f"/referrals/{item.id}"
    assert item.coach.username == "coach" and item.created_by.username == "coach"
    assert item.personnummer == VALID and item.target_groups == "long_term_unemployed,newcomer"
    assert item.interpreter and item.interpreter_language == "somaliska"
    assert (item.income_at_start, item.wants_work, item.support_need) == (
        "financial_assistance", "yes", "large")
    assert item.status == "open" and item.participant is None

    html = client.get(page).get_data(as_text=True)
    assert VALID in html and "SOC-2026-17" in html and "kim.ek@example.se" in html
    assert "Social services (financial assistance)" in html and "Newly arrived in Sweden" in html
    assert "Needs an interpreter in <bdi>somaliska</bdi>" in html
    listed = client.get("/referrals/").get_data(as_text=True)
    assert "Hodan Warsame" in listed and "19811218-****" in listed and VALID not in listed
    assert "Hamid Karimi" in listed  # the demo's open referral, also coach's
    # The caseload says how many are open.
    assert "2 open" in client.get("/coach/").get_data(as_text=True)


def test_the_referral_form_explains_each_mistake_and_keeps_what_was_typed(app, client, english):
    english("coach")
    response = new_referral(client, name=" ", personnummer=WRONG_DIGIT, handler_email="kim",
                            interpreter_language="", received_on="", commissioner="nobody")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for message, field in [("Write a name.", "name"),
                           ("The last digit does not match the others.", "personnummer"),
                           ("Write an e-mail address like name@example.se.", "handler_email"),
                           ("Write which language the interpreter speaks.", "interpreter_language"),
                           ("Write the date.", "received_on"),
                           ("Not a valid choice.", "commissioner")]:
        assert message in html and f'href="#{field}"' in html, message
    assert "SOC-2026-17" in html and WRONG_DIGIT in html
    assert read(app, lambda: Referral.select().count()) == 1  # the demo's only


def test_a_coach_changes_a_referral_and_a_change_made_meanwhile_is_shown_first(app, client,
                                                                                english, coach):
    english("coach")
    page = f"/referrals/{DEMO}/edit"
    form = client.get(page).get_data(as_text=True)
    assert 'value="19121212-1212"' in form and "Hamid Karimi" in form
    seen = re.search(r'name="seen" type="hidden" value="([^"]+)"', form).group(1)
    # Someone else saves first.
    assert submit(coach, page, {**REFERRAL, "name": "Hamid K."}).status_code == 302
    response = client.post(page, data={**REFERRAL, "seen": seen, "name": "Hamid Karimi Ali",
                                       "csrf_token": re.search(
                                           r'name="csrf_token"[^>]*value="([^"]+)"', form)[1]})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Hamid K." in html and "Hamid Karimi Ali" in html
    assert read(app, lambda: Referral.get_by_id(DEMO).name) == "Hamid K."
    # Saving again keeps this version.
    assert submit(client, page, {**REFERRAL, "name": "Hamid Karimi Ali"}).status_code == 302
    item = read(app, lambda: Referral.get_by_id(DEMO))
    assert item.name == "Hamid Karimi Ali" and item.personnummer == VALID


def test_another_coach_finds_no_referral_of_someone_elses(app, client, as_user):
    as_user("coach2")
    assert "Hamid Karimi" not in client.get("/referrals/?show=all").get_data(as_text=True)
    for method, path in [("GET", ""), ("GET", "/edit"), ("POST", "/edit"), ("POST", "/accept"),
                         ("POST", "/end"), ("POST", "/reopen")]:
        response = submit(client, "/referrals/", {**REFERRAL, "status": "declined"},
                          action=f"/referrals/{DEMO}{path}") if method == "POST" \
            else client.get(f"/referrals/{DEMO}{path}")
        assert response.status_code == 404, f"{method} {path}"
    assert read(app, lambda: Referral.get_by_id(DEMO).status) == "open"


def test_participants_cannot_open_referrals(client, as_user):
    as_user("erik")
    assert client.get("/referrals/").status_code == 403
    assert client.get(f"/referrals/{DEMO}").status_code == 403
    assert client.get("/referrals/new").status_code == 403


def test_an_administrator_registers_for_a_coach_and_sees_the_whole_unit(app, client, english):
    english("admin")
    html = client.get("/referrals/new").get_data(as_text=True)
    assert 'name="coach"' in html and "Lena Holm" in html
    response = new_referral(client, coach=str(read(app, lambda: User.by_username("coach2").id)))
    assert response.status_code == 302
    item = read(app, lambda: Referral.get(Referral.name == "Hodan Warsame"))
    assert item.coach.username == "coach2" and item.created_by.username == "admin"
    listed = client.get("/referrals/").get_data(as_text=True)
    assert "Hodan Warsame" in listed and "Hamid Karimi" in listed and "Lena Holm" in listed
    # The case and its login card are the coach's to make.
    assert submit(client, "/referrals/", {}, action=f"/referrals/{item.id}/accept").status_code == 403
    # A coach must be chosen.
    assert new_referral(client, coach="").status_code == 422

    login(client, "coach2")
    assert "Hodan Warsame" in client.get("/referrals/").get_data(as_text=True)


def test_yes_makes_a_case_with_a_login_card_that_the_person_sets_up(app, client, english):
    english("coach")
    item_id = int(new_referral(client).headers["Location"].rsplit("/", 1)[1])
    response = submit(client, f"/referrals/{item_id}", {}, action=f"/referrals/{item_id}/accept")
    assert response.status_code == 302
    card = response.headers["Location"]
    assert re.fullmatch(r"/coach/participants/\d+/card", card)
    html = client.get(card).get_data(as_text=True)
    code = CODE.search(html).group(1)
    assert "Hodan Warsame" in html

    def stored():
        item = Referral.get_by_id(item_id)
        person = item.participant
        case = Case.get(Case.participant == person)
        agreed = Agreement.get(Agreement.participant == person)
        return item, person, case, agreed
    item, person, case, agreed = read(app, stored)
    assert item.status == "accepted" and item.status_on == date.today()
    assert person.display_name == "Hodan Warsame" and person.locale == "so"
    assert case.coach_id == item.coach_id and case.commissioner == "social"
    assert agreed.referrer == "social" and agreed.referred_on == date(2026, 3, 2)
    assert agreed.referrer_contact == "Kim Ek, 010-123 45, kim.ek@example.se"
    assert read(app, lambda: AccessLog.select().where(
        AccessLog.participant == person.id, AccessLog.endpoint == "referrals.accept").exists())
    # Said yes once: a second press makes no second case.
    submit(client, f"/referrals/{item_id}", {}, action=f"/referrals/{item_id}/accept")
    assert read(app, lambda: Case.select().where(Case.participant == person.id).count()) == 1
    assert read(app, lambda: User.select().where(User.display_name == "Hodan Warsame").count()) == 1
    # The referral page leads to the case, and is gone from the open list.
    assert f"/coach/participants/{person.id}" in client.get(
        f"/referrals/{item_id}").get_data(as_text=True)
    assert "Hodan Warsame" not in client.get("/referrals/").get_data(as_text=True)

    submit(client, "/coach/", {}, action="/logout")
    response = submit(client, "/setup", {"code": code, "password": "kamel i öknen"})
    assert response.headers["Location"] == "/me/"
    # The person reads the referral about them on "My data", their number in full.
    mine = client.get("/me/data").get_data(as_text=True)
    assert 'id="my-referral"' in mine and "SOC-2026-17" in mine and VALID in mine


def test_the_commissioners_case_number_follows_the_yes_to_the_case_and_its_reports(app, client,
                                                                                   english):
    english("coach")
    item_id = int(new_referral(client).headers["Location"].rsplit("/", 1)[1])
    card = submit(client, f"/referrals/{item_id}", {},
                  action=f"/referrals/{item_id}/accept").headers["Location"]
    case = card.rsplit("/", 1)[0]
    assert read(app, lambda: Case.get(Case.participant == Referral.get_by_id(
        item_id).participant).commissioner_case_number) == "SOC-2026-17"
    assert 'value="SOC-2026-17"' in client.get(case).get_data(as_text=True)
    report = submit(client, case, {"kind": "closing"}, action=f"{case}/reports").headers["Location"]
    assert "SOC-2026-17" in client.get(report).get_data(as_text=True)


def test_the_referrals_case_number_is_checked_as_the_cases_own(app, client, english):
    english("coach")
    for typed, message in [("SOC 17; drop", "Use letters, digits, spaces and . / : - only."),
                           ("S" * 41, "Use at most 40 characters.")]:
        response = new_referral(client, case_number=typed)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True) and 'href="#case_number"' in \
            response.get_data(as_text=True)


def test_a_declined_referral_is_kept_with_its_date_and_reason_and_can_be_opened_again(
        app, client, english):
    english("coach")
    response = submit(client, f"/referrals/{DEMO}", {}, action=f"/referrals/{DEMO}/end")
    assert response.status_code == 422
    assert "Choose what happened." in response.get_data(as_text=True)
    response = submit(client, f"/referrals/{DEMO}", {
        "status": "declined", "status_on": "2026-04-01", "status_reason": "Vill vänta."},
        action=f"/referrals/{DEMO}/end")
    assert response.status_code == 302
    item = read(app, lambda: Referral.get_by_id(DEMO))
    assert (item.status, item.status_on, item.status_reason) == (
        "declined", date(2026, 4, 1), "Vill vänta.")
    assert "Hamid Karimi" not in client.get("/referrals/").get_data(as_text=True)
    ended = client.get("/referrals/?show=ended").get_data(as_text=True)
    assert "Hamid Karimi" in ended and "Declined" in ended
    # A closed referral cannot become a case.
    submit(client, f"/referrals/{DEMO}", {}, action=f"/referrals/{DEMO}/accept")
    assert read(app, lambda: Referral.get_by_id(DEMO).participant) is None
    submit(client, f"/referrals/{DEMO}", {}, action=f"/referrals/{DEMO}/reopen")
    item = read(app, lambda: Referral.get_by_id(DEMO))
    assert (item.status, item.status_on, item.status_reason) == ("open", None, "")


def test_declined_and_withdrawn_referrals_are_erased_when_the_retention_time_has_passed(app):
    today = date.today()

    def setup():
        coach = User.by_username("coach")
        for name, status, months in [("Gammal Nej", "declined", 25), ("Gammal Tillbaka",
                                     "withdrawn", 25), ("Ny Nej", "declined", 23)]:
            Referral.create(coach=coach, received_on=today, commissioner="af", name=name,
                            status=status, status_on=retention.months_before(today, months))
        # Open for long: still waiting for an answer, so kept.
        Referral.create(coach=coach, received_on=today - timedelta(days=1000),
                        commissioner="af", name="Gammal Öppen")
    read(app, setup)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["erase-expired", "--dry-run"])
    assert "Would erase 2 referral(s)" in result.output
    assert read(app, lambda: Referral.select().count()) == 5
    result = runner.invoke(args=["erase-expired"])
    assert result.exit_code == 0 and "Erased 2 referral(s)" in result.output
    assert "Gammal" not in result.output
    assert read(app, lambda: sorted(row.name for row in Referral.select())) == [
        "Gammal Öppen", "Hamid Karimi", "Ny Nej"]


def test_erasing_the_participant_erases_the_referral_their_case_began_with(app, client, as_user):
    as_user("coach")
    submit(client, f"/referrals/{DEMO}", {}, action=f"/referrals/{DEMO}/accept")
    person = read(app, lambda: Referral.get_by_id(DEMO).participant)
    read(app, lambda: erasure.erase(person))
    assert read(app, lambda: Referral.get_or_none(Referral.id == DEMO)) is None


def test_the_referral_is_in_the_participants_export(app, client, as_user):
    from sokandelots.exports import export
    as_user("coach")
    submit(client, f"/referrals/{DEMO}", {}, action=f"/referrals/{DEMO}/accept")
    data = read(app, lambda: export(Referral.get_by_id(DEMO).participant))
    assert data["referral"]["personnummer"] == "19121212-1212"
    assert data["referral"]["case_officer"]["name"] == "Karin Söder"
    assert "referral" in data["may_hold_health_data"]


# One place for each fact between the referral and the case it became

def accepted(app, client, **changes):
    """A new referral (with `changes`) that the person said yes to: (referral id, participant id)."""
    item_id = int(new_referral(client, **changes).headers["Location"].rsplit("/", 1)[1])
    submit(client, f"/referrals/{item_id}", {}, action=f"/referrals/{item_id}/accept")
    return item_id, read(app, lambda: Referral.get_by_id(item_id).participant_id)


def case_of(app, person_id):
    return read(app, lambda: Case.get(Case.participant == person_id))


def test_yes_gives_the_case_the_referrals_case_number_and_year_of_birth(app, client, english):
    english("coach")
    _, person_id = accepted(app, client)
    case = case_of(app, person_id)
    assert case.commissioner_case_number == "SOC-2026-17" and case.birth_year == 1981
    # The case page shows the year of birth instead of asking for it.
    page = client.get(f"/coach/participants/{person_id}").get_data(as_text=True)
    assert 'name="birth_year"' not in page and 'id="birth-year"' in page and "1981" in page
    assert "From the date of birth on the referral." in page
    assert 'value="SOC-2026-17"' in page
    # Saving the step keeps the referral's year, whatever is posted.
    assert submit(client, f"/coach/participants/{person_id}", {
        "step": "2", "status": "active", "outcome": "", "gender": "woman", "birth_year": "1990"},
        action=f"/coach/participants/{person_id}/step").status_code == 302
    case = case_of(app, person_id)
    assert (case.step, case.gender, case.birth_year) == (2, "woman", 1981)


def test_without_a_date_of_birth_on_the_referral_the_case_page_asks_for_the_year(app, client,
                                                                                english):
    english("coach")
    _, person_id = accepted(app, client, personnummer="", case_number="")
    case = case_of(app, person_id)
    assert case.birth_year is None and case.commissioner_case_number == ""
    page = client.get(f"/coach/participants/{person_id}").get_data(as_text=True)
    assert 'name="birth_year"' in page and 'id="birth-year"' not in page
    submit(client, f"/coach/participants/{person_id}", {
        "step": "1", "status": "active", "outcome": "", "gender": "", "birth_year": "1990"},
        action=f"/coach/participants/{person_id}/step")
    assert case_of(app, person_id).birth_year == 1990


def test_a_change_to_the_referral_of_a_case_changes_the_case_and_the_account(app, client,
                                                                          english):
    english("coach")
    item_id, person_id = accepted(app, client)
    response = submit(client, f"/referrals/{item_id}/edit", {
        **REFERRAL, "name": "Hodan Warsame Ali", "commissioner": "af",
        "case_number": "Af-2026/9", "personnummer": "19850312"})
    assert response.status_code == 302
    case = case_of(app, person_id)
    assert (case.commissioner, case.commissioner_case_number, case.birth_year) == (
        "af", "Af-2026/9", 1985)
    assert read(app, lambda: User.get_by_id(person_id).display_name) == "Hodan Warsame Ali"
    # The name and the commissioner are corrections: the earlier version is kept.
    earlier = read(app, lambda: sorted((row.record, json.loads(row.earlier)) for row in
                                       Revision.select().where(Revision.participant == person_id)))
    assert earlier == [("case", {"commissioner": "social"}),
                       ("user", {"display_name": "Hodan Warsame"})]
    # Without a date of birth, the case keeps the year it has.
    submit(client, f"/referrals/{item_id}/edit", {**REFERRAL, "personnummer": ""})
    assert case_of(app, person_id).birth_year == 1985


def test_a_wrong_case_number_on_the_referral_changes_nothing(app, client, english):
    english("coach")
    item_id, person_id = accepted(app, client)
    response = submit(client, f"/referrals/{item_id}/edit", {
        **REFERRAL, "name": "Someone Else", "case_number": "SOC#17"})
    assert response.status_code == 422
    assert "Use letters, digits, spaces and . / : - only." in response.get_data(as_text=True)
    assert case_of(app, person_id).commissioner_case_number == "SOC-2026-17"
    assert read(app, lambda: User.get_by_id(person_id).display_name) == "Hodan Warsame"
    # Another coach cannot change it.
    other = app.test_client()
    login(other, "coach2")
    assert submit(other, "/referrals/", {**REFERRAL, "name": "Someone Else"},
                  action=f"/referrals/{item_id}/edit").status_code == 404
    assert read(app, lambda: Referral.get_by_id(item_id).name) == "Hodan Warsame"


def test_the_case_number_and_commissioner_on_the_case_page_change_the_referral(app, client,
                                                                              english):
    english("coach")
    item_id, person_id = accepted(app, client)
    page = f"/coach/participants/{person_id}"
    assert submit(client, page, {"commissioner_case_number": "SOC-2026-18"},
                  action=f"{page}/case-number").status_code == 302
    assert read(app, lambda: Referral.get_by_id(item_id).case_number) == "SOC-2026-18"
    # A wrong one is refused on both.
    submit(client, page, {"commissioner_case_number": "SOC#18"}, action=f"{page}/case-number")
    assert read(app, lambda: Referral.get_by_id(item_id).case_number) == "SOC-2026-18"
    assert case_of(app, person_id).commissioner_case_number == "SOC-2026-18"
    # The commissioner corrected on the case: the same on the referral. A name corrected on the
    # case stays the account's own.
    assert submit(client, f"{page}/case", {"display_name": "Hodan", "commissioner": "fk"}
                  ).status_code == 302
    item = read(app, lambda: Referral.get_by_id(item_id))
    assert (item.commissioner, item.name) == ("fk", "Hodan Warsame")
    assert case_of(app, person_id).commissioner == "fk"
    # The referral's edit form shows what the case says now.
    form = client.get(f"/referrals/{item_id}/edit").get_data(as_text=True)
    assert 'value="SOC-2026-18"' in form and '<option selected value="fk">' in form
    # Saving the referral again without changing its name keeps the name corrected on the case.
    assert submit(client, f"/referrals/{item_id}/edit", {
        **REFERRAL, "commissioner": "fk", "case_number": "SOC-2026-18", "phone": "070-222"}
        ).status_code == 302
    assert read(app, lambda: User.get_by_id(person_id).display_name) == "Hodan"


def test_the_caseload_counts_the_coachs_open_referrals_only(app, english):
    client = english("coach")
    assert "Referrals (1 open)" in client.get("/coach/").get_data(as_text=True)  # the demo's
    assert new_referral(client).status_code == 302
    read(app, lambda: Referral.create(coach=User.by_username("coach"), received_on=date.today(),
                                      commissioner="af", name="Ny Nej", status="declined"))
    assert "Referrals (2 open)" in client.get("/coach/").get_data(as_text=True)
    other = app.test_client()
    login(other, "coach2")
    choose_language(other, "en", "/coach/")
    html = other.get("/coach/").get_data(as_text=True)
    assert "Referrals</a>" in html and "open)" not in html
