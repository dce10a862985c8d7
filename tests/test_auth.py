"""Logging in and out, sessions on shared computers, and the headers that protect them."""
import pytest

from helpers import away_past_idle_limit, csrf_token, login, submit
from sokandelots.security import CONTENT_SECURITY_POLICY

START_PAGES = {"admin": "/admin/", "coach": "/coach/", "coach2": "/coach/", "chef": "/manager/",
               "amina": "/me/", "erik": "/me/", "sara": "/me/"}


@pytest.mark.parametrize("username,start", START_PAGES.items())
def test_each_demo_account_reaches_its_own_start_page(client, username, start):
    response = login(client, username)
    assert response.status_code == 302
    assert response.headers["Location"] == start
    assert client.get(start).status_code == 200
    assert client.get("/").headers["Location"] == start


def test_login_form_posts_username_and_password(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'name="username"' in html and 'name="password"' in html
    assert 'autocomplete="current-password"' in html


def test_wrong_password_gives_a_message_beside_the_field_and_keeps_the_username(client):
    response = login(client, "erik", "wrong password")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fel:" in html
    assert 'href="#username"' in html  # the error summary links to the field
    assert 'id="username-error"' in html and 'aria-invalid="true"' in html
    assert 'value="erik"' in html
    assert "Användarnamnet eller lösenordet är fel" in html


def test_deactivated_account_cannot_log_in(client, app, users):
    with app.app_context():
        from sokandelots.db import db
        with db.connection_context():
            users["erik"].is_active = False
            users["erik"].save()
    assert login(client, "erik").status_code == 422


def test_logout_ends_the_session_and_pages_need_login_again(client, as_user):
    as_user("erik")
    response = submit(client, "/me/", {}, action="/logout")
    assert response.headers["Location"] == "/login"
    assert client.get("/me/").headers["Location"].startswith("/login")


def test_logout_needs_a_post_with_csrf_token(client, as_user):
    as_user("erik")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/me/").status_code == 200


def test_form_without_csrf_token_is_refused_with_a_friendly_page(client):
    response = client.post("/login", data={"username": "erik", "password": "lots-demo-2026"})
    assert response.status_code == 400
    assert "Sidan var öppen för länge" in response.get_data(as_text=True)


def test_pages_behind_login_are_never_cached(client, as_user):
    as_user("coach")
    for page in ("/coach/", "/coach/participants/4"):
        assert client.get(page).headers["Cache-Control"] == "no-store"


def test_static_files_can_be_cached_while_logged_in(client, as_user):
    as_user("erik")
    response = client.get("/static/css/site.css")
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith(CONTENT_SECURITY_POLICY.split("{style}")[0])
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy


def test_only_the_stylesheet_written_into_the_page_is_allowed(client):
    import base64
    import hashlib
    import re
    response = client.get("/login")
    [css] = re.findall(r"<style>(.*?)</style>", response.get_data(as_text=True), re.S)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert re.search(r"style-src 'self' 'sha256-[^']+';", response.headers["Content-Security-Policy"])
    assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]
    assert "body" in css and "<" not in css
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_lax_and_ends_with_the_browser(client):
    response = login(client, "erik")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires" not in cookie and "Max-Age" not in cookie


def test_answers_that_change_nothing_in_the_session_write_no_cookie(app, as_user):
    """A background answer (a hint while the coach writes, an autosave) sent before a button
    and answered after it would put back the cookie it left with: without the message the button
    gave ("Sparat"), or with one already shown. So only a change of the session writes it."""
    coach, erik = as_user("coach"), app.test_client()
    login(erik, "erik")
    token, own = csrf_token(coach, "/coach/"), csrf_token(erik, "/me/profile/q/dream_job")
    answers = {
        "page": coach.get("/coach/participants/5"),
        "hint": coach.post("/coach/careful-words", headers={"HX-Request-Type": "partial"},
                           data={"csrf_token": token, "careful_field": "note", "note": "Bra."}),
        "autosave": erik.post("/me/profile/q/dream_job", headers={"HX-Request-Type": "partial"},
                              data={"csrf_token": own, "text": "Jobba med djur."}),
        "still here": erik.post("/still-here", data={"csrf_token": own}),
    }
    for name, response in answers.items():
        assert response.status_code in (200, 204), name
        assert "Set-Cookie" not in response.headers, name
    # A message to show is a change: it is written, and taken away again once shown.
    told = coach.post("/coach/participants/5/absences", data={"csrf_token": token})
    assert told.status_code == 302 and "Set-Cookie" in told.headers
    shown = coach.get(told.headers["Location"])
    assert "notice-error" in shown.get_data(as_text=True) and "Set-Cookie" in shown.headers
    assert "notice-error" not in coach.get("/coach/participants/5").get_data(as_text=True)


