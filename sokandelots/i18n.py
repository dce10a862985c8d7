"""Languages: which locales exist, how the active one is chosen, its text direction, and the
translated texts of pages and catalogues."""
from datetime import date
from functools import cached_property, lru_cache

from babel import Locale, dates, negotiate_locale
from babel.dates import format_skeleton, get_datetime_format
from flask import g, request, session
import flask_babel
from flask_babel import (Babel, Domain, LazyString, _get_current_context, force_locale,
                         format_date, format_datetime, format_time, to_user_timezone)
from jinja2 import pass_eval_context
from markupsafe import Markup, escape
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

DEFAULT_LOCALE = "sv"

# Each language is named in its own script, so a reader finds theirs without reading Swedish.
LANGUAGES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "fa_AF": "دری",
    "fa": "فارسی",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "uk": "Українська",
}

# What a Swedish-speaking helper (a librarian, a coach) calls each language, for the login card.
SWEDISH_NAMES = {
    "sv": "svenska",
    "en": "engelska",
    "ar": "arabiska",
    "fa_AF": "dari",
    "fa": "persiska",
    "so": "somaliska",
    "ti": "tigrinja",
    "uk": "ukrainska",
}

# Browsers name Dari "prs" or "fa-AF"; both mean Afghan readers, who get Dari, not Persian.
ALIASES = {"prs": "fa_AF", "prs_af": "fa_AF", "fa_af": "fa_AF"}


def _babel_context():
    """Where Flask-Babel keeps the request's locale and translations (`g._flask_babel`), or
    None. Flask-Babel's own look-up of it takes two of Flask's context proxies and about two
    microseconds; a page translates a hundred texts or more."""
    try:
        return getattr(g._get_current_object(), "_flask_babel", None)
    except RuntimeError:  # outside an application context
        return None


class _RequestDomain(Domain):
    """Flask-Babel's message domain, which finds the request's translations again for every
    text (a page has hundreds: this was a tenth of its time); here they are looked up once and
    kept where Flask-Babel itself keeps them for the request (`babel_translations`), which its
    force_locale() and refresh() already clear and restore."""

    def get_translations(self):
        context = _babel_context() or _get_current_context()
        if context is None:
            return super().get_translations()
        found = getattr(context, "babel_translations", None)
        if found is None:
            found = context.babel_translations = super().get_translations()
        return found


def translations():
    """The request's translations (see `_RequestDomain`)."""
    found = getattr(_babel_context(), "babel_translations", None)
    return found if found is not None else flask_babel.get_translations()


def gettext(string, **variables):
    """Flask-Babel's gettext, with the request's translations found the short way."""
    text = translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular, plural, num, **variables):
    """Flask-Babel's ngettext, the same way as `gettext`."""
    variables.setdefault("num", num)
    return translations().ungettext(singular, plural, num) % variables


def pgettext(context, string, **variables):
    """Flask-Babel's pgettext, the same way as `gettext`."""
    text = translations().upgettext(context, string)
    return text % variables if variables else text


# Texts translated when they are shown, as Flask-Babel's lazy_gettext and its kin make them (the
# same LazyString), through the functions above. Catalogues are full of them.
def lazy_gettext(string, **variables):
    return LazyString(gettext, string, **variables)


def lazy_ngettext(singular, plural, num, **variables):
    return LazyString(ngettext, singular, plural, num, **variables)


def lazy_pgettext(context, string, **variables):
    return LazyString(pgettext, context, string, **variables)


def get_locale():
    """The request's locale, as Flask-Babel's get_locale() gives it, found the short way once
    Flask-Babel has chosen it."""
    found = getattr(_babel_context(), "babel_locale", None)
    return found if found is not None else flask_babel.get_locale()


def locale_code():
    """`str(get_locale())`, kept with the locale it was made from: Babel writes the code out
    anew each time, and a page asks for it dozens of times."""
    context = _babel_context()
    locale = getattr(context, "babel_locale", None)
    if locale is None:
        return str(flask_babel.get_locale())
    kept = getattr(context, "babel_locale_code", None)
    if kept is None or kept[0] is not locale:  # force_locale() puts another one in place
        kept = context.babel_locale_code = (locale, str(locale))
    return kept[1]


