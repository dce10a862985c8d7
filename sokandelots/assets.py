"""What a page loads, made light for a slow line: pictograms drawn inside the page, stylesheets
and scripts minified, static files with their content's fingerprint in the address (kept by the
browser for a year), and every answer compressed.

Compressing pages that carry a CSRF token or personal data over HTTPS opens them to BREACH in
theory: an attacker who sees the size of each answer on the network and can make the person's
browser fetch a page thousands of times, each time with a guess reflected in it. Here the
session cookie is SameSite=Lax, so other sites cannot make such requests with the person's session
except as whole-page visits, and the CSRF token a page carries is masked with fresh random bytes
in every answer (see masking.masked_csrf_token), so no guess about it can ever grow a match.
"""
import base64
import gzip
import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

import brotli
import rcssmin
import rjsmin
from flask import current_app, request
from flask_compress import Compress
from markupsafe import Markup

YEAR = 365 * 24 * 3600
PICTOGRAMS = "img/pictograms"

compress = Compress()
# Pages are compressed as they are sent, here or by nginx in front (deploy/nginx/sokandelots.conf):
# quality 5 keeps the first visit of a participant's heaviest page under 30 KB
# (tests/test_page_weight.py), where quality 4 sends about 1 KB more.
BROTLI_QUALITY = 5


@lru_cache(maxsize=1024)
def _digest(path, changed):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def fingerprint(filename):
    """The first 16 hex digits of the SHA-256 of static file `filename`, or None if it is not
    there. In debug mode it is read again when the file changes; otherwise it is found once per
    process (a deploy starts the app again), as a page asks for several on every request."""
    path = os.path.join(current_app.static_folder, filename)
    return _fingerprint(path) if current_app.debug else _fingerprint_once(path)


def _fingerprint(path):
    try:
        changed = os.stat(path).st_mtime_ns
    except (OSError, ValueError):
        return None
    return _digest(path, changed)


_fingerprint_once = lru_cache(maxsize=1024)(_fingerprint)


def add_fingerprint(endpoint, values):
    """url_for('static', filename=...) gives the address with the content's fingerprint."""
    if endpoint == "static" and "v" not in values:
        digest = fingerprint(values.get("filename", ""))
        if digest:
            values["v"] = digest


# Comments and spaces help whoever reads the files, not the browser: they are left out of what
# is sent. Vendored files come minified already.
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minified(path):
    """The text of static file `path` as it is sent: minified when it is a stylesheet or script."""
    data = Path(path).read_bytes()
    minify = None if path.endswith(".min.js") else MINIFIERS.get(Path(path).suffix)
    return minify(data.decode()).encode() if minify else data


@lru_cache(maxsize=256)
def _packed(path, digest, encoding):
    data = minified(path)
    if encoding == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, 9) if encoding == "gzip" else data


def keep_for_a_year(response):
    """A static file asked for by its current fingerprint never changes: the browser keeps it,
    and it is sent minified and packed as tightly as brotli (or gzip) can, once per version."""
    if request.endpoint != "static":
        return response
    filename = (request.view_args or {}).get("filename", "")
    digest = fingerprint(filename)
    if response.status_code != 200 or not digest or request.args.get("v") != digest:
        return response
    response.cache_control.public = True
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    response.cache_control.no_cache = None
    encoding = next((name for name in ("br", "gzip")
                     if name in request.accept_encodings), None)
    if response.mimetype in current_app.config["COMPRESS_MIMETYPES"]:
        path = os.path.join(current_app.static_folder, filename)
        response.close()
        response.direct_passthrough = False
        response.set_data(_packed(path, digest, encoding))
        if encoding:
            response.headers["Content-Encoding"] = encoding  # so it is not compressed again
        response.set_etag(f"{digest}-{encoding or 'plain'}")
        response.vary.add("Accept-Encoding")
    return response


STYLESHEET = "css/site.css"
STAFF_STYLESHEET = "css/staff.css"  # what only staff pages show, loaded after STYLESHEET


@lru_cache(maxsize=8)
def _stylesheet(path, digest):
    css = minified(path).decode()
    hashed = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return Markup(css), f"'sha256-{hashed}'"


def _written_in():
    """The stylesheet written into pages and its Content-Security-Policy source: found once for
    each app, as every answer's headers ask for it; in debug mode again when it changes."""
    app = current_app._get_current_object()
    found = None if app.debug else app.extensions.get("stylesheet_written_in")
    if found is None:
        found = _stylesheet(os.path.join(app.static_folder, STYLESHEET), fingerprint(STYLESHEET))
        if not app.debug:
            app.extensions["stylesheet_written_in"] = found
    return found


def stylesheet():
    """The stylesheet, to be written into a participant's page: a stylesheet of its own would
    cost a round trip before anything shows (400 ms on a slow mobile line)."""
    return _written_in()[0]


def stylesheet_source():
    """The Content-Security-Policy source that allows the stylesheet written into a page."""
    return _written_in()[1]


def _drawing(path):
    svg = Path(path).read_text()
    match = re.fullmatch(r'\s*<svg [^>]*viewBox="([^"]+)"[^>]*>(.*)</svg>\s*', svg, re.S)
    return match.group(1), match.group(2)


def pictogram(name, size=48, extra_class=""):
    """Pictogram `name` drawn inside the page: no request of its own on a slow line. It is only a
    picture beside a text that says the same, so it is hidden from screen readers."""
    return _pictogram(current_app.static_folder, name, size, extra_class)


@lru_cache(maxsize=1024)
def _pictogram(folder, name, size, extra_class):
    """The same few pictograms are drawn on every page: each size of each is made once."""
    view_box, drawing = _drawing(os.path.join(folder, PICTOGRAMS, f"{name}.svg"))
    classes = f"pictogram {extra_class}".strip()
    return Markup(
        '<svg class="{}" data-pictogram="{}" viewBox="{}" width="{}" height="{}" aria-hidden="true" '
        'focusable="false">').format(classes, name, view_box, size, size) + Markup(drawing + "</svg>")


def init_app(app):
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    app.config.setdefault("COMPRESS_BR_LEVEL", BROTLI_QUALITY)
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
        "image/svg+xml"])
    compress.init_app(app)
    app.url_defaults(add_fingerprint)
    app.after_request(keep_for_a_year)
    app.add_template_global(pictogram)
    app.add_template_global(stylesheet)
