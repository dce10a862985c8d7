"""Addresses on this site for links that leave it: in e-mails and SMS, on printed login cards
and their QR codes, in a coach's calendar. They start with PUBLIC_URL, never with the address a
request came to, so neither a forged Host header nor a TLS proxy in front can change them.
And the same address for every row of a long list, made once."""
from urllib.parse import urlsplit

from flask import current_app, url_for

STAND_IN = 987654321


def public_link(endpoint, **values):
    """The full address of `endpoint` with `values`, starting with PUBLIC_URL."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def for_each_id(endpoint, name, **values):
    """A function that gives `url_for(endpoint, **{name: an_id}, **values)` for any whole number
    `an_id`, from one address made with a stand-in: a list of hundreds of rows made its links one
    by one."""
    before, stand_in, after = url_for(endpoint, **{name: STAND_IN}, **values).partition(
        str(STAND_IN))
    assert stand_in, endpoint
    return lambda an_id: f"{before}{int(an_id)}{after}"
