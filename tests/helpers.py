"""Helpers for request tests: post forms with their CSRF token, as a browser does."""
import re

from sokandelots import demo

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, page):
    """The CSRF token from a form on `page`, as a browser would read it."""
    html = client.get(page).get_data(as_text=True)
    match = CSRF.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def submit(client, page, data, action=None, **kwargs):
    """Open `page`, then post `data` with its CSRF token to `action` (default: the page)."""
    token = csrf_token(client, page)
    return client.post(action or page, data={"csrf_token": token, **data}, **kwargs)


def login(client, username, password=demo.PASSWORD):
    return submit(client, "/login", {"username": username, "password": password})
