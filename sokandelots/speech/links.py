"""The addresses of the audio of the texts on a page, and the marks templates put on them.

Each readable part of a page carries `data-say`: the address of its audio, or "" when there is
none (Somali and Tigrinya without a recording), so that the computer's own voice can still try.
The address holds a token made with the app's secret: the language, the text (a fixed text by the
first SHORT_KEY hex digits of its key, a text written at run time in full), which source speaks
it and, for a run-time text, the participant whose page it is. So only texts this app rendered can
be heard, and a participant's own texts only by them and their coach. A token of fixed texts is
only signed, so the same words always have the same address and the browser keeps their sound;
it is short (`ar-se8f71fc020.` and a 16-letter signature), as a page holds dozens. A token that
holds words written at run time (a message, a name) is encrypted, so they never stand readable in
an address that a proxy's or server's log may keep; its parts are packed with zlib first, and it
is made once for the same words of the same participant.

The parts a page marks are also collected while it renders, so that the page's Listen, and each
picture answer's speaker button, are plain links to one file of all of them without JavaScript.
"""
import base64
import hashlib
import json
import zlib
from functools import cached_property, lru_cache

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, g, url_for
from itsdangerous import BadSignature, Signer
from itsdangerous.signer import HMACAlgorithm
from markupsafe import Markup, escape

from ..i18n import locale_code
from .keys import normalise, text_key, words_key
from .recorded import approved_keys
from .server import has_voice
from .texts import fixed_texts

RECORDED, SERVER = "r", "s"
SIGNED, ENCRYPTED = "s.", "e."
SHORT_KEY = 10  # hex digits: 40 bits tell a language's few thousand fixed texts apart
PARTS, FIELDS = "~", "-"  # between the parts of a signed token, and after a part's language


class ShortHMAC(HMACAlgorithm):
    """HMAC-SHA256 cut to 12 bytes (96 bits): still past guessing, and short in a page."""

    def get_signature(self, key, value):
        return super().get_signature(key, value)[:12]


def _signer(secret):
    return Signer(secret, salt="speech", key_derivation="hmac", digest_method=hashlib.sha256,
                  algorithm=ShortHMAC(hashlib.sha256))


def _fernet(secret=None):
    secret = f"speech\n{secret or current_app.config['SECRET_KEY']}".encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest()))


def _short(found):
    lang, source, key, words = found
    return [lang, source, key[:SHORT_KEY], words]


def make_token(owner, parts, secret=None):
    secret = secret or current_app.config["SECRET_KEY"]
    if any(not found[2] for found in parts):  # words written at run time
        return _encrypted(secret, owner, parts)
    return SIGNED + _signed(secret, tuple(tuple(found) for found in parts))


# Tokens of run-time words already made, by a digest of what they hold: the words themselves are
# not kept here as they were written.
_ENCRYPTED = {}
ENCRYPTED_KEPT = 4096


def _encrypted(secret, owner, parts):
    """A token of run-time words, made once for the same words of the same participant and kept:
    Fernet's token differs every time it is made, and packing and encrypting took 66 µs each,
    for the half-dozen of a participant's own texts on their home page. A token never runs out,
    so a kept one is as good as a new one. (Words are normalised, so hold no control characters
    to mix up with the ones between the fields.)"""
    fields = "\0".join(f"{lang}\1{source}\1{key}\1{words}" for lang, source, key, words in parts)
    digest = hashlib.sha256(f"{secret}\0{owner}\0{fields}".encode()).digest()
    found = _ENCRYPTED.get(digest)
    if found is None:
        data = json.dumps([owner, [_short(found) for found in parts]], ensure_ascii=False)
        if len(_ENCRYPTED) >= ENCRYPTED_KEPT:
            _ENCRYPTED.clear()
        found = _ENCRYPTED[digest] = (
            ENCRYPTED + _fernet(secret).encrypt(zlib.compress(data.encode(), 9)).decode())
    return found