def _as_template_text(eval_ctx, text, variables):
    """A translated text as Jinja's own gettext gives it: safe markup in an escaped template,
    and always a format string, so "%%" reads "%" also without variables."""
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


# Templates' _(), gettext, ngettext, pgettext and npgettext, as Jinja's i18n extension makes them
# from Flask-Babel's functions, but without Jinja calling three functions in a row for each text
# and Flask-Babel looking up the request's translations twice: a page has a hundred texts.
@pass_eval_context
def _template_gettext(eval_ctx, string, **variables):
    return _as_template_text(eval_ctx, translations().ugettext(string), variables)


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, num, **variables):
    variables.setdefault("num", num)
    return _as_template_text(eval_ctx, translations().ungettext(singular, plural, num), variables)


@pass_eval_context
def _template_pgettext(eval_ctx, context, string, **variables):
    variables.setdefault("context", context)
    return _as_template_text(eval_ctx, translations().upgettext(context, string), variables)


@pass_eval_context
def _template_npgettext(eval_ctx, context, singular, plural, num, **variables):
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    return _as_template_text(
        eval_ctx, translations().unpgettext(context, singular, plural, num), variables)


@pass_eval_context
def _translated_text(eval_ctx, text, **variables):
    """A text translated when its template was compiled (templating.py), formatted as drawn."""
    return _as_template_text(eval_ctx, text, variables)


TEMPLATE_GETTEXT = {"_": _template_gettext, "gettext": _template_gettext,
                    "ngettext": _template_ngettext, "pgettext": _template_pgettext,
                    "npgettext": _template_npgettext, "_translated": _translated_text}


class _Babel(Babel):
    @cached_property
    def domain_instance(self):
        return _RequestDomain(domain=self.domain)


babel = _Babel()


def select_locale():
    """The session's choice, then the account's, then the browser's, then Swedish (as a Babel
    Locale, made once for each language: Flask-Babel would parse the code for every request)."""
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return _locale(chosen)
    user = g.get("user")
    if user is not None and user.locale in LANGUAGES:
        return _locale(user.locale)
    return _browsers_locale(request.headers.get("Accept-Language", ""))


@lru_cache(maxsize=256)
def _browsers_locale(header):
    """The language a browser's Accept-Language header asks for, found once for each header."""
    tags = (tag.replace("-", "_") for tag, _ in parse_accept_header(header, LanguageAccept))
    preferred = [ALIASES.get(tag.lower(), tag) for tag in tags]
    return _locale(negotiate_locale(preferred, list(LANGUAGES), sep="_") or DEFAULT_LOCALE)


@lru_cache(maxsize=None)
def _locale(code):
    return Locale.parse(code)  # parsing a locale takes longer than a page's text


def lang_tag(code):
    """A locale code as HTML's lang attribute wants it (BCP 47): fa_AF is fa-AF."""
    return str(code).replace("_", "-")


def text_direction(code=None):
    return _locale(code or locale_code()).text_direction


def init_app(app):
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Stockholm")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.config["TRANSLATIONS_DIR"])
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(TEMPLATE_GETTEXT)
    _require_catalogues(app)

    app.add_template_filter(bdi)
    app.add_template_filter(lang_tag)
    app.add_template_filter(isolate)
    app.add_template_filter(hidden_name)
    app.add_template_filter(date_in_words)
    app.add_template_filter(datetime_in_words)
    app.add_template_filter(month_in_words)
    app.add_template_filter(meeting_time_in_words)
    app.add_template_global(in_swedish)
    app.add_template_global(in_language)
    app.add_template_global(wants_swedish)

    @app.context_processor
    def _language_context():
        code = locale_code()
        return {"locale_code": code, "text_dir": text_direction(code), "languages": LANGUAGES}


def _require_catalogues(app):
    """Refuse to start when a configured language has no compiled catalogue."""
    folder = app.config["TRANSLATIONS_DIR"]
    missing = [code for code in LANGUAGES
               if not (folder / code / "LC_MESSAGES" / "messages.mo").exists()]
    if missing:
        raise RuntimeError(
            "No compiled translations for %s. Run `make translations` first." % ", ".join(missing))


