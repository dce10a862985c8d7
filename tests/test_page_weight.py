"""Page weight: each page with all the CSS, JavaScript and images it loads stays small, and a
participant's page comes in few requests and few bytes on a slow line."""
import gzip
import os
import re

import brotli
import pytest
from bs4 import BeautifulSoup

from helpers import login, submit

LIMIT = 60 * 1024  # bytes, gzipped
PARTICIPANT_REQUESTS = 4  # the page, its stylesheet and two scripts
PARTICIPANT_BYTES = 30 * 1024  # as sent, compressed, on a first visit with nothing kept
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium asks for

PAGES = {
    None: ["/login", "/setup"],
    "amina": ["/me/", "/me/profile/q/interests", "/me/profile/q/strengths", "/me/profile/q/support",
              "/me/profile/q/jobs", "/me/profile/check", "/me/data", "/me/cv", "/me/cards/",
              "/me/cards/c/shop", "/me/cards/mine", "/me/cards/suggestions", "/me/activities/",
              "/me/activities/new", "/me/coach", "/me/messages", "/me/access"],
    "coach": ["/coach/", "/coach/participants/4", "/coach/participants/4/activities",
              "/coach/participants/4/profile", "/coach/participants/4/notes",
              "/coach/participants/4/agreement", "/coach/participants/4/followups",
              "/referrals/1/edit"],
    "admin": ["/admin/", "/admin/cards/", "/admin/cards/shop"],
}


def assets(html):
    soup = BeautifulSoup(html, "html.parser")
    found = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    found += [script["src"] for script in soup.find_all("script", src=True)]
    found += [img["src"] for img in soup.find_all("img", src=True) if not img["src"].startswith("data:")]
    # Pictures drawn from a file of symbols elsewhere (a sprite) are loaded too.
    found += sorted({use["href"].split("#")[0] for use in soup.find_all("use", href=True)} - {""})
    return found


def first_visit(client, page):
    """The requests a browser with nothing kept makes for `page`, and the bytes sent for them
    as they go over the line (compressed where the server compresses)."""
    response = client.get(page, headers=BROWSER)
    assert response.status_code == 200, page
    html = response.data
    if response.headers.get("Content-Encoding") == "br":
        html = brotli.decompress(html)
    elif response.headers.get("Content-Encoding") == "gzip":
        html = gzip.decompress(html)
    requests, sent = 1, len(response.data)
    for url in dict.fromkeys(assets(html.decode())):
        asset = client.get(url, headers=BROWSER)
        assert asset.status_code == 200, url
        requests, sent = requests + 1, sent + len(asset.data)
        asset.close()
    return requests, sent


def weight(client, page):
    response = client.get(page)
    assert response.status_code == 200, page
    total = len(gzip.compress(response.data))
    for url in assets(response.get_data(as_text=True)):
        asset = client.get(url)
        assert asset.status_code == 200, url
        total += len(gzip.compress(asset.data))
        asset.close()
    return total


@pytest.mark.parametrize("username", PAGES)
def test_pages_weigh_less_than_60_kb_gzipped(client, username):
    if username:
        login(client, username)
    for page in PAGES[username]:
        size = weight(client, page)
        print(f"{page}: {size / 1024:.1f} KB")
        assert size <= LIMIT, f"{page} weighs {size} bytes gzipped"


PARTICIPANT_PAGES = ["/me/", "/me/profile/q/interests", "/me/profile/q/strengths",
                     "/me/profile/q/support", "/me/profile/q/jobs", "/me/profile/check", "/me/cards/",
                     "/me/cards/c/shop", "/me/cards/mine", "/me/cards/suggestions",
                     "/me/activities/", "/me/coach", "/me/messages"]


def test_participant_pages_come_in_four_requests_and_30_kb_on_a_first_visit(client):
    login(client, "amina")
    too_heavy = {}
    for page in PARTICIPANT_PAGES:
        requests, sent = first_visit(client, page)
        print(f"{page}: {requests} requests, {sent / 1024:.1f} KB")
        if requests > PARTICIPANT_REQUESTS or sent > PARTICIPANT_BYTES:
            too_heavy[page] = (requests, sent)
    assert not too_heavy


