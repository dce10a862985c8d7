"""Corrections: a record a coach wrote is corrected by its writer, and the earlier version is kept.

One mechanism for every kind of record: `correct` saves the new values on the row and keeps the
changed columns' earlier values as a `Revision` (which table, which row, who, when); `history`
reads them back for the staff pages (the `history` macro in _macros.html shows them), and
`marks` tells the participant's pages which rows were corrected and when. A revision of a row
about a participant goes when they are erased (privacy.erasure.OWNED); one about the employer register
stays with the register.
"""
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from peewee import JOIN, fn

from .db import as_datetime, db
from .i18n import date_in_words, lazy_gettext as _l
from .models import Revision, User

# Form fields that are never a column of the corrected row.
NOT_COLUMNS = {"csrf_token", "careful_ok", "seen"}


def _plain(value):
    """A column's value as JSON can hold it."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def values(row, names):
    """The row's stored values of the columns `names` (a link as the id it holds)."""
    return {name: row.__data__.get(name) for name in names}


def columns(row, form):
    """The fields of `form` that are columns of `row`, in the form's order."""
    return [field.name for field in form
            if field.name not in NOT_COLUMNS and field.name in row._meta.fields]


def correct(row, by, new, about=None):
    """Save the values in `new` (column -> value) on `row`, keeping the earlier values of the
    columns that change as a revision written by `by`. `about` is the participant the row is
    about (by default its own `participant`). Returns whether anything changed."""
    earlier = {name: row.__data__.get(name) for name in new}
    changed = {name: value for name, value in new.items() if _plain(value) != _plain(earlier[name])}
    if not changed:
        return False
    if about is None:
        about = getattr(row, "participant_id", None)
    with db.atomic():
        Revision.create(record=row._meta.table_name, record_id=row.id, participant=about,
                        author=by, earlier=json.dumps({name: _plain(earlier[name]) for name in changed},
                                                      ensure_ascii=False, sort_keys=True))
        for name, value in changed.items():
            setattr(row, name, value)
        row.save(only=[row._meta.fields[name] for name in changed])
    return True


@dataclass
class Entry:
    """One correction as staff see it: when, by whom, and what the row said before it."""
    when: datetime
    who: str  # the corrector's name, "" when the account is gone
    before: list  # [(label, value as text)]


def _shown(field, value):
    """A stored value as the form that corrects it shows it: an option's label, a date in
    words, yes or no; "–" for nothing."""
    if value is None or value == "":
        return "–"
    if field is None:
        return str(value)
    if getattr(field, "choices", None):
        labels = {str(choice.value): choice.label for choice in field.choices}
        return str(labels.get(str(value), value))
    if field.type == "DateField":
        return date_in_words(date.fromisoformat(value[:10]))
    if field.type == "BooleanField":
        return str(_l("Yes") if value else _l("No"))
    return str(value)


def history(model, ids, form=None):
    """The corrections of `model`'s rows `ids`, newest first: {row id: [Entry]}, in one query.
    `form` (the form that corrects them) gives the columns' labels and the options' words."""
    found = {}
    ids = list(ids)
    if not ids:
        return found
    for revision in (Revision.select(Revision, User).join(User, on=Revision.author, join_type=JOIN.LEFT_OUTER,
                                                          attr="author_user")
                     .where(Revision.record == model._meta.table_name, Revision.record_id.in_(ids))
                     .order_by(Revision.created_at.desc(), Revision.id.desc())):
        earlier = json.loads(revision.earlier)
        before = []
        for name, value in earlier.items():
            field = form[name] if form is not None and name in form else None
            before.append((field.label.text if field is not None else name, _shown(field, value)))
        who = revision.author_user.display_name if revision.author_id else ""
        found.setdefault(revision.record_id, []).append(Entry(revision.created_at, who, before))
    return found


def marks(model, ids):
    """When each of `model`'s rows `ids` was last corrected: {row id: datetime}, for the
    participant's pages, which say that something was corrected but not who did it."""
    ids = list(ids)
    if not ids:
        return {}
    return {row_id: as_datetime(when) for row_id, when in (
        Revision.select(Revision.record_id, fn.MAX(Revision.created_at))
        .where(Revision.record == model._meta.table_name, Revision.record_id.in_(ids))
        .group_by(Revision.record_id).tuples())}


def about(participant):
    """Every revision of rows about the participant, oldest first, for the exports."""
    return [{"record": row.record, "row": row.record_id, "earlier": json.loads(row.earlier),
             "by": row.author_user.display_name if row.author_id else None,
             "when": row.created_at}
            for row in Revision.select(Revision, User)
            .join(User, on=Revision.author, join_type=JOIN.LEFT_OUTER, attr="author_user")
            .where(Revision.participant == participant)
            .order_by(Revision.created_at, Revision.id)]
