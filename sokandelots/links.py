"""Addresses on this site for links that leave it: in e-mails and SMS, on printed login cards
and their QR codes, in a coach's calendar. They start with PUBLIC_URL, never with the address a
request came to, so neither a forged Host header nor a TLS proxy in front can change them."""
from urllib.parse import urlsplit

from flask import current_app


def public_link(endpoint, **values):
    """The full address of `endpoint` with `values`, starting with PUBLIC_URL."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
