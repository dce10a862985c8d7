"""One WTForms form per question, built from the catalogue."""
from functools import cache

from wtforms import BooleanField, FieldList, FormField, RadioField, SelectField, SelectMultipleField
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from ..forms import RADIO_BUTTON, TICK_BOX, BaseForm, choices, max_length
from ..i18n import lazy_gettext as _l
from .catalogue import BY_KEY, MANY, ONE, ROWS, TEXT

NO_ANSWER = ""


@cache
def form_class(key):
    """The form for one question: ready answers, optional own words, rows, and "skip"."""
    question = BY_KEY[key]
    attrs = {"skipped": BooleanField(_l("I do not know, skip this question"))}
    mapping = {option.key: option.label for option in question.options}
    if question.kind == ONE:
        attrs["choices"] = RadioField(question.text, choices=choices(mapping),
                                      option_widget=RADIO_BUTTON, validators=[Optional()])
    elif question.kind == MANY:
        attrs["choices"] = SelectMultipleField(question.text, choices=choices(mapping),
                                               option_widget=TICK_BOX,
                                               validators=[Optional()])
    if question.kind == TEXT or question.own_words is not None:
        label = question.text if question.own_words is None else question.own_words
        attrs["text"] = TextAreaField(label, validators=[max_length(question.max_length)],
                                      render_kw={"dir": "auto", "rows": 3})
    if question.kind == ROWS:
        attrs["rows"] = FieldList(FormField(_row_form(question)), min_entries=1,
                                  max_entries=question.max_rows)
    attrs["validate_skipped"] = _skip_or_answer
    return type(f"{question.key.title()}Form", (BaseForm,), attrs)


def _skip_or_answer(form, field):
    # Skipping and answering cannot both be meant; which one is for the person to say.
    if field.data and has_answer(form):
        raise ValidationError(_l("You chose an answer and to skip the question. "
                                 "Take away one of them."))


def has_answer(form):
    """Whether the form holds an answer: a ready answer, own words or a filled-in row."""
    chosen = form.choices.data if "choices" in form else None
    words = form.text.data if "text" in form else ""
    rows = "rows" in form and any(value for entry in form.rows.entries
                                  for value in entry.data.values())
    return bool(chosen or (words or "").strip() or rows)


def _row_form(question):
    attrs = {}
    for row_field in question.fields:
        if row_field.options:
            mapping = {NO_ANSWER: "–", **{o.key: o.label for o in row_field.options}}
            attrs[row_field.key] = SelectField(row_field.label, choices=choices(mapping),
                                               validators=[Optional()])
        else:
            attrs[row_field.key] = StringField(row_field.label, validators=[
                max_length(row_field.max_length)], render_kw={"dir": "auto"})
    # Rows are parts of the question form, which already carries the CSRF token.
    attrs["Meta"] = type("Meta", (), {"csrf": False})
    return type(f"{question.key.title()}Row", (BaseForm,), attrs)


def make_form(question, value=None, formdata=None):
    """The question's form, filled from a saved value or from what was posted."""
    value = value or {}
    data = {"skipped": value.get("skipped", False), "text": value.get("text", ""),
            "rows": value.get("rows") or [{}]}
    chosen = value.get("choices", [])
    data["choices"] = chosen if question.kind == MANY else (chosen[0] if chosen else None)
    kwargs = {}
    if formdata is not None:
        kwargs["formdata"] = formdata = resolved(formdata)
        if "choices" not in formdata:
            # No ready answer ticked (a browser sends nothing then): none, not the saved one.
            data["choices"] = [] if question.kind == MANY else None
    return form_class(question.key)(data=data, **kwargs)


def resolved(formdata):
    """What was posted, after the person chose between skipping and their answer (the two
    buttons shown when both came): "skip" drops the answer, "answer" drops the skip."""
    choice = formdata.get("resolve")
    if choice not in ("skip", "answer"):
        return formdata
    kept = formdata.copy()
    if choice == "answer":
        kept.pop("skipped", None)
    else:
        kept.pop("choices", None)
        for name in [*(name for name in kept if name.startswith("rows-")), "text"]:
            kept.setlist(name, [""])
    return kept


def value_of(question, form):
    """The JSON value to store for a validated form."""
    value = {}
    if "choices" in form:
        data = form.choices.data
        value["choices"] = list(data or []) if question.kind == MANY else ([data] if data else [])
    if "text" in form and form.text.data:
        value["text"] = form.text.data
    if "rows" in form:
        rows = [{k: v for k, v in entry.data.items() if v} for entry in form.rows.entries]
        value["rows"] = [row for row in rows if row]
    if form.skipped.data:
        value["skipped"] = True
    return {key: item for key, item in value.items() if item}
