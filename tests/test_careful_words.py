"""The careful-words hint on every text a coach writes about a participant: while typing (htmx),
and before anything is stored (a second, confirmed submit stores it); the implementation plan
also against what the participant lets an employer know about their health."""
import re

import pytest

from helpers import login, submit
from sokandelots import careful
from sokandelots.db import db
from sokandelots.models import (Activity, Agreement, Consent, Employer, EmployerEvent, Feedback,
                                FollowUp, InternalNote, Message, PlanVersion)

ERIK = 5
P = f"/coach/participants/{ERIK}"
CHECK = "/coach/careful-words"
CAREFUL = "Han har diagnosen ADHD."



def count(app, model, **where):
    with app.app_context():
        db.connect(reuse_if_open=True)
        query = model.select()
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return query.count()


def check(coach, field, text, page=f"{P}/notes", **extra):
    return submit(coach, page, {"careful_field": field, "careful_id": field,
                                "careful_ok": "feedback-careful_ok", field: text, **extra},
                  action=CHECK)


def test_the_check_while_typing_returns_the_hint_for_that_field_alone(coach):
    response = check(coach, "feedback-text", CAREFUL)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert "<bdi>diagnosen</bdi>, <bdi>adhd</bdi>" in html
    box = re.search(r'<input type="checkbox"[^>]*>', html).group(0)
    assert 'name="feedback-careful_ok"' in box and 'value="diagnosen adhd"' in box
    assert 'id="feedback-text-careful-ok"' in box and "checked" not in box
    assert "careful-private" not in html
    # A ticked box stays ticked while the words stay the same, and a new word unticks it.
    ticked = check(coach, "feedback-text", CAREFUL, **{"feedback-careful_ok": "diagnosen adhd"})
    assert " checked>" in ticked.get_data(as_text=True)
    more = check(coach, "feedback-text", CAREFUL + " Och religion.",
                 **{"feedback-careful_ok": "diagnosen adhd"})
    assert "checked" not in more.get_data(as_text=True)
    assert check(coach, "feedback-text", "Kom i tid.").get_data(as_text=True).strip() == ""


def test_the_check_warns_of_health_words_when_asked_for_the_plan(coach):
    html = check(coach, "adaptations", "Hon är gravid och muslim.", careful_health="1").get_data(as_text=True)
    assert 'class="careful-hint careful-private"' in html
    assert "<bdi>gravid</bdi>." in html  # only the health word in the warning
    assert "<bdi>gravid</bdi>, <bdi>muslim</bdi>" in html


def test_only_coaches_can_ask(client, as_user):
    as_user("erik")
    response = submit(client, "/me/coach", {"careful_field": "text", "text": CAREFUL},
                      action=CHECK)
    assert response.status_code == 403


def test_every_text_a_coach_writes_about_a_participant_is_checked_while_typing(coach):
    pages = {f"{P}/notes": ["feedback-text", "note-text"], f"{P}/messages": ["text"],
             f"{P}/followups": ["with_whom", "note"],
             f"{P}/agreement": ["present", "goals", "roles", "expectations", "reach",
                                "if_ill", "if_crisis", "if_placement_fails", "consent-what",
                                "consent-purpose"],
             f"{P}/activities": ["note"], "/coach/employers/new": ["notes"]}
    for page, names in pages.items():
        html = coach.get(page).get_data(as_text=True)
        for name in names:
            field = re.search(rf'<textarea[^>]*name="{name}"[^>]*>|<input[^>]*name="{name}"[^>]*>',
                              html).group(0)
            assert f'hx-post="{CHECK}"' in field, (page, name)
            assert f'hx-target="#{name}-careful"' in field and "delay:" in field, (page, name)
            assert f'{name}-careful"' in re.search(r'aria-describedby="[^"]*"', field).group(0)
            assert f'<div class="careful-slot" id="{name}-careful" aria-live="polite">' in html


def _employer(coach):
    submit(coach, "/coach/employers/new", {"name": "Café Solen", "sector": "food"})


def _activity(coach):
    submit(coach, f"{P}/activities", {"kind": "tryout"})


