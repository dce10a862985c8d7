"""A new password by e-mail: the link arrives through the outbox, works once and for a short
time, the answer never tells whether an address is known, and asking is rate-limited."""
import re
from datetime import timedelta

from bs4 import BeautifulSoup

from sokandelots import passwordreset
from sokandelots.db import db
from sokandelots.models import OutboxMessage, PasswordReset, User, UserSession, utcnow

from helpers import csrf_token, login, submit

NEW = "en lång ny mening"
LINK = re.compile(r"https://lots\.example\.org(/login/reset/[\w-]+)")


def set_email(app, username, address):
    with app.app_context():
        db.connect(reuse_if_open=True)
        User.update(email=address).where(User.username == username).execute()
        db.close()


def queued(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        rows = list(OutboxMessage.select().order_by(OutboxMessage.id))
        db.close()
    return rows


def words(response):
    """What the page says (its spoken-text tokens differ from request to request)."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ", strip=True)


def ask(client, address):
    return submit(client, "/login/forgot", {"email": address})


def test_the_login_page_links_to_forgot_password(client):
    assert 'href="/login/forgot"' in client.get("/login").get_data(as_text=True)


def test_a_known_and_an_unknown_address_get_the_same_answer(app, client):
    app.config["PUBLIC_URL"] = "https://lots.example.org"
    set_email(app, "erik", "erik@example.org")
    known = ask(client, "Erik@Example.org ")
    unknown = ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert words(known) == words(unknown)
    [row] = queued(app)
    assert row.address == "erik@example.org" and row.kind == "password_reset"
    assert LINK.search(row.text) and LINK.search(row.html)


def test_staff_get_no_link(app, client):
    set_email(app, "coach", "coach@example.org")
    assert ask(client, "coach@example.org").status_code == 200
    assert queued(app) == []


def test_a_wrong_address_gets_a_message_by_the_field(client):
    response = ask(client, "inte en adress")
    assert response.status_code == 422 and "namn@exempel.se" in response.get_data(as_text=True)


def test_the_link_sets_a_password_once_and_ends_every_session(app, client, users):
    app.config["PUBLIC_URL"] = "https://lots.example.org"
    set_email(app, "erik", "erik@example.org")
    other = app.test_client()
    login(other, "erik")
    ask(client, "erik@example.org")
    path = LINK.search(queued(app)[0].text).group(1)
    assert "erik" in client.get(path).get_data(as_text=True)  # the username, as a reminder
    weak = submit(client, path, {"password": "password"})
    assert weak.status_code == 422
    saved = submit(client, path, {"password": NEW})
    assert saved.status_code == 302 and saved.headers["Location"] == "/login"
    assert other.get("/me/").status_code == 302  # logged out everywhere
    assert login(client, "erik", NEW).status_code == 302
    assert client.get(path).status_code == 404  # used
    fresh = app.test_client()
    assert fresh.post(path, data={"csrf_token": csrf_token(fresh, "/login"),
                                  "password": "ännu ett nytt lösen"}).status_code == 404
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert not UserSession.select().where(UserSession.user == users["erik"].id,
                                              UserSession.epoch == 0).exists()
        db.close()


def test_an_expired_or_made_up_link_does_not_work(app, client, ctx):
    erik = User.by_username("erik")
    token = passwordreset.start(erik)
    assert passwordreset.user_for(token) == erik
    lives = PasswordReset.get().expires_at - utcnow()
    assert timedelta(minutes=29) < lives <= timedelta(minutes=30)
    PasswordReset.update(expires_at=utcnow() - timedelta(seconds=1)).execute()
    assert passwordreset.user_for(token) is None
    assert passwordreset.use(token, NEW) is None
    assert client.get(f"/login/reset/{token}").status_code == 404
    assert client.get("/login/reset/made-up").status_code == 404
    assert PasswordReset.get().token_hash != token  # only a hash is kept


def test_a_new_password_makes_other_links_stop_working(ctx):
    erik = User.by_username("erik")
    first, second = passwordreset.start(erik), passwordreset.start(erik)
    assert passwordreset.use(second, NEW) is not None
    assert passwordreset.user_for(first) is None


def test_asking_is_rate_limited_like_login(app, client):
    set_email(app, "erik", "erik@example.org")
    for _ in range(5):
        assert ask(client, "erik@example.org").status_code == 200
    limited = ask(client, "erik@example.org")
    assert limited.status_code == 429 and 'name="email"' in limited.get_data(as_text=True)
    assert len(queued(app)) == 5
