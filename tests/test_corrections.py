"""Records that can be corrected: only by their writer, the earlier version kept with who and
when, and the participant told that something they can see was corrected."""
import json
from datetime import date, datetime, timedelta

import pytest

from helpers import choose_language, login, submit
from sokandelots.db import db
from sokandelots.models import (Activity, Case, Employer, EmployerEvent, EmployerPerson, Feedback,
                                FollowUp, Lead, Revision, StepChange, User)

ERIK, SARA = 5, 6
BASE = f"/coach/participants/{ERIK}"


@pytest.fixture
def run(app):
    """Run rule functions as a request would: a request context and an open connection."""
    def call(function, *args, **kwargs):
        with app.test_request_context():
            db.connect(reuse_if_open=True)
            try:
                return function(*args, **kwargs)
            finally:
                db.close()
    return call


def in_english(client, username):
    login(client, username)
    choose_language(client, "en", page="/")
    return client


@pytest.fixture
def jonas(app):
    return in_english(app.test_client(), "coach")


@pytest.fixture
def lena(app):
    return in_english(app.test_client(), "coach2")


def read(run, model, *where):
    return run(lambda: model.get(*where))


def revisions(run, model):
    return run(lambda: list(Revision.select().where(Revision.record == model._meta.table_name)
                            .order_by(Revision.id)))


def add_followup(run, users, note="Träffade handledaren."):
    from sokandelots import caseload

    def make():
        case = Case.get(Case.participant == users["erik"])
        caseload.add_followup(case, users["coach"], date(2026, 11, 2), "visit", "Kim", note,
                              date(2026, 11, 20))
        return FollowUp.select().order_by(FollowUp.id.desc()).get().id
    return run(make)


FOLLOWUP = {"day": "2026-11-02", "kind": "phone", "with_whom": "Kim Ek",
            "note": "Ringde handledaren.", "next_day": "2026-11-30"}


def test_a_corrected_follow_up_keeps_the_earlier_version_with_who_and_when(app, users, run,
                                                                           jonas):
    item = add_followup(run, users)
    page = f"{BASE}/correct/followup/{item}"
    form = jonas.get(page).get_data(as_text=True)
    assert "Träffade handledaren." in form and 'value="Kim"' in form
    assert f'href="{page}"' in jonas.get(f"{BASE}/followups").get_data(as_text=True)

    response = submit(jonas, page, FOLLOWUP)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    assert response.headers["Location"] == f"{BASE}/followups"
    row = read(run, FollowUp, FollowUp.id == item)
    assert (row.kind, row.with_whom, row.note, row.next_day) == (
        "phone", "Kim Ek", "Ringde handledaren.", date(2026, 11, 30))
    # The latest follow-up's next date is the case's next follow-up, as if written so.
    assert read(run, Case, Case.participant == ERIK).next_followup == date(2026, 11, 30)
    [revision] = revisions(run, FollowUp)
    assert (revision.record_id, revision.author_id, revision.participant_id) == (
        item, users["coach"].id, ERIK)
    assert json.loads(revision.earlier) == {"kind": "visit", "with_whom": "Kim",
                                            "note": "Träffade handledaren.",
                                            "next_day": "2026-11-20"}
    html = jonas.get(f"{BASE}/followups").get_data(as_text=True)
    assert "Ringde handledaren." in html
    assert "Changed on" in html and "by <bdi>Jonas Berg</bdi>" in html
    assert "See 1 earlier version" in html and "Träffade handledaren." in html
    assert "Workplace visit" in html  # the earlier kind, in words

    # Saving again with nothing changed adds no version.
    submit(jonas, page, FOLLOWUP)
    assert len(revisions(run, FollowUp)) == 1


def test_a_correction_with_a_mistake_shows_it_and_changes_nothing(app, users, run, jonas):
    item = add_followup(run, users)
    page = f"{BASE}/correct/followup/{item}"
    response = submit(jonas, page, {**FOLLOWUP, "day": "", "note": "x" * 2001})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'href="#day"' in html and "Write the date." in html
    assert "Use at most 2000 characters." in html
    assert read(run, FollowUp, FollowUp.id == item).note == "Träffade handledaren."
    assert revisions(run, FollowUp) == []


