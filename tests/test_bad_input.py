"""Bad input, tried at scale: generated input posted to every form, CSRF on every state-changing
route, and uploads that try to smuggle something in.

Every form is found from the URL map and the pages themselves, so a new form is tried
without anyone adding it here. `HYPOTHESIS_PROFILE=soak` tries many more examples.
"""
import io
import os
import re
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image, PngImagePlugin
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from helpers import csrf_token, login
from sokandelots import create_app
from sokandelots.db import db
from test_routes import (ACCESS, ANY_USER, PUBLIC, Visitor, records,  # noqa: F401
                         routes, url_for_rule)

# `make test` tries a fixed set of examples, so a run fails the same way twice; the soak profile
# tries many more, new ones each time, and prints a blob to reproduce what it finds.
QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("default", max_examples=12, deadline=None, derandomize=True,
                          database=None, suppress_health_check=QUIET)
settings.register_profile("soak", max_examples=300, deadline=None, database=None,
                          print_blob=True, suppress_health_check=QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _rules():
    """(endpoint, rule, methods) of every state-changing route, from an app with no database."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"TESTING": True, "SECRET_KEY": "x", "INSTANCE_PATH": instance,
                          "DATABASE_URL": "sqlite:///:memory:"})
        return [(rule.endpoint, rule.rule, sorted(rule.methods & STATE_CHANGING))
                for rule in routes(app) if rule.methods & STATE_CHANGING]


RULES = _rules()


def find_rule(app, endpoint, text):
    return next(rule for rule in routes(app) if rule.endpoint == endpoint and rule.rule == text)


def audience(endpoint):
    """The role that may use an endpoint; None for pages anyone may open."""
    who = ACCESS.get(endpoint, PUBLIC)
    # "staff" routes are for every staff account; a route for several roles is tried as the first.
    if isinstance(who, tuple):
        return who[0]
    return {PUBLIC: None, ANY_USER: "participant", "staff": "coach"}.get(who, who)


OWN_TOKEN = object()  # stands for the visitor's own CSRF token in generated form data


class FormVisitor(Visitor):
    """A Visitor that sends generated form data (with OWN_TOKEN for its own token)."""

    def post(self, url, pairs):
        client = self.ready()
        pairs = [(name, self.token if value is OWN_TOKEN else value) for name, value in pairs]
        data = MultiDict([("csrf_token", self.token), *pairs])
        if any(isinstance(value, FileStorage) for _name, value in pairs):
            # Encoded in memory: the test client would spool a large body to a file it never closes.
            boundary, body = encode_multipart(data)
            return client.post(url, data=body, follow_redirects=True,
                               content_type=f"multipart/form-data; boundary={boundary}")
        return client.post(url, data=data, follow_redirects=True)


def text_of(response):
    """A response's text; "" for sound and zip files (their contents are tested in
    test_spoken_answers)."""
    binary = response.mimetype in ("audio/ogg", "application/zip")
    return "" if binary else response.get_data(as_text=True)


# --- What the forms look like ------------------------------------------------------------------

# role -> {(method, path): {field name: (kind, [values the page offers])}}, from forms and links
FORMS = {}


def get_pages(app, role, users):
    """Every page the role may open, as URLs."""
    skip = {"auth.logout", "auth.language", "card_picture"}
    for rule in routes(app):
        if "GET" in rule.methods and rule.endpoint not in skip and rule.endpoint in ACCESS:
            if audience(rule.endpoint) in (role, None) or ACCESS[rule.endpoint] == ANY_USER:
                yield url_for_rule(rule, users)


def read_forms(html, page, found):
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        address = urlsplit(link["href"])
        if address.query and not address.netloc:
            fields = found.setdefault(("GET", address.path or urlsplit(page).path), {})
            for name, value in parse_qsl(address.query, keep_blank_values=True):
                fields.setdefault(name, ("link", []))[1].append(value)
    for form in soup.find_all("form"):
        method = form.get("method", "get").upper() if not form.get("hx-post") else "POST"
        action = urlsplit(form.get("hx-post") or form.get("action") or page).path
        fields = found.setdefault((method, action), {})
        for element in form.find_all(["input", "select", "textarea", "button"]):
            name = element.get("name")
            if not name or name == "csrf_token":
                continue
            kind = element.get("type", "text") if element.name == "input" else element.name
            if name.endswith("-csrf_token"):
                kind = "csrf"  # a form with a prefix has its own token field
            kind, values = fields.setdefault(name, (kind, []))
            if element.name == "select":
                values.extend(option.get("value", option.text) for option in element("option"))
            elif element.get("value") is not None:
                values.append(element["value"])
            elif element.name == "textarea" and element.text:
                values.append(element.text)


def forms_for(app, role, users):
    """The forms the role sees, read once per test run from every page it may open."""
    if role not in FORMS:
        found, visitor = {}, Visitor(app, role)
        client = visitor.ready()
        for page in get_pages(app, role, users):
            response = client.get(page, follow_redirects=True)
            if response.mimetype == "text/html":
                read_forms(response.get_data(as_text=True), page, found)
        FORMS[role] = found
    return FORMS[role]


# --- Generated input ---------------------------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(1)",
    "{{ 7777*7777 }}",
]
SQL = ["' OR '1'='1", "'; DROP TABLE user; --", "1; SELECT * FROM user", '" OR ""="',
       "%", "_", "\\", "' UNION SELECT password_hash FROM user --"]
WRONG_TYPES = ["", " ", "abc", "1.5", "1,5", "1e309", "NaN", "Infinity", "-Infinity", "0x10",
               "٣", "yes", "null", "None", "[]", "{}", "true", "on", "✓", "\x00",
               "//evil.example/", "/\\evil.example", "https://evil.example/"]
NUMBERS = ["0", "-1", "2147483648", "-2147483649", "9223372036854775808",
           "99999999999999999999999", "1" * 400]
DATES = ["0001-01-01", "9999-12-31", "2024-02-30", "0000-00-00", "31/12/2024", "2024-1-1",
         "0001-01", "9999-12", "10000-01-01", "-2024-01-01", "2024-W01"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c",
        "\ufeff", "\u200b"]
SPECIAL = st.one_of(*map(st.sampled_from, [MARKUP, SQL, WRONG_TYPES, NUMBERS, DATES, BIDI]),
                    st.integers().map(str))


def _plane_text(plane):
    low = max(plane * 0x10000, 1)
    return st.text(st.characters(min_codepoint=low, max_codepoint=plane * 0x10000 + 0xFFFF,
                                 exclude_categories=["Cs"]), min_size=1, max_size=20)


EVERY_PLANE = st.integers(0, 16).flatmap(_plane_text)
CONTROL = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=20)
LONG = st.builds(lambda piece, size: (piece * size)[:size],
                 st.sampled_from(["a", "ä ", "\u202e", "😀", "𠀀", "<b>", "\U0010fffd", "\x07"]),
                 st.sampled_from([101, 501, 2_001, 20_001, 100_001]))
NASTY = st.one_of(
    SPECIAL, EVERY_PLANE, CONTROL, LONG, st.text(max_size=40),
    st.tuples(st.text(max_size=5), SPECIAL, st.text(max_size=5)).map("".join),
)
EXTRA_NAMES = ["role", "user_id", "coach_id", "participant_id", "id", "is_admin", "hidden",
               "csrf_token", "version"]
WEIRD_NAMES = st.one_of(st.sampled_from(EXTRA_NAMES), st.text(min_size=1, max_size=10))


def a_file():
    pieces = st.one_of(st.binary(max_size=300), st.sampled_from([
        b"<script>alert(1)</script>", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"%PDF-1.4"]))
    return st.builds(lambda data, name: FileStorage(io.BytesIO(data), filename=name),
                     pieces, st.one_of(st.sampled_from(["x.png", "../../x.png", "a\x00.png"]),
                                       st.text(max_size=20)))


def typed_values(kind, offered):
    """The values at the edges of what a field for dates or numbers takes, or []."""
    if kind == "date" or any(re.fullmatch(r"\d{4}-\d\d(-\d\d)?", value) for value in offered):
        return DATES
    if kind == "number" or any(re.fullmatch(r"\d+", value) for value in offered):
        return NUMBERS
    return []


def value_for(kind, offered):
    if kind == "csrf":
        return st.just(OWN_TOKEN)
    choices = [NASTY]
    if typed_values(kind, offered):
        choices.append(st.sampled_from(typed_values(kind, offered)))
    if offered:
        choices.append(st.sampled_from(offered))
    if kind == "file":
        choices.append(a_file())
    return st.one_of(*choices)


def fill(fields, text):
    """A form filled as a person would, with `text` in every field where one types."""
    pairs = []
    for name, (kind, offered) in fields.items():
        choices = [value for value in offered if value]
        if kind == "csrf":
            pairs.append((name, OWN_TOKEN))
        elif kind in ("text", "textarea", "search", "email", "tel", "url"):
            pairs.append((name, text))
        elif kind == "date":
            pairs.append((name, date.today().isoformat()))
        elif kind == "number":
            pairs.append((name, "1"))
        elif kind in ("file", "password"):
            continue
        elif choices:
            pairs.append((name, choices[0]))
    return pairs


@st.composite
def any_data(draw, fields):
    """Pairs of (name, value): each real field missing, once or twice, plus strangers."""
    pairs = []
    for name, (kind, offered) in fields.items():
        for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
            pairs.append((name, draw(value_for(kind, offered))))
    pairs += draw(st.lists(st.tuples(WEIRD_NAMES, NASTY), max_size=2))
    return pairs


@st.composite
def nearly_right_data(draw, fields):
    """The form filled in right except for one field, so the bad value gets past the others."""
    pairs = fill(fields, draw(st.sampled_from(["Hej", "Jobb på lager"])))
    if not pairs:
        return draw(any_data(fields))
    index = draw(st.integers(0, len(pairs) - 1))
    name, _value = pairs[index]
    bad = [(name, draw(NASTY)) for _ in range(draw(st.sampled_from([1, 1, 2])))]
    return pairs[:index] + bad + pairs[index + 1:]


def form_data(fields):
    return st.one_of(any_data(fields), nearly_right_data(fields))


# --- What every answer must look like ------------------------------------------------------------

ESCAPED_MARKERS = ["&lt;script&gt;alert(1)", "&lt;img src=x onerror", "&lt;svg/onload",
                   "&lt;iframe src=javascript"]
LINKS = {"href", "src", "action", "formaction", "hx-get", "hx-post"}


class Injected(HTMLParser):
    """Markup that only typed text can have put there: the app writes no inline scripts,
    no event handler attributes and no javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if (tag in ("iframe", "object", "embed") or (tag == "script" and not values.get("src"))
                or (tag == "img" and values.get("src") == "x")):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            link = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or (name in LINKS and link.startswith("javascript:")):
                self.found.append(f"<{tag} {name}={value!r}>")


