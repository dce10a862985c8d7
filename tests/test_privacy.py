"""Privacy: erasure after a confirm step, retention of closed cases, the complete export for a
formal request, and the record of processing made from the models."""
import dataclasses
import html
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from peewee import ForeignKeyField

from helpers import choose_language, export_text, exported, login, sound, submit
from sokandelots import i18n
from sokandelots.privacy import erasure, export as formal, record, retention
from sokandelots.db import db
from sokandelots.models import (MODELS, AccessLog, Case, Employer, Referral, StepChange, User,
                                UserSession)

NAME = "Ylvi Tjärnqvist"
USERNAME = "ylvi"
ANSWER = "Fyrvaktare-på-Väderöarna-8812"
SECRET = "Internt-anteckningsord-5150"
ERIK = 5


@pytest.fixture
def connected(app):
    """Run rule functions as a request would: a request context and an open connection."""
    def run(function, *args):
        with app.test_request_context():
            db.connect(reuse_if_open=True)
            try:
                return function(*args)
            finally:
                db.close()
    return run


def give_everything(coach):
    """A participant with a row in every kind of table about them; returns the participant."""
    from sokandelots import (accounts, agreement, attendance, caseload, corrections, notes, plans,
                             sharing)
    from sokandelots.activities import records
    from sokandelots.models import FollowUp
    from sokandelots.employers import register
    from sokandelots.jobcards import choices
    from sokandelots.profile import answers, spoken
    from sokandelots.profile.catalogue import BY_KEY

    person = accounts.create_participant(coach, NAME, "sv", "af")
    assert person.username == USERNAME
    case = Case.get(Case.participant == person)
    from sokandelots.models import Handover
    Handover.create(participant=person, from_coach=User.get(User.username == "coach2"),
                    to_coach=coach, made_by=coach, note=f"{NAME}: {ANSWER}",
                    read_until=date.today())
    Referral.create(coach=coach, participant=person, created_by=coach, received_on=date.today(),
                    commissioner="finsam", commissioner_unit="Kontoret", case_number="D-8812",
                    handler_name="Kim Handläggare", handler_phone="010-123",
                    handler_email="kim@example.se", purpose=ANSWER, target_groups="newcomer",
                    income_at_start="none", wants_work="yes", interpreter=True,
                    interpreter_language="dari", support_need="large", name=NAME,
                    personnummer="19121212-1212", phone="070-1234567", email="ylvi@example.se",
                    address="Fyrvägen 1", locale="sv", status="accepted",
                    status_on=date.today(), status_reason=ANSWER)
    answers.save(person, BY_KEY["dream_job"], {"text": ANSWER})
    answers.save(person, BY_KEY["call_me"], {"text": NAME})
    spoken.save(person, BY_KEY["dream_job"], sound(1.0), together=True)
    choices.save(person, "shop", "yes", want_more=True, note=ANSWER)
    activity = records.add(person, person, "visit", place="Fyren", note=ANSWER)
    records.reflect(activity, {"went": "4", "text": ANSWER})
    records.coach_reflect(activity, f"{NAME} trivdes.")
    sharing.share(person)
    answers.save(person, BY_KEY["hard"], {"text": ANSWER})
    sharing.share(person)
    item = notes.add_feedback(person, coach, f"Bra, {NAME}!", section="likes")
    notes.add_feedback(person, person, f"Tack! {ANSWER}", reply_to=item)
    notes.add_internal_note(person, coach, f"{SECRET} {NAME}")
    notes.send(person, person, f"Hej, det är {NAME}.")
    notes.send(person, coach, f"Hej {USERNAME}!",
               [{"key": "wait_at", "slots": {"place": {"text": f"Hos {NAME}"}}}])
    agreement.save(person, coach, {"goals": ANSWER, "reach": f"{NAME}, 070-1234567"})
    agreement.add_consent(person, "af", "Handläggare", f"Närvaro för {NAME}", date.today(),
                          "written")
    caseload.change_step(case, 4, "active", coach)
    caseload.add_followup(case, coach, date.today(), "visit", with_whom=NAME, note=ANSWER)
    # A correction keeps the earlier words: they go with the person too.
    corrections.correct(FollowUp.get(FollowUp.participant == person), coach, {"note": "Rättat."})
    employer = register.add_employer(coach, "Bageriet", "food")
    # A correction of the employer register is about nobody: it stays.
    corrections.correct(employer, coach, {"address": "Storgatan 1"})
    register.add_lead(person, employer, "contact", None, coach)
    placement = plans.add_placement(person, employer, coach)
    plans.save(placement, {"start_on": date.today(), "terms": "unpaid", "tasks": ANSWER}, coach)
    plans.save(placement, {"start_on": date.today(), "terms": "unpaid",
                           "adaptations": f"{NAME} behöver pauser"}, coach)
    attendance.mark(placement, date.today(), "present", 4, person)
    attendance.mark(placement, date.today() - timedelta(days=1), "sick", 0, coach, confirm=True)
    from sokandelots import reports
    report, _made = reports.start_draft(case, "progress", coach)
    reports.save_draft(report, {"summary": f"{NAME} {ANSWER}", "period_start": date.today()})
    reports.send(report, case, coach, "AF, handläggare Kim", date.today())
    AccessLog.create(participant=person, actor=coach, endpoint="coach.participant")
    from sokandelots import meetings
    meeting = meetings.book(person, coach, {
        "kind": "care", "starts_at": datetime(2026, 12, 9, 9), "minutes": 45, "place": "cafe",
        "address": "Fyrvägen 1", "who": f"Handledaren till {NAME}", "interpreter": True,
        "interpreter_language": "dari", "note": f"Fika med {NAME}",
        "note_phrases": '[{"key":"bring_id","slots":{}}]'})
    meetings.record_followup(meeting, case, coach, date.today(), "meeting", NAME, ANSWER)
    # A row about somebody else that names the person as the one who did something.
    AccessLog.create(participant=User.by_username("sara"), actor=person, endpoint="coach.profile")
    return person


