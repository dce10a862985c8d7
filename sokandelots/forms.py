"""Form pieces shared by every blueprint."""
import json
from copy import copy as _copy
from datetime import date
import re

from flask import url_for
from markupsafe import Markup, escape
from flask_wtf import FlaskForm
from flask_babel import format_date
from wtforms import (BooleanField, DecimalField, Field, PasswordField, RadioField, SelectField, StringField,
                     TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Input, Select, TextArea, TextInput
from wtforms.widgets.core import clean_key
from wtforms import validators
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from . import careful, contacts, passwords
from .i18n import lazy_gettext as _l, translations
from .masking import MaskedFormCSRF
from .catalogues import ATTENDANCE

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """Strip control characters and surrounding space from typed text."""
    return CONTROL_CHARACTERS.sub("", value).strip() if isinstance(value, str) else value


# WTForms' own messages that our forms can show; listed so they are extracted and translated.
WTFORMS_MESSAGES = [
    # I18N: shown when a select list got a value that is not one of its options
    _l("Not a valid choice."),
    # I18N: shown when a field for a number got something else
    _l("Not a valid decimal value."),
    # I18N: shown when a field for a whole number got something else
    _l("Not a valid integer value."),
]


class BaseForm(FlaskForm):
    class Meta:
        csrf_class = MaskedFormCSRF  # the token masked afresh in each page (see masking.py)

        def get_translations(self, form):
            # WTForms' built-in messages come from our own catalogues, like every other string.
            return translations()

        def bind_field(self, form, unbound_field, options):
            # Every typed text (not passwords) is cleaned the same way before validation.
            kind = unbound_field.field_class
            if issubclass(kind, StringField) and not issubclass(kind, PasswordField):
                options = dict(options, filters=(clean_text, *unbound_field.kwargs.get("filters", ())))
            widget = unbound_field.kwargs.get("widget") or getattr(kind, "widget", None)
            if type(widget) is Select:
                options = dict(options, widget=OneStepSelect(multiple=widget.multiple))
            elif type(widget) is TextArea:
                options = dict(options, widget=ONE_STEP_TEXT_AREA)
            elif isinstance(widget, Input):
                options = dict(options, widget=one_step_input(widget))
            return unbound_field.bind(form=form, **options)


class ConfirmedWords(Field):
    """The words a writer confirmed with the "Save anyway" checkboxes under their texts (one per
    text, each sending that text's careful words). Rendered by the `field` macro, not alone."""

    def process_formdata(self, valuelist):
        self.data = careful.confirmed_words(valuelist)

    def _value(self):
        return ""


class CarefulForm(BaseForm):
    """A form in which staff write about a participant. Each text named in `careful_fields` is
    checked for careful words (see `careful`) while it is written (htmx asks `coach.careful_words`)
    and before it is stored: a submit with a careful word not yet confirmed stores nothing and
    shows the form again, the text kept, with the hint and a "Save anyway" checkbox.
    `health_private`: the participant keeps their health from employers, who read this form's
    texts, so a health word is a warning that names the field."""

    careful_fields = ()
    careful_ok = ConfirmedWords()

    def __init__(self, *args, health_private=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.careful_open = []
        for name in self.careful_fields:
            field = self[name]
            field.flags.careful = True
            field.careful_ok_name = self.careful_ok.name
            field.health_private = health_private
            field.careful = careful.check(field.data, health_private, self.careful_ok.data or ())
            field.render_kw = {**(field.render_kw or {}), **self._check_while_typing(field)}

    def _check_while_typing(self, field):
        # htmx sends the whole form; the values say which text to check and how.
        return {"hx-post": url_for("coach.careful_words"),
                "hx-trigger": "input changed delay:800ms", "hx-sync": "this:replace",
                "hx-target": f"#{field.id}-careful", "hx-swap": "innerMorph",
                "hx-vals": json.dumps({"careful_field": field.name, "careful_id": field.id,
                                       "careful_ok": self.careful_ok.name,
                                       "careful_health": "1" if field.health_private else ""})}

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.form_errors, self.careful_open = [], []
        for name in self.careful_fields:
            field = self[name]
            field.careful = careful.check(field.data, field.health_private,
                                          self.careful_ok.data or ())
            if field.careful and not field.careful.confirmed:
                words = ", ".join(field.careful.words)
                if field.careful.private:
                    message = _l("%(field)s names health details (%(words)s), but the participant "
                                 "has not said that an employer may know about their health. "
                                 "Change the text, or tick “Save anyway” if they agree.",
                                 field=field.label.text, words=", ".join(field.careful.private))
                else:
                    message = _l("%(field)s mentions %(words)s. Change the text, or tick "
                                 "“Save anyway”.", field=field.label.text, words=words)
                self.careful_open.append((field, message))
                self.form_errors.append(message)
        return valid and not self.careful_open


class NumberRange(validators.NumberRange):
    """WTForms' range check, that also refuses a number too long to compare (it is a float
    inside and fails with OverflowError) instead of failing the request."""

    def __call__(self, form, field):
        try:
            super().__call__(form, field)
        except OverflowError:
            raise ValidationError(self.message) from None


class NewPassword:
    """Validator: the password follows the rules in `passwords.problem`."""

    def __call__(self, form, field):
        message = passwords.problem(field.data or "")
        if message:
            raise ValidationError(message)


def new_password_field():
    return PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters. You can use words, numbers and spaces."),
        validators=[InputRequired(message=_l("Write a password.")), NewPassword()],
        render_kw={"autocomplete": "new-password"},
    )


def not_after_today(message=_l("The date cannot be in the future.")):
    """A validator: the field's date is today or earlier."""
    def check(form, field):
        if field.data and field.data > date.today():
            raise validators.ValidationError(message)
    return check


def max_length(limit):
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


def name_field(label):
    return StringField(label, validators=[DataRequired(message=_l("Write a name.")),
                                          max_length(100)],
                       render_kw={"autocomplete": "off", "dir": "auto"})


def email_field(label, limit=120, **kwargs):
    return StringField(label, validators=[
        validators.Optional(), max_length(limit),
        validators.Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                          message=_l("Write an e-mail address like name@example.se."))],
        render_kw={"type": "email"}, **kwargs)