# (set-up, page, action, the text's field, other data, the table the text goes to)
FORMS = [
    (None, f"{P}/notes", f"{P}/feedback", "feedback-text", {}, Feedback),
    (None, f"{P}/notes", f"{P}/internal-notes", "note-text", {}, InternalNote),
    (None, f"{P}/messages", None, "text", {}, Message),
    (None, f"{P}/followups", None, "note", {"day": "2026-11-20", "kind": "visit"}, FollowUp),
    (None, f"{P}/agreement", None, "goals", {}, Agreement),
    (None, f"{P}/agreement", f"{P}/consents", "consent-what",
     {"consent-partner": "employer", "consent-given_on": "2026-11-20", "consent-how": "written",
      "consent-direction": "to", "consent-purpose": "Planera praktiken",
      "consent-ends_on": "2027-11-20"}, Consent),
    (None, f"{P}/activities", None, "note", {"kind": "tryout"}, Activity),
    (None, "/coach/employers/new", None, "notes", {"name": "Café Solen", "sector": "food"}, Employer),
    (_employer, "/coach/employers/1", "/coach/employers/1/events", "event-outcome",
     {"event-day": "2026-11-20", "event-kind": "visit"}, EmployerEvent),
]


@pytest.mark.parametrize("setup,page,action,name,data,model", FORMS,
                         ids=[f"{form[5].__name__}-{form[3]}" for form in FORMS])
def test_without_javascript_the_first_submit_stores_nothing_and_a_confirmed_one_stores(
        app, coach, setup, page, action, name, data, model):
    if setup:
        setup(coach)
    before = count(app, model)
    first = submit(coach, page, {**data, name: CAREFUL}, action=action)
    html = first.get_data(as_text=True)
    assert first.status_code == 422, html
    assert count(app, model) == before
    assert CAREFUL in html  # the text is still there to change
    assert f'href="#{name}-careful-ok"' in html  # the error summary leads to "Save anyway"
    box = re.search(rf'<input type="checkbox"[^>]*id="{name}-careful-ok"[^>]*>', html).group(0)
    ok = re.search(r'name="([^"]+)"', box).group(1)
    assert ok.endswith("careful_ok") and 'value="diagnosen adhd"' in box
    confirmed = submit(coach, page, {**data, name: CAREFUL, ok: "diagnosen adhd"}, action=action)
    assert confirmed.status_code in (302, 303), confirmed.get_data(as_text=True)
    assert count(app, model) == before + 1 or model is Agreement and count(app, model) == 1


def test_a_word_added_after_the_confirmation_must_be_confirmed_too(app, coach):
    action = f"{P}/internal-notes"
    changed = submit(coach, f"{P}/notes", {"note-text": CAREFUL + " Han är muslim.",
                                           "note-careful_ok": "diagnosen adhd"}, action=action)
    assert changed.status_code == 422 and count(app, InternalNote) == 0
    assert "muslim" in re.search(r'href="#note-text-careful-ok">[^<]*', changed.get_data(as_text=True)).group(0)


def test_a_text_without_careful_words_is_stored_at_once(app, coach):
    response = submit(coach, f"{P}/notes", {"note-text": "Kom i tid och var glad."},
                      action=f"{P}/internal-notes")
    assert response.status_code == 302 and count(app, InternalNote) == 1


def test_the_coach_reflection_on_an_activity_is_checked_before_it_is_stored(app, coach):
    _activity(coach)
    page = f"{P}/activities/1"
    first = submit(coach, page, {"text": CAREFUL})
    assert first.status_code == 422 and count(app, Activity, coach_reflection=CAREFUL) == 0
    assert submit(coach, page, {"text": CAREFUL, "careful_ok": "diagnosen adhd"}).status_code == 302
    assert count(app, Activity, coach_reflection=CAREFUL) == 1


# The implementation plan, which the employer signs.

def plan_form(**values):
    return {"start_on": "2026-11-23", "terms": "wage_subsidy", "paid_hours": "20",
            "followup_weeks": "2", "tasks": "Diska och duka.", **values}