def check_safe(html, where):
    assert "60481729" not in html, f"a template ran typed text: {where}"
    parser = Injected()
    parser.feed(html)
    parser.close()
    assert not parser.found, f"{parser.found} on {where}"


def check_redirect(response, where):
    """Every redirect stays on this site, however the address was typed."""
    for step in response.history:
        location = step.headers["Location"]
        parts = urlsplit(location)
        assert not parts.scheme and not parts.netloc and location.startswith("/"), where
        assert not location.startswith(("//", "/\\")) and not re.search(r"[\s\\]", location), where


def check_answer(response, where):
    status, html = response.status_code, text_of(response)
    assert status < 500, where
    check_redirect(response, where)
    if 400 <= status < 500:
        assert response.mimetype == "text/html" and "<main" in html, f"bare error page: {where}"
    if status == 422:
        assert 'class="error-summary"' in html or 'class="error-message"' in html, \
            f"422 without a message: {where}"
    if response.mimetype == "text/html":
        check_safe(html, where)


# --- Generated input to every form ---------------------------------------------------------------

# Routes that would take away the records or the logins that other routes need: tried last.
TAKE_AWAY = {"admin.erase", "admin.toggle_active", "auth.logout"}
AUDIENCES = [None, "participant", "coach", "admin"]


def rules_for(role):
    """The state-changing routes the role may use, those that take things away last."""
    mine = [rule for rule in RULES if audience(rule[0]) == role]
    return sorted(mine, key=lambda rule: rule[0] in TAKE_AWAY)


