"""Privacy: erasure after a confirm step, retention of closed cases, the complete export for a
formal request, and the record of processing made from the models."""
import dataclasses
import json
from datetime import date, datetime, timedelta

import pytest
from peewee import ForeignKeyField

from helpers import login, submit
from sokandelots import privacy
from sokandelots.db import db
from sokandelots.models import MODELS, AccessLog, Case, Employer, StepChange, User

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
    from sokandelots import accounts, agreement, attendance, caseload, notes, plans, sharing
    from sokandelots.activities import records
    from sokandelots.employers import register
    from sokandelots.jobcards import choices
    from sokandelots.profile import answers
    from sokandelots.profile.catalogue import BY_KEY

    person = accounts.create_participant(coach, NAME, "sv", "af")
    assert person.username == USERNAME
    case = Case.get(Case.participant == person)
    answers.save(person, BY_KEY["dream_job"], {"text": ANSWER})
    answers.save(person, BY_KEY["call_me"], {"text": NAME})
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
    notes.send(person, coach, f"Hej {USERNAME}!")
    agreement.save(person, coach, {"goals": ANSWER, "reach": f"{NAME}, 070-1234567"})
    agreement.add_consent(person, "af", "Handläggare", f"Närvaro för {NAME}", date.today(),
                          "written")
    caseload.change_step(case, 4, "active", coach)
    caseload.add_followup(case, coach, date.today(), "visit", with_whom=NAME, note=ANSWER)
    employer = register.add_employer(coach, "Bageriet", "food")
    register.add_lead(person, employer, "contact", None, coach)
    placement = plans.add_placement(person, employer, coach)
    plans.save(placement, {"start_on": date.today(), "terms": "unpaid", "tasks": ANSWER}, coach)
    plans.save(placement, {"start_on": date.today(), "terms": "unpaid",
                           "adaptations": f"{NAME} behöver pauser"}, coach)
    attendance.mark(placement, date.today(), "present", 4, person)
    attendance.mark(placement, date.today() - timedelta(days=1), "sick", 0, coach, confirm=True)
    AccessLog.create(participant=person, actor=coach, endpoint="coach.participant")
    # A row about somebody else that names the person as the one who did something.
    AccessLog.create(participant=User.by_username("sara"), actor=person, endpoint="coach.profile")
    folder = privacy.upload_folder(person)
    folder.mkdir(parents=True)
    (folder / "intyg.pdf").write_bytes(b"%PDF-1.4 " + NAME.encode())
    return person


