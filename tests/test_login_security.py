"""Logins and sessions under attack: parallel guesses stay within the limit, a login card's code
works once however many browsers race with it, and sessions end when they should."""
import threading
import uuid

import pytest

from helpers import (choose_language, csrf_token, drop_database, forget_in_redis, in_db, login,
                     make_app, redis_reachable, sessions_back, submit)
from sokandelots import demo, passwords
from sokandelots.db import db

TOO_MANY = "Du har försökt många gånger"



def at_once(count, prepare, act):
    """`prepare(number)` in order, then `act(number, prepared)` in `count` threads released
    together; the results in order."""
    prepared = [prepare(number) for number in range(count)]
    barrier, results = threading.Barrier(count), [None] * count

    def run(number):
        barrier.wait()
        results[number] = act(number, prepared[number])

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def counted_checks(monkeypatch):
    """Counts password checks; each takes a little while, as a real hash does, so parallel
    requests overlap."""
    calls, lock, verify = [], threading.Lock(), passwords.verify

    def slow_verify(password_hash, password):
        with lock:
            calls.append(password)
        threading.Event().wait(0.05)
        return verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify", slow_verify)
    return calls


def login_form(app):
    client = app.test_client()
    return client, csrf_token(client, "/login")


@pytest.fixture(params=["memory://", "redis://127.0.0.1:6379"])
def limited_app(request, tmp_path):
    """An app whose limits count in memory, or in Redis as a service with several workers
    would have them; in Redis under names no other test uses, removed afterwards."""
    if request.param.startswith("redis") and not redis_reachable():
        pytest.fail("Redis must run at 127.0.0.1:6379 for this test")
    app = make_app(tmp_path, RATELIMIT_STORAGE_URI=request.param)
    tag = uuid.uuid4().hex[:8]
    username, address = f"nobody-{tag}", f"10.{int(tag[:2], 16)}.{int(tag[2:4], 16)}.2"
    yield app, username, address
    if request.param.startswith("redis"):
        forget_in_redis(request.param, f"*{username}*", f"*{address}/*")
    drop_database(app)


def test_parallel_wrong_passwords_get_no_more_checks_than_the_limit(limited_app, counted_checks):
    app, username, address = limited_app

    def guess(number, prepared):
        client, token = prepared
        return client.post("/login", data={"csrf_token": token, "username": username,
                                           "password": f"guess {number}"},
                           environ_base={"REMOTE_ADDR": address}).status_code

    statuses = at_once(40, lambda number: login_form(app), guess)
    assert len(counted_checks) <= 5
    assert statuses.count(429) >= 35 and set(statuses) <= {422, 429}


def test_parallel_guesses_from_many_addresses_stay_within_the_account_limit(app, counted_checks):
    def guess(number, prepared):
        client, token = prepared
        return client.post("/login", data={"csrf_token": token, "username": "Erik ",
                                           "password": f"guess {number}"},
                           environ_base={"REMOTE_ADDR": f"10.3.{number}.1"}).status_code

    at_once(30, lambda number: login_form(app), guess)
    assert len(counted_checks) <= 5


def test_a_right_password_gives_its_attempt_back(client):
    for _ in range(4):
        assert login(client, "erik", "wrong password").status_code == 422
    for _ in range(3):
        assert login(client, "erik").status_code == 302
        submit(client, "/me/", {}, action="/logout")
    assert login(client, "erik", "wrong password").status_code == 422
    assert login(client, "erik").status_code == 429


def test_control_characters_in_the_username_neither_log_in_nor_get_a_fresh_budget(app, client):
    response = login(client, "e\x07rik")
    assert response.status_code == 422
    assert 'id="username-error"' in response.get_data(as_text=True)
    for number in range(5):
        login(client, "erik", "wrong", environ_base={"REMOTE_ADDR": f"10.4.0.{number}"})
    for name in ("erik", "e\x07rik", "\x00erik", "ERIK"):
        response = login(app.test_client(), name, environ_base={"REMOTE_ADDR": "10.4.1.1"})
        assert response.status_code in (422, 429), name


def password_checks(client, action, field, extra=None):
    """Five wrong passwords to a page that asks for the current password, then the right one."""
    for _ in range(5):
        response = submit(client, "/account", {field: "not my password", **(extra or {})},
                          action=action)
        assert response.status_code == 422
    response = submit(client, "/account", {field: demo.PASSWORD, **(extra or {})}, action=action)
    assert response.status_code == 429
    assert TOO_MANY in response.get_data(as_text=True)


def test_password_change_is_limited(app, client):
    login(client, "erik")
    password_checks(client, "/account/password", "current", {"password": "en helt ny mening"})
    assert login(app.test_client(), "erik").status_code == 302  # the old password still works