@pytest.mark.parametrize("role", AUDIENCES)
def test_generated_input_to_every_form_gets_a_friendly_answer_and_no_markup(
        app, users, records, role):
    visitor = FormVisitor(app, role)
    for endpoint, rule_text, methods in rules_for(role):
        if "POST" not in methods:
            continue
        url = url_for_rule(find_rule(app, endpoint, rule_text), users)
        fields = forms_for(app, role, users).get(("POST", url), {})

        @given(form_data(fields))
        def post(pairs):
            check_answer(visitor.post(url, pairs), f"POST {url} as {role} with {pairs!r:.500}")

        post()


def test_markup_typed_into_every_form_is_shown_escaped_on_every_page(app, users, records):
    visitors = {role: FormVisitor(app, role) for role in (None, "participant", "coach", "admin")}
    posted = 0
    for number, (endpoint, rule_text, methods) in enumerate(RULES):
        if endpoint in TAKE_AWAY or "POST" not in methods:
            continue
        url = url_for_rule(find_rule(app, endpoint, rule_text), users)
        role = audience(endpoint)
        fields = forms_for(app, role, users).get(("POST", url), {})
        if any(kind in ("text", "textarea") for kind, _values in fields.values()):
            pairs = fill(fields, f"Text {MARKUP[number % 5]} {MARKUP[(number + 1) % 5]}")
            check_answer(visitors[role].post(url, pairs), f"POST {url} as {role}")
            posted += 1
    assert posted >= 20
    shown = 0
    for role, visitor in visitors.items():
        client = visitor.ready()
        for page in get_pages(app, role, users):
            response = client.get(page, follow_redirects=True)
            check_answer(response, f"GET {page} as {role}")
            html = text_of(response)
            shown += any(marker in html for marker in ESCAPED_MARKERS)
    # The typed markup did reach the pages (escaped), so the checks above saw it.
    assert shown >= 10


