"""Limits that keep one burst or one file from taking the server, files only the service can read,
and smaller guards: redirects, GET without side effects, bidirectional text, headers, CSV."""
import os
import struct
import threading
import zlib

import pytest
from argon2 import PasswordHasher

from helpers import choose_language, drop_database, in_db, login, make_app, submit
from sokandelots import passwords
from sokandelots.masking import unmask
from sokandelots.db import db
from sokandelots.models import User



def test_passwords_are_hashed_with_the_owasp_argon2id_settings():
    assert passwords.HASHER.hash("en lång mening").startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_made_with_other_settings_still_logs_in_and_is_made_again(app, users):
    older = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=2)
    in_db(app, lambda: User.update(password_hash=older.hash("lots-demo-2026"))
          .where(User.username == "erik").execute())
    assert login(app.test_client(), "erik").status_code == 302
    stored = in_db(app, lambda: User.get(User.username == "erik").password_hash)
    assert not passwords._hasher.check_needs_rehash(stored)
    assert login(app.test_client(), "erik").status_code == 302


class SlowHasher:
    """Stands in for Argon2 and notes how many hashes run at the same time."""

    def __init__(self):
        self.running, self.most, self.lock = 0, 0, threading.Lock()

    def _work(self):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        threading.Event().wait(0.05)
        with self.lock:
            self.running -= 1

    def hash(self, password):
        self._work()
        return "hash"

    def verify(self, password_hash, password):
        self._work()
        return True


def test_only_a_few_passwords_are_hashed_at_once(tmp_path, monkeypatch):
    app = make_app(tmp_path, PASSWORD_HASHES_AT_ONCE=2)
    try:
        hasher = SlowHasher()
        monkeypatch.setattr(passwords, "_hasher", hasher)
        work = [threading.Thread(target=passwords.verify, args=("hash", "x")) for _ in range(6)]
        work += [threading.Thread(target=passwords.hash_password, args=("x",)) for _ in range(6)]
        for thread in work:
            thread.start()
        for thread in work:
            thread.join(timeout=30)
        assert hasher.most == 2
    finally:
        drop_database(app)


