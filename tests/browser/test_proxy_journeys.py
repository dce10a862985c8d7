"""Behind a TLS proxy: the login card's link and QR code carry the public address, and each
client's own address (from X-Forwarded-For) has its own login limit."""
import re

import pytest
import segno
from playwright.sync_api import expect

from browsing import log_in, make_login_card

PUBLIC = "https://sokandelots.example.se"
BEHIND_PROXY = pytest.mark.app_config(TRUSTED_PROXIES=1, PUBLIC_URL=PUBLIC)


def through_proxy(address):
    """What the proxy adds to each request of a browser at `address` (it speaks plain HTTP to
    the app server, so X-Forwarded-Proto says http here: the card must not follow it)."""
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": "http"}


@BEHIND_PROXY
def test_the_login_card_behind_a_proxy_links_to_the_public_address(page):
    page.context.set_extra_http_headers(through_proxy("198.51.100.10"))
    _, code, link = make_login_card(page, "Nadia Ahmadi", "fa", "social",
                                    "login card behind a proxy")
    assert link == f"{PUBLIC}/setup?code={code}"
    # The QR code is the same link: made again from it, it is the same picture.
    qr = segno.make(link, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
    expect(page.locator(".login-card img.qr")).to_have_attribute("src", qr)


@BEHIND_PROXY
def test_two_clients_behind_the_proxy_have_their_own_login_limits(browser, live_server):
    guesser = browser.new_context(base_url=live_server, locale="sv-SE",
                                  extra_http_headers=through_proxy("198.51.100.21"))
    neighbour = browser.new_context(base_url=live_server, locale="sv-SE",
                                    extra_http_headers=through_proxy("203.0.113.42"))
    page = guesser.new_page()
    for number in range(5):  # LOGIN_LIMIT, each for another name: only the address counts
        log_in(page, f"gissning{number}", "fel lösenord")
        expect(page.locator(".error-summary")).to_contain_text(
            "Användarnamnet eller lösenordet är fel")
    log_in(page, "amina")
    expect(page.locator("main")).to_contain_text("Du har försökt många gånger")
    other = neighbour.new_page()
    log_in(other, "amina")
    expect(other).to_have_url(re.compile(r"/me/$"))
    guesser.close()
    neighbour.close()