def _plan_page(coach):
    _employer(coach)
    submit(coach, f"{P}/placements", {"employer": "1"})
    return f"{P}/placements/1/plan"


def _share_disclosure(client, as_user, choices):
    as_user("erik")
    submit(client, "/me/profile/q/disclose_what", {"choices": choices})
    submit(client, "/me/profile/check", {}, action="/me/profile/share")


def test_a_health_word_in_the_plan_is_a_warning_naming_the_field_when_health_is_private(
        app, coach, client, as_user):
    _share_disclosure(client, as_user, ["needs"])
    page = _plan_page(coach)
    response = submit(coach, page, plan_form(adaptations="Pauser för hennes diagnos."))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and count(app, PlanVersion) == 0
    summary = re.search(r'href="#adaptations-careful-ok">([^<]*)', html).group(1)
    assert "Anpassningar" in summary and "(diagnos)" in summary  # names the field and the word
    assert 'class="careful-hint careful-private"' in html
    box = re.search(r'<input type="checkbox"[^>]*id="adaptations-careful-ok"[^>]*>', html).group(0)
    assert "adaptations-careful-private" in box  # the checkbox is described by the warning
    stored = submit(coach, page, plan_form(adaptations="Pauser för hennes diagnos.",
                                           careful_ok="diagnos"))
    assert stored.status_code == 302 and count(app, PlanVersion) == 1
    # Opening the plan again shows the warning at once, before anything is typed.
    again = coach.get(page).get_data(as_text=True)
    assert 'class="careful-hint careful-private"' in again


def test_a_health_word_is_only_a_hint_when_the_participant_lets_the_employer_know(
        app, coach, client, as_user):
    _share_disclosure(client, as_user, ["needs", "health"])
    page = _plan_page(coach)
    html = submit(coach, page, plan_form(adaptations="Pauser för hennes diagnos.")).get_data(as_text=True)
    assert "careful-private" not in html and 'href="#adaptations-careful-ok"' in html


def test_the_print_page_warns_and_highlights_a_health_word_the_employer_may_not_know(
        app, coach, client, as_user):
    _share_disclosure(client, as_user, ["needs"])
    page = _plan_page(coach)
    submit(coach, page, plan_form(adaptations="Pauser för hennes diagnos.", careful_ok="diagnos"))
    html = coach.get(f"{page}/1").get_data(as_text=True)
    warning = re.search(r'<section class="notice notice-warning no-print" id="private-warning".*?</section>',
                        html, re.S).group(0)
    assert "Anpassningar: <bdi>diagnos</bdi>" in warning
    assert 'Pauser för hennes <mark class="careful-mark">diagnos</mark>.' in html
    # The warning never reaches the paper, and neither does the highlight.
    css = coach.get("/static/css/site.css").get_data(as_text=True)
    assert re.search(r"@media print \{[^}]*\.no-print[^}]*display: none", css)
    staff_css = coach.get("/static/css/staff.css").get_data(as_text=True)
    assert re.search(r"@media print \{ mark\.careful-mark \{ background: none; \} \}", staff_css)


def test_the_print_page_has_no_warning_when_the_employer_may_know(app, coach, client, as_user):
    _share_disclosure(client, as_user, ["health"])
    page = _plan_page(coach)
    submit(coach, page, plan_form(adaptations="Pauser för hennes diagnos.", careful_ok="diagnos"))
    html = coach.get(f"{page}/1").get_data(as_text=True)
    assert "private-warning" not in html and "<mark" not in html


def test_careful_words_have_kinds_and_are_marked_in_a_text():
    assert careful.found("Hon är gravid och muslim.") == [("gravid", "health"), ("muslim", "religion")]
    hint = careful.check("Hon är gravid och muslim.", health_private=True, confirmed={"gravid"})
    assert hint.private == ("gravid",) and not hint.confirmed and hint.value == "gravid muslim"
    assert careful.check("Kom i tid.") is None
    assert careful.highlight("Hon är gravid.", ("gravid",)) == [
        ("Hon", False), (" ", False), ("är", False), (" ", False), ("gravid", True), (".", False)]
