"""Coaches create participants and give them login cards; participants choose their own password."""
import re
from datetime import datetime

from helpers import choose_language, login, submit
from sokandelots.db import db
from sokandelots.models import Case, User

CODE = re.compile(r'class="code" lang="en">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<')


def create_participant(client, name="Hodan Warsame", locale="sv"):
    return submit(client, "/coach/", {"name": name, "locale": locale, "commissioner": "fk"},
                  action="/coach/participants")


def card_code(client, card_url):
    html = client.get(card_url).get_data(as_text=True)
    assert 'src="data:image/svg+xml' in html  # the QR code of the set-up link
    return CODE.search(html).group(1), html


def test_coach_creates_a_participant_and_gets_a_printable_login_card(client, as_user, app):
    as_user("coach")
    response = create_participant(client, locale="so")
    assert response.status_code == 303
    code, html = card_code(client, response.headers["Location"])
    assert "hodan" in html and "Hodan Warsame" in html
    assert f"/setup?code={code}" in html
    with app.app_context(), db.connection_context():
        user = User.by_username("hodan")
        assert user.role == User.PARTICIPANT and user.locale == "so" and user.password_hash is None
        assert code.replace("-", "") not in (user.setup_code_hash or "")
        case = Case.get(Case.participant == user)
        assert case.coach.username == "coach" and case.commissioner == "fk" and case.step == 1


def test_new_participant_form_keeps_input_and_explains_errors(client, as_user):
    as_user("coach")
    response = create_participant(client, name="   ", locale="xx")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv ett namn." in html and 'href="#name"' in html and 'href="#locale"' in html