@lru_cache(maxsize=4096)
def _signed(secret, parts):
    """A token of fixed texts is the same each time (see the module): made once, as pages
    mark dozens of texts each."""
    payload = PARTS.join(f"{lang}{FIELDS}{source}{key[:SHORT_KEY]}" for lang, source, key, _ in parts)
    return _signer(secret).sign(payload).decode()


def _unsigned(token):
    payload = _signer(current_app.config["SECRET_KEY"]).unsign(token).decode()
    parts = []
    for found in payload.split(PARTS):
        lang, _, rest = found.partition(FIELDS)
        parts.append([lang, rest[:1], rest[1:], ""])
    return None, parts


def read_token(token):
    """(participant id or None, parts) from a token; BadSignature when it was not made here."""
    if token.startswith(ENCRYPTED):
        try:
            data = _fernet().decrypt(token[len(ENCRYPTED):].encode())
        except InvalidToken as error:
            raise BadSignature("not made here") from error
        owner, parts = json.loads(zlib.decompress(data))
    elif token.startswith(SIGNED):
        owner, parts = _unsigned(token[len(SIGNED):])
    else:
        raise BadSignature("not made here")
    return owner, [(lang, source, _full_keys(lang).get(key, key) if key else "", words)
                   for lang, source, key, words in parts]


@lru_cache(maxsize=None)
def fixed_by_key(locale):
    """The fixed participant texts of `locale` by their text key."""
    return {text_key(locale, fixed.text): fixed.text for fixed in fixed_texts(locale)}


@lru_cache(maxsize=None)
def fixed_keys(locale):
    """The same by the texts as written: most marked texts are found here without working out
    their key (a run-time text is never kept here)."""
    return {text: key for key, text in fixed_by_key(locale).items()}


@lru_cache(maxsize=None)
def _full_keys(locale):
    """The keys of `locale`'s fixed texts by their first SHORT_KEY hex digits, as tokens hold them."""
    return {key[:SHORT_KEY]: key for key in fixed_by_key(locale)}


class _Page:
    """What the marks of the page being drawn depend on, found once per request (a page marks
    dozens of texts, and each look-up through Flask's context proxies takes time)."""

    def __init__(self):
        user = g.get("user")
        # Whose run-time texts these are: the participant logged in; nobody before login; on
        # a staff page a run-time text is not spoken by the server (the computer's voice may).
        if user is None:
            self.owner = (None, True)
        else:
            self.owner = (user.id, True) if user.role == "participant" else (None, False)
        self.app = current_app._get_current_object()
        self.secret = self.app.config["SECRET_KEY"]
        self.recorded, self.states = {}, {}
        # While the page renders: a list of parts for the whole page, and one for each group (a
        # picture answer, a job card) open at the moment. `say` adds to all of them.
        self.collectors = []

    @cached_property
    def address(self):
        """The start of every audio address, before its token (tokens are URL-safe as they
        are); made when first needed, as a page drawn outside a request marks nothing."""
        return url_for("speech.say", token="-")[:-1]


def _page():
    context = g._get_current_object()
    found = context.get("speech_page")
    if found is None:
        found = context.speech_page = _Page()
    return found


def _recorded(locale):
    """Keys with an approved recording, looked up once per language and request."""
    found = _page().recorded
    if locale not in found:
        found[locale] = approved_keys(locale)
    return found[locale]


def _owner():
    """Whose run-time texts these are (see `_Page`): (participant id or None, whether the
    server speaks run-time texts)."""
    return _page().owner