@pytest.mark.parametrize("role", AUDIENCES)
def test_generated_query_strings_get_a_friendly_answer_and_no_markup(app, users, records, role):
    visitor = FormVisitor(app, role)
    searched = [(path, fields) for (method, path), fields in forms_for(app, role, users).items()
                if method == "GET" and fields and path != "/logout"]
    assert searched or role is None  # before login no page has a form that is sent by GET
    for path, fields in searched:

        @given(form_data(fields))
        def visit(pairs):
            url = f"{path}?{urlencode(pairs)}"
            check_answer(visitor.ready().get(url, follow_redirects=True), f"GET {url} as {role}")

        visit()


@pytest.mark.parametrize("role", AUDIENCES)
def test_dates_and_numbers_at_the_edges_in_every_form_get_a_friendly_answer(
        app, users, records, role):
    visitor = FormVisitor(app, role)
    tried = 0
    for (method, path), fields in forms_for(app, role, users).items():
        typed = [name for name, (kind, offered) in fields.items() if typed_values(kind, offered)]
        for name in typed[:8]:
            for bad in typed_values(*fields[name]):
                pairs = [(key, bad if key == name else value) for key, value in fill(fields, "Hej")]
                if name not in dict(pairs):
                    pairs.append((name, bad))
                if method == "GET":
                    url = f"{path}?{urlencode(pairs)}"
                    response = visitor.ready().get(url, follow_redirects=True)
                else:
                    response = visitor.post(path, pairs)
                check_answer(response, f"{method} {path} as {role} with {name}={bad!r}")
                tried += 1
    assert tried or role is None


@pytest.mark.parametrize("role", AUDIENCES[1:])
def test_ids_too_large_for_any_row_are_not_found(app, users, records, role):
    visitor = FormVisitor(app, role)
    adapter = app.url_map.bind("localhost")
    checked = 0
    for rule in routes(app):
        ids = re.findall(r"<int:(\w+)>", rule.rule)
        if not ids or audience(rule.endpoint) != role:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        _endpoint, values = adapter.match(url_for_rule(rule, users), method=method)
        for name in ids:
            for big in (2**31, 2**63, 10**30):
                url = rule.build({**values, name: big})[1]
                client = visitor.ready()
                response = client.open(url, method=method, data={"csrf_token": visitor.token})
                check_answer(response, f"{method} {url} as {role}")
                # Werkzeug says 405 when another route has the same path for other methods.
                assert response.status_code in (404, 405), f"{method} {url} as {role}"
                checked += 1
    assert checked >= 3


