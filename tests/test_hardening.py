"""Limits that keep one burst or one file from taking the server, files only the service can read,
and smaller guards: redirects, GET without side effects, bidirectional text, headers, CSV."""
import struct
import threading
import zlib

import pytest
from argon2 import PasswordHasher

from helpers import login, make_app, run_on_postgres
from sokandelots import passwords
from sokandelots.db import db
from sokandelots.models import User


def in_db(app, work):
    with app.app_context(), db.connection_context():
        return work()


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
        db.close()
        if app.config["TEST_SCHEMA"]:
            run_on_postgres(f"DROP SCHEMA {app.config['TEST_SCHEMA']} CASCADE")


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
    admin.get("/language/en")
    login(admin, "admin")
    response = upload(admin, png_header(width, height), "huge.png")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#picture"' in html
    assert f"{width} × {height} pixels" in html and "at most 6000 pixels on each side" in html
    assert decoded == [] and stored(app) == []


def test_a_phone_photo_is_still_taken(app):
    from io import BytesIO

    from PIL import Image

    from test_job_cards import stored, upload
    out = BytesIO()
    Image.new("RGB", (4032, 3024), (20, 120, 40)).save(out, "JPEG", quality=60)
    admin = app.test_client()
    login(admin, "admin")
    assert upload(admin, out.getvalue(), "photo.jpg").status_code == 302
    small, large = stored(app)
    with Image.open(large) as image:
        assert image.size == (320, 240)