def part(text, lang=None):
    """[language, source, key of a fixed text or "", run-time text or ""] of `text` on this
    page, or None when only the computer's own voice could read it."""
    lang = lang or locale_code()
    if isinstance(text, Markup):
        text = text.striptags()  # a name in <bdi>: the words, not the tags
    key, words = fixed_keys(lang).get(str(text)), None
    if key is None:
        words = normalise(text)
        key = words_key(lang, words)
    if key in fixed_by_key(lang):
        if key in _recorded(lang):
            return [lang, RECORDED, key, ""]
        return [lang, SERVER, key, ""] if has_voice(lang) else None
    words = words if words is not None else normalise(text)
    if not words or not has_voice(lang) or not _owner()[1]:
        return None
    return [lang, SERVER, "", words]


def audio_url(parts):
    """The address of one file of `parts` (of this page), or None when there are none."""
    parts = [found for found in parts if found]
    if not parts:
        return None
    page = _page()
    owner = page.owner[0] if any(not found[2] for found in parts) else None
    return page.address + make_token(owner, parts, page.secret)


def listen_start(group=False):
    """Start collecting (see `_Page`): the whole page, or (`group`) one picture answer or card."""
    page = _page()
    if not group:
        page.collectors = []
    page.collectors.append([])
    return ""


def listen_end():
    """Stop collecting the innermost list: whether anything was marked, its parts' file address
    (None when nothing has audio) and whether every part with audio is a recording."""
    marked = _page().collectors.pop()
    parts = [found for found in marked if found]
    return {"any": bool(marked), "url": audio_url(parts), "recorded": bool(parts) and all(
        found[1] == RECORDED for found in parts)}


def say(text, lang=None):
    """The attributes that mark `text` (as shown inside the element) as a part to read aloud.
    A fixed text's are made once and kept, by everything they depend on (as `kept` does)."""
    page, lang = _page(), lang or locale_code()
    key = (text.__class__ is Markup, str(text), lang, _state(lang, page))
    store = page.app.extensions.setdefault("said", {})
    kept_mark = store.get(key)
    if kept_mark is None:
        found = part(text, lang)
        if found is None and not page.owner[1]:
            return ""  # a run-time text on a staff page
        url = audio_url([found]) if found else ""
        voice = ' data-voice="recorded"' if found and found[1] == RECORDED else ""
        kept_mark = (found, Markup(f' data-say="{escape(url)}"{voice}'))
        if found and found[2]:  # a run-time text's mark is never kept: its address is theirs
            if len(store) >= KEPT_LIMIT:
                store.clear()
            store[key] = kept_mark
    for collector in page.collectors:
        collector.append(kept_mark[0])
    return kept_mark[1]


# Pieces of pages that many requests draw the same way (a question's picture answers), kept
# once drawn: with their marks and speaker links they were most of a question page's time.
KEPT_LIMIT = 4096


def kept(*key, caller):
    """`caller()`'s HTML, drawn once for `key` and kept, and what it marked to be read aloud,
    added to the page's Listen as if drawn again. The kept piece belongs to everything its
    marks depend on (language, Swedish words shown, approved recordings, the app's secret, a
    participant's page or a staff page); a piece with words written at run time is never kept,
    as its address is the participant's own. A key that starts with None is not kept (a macro
    whose caller did not ask for it)."""
    if key[0] is None:
        return caller()
    page, locale = _page(), locale_code()
    key = (key, locale, _state(locale, page))
    store = page.app.extensions.setdefault("kept_pieces", {})
    found = store.get(key)
    if found is None:
        listen_start(group=True)
        html = caller()
        marked = page.collectors.pop()
        if all(not mark or mark[2] for mark in marked):
            if len(store) >= KEPT_LIMIT:
                store.clear()
            store[key] = (html, marked)
        return html  # `say` gave the marks to the page already
    html, marked = found
    for collector in page.collectors:
        collector.extend(marked)
    return html


def _state(locale, page):
    """What a kept piece's marks depend on besides its own key, once per request."""
    found = page.states.get(locale)
    if found is None:
        from ..i18n import wants_swedish
        found = page.states[locale] = (page.secret, page.address, page.owner[1], wants_swedish(),
                                       frozenset(_recorded(locale)))
    return found