def bdi(text):
    """Wrap user-entered text so it keeps its own direction inside any page."""
    return Markup(f"<bdi>{escape(text)}</bdi>")


def isolate(text):
    """User-entered text for places that cannot hold <bdi>, such as <title> and <option>: between
    FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so that a direction override typed into it
    (U+202E) cannot turn the text around it."""
    return f"\u2068{text}\u2069"


def hidden_name(text):
    """A name for screen readers after a short button text, so each "Deactivate" says whom."""
    return Markup('<bdi class="visually-hidden"> {}</bdi>').format(text)


def in_swedish(text):
    """A translatable text in Swedish, whatever the page language."""
    return in_language(text, DEFAULT_LOCALE)


def in_language(text, code, **values):
    """A translatable text (a lazy string) in language `code`, whatever the page language."""
    with force_locale(code):
        return str(text) % values if values else str(text)


def wants_swedish():
    """Whether to show the Swedish words under each question: chosen, and not already Swedish."""
    user = g.get("user")
    return bool(user and user.show_swedish) and locale_code() != DEFAULT_LOCALE


def date_in_words(value):
    """A day with the month as a word ("12 juni 2026", "June 12, 2026"), never "6/12/26"."""
    if type(value) is date:  # no time of day, so no time zone: the same words every time
        return _day_in_words(value, locale_code())
    return format_date(value, "long")


@lru_cache(maxsize=4096)
def _day_in_words(day, code):
    """Lists show a date on every row, and the same few dates again and again."""
    return dates.format_date(day, "long", locale=code)


def datetime_in_words(value):
    """A day in words and the time of day, in the reader's time zone and word order."""
    pattern = get_datetime_format("long", locale=get_locale()).replace("'", "")
    return pattern.replace("{0}", format_time(value, "short")).replace("{1}", date_in_words(value))


# How a meeting's day and time read in a language that has its own way ("tisdag 9 december
# klockan 10"): a pattern for a whole hour and one with minutes. Other languages get their
# full date form (with the weekday) and their time of day, joined as the language joins them
# (CLDR).
MEETING_PATTERNS = {"sv": ("EEEE d MMMM 'klockan' H", "EEEE d MMMM 'klockan' H.mm")}


def meeting_time_in_words(value):
    """A meeting's weekday, day, month and time of day in words, in the reader's time zone."""
    code = locale_code()
    if code in MEETING_PATTERNS:
        whole, minutes = MEETING_PATTERNS[code]
        return format_datetime(value, whole if to_user_timezone(value).minute == 0 else minutes)
    pattern = get_datetime_format("long", locale=get_locale()).replace("'", "")
    return pattern.replace("{0}", format_time(value, "short")).replace(
        "{1}", format_date(to_user_timezone(value), "full"))


def month_in_words(value):
    """A month and year ("juni 2026"), in the form the language uses for a month on its own."""
    return format_skeleton("yMMMM", value, locale=get_locale())


def remember_choice(code):
    """Keep a language choice for the session and, when logged in, for the account.

    Before login the choice is marked as made here, since the last logout, so that it wins at
    login; a language merely left in the session by the person before does not.
    """
    session["locale"] = code
    user = g.get("user")
    if user is None:
        session["locale_chosen"] = True
    elif user.locale != code:
        user.locale = code
        user.save(only=[type(user).locale])


def chosen_here():
    """The language the person at this browser chose since the last logout, or None."""
    code = session.get("locale")
    return code if session.get("locale_chosen") and code in LANGUAGES else None


def language_at_login(user):
    """The language a login continues in, and whether the account should now keep it.

    A choice made on the page the person is looking at wins and is kept on the account;
    without one, the account's own language; failing that (None), the browser's. A language
    left in the session by the person before at a shared computer is none of these.
    """
    chosen = chosen_here()
    if chosen:
        return chosen, chosen != user.locale
    return (user.locale if user.locale in LANGUAGES else None), False
