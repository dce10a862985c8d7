"""Languages: every locale renders with its lang and dir, the choice sticks, catalogues are complete."""
import re
import subprocess
import sys
from pathlib import Path

from datetime import date

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from helpers import choose_language, login, submit
from sokandelots.db import db
from sokandelots.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "translations"
RTL = {"ar", "fa", "fa_AF"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(code):
    with open(CATALOGUES / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_locale_renders_with_lang_and_dir(client, code):
    html = choose_language(client, code).get_data(as_text=True)
    html = client.get("/login").get_data(as_text=True)
    direction = "rtl" if code in RTL else "ltr"
    assert f'<html lang="{code.replace("_", "-")}" dir="{direction}">' in html


def test_a_translated_string_really_renders(client):
    assert ">Logga in</h1>" in client.get("/login").get_data(as_text=True)
    choose_language(client, "ar")
    assert ">تسجيل الدخول</h1>" in client.get("/login").get_data(as_text=True)


def test_language_picker_names_each_language_in_its_own_script(client):
    html = client.get("/login").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f'value="{code}" lang="{code.replace("_", "-")}"' in html
        assert f">{name}</button>" in html
    assert [*LANGUAGES.values()] == ["Svenska", "English", "العربية", "دری", "فارسی", "Soomaali",
                                     "ትግርኛ", "Українська"]


@pytest.mark.parametrize("header,expected", [
    ("ar,en;q=0.5", "ar"), ("uk-UA", "uk"), ("de,fr", "sv"), ("en-GB,sv;q=0.8", "en"),
    ("prs", "fa-AF"), ("fa-AF,fa;q=0.8", "fa-AF"), ("fa-IR", "fa"), ("fa,en;q=0.5", "fa"),
    ("", "sv")])
def test_browser_language_picks_the_best_supported_locale(client, header, expected):
    html = client.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}"' in html


def test_a_browsers_language_header_is_weighed_once(client, monkeypatch):
    from sokandelots import i18n
    weighed = []
    negotiate = i18n.negotiate_locale
    monkeypatch.setattr(i18n, "negotiate_locale", lambda *args, **kw: weighed.append(args[0])
                        or negotiate(*args, **kw))
    header = "so-SO,uk;q=0.9,en;q=0.1"
    for _ in range(3):
        html = client.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
        assert '<html lang="so"' in html
    assert weighed in ([], [["so_SO", "uk", "en"]])  # weighed at most once, here or before


def test_choice_sticks_for_the_session_over_the_browser_language(client):
    choose_language(client, "so")
    html = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="so"' in html


def test_amina_gets_arabic_at_login_from_her_account(client):
    login(client, "amina")
    assert '<html lang="ar" dir="rtl">' in client.get("/me/").get_data(as_text=True)


def test_choice_sticks_for_the_account_in_a_new_browser(app):
    first = app.test_client()
    login(first, "erik")
    choose_language(first, "uk", "/me/")
    second = app.test_client()
    login(second, "erik")
    assert '<html lang="uk"' in second.get("/me/").get_data(as_text=True)


def test_language_survives_logout(client):
    login(client, "amina")
    submit(client, "/me/", {}, action="/logout")
    assert '<html lang="ar"' in client.get("/login").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    choose_language(client, "xx")
    assert '<html lang="sv"' in client.get("/login").get_data(as_text=True)


def test_extracted_catalogue_is_not_empty_and_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-k", "lazy_ngettext:1,2", "-k",
                    "lazy_pgettext:1c,2", "-o", str(fresh), "."], cwd=ROOT, check=True)
    with open(fresh, "rb") as pot:
        extracted = {(m.context, m.id) for m in read_po(pot) if m.id}
    assert len(extracted) > 50
    missing = extracted - {(m.context, m.id) for m in catalogue("sv") if m.id}
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


# --- The language control is a form, and a choice on the page a person sees wins -------------