# --- CSRF ----------------------------------------------------------------------------------------

def snapshot(app):
    """Every row of every table, to compare before and after. PostgreSQL gives sound columns as
    memoryviews, which compare by identity, so they are read as bytes."""
    def plain(row):
        return repr(tuple(bytes(value) if isinstance(value, memoryview) else value for value in row))

    with app.app_context():
        db.connect(reuse_if_open=True)
        rows = {table: sorted(map(plain, db.execute_sql(f'SELECT * FROM "{table}"').fetchall()))
                for table in db.get_tables()}
        db.close()
    return rows


def tampered(token):
    """The token with one character of its signed value changed."""
    return token[:4] + ("A" if token[4] != "A" else "B") + token[5:]


@pytest.mark.parametrize("role", AUDIENCES)
def test_every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(app, users, records, role):
    client = Visitor(app, role).ready()
    foreign = csrf_token(app.test_client(), "/login")
    own = csrf_token(client, "/")
    wrong = [({}, {}), ({"csrf_token": ""}, {}), ({"csrf_token": "not-a-token"}, {}),
             ({"csrf_token": foreign}, {}), ({"csrf_token": tampered(own)}, {}),
             ({}, {"X-CSRFToken": foreign}), ({}, {"X-CSRFToken": tampered(own)})]
    checked = 0
    for endpoint, rule_text, methods in rules_for(role):
        url = url_for_rule(find_rule(app, endpoint, rule_text), users)
        before = snapshot(app)
        for method in methods:
            for data, headers in wrong:
                response = client.open(url, method=method, headers=headers,
                                       data={"text": "Hej", "title": "Hej", **data})
                html = response.get_data(as_text=True)
                where = f"{method} {url} as {role} with {data or headers}"
                assert response.status_code == 400, where
                assert "<main" in html and "Sidan var öppen för länge" in html, where
                checked += 1
        assert snapshot(app) == before, f"{endpoint} changed data without a valid token"
    assert checked >= len(wrong)


# --- Uploads ---------------------------------------------------------------------------------

NAME = re.compile(r"^[0-9a-f]{32}$")
SCRIPT = b"<script>alert(1)</script>"


def files(app):
    """Every file under the test's folder except the database, by path relative to it."""
    root = Path(app.instance_path).parent
    return {str(path.relative_to(root)) for path in root.rglob("*")
            if path.is_file() and not path.name.startswith("test.sqlite3")}


def upload(admin, data, name, field="picture", content_type=None):
    boundary, body = encode_multipart({
        "csrf_token": csrf_token(admin, "/admin/cards/shop"),
        field: FileStorage(io.BytesIO(data), filename=name, content_type=content_type)})
    return admin.post("/admin/cards/shop", data=body,
                      content_type=f"multipart/form-data; boundary={boundary}")


def uploads(app):
    """The files under the test's folder and the pictures in the database."""
    from test_job_cards import stored
    return files(app), stored(app)


def check_stored(app, before):
    """New pictures only in the database, under names of our own, with no script inside; no
    new file anywhere."""
    files_before, pictures_before = before
    assert files(app) == files_before
    added = {name: sizes for name, sizes in uploads(app)[1].items() if name not in pictures_before}
    for name, sizes in added.items():
        assert NAME.match(name), name
        for content in sizes:
            assert b"<script" not in content and b"alert(" not in content, name
            with Image.open(io.BytesIO(content)) as image:
                assert image.format == "WEBP"
                assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), image.info
    return added


def encoded(kind, **options):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, kind, **options)
    return out.getvalue()


def png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    info.add_itxt("Description", '"><img src=x onerror=alert(1)>')
    info.add_text("XML:com.adobe.xmp", SCRIPT.decode(), zip=True)
    return encoded("PNG", pnginfo=info)