def int_or_none(value):
    """A select's value as a whole number, or None for its empty choice (a `coerce`)."""
    return int(value) if value not in (None, "", "None") else None


class ChoiceInput:
    """WTForms' tick box or radio button for one option of a choice field, drawn as WTForms
    draws it (the same attributes, in the same order) but in one step: a question page or a job
    card draws up to 18 of them, and WTForms' general attribute handling took a fifth of the
    page's time. An option has no validators of its own, so no validation attributes."""

    def __init__(self, input_type):
        self.input_type = input_type

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("type", self.input_type)
        kwargs.setdefault("value", field._value())
        if getattr(field, "checked", field.data):
            kwargs["checked"] = True
        kwargs["name"] = field.name
        return Markup(f"<input {attributes(kwargs)}>")


TICK_BOX, RADIO_BUTTON = ChoiceInput("checkbox"), ChoiceInput("radio")


class ChoiceItem:
    """One option of a choice field drawn with `ChoiceInput`, as iterating the field gives it
    (the same id, name, value and tick) but without WTForms making a field for each: a question
    of 18 picture answers made 18 fields on every page, where each picture answer is a piece
    drawn once and kept (see `kept`), which needs only the id and the tick."""

    __slots__ = ("field", "id", "data", "checked")

    def __init__(self, field, index, choice):
        self.field, self.id = field, f"{field.id}-{index}"
        self.data, self.checked = choice.value, choice.selected

    @property
    def name(self):
        return self.field.name

    def _value(self):
        return str(self.data)

    def __call__(self, **kwargs):
        render_kw = self.field.render_kw
        return self.field.option_widget(self, **(dict(render_kw, **kwargs) if render_kw else kwargs))


def choice_items(field):
    """The options of a radio or tick box field in order: ChoiceItems when it draws them with a
    `ChoiceInput`, else WTForms' own option fields."""
    if not isinstance(field.option_widget, ChoiceInput):
        return list(field)
    return [ChoiceItem(field, index, choice) for index, choice in enumerate(field.iter_choices())]


class OneStepSelect(Select):
    """WTForms' select, each option drawn as WTForms draws it but in one step, as `ChoiceInput`:
    WTForms' general attribute handling made the caseload's list of eight languages take a
    quarter of a millisecond. Every form's selects are drawn with it (BaseForm.Meta.bind_field)."""

    @classmethod
    def _dispatch_render_option(cls):
        # WTForms looks up the signature of `render_option` for every select it draws, to
        # allow an older one; this one is known to take a choice.
        return cls.render_option

    @classmethod
    def render_option(cls, choice, **kwargs):
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        options = {"value": value, **(choice.render_kw or {}), **kwargs}
        if choice.selected:
            options["selected"] = True
        return Markup(f"<option {attributes(options)}>{escape(choice.label or choice.value)}</option>")