def test_an_old_language_link_changes_nothing(client, users):
    login(client, "erik")
    assert client.get("/language/uk?next=/me/").status_code == 404
    assert client.get("/language").status_code == 405
    assert '<html lang="sv"' in client.get("/me/").get_data(as_text=True)


def test_a_language_change_needs_the_form_from_this_site(client):
    assert client.post("/language", data={"code": "ar", "next": "/login"}).status_code == 400
    assert '<html lang="sv"' in client.get("/login").get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", ""])
def test_a_language_change_goes_back_only_to_a_page_of_this_site(client, target):
    response = submit(client, "/login", {"code": "en", "next": target}, action="/language")
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_the_language_change_comes_back_to_the_page_with_its_query(client, as_user):
    as_user("coach")
    response = choose_language(client, "en", "/coach/?step=1&sort=followup")
    assert response.headers["Location"] == "/coach/?step=1&sort=followup"


def logged_out_with_account_language(client, username, code):
    """`username`'s account keeps language `code`; the browser is left on the login page."""
    login(client, username)
    choose_language(client, code, "/")
    submit(client, "/login", {}, action="/logout")


def test_language_chosen_on_the_login_page_wins_over_the_accounts_and_is_kept(app):
    client = app.test_client()
    logged_out_with_account_language(client, "erik", "sv")
    choose_language(client, "ar")
    login(client, "erik")
    assert '<html lang="ar"' in client.get("/me/").get_data(as_text=True)
    elsewhere = app.test_client()
    login(elsewhere, "erik")
    assert '<html lang="ar"' in elsewhere.get("/me/").get_data(as_text=True)


def test_the_language_of_the_person_before_is_not_the_next_persons_choice(app, users):
    from sokandelots.models import User
    client = app.test_client()
    logged_out_with_account_language(client, "erik", "sv")
    login(client, "amina")
    submit(client, "/me/", {}, action="/logout")
    assert '<html lang="ar"' in client.get("/login").get_data(as_text=True)  # amina's, for now
    login(client, "erik")
    assert '<html lang="sv"' in client.get("/me/").get_data(as_text=True)
    submit(client, "/me/", {}, action="/logout")
    # Sara's account has no language yet: she gets her browser's, and Erik's is not stored.
    login(client, "sara", headers={"Accept-Language": "uk"})
    assert '<html lang="uk"' in client.get("/me/", headers={"Accept-Language": "uk"}).get_data(
        as_text=True)
    with app.app_context(), db.connection_context():
        assert User.by_username("sara").locale is None


# --- Dates in words ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "ti"])
def test_dates_have_the_month_as_a_word(client, as_user, app, code):
    from babel.dates import format_date
    from sokandelots.models import Case, User
    today = date.today()
    with app.app_context(), db.connection_context():
        Case.update(next_followup=today).execute()
    as_user("coach")
    choose_language(client, code, "/coach/")
    html = client.get("/coach/").get_data(as_text=True)
    assert format_date(today, "long", locale=code) in html
    assert Locale.parse(code).months["format"]["wide"][today.month] in html
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", html)


def test_no_template_writes_a_date_in_numbers_only():
    short = re.compile(r"(date|datetime)format\(\s*[\"']short[\"']")
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "templates").rglob("*.html")
             if short.search(path.read_text(encoding="utf-8"))]
    assert not found, found


def test_the_forms_own_messages_come_in_the_readers_language(app):
    from flask_babel import force_locale
    from wtforms import SelectField
    from wtforms.fields.choices import SelectChoice

    from sokandelots.forms import BaseForm

    class Choose(BaseForm):
        answer = SelectField(choices=[SelectChoice(value="yes", label="Yes")])

    with app.test_request_context(method="POST", data={"answer": "maybe"},
                                  headers={"Accept-Language": "sv"}):
        form = Choose(meta={"csrf": False})
        assert not form.validate()
        assert form.answer.errors == ["Det svaret finns inte. Välj ett av svaren."]
        with force_locale("en"):
            form = Choose(meta={"csrf": False})
            assert not form.validate() and form.answer.errors == ["Not a valid choice."]
