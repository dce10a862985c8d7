"""Logins and sessions under attack: parallel guesses stay within the limit, a login card's code
works once however many browsers race with it, and sessions end when they should."""
import socket
import threading
import uuid

import pytest

from helpers import csrf_token, login, make_app, run_on_postgres, submit
from sokandelots import demo, passwords
from sokandelots.db import db

TOO_MANY = "Du har försökt många gånger"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


def in_db(app, work):
    with app.app_context(), db.connection_context():
        return work()


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
        import redis
        server = redis.Redis.from_url(request.param)
        for pattern in (f"*{username}*", f"*{address}/*"):
            for key in server.scan_iter(match=pattern):
                server.delete(key)
        server.close()
    db.close()
    if app.config["TEST_SCHEMA"]:
        run_on_postgres(f"DROP SCHEMA {app.config['TEST_SCHEMA']} CASCADE")


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
