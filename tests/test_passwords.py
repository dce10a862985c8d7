import pytest

from helpers import submit
from sokandelots import passwords

ENGLISH = {"Accept-Language": "en"}


@pytest.mark.parametrize("password", ["short", "1234567"])
def test_too_short(app, password):
    with app.test_request_context(headers=ENGLISH):
        assert "too short" in str(passwords.problem(password))


@pytest.mark.parametrize("password", ["password", "12345678", "qwertyuiop", "Password1",
                                      "sommar2024", "iloveyou!"])
def test_common_passwords_are_refused_kindly(app, password):
    with app.test_request_context(headers=ENGLISH):
        assert "easy to guess" in str(passwords.problem(password))


def test_password_containing_the_username_is_refused_for_that_reason(app):
    with app.test_request_context(headers=ENGLISH):
        for password in ("amina-is-me", "mitt namn är AMINA"):
            message = str(passwords.problem(password, "amina"))
            assert message == "The password must not contain your username.", password
        assert passwords.problem("amina-is-me", "erik") is None


def test_changing_the_password_to_one_with_the_username_says_why(client, as_user):
    from flask_babel import force_locale, gettext
    as_user("erik")
    response = submit(client, "/account", {"current": "lots-demo-2026",
                                           "password": "erik och hunden springer"},
                      action="/account/password")
    with client.application.test_request_context(), force_locale("sv"):
        expected = gettext("The password must not contain your username.")
        common = gettext("Many people use this password, so it is easy to guess. "
                         "Choose another one. A few words in a row are easy to remember.")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and expected in html and common not in html


@pytest.mark.parametrize("password", ["ko på grönt gräs", "hästen hoppar högt",
                                      "Pa$$ w0rd with spaces and ünicode"])
def test_long_uncommon_passwords_pass_without_composition_rules(app, password):
    with app.test_request_context(headers=ENGLISH):
        assert passwords.problem(password) is None


def test_too_long(app):
    with app.test_request_context(headers=ENGLISH):
        assert "too long" in str(passwords.problem("a" * 201))


def test_hash_and_verify():
    hashed = passwords.hash_password("ko på grönt gräs")
    assert hashed.startswith("$argon2")
    assert passwords.verify(hashed, "ko på grönt gräs")
    assert not passwords.verify(hashed, "ko på grönt gräs!")
    assert not passwords.verify(None, "anything")
    assert not passwords.verify("not a hash", "anything")
