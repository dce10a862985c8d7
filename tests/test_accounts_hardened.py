"""Hardened accounts: two-step login with recovery codes, sessions an administrator can end,
new passwords that end other sessions, and login limits that hold across app processes."""
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyotp
import pytest

from helpers import choose_language, forget_in_redis, in_db, login, redis_reachable, submit
from sokandelots.models import RecoveryCode, User, UserSession

TOO_MANY = "Du har försökt många gånger"
RECOVERY = re.compile(r"<li>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</li>")
SECRET = re.compile(r'translate="no">([A-Z2-7 ]+)<')


def setup_secret(client):
    """The secret the set-up page shows (grouped in fours for typing), without the spaces."""
    return SECRET.search(client.get("/account/two-step").get_data(as_text=True)).group(1).replace(
        " ", "")



def turn_on_two_step(client):
    """Set up two-step login for the logged-in client; return (secret, recovery codes)."""
    html = client.get("/account/two-step").get_data(as_text=True)
    secret = setup_secret(client)
    assert "<svg" in html and "QR" in html
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in html
    response = submit(client, "/account/two-step", {"code": pyotp.TOTP(secret).now(),
                                                    "current": "lots-demo-2026"})
    assert response.status_code == 200
    codes = RECOVERY.findall(response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def log_out(client):
    submit(client, "/account", {}, action="/logout")


def other_code(secret):
    """A six-digit code that is not valid for `secret` now or in the steps near it."""
    totp = pyotp.TOTP(secret)
    valid = {totp.at(time.time() + shift) for shift in (-60, -30, 0, 30, 60)}
    return next(code for code in (f"{n:06d}" for n in range(1000000)) if code not in valid)


def test_coach_turns_on_two_step_login_and_logs_in_with_a_code(client, as_user, app, users):
    as_user("coach")
    page = client.get("/account/two-step").get_data(as_text=True)
    assert 'inputmode="numeric"' in page and 'autocomplete="one-time-code"' in page
    secret = setup_secret(client)
    # A wrong first code leaves it off.
    assert submit(client, "/account/two-step", {"code": other_code(secret),
                                                "current": "lots-demo-2026"}).status_code == 422
    assert in_db(app, lambda: User.get_by_id(users["coach"].id).totp_secret) is None
    secret, codes = turn_on_two_step(client)
    stored = in_db(app, lambda: [row.code_hash for row in RecoveryCode.select()])
    assert len(stored) == 10
    assert not any(code.replace("-", "") in "".join(stored) for code in codes)
    log_out(client)

    # The password alone no longer logs in: it leads to the code page.
    response = login(client, "coach")
    assert response.headers["Location"] == "/login/code"
    assert client.get("/coach/").headers["Location"].startswith("/login")
    page = client.get("/login/code").get_data(as_text=True)
    assert 'name="code"' in page and 'inputmode="numeric"' in page
    response = submit(client, "/login/code", {"code": other_code(secret)})
    assert response.status_code == 422
    assert 'id="code-error"' in response.get_data(as_text=True)
    code = pyotp.TOTP(secret).now()
    response = submit(client, "/login/code", {"code": code})
    assert response.headers["Location"] == "/coach/"
    assert client.get("/coach/").status_code == 200
    log_out(client)

    # The same code a second time does not work, even within its 30 seconds.
    assert login(client, "coach").headers["Location"] == "/login/code"
    assert submit(client, "/login/code", {"code": code}).status_code == 422
    assert client.get("/coach/").headers["Location"].startswith("/login")


def test_the_code_page_keeps_the_page_asked_for(client, as_user):
    as_user("coach")
    secret, _ = turn_on_two_step(client)
    log_out(client)
    response = submit(client, "/login", {"username": "coach", "password": "lots-demo-2026"},
                      action="/login?next=/coach/participants/4")
    assert response.headers["Location"] == "/login/code"
    response = submit(client, "/login/code", {"code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"] == "/coach/participants/4"


def test_code_page_without_a_right_password_goes_back_to_login(client):
    assert client.get("/login/code").headers["Location"] == "/login"
    response = submit(client, "/login", {"code": "123456"}, action="/login/code")
    assert response.headers["Location"] == "/login"


def test_a_recovery_code_works_once(client, as_user, app, users):
    as_user("admin")
    _, codes = turn_on_two_step(client)
    log_out(client)
    login(client, "admin")
    page = client.get("/login/code?recovery=1").get_data(as_text=True)
    assert 'autocomplete="off"' in page
    response = submit(client, "/login/code?recovery=1", {"code": codes[0].lower()})
    assert response.headers["Location"] == "/admin/"
    assert "Du har 9 kvar" in client.get("/admin/").get_data(as_text=True)
    assert in_db(app, lambda: RecoveryCode.select().count()) == 9
    log_out(client)
    login(client, "admin")
    assert submit(client, "/login/code?recovery=1", {"code": codes[0]}).status_code == 422
    assert submit(client, "/login/code?recovery=1", {"code": codes[1]}).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, as_user, app):
    as_user("coach")
    _, old = turn_on_two_step(client)
    response = submit(client, "/account", {"codes-current": "lots-demo-2026"},
                      action="/account/recovery-codes")
    new = RECOVERY.findall(response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    log_out(client)
    login(client, "coach")
    assert submit(client, "/login/code?recovery=1", {"code": old[0]}).status_code == 422
    assert submit(client, "/login/code?recovery=1", {"code": new[0]}).status_code == 302


def test_turning_two_step_login_off_needs_the_password(client, as_user, app, users):
    as_user("coach")
    turn_on_two_step(client)
    response = submit(client, "/account", {"off-current": "wrong password"},
                      action="/account/two-step/off")
    assert response.status_code == 422
    assert submit(client, "/account", {"off-current": "lots-demo-2026"},
                  action="/account/two-step/off").headers["Location"] == "/account"
    assert in_db(app, lambda: User.get_by_id(users["coach"].id).totp_secret) is None
    assert in_db(app, lambda: RecoveryCode.select().count()) == 0
    log_out(client)
    assert login(client, "coach").headers["Location"] == "/coach/"


def test_unit_requirement_sends_staff_to_set_up_before_anything_else(app, users):
    admin = app.test_client()
    login(admin, "admin")
    response = submit(admin, "/admin/sessions", {"rule": "required"}, action="/admin/two-step")
    assert response.headers["Location"] == "/admin/sessions"
    # The administrator who switched it on has to set it up as well.
    assert admin.get("/admin/").headers["Location"] == "/account/two-step"

    coach = app.test_client()
    choose_language(coach, "en")
    assert login(coach, "coach").headers["Location"] == "/coach/"
    for page in ("/coach/", "/account", "/coach/participants/4"):
        assert coach.get(page).headers["Location"] == "/account/two-step", page
    assert "Your unit requires two-step login" in coach.get(
        "/account/two-step").get_data(as_text=True)
    secret, _ = turn_on_two_step(coach)
    assert coach.get("/coach/").status_code == 200
    # While it is required, it cannot be turned off.
    assert submit(coach, "/account", {"off-current": "lots-demo-2026"},
                  action="/account/two-step/off").status_code == 403
    log_out(coach)
    assert login(coach, "coach").headers["Location"] == "/login/code"


def test_participants_are_never_asked_for_a_code(app, users):
    admin = app.test_client()
    login(admin, "admin")
    submit(admin, "/admin/sessions", {"rule": "required"}, action="/admin/two-step")
    erik = app.test_client()
    choose_language(erik, "en")
    assert login(erik, "erik").headers["Location"] == "/me/"
    assert erik.get("/me/").status_code == 200
    assert erik.get("/account/two-step").status_code == 403
    assert "Two-step login" not in erik.get("/account").get_data(as_text=True)
    # Not even with a secret that somehow got into the database.
    in_db(app, lambda: User.update(totp_secret=pyotp.random_base32())
          .where(User.username == "erik").execute())
    assert login(app.test_client(), "erik").headers["Location"] == "/me/"


def test_admin_sees_active_sessions_and_ends_one(app, users):
    coach = app.test_client()
    login(coach, "coach", headers={"User-Agent": "Testbrowser/1.0"},
          environ_base={"REMOTE_ADDR": "10.1.2.3"})
    other = app.test_client()
    login(other, "coach")
    admin = app.test_client()
    login(admin, "admin")
    page = admin.get("/admin/sessions").get_data(as_text=True)
    assert "Testbrowser/1.0" in page and "10.1.2.3" in page
    session_id = in_db(app, lambda: UserSession.get(UserSession.user_agent == "Testbrowser/1.0").id)

    response = submit(admin, "/admin/sessions", {}, action=f"/admin/sessions/{session_id}/end")
    assert response.headers["Location"] == "/admin/sessions"
    assert coach.get("/coach/").headers["Location"].startswith("/login")
    assert other.get("/coach/").status_code == 200  # only that one browser
    assert "Testbrowser/1.0" not in admin.get("/admin/sessions").get_data(as_text=True)
    assert submit(admin, "/admin/sessions", {},
                  action=f"/admin/sessions/{session_id}/end").status_code == 404


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(app, users):
    here, elsewhere = app.test_client(), app.test_client()
    login(here, "erik")
    login(elsewhere, "erik")
    response = submit(here, "/account", {"current": "wrong password",
                                         "password": "en helt ny mening"},
                      action="/account/password")
    assert response.status_code == 422
    assert elsewhere.get("/me/").status_code == 200
    response = submit(here, "/account", {"current": "lots-demo-2026",
                                         "password": "en helt ny mening"},
                      action="/account/password")
    assert response.headers["Location"] == "/account"
    assert here.get("/me/").status_code == 200
    assert elsewhere.get("/me/").headers["Location"].startswith("/login")
    assert login(app.test_client(), "erik").status_code == 422
    assert login(app.test_client(), "erik", "en helt ny mening").status_code == 302
    assert in_db(app, lambda: UserSession.select().where(
        UserSession.user == users["erik"].id).count()) == 2  # this one and the new login


def test_a_new_login_card_ends_sessions_and_two_step_login(app, users):
    coach = app.test_client()
    login(coach, "coach")
    turn_on_two_step(coach)
    admin = app.test_client()
    login(admin, "admin")
    submit(admin, "/admin/", {}, action=f"/admin/users/{users['coach'].id}/card")
    assert coach.get("/coach/").headers["Location"].startswith("/login")
    assert in_db(app, lambda: User.get_by_id(users["coach"].id).totp_secret) is None
    assert in_db(app, lambda: RecoveryCode.select().count()) == 0
    from sokandelots import sessions
    assert users["coach"].id not in in_db(app, lambda: [row.user_id for row in sessions.active()])


def test_logging_out_ends_the_session_record(client, as_user, app, users):
    as_user("erik")
    assert in_db(app, lambda: UserSession.select().count()) == 1
    log_out(client)
    assert in_db(app, lambda: UserSession.select().count()) == 0


def test_a_stolen_cookie_of_an_ended_session_does_not_come_back(app, users):
    client = app.test_client()
    login(client, "erik")
    with client.session_transaction() as session:
        cookie = dict(session)
    log_out(client)
    thief = app.test_client()
    with thief.session_transaction() as session:
        session.update(cookie)
    assert thief.get("/me/").headers["Location"].startswith("/login")


def test_failed_logins_are_limited_per_address_whatever_the_username(client):
    for number in range(5):
        assert login(client, f"nobody{number}", "wrong").status_code == 422
    response = login(client, "erik")
    assert response.status_code == 429
    assert TOO_MANY in response.get_data(as_text=True)
    other_address = login(client, "erik", environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other_address.status_code == 302


def test_wrong_codes_are_limited_per_account_with_a_friendly_page(client, as_user):
    as_user("coach")
    secret, _ = turn_on_two_step(client)
    log_out(client)
    wrong = other_code(secret)
    for number in range(5):
        login(client, "coach", environ_base={"REMOTE_ADDR": f"10.0.1.{number}"})
        response = submit(client, "/login/code", {"code": wrong},
                          environ_base={"REMOTE_ADDR": f"10.0.1.{number}"})
        assert response.status_code == 422
    login(client, "coach", environ_base={"REMOTE_ADDR": "10.0.1.99"})
    response = submit(client, "/login/code", {"code": pyotp.TOTP(secret).now()},
                      environ_base={"REMOTE_ADDR": "10.0.1.99"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert TOO_MANY in html and 'name="code"' in html


OTHER_PROCESS = """
import sys
sys.path.insert(0, {tests!r})
from argon2 import PasswordHasher
from sokandelots import create_app, passwords
from helpers import login
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
app = create_app({{"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": {url!r},
                  "INSTANCE_PATH": {instance!r}, "RATELIMIT_STORAGE_URI": {storage!r}}})
client = app.test_client()
for number in range(3):
    assert login(client, {username!r}, "wrong", environ_base={{"REMOTE_ADDR": f"10.7.0.{{number}}"}}
                 ).status_code == 422
    assert login(client, f"someone{{number}}", "wrong", environ_base={{"REMOTE_ADDR": {address!r}}}
                 ).status_code == 422
"""


@pytest.mark.skipif(not redis_reachable(), reason="needs Redis at 127.0.0.1:6379 to share "
                    "rate limits between app processes")
def test_limits_are_shared_between_app_processes_with_redis(tmp_path):
    from helpers import drop_database, make_app
    storage = "redis://127.0.0.1:6379"
    app = make_app(tmp_path, RATELIMIT_STORAGE_URI=storage)
    tag = uuid.uuid4().hex[:8]
    username, address = f"nobody-{tag}", f"10.{int(tag[:2], 16)}.{int(tag[2:4], 16)}.1"
    script = OTHER_PROCESS.format(tests=str(Path(__file__).parent), url=app.config["DATABASE_URL"],
                                  instance=app.instance_path, storage=storage,
                                  username=username, address=address)
    try:
        # Another process, like another worker of the same service, fails 3 times each way.
        subprocess.run([sys.executable, "-c", script], check=True, timeout=120,
                       env={**os.environ, "PYTHONWARNINGS": "ignore"})
        client = app.test_client()
        for number in range(2):
            assert login(client, username, "wrong",
                         environ_base={"REMOTE_ADDR": f"10.8.0.{number}"}).status_code == 422
            assert login(client, f"anyone{number}", "wrong",
                         environ_base={"REMOTE_ADDR": address}).status_code == 422
        # Five failures in all: this process's sixth attempt is refused, by account and by address.
        assert login(client, username, "wrong",
                     environ_base={"REMOTE_ADDR": "10.8.0.99"}).status_code == 429
        assert login(client, "erik", environ_base={"REMOTE_ADDR": address}).status_code == 429
        assert login(client, "erik", environ_base={"REMOTE_ADDR": "10.8.0.98"}).status_code == 302
    finally:
        forget_in_redis(storage, f"*{username}*", f"*{address}/*", f"*{address}")
        drop_database(app)