def test_htmx_create_returns_only_the_form_fragment_on_error(client, as_user):
    as_user("coach")
    response = submit(client, "/coach/", {"name": "", "locale": "sv", "commissioner": "af"},
                      action="/coach/participants", headers={"HX-Request-Type": "partial"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert html.lstrip().startswith('<section class="card-box" id="new-participant"')
    assert "<html" not in html
    assert "HX-Request-Type" in response.headers["Vary"]


def test_htmx_create_redirects_the_whole_page_to_the_card(client, as_user):
    as_user("coach")
    response = submit(client, "/coach/", {"name": "Ali Haji", "locale": "sv", "commissioner": "af"},
                      action="/coach/participants", headers={"HX-Request-Type": "partial"})
    assert response.status_code == 200
    assert re.fullmatch(r"/coach/participants/\d+/card", response.headers["HX-Redirect"])


def test_participant_sets_up_a_password_with_the_code_and_logs_in(client, as_user):
    as_user("coach")
    code, _ = card_code(client, create_participant(client).headers["Location"])
    submit(client, "/coach/", {}, action="/logout")

    assert client.get(f"/setup?code={code}").headers["Cache-Control"] == "no-store"
    response = submit(client, f"/setup?code={code}", {"code": code, "password": "kamel i öknen"},
                      action="/setup")
    assert response.headers["Location"] == "/me/"
    assert "hodan" in client.get("/me/").get_data(as_text=True)  # the flash names the username
    submit(client, "/me/", {}, action="/logout")
    assert login(client, "hodan", "kamel i öknen").headers["Location"] == "/me/"


def test_set_up_page_speaks_the_language_the_coach_chose(client, as_user):
    as_user("coach")
    code, _ = card_code(client, create_participant(client, locale="uk").headers["Location"])
    submit(client, "/coach/", {}, action="/logout")
    with client.session_transaction() as session:
        session.pop("locale", None)
    assert '<html lang="uk"' in client.get(f"/setup?code={code}").get_data(as_text=True)


def test_set_up_code_works_only_once(client, as_user):
    as_user("coach")
    code, _ = card_code(client, create_participant(client).headers["Location"])
    submit(client, "/coach/", {}, action="/logout")
    submit(client, "/setup", {"code": code, "password": "kamel i öknen"})
    submit(client, "/me/", {}, action="/logout")
    response = submit(client, "/setup", {"code": code, "password": "en annan fin mening"})
    assert response.status_code == 422
    assert "Koden fungerar inte" in response.get_data(as_text=True)


def test_set_up_refuses_a_common_password_and_keeps_the_code(client, as_user):
    as_user("coach")
    code, _ = card_code(client, create_participant(client).headers["Location"])
    response = submit(client, "/setup", {"code": code.lower(), "password": "password123"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "lätt att gissa" in html and f'value="{code.lower()}"' in html


def test_expired_code_does_not_work(client, as_user, app):
    as_user("coach")
    code, _ = card_code(client, create_participant(client).headers["Location"])
    with app.app_context(), db.connection_context():
        User.update(setup_code_expires=datetime(2020, 1, 1)).where(User.username == "hodan").execute()
    assert submit(client, "/setup", {"code": code, "password": "kamel i öknen"}).status_code == 422


def test_coach_resets_a_login_and_the_old_password_and_sessions_stop_working(app, as_user):
    erik = app.test_client()
    assert login(erik, "erik").status_code == 302
    coach = app.test_client()
    login(coach, "coach")
    response = submit(coach, "/coach/participants/5", {}, action="/coach/participants/5/card")
    code, _ = card_code(coach, response.headers["Location"])

    assert erik.get("/me/").headers["Location"].startswith("/login")  # the open session ended
    assert login(app.test_client(), "erik").status_code == 422  # the old password no longer works
    assert submit(app.test_client(), "/setup", {"code": code, "password": "nytt bra lösen"}
                  ).headers["Location"] == "/me/"


def test_card_code_is_shown_only_in_the_session_that_made_it(app, as_user):
    coach = app.test_client()
    login(coach, "coach")
    card_url = create_participant(coach).headers["Location"]
    other_browser = app.test_client()
    login(other_browser, "coach")
    html = other_browser.get(card_url).get_data(as_text=True)
    assert not CODE.search(html)
    assert "visar koden på ett inloggningskort bara en gång" in html


def test_admin_creates_a_coach_who_sets_up_a_password(client, as_user, app):
    as_user("admin")
    response = submit(client, "/admin/", {"name": "Karin Åberg"}, action="/admin/coaches")
    code, _ = card_code(client, response.headers["Location"])
    with app.app_context(), db.connection_context():
        assert User.by_username("karin").role == User.COACH
    submit(client, "/admin/", {}, action="/logout")
    response = submit(client, "/setup", {"code": code, "password": "fika varje fredag"})
    assert response.headers["Location"] == "/coach/"


def test_admin_deactivates_an_account_and_its_session_ends_at_once(app, users):
    coach = app.test_client()
    login(coach, "coach")
    admin = app.test_client()
    login(admin, "admin")
    coach_id = users["coach"].id
    submit(admin, "/admin/", {}, action=f"/admin/users/{coach_id}/active")
    assert coach.get("/coach/").headers["Location"].startswith("/login")
    assert "Avstängt" in admin.get("/admin/").get_data(as_text=True)
    submit(admin, "/admin/", {}, action=f"/admin/users/{coach_id}/active")
    assert login(app.test_client(), "coach").status_code == 302


def test_admin_cannot_deactivate_themself(client, as_user, users):
    as_user("admin")
    response = submit(client, "/admin/", {}, action=f"/admin/users/{users['admin'].id}/active")
    assert response.status_code == 403


def test_coach_sees_only_their_own_participants(client, as_user, users):
    as_user("coach")
    html = client.get("/coach/").get_data(as_text=True)
    assert "Amina Yusuf" in html and "Erik Nilsson" in html and "Sara Ahmadi" not in html
    sara = users["sara"].id
    assert client.get(f"/coach/participants/{sara}").status_code == 404
    assert client.get(f"/coach/participants/{sara}/card").status_code == 404
    assert submit(client, "/coach/", {}, action=f"/coach/participants/{sara}/card").status_code == 404
    assert client.get("/coach/participants/9999").status_code == 404


def test_usernames_are_made_from_names_and_never_repeat(client, as_user, app):
    as_user("coach")
    for name in ("Erik Svensson", "Erik Larsson", "أمل"):
        create_participant(client, name=name)
    with app.app_context(), db.connection_context():
        names = {u.display_name: u.username for u in User.select()}
    assert names["Erik Svensson"] == "erik2" and names["Erik Larsson"] == "erik3"
    assert names["أمل"] == "deltagare"


def test_names_in_any_script_give_a_username_made_from_the_name(app):
    from sokandelots.accounts import suggest_username
    with app.app_context(), db.connection_context():
        assert suggest_username("أمينة يوسف") == "mynh"  # Arabic
        assert suggest_username("فاطمه محمدی") == "ftmh"  # Persian
        assert suggest_username("ሃብቶም ተስፋይ") == "habtom"  # Tigrinya, in Ge'ez script
        assert suggest_username("Олена Коваленко") == "olena"  # Ukrainian, in Cyrillic
        assert suggest_username("Cabdi Xasan") == "cabdi"  # Somali, in Latin script
        assert suggest_username("Åsa Öberg") == "asa"
        assert suggest_username("علي حسن") == "lyhsn"  # a first name too short: the whole name
        assert suggest_username("Amina") == "amina2"  # the demo's amina has the first


def test_the_coach_changes_a_username_and_it_is_checked_and_logged(client, as_user, app):
    as_user("coach")
    card = create_participant(client, name="أمينة يوسف").headers["Location"]
    participant_id = int(card.split("/")[-2])
    action = f"/coach/participants/{participant_id}/username"
    page = client.get(card).get_data(as_text=True)
    assert f'action="{action}"' in page and 'value="mynh"' in page
    for bad in ("am", "amina yusuf", "amína", "a" * 31, ""):
        response = submit(client, card, {"username": bad}, action=action)
        html = response.get_data(as_text=True)
        assert response.status_code == 422 and 'href="#username"' in html, bad
        assert 'aria-invalid="true"' in html and CODE.search(html), bad  # the card is still there
    taken = submit(client, card, {"username": "Erik"}, action=action)
    assert taken.status_code == 422 and 'id="username-error"' in taken.get_data(as_text=True)

    def changes():
        from sokandelots.models import AccessLog
        with app.app_context(), db.connection_context():
            return AccessLog.select().where(AccessLog.participant == participant_id,
                                            AccessLog.endpoint == "coach.change_username",
                                            AccessLog.changed == True).count()  # noqa: E712

    before = changes()
    done = submit(client, card, {"username": " Amina2026 "}, action=action)
    assert done.status_code == 302 and done.headers["Location"] == card
    assert changes() == before + 1
    with app.app_context(), db.connection_context():
        assert User.get_by_id(participant_id).username == "amina2026"
    assert "amina2026" in client.get(card).get_data(as_text=True)  # the card shows the new name
    other = app.test_client()
    login(other, "coach2")
    assert submit(other, "/coach/", {"username": "stolen"}, action=action).status_code == 404


def test_login_card_names_its_language_in_its_own_script_and_in_swedish(client, as_user):
    as_user("coach")
    _, html = card_code(client, create_participant(client, locale="ti").headers["Location"])
    assert '<bdi lang="ti">ትግርኛ</bdi> <bdi lang="sv">(tigrinja)</bdi>' in html


def test_a_code_typed_by_hand_continues_in_the_card_holders_language(client, as_user, app):
    as_user("coach")
    code, _ = card_code(client, create_participant(client, locale="ti").headers["Location"])
    submit(client, "/coach/", {}, action="/logout")
    # The person before at this library computer read Arabic; it stays for the login page.
    login(client, "amina")
    submit(client, "/me/", {}, action="/logout")
    assert '<html lang="ar"' in client.get("/setup").get_data(as_text=True)
    response = submit(client, "/setup", {"code": code, "password": "kort"})
    assert response.status_code == 422 and '<html lang="ti"' in response.get_data(as_text=True)
    assert submit(client, "/setup", {"code": code, "password": "ሰላም ንኹሉ ሰብ ሰላም"}).status_code == 302
    assert '<html lang="ti"' in client.get("/me/").get_data(as_text=True)


def test_a_language_chosen_on_the_set_up_page_wins_and_is_kept(client, as_user, app):
    as_user("coach")
    code, _ = card_code(client, create_participant(client, locale="ti").headers["Location"])
    submit(client, "/coach/", {}, action="/logout")
    choose_language(client, "uk", f"/setup?code={code}")
    assert '<html lang="uk"' in client.get(f"/setup?code={code}").get_data(as_text=True)
    response = submit(client, f"/setup?code={code}", {"code": code, "password": "кіт спить на сонці"},
                      action="/setup")
    assert response.status_code == 302
    assert '<html lang="uk"' in client.get("/me/").get_data(as_text=True)
    with app.app_context(), db.connection_context():
        assert User.by_username("hodan").locale == "uk"