def test_another_coach_and_the_participant_cannot_correct(app, users, run, lena):
    item = add_followup(run, users)
    for page in (f"{BASE}/correct/followup/{item}", f"{BASE}/case"):
        assert lena.get(page).status_code == 404
        assert submit(lena, "/coach/", FOLLOWUP, action=page).status_code == 404
    erik = app.test_client()
    login(erik, "erik")
    assert erik.get(f"{BASE}/correct/followup/{item}").status_code == 403
    assert read(run, FollowUp, FollowUp.id == item).note == "Träffade handledaren."


def test_only_the_writer_corrects_even_in_their_own_caseload(app, users, run, jonas):
    from sokandelots.activities import records
    # Erik added this activity himself: it is his to change, not the coach's.
    own = run(records.add, users["erik"], users["erik"], "visit", "Biblioteket").id
    assert jonas.get(f"{BASE}/correct/activity/{own}").status_code == 404
    assert "Correct the activity" not in jonas.get(
        f"{BASE}/activities/{own}").get_data(as_text=True)
    # A number that no row has, and a reply, are not found either.
    assert jonas.get(f"{BASE}/correct/followup/999").status_code == 404
    assert jonas.get(f"{BASE}/correct/activity/99999999999999999999").status_code == 404


def test_the_participant_sees_the_corrected_activity_and_that_it_was_corrected(app, users, run,
                                                                              jonas):
    from sokandelots.activities import records
    item = run(records.add, users["erik"], users["coach"], "visit", "Bagerit",
               date(2026, 11, 3), "Titta på bakningen.").id
    page = f"{BASE}/correct/activity/{item}"
    assert f'href="{page}"' in jonas.get(f"{BASE}/activities/{item}").get_data(as_text=True)
    response = submit(jonas, page, {"kind": "visit", "place": "Bageriet", "day": "2026-11-04",
                                    "card": "", "note": "Titta på bakningen."})
    assert response.status_code == 302
    row = read(run, Activity, Activity.id == item)
    assert (row.place, row.day, row.card) == ("Bageriet", date(2026, 11, 4), None)
    assert json.loads(revisions(run, Activity)[0].earlier) == {"place": "Bagerit",
                                                               "day": "2026-11-03"}
    staff = jonas.get(f"{BASE}/activities/{item}").get_data(as_text=True)
    assert "Bagerit" in staff and "November 3, 2026" in staff  # the earlier version

    erik = in_english(app.test_client(), "erik")
    html = erik.get(f"/me/activities/{item}").get_data(as_text=True)
    assert "Bageriet" in html and "Bagerit" not in html
    assert "Your coach changed this on" in html
    assert "Your coach changed this on" in erik.get("/me/activities/").get_data(as_text=True)
    # Who corrected it is for staff; the participant reads only that it was.
    assert "Jonas Berg" not in html


def test_feedback_is_corrected_while_unread_and_stays_once_read(app, users, run, jonas):
    from sokandelots import notes
    item = run(notes.add_feedback, users["erik"], users["coach"], "Bra jobbat med CV:t!").id
    page = f"{BASE}/correct/feedback/{item}"
    assert submit(jonas, page, {"section": "", "text": ""}).status_code == 422
    response = submit(jonas, page, {"section": "likes", "text": "Bra jobbat med profilen!"})
    assert response.status_code == 302
    assert read(run, Feedback, Feedback.id == item).text == "Bra jobbat med profilen!"

    erik = in_english(app.test_client(), "erik")
    html = erik.get("/me/coach").get_data(as_text=True)
    assert "Bra jobbat med profilen!" in html and "CV:t" not in html
    assert "Your coach changed this on" in html

    submit(erik, "/me/coach", {}, action=f"/me/feedback/{item}/read")
    assert f'href="{page}"' not in jonas.get(f"{BASE}/notes").get_data(as_text=True)
    response = submit(jonas, f"{BASE}/notes", {"section": "", "text": "Ändrat"}, action=page)
    assert response.status_code == 302
    assert "Write new feedback instead." in jonas.get(f"{BASE}/notes").get_data(as_text=True)
    assert read(run, Feedback, Feedback.id == item).text == "Bra jobbat med profilen!"
    # The participant's answer is theirs: it is never the coach's to correct.
    reply = run(notes.add_feedback, users["erik"], users["coach"], "Svar", reply_to=item).id
    assert jonas.get(f"{BASE}/correct/feedback/{reply}").status_code == 404


