"""Page weight: each page with all the CSS, JavaScript and images it loads stays small."""
import gzip

import pytest
from bs4 import BeautifulSoup

from helpers import login, submit

LIMIT = 60 * 1024  # bytes, gzipped

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
    return found


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