def test_participant_pages_that_use_htmx_load_it(client):
    login(client, "amina")
    for page in PARTICIPANT_PAGES:
        html = client.get(page).get_data(as_text=True)
        loads = "/static/vendor/htmx-" in html
        assert loads == bool(re.search(r"\shx-[a-z:-]+=", html)), page


def test_pictograms_are_drawn_in_the_page_and_hidden_from_screen_readers(client):
    login(client, "amina")
    soup = BeautifulSoup(client.get("/me/profile/q/interests").data, "html.parser")
    drawn = soup.select("svg.pictogram")
    assert len(drawn) >= 10
    assert all(svg["aria-hidden"] == "true" and svg.find("path") for svg in drawn)
    assert not soup.select("img.pictogram")


def test_static_files_carry_their_fingerprint_and_are_kept_for_a_year(client):
    login(client, "amina")
    html = client.get("/me/").get_data(as_text=True)
    for url in assets(html):
        assert re.search(r"\?v=[0-9a-f]{16}$", url), url
        response = client.get(url, headers=BROWSER)
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert response.headers["Content-Encoding"] == "br" and "Accept-Encoding" in response.headers["Vary"]
        response.close()
    # An old address (or none) is not kept for a year: it may say something else tomorrow.
    stale = client.get("/static/css/site.css?v=0000000000000000")
    assert "immutable" not in stale.headers.get("Cache-Control", "")
    stale.close()


def test_a_static_files_fingerprint_is_found_once_except_in_debug_mode(app, tmp_path, monkeypatch):
    from sokandelots import assets
    sheet = tmp_path / "static" / "css" / "x.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("a{color:red}")
    monkeypatch.setattr(app, "static_folder", str(tmp_path / "static"))
    with app.test_request_context():
        first = assets.fingerprint("css/x.css")
        sheet.write_text("a{color:blue}")
        os.utime(sheet, ns=(10**9, 10**9))
        # A running service is started again by a deploy: it does not look at the file again.
        assert assets.fingerprint("css/x.css") == first
        app.debug = True  # while the code is worked on, a changed file gets a new address
        assert assets.fingerprint("css/x.css") not in (None, first)
        assert assets.fingerprint("css/gone.css") is None


def test_the_stylesheet_in_pages_is_read_once_except_in_debug_mode(app, tmp_path, monkeypatch):
    from sokandelots import assets
    sheet = tmp_path / "static" / assets.STYLESHEET
    sheet.parent.mkdir(parents=True)
    sheet.write_text("a{color:red}")
    monkeypatch.setattr(app, "static_folder", str(tmp_path / "static"))
    with app.test_request_context():
        assert assets.stylesheet() == "a{color:red}"
        source = assets.stylesheet_source()
        sheet.write_text("a{color:blue}")
        os.utime(sheet, ns=(10**9, 10**9))
        looked = []
        fingerprint = assets.fingerprint
        monkeypatch.setattr(assets, "fingerprint", lambda name: looked.append(name) or
                            fingerprint(name))
        assert assets.stylesheet() == "a{color:red}" and assets.stylesheet_source() == source
        assert looked == []  # found once for the app, not looked for on every answer
        app.debug = True
        assert assets.stylesheet() == "a{color:blue}" and assets.stylesheet_source() != source


def test_pages_are_compressed_and_still_not_kept(client):
    login(client, "amina")
    response = client.get("/me/profile/q/interests", headers=BROWSER)
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Sökandelots".encode() in brotli.decompress(response.data)
    plain = client.get("/me/profile/q/interests", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["Content-Encoding"] == "gzip"


def test_login_card_with_its_qr_code_is_light(client):
    login(client, "coach")
    response = submit(client, "/coach/participants/4", {}, action="/coach/participants/4/card")
    assert weight(client, response.headers["Location"]) <= LIMIT


def test_card_grid_with_an_uploaded_picture_stays_light(app, client):
    from test_job_cards import photo, upload
    admin = app.test_client()
    login(admin, "admin")
    assert upload(admin, photo(), "photo.jpg").status_code == 302
    login(client, "amina")
    for page in ("/me/cards/", "/me/cards/c/shop"):
        size = weight(client, page)
        print(f"{page} with a photo: {size / 1024:.1f} KB")
        assert size <= LIMIT, f"{page} weighs {size} bytes gzipped"