def test_the_name_and_the_commissioner_are_corrected_with_their_history(app, users, run, jonas):
    page = f"{BASE}/case"
    assert f'href="{page}"' in jonas.get(BASE).get_data(as_text=True)
    response = submit(jonas, page, {"display_name": "", "commissioner": "nope"})
    assert response.status_code == 422
    assert 'href="#display_name"' in response.get_data(as_text=True)
    response = submit(jonas, page, {"display_name": "Erik Nilsén", "commissioner": "fk"})
    assert response.status_code == 302
    assert read(run, User, User.id == ERIK).display_name == "Erik Nilsén"
    assert read(run, Case, Case.participant == ERIK).commissioner == "fk"
    html = jonas.get(page).get_data(as_text=True)
    assert "See 2 earlier versions" in html
    assert "Erik Nilsson" in html and "Swedish Public Employment Service" in html
    [name, commissioner] = revisions(run, User) + revisions(run, Case)
    assert name.participant_id == commissioner.participant_id == ERIK


def test_a_step_change_can_be_dated_back_but_not_ahead(app, users, run, jonas):
    day = date.today() - timedelta(days=3)
    response = submit(jonas, BASE, {"step": "2", "status": "active",
                                    "changed_on": (date.today() + timedelta(days=1)).isoformat()},
                      action=f"{BASE}/step")
    assert response.status_code == 422
    assert "The date cannot be in the future." in response.get_data(as_text=True)
    assert read(run, Case, Case.participant == ERIK).step == 1
    # The demo case began today, so three days ago is before it: refused too.
    response = submit(jonas, BASE, {"step": "2", "status": "active", "changed_on": day.isoformat()},
                      action=f"{BASE}/step")
    assert response.status_code == 422
    run(lambda: Case.update(created_at=datetime.now() - timedelta(days=30)).execute())
    response = submit(jonas, BASE, {"step": "2", "status": "active", "changed_on": day.isoformat()},
                      action=f"{BASE}/step")
    assert response.status_code == 302
    change = read(run, StepChange, StepChange.step == 2)
    assert change.changed_at.date() == day
    assert read(run, Case, Case.participant == ERIK).step_started_at.date() == day


def test_a_lead_is_linked_to_a_position_and_dated_at_each_status(app, users, run, jonas):
    from sokandelots.employers import register

    def make():
        employer = register.add_employer(users["coach"], "Bageriet", "food")
        position = register.save_analysis(employer, {"title": "Bagarbiträde"})
        other = register.save_analysis(register.add_employer(users["coach2"], "Annat", "food"),
                                       {"title": "Annan"})
        return (register.add_lead(users["erik"], employer, "contact", None, users["coach"]).id,
                position.id, other.id)
    lead, position, other = run(make)
    page = f"{BASE}/correct/lead/{lead}"
    # A position at another employer is not a choice.
    response = submit(jonas, page, {"kind": "contact", "day": "", "position": str(other)})
    assert response.status_code == 422 and "Not a valid choice." in response.get_data(as_text=True)
    response = submit(jonas, page, {"kind": "study_visit", "day": "2026-11-05",
                                    "position": str(position)})
    assert response.status_code == 302
    row = read(run, Lead, Lead.id == lead)
    assert (row.kind, row.day, row.position_id) == ("study_visit", date(2026, 11, 5), position)

    earlier = (date.today() - timedelta(days=2)).isoformat()
    form = f"lead{lead}"
    submit(jonas, f"{BASE}/leads", {f"{form}-status": "contacted", f"{form}-end_reason": "",
                                    f"{form}-on": earlier}, action=f"{BASE}/leads/{lead}")
    submit(jonas, f"{BASE}/leads", {f"{form}-status": "accepted", f"{form}-end_reason": ""},
           action=f"{BASE}/leads/{lead}")
    response = submit(jonas, f"{BASE}/leads", {
        f"{form}-status": "tryout", f"{form}-end_reason": "",
        f"{form}-on": (date.today() + timedelta(days=3)).isoformat()},
        action=f"{BASE}/leads/{lead}")
    assert response.status_code == 302
    row = read(run, Lead, Lead.id == lead)
    assert row.status == "accepted"
    assert run(register.reached, row) == {"idea": date.today(),
                                          "contacted": date.today() - timedelta(days=2),
                                          "accepted": date.today()}
    html = jonas.get(f"{BASE}/leads").get_data(as_text=True)
    assert "The date cannot be in the future." in html
    assert "Accepted by employer and participant" in html and "Bagarbiträde" in html
    assert "Contact" in html and "See 1 earlier version" in html

    erik = in_english(app.test_client(), "erik")
    html = erik.get("/me/jobsearch").get_data(as_text=True)
    assert "You and the employer said yes" in html and "Your coach changed this on" in html