def test_turning_two_step_off_is_limited(app):
    from test_accounts_hardened import turn_on_two_step
    client = app.test_client()
    login(client, "coach")
    turn_on_two_step(client)
    password_checks(client, "/account/two-step/off", "off-current")


def test_new_recovery_codes_and_turning_two_step_on_need_the_password(app):
    import pyotp
    from test_accounts_hardened import RECOVERY, turn_on_two_step
    client = app.test_client()
    login(client, "coach")
    client.get("/account/two-step")
    page = client.get("/account/two-step").get_data(as_text=True)
    assert 'name="current"' in page and 'autocomplete="current-password"' in page
    secret = page.split('translate="no">')[1].split("<")[0].replace(" ", "")
    response = submit(client, "/account/two-step", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 422 and 'id="current-error"' in response.get_data(as_text=True)
    response = submit(client, "/account/two-step", {"code": pyotp.TOTP(secret).now(),
                                                    "current": "not my password"})
    assert response.status_code == 422 and not RECOVERY.findall(response.get_data(as_text=True))
    _, old = turn_on_two_step(client)
    response = submit(client, "/account", {"codes-current": "not my password"},
                      action="/account/recovery-codes")
    assert response.status_code == 422 and not RECOVERY.findall(response.get_data(as_text=True))
    response = submit(client, "/account", {"codes-current": demo.PASSWORD},
                      action="/account/recovery-codes")
    assert response.status_code == 200 and len(RECOVERY.findall(response.get_data(as_text=True))) == 10


def card_for_erik(app):
    """A new login card for erik from his coach; (the coach's client, the code)."""
    from test_accounts import card_code
    coach = app.test_client()
    login(coach, "coach")
    response = submit(coach, "/coach/participants/5", {}, action="/coach/participants/5/card")
    return coach, card_code(coach, response.headers["Location"])[0]


def test_a_card_code_used_twelve_times_at_once_gives_one_session(app, users, monkeypatch):
    from sokandelots.models import UserSession
    erik = app.test_client()
    login(erik, "erik")
    _, code = card_for_erik(app)
    hash_password = passwords.hash_password

    def slow_hash(password):  # as slow as a real hash, so that the requests overlap
        threading.Event().wait(0.05)
        return hash_password(password)

    monkeypatch.setattr(passwords, "hash_password", slow_hash)

    def prepare(number):
        client = app.test_client()
        return client, csrf_token(client, "/setup")

    def set_up(number, prepared):
        client, token = prepared
        response = client.post("/setup", data={"csrf_token": token, "code": code,
                                               "password": f"min egen mening {number}"})
        return client, response.status_code

    results = at_once(12, prepare, set_up)
    assert sorted(status for _, status in results) == [302] + [422] * 11
    winner = next(number for number, (_, status) in enumerate(results) if status == 302)
    assert [client.get("/me/").status_code for client, _ in results].count(200) == 1
    assert in_db(app, lambda: UserSession.select().where(
        UserSession.user == users["erik"].id).count()) == 1
    assert login(app.test_client(), "erik", f"min egen mening {winner}").status_code == 302


def test_no_code_or_secret_is_kept_in_the_session_cookie(app):
    from test_accounts_hardened import setup_secret
    coach, code = card_for_erik(app)
    secret = setup_secret(coach)
    with coach.session_transaction() as session:
        cookie = repr(dict(session))
    assert code.replace("-", "") not in cookie and code not in cookie
    assert secret not in cookie and "totp" not in cookie and "card" not in cookie
    # Still the same card and the same secret on the next request, from the server.
    assert code in coach.get("/coach/participants/5/card").get_data(as_text=True)
    assert setup_secret(coach) == secret


def test_the_card_stops_showing_its_code_once_it_is_used(app):
    coach, code = card_for_erik(app)
    submit(app.test_client(), "/setup", {"code": code, "password": "min egen mening"})
    assert code not in coach.get("/coach/participants/5/card").get_data(as_text=True)


def test_a_login_costs_one_hash_whatever_the_account(app, users, monkeypatch):
    """An account waiting for its login card has no password yet; it must not answer faster."""
    from sokandelots import accounts
    from sokandelots.models import User
    with app.app_context(), db.connection_context():
        accounts.issue_setup_code(User.get_by_id(users["erik"].id), app.config[
            "SETUP_CODE_LIFETIME"])
    hashed = []

    class Counting:
        def __init__(self, hasher):
            self.hasher = hasher

        def __getattr__(self, name):
            return getattr(self.hasher, name)

        def verify(self, password_hash, password):
            hashed.append(password_hash)
            return self.hasher.verify(password_hash, password)

    monkeypatch.setattr(passwords, "_hasher", Counting(passwords._hasher))
    for username in ("erik", "nobody", "sara"):
        hashed.clear()
        login(app.test_client(), username, "a wrong password")
        assert len(hashed) == 1, username


def test_a_session_ends_after_its_lifetime_however_busy(app, client):
    from datetime import timedelta

    from sokandelots import sessions
    from sokandelots.models import UserSession
    login(client, "erik")
    login(app.test_client(), "coach")
    assert client.get("/me/").status_code == 200
    lifetime = app.config["PARTICIPANT_LIFETIME"]
    assert lifetime == timedelta(hours=12)
    sessions_back(app, lifetime, column="created_at")
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        assert list(sessions.active()) == []
        sessions.prune()
        db.close()
    assert in_db(app, lambda: UserSession.select().count()) == 0


def test_an_old_session_is_logged_out_with_a_kind_message(app, client):
    from datetime import timedelta

    choose_language(client, "en")
    login(client, "erik")
    sessions_back(app, timedelta(days=365), column="created_at")
    html = client.get("/me/", follow_redirects=True).get_data(as_text=True)
    assert ">Log in</h1>" in html and "logged in for many hours" in html
    assert client.get("/me/").headers["Location"].startswith("/login")


def test_staff_sessions_have_a_lifetime_of_their_own(tmp_path):
    from datetime import timedelta

    app = make_app(tmp_path, STAFF_LIFETIME=timedelta(hours=1))
    try:
        coach, erik = app.test_client(), app.test_client()
        login(coach, "coach")
        login(erik, "erik")
        sessions_back(app, timedelta(hours=2), column="created_at")
        assert coach.get("/coach/").headers["Location"].startswith("/login")
        assert erik.get("/me/").status_code == 200
    finally:
        drop_database(app)


def test_an_administrator_cannot_make_a_participants_login_card(app, users):
    admin = app.test_client()
    login(admin, "admin")
    erik = users["erik"].id
    response = submit(admin, "/admin/", {}, action=f"/admin/users/{erik}/card")
    assert response.status_code == 403
    assert admin.get(f"/admin/users/{erik}/card").status_code == 403
    assert login(app.test_client(), "erik").status_code == 302  # his password still works
    # Another coach cannot make one for someone else's participant either.
    other = app.test_client()
    login(other, "coach2")
    assert submit(other, "/coach/", {}, action=f"/coach/participants/{erik}/card").status_code == 404
    # Staff still get theirs from the administrator.
    response = submit(admin, "/admin/", {}, action=f"/admin/users/{users['coach2'].id}/card")
    assert response.headers["Location"] == f"/admin/users/{users['coach2'].id}/card"


def behind_proxy(address):
    """A request from a browser at `address` through a TLS proxy, which adds the X-Forwarded
    headers and keeps the Host (the browser's Referer then matches it, as CSRF under HTTPS
    checks)."""
    return {"headers": {"X-Forwarded-For": address, "X-Forwarded-Proto": "https",
                        "Referer": "https://localhost/login"}}


@pytest.mark.parametrize("proxies", [1, 0])
def test_behind_a_proxy_each_client_has_its_own_login_limit_and_nobody_can_claim_one(
        tmp_path, proxies):
    app = make_app(tmp_path, TRUSTED_PROXIES=proxies)
    locked, other = behind_proxy("198.51.100.7"), behind_proxy("203.0.113.9")
    for number in range(5):  # LOGIN_LIMIT, each for another name, so only the address counts
        assert login(app.test_client(), f"nobody{number}", "wrong", **locked).status_code == 422
    assert login(app.test_client(), "amina", **locked).status_code == 429
    response = login(app.test_client(), "amina", **other)
    if proxies:
        assert response.status_code == 302
        from sokandelots.models import UserSession
        assert in_db(app, lambda: [row.address for row in UserSession.select()]) == [
            "203.0.113.9"]
    else:  # without a trusted proxy the header is the client's own words: one address, locked
        assert response.status_code == 429


def test_the_login_card_links_to_the_public_address_behind_a_tls_proxy(tmp_path):
    app = make_app(tmp_path, TRUSTED_PROXIES=1, PUBLIC_URL="https://sokandelots.example.se")
    coach = app.test_client()
    address = {"headers": {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "http"}}
    login(coach, "coach", **address)
    response = submit(coach, "/coach/participants/5", {}, action="/coach/participants/5/card",
                      **address)
    html = coach.get(response.headers["Location"], **address).get_data(as_text=True)
    assert '<p class="link" lang="en">https://sokandelots.example.se/setup?code=' in html
    assert "localhost" not in html
