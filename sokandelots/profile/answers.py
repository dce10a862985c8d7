"""Rules for the profile: saving answers, progress, sharing versions and showing answers."""
import json
from datetime import datetime

from peewee import EXCLUDED

from ..db import Prepared, upsert
from ..i18n import lazy_gettext as _l
from ..models import ProfileAnswer, utcnow
from .catalogue import BY_KEY, QUESTIONS, SECTIONS


_DRAFT = Prepared(lambda participant: ProfileAnswer.select()
                  .where(ProfileAnswer.participant == participant))
_STORED = Prepared(lambda participant, key: ProfileAnswer.select()
                   .where(ProfileAnswer.participant == participant, ProfileAnswer.question == key)
                   .limit(1), values=2)


@_DRAFT.then
def draft(rows, participant):
    """The participant's current answers: question key -> value."""
    return {row.question: json.loads(row.value) for row in rows if row.question in BY_KEY}


@_STORED.then
def stored(rows, participant, key):
    """The stored row of one answer, or None: its value, its stamp and the page that saved it."""
    return rows[0] if rows else None


def value(row):
    """The answer a stored row holds (see `stored`); None without a row."""
    return json.loads(row.value) if row else None


def stamp(row):
    """When a stored answer was last saved, as the text a form carries to notice a change
    meanwhile; "" without a row."""
    return row.updated_at.isoformat() if row else ""


def changed_meanwhile(row, value, seen, page=""):
    """The answer someone else saved after the page was opened, if it differs from `value`;
    else None. `row` is the answer as stored now (see `stored`), `seen` the stamp the page last
    knew of and `page` the page's own mark: a save this same page made is never someone else's,
    even when the page has not yet heard back from it (two quick changes, a slow line). Without
    a stamp (an old page) nothing is checked."""
    if seen is None or row is None or row.updated_at.isoformat() == seen:
        return None
    if page and row.saved_by_page == page:
        return None
    theirs = json.loads(row.value)
    return theirs if theirs != value else None


def save(participant, question, value, together=False, page="", seen=None):
    """Store one answer at once, so nothing is lost if the person walks away. `together` marks
    an answer given with the coach; the person's own later change takes the mark away. `page`
    is the saving page's own mark (see `changed_meanwhile`).
    With `seen`, the stamp of the answer the page last knew of, an answer someone else saved
    meanwhile is kept, unless it is the same: the check and the save are one statement, so no
    other save can come between them; then nothing is stored and None is returned.
    Returns the answer's new stamp (see `stamp`)."""
    encoded, now = json.dumps(value, ensure_ascii=False, sort_keys=True), utcnow()
    page = page[:32]
    values = {"participant": participant, "question": question.key, "value": encoded,
              "updated_at": now, "together": together, "saved_by_page": page}
    if seen is None:
        upsert(ProfileAnswer, ("participant", "question"), **values)
    elif not upsert(ProfileAnswer, ("participant", "question"), where=_mine_or_same,
                    where_values=(ProfileAnswer.updated_at.db_value(_time_of(seen)),
                                  page or None), **values):
        return None
    return now.isoformat()


def _mine_or_same(place):
    """The stored answer may be changed: it is the one the page saw (its stamp), this page
    saved it (its mark), or it is the same (see `save`)."""
    return ((ProfileAnswer.updated_at == place) | (ProfileAnswer.saved_by_page == place)
            | (ProfileAnswer.value == EXCLUDED.value))


def _time_of(seen):
    """The time a stamp (see `stamp`) stands for; None for one that is not a time."""
    try:
        return datetime.fromisoformat(seen)
    except (TypeError, ValueError):
        return None


def save_unless_changed(participant, question, value, seen, together=False, page=""):
    """Store one answer (see `save`) unless someone else saved another after the page was
    opened (see `changed_meanwhile`): (its new stamp, None), or (the stamp of the answer stored,
    that answer) when it was not stored."""
    new = save(participant, question, value, together, page, seen=seen)
    if new is not None:
        return new, None
    row = stored(participant, question.key)
    theirs = changed_meanwhile(row, value, seen, page)
    if theirs is None:  # the same once read, or taken away meanwhile
        return save(participant, question, value, together, page), None
    return stamp(row), theirs


_TOGETHER = Prepared(lambda participant: ProfileAnswer.select(ProfileAnswer.question).where(
    ProfileAnswer.participant == participant, ProfileAnswer.together))


@_TOGETHER.then
def together(rows, participant):
    """Keys of the answers given together with the coach."""
    return {row.question for row in rows}


def progress(answers):
    """(answered, total): a skipped question counts as answered."""
    return sum(1 for question in QUESTIONS if answers.get(question.key)), len(QUESTIONS)


def resume_at(participant):
    """The question to continue with: the first unanswered after the last one answered."""
    answers = draft(participant)
    last = (ProfileAnswer.select(ProfileAnswer.question)
            .where(ProfileAnswer.participant == participant)
            .order_by(ProfileAnswer.updated_at.desc(), ProfileAnswer.id.desc()).first())
    keys = [question.key for question in QUESTIONS]
    start = keys.index(last.question) + 1 if last and last.question in BY_KEY else 0
    for key in keys[start:] + keys[:start]:
        if not answers.get(key):
            return BY_KEY[key]
    return None


def neighbours(question):
    """The questions before and after this one (None at either end)."""
    index = QUESTIONS.index(question)
    before = QUESTIONS[index - 1] if index > 0 else None
    after = QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None
    return before, after


def shown(question, value, cv=False):
    """An answer as plain parts for review pages: labels of ready answers, own text, rows.
    `cv`: rows as a CV shows them, with the row fields' CV labels instead of the questions."""
    value = value or {}
    labels = {option.key: option.label for option in question.options}
    parts = {"choices": [labels[key] for key in value.get("choices", []) if key in labels],
             "text": value.get("text", ""), "rows": [], "skipped": value.get("skipped", False)}
    for row in value.get("rows", []):
        cells = []
        for row_field in question.fields:
            item = row.get(row_field.key)
            if item and (row_field.on_cv or not cv):
                names = {option.key: option.label for option in row_field.options}
                cells.append((row_field.cv_label if cv else row_field.label, names.get(item, item)))
        if cells:
            parts["rows"].append(cells)
    return parts


def by_section(answers):
    """[(section, [(question, shown answer), ...]), ...] for review, print and export pages."""
    return [(section, [(question, shown(question, answers.get(question.key)))
                       for question in section.questions]) for section in SECTIONS]


# The questions a CV is made from, with their CV headings, in the order a CV shows them.
CV_PARTS = {
    "languages": _l("Languages"),
    "jobs": _l("Work experience"),
    "school": _l("Schooling"),
    "courses": _l("Courses"),
    "strengths": _l("Strengths"),
    "interests": _l("Interests"),
}


def cv(answers):
    """[(heading, shown answer), ...] for the CV parts that have an answer."""
    parts = [(heading, shown(BY_KEY[key], answers[key], cv=True)) for key, heading in CV_PARTS.items()
             if answers.get(key) and not answers[key].get("skipped")]
    return [(heading, shown_parts) for heading, shown_parts in parts
            if shown_parts["choices"] or shown_parts["text"] or shown_parts["rows"]]