def test_the_employer_register_is_corrected_by_whoever_wrote_each_part(app, users, run, jonas,
                                                                       lena):
    from sokandelots.employers import register

    def make():
        employer = register.add_employer(users["coach"], "Bageriet", "food", tags="bröd")
        person = register.add_person(employer, "Kim", "Chef", by=users["coach"])
        theirs = register.add_person(employer, "Bo", by=users["coach2"])
        event = register.add_event(employer, users["coach"], date(2026, 11, 1), "visit", "Bra")
        return employer.id, person.id, theirs.id, event.id
    employer, person, theirs, event = run(make)
    base = f"/coach/employers/{employer}"

    response = submit(jonas, f"{base}/correct", {"name": "", "sector": "food"})
    assert response.status_code == 422 and 'href="#name"' in response.get_data(as_text=True)
    assert submit(jonas, f"{base}/correct", {
        "name": "Bageriet i Byn", "sector": "food", "address": "Storgatan 1",
        "tags": "Bröd, kaffe, bröd", "notes": ""}).status_code == 302
    row = read(run, Employer, Employer.id == employer)
    assert (row.name, row.tags) == ("Bageriet i Byn", "bröd, kaffe")
    assert submit(jonas, f"{base}/correct/person/{person}", {
        "name": "Kim Ek", "role": "Chef", "phone": "070-1", "email": "inte-en-adress"}
    ).status_code == 422
    assert submit(jonas, f"{base}/correct/person/{person}", {
        "name": "Kim Ek", "role": "Chef", "phone": "070-1", "email": ""}).status_code == 302
    assert read(run, EmployerPerson, EmployerPerson.id == person).name == "Kim Ek"
    assert submit(jonas, f"{base}/correct/event/{event}", {
        "day": "2026-11-02", "kind": "phone", "outcome": "Bra"}).status_code == 302
    assert read(run, EmployerEvent, EmployerEvent.id == event).day == date(2026, 11, 2)

    # Another coach sees every correction, but corrects only what they wrote.
    html = lena.get(base).get_data(as_text=True)
    assert "by <bdi>Jonas Berg</bdi>" in html and "Kim" in html and "November 1, 2026" in html
    assert f"{base}/correct" not in html.replace(f"{base}/correct/person/{theirs}", "")
    for page in (f"{base}/correct", f"{base}/correct/person/{person}",
                 f"{base}/correct/event/{event}", f"/coach/employers/{employer + 1}/correct"):
        assert lena.get(page).status_code == 404, page
    assert lena.get(f"{base}/correct/person/{theirs}").status_code == 200
    # A part of one employer is not found under another.
    assert jonas.get(f"/coach/employers/{employer + 1}/correct/person/{person}").status_code == 404
    # Corrections of the register are about nobody.
    assert {row.participant_id for row in revisions(run, Employer)} == {None}