def titles():
    return {name: str(entry.title) for name, entry in privacy.CATALOGUE.items()}


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
    with app.app_context():
        assert not privacy.upload_folder(person).exists()
    after = row_counts(app)
    assert after["user"] == counts["user"] - 1
    for table in ("case", "profile_answer", "profile_version", "card_choice", "activity",
                  "step_change", "followup", "feedback", "internal_note", "agreement", "consent",
                  "message", "lead", "placement", "plan_version", "attendance"):
        assert after[table] < counts[table], table
    # The shared employer register stays, and so does the row about Sara, without the name.
    assert after["employer"] == counts["employer"]
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
    kinds, named, files = connected(privacy.inventory, person)
    listed = connected(lambda: [(str(kind), count) for kind, count in kinds])
    title = connected(titles)
    assert listed[0] == (title["user"], 1)
    for table, count in (("profile_version", 2), ("feedback", 2), ("message", 2),
                         ("attendance", 2), ("plan_version", 2), ("step_change", 1),
                         ("access_log", 1)):
        assert (title[table], count) in listed, table
    assert (named, files) == (1, 1)
    naming = tables_naming(app, NAME, USERNAME, ANSWER)
    admin = as_user("admin")
    page = admin.get(f"/admin/users/{person.id}/erase").get_data(as_text=True)
    assert NAME in page and USERNAME in page
    assert "<td>2</td>" in page  # two shared versions, two plan versions, two messages...
    for typed in ("", "erik", USERNAME + "x"):
        response = submit(admin, f"/admin/users/{person.id}/erase", {"username": typed})
        assert response.status_code == 422, typed
        assert 'href="#username"' in response.get_data(as_text=True)
    after, *rest = connected(privacy.inventory, person)
    # Only the access log grows: the administrator opened the record.
    log = privacy.CATALOGUE["access_log"].title
    assert [row for row in after if row[0] is not log] == [
        row for row in kinds if row[0] is not log]
    assert rest == [named, files]
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
    owned, actors = named(privacy.OWNED), named(privacy.ACTOR_COLUMNS)
    staff, children = named(privacy.STAFF_ONLY), named(link for link, _ in privacy.CHILDREN)
    owner_tables = {link.model for link in privacy.OWNED}
    for model in MODELS:
        for column in model._meta.sorted_fields:
            if not isinstance(column, ForeignKeyField):
                continue
            name = f"{model.__name__}.{column.name}"
            if column.rel_model is User:
                assert (name in owned) + (name in actors) + (name in staff) == 1, \
                    f"{name} is not named exactly once in privacy.py"
            elif column.rel_model in owner_tables:
                assert name in children, f"{name} is not in privacy.CHILDREN"
    assert all(column.null for column in privacy.ACTOR_COLUMNS)


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
    for column in privacy.OWNED:
        assert column.on_delete == "CASCADE"
    for column in privacy.ACTOR_COLUMNS:
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
        close_case("erik", privacy.months_before(today, 25), coach)
        close_case("sara", privacy.months_before(today, 23), users["coach2"])
        # No outcome date: the last step change tells when the case closed.
        old = close_case("amina", today, coach)
        Case.update(outcome_on=None).where(Case.id == old.id).execute()
        StepChange.update(changed_at=datetime(today.year - 3, 1, 1)).where(
            StepChange.case == old.id).execute()
    connected(setup)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["erase-expired", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"erik\tclosed {privacy.months_before(today, 25).isoformat()}" in result.output
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
    assert privacy.months_before(date(2026, 5, 10), 24) == date(2024, 5, 10)
    assert privacy.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert privacy.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_coachs_complete_export_has_the_internal_notes_and_the_participants_does_not(
        app, users, connected, as_user):
    from sokandelots import notes
    connected(notes.add_internal_note, users["erik"], users["coach"], SECRET)
    coach = as_user("coach")
    response = coach.get(f"/coach/participants/{ERIK}/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    complete = json.loads(response.get_data(as_text=True))
    assert [note["text"] for note in complete["internal_notes"]] == [SECRET]
    assert complete["internal_notes"][0]["author"] == "Jonas Berg"
    assert complete["account"]["username"] == "erik"
    assert f'/coach/participants/{ERIK}/export.json' in coach.get(
        f"/coach/participants/{ERIK}").get_data(as_text=True)
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert AccessLog.select().where(AccessLog.participant == ERIK,
                                        AccessLog.endpoint == "coach.complete_export").exists()
        db.close()

    other = app.test_client()
    login(other, "coach2")
    assert other.get(f"/coach/participants/{ERIK}/export.json").status_code == 404

    client = app.test_client()
    login(client, "erik")
    own = client.get("/me/data.json").get_data(as_text=True)
    assert SECRET not in own
    assert len(json.loads(own)["internal_notes_written"]) == 1
    assert client.get(f"/coach/participants/{ERIK}/export.json").status_code == 403


def test_the_record_of_processing_describes_every_table_and_column(app, as_user):
    assert privacy.missing_descriptions() == []
    tables = {model._meta.table_name: model for model in MODELS}
    # Nothing described that no longer exists.
    for name, entry in privacy.CATALOGUE.items():
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
    entry = privacy.CATALOGUE["message"]
    fields = {name: text for name, text in entry.fields.items() if name != "text"}
    monkeypatch.setitem(privacy.CATALOGUE, "message", dataclasses.replace(entry, fields=fields))
    monkeypatch.delitem(privacy.CATALOGUE, "lead")
    assert privacy.missing_descriptions() == ["message.text", "lead"]
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
