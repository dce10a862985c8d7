"""Job cards: the catalogue, sorting, suggestions, sharing, and the administrator's cards."""
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from helpers import choose_language, csrf_token, exported, login, submit
from sokandelots import create_app
from sokandelots.db import db
from sokandelots.activities import catalogue as activities
from sokandelots.i18n import LANGUAGES
from sokandelots.jobcards import choices
from sokandelots.jobcards.catalogue import BY_KEY, CARDS, TAGS, pictures
from sokandelots.profile.catalogue import BY_KEY as QUESTIONS

ROOT = Path(__file__).resolve().parent.parent


def checked(html, name, value):
    return re.search(rf'<input checked[^>]* name="{name}"[^>]* value="{value}"', html)


def translated(code):
    with open(ROOT / "translations" / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return {m.id: m.string for m in read_po(po, locale=code) if m.id and m.string}


def test_there_are_at_least_40_cards_each_with_tags_and_3_to_8_related_jobs():
    assert len(CARDS) >= 40 and len(BY_KEY) == len(CARDS)
    for card in CARDS:
        assert card.tags and set(card.tags) <= set(TAGS), card.key
        assert 3 <= len(card.related) <= 8 or card.key == "window_cleaning", card.key


def test_every_tag_matches_real_profile_answers():
    for tag in TAGS.values():
        for question, option in tag.matches:
            assert option in {o.key for o in QUESTIONS[question].options}, (tag.key, question, option)


def test_every_picture_has_a_file_and_a_licence_record():
    sources = (ROOT / "static/img/pictograms/SOURCES.md").read_text()
    for name in pictures() | activities.pictures() | {o.picture for o in choices.ANSWERS}:
        assert (ROOT / f"static/img/pictograms/{name}.svg").read_text()[:5] in ("<svg ", "<?xml")
        assert f"| {name}.svg |" in sources and "CC BY 4.0" in sources


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_card_has_its_title_text_and_jobs_in_every_locale(code):
    strings = translated(code)
    for card in CARDS:
        for text in (card.title, card.text, *card.related):
            assert strings.get(text._args[0]), f"{code}: {text._args[0]}"


def profile_with(**chosen):
    return {key: {"choices": list(values)} for key, values in chosen.items()}


def test_suggestions_follow_the_profile():
    from sokandelots.jobcards.cards import shown
    cards = [shown(card.key, None, "en") for card in CARDS]
    profile = profile_with(interests=["animals", "outdoors"], place=["outdoors"])
    found = choices.suggestions(cards, profile)
    top = [card.key for card, _ in found[:5]]
    assert set(top[:4]) == {"farming", "farm_animals", "stables", "dog_care"}
    reasons = dict((card.key, [str(r) for r in why]) for card, why in found)
    assert reasons["stables"] == ["You like to be outdoors.", "You like animals."]
    assert "cleaning" not in reasons  # nothing in this profile fits cleaning


def test_suggestions_leave_out_cards_the_person_said_no_to():
    from sokandelots.jobcards.cards import shown
    cards = [shown(card.key, None, "en") for card in CARDS]
    no = type("Choice", (), {"answer": "no"})()
    found = choices.suggestions(cards, profile_with(interests=["animals"]), {"stables": no})
    assert "stables" not in [card.key for card, _ in found]
    assert choices.suggestions(cards, {}) == []


def test_sorting_a_card_saves_and_goes_to_the_next(client, as_user):
    as_user("sara")
    assert client.get("/me/cards/sort").headers["Location"] == "/me/cards/c/shop"
    response = submit(client, "/me/cards/c/shop", {"answer": "yes", "want_more": "y",
                                                   "note": "Jag gillar <b>butiker</b>", "go": "next"})
    assert response.headers["Location"] == "/me/cards/c/warehouse"
    page = client.get("/me/cards/c/shop").get_data(as_text=True)
    assert checked(page, "answer", "yes") and checked(page, "want_more", "y")
    assert "&lt;b&gt;butiker&lt;/b&gt;" in page
    assert client.get("/me/cards/sort").headers["Location"] == "/me/cards/c/warehouse"
    grid = client.get("/me/cards/").get_data(as_text=True)
    assert "Ja, gärna" in grid and "Jag vill veta mer" in grid
    assert "Du har sorterat 1 av" in grid or "1 av" in grid


def test_back_goes_to_the_card_before_and_the_last_card_goes_to_the_grid(client, as_user):
    as_user("sara")
    assert submit(client, "/me/cards/c/warehouse", {"go": "back"}).headers["Location"] == "/me/cards/c/shop"
    last = CARDS[-1].key
    assert submit(client, f"/me/cards/c/{last}", {"answer": "no"}).headers["Location"] == "/me/cards/"


def test_autosave_answers_htmx_with_a_saved_message(client, as_user, users):
    as_user("sara")
    token = csrf_token(client, "/me/cards/c/cafe")
    response = client.post("/me/cards/c/cafe", data={"csrf_token": token, "answer": "maybe"},
                           headers={"HX-Request-Type": "partial"})
    assert response.status_code == 200 and "Sparat" in response.get_data(as_text=True)
    assert "HX-Request-Type" in response.headers["Vary"]
    assert checked(client.get("/me/cards/c/cafe").get_data(as_text=True), "answer", "maybe")


@pytest.mark.parametrize("data,field", [({"answer": "perhaps"}, "answer"),
                                        ({"note": "x" * 501}, "note")])
def test_bad_input_gets_a_kind_error_next_to_the_field(client, as_user, data, field):
    as_user("sara")
    response = submit(client, "/me/cards/c/cafe", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fel:" in html and f'href="#{field}"' in html and 'class="error-message"' in html


def test_unknown_card_is_not_found(client, as_user):
    as_user("sara")
    assert client.get("/me/cards/c/astronaut").status_code == 404


def test_my_cards_lists_yes_and_maybe_cards_only(client, as_user):
    as_user("sara")
    submit(client, "/me/cards/c/shop", {"answer": "yes"})
    submit(client, "/me/cards/c/cafe", {"answer": "maybe"})
    submit(client, "/me/cards/c/taxi", {"answer": "no"})
    html = client.get("/me/cards/mine").get_data(as_text=True)
    assert "Butik" in html and "Kafé" in html and "Köra människor" not in html


def test_suggestions_page_says_why_in_plain_words(client, as_user):
    as_user("sara")
    assert "Svara på fler frågor" in client.get("/me/cards/suggestions").get_data(as_text=True)
    submit(client, "/me/profile/q/interests", {"choices": ["animals"]})
    html = client.get("/me/cards/suggestions").get_data(as_text=True)
    assert "Du tycker om djur." in html and "/me/cards/c/dog_care" in html


def test_card_choices_are_shared_in_a_version_later_edits_do_not_change(app, client, as_user):
    as_user("erik")
    submit(client, "/me/cards/c/dog_care", {"answer": "yes", "tried": "y"})
    assert "Du har ändringar" in client.get("/me/").get_data(as_text=True)
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    submit(client, "/me/cards/c/dog_care", {"answer": "no"})
    coach = app.test_client()
    login(coach, "coach")
    html = coach.get(f"/coach/participants/{5}/profile").get_data(as_text=True)
    section = html[html.index('id="shared-cards"'):]
    assert "Ja, gärna" in section and "Hundar" in section
    version = client.get("/me/profile/shared/1").get_data(as_text=True)
    assert "Hundar" in version[version.index('id="shared-cards"'):]


def test_export_contains_the_card_choices(client, as_user):
    as_user("erik")
    submit(client, "/me/cards/c/bakery", {"answer": "maybe", "note": "Tidigt?"})
    data = exported(client.get("/me/data.zip"))
    saved = data["job_cards"]["bakery"].pop("saved")
    assert data["job_cards"] == {"bakery": {"answer": "maybe", "note": "Tidigt?"}}
    assert datetime.fromisoformat(saved)


def test_hidden_cards_leave_the_participants_pages(app, client, as_user):
    admin = app.test_client()
    login(admin, "admin")
    assert submit(admin, "/admin/cards/", {}, action="/admin/cards/shop/hidden").status_code == 302
    as_user("sara")
    assert client.get("/me/cards/c/shop").status_code == 404
    assert "/me/cards/c/shop" not in client.get("/me/cards/").get_data(as_text=True)
    assert "Dolt" in admin.get("/admin/cards/").get_data(as_text=True)


def test_admin_adds_a_card_with_texts_in_swedish_that_every_language_falls_back_to(app, client, as_user):
    admin = app.test_client()
    login(admin, "admin")
    response = submit(admin, "/admin/cards/new", {
        "title": "Cykelbud", "text": "Du cyklar med paket.", "related": "Bud\nCykelbud",
        "tags": ["outdoors", "physical"]})
    assert response.status_code == 302
    as_user("amina")  # reads Arabic
    html = client.get("/me/cards/").get_data(as_text=True)
    assert "Cykelbud" in html
    key = html.split("Cykelbud")[0].rsplit("/me/cards/c/", 1)[1].split('"')[0]
    assert key.startswith("own-")
    assert "Du cyklar med paket." in client.get(f"/me/cards/c/{key}").get_data(as_text=True)


def test_admin_changes_a_built_in_card_in_one_language_only(app, client, as_user):
    admin = app.test_client()
    login(admin, "admin")
    submit(admin, "/admin/cards/shop?lang=ar", {"title": "متجر صغير"})
    as_user("amina")
    assert "متجر صغير" in client.get("/me/cards/c/shop").get_data(as_text=True)
    choose_language(client, "sv", "/me/")
    assert re.search(r"<h1 id=\"card-title\"[^>]*>Butik</h1>", client.get("/me/cards/c/shop").get_data(as_text=True))


def test_admin_card_needs_a_title_and_limits_related_jobs(app):
    admin = app.test_client()
    login(admin, "admin")
    response = submit(admin, "/admin/cards/new", {"text": "Text."})
    assert response.status_code == 422 and "Skriv en titel" in response.get_data(as_text=True)
    response = submit(admin, "/admin/cards/new", {"title": "X", "related": "\n".join("abcdefghi")})
    assert response.status_code == 422


def picture(kind="PNG", size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def photo():
    """A photo-like picture (noise compresses badly), 1200 × 900 pixels."""
    out = io.BytesIO()
    Image.effect_noise((1200, 900), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def upload(admin, data, name):
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart({
        "csrf_token": csrf_token(admin, "/admin/cards/shop"),
        "picture": FileStorage(io.BytesIO(data), filename=name)})
    return admin.post("/admin/cards/shop", data=body,
                      content_type=f"multipart/form-data; boundary={boundary}")


def stored(app):
    """The pictures kept in the database: {name: (large, small)}."""
    from sokandelots.models import CardPicture
    with app.app_context(), db.connection_context():
        return {row.name: (bytes(row.large), bytes(row.small)) for row in CardPicture.select()}


def test_an_uploaded_picture_is_re_encoded_and_served_safely(app, client, as_user):
    admin = app.test_client()
    login(admin, "admin")
    # A real JPEG with a script tucked in after its end: re-encoding drops the extra bytes.
    assert upload(admin, picture("JPEG") + b"<script>alert(1)</script>", "shop.jpg").status_code == 302
    [(name, (large, small))] = stored(app).items()
    assert b"<script>" not in large
    with Image.open(io.BytesIO(large)) as image:
        assert image.format == "WEBP" and image.size == (40, 30)
    # Kept in the database, so a second app server serves it too; no file is written.
    assert not (Path(app.instance_path) / "card_pictures").exists()
    as_user("erik")
    html = client.get("/me/cards/c/shop").get_data(as_text=True)
    assert f"/card-pictures/{name}.webp" in html
    served = client.get(f"/card-pictures/{name}.webp")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    assert served.data == large
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    # Its own policy, not the pages' one beside it.
    assert served.headers.getlist("Content-Security-Policy") == ["default-src 'none'; sandbox"]
    assert served.headers["Cache-Control"] == "no-store"
    assert client.get(f"/card-pictures/{name}-small.webp").data == small
    assert client.get("/card-pictures/..%2Fsecret_key").status_code == 404
    assert client.get(f"/card-pictures/{'0' * 32}.webp").status_code == 404


def test_a_second_app_server_serves_the_picture_and_a_new_one_replaces_it(app, tmp_path):
    admin = app.test_client()
    login(admin, "admin")
    assert upload(admin, picture("PNG"), "first.png").status_code == 302
    [first] = stored(app)
    # Another server: the same database, an instance folder of its own.
    second = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                         "DATABASE_URL": app.config["DATABASE_URL"],
                         "INSTANCE_PATH": str(tmp_path / "second-server")})
    other = second.test_client()
    login(other, "erik")
    assert other.get(f"/card-pictures/{first}-small.webp").status_code == 200
    assert upload(admin, picture("GIF"), "second.gif").status_code == 302
    [latest] = stored(app)
    assert latest != first
    assert other.get(f"/card-pictures/{first}.webp").status_code == 404
    assert other.get(f"/card-pictures/{latest}.webp").status_code == 200


def test_a_large_picture_is_made_small(app):
    admin = app.test_client()
    login(admin, "admin")
    assert upload(admin, picture("PNG", (2000, 1000)), "big.png").status_code == 302
    [(large, small)] = stored(app).values()
    with Image.open(io.BytesIO(large)) as image:
        assert image.size == (320, 160)
    with Image.open(io.BytesIO(small)) as image:
        assert image.size == (112, 56)


@pytest.mark.parametrize("data,name,message", [
    (b"Hello, this is text", "note.png", "inte en bild"),
    (b"<html><script>alert(1)</script></html>", "page.jpg", "inte en bild"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg", "inte en bild"),
    (b"%PDF-1.4 fake", "doc.pdf", "inte en bild"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "broken.png", "inte en bild"),
    (picture("BMP"), "old.bmp", "inte en bild"),
    (picture("PNG") + b"\x00" * (2 * 1024 * 1024), "huge.png", "för stor"),
])
def test_wrong_huge_or_disguised_files_are_refused_and_nothing_is_stored(app, data, name, message):
    admin = app.test_client()
    login(admin, "admin")
    response = upload(admin, data, name)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html and 'href="#picture"' in html
    assert stored(app) == {}


def test_a_request_over_the_size_limit_gets_a_friendly_page(app):
    admin = app.test_client()
    login(admin, "admin")
    response = admin.post("/admin/cards/shop", data=b"\x00" * (9 * 1024 * 1024),
                          content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and "Filen är för stor" in response.get_data(as_text=True)
    assert stored(app) == {}


def test_a_record_holds_the_choices_of_hidden_and_own_cards_and_not_of_cards_taken_away(app):
    from sokandelots import sharing
    from sokandelots.db import db
    from sokandelots.jobcards import choices
    from sokandelots.models import JobCard, User
    admin = app.test_client()
    login(admin, "admin")
    submit(admin, "/admin/cards/", {}, action="/admin/cards/shop/hidden")
    submit(admin, "/admin/cards/new", {"title": "Cykelbud", "text": "Du cyklar med paket."})
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        own = JobCard.get(JobCard.key.startswith("own-")).key
        sara = User.by_username("sara")
        for key in ("shop", own, "own-taken-away"):
            choices.save(sara, key, answer="yes")
        shared = sharing.current(sara)["cards"]
        assert shared["shop"] == shared[own] == {"answer": "yes"}
        assert "own-taken-away" not in shared and list(shared) == sorted(shared)
        db.close()
