"""The referral form (the handbook's anmälningsformulär) and the form that ends a referral."""
from wtforms import (BooleanField, DateField, HiddenField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import InputRequired, Optional, Regexp, ValidationError

from .. import personnummer
from ..catalogues import (COMMISSIONERS, INCOME_SOURCES, REFERRAL_ENDS, REFERRAL_STATUSES,
                          SUPPORT_NEEDS, TARGET_GROUPS, WISH_TO_WORK)
from ..forms import TICK_BOX, CarefulForm, choices, email_field, max_length, name_field
from ..i18n import LANGUAGES, isolate, lang_tag, lazy_gettext as _l


def _line(label, limit, **kwargs):
    return StringField(label, validators=[max_length(limit)], **kwargs)


def _text(label, rows=4):
    return TextAreaField(label, validators=[Optional(), max_length(2000)],
                         render_kw={"dir": "auto", "rows": rows})


# The commissioner's case number is typed on the referral and on the case page (staff pages
# only): the same rule for both.
CASE_NUMBER_LENGTH = 40  # the longest commissioner's case number a case keeps


def case_number_field(label, **kwargs):
    """The commissioner's own case number (ärendenummer), as the referral and the case hold it."""
    return StringField(label, validators=[max_length(CASE_NUMBER_LENGTH), Regexp(
        r"^[\w./: -]*$", message=_l("Use letters, digits, spaces and . / : - only."))],
        render_kw={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}, **kwargs)


class ReferralForm(CarefulForm):
    careful_fields = ("purpose",)

    seen = HiddenField()  # when the referral was saved as the form was opened (conflicts)
    coach = SelectField(_l("Coach"), coerce=int,
                        validators=[InputRequired(message=_l("Choose a coach."))])
    received_on = DateField(_l("Date of the referral"),
                            validators=[InputRequired(message=_l("Write the date."))])
    commissioner = SelectField(_l("Commissioner"), choices=choices(COMMISSIONERS))
    commissioner_unit = _line(_l("Office or unit"), 100, render_kw={"dir": "auto"},
                              description=_l("For example the office, or the name when you "
                                             "chose Other."))
    case_number = case_number_field(_l("The commissioner's case number"))
    handler_name = _line(_l("Case officer"), 100, render_kw={"dir": "auto"})
    handler_phone = _line(_l("Case officer's phone"), 40, render_kw={"type": "tel"})
    handler_email = email_field(_l("Case officer's e-mail"), 200)
    purpose = _text(_l("Purpose of the assignment"))
    target_groups = SelectMultipleField(_l("Target group"), validators=[Optional()],
                                        choices=choices(TARGET_GROUPS),
                                        option_widget=TICK_BOX)
    income_at_start = SelectField(_l("Income at the start"), default="",
                                  choices=choices({"": _l("Not known yet"), **INCOME_SOURCES}))
    wants_work = SelectField(_l("The person's own wish to work"), default="",
                             choices=choices({"": _l("Not asked yet"), **WISH_TO_WORK}))
    interpreter = BooleanField(_l("Needs an interpreter"))
    interpreter_language = _line(_l("Language for the interpreter"), 60,
                                 render_kw={"dir": "auto"})
    support_need = SelectField(_l("Need of support"), default="",
                               choices=choices({"": _l("Not assessed yet"), **SUPPORT_NEEDS}))
    name = name_field(_l("Name"))
    personnummer = StringField(_l("Date of birth or personal identity number"),
                               description=_l("YYYYMMDD, or YYYYMMDD-XXXX. You can leave it "
                                              "empty."),
                               render_kw={"dir": "ltr", "autocomplete": "off",
                                          "inputmode": "numeric"})
    phone = _line(_l("Phone"), 40, render_kw={"type": "tel"})
    email = email_field(_l("E-mail"), 200)
    address = _text(_l("Address"), rows=3)
    locale = SelectField(_l("Preferred language"), default="sv", choices=choices(
        LANGUAGES, **{code: {"lang": lang_tag(code)} for code in LANGUAGES}))

    def __init__(self, *args, coaches=None, **kwargs):
        """`coaches`: the coaches an administrator can give the referral to; None for a coach,
        whose referrals are their own."""
        super().__init__(*args, **kwargs)
        if coaches is None:
            del self.coach
        else:
            self.coach.choices = choices({coach.id: isolate(coach.display_name)
                                          for coach in coaches})

    def validate_personnummer(self, field):
        try:
            field.data = personnummer.parse(field.data)
        except personnummer.Invalid as problem:
            raise ValidationError(problem.message) from None

    def validate_interpreter_language(self, field):
        if self.interpreter.data and not field.data:
            raise ValidationError(_l("Write which language the interpreter speaks."))


class EndForm(CarefulForm):
    """The person said no, or the commissioner took the referral back."""

    careful_fields = ("status_reason",)

    status = RadioField(_l("What happened"), choices=choices(
        {key: REFERRAL_STATUSES[key] for key in REFERRAL_ENDS}),
        validators=[InputRequired(message=_l("Choose what happened."))])
    status_on = DateField(_l("Date"), validators=[Optional()], description=_l("Empty: today."))
    status_reason = _text(_l("Reason"), rows=3)