def png_header(width, height):
    """A PNG file that declares `width` × `height` pixels but holds none: what a decoder would
    have to unpack is known from the header alone."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                                              0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("width,height", [(6300, 6300), (1, 40_000_000), (6001, 10)])
def test_a_picture_too_large_to_decode_is_refused_by_its_size_first(app, width, height,
                                                                     monkeypatch):
    from PIL import Image

    from test_job_cards import stored, upload
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda image: decoded.append(image))
    admin = app.test_client()
    choose_language(admin, "en")
    login(admin, "admin")
    response = upload(admin, png_header(width, height), "huge.png")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#picture"' in html
    assert f"{width} × {height} pixels" in html and "at most 6000 pixels on each side" in html
    assert decoded == [] and stored(app) == {}


def test_a_phone_photo_is_still_taken(app):
    from io import BytesIO

    from PIL import Image

    from test_job_cards import stored, upload
    out = BytesIO()
    Image.new("RGB", (4032, 3024), (20, 120, 40)).save(out, "JPEG", quality=60)
    admin = app.test_client()
    login(admin, "admin")
    assert upload(admin, out.getvalue(), "photo.jpg").status_code == 302
    [(large, small)] = stored(app).values()
    with Image.open(BytesIO(large)) as image:
        assert image.size == (320, 240)


def sqlite_app(folder, database):
    from sokandelots import create_app, demo
    from sokandelots.migrations import upgrade
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "INSTANCE_PATH": str(folder),
                      "DATABASE_URL": f"sqlite:///{database}"})
    with app.app_context(), db.connection_context():
        upgrade(db)
        demo.seed_if_empty()
    return app


def mode(path):
    return path.stat().st_mode & 0o777


def test_the_database_backups_and_instance_folder_are_for_the_service_alone(tmp_path):
    old_umask = os.umask(0o022)  # as on most servers: files readable by every user
    try:
        new = sqlite_app(tmp_path / "instance", tmp_path / "new.sqlite3")
        assert mode(tmp_path / "new.sqlite3") == 0o600
        with new.app_context(), db.connection_context():
            db.execute_sql("SELECT COUNT(*) FROM user")
            assert mode(tmp_path / "new.sqlite3-wal") == mode(tmp_path / "new.sqlite3-shm") == 0o600
        assert mode(tmp_path / "instance") == 0o700
        backup = tmp_path / "backup.sqlite3"
        assert new.test_cli_runner().invoke(args=["backup", str(backup)]).exit_code == 0
        assert mode(backup) == 0o600
        db.close()
        # A database made readable for all by an earlier version is closed up at start.
        (tmp_path / "old.sqlite3").write_bytes(backup.read_bytes())
        (tmp_path / "old.sqlite3").chmod(0o644)
        sqlite_app(tmp_path / "instance", tmp_path / "old.sqlite3")
        assert mode(tmp_path / "old.sqlite3") == 0o600
    finally:
        os.umask(old_umask)
        db.close()


def test_erased_rows_are_overwritten_whatever_sqlite_build(tmp_path):
    from sokandelots.privacy import erasure
    from sokandelots.db import SQLITE_PRAGMAS
    from sokandelots.profile import answers
    from sokandelots.profile.catalogue import BY_KEY
    # Set by the service itself, not left to how the system's SQLite was built.
    assert SQLITE_PRAGMAS["secure_delete"] == 1
    database = tmp_path / "live.sqlite3"
    app = sqlite_app(tmp_path, database)
    try:
        with app.test_request_context(), db.connection_context():
            assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
            erik = User.by_username("erik")
            answers.save(erik, BY_KEY["call_me"], {"text": "Zebrafinken Ottilia"})
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            assert "Zebrafinken Ottilia".encode() in database.read_bytes()
            answers.save(erik, BY_KEY["call_me"], {"text": "Zebrafinken Ottilia igen"})
            erasure.erase(erik)
            # Neither in the file nor in its write-ahead log, without waiting for a checkpoint.
            wal = database.with_name(database.name + "-wal")
            for path in (database, wal):
                assert b"Zebrafinken Ottilia" not in (path.read_bytes() if path.exists() else b"")
    finally:
        db.close()


@pytest.mark.parametrize("target", ["/\\evil.example", "//evil.example", "https://evil.example/",
                                    "/\t/evil.example", "javascript:alert(1)"])
def test_the_swedish_words_switch_never_leads_to_another_site(client, as_user, target):
    from helpers import submit
    as_user("erik")
    response = submit(client, "/me/", {"next": target}, action="/me/swedish")
    assert response.headers["Location"] == "/me/"
    response = submit(client, "/me/", {"next": "/me/profile/q/interests"}, action="/me/swedish")
    assert response.headers["Location"] == "/me/profile/q/interests"


def test_opening_messages_marks_nothing_read_until_the_reader_says_so(app, client, as_user):
    from helpers import submit
    from sokandelots.models import Message
    coach = app.test_client()
    login(coach, "coach")
    as_user("erik")
    submit(client, "/me/messages", {"text": "Hej! Kan vi ses?"})
    submit(client, "/me/messages", {"text": "På tisdag?"})
    thread = "/coach/participants/5/messages"
    for _ in range(2):  # a link preview, a prefetch, a second tab: nothing changes
        page = coach.get(thread).get_data(as_text=True)
    assert 'name="seen" value="2"' in page and "Markera som läst" in page
    assert 'href="/coach/participants/5/messages"' in coach.get("/coach/").get_data(as_text=True)
    unread = lambda: in_db(app, lambda: Message.select().where(Message.read_at.is_null()).count())
    assert unread() == 2
    submit(client, "/me/messages", {"text": "Eller onsdag."})  # comes while the coach reads
    submit(coach, thread, {"seen": "2"}, action=f"{thread}/read")
    assert unread() == 1  # the one the page did not show stays unread
    assert "Markera som läst" in coach.get(thread).get_data(as_text=True)
    # Answering says it was read as well.
    submit(coach, thread, {"text": "Onsdag passar.", "seen": "3"})
    assert in_db(app, lambda: [m.read_at is None for m in Message.select().order_by(Message.id)]
                 ) == [False, False, False, True]
    assert "Jag har läst" in client.get("/me/messages").get_data(as_text=True)
    assert unread() == 1
    submit(client, "/me/messages", {"seen": "4"}, action="/me/messages/read")
    assert unread() == 0
    assert "Jag har läst" not in client.get("/me/messages").get_data(as_text=True)


OVERRIDE = "\u202eevil"  # a right-to-left override, then text that would show reversed


def test_typed_names_in_titles_and_options_are_isolated(app, client, as_user, users):
    from bs4 import BeautifulSoup

    from helpers import submit
    from sokandelots.employers import register
    isolated = f"\u2068{OVERRIDE}\u2069"
    in_db(app, lambda: User.update(display_name=OVERRIDE).where(
        User.username.in_(["erik", "coach2"])).execute())
    in_db(app, lambda: register.add_employer(User.get(User.username == "coach"), OVERRIDE, "food"))
    as_user("coach")
    for page in ("/coach/participants/5", "/coach/participants/5/messages",
                 "/coach/employers/1"):
        title = BeautifulSoup(client.get(page).get_data(as_text=True), "html.parser").title
        assert isolated in title.string, page
    html = client.get("/coach/participants/5/leads").get_data(as_text=True)
    options = [option.string for option in BeautifulSoup(html, "html.parser")("option")]
    assert isolated in options and OVERRIDE not in options
    for page in ("/coach/cover", "/coach/participants/4/handover"):
        html = client.get(page).get_data(as_text=True)
        options = [option.string for option in BeautifulSoup(html, "html.parser")("option")]
        assert isolated in options and OVERRIDE not in options, page
    submit(client, "/coach/", {}, action="/logout")
    as_user("admin")
    html = client.get("/admin/users/5/coach").get_data(as_text=True)
    options = [option.string for option in BeautifulSoup(html, "html.parser")("option")]
    assert isolated in options and OVERRIDE not in options


def test_pages_turn_off_what_they_do_not_use_and_keep_openers_out(client):
    headers = client.get("/login").headers
    policy = dict(part.split("=") for part in headers["Permissions-Policy"].split(", "))
    assert policy["camera"] == policy["geolocation"] == policy["payment"] == "()"
    assert policy["microphone"] == "(self)"  # for answers given by voice
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_over_https_the_session_cookie_is_for_this_host_alone(tmp_path):
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    try:
        client = app.test_client()
        response = login(client, "erik")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("__Host-session=")
        assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
        assert client.get("/me/", base_url="https://localhost").status_code == 200
    finally:
        drop_database(app)


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text(app):
    import csv
    import io

    from sokandelots import downloads
    cells = ["=HYPERLINK(\"http://evil.example\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
             "Bageriet", "", 7, -3]
    with app.test_request_context():
        body = downloads.csv_file(["=header", "b"], [[cell, "ok"] for cell in cells],
                                  "x.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["'=header", "b"]
    assert [row[0] for row in rows[1:]] == [
        "'=HYPERLINK(\"http://evil.example\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx",
        "Bageriet", "", "7", "-3"]


def test_the_csrf_token_is_masked_afresh_in_every_page(client):
    """Pages are sent compressed: a token that stayed the same could be guessed from their
    size (BREACH). Each page carries it under a new mask (the same in all its forms), and
    every masked one is taken."""
    import re
    login(client, "amina")
    pattern = re.compile(r'name="csrf_token" value="([^"]+)"')
    first = pattern.findall(client.get("/me/").get_data(as_text=True))
    second = pattern.findall(client.get("/me/").get_data(as_text=True))
    assert len(first) >= 2 and len(set(first)) == len(set(second)) == 1 and first[0] != second[0]
    response = client.post("/language", data={"csrf_token": second[-1], "code": "sv", "next": "/me/"})
    assert response.status_code == 303
    refused = client.post("/language", data={"csrf_token": second[-1][:-4] + "AAAA", "code": "sv"})
    assert refused.status_code == 400


def test_a_sessions_signed_token_is_kept_from_page_to_page(app, monkeypatch):
    """Flask-WTF signs the token with the time in it, for every page; as the token lives as long
    as the session, the first signature is kept. Each session has its own, and a kept one is
    taken long after it was made."""
    import itertools
    import re

    from itsdangerous.timed import TimestampSigner

    clock = itertools.count(1_800_000_000, 3600)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: next(clock))
    pattern = re.compile(r'name="csrf_token" value="([^"]+)"')
    signed = {}
    for name in ("amina", "erik"):
        client = app.test_client()
        login(client, name)
        signed[name] = [unmask(pattern.findall(client.get("/me/").get_data(as_text=True))[0])
                        for _ in range(3)]
        taken = client.post("/language", data={"csrf_token": signed[name][0], "code": "sv",
                                               "next": "/me/"})
        assert taken.status_code == 303
    assert len(set(signed["amina"])) == len(set(signed["erik"])) == 1
    assert signed["amina"][0] != signed["erik"][0]


def test_a_token_with_a_time_limit_is_signed_for_every_page(tmp_path, monkeypatch):
    import itertools
    import re

    from itsdangerous.timed import TimestampSigner
    clock = itertools.count(1_800_000_000, 60)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: next(clock))
    app = make_app(tmp_path, WTF_CSRF_TIME_LIMIT=3600)
    try:
        client = app.test_client()
        login(client, "amina")
        pattern = re.compile(r'name="csrf_token" value="([^"]+)"')
        pages = [client.get("/me/").get_data(as_text=True) for _ in range(2)]
        assert unmask(pattern.findall(pages[0])[0]) != unmask(pattern.findall(pages[1])[0])
    finally:
        drop_database(app)


def test_an_answer_that_writes_no_form_makes_no_token(client, monkeypatch):
    from sokandelots import masking
    login(client, "amina")
    made, generate = [], masking.signed_csrf_token
    monkeypatch.setattr(masking, "signed_csrf_token", lambda: made.append(1) or generate())
    saved = submit(client, "/me/profile/q/dream_job", {"text": "Djur"},
                   headers={"HX-Request-Type": "partial"})
    assert saved.status_code == 200 and "m." not in saved.get_data(as_text=True)
    assert len(made) == 1  # for the page the token was taken from, not for the autosave