def jpeg_with_exif():
    exif = Image.Exif()
    exif[0x010E] = SCRIPT.decode()  # ImageDescription
    exif[0x013B] = '"><img src=x onerror=alert(1)>'  # Artist
    return encoded("JPEG", exif=exif.tobytes(), comment=SCRIPT, icc_profile=SCRIPT * 4)


def webp_with_xmp():
    exif = Image.Exif()
    exif[0x010E] = SCRIPT.decode()
    return encoded("WEBP", exif=exif.tobytes(), xmp=SCRIPT)


@pytest.mark.parametrize("data,status", [
    (png_with_text(), 302),
    (jpeg_with_exif(), 302),
    (encoded("GIF", comment=SCRIPT), 302),
    (webp_with_xmp(), 302),
    (encoded("PNG") + b"<html><body>" + SCRIPT, 302),
    (SCRIPT + encoded("PNG"), 422),  # not a picture at all
], ids=["png-text", "jpeg-exif-comment-icc", "gif-comment", "webp-exif-xmp", "html-after",
        "script-before"])
def test_a_picture_with_script_in_its_metadata_is_stored_re_encoded_and_clean(app, data, status):
    admin = app.test_client()
    login(admin, "admin")
    before = uploads(app)
    assert upload(admin, data, "shop.png").status_code == status
    assert len(check_stored(app, before)) == (1 if status == 302 else 0)


@pytest.mark.parametrize("name", [
    "../../etc/passwd.png", "..\\..\\x.png", "/etc/passwd.png", "card_pictures/../../x.png",
    "a\x00.png", "x.png\x00.txt", "sub/dir/x.png", "....//x.png", "%2e%2e%2fx.png",
    "..", ".", "~/.bashrc.png", "CON.png", "x" * 1000 + ".png", "gnp.\u202eexe.png",
    "<script>alert(1)</script>.png", "secret_key", "x.webp",
])
def test_path_tricks_in_a_file_name_never_decide_where_a_picture_is_stored(app, name):
    admin = app.test_client()
    login(admin, "admin")
    before = uploads(app)
    # The picture is good, so it is kept, under a name of the app's own.
    assert upload(admin, encoded("PNG"), name).status_code == 302
    assert len(check_stored(app, before)) == 1
    html = admin.get("/admin/cards/shop").get_data(as_text=True)
    check_safe(html, f"the card after uploading {name!r}")


def big_png(side):
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("data,name,content_type,status", [
    (b"GIF89a/*" + SCRIPT + b"*/=1;", "poly.gif", "image/gif", 422),
    (b"PK\x03\x04" + b"\x00" * 100, "archive.png", "image/png", 422),
    (b"\x7fELF" + b"\x00" * 100, "program.png", "image/png", 422),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
     "x.png", "image/svg+xml", 422),
    (big_png(7000), "wide.png", "image/png", 422),
    (b"\x00" * (9 * 1024 * 1024), "huge.png", "image/png", 413),
], ids=["gif-script-polyglot", "zip", "program", "svg-as-png", "too-many-pixels", "over-limit"])
def test_wrong_files_are_refused_with_a_friendly_page_and_nothing_is_stored(
        app, data, name, content_type, status):
    admin = app.test_client()
    login(admin, "admin")
    before = uploads(app)
    response = upload(admin, data, name, content_type=content_type)
    html = response.get_data(as_text=True)
    assert response.status_code == status and "<main" in html
    if status == 422:
        assert 'href="#picture"' in html
    assert uploads(app) == before


def test_generated_uploads_are_refused_or_re_encoded_and_never_land_outside(app):
    admin = app.test_client()
    login(admin, "admin")
    real = encoded("PNG")

    @given(st.one_of(st.binary(max_size=500),
                     st.tuples(st.just(real), st.binary(max_size=200)).map(b"".join),
                     st.builds(lambda data, cut: data[:cut], st.just(real), st.integers(0, 200))),
           st.one_of(st.text(max_size=30), st.sampled_from(["x.png", "../x.png", "x/../../y.gif"])))
    def post(data, name):
        before = uploads(app)
        response = upload(admin, data, name)
        assert response.status_code in (302, 422), response.status_code
        check_stored(app, before)

    post()