def test_secure_cookie_when_configured_for_https(tmp_path):
    from helpers import make_app
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    response = login(app.test_client(), "erik")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_participant_is_logged_out_after_idle_time_with_a_kind_message(client, as_user, app):
    as_user("erik")
    away_past_idle_limit(app)
    response = client.get("/me/", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert ">Logga in</h1>" in html
    assert "Du blev utloggad" in html


def test_coach_is_not_logged_out_after_participant_idle_time(client, as_user, app):
    as_user("coach")
    away_past_idle_limit(app)  # a participant's limit
    assert client.get("/coach/").status_code == 200


def test_failed_logins_are_rate_limited_with_a_friendly_message(client):
    for _ in range(5):
        assert login(client, "erik", "wrong password").status_code == 422
    response = login(client, "erik", "lots-demo-2026")
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Du har försökt många gånger" in html
    assert 'name="username"' in html


def test_rate_limit_counts_per_account_across_addresses(client):
    for number in range(5):
        login(client, "erik", "wrong password", environ_base={"REMOTE_ADDR": f"10.0.0.{number}"})
    response = login(client, "erik", "wrong", environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert response.status_code == 429


def test_successful_logins_are_not_limited(client):
    for _ in range(8):
        assert login(client, "erik").status_code == 302
        submit(client, "/me/", {}, action="/logout")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)",
                                    "/\\evil.example/x"])
def test_login_never_redirects_to_another_site(client, target):
    token = csrf_token(client, "/login")
    response = client.post("/login", query_string={"next": target},
                           data={"csrf_token": token, "username": "erik", "password": "lots-demo-2026"})
    assert response.headers["Location"] == "/me/"


def test_login_returns_to_the_page_asked_for(client):
    assert client.get("/coach/participants/4").headers["Location"].startswith("/login?next=")
    token = csrf_token(client, "/login")
    response = client.post("/login", query_string={"next": "/coach/participants/4"},
                           data={"csrf_token": token, "username": "coach", "password": "lots-demo-2026"})
    assert response.headers["Location"] == "/coach/participants/4"


def test_the_session_lookup_is_made_once_for_the_database_in_use(app, client, as_user):
    from sokandelots import sessions
    from sokandelots.db import db
    as_user("erik")
    assert client.get("/me/").status_code == 200
    made = sessions._lookup.made
    assert client.get("/me/").status_code == 200
    assert sessions._lookup.made is made and made[0] is db.obj


def test_a_session_cookie_found_good_is_known_again_until_it_is_too_old(app, client,
                                                                        monkeypatch):
    import time
    login(client, "erik")
    for _ in range(2):  # the first page adds the form token to the session: a new cookie
        assert client.get("/me/").status_code == 200
    serializer = app.session_interface.get_signing_serializer(app)
    checked, loads = [], serializer.loads
    monkeypatch.setattr(serializer, "loads", lambda *a, **kw: checked.append(1) or loads(*a, **kw))
    assert client.get("/me/").status_code == client.get("/me/").status_code == 200
    assert checked == []
    good = client.get_cookie("session").value
    # Older than the session lifetime: refused, as a cookie checked anew is.
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    with monkeypatch.context() as moved:
        moved.setattr(time, "time", lambda: later)
        assert client.get("/me/").headers["Location"].startswith("/login")
    # One letter changed: checked, and refused.
    client.set_cookie("session", good[:-3] + ("AAA" if good[-3:] != "AAA" else "BBB"))
    checked.clear()
    assert client.get("/me/").headers["Location"].startswith("/login") and checked == [1]


def test_the_session_cookie_follows_a_new_secret_key_and_its_fallbacks(app, client):
    signer = app.session_interface.get_signing_serializer
    assert signer(app) is signer(app)  # made once, not for every request
    login(client, "erik")
    assert client.get("/me/").status_code == 200
    old = app.config["SECRET_KEY"]
    app.config.update(SECRET_KEY="another-secret-key-of-this-unit", SECRET_KEY_FALLBACKS=[old])
    assert client.get("/me/").status_code == 200  # signed with the key before, still taken
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get("/me/").headers["Location"].startswith("/login")