def attributes(values):
    """HTML attributes as WTForms' html_params writes them: sorted by name, True as the bare
    name, False left out."""
    written = []
    for key, value in sorted(values.items()):
        if value is True:
            written.append(clean_key(key))
        elif value is not False:
            written.append(f'{clean_key(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return " ".join(written)


def one_step_html_params(**values):
    """WTForms' html_params, written in one step: WTForms formats each attribute through
    markupsafe's Python formatter, which took 30-40 µs for a field of five attributes."""
    return Markup(attributes(values))


_ONE_STEP_INPUTS = {}


def one_step_input(widget):
    """A copy of WTForms' `widget` (a text box, a hidden field, a tick box…) that writes its
    attributes with `one_step_html_params`; one copy for each widget, made once."""
    found = _ONE_STEP_INPUTS.get(widget)  # widgets compare by identity
    if found is None:
        found = _ONE_STEP_INPUTS[widget] = _copy(widget)
        found.html_params = one_step_html_params
    return found


class OneStepTextArea(TextArea):
    """WTForms' text area, its attributes written with `one_step_html_params`."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        flags = vars(field.flags)  # the flags set, as WTForms finds them with dir()
        for name in self.validation_attrs:
            if name in flags and name not in kwargs:
                kwargs[name] = flags[name]
        return Markup(f"<textarea {one_step_html_params(name=field.name, **kwargs)}>\r\n"
                      f"{escape(field._value())}</textarea>")


ONE_STEP_TEXT_AREA = OneStepTextArea()


def choices(mapping, **render_kw_for):
    """Select options from a catalogue dict; `render_kw_for` maps a value to extra attributes."""
    return [SelectChoice(value=key, label=label, render_kw=render_kw_for.get(key, {}))
            for key, label in mapping.items()]


class MessageForm(BaseForm):
    """A message or a reply, for participants and coaches alike."""

    text = TextAreaField(_l("Your message"), validators=[
        InputRequired(message=_l("Write something first.")), max_length(2000)],
        render_kw={"dir": "auto", "rows": 4})


class HoursField(DecimalField):
    """Hours as a decimal number, typed with a decimal comma or point (or the Arabic one)."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        super().process_formdata([value.replace(",", ".").replace("\u066b", ".").strip()
                                  for value in valuelist])


class AttendanceForm(BaseForm):
    """Days of attendance: for each day a status and hours (fields `status_YYYYMMDD`, `hours_...`).
    Participants pick big picture buttons; the coach picks from a list that can also clear a day."""

    def marks(self):
        """The days as {date: (status, hours)}."""
        return {day: (self[f"status_{key}"].data or "", self[f"hours_{key}"].data)
                for day, key in self.day_keys}

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for day, key in self.day_keys:
            status, hours = self[f"status_{key}"], self[f"hours_{key}"]
            if day in self.closed:
                # Not come yet, or outside the placement: it can only be left empty (or cleared).
                if status.data:
                    status.errors.append(self.closed[day])
                    valid = False
                continue
            if hours.data and not status.data:
                hours.errors.append(_l("Choose how the day was, too."))
                valid = False
        return valid


def attendance_form(days, coach=False, closed=None, **kwargs):
    """A form for `days`; `closed` maps the days that cannot be marked to why (see
    attendance.closed): the page shows why instead of the buttons, and the form refuses them."""
    attrs = {"day_keys": [(day, day.strftime("%Y%m%d")) for day in days], "closed": closed or {}}
    options = choices({"": "–", **ATTENDANCE} if coach else ATTENDANCE)
    for day, key in attrs["day_keys"]:
        label = format_date(day, "EEEE d MMMM")
        kind = SelectField if coach else RadioField
        attrs[f"status_{key}"] = kind(label, choices=options, default="", validators=[Optional()])
        attrs[f"hours_{key}"] = HoursField(
            _l("Hours"), places=None, validators=[Optional(), NumberRange(
                0, 24, message=_l("Write a number from 0 to 24."))],
            render_kw={"inputmode": "decimal", "autocomplete": "off"})
    return type("DaysForm", (AttendanceForm,), attrs)(**kwargs)


class ContactForm(BaseForm):
    """Hur vill du få besked? An e-mail address, a mobile number, and which of them to use."""

    email = StringField(_l("E-mail address"), validators=[max_length(200), contacts.valid_email],
                        render_kw={"autocomplete": "email", "inputmode": "email", "dir": "ltr",
                                   "autocapitalize": "none", "spellcheck": "false"})
    mobile = StringField(_l("Mobile number"), description=_l("For example 070-123 45 67"),
                         validators=[max_length(40), contacts.valid_mobile],
                         render_kw={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})
    notify_by = RadioField(_l("Choose one way"), default="",
                           choices=[SelectChoice(value=way.value, label=way.label)
                                    for way in contacts.WAYS])

    def validate_notify_by(self, field):
        if field.data == "email" and not (self.email.data or "").strip():
            raise ValidationError(_l("Write your e-mail address, or choose another way."))
        if field.data == "sms" and not (self.mobile.data or "").strip():
            raise ValidationError(_l("Write your mobile number, or choose another way."))


class MorningMailForm(BaseForm):
    """A coach's own e-mail address and whether to get the morning e-mail."""

    email = StringField(_l("Your e-mail address"), validators=[max_length(200),
                                                               contacts.valid_email],
                        render_kw={"autocomplete": "email", "inputmode": "email", "dir": "ltr"})
    morning_mail = BooleanField(_l("Send me an e-mail each morning with what is overdue"))

    def validate_morning_mail(self, field):
        if field.data and not (self.email.data or "").strip():
            raise ValidationError(_l("Write your e-mail address to get the morning e-mail."))