def titles():
    return {name: str(entry.title) for name, entry in record.CATALOGUE.items()}


def every_text(app):
    """Every text value in every table of the database, read with plain SQL: (table, text)."""
    found = []
    with app.app_context():
        db.connect(reuse_if_open=True)
        schema = app.config["TEST_SCHEMA"]
        tables = db.get_tables(schema=schema) if schema else db.get_tables()
        assert {model._meta.table_name for model in MODELS} <= set(tables)
        for table in tables:
            for row in db.execute_sql(f'SELECT * FROM "{table}"').fetchall():
                found += [(table, value) for value in row if isinstance(value, str)]
        db.close()
    return found


def tables_naming(app, *words):
    words = [word.lower() for word in words]
    return {table for table, text in every_text(app) if any(word in text.lower() for word in words)}


def row_counts(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        counts = {model._meta.table_name: model.select().count() for model in MODELS}
        db.close()
    return counts


def test_erasure_leaves_no_trace_of_the_person_in_any_table(app, users, connected, as_user):
    person = connected(give_everything, users["coach"])
    before = tables_naming(app, NAME, USERNAME, ANSWER)
    # The scan finds the person where they are, so it would find them after erasure too.
    assert {"user", "profile_answer", "profile_version", "card_choice", "activity", "feedback",
            "internal_note", "message", "agreement", "consent", "followup",
            "plan_version"} <= before
    counts = row_counts(app)
    admin = as_user("admin")
    page = admin.get(f"/admin/users/{person.id}/erase").get_data(as_text=True)
    assert connected(titles)["profile_answer"] in page

    response = submit(admin, f"/admin/users/{person.id}/erase", {"username": USERNAME})
    assert response.status_code == 302

    assert tables_naming(app, NAME, USERNAME, ANSWER) == set()
    after = row_counts(app)
    assert after["user"] == counts["user"] - 1
    for table in ("case", "profile_answer", "profile_version", "card_choice", "activity",
                  "step_change", "followup", "feedback", "internal_note", "agreement", "consent",
                  "message", "lead", "placement", "plan_version", "attendance", "revision"):
        assert after[table] < counts[table], table
    # The shared employer register stays, with its corrections, and so does the row about Sara,
    # without the name.
    assert after["employer"] == counts["employer"]
    assert after["revision"] == 1
    with app.app_context():
        db.connect(reuse_if_open=True)
        about_sara = AccessLog.get(AccessLog.participant == users["sara"],
                                   AccessLog.endpoint == "coach.profile")
        assert about_sara.actor_id is None
        assert Employer.get(Employer.name == "Bageriet").created_by_id == users["coach"].id
        db.close()


def test_the_confirm_step_lists_what_goes_and_a_wrong_username_erases_nothing(app, users,
                                                                               connected, as_user):
    person = connected(give_everything, users["coach"])
    kinds, named = connected(erasure.inventory, person)
    listed = connected(lambda: [(str(kind), count) for kind, count in kinds])
    title = connected(titles)
    assert listed[0] == (title["user"], 1)
    for table, count in (("profile_version", 2), ("feedback", 2), ("message", 2),
                         ("attendance", 2), ("plan_version", 2), ("step_change", 1),
                         ("access_log", 1)):
        assert (title[table], count) in listed, table
    assert named == 1
    naming = tables_naming(app, NAME, USERNAME, ANSWER)
    admin = as_user("admin")
    page = admin.get(f"/admin/users/{person.id}/erase").get_data(as_text=True)
    assert NAME in page and USERNAME in page
    assert "<td>2</td>" in page  # two shared versions, two plan versions, two messages...
    for typed in ("", "erik", USERNAME + "x"):
        response = submit(admin, f"/admin/users/{person.id}/erase", {"username": typed})
        assert response.status_code == 422, typed
        assert 'href="#username"' in response.get_data(as_text=True)
    after, *rest = connected(erasure.inventory, person)
    # Only the access log grows: the administrator opened the record.
    log = record.CATALOGUE["access_log"].title
    assert [row for row in after if row[0] is not log] == [
        row for row in kinds if row[0] is not log]
    assert rest == [named]
    assert tables_naming(app, NAME, USERNAME, ANSWER) == naming


def test_only_participants_can_be_erased_and_only_by_an_administrator(app, users, as_user):
    admin = as_user("admin")
    assert admin.get(f"/admin/users/{users['coach'].id}/erase").status_code == 404
    assert admin.get(f"/admin/users/{users['admin'].id}/erase").status_code == 404
    for username in ("erik", "coach"):
        client = app.test_client()
        login(client, username)
        for url in (f"/admin/users/{ERIK}/erase", "/admin/processing"):
            assert client.get(url).status_code == 403, (username, url)
        response = submit(client, "/", {"username": "erik"}, action=f"/admin/users/{ERIK}/erase")
        assert response.status_code == 403
    assert "user" in tables_naming(app, "Erik Nilsson")


def named(columns):
    # Peewee columns compare into SQL expressions, so compare them by name.
    return {f"{column.model.__name__}.{column.name}" for column in columns}


def test_every_link_to_an_account_is_either_erased_or_emptied(app):
    owned, actors = named(erasure.OWNED), named(erasure.ACTOR_COLUMNS)
    staff, children = named(erasure.STAFF_ONLY), named(link for link, _ in erasure.CHILDREN)
    owner_tables = {link.model for link in erasure.OWNED}
    for model in MODELS:
        for column in model._meta.sorted_fields:
            if not isinstance(column, ForeignKeyField):
                continue
            name = f"{model.__name__}.{column.name}"
            if column.rel_model is User:
                assert (name in owned) + (name in actors) + (name in staff) == 1, \
                    f"{name} is not named exactly once in privacy/erasure.py"
            elif column.rel_model in owner_tables:
                assert name in children, f"{name} is not in erasure.CHILDREN"
    assert all(column.null for column in erasure.ACTOR_COLUMNS)


def on_delete_rules(app):
    """The ON DELETE rule of each foreign key as the migrations made it: {(table, column): rule}."""
    rules = {}
    with app.app_context():
        db.connect(reuse_if_open=True)
        if app.config["TEST_SCHEMA"]:
            rows = db.execute_sql(
                "SELECT kcu.table_name, kcu.column_name, rc.delete_rule "
                "FROM information_schema.referential_constraints rc "
                "JOIN information_schema.key_column_usage kcu "
                "ON kcu.constraint_name = rc.constraint_name "
                "AND kcu.constraint_schema = rc.constraint_schema "
                "WHERE kcu.table_schema = current_schema()").fetchall()
            rules = {(table, column): rule for table, column, rule in rows}
        else:
            for model in MODELS:
                table = model._meta.table_name
                for row in db.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall():
                    rules[(table, row[3])] = row[6]
        db.close()
    return rules


def test_the_database_deletes_and_empties_as_the_models_say(app):
    rules = on_delete_rules(app)
    for model in MODELS:
        for column in model._meta.sorted_fields:
            if isinstance(column, ForeignKeyField):
                expected = column.on_delete or "NO ACTION"
                assert rules.get((model._meta.table_name, column.column_name)) == expected, \
                    f"{model._meta.table_name}.{column.column_name}"
    for column in erasure.OWNED:
        assert column.on_delete == "CASCADE"
    for column in erasure.ACTOR_COLUMNS:
        assert column.on_delete == "SET NULL"


def close_case(username, day, by):
    from sokandelots import caseload
    case = Case.select().join(User, on=Case.participant).where(User.username == username).get()
    caseload.change_step(case, 5, "closed", by, "work", day)
    return case


def test_retention_erases_cases_closed_longer_ago_than_the_set_months(app, users, connected):
    today = date.today()
    coach = users["coach"]
    assert app.config["RETENTION_MONTHS"] == 24

    def setup():
        close_case("erik", retention.months_before(today, 25), coach)
        close_case("sara", retention.months_before(today, 23), users["coach2"])
        # No outcome date: the last step change tells when the case closed.
        old = close_case("amina", today, coach)
        Case.update(outcome_on=None).where(Case.id == old.id).execute()
        StepChange.update(changed_at=datetime(today.year - 3, 1, 1)).where(
            StepChange.case == old.id).execute()
    connected(setup)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["erase-expired", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"erik\tclosed {retention.months_before(today, 25).isoformat()}" in result.output
    assert f"amina\tclosed {today.year - 3}-01-01" in result.output
    assert "sara" not in result.output
    assert "Would erase 2 participant(s)" in result.output
    assert {"Erik Nilsson", "Amina Yusuf"} <= {text for _table, text in every_text(app)}

    result = runner.invoke(args=["erase-expired"])
    assert result.exit_code == 0, result.output
    assert "Erased 2 participant(s)" in result.output
    assert "erik" not in result.output and "amina" not in result.output
    assert tables_naming(app, "Erik Nilsson", "Amina Yusuf") == set()
    assert "user" in tables_naming(app, "Sara Ahmadi")

    result = runner.invoke(args=["erase-expired"])
    assert "Erased 0 participant(s)" in result.output


def test_the_retention_time_is_configurable_and_open_cases_are_never_erased(app, users, connected):
    connected(close_case, "erik", date.today() - timedelta(days=100), users["coach"])
    app.config["RETENTION_MONTHS"] = 3
    result = app.test_cli_runner().invoke(args=["erase-expired", "--dry-run"])
    assert "erik\tclosed" in result.output and "Would erase 1 " in result.output
    assert "sara" not in result.output and "amina" not in result.output


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert retention.months_before(date(2026, 5, 10), 24) == date(2024, 5, 10)
    assert retention.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert retention.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_coachs_complete_export_has_the_internal_notes_and_the_participants_does_not(
        app, users, connected, as_user):
    from sokandelots import notes
    connected(notes.add_internal_note, users["erik"], users["coach"], SECRET)
    coach = as_user("coach")
    response = coach.get(f"/coach/participants/{ERIK}/export.zip")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    complete = exported(response)
    assert [note["text"] for note in complete["internal_notes"]] == [SECRET]
    assert complete["internal_notes"][0]["author"] == "Jonas Berg"
    assert complete["account"]["username"] == "erik"
    assert f'/coach/participants/{ERIK}/export.zip' in coach.get(
        f"/coach/participants/{ERIK}").get_data(as_text=True)
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert AccessLog.select().where(AccessLog.participant == ERIK,
                                        AccessLog.endpoint == "coach.complete_export").exists()
        db.close()

    other = app.test_client()
    login(other, "coach2")
    assert other.get(f"/coach/participants/{ERIK}/export.zip").status_code == 404

    client = app.test_client()
    login(client, "erik")
    own = export_text(client.get("/me/data.zip"))
    assert SECRET not in own
    assert len(json.loads(own)["internal_notes_written"]) == 1
    assert client.get(f"/coach/participants/{ERIK}/export.zip").status_code == 403


def test_the_record_of_processing_describes_every_table_and_column(app, as_user):
    assert record.missing_descriptions() == []
    tables = {model._meta.table_name: model for model in MODELS}
    # Nothing described that no longer exists.
    for name, entry in record.CATALOGUE.items():
        assert name in tables, name
        assert set(entry.fields) <= {column.name for column in tables[name]._meta.sorted_fields}
    page = as_user("admin").get("/admin/processing").get_data(as_text=True)
    for name, model in tables.items():
        assert f'id="table-{name}"' in page
        for column in model._meta.sorted_fields:
            if column.name != "id":
                assert f"<code>{column.column_name}</code>" in page, f"{name}.{column.name}"
    assert "/admin/processing" in as_user("admin").get("/admin/").get_data(as_text=True)


def test_a_column_without_a_description_is_caught_and_shown(app, as_user, monkeypatch):
    entry = record.CATALOGUE["message"]
    fields = {name: text for name, text in entry.fields.items() if name != "text"}
    monkeypatch.setitem(record.CATALOGUE, "message", dataclasses.replace(entry, fields=fields))
    monkeypatch.delitem(record.CATALOGUE, "lead")
    assert record.missing_descriptions() == ["message.text", "lead"]
    page = as_user("admin").get("/admin/processing").get_data(as_text=True)
    assert "<code>message.text</code>" in page and "<code>lead</code>" in page


def test_an_erased_participant_who_is_still_logged_in_is_logged_out(app, as_user):
    erik = app.test_client()
    login(erik, "erik")
    assert erik.get("/me/").status_code == 200
    admin = as_user("admin")
    assert submit(admin, f"/admin/users/{ERIK}/erase", {"username": "Erik"}).status_code == 302
    response = erik.get("/me/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert "Erik Nilsson" not in admin.get("/admin/").get_data(as_text=True)


# The exports. Every column of every row about the participant must reach the complete export,
# and the participant's own, except these. Keep the list short and say why for each.
NOT_EXPORTED = {
    # Secrets and their hashes: of no use to the person, and a risk in a file that gets passed on.
    "user.password_hash", "user.setup_code_hash", "user.totp_secret", "user_session.key_hash",
    # A code or two-step secret a browser holds for a moment while staff set things up.
    "user_session.card_code", "user_session.totp_setup",
    # Counters that only make codes and sessions stop working; they say nothing about the person.
    "user.totp_last_step", "user.session_epoch", "user_session.epoch",
    # The hash of a password reset link's secret; the id that keeps a message from going twice;
    # the web page version of an unsent e-mail's words (the text is exported).
    "password_reset.token_hash", "outbox_message.message_id", "outbox_message.html",
    # Always "participant" in a participant's export.
    "user.role",
    # A random mark of the open page that saved an answer last; it says nothing about the person.
    "profile_answer.saved_by_page",
}
# Recovery codes belong to two-step login, which only staff have: a participant has none.
# The server's speech of texts on a participant's pages is a cache of words the export holds.
NOT_EXPORTED_TABLES = {"recovery_code", "spoken_text"}
# What the participant's own export leaves out: internal notes are theirs only as dates.
NOT_IN_OWN_EXPORT = {"internal_note.text", "internal_note.author"}


def complete_every_column(person, coach):
    """Fill what `give_everything` leaves empty, so every column about the person has a value,
    and add a second employer and a session."""
    from sokandelots import accounts, agreement, attendance, notes, plans, sessions
    from sokandelots.employers import register
    from sokandelots.models import (Activity, Agreement, Consent, Feedback, FollowUp, Lead,
                                    Message, Placement, PlanVersion, UserSession)
    today = date.today()
    accounts.issue_setup_code(person, timedelta(days=30))
    sessions.start(person)
    UserSession.update(user_agent="Mozilla/5.0 (Linux; Android 14) Firefox/140.0",
                       address="127.0.0.7").execute()
    User.update(last_login_at=datetime(2026, 3, 4, 5, 6, 7)).where(User.id == person.id).execute()
    case = Case.get(Case.participant == person)
    from sokandelots.models import Attendance, Report
    Report.update(period_end=today, mandate="Anvisning från AF").execute()
    Attendance.update(notified_on=today).execute()
    PlanVersion.update(planned_hours='["6", "6", "6", "6", "4", "", ""]', followup_change_week=8,
                       followup_later_weeks=4).execute()
    Case.update(commissioner_case_number="Af-2026/1234").where(Case.participant == person).execute()
    Case.update(status="closed", outcome="work", outcome_on=today, reviewed_version=1,
                next_followup=today + timedelta(days=9), gender="woman", birth_year=1990,
                income_at_end="wage",
                in_work_since=today - timedelta(days=400)).where(Case.id == case.id).execute()
    from sokandelots import outcomes, timerules
    timerules.add_counselling(person, coach, today - timedelta(days=20), "Lön och bidrag")
    case = Case.get_by_id(case.id)
    outcomes.job_start(case, case.in_work_since)  # another row, for the link to point at
    Case.update(outcome_row=outcomes.closing(case)).where(Case.id == case.id).execute()
    other = register.add_employer(coach, "Verkstaden", "industry")
    register.save_analysis(other, {"title": "Svetsare"})
    Lead.update(position=register.save_analysis(other, {"title": "Lagerarbetare"})).execute()
    Activity.update(day=today - timedelta(days=3), card="shop").execute()
    FollowUp.update(next_day=today + timedelta(days=9)).execute()
    Lead.update(day=today - timedelta(days=5), status="ended", end_reason="other").execute()
    placement = Placement.get(Placement.participant == person)
    plans.end_placement(placement, today + timedelta(days=40))
    PlanVersion.update(end_on=today + timedelta(days=60)).execute()
    attendance.mark(placement, today, "present", 4, coach, confirm=True)
    Agreement.update(referrer="af", referrer_contact="Handläggare Kim", referred_on=today,
                     meeting_on=today, present="Ylvi och coach", roles=ANSWER,
                     expectations=ANSWER, read_at=datetime.now(), secrecy_explained_on=today,
                     rules_given_on=today, if_ill=ANSWER, if_crisis=ANSWER,
                     if_placement_fails=ANSWER,
                     **{f"{part}_phrases": '[{"key":"ask_me","slots":{}}]'
                        for part in agreement.PHRASED}).execute()
    for item in Consent.select():
        agreement.ask_to_withdraw(item)
        agreement.withdraw(item, today)
    Consent.update(read_at=datetime.now(), recipient="Handläggare Kim", purpose=ANSWER,
                   starts_on=today, ends_on=today + timedelta(days=365),
                   review_on=today + timedelta(days=180)).execute()
    for item, _replies in notes.feedback(person):
        notes.confirm_read(item)
    Feedback.update(read_at=datetime.now(), section="likes").execute()
    Message.update(read_at=datetime.now()).execute()
    # Only a coach chooses phrases; the participant's own message gets some for the test alone.
    for model in (Message, Feedback):
        model.update(phrases='[{"key":"read_profile","slots":{}}]').where(
            model.phrases == "").execute()
    from sokandelots import meetings
    from sokandelots.models import Meeting
    for item in Meeting.select():
        meetings.answer(item, "not_coming", "ill")
        meetings.cancel(item)
    from sokandelots import outbox, passwordreset
    from sokandelots.models import OutboxMessage, PasswordReset
    User.update(email="ylvi@example.se", mobile="+46701234567", notify_by="email",
                morning_mail=True).where(User.id == person.id).execute()
    outbox.queue(person, "new_message", "email", "ylvi@example.se", subject="Nytt meddelande",
                 text="Logga in", html="<p>Logga in</p>")
    passwordreset.start(User.get_by_id(person.id))
    OutboxMessage.update(attempts=1, claimed_at=datetime.now(), sent_at=datetime.now(),
                         last_error="451 Try again later").execute()
    PasswordReset.update(used_at=datetime.now()).execute()


def rows_about(person):
    """Every row about the person, found as erasure finds them: [(model, row)]."""
    found = [(User, User.get_by_id(person.id))]
    for model in MODELS:
        condition = erasure._erased(model, person)
        if condition is not None and model._meta.table_name not in NOT_EXPORTED_TABLES:
            found += [(model, row) for row in model.select().where(condition)]
    return found


def structure():
    """Links that only place a row under the person (or under one of their rows)."""
    return named(erasure.OWNED) | named(link for link, _ in erasure.CHILDREN)


def changed_value(column, value):
    """Another value of the same kind, valid enough for the pages and exports to read."""
    from peewee import (BooleanField, DateField, DateTimeField, DecimalField, IntegerField)
    if isinstance(column, ForeignKeyField):
        return column.rel_model.select().where(
            column.rel_model.id != value, *([column.rel_model.role != User.PARTICIPANT]
                                            if column.rel_model is User else [])).first().id
    if isinstance(column, BooleanField):
        return not value
    if isinstance(column, (DateTimeField, DateField)):
        return value - timedelta(days=1000)  # far enough not to meet a neighbour's day
    if isinstance(value, (bytes, memoryview)):
        value = bytes(value)
        return value[:-1] + bytes([value[-1] ^ 1])
    if isinstance(column, (IntegerField, DecimalField)):
        return value + 100  # far enough not to meet a neighbour's number (versions are unique)
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if isinstance(parsed, (dict, list)):
        return json.dumps(change_first_text(parsed), ensure_ascii=False)
    # Same length, so that it fits a column's limit.
    return value[:-1] + ("~" if value[-1] != "~" else "^")


def change_first_text(data):
    """`data` with its first text changed, or with a new entry when it has none."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, item in items:
        if isinstance(item, str):
            data[key] = item + "~"
            return data
        if isinstance(item, (dict, list)) and item:
            data[key] = change_first_text(item)
            return data
    if isinstance(data, dict):
        data["~"] = "~"
    else:
        data.append("~")
    return data


def test_every_column_about_the_participant_is_in_both_exports(app, users, connected):
    """Change each value about the person, one at a time: both exports must change with it
    (the participant's own leaves out the internal notes' text). A new table or column that
    the exports forget fails here."""
    from sokandelots.participant.profile import export

    def run():
        person = give_everything(users["coach"])
        complete_every_column(person, users["coach"])
        skip = structure()

        def both():
            fresh = User.get_by_id(person.id)  # as a request reads it
            return [json.dumps(data, sort_keys=True, default=str)
                    for data in (formal.complete_export(fresh), export(fresh))]

        before = both()
        found = rows_about(person)
        empty = [f"{model._meta.table_name} (no row)" for model in MODELS
                 if erasure._erased(model, person) is not None
                 and model._meta.table_name not in NOT_EXPORTED_TABLES
                 and model not in {found_model for found_model, _row in found}]
        missing = []
        for model, row in found:
            for column in model._meta.sorted_fields:
                name = f"{model._meta.table_name}.{column.name}"
                if (column.primary_key or name in NOT_EXPORTED
                        or f"{model.__name__}.{column.name}" in skip):
                    continue
                value = getattr(row, column.column_name if isinstance(column, ForeignKeyField)
                                else column.name)
                if value is None or value in ("", "{}", "[]"):
                    empty.append(name)
                    continue
                with db.atomic() as transaction:
                    model.update({column: changed_value(column, value)}).where(
                        model.id == row.id).execute()
                    complete, own = both()
                    transaction.rollback()
                if complete == before[0]:
                    missing.append(f"{name} (complete export)")
                if own == before[1] and name not in NOT_IN_OWN_EXPORT:
                    missing.append(f"{name} (participant's export)")
        return sorted(set(empty)), sorted(set(missing))

    empty, missing = connected(run)
    assert not empty, f"give the test participant a value in: {', '.join(empty)}"
    assert not missing, f"add to the exports (or to NOT_EXPORTED, with why): {', '.join(missing)}"


def test_an_export_reads_each_person_named_in_it_once_however_many_rows_name_them(
        app, users, connected):
    from sokandelots import caseload, notes
    from sokandelots.db import recorded_queries
    from sokandelots.participant.profile import export

    def queries_of_export():
        with recorded_queries() as queries:
            data = export(User.get_by_id(person.id))
        return len(queries), data

    def name_the_coach_more():
        coach, case = users["coach"], Case.get(Case.participant == person)
        for day in range(5):
            caseload.add_followup(case, coach, date.today() - timedelta(days=day), "visit")
            caseload.change_step(case, 1 + day % 4, "active", coach)
            notes.send(person, coach, f"Hej {day}!")

    person = connected(give_everything, users["coach"])
    before, _data = connected(queries_of_export)  # each export a request of its own
    connected(name_the_coach_more)
    after, data = connected(queries_of_export)
    assert len(data["followups"]) > 5 and len(data["messages"]) > 5
    assert {row["coach"] for row in data["followups"]} == {users["coach"].display_name}
    assert after == before


def test_follow_ups_the_case_steps_and_sessions_are_in_my_data_and_its_file(app, as_user):
    coach = app.test_client()
    login(coach, "coach")
    page = f"/coach/participants/{ERIK}"
    submit(coach, f"{page}/followups", {"day": "2026-11-02", "kind": "visit",
                                        "with_whom": "Handledaren Kim", "note": "Ryggen värker."})
    submit(coach, page, {"step": "4", "status": "paused"}, action=f"{page}/step")
    client = as_user("erik")
    choose_language(client, "en")
    html = client.get("/me/data").get_data(as_text=True)
    support = html[html.index('id="my-support"'):html.index('id="my-steps"')]
    assert "Jonas Berg" in support and "Swedish Public Employment Service" in support
    assert "We talk with an employer." in support and "Your support is paused." in support
    steps = html[html.index('id="my-steps"'):html.index('id="my-followups"')]
    assert "Step 4 of 5." in steps
    followups = html[html.index('id="my-followups"'):]
    assert "Handledaren Kim" in followups and "Ryggen värker." in followups
    assert "Workplace visit" in followups
    sessions = html[html.index('id="my-sessions"'):]
    assert "Werkzeug" in sessions and "127.0.0.1" in sessions  # the test client's browser

    text = export_text(client.get("/me/data.zip"))
    data = json.loads(text)
    assert "followups" in data["may_hold_health_data"]
    [followup] = data["followups"]
    assert (followup["with_whom"], followup["note"], followup["coach"]) == (
        "Handledaren Kim", "Ryggen värker.", "Jonas Berg")
    assert {key: data["case"][key] for key in ("coach", "commissioner", "step", "status")} == {
        "coach": "Jonas Berg", "commissioner": "af", "step": 4, "status": "paused"}
    assert [(row["step"], row["status"], row["by"]) for row in data["step_history"]] == [
        (4, "paused", "Jonas Berg")]
    assert data["sessions"] and data["sessions"][0]["browser"].startswith("Werkzeug")
    with app.app_context():
        db.connect(reuse_if_open=True)
        hashes = [row.key_hash for row in UserSession.select()]
        db.close()
    assert hashes and not any(value in text for value in hashes)
    complete = exported(coach.get(f"{page}/export.zip"))
    assert complete["followups"] == data["followups"] and complete["case"] == data["case"]


def test_every_purpose_in_the_record_has_a_legal_basis():
    for name, entry in record.CATALOGUE.items():
        assert isinstance(entry.basis, record.Basis), f"{name} has no legal basis"
        assert entry.basis.article6, name
        # Health data needs a basis in article 9 as well.
        assert not entry.health or entry.basis.article9, f"{name} has no article 9 basis"
        if entry.whose != record.NOBODY:
            assert entry.basis is not record.NO_PERSONAL_DATA, name


def test_the_record_names_the_controller_legal_bases_recipients_and_the_nightly_erasure(
        app, as_user):
    admin = as_user("admin")
    page = html.unescape(admin.get("/admin/processing").get_data(as_text=True))
    # Not configured yet, and the timer has never run: the administrator is told.
    assert 'id="controller-unset"' in page
    for key in ("CONTROLLER_NAME", "CONTROLLER_CONTACT", "DPO_CONTACT"):
        assert f"<code>{key}</code>" in page
    assert 'id="timer-stopped"' in page

    app.config.update(CONTROLLER_NAME="Exempelby kommun, arbetsmarknadsenheten",
                      CONTROLLER_CONTACT="Storgatan 1, 123 45 Exempelby, arbete@exempelby.se",
                      DPO_CONTACT="dataskyddsombud@exempelby.se")
    assert app.test_cli_runner().invoke(args=["erase-expired", "--dry-run"]).exit_code == 0
    assert 'id="timer-stopped"' in admin.get("/admin/processing").get_data(as_text=True)
    before = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    assert app.test_cli_runner().invoke(args=["erase-expired"]).exit_code == 0

    page = html.unescape(admin.get("/admin/processing").get_data(as_text=True))
    assert 'id="controller-unset"' not in page and 'id="timer-stopped"' not in page
    assert "Exempelby kommun, arbetsmarknadsenheten" in page
    assert "Storgatan 1, 123 45 Exempelby, arbete@exempelby.se" in page
    assert "dataskyddsombud@exempelby.se" in page
    with app.test_request_context():
        with db.connection_context():
            last = retention.last_run()
        assert before <= last <= datetime.now(timezone.utc).replace(tzinfo=None)
        assert i18n.datetime_in_words(last) in page
        assert all(str(recipient) in page for recipient in record.RECIPIENTS)
        assert str(record.TRANSFERS) in page
        for name, entry in record.CATALOGUE.items():
            section = page.split(f'id="table-{name}"')[1].split("</section>")[0]
            assert str(entry.basis.article6) in section, name
            assert (str(entry.basis.article9) in section) == (
                entry.health and entry.basis.article9 is not None), name


def test_the_nightly_erasure_has_stopped_when_it_has_not_run_for_two_days():
    now = datetime(2026, 12, 6, 3, 0)
    assert retention.stopped(None, now)
    assert not retention.stopped(now - timedelta(hours=25), now)
    assert retention.stopped(now - timedelta(days=2, minutes=1), now)
