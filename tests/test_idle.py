"""A session that ends while a person is answering loses nothing: htmx gets a short notice, a
form sent without JavaScript is kept through the login and offered back, only to the same person."""
import re

import pytest

from datetime import timedelta

from helpers import away_past_idle_limit, csrf_token, login, sessions_back
from sokandelots import sessions

QUESTION = "/me/profile/q/call_me"
AUTOSAVE = {"HX-Request-Type": "partial", "HX-Current-URL": f"http://localhost{QUESTION}"}
RESUME = re.compile(r'name="resume" value="([^"]+)"')


@pytest.fixture
def idle_erik(client, as_user, app):
    """Erik with the question open and a form token, then away longer than the idle limit."""
    as_user("erik")
    token = csrf_token(client, QUESTION)
    away_past_idle_limit(app)
    return token


def answer(client):
    return client.get(QUESTION).get_data(as_text=True)


def test_an_autosave_after_the_idle_limit_gets_a_short_notice_not_the_login_page(client, idle_erik):
    response = client.post(QUESTION, data={"csrf_token": idle_erik, "text": "Rickard"},
                           headers=AUTOSAVE)
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "<html" not in html and 'name="password"' not in html
    assert "utloggad" in html and f'href="/login?next={QUESTION}"' in html


def test_a_form_sent_after_the_idle_limit_is_kept_through_the_login_and_saved(client, idle_erik):
    sent = client.post(QUESTION, data={"csrf_token": idle_erik, "text": "Rickard", "go": "next"})
    html = sent.get_data(as_text=True)
    assert sent.status_code == 401 and ">Logga in</h1>" in html and "Du blev utloggad" in html
    kept = RESUME.search(html).group(1)
    assert "Rickard" not in answer(client.application.test_client())  # nothing saved yet
    offered = client.post(f"/login?next={QUESTION}", data={
        "csrf_token": csrf_token(client, "/login"), "username": "erik",
        "password": "lots-demo-2026", "resume": kept})
    page = offered.get_data(as_text=True)
    assert offered.status_code == 200 and 'name="text" value="Rickard"' in page
    assert f'action="{QUESTION}"' in page and f'href="{QUESTION}"' in page  # save, or throw away
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    saved = client.post(QUESTION, data={"csrf_token": token, "text": "Rickard", "go": "next",
                                        "seen": "", "page": ""})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert "Rickard</textarea>" in answer(client)


def login_carrying(client, username, idle_token, change=lambda kept: kept):
    """Send an answer after the idle limit, then log in as `username` with what the login page
    kept (changed by `change`)."""
    html = client.post(QUESTION, data={"csrf_token": idle_token, "text": "Rickard"}
                       ).get_data(as_text=True)
    kept = change(RESUME.search(html).group(1))
    return client.post("/login", data={"csrf_token": csrf_token(client, "/login"),
                                       "username": username, "password": "lots-demo-2026",
                                       "resume": kept})


def test_what_one_person_sent_is_never_offered_to_the_next_person(client, idle_erik):
    response = login_carrying(client, "amina", idle_erik)
    assert response.status_code == 302 and response.headers["Location"] == "/me/"


def test_a_changed_or_forged_resume_is_ignored(client, idle_erik):
    response = login_carrying(client, "erik", idle_erik, change=lambda kept: kept[:-3] + "abc")
    assert response.status_code == 302


def test_a_page_opened_after_logout_still_goes_to_the_login_page(client):
    response = client.get(QUESTION)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_i_am_still_here_keeps_the_session_going(client, as_user, app):
    as_user("erik")
    token = csrf_token(client, "/me/")
    limit = app.config["PARTICIPANT_IDLE"]
    sessions_back(app, limit - timedelta(seconds=100))  # the warning shows two minutes before
    assert client.post("/still-here", data={"csrf_token": token}).status_code == 204
    sessions_back(app, timedelta(seconds=200))  # without the answer above, past the limit
    assert client.get("/me/").status_code == 200


def test_i_am_still_here_after_the_end_says_so(client, as_user, app):
    as_user("erik")
    token = csrf_token(client, "/me/")
    away_past_idle_limit(app)
    assert client.post("/still-here", data={"csrf_token": token}).status_code == 401


def test_pages_tell_the_script_when_to_warn_and_whose_input_it_keeps(client, as_user, app):
    as_user("erik")
    html = client.get("/me/").get_data(as_text=True)
    # The server may count a few seconds more than the limit (see sessions.TOUCH_EVERY); the
    # script waits as long, so that when it goes to the login page the session has surely ended.
    limit = app.config["PARTICIPANT_IDLE"] + sessions.TOUCH_EVERY
    assert f'data-idle-seconds="{int(limit.total_seconds())}"' in html
    assert 'id="idle-warning"' in html and 'id="unsaved-offer-template"' in html
    tag = re.search(r'data-user-tag="([0-9a-f]{16})"', html).group(1)
    other = app.test_client()
    login(other, "amina")
    assert tag not in other.get("/me/").get_data(as_text=True)
    assert "data-idle-seconds" not in app.test_client().get("/login").get_data(as_text=True)
