"""Languages: every locale renders with its lang and dir, the choice sticks, catalogues are complete."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import login, submit
from sokandelots.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "translations"
RTL = {"ar", "fa"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(code):
    with open(CATALOGUES / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_locale_renders_with_lang_and_dir(client, code):
    html = client.get(f"/language/{code}?next=/login", follow_redirects=True).get_data(as_text=True)
    direction = "rtl" if code in RTL else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html


def test_a_translated_string_really_renders(client):
    assert "<h1>Logga in</h1>" in client.get("/login").get_data(as_text=True)
    client.get("/language/ar")
    assert "<h1>تسجيل الدخول</h1>" in client.get("/login").get_data(as_text=True)


def test_language_picker_names_each_language_in_its_own_script(client):
    html = client.get("/login").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f'lang="{code}" hreflang="{code}"' in html and f">{name}</a>" in html
    assert [*LANGUAGES.values()] == ["Svenska", "English", "العربية", "دری/فارسی", "Soomaali",
                                     "ትግርኛ", "Українська"]


@pytest.mark.parametrize("header,expected", [
    ("ar,en;q=0.5", "ar"), ("uk-UA", "uk"), ("de,fr", "sv"), ("en-GB,sv;q=0.8", "en"),
    ("prs", "fa"), ("", "sv")])
def test_browser_language_picks_the_best_supported_locale(client, header, expected):
    html = client.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}"' in html


def test_choice_sticks_for_the_session_over_the_browser_language(client):
    client.get("/language/so")
    html = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="so"' in html


def test_amina_gets_arabic_at_login_from_her_account(client):
    login(client, "amina")
    assert '<html lang="ar" dir="rtl">' in client.get("/me/").get_data(as_text=True)


def test_choice_sticks_for_the_account_in_a_new_browser(app):
    first = app.test_client()
    login(first, "erik")
    first.get("/language/uk")
    second = app.test_client()
    login(second, "erik")
    assert '<html lang="uk"' in second.get("/me/").get_data(as_text=True)


def test_language_survives_logout(client):
    login(client, "amina")
    submit(client, "/me/", {}, action="/logout")
    assert '<html lang="ar"' in client.get("/login").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    client.get("/language/xx")
    assert '<html lang="sv"' in client.get("/login").get_data(as_text=True)


def test_extracted_catalogue_is_not_empty_and_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-o", str(fresh), "."], cwd=ROOT, check=True)
    with open(fresh, "rb") as pot:
        extracted = {m.id for m in read_po(pot) if m.id}
    assert len(extracted) > 50
    missing = extracted - {m.id for m in catalogue("sv") if m.id}
    assert not missing, f"run `make messages` and translate: {sorted(map(str, missing))}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete_without_fuzzy_entries(code):
    problems = []
    for message in catalogue(code):
        if not message.id:
            continue
        # Plural messages have a tuple of ids and one string per plural form.
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms) or message.fuzzy:
            problems.append(f"untranslated or fuzzy: {source!r}")
            continue
        for form in forms:
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(form)):
                problems.append(f"placeholders differ: {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)
