"""Job cards as people see them: the built-in catalogue with the administrator's changes.

A built-in card keeps its translated texts unless an administrator wrote their own for a
language; an administrator's own card has only the texts they wrote (Swedish first, then
any language they wrote, when the page language has none).
"""
import json
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import force_locale

from ..db import Ask, Prepared, asking
from ..i18n import DEFAULT_LOCALE, LANGUAGES, locale_code
from ..models import CardPicture, JobCard, utcnow
from .catalogue import BY_KEY, CARDS, TAGS

LIMITS = {"title": 60, "text": 300, "related": 8, "related_title": 60}


@dataclass(frozen=True)
class ShownCard:
    key: str
    title: str
    text: str
    related: list
    tags: list  # Tag objects
    picture: str  # a pictogram name, or the file name of an uploaded picture
    uploaded: bool = False
    hidden: bool = False
    builtin: bool = True
    texts: dict = field(default_factory=dict)  # the administrator's own texts per language


def _own_texts(row, locale):
    texts = json.loads(row.texts) if row else {}
    mine = texts.get(locale) or {}
    if row and row.key not in BY_KEY and not mine.get("title"):
        mine = texts.get(DEFAULT_LOCALE) or next((t for t in texts.values() if t.get("title")), {})
    return texts, mine


def shown(key, row, locale=None):
    """One card in `locale` (the page language by default), or None if there is no such card."""
    locale = locale or locale_code()
    if row is None:
        return _builtin(key, locale)
    return _shown(key, row, locale)


@lru_cache(maxsize=2048)
def _builtin(key, locale):
    """A built-in card no administrator changed, the same for everyone: translated once for
    each language (the card grid shows every card)."""
    with force_locale(locale):
        return _shown(key, None, locale)


def _shown(key, row, locale):
    builtin = BY_KEY.get(key)
    if builtin is None and row is None:
        return None
    texts, mine = _own_texts(row, locale)
    tag_keys = json.loads(row.tags) if row and row.tags is not None else (
        builtin.tags if builtin else [])
    return ShownCard(
        key=key,
        title=mine.get("title") or (str(builtin.title) if builtin else key),
        text=mine.get("text") or (str(builtin.text) if builtin else ""),
        related=mine.get("related") or ([str(title) for title in builtin.related] if builtin else []),
        tags=[TAGS[tag] for tag in tag_keys if tag in TAGS],
        picture=(row.picture if row and row.picture else builtin.picture if builtin else "briefcase"),
        uploaded=bool(row and row.picture),
        hidden=bool(row and row.hidden),
        builtin=builtin is not None,
        texts=texts,
    )


_ROWS = Prepared(lambda: JobCard.select(), values=0)
_ROW = Prepared(lambda key: JobCard.select().where(JobCard.key == key).limit(1))


@asking
def all_cards(include_hidden=False):
    """Every card in catalogue order (the administrator's own cards last)."""
    return Ask([(_ROWS, ())], lambda rows: _in_order(rows, include_hidden))


def _in_order(rows, include_hidden):
    rows = {row.key: row for row in rows}
    keys = [card.key for card in CARDS] + sorted(
        (key for key in rows if key not in BY_KEY), key=lambda key: rows[key].id)
    locale = locale_code()  # once for all cards
    cards = [shown(key, rows.get(key), locale) for key in keys]
    return [card for card in cards if include_hidden or not card.hidden]


def get(key, include_hidden=False):
    card = shown(key, _ROW.first(key))
    return card if card and (include_hidden or not card.hidden) else None


def new_key():
    return "own-" + uuid.uuid4().hex[:8]


def save(key, locale, title, text, related, tags=None, hidden=None, picture=None):
    """Store an administrator's texts for one language, and the tags, visibility and picture."""
    row = JobCard.get_or_none(JobCard.key == key) or JobCard(key=key, texts="{}")
    texts = json.loads(row.texts)
    texts[locale] = {name: value for name, value in
                     (("title", title), ("text", text), ("related", related)) if value}
    row.texts = json.dumps({code: value for code, value in texts.items()
                            if value and code in LANGUAGES}, ensure_ascii=False, sort_keys=True)
    if tags is not None:
        row.tags = json.dumps(sorted(tags))
    if hidden is not None:
        row.hidden = hidden
    if picture is not None:
        if row.picture and row.picture != picture:  # the picture it replaces goes
            CardPicture.delete().where(
                CardPicture.name == row.picture.removesuffix(".webp")).execute()
        row.picture = picture
    row.updated_at = utcnow()
    row.save()
    return row


def set_hidden(key, hidden):
    row = JobCard.get_or_none(JobCard.key == key) or JobCard(key=key, texts="{}")
    row.hidden = hidden
    row.updated_at = utcnow()
    row.save()
