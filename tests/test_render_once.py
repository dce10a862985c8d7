"""Pieces of pages drawn once and kept (a question's picture answers, the card grid's cards), and
the helpers that make a page cheaper to draw: each must give exactly the page drawn in full."""
import re

import flask_babel
from flask_babel import force_locale, gettext, get_translations
from jinja2 import Environment
from wtforms import Form, RadioField, SelectMultipleField
from wtforms.widgets import CheckboxInput, RadioInput

from sokandelots.db import db
from sokandelots.forms import RADIO_BUTTON, TICK_BOX, ChoiceItem, choice_items, choices
from sokandelots.i18n import lazy_gettext as _l, locale_code
from sokandelots.jobcards import cards
from sokandelots.models import RecordedVoice, User
from sokandelots.speech import links, server
from sokandelots.speech.keys import text_key

from helpers import login, submit

QUESTION = "/me/profile/q/interests"
LISTEN = re.compile(r'class="button secondary listen" href="([^"]+)"')
CHOICES = re.compile(r'<div class="choices" id="choices">.*?</fieldset>', re.S)


def choices_of(html):
    return CHOICES.search(html).group(0)


def kept_pieces(app):
    return app.extensions.get("kept_pieces", {})


def test_a_question_drawn_again_is_the_same_page_with_the_same_listen(app, client):
    login(client, "erik")
    first = client.get(QUESTION).get_data(as_text=True)
    pieces = len(kept_pieces(app))
    assert pieces >= 10  # one for each picture answer
    again = client.get(QUESTION).get_data(as_text=True)
    assert len(kept_pieces(app)) == pieces  # drawn from what was kept
    assert choices_of(again) == choices_of(first)
    # The page's own Listen reads the kept answers too, as when they were drawn.
    assert LISTEN.search(again).group(1) == LISTEN.search(first).group(1)


def test_a_ticked_answer_and_another_language_are_pieces_of_their_own(app, client):
    login(client, "erik")
    before = choices_of(client.get(QUESTION).get_data(as_text=True))
    assert "checked" not in before
    client.post(QUESTION, data={"csrf_token": csrf(client), "choices": ["animals"], "go": "stay"})
    ticked = choices_of(client.get(QUESTION).get_data(as_text=True))
    assert ticked.count("checked") == 1 and 'checked class="choice-input" id="choices-1"' in ticked
    with app.app_context(), db.connection_context():
        User.update(locale="ar").where(User.username == "erik").execute()
    arabic = choices_of(client.get(QUESTION).get_data(as_text=True))
    assert "الحيوانات" in arabic and "Djur" not in arabic


def csrf(client):
    html = client.get(QUESTION).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_swedish_words_shown_or_not_are_pieces_of_their_own(app, client):
    with app.app_context(), db.connection_context():
        User.update(locale="ar").where(User.username == "erik").execute()
    login(client, "erik")
    plain = choices_of(client.get(QUESTION).get_data(as_text=True))
    with app.app_context(), db.connection_context():
        User.update(show_swedish=True).where(User.username == "erik").execute()
    with_swedish = choices_of(client.get(QUESTION).get_data(as_text=True))
    assert 'class="in-swedish"' not in plain and 'class="in-swedish"' in with_swedish


def test_a_recording_approved_later_is_heard_on_a_kept_page(app, client):
    """The kept answers depend on the approved recordings: approving one changes the page."""
    login(client, "erik")
    before = client.get(QUESTION).get_data(as_text=True)
    assert 'data-voice="recorded"' not in before
    with app.test_request_context(), db.connection_context():
        label = gettext("Animals")
        RecordedVoice.create(locale="sv", msgid="Animals", text=label, key=text_key("sv", label),
                             audio=server.synthesise("sv", label), seconds=1, status="approved")
    after = client.get(QUESTION).get_data(as_text=True)
    assert choices_of(after).count('data-voice="recorded"') == 1


def test_the_approved_recordings_are_read_once_in_a_while_and_at_once_after_a_change_here(
        app, client, monkeypatch):
    from sokandelots.speech import recorded
    login(client, "erik")
    client.get(QUESTION)
    reads, read = [], recorded._APPROVED_KEYS
    monkeypatch.setattr(recorded, "_APPROVED_KEYS", lambda locale: reads.append(locale) or read(locale))
    client.get(QUESTION)
    client.get("/me/")
    assert reads == []  # kept from the first page
    with app.test_request_context(), db.connection_context():
        label = gettext("Animals")
        RecordedVoice.create(locale="sv", msgid="Animals", text=label, key=text_key("sv", label),
                             audio=server.synthesise("sv", label), seconds=1, status="approved")
    assert choices_of(client.get(QUESTION).get_data(as_text=True)).count("recorded") == 1
    assert reads == ["sv"]  # read again at once after this process saved a recording
    # Another app server's change is read when what was kept is KEPT_SECONDS old.
    later = recorded.time.monotonic() + recorded.KEPT_SECONDS + 1
    monkeypatch.setattr(recorded.time, "monotonic", lambda: later)
    client.get("/me/")
    assert reads == ["sv", "sv"]


def test_a_piece_with_words_written_at_run_time_is_never_kept(app):
    with app.test_request_context():
        db.connect(reuse_if_open=True)
        from flask import g
        g.user = User.by_username("erik")
        links.listen_start()
        html = links.kept("own", caller=lambda: "<p" + links.say("Mina egna ord om djur") + ">")
        db.close()
    assert "/speech/e." in html  # the participant's own words: an encrypted address
    assert ("own",) not in {key[0] for key in kept_pieces(app)}


def test_tick_boxes_and_radio_buttons_are_drawn_as_wtforms_draws_them():
    class Both(Form):
        many = SelectMultipleField(choices=choices({"a": "A", "b": "B <b>"}, b={"data_x": 'q"'}),
                                   option_widget=TICK_BOX)
        many_wtforms = SelectMultipleField(choices=choices({"a": "A", "b": "B <b>"},
                                                           b={"data_x": 'q"'}),
                                           option_widget=CheckboxInput())
        one = RadioField(choices=choices({"x": "X", "y": "Y"}), option_widget=RADIO_BUTTON,
                         render_kw={"data_kept": "y"})
        one_wtforms = RadioField(choices=choices({"x": "X", "y": "Y"}), option_widget=RadioInput(),
                                 render_kw={"data_kept": "y"})

    form = Both(data={"many": ["b"], "many_wtforms": ["b"], "one": "y", "one_wtforms": "y"})
    for ours, theirs in ((form.many, form.many_wtforms), (form.one, form.one_wtforms)):
        for mine, wtforms in zip(ours, theirs):
            expected = str(wtforms(class_="choice-input", disabled=False, required=True))
            drawn = str(mine(class_="choice-input", disabled=False, required=True))
            assert drawn == expected.replace(theirs.name, ours.name)
        # Without a field made for each option: the same ids, ticks and inputs.
        assert [(item.id, item.checked, str(item(class_="choice-input")))
                for item in choice_items(ours)] == [
            (option.id, option.checked, str(option(class_="choice-input"))) for option in ours]
    assert all(type(item) is not ChoiceItem for item in choice_items(form.many_wtforms))


def test_selects_are_drawn_as_wtforms_draws_them(app):
    from wtforms import SelectField, SelectMultipleField
    from wtforms.fields.choices import SelectChoice
    from wtforms.widgets import Select

    from sokandelots.forms import BaseForm, OneStepSelect

    options = choices({"sv": "Svenska", "x": 'X <b>"', True: "Ja"}, sv={"lang": "sv", "data_x": 1})
    grouped = [SelectChoice(value="sv", label="Svenska", optgroup="Norden"),
               SelectChoice(value="no", label="Norsk", optgroup="Norden"),
               SelectChoice(value="en", label="English", optgroup="Andra")]

    class Picks(BaseForm):
        one = SelectField(choices=options)
        many = SelectMultipleField(choices=options)
        groups = SelectField(choices=grouped)

    with app.test_request_context():
        form = Picks(meta={"csrf": False}, data={"one": "x", "many": ["sv", "x"], "groups": "en"})
        for field in (form.one, form.many, form.groups):
            assert type(field.widget) is OneStepSelect
            theirs = Select(multiple=field.widget.multiple)
            assert str(field(class_="wide")) == str(theirs(field, class_="wide"))
        assert form.many.widget.multiple and 'selected value="x"' in str(form.one())


def test_a_select_is_drawn_without_wtforms_looking_up_how_its_options_are_drawn(
        app, monkeypatch):
    from wtforms import SelectField
    from wtforms.widgets import core

    from sokandelots.forms import BaseForm

    def looked_up(function):
        raise AssertionError(f"looked up the signature of {function}")
    monkeypatch.setattr(core, "get_signature", looked_up)

    class Pick(BaseForm):
        one = SelectField(choices=choices({"sv": "Svenska", "en": "English"}))

    with app.test_request_context():
        assert 'selected value="en"' in str(Pick(meta={"csrf": False}, data={"one": "en"}).one())


def test_inputs_and_text_areas_are_drawn_as_wtforms_draws_them(app):
    from wtforms import (BooleanField, DateField, HiddenField, IntegerField, PasswordField,
                         StringField, TextAreaField)
    from wtforms.validators import InputRequired, Length
    from markupsafe import Markup
    from wtforms.widgets import TextArea

    from sokandelots.forms import BaseForm, OneStepTextArea, one_step_html_params

    class Everything(BaseForm):
        name = StringField(validators=[InputRequired(), Length(max=20)],
                           render_kw={"dir": "auto", "data_x": 'a "b" <c>'})
        secret = PasswordField()
        tick = BooleanField()
        when = DateField()
        count = IntegerField()
        hidden = HiddenField()
        text = TextAreaField(validators=[Length(min=2, max=50)], render_kw={"rows": 4})

    with app.test_request_context():
        form = Everything(meta={"csrf": False},
                          data={"name": 'Ali "<b>"', "tick": True, "count": 3, "text": "a\n<b>"})
        for field in form:
            ours, theirs = field.widget, type(field).widget  # WTForms' own, left as it is
            assert ours is not theirs and theirs.__class__.__module__.startswith("wtforms")
            assert (type(ours) is OneStepTextArea if isinstance(theirs, TextArea)
                    else ours.html_params is one_step_html_params)
            for extra in ({}, {"class_": "wide", "aria_describedby": "help", "disabled": True,
                               "readonly": False, "placeholder": Markup('say "hi"')}):
                drawn = theirs(field, **dict(field.render_kw or {}, **extra))
                assert str(field(**extra)) == str(drawn), field.name
        assert 'maxlength="20"' in str(form.name()) and "required" in str(form.name())
        assert 'minlength="2"' in str(form.text())


def test_a_built_in_card_is_in_the_language_asked_for_also_when_kept(app, ctx):
    swedish = cards.shown("shop", None, "sv")
    english = cards.shown("shop", None, "en")
    assert swedish.title != english.title
    assert cards.shown("shop", None, "sv") is swedish  # translated once


def test_translations_kept_for_a_request_follow_a_forced_language(app, ctx):
    swedish = gettext("Next")
    assert locale_code() == "sv"
    with force_locale("en"):
        assert gettext("Next") == "Next" and locale_code() == "en"
        with force_locale("ar"):
            assert gettext("Next") not in ("Next", swedish) and locale_code() == "ar"
        assert gettext("Next") == "Next" and locale_code() == "en"
    assert gettext("Next") == swedish != "Next" and locale_code() == "sv"


# Every way a template translates, with a name to be escaped, a "%%" and each kind of call.
TRANSLATED = """{{ _("Log out") }}|{{ _("Logged in as %(name)s", name=who) }}|{{ gettext("100%% sure") }}|
{{- ngettext("%(num)d new message", "%(num)d new messages", 3) }}|
{{- ngettext("%(num)d new message", "%(num)d new messages", 1, name=who) }}|
{{- pgettext("on staff pages", "The spoken answer has changed.") }}|
{{- npgettext("on staff pages", "%(num)d file", "%(num)d files", 2) }}"""


def test_templates_translate_as_jinjas_own_i18n_does(app):
    # Jinja's i18n extension with Flask-Babel's functions, as Flask-Babel installs them.
    reference = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    reference.install_gettext_callables(
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n), newstyle=True)
    source = TRANSLATED + "{% autoescape false %}" + TRANSLATED + "{% endautoescape %}"
    ours, theirs = app.jinja_env.from_string(source), reference.from_string(source)
    for code in ("sv", "ar"):
        with app.test_request_context(headers={"Accept-Language": code}):
            # Translated as drawn, and with the words written in when compiled (templating.py).
            written_in = app.jinja_env.in_language().from_string(source)
            drawn = ours.render(who="<b>Amina</b>")
            assert drawn == theirs.render(who="<b>Amina</b>") == written_in.render(who="<b>Amina</b>")
            assert "&lt;b&gt;Amina" in drawn and "<b>Amina" in drawn and "100% sure" in drawn
            with force_locale("en"):
                english = app.jinja_env.in_language().from_string(source)
                assert (ours.render(who="Erik") == theirs.render(who="Erik")
                        == english.render(who="Erik") != drawn)


def test_a_languages_templates_have_its_fixed_texts_written_in(app):
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        arabic = app.jinja_env.in_language()
        assert arabic is app.jinja_env.in_language("ar") is not app.jinja_env.in_language("sv")
        code = arabic.compile(TRANSLATED, raw=True)
        assert gettext("Log out") in code and gettext("Log out") != "Log out"
        assert "'Log out'" not in code and "'Logged in as %(name)s'" not in code
        assert "ngettext" in code  # a plural is chosen by its number when drawn
        # A template's own name `_` is left alone: it is not the translation.
        shouting = "{% macro shout(_) %}{{ _('Next') }}{% endmacro %}{{ shout(upper) }}"
        assert arabic.from_string(shouting).render(upper=str.upper) == "NEXT"
    # Without a request there is no language to write in.
    assert app.jinja_env.in_language() is app.jinja_env


def test_templates_read_the_environments_globals_and_keep_their_own_to_themselves(app):
    env = app.jinja_env
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        # No ChainMap for each context of a page to copy name by name.
        assert env.get_template("base.html").globals is env.globals
        env.globals["added_later"] = "seen"
        assert env.from_string("{{ added_later }}").render() == "seen"
        own = env.from_string("{{ mine }}", globals={"mine": "only here"})
        assert own.render() == "only here" and "mine" not in env.globals


def test_a_template_calls_a_plain_function_straight_and_gives_the_others_what_they_ask_for(
        app, monkeypatch):
    from jinja2 import pass_context, pass_environment, pass_eval_context, runtime
    from jinja2.utils import _PassArg

    class Shouter:
        @pass_context
        def __call__(self, context, text):
            return f"{text.upper()} {context['who']}"

    source = ("{% macro hello(name) %}hej {{ name }}{% endmacro %}"
              "{% for who in ['ali'] %}{% set n = loop.index %}{{ plain(who) }} {{ hello(who) }} "
              "{{ named(who) }} {{ env() }} {{ auto() }} {{ shout('x') }}{% endfor %} "
              "{% block b %}{% set n = 7 %}{{ plain('b') }} {{ named('b') }}{% endblock %}")
    values = dict(plain=str.title, who="page", n=0, shout=Shouter(),
                  named=pass_context(lambda context, text: f"{text}:{context['who']}{context['n']}"),
                  env=pass_environment(lambda environment: type(environment).__name__),
                  auto=pass_eval_context(lambda eval_context: eval_context.autoescape))

    def draw():
        with app.test_request_context():
            return app.jinja_env.from_string(source).render(**values)
    looked = []
    look = _PassArg.from_obj.__func__
    monkeypatch.setattr(_PassArg, "from_obj",
                        classmethod(lambda cls, obj: looked.append(obj) or look(cls, obj)))
    page = draw()
    # Those that ask for it get the context (with a loop's and a block's own variables), the
    # environment or the evaluation context (a macro too); only those that ask for the context
    # go Jinja's own way, which looks again for what each callable asks for.
    assert page == "Ali hej ali ali:page1 Environment True X page B b:page7"
    straight = (str.title, values["env"], values["auto"])
    assert looked and not any(obj in straight or hasattr(obj, "_invoke") for obj in looked)
    monkeypatch.setattr(app.jinja_env, "context_class", runtime.Context)
    assert draw() == page  # as Jinja's own context draws it


def test_what_a_template_writes_is_escaped_as_jinja_escapes_it(app):
    import jinja2
    from markupsafe import Markup, escape

    from sokandelots.templating import escaped

    class Html:
        def __html__(self):
            return "<u>own</u>"
    values = ["<a href='x'>&\"</a>", "", Markup("<b>ok</b>"), 5, None, 2.5, Html(),
              _l("Next"), Markup("&amp;")]
    with app.test_request_context():
        assert [str(escaped(value)) for value in values] == [str(escape(v)) for v in values]
        assert escaped(values[2]) is values[2]  # Markup as it is, not copied
    source = ("{{ a }}{{ b }}{{ a ~ b }}{% set x %}{{ a }}{% endset %}{{ x }}"
              "{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}{{ m(a) }}{{ m(b) }}"
              "{% filter upper %}{{ a }}{% endfilter %}{% autoescape false %}{{ a }}"
              "{% endautoescape %}{{ a|safe }}{{ b|e }}")
    values = {"a": "<&'\">", "b": Markup("<br>")}
    with app.test_request_context():
        assert "environment.escaped(" in app.jinja_env.compile(source, raw=True)
        ours = app.jinja_env.from_string(source).render(**values)
    assert ours == jinja2.Environment(autoescape=True).from_string(source).render(**values)


# The pages drawn most, in Swedish and in Arabic: the same with the words written in when
# compiled and their addresses kept as when translated and made while drawn.
WRITTEN_IN_PAGES = [("erik", "/me/profile/q/interests"), ("erik", "/me/"), ("erik", "/me/cards/"),
                    ("amina", "/me/profile/q/dream_job"), ("amina", "/me/"),
                    ("coach", "/coach/"), ("coach", "/coach/participants/5/profile")]
# What differs in every answer: masked form tokens, encrypted speech addresses, a page's own mark.
EACH_TIME = re.compile(r'm\.[A-Za-z0-9_=-]{20,}|/speech/e\.[A-Za-z0-9_=-]+|name="page" value="[^"]+"')


def test_pages_are_the_same_with_their_words_written_in_and_addresses_kept(app, monkeypatch):
    from flask import url_for

    from sokandelots import templating

    browsers = {}
    for name in {who for who, _ in WRITTEN_IN_PAGES}:
        browsers[name] = app.test_client()
        login(browsers[name], name)

    def drawn():
        pages = []
        for who, path in WRITTEN_IN_PAGES:
            response = browsers[who].get(path)
            assert response.status_code == 200, path
            pages.append(EACH_TIME.sub("…", response.get_data(as_text=True)))
        return pages
    written_in = drawn()
    monkeypatch.setattr(templating.Environment, "in_language", lambda self, code=None: self)
    monkeypatch.setitem(app.jinja_env.globals, "url_for", url_for)
    assert drawn() == written_in
    assert any('lang="ar"' in page for page in written_in)


def test_an_address_is_kept_by_everything_it_depends_on(app):
    from flask import url_for

    from sokandelots.templating import kept_url_for

    def both(endpoint, **values):
        kept = kept_url_for(endpoint, **values)
        assert kept == url_for(endpoint, **values) and kept_url_for(endpoint, **values) == kept
        return kept
    with app.test_request_context():
        assert both("coach.participant", participant_id=5) == "/coach/participants/5"
        assert both("coach.participant", participant_id=6) == "/coach/participants/6"
        assert both("static", filename="js/app.js").startswith("/static/js/app.js?v=")
        assert both("auth.about", _anchor="x").endswith("#x")
        assert both("auth.about", _external=True) == "http://localhost/about"
        assert both("coach.caseload", tag=["a", "b"]) == "/coach/?tag=a&tag=b"
    with app.test_request_context("/", base_url="http://localhost/lots"):  # under a root path
        assert both("coach.participant", participant_id=5) == "/lots/coach/participants/5"


def test_translating_a_page_finds_the_requests_translations_without_flask_babels_look_up(
        app, monkeypatch):
    # Flask-Babel looks up its place in the request for every text, twice, through Flask's
    # context proxies: a tenth of a page's time. The request's translations are found once.
    looked_up = []
    original = flask_babel._get_current_context

    def counted():
        looked_up.append(1)
        return original()
    monkeypatch.setattr(flask_babel, "_get_current_context", counted)
    counts = []
    for times in (1, 10):
        looked_up.clear()
        page = app.jinja_env.from_string(TRANSLATED * times + "{{ lazy }}" * times)
        with app.test_request_context(headers={"Accept-Language": "ar"}):
            arabic = page.render(who="Amina", lazy=_l("Log out"))
            assert str(_l("Log out")) == gettext("Log out") != "Log out"
            assert arabic.count(gettext("Log out")) == 2 * times
        counts.append(len(looked_up))
    assert counts[0] == counts[1]  # the same few, however many texts


def test_a_card_tile_is_kept_for_each_way_the_card_was_sorted(app, client, as_user):
    as_user("sara")

    def shop():
        grid = client.get("/me/cards/").get_data(as_text=True)
        return next(tile for tile in re.findall(r'<li class="card-tile">.*?</li>', grid, re.S)
                    if 'href="/me/cards/c/shop"' in tile)
    assert "card-answer muted" in shop() and "card-mark" not in shop()
    submit(client, "/me/cards/c/shop", {"answer": "yes", "want_more": "y", "go": "stay"})
    assert "card-answer-yes" in shop() and shop().count("card-mark") == 1
    submit(client, "/me/cards/c/shop", {"answer": "no", "tried": "y", "go": "stay"})
    assert "card-answer-no" in shop() and shop().count("card-mark") == 1
    assert "card-answer-yes" not in shop()


def test_a_fixed_texts_mark_is_made_once_and_a_persons_own_words_are_never_kept(
        app, client, monkeypatch):
    login(client, "erik")
    first = client.get("/me/").get_data(as_text=True)
    said = app.extensions["said"]
    assert said and all(text_key(lang, text) in links.fixed_by_key(lang) for _, text, lang, _ in said)
    made_again, part = [], links.part

    def counted(text, lang=None):
        made_again.append((str(text), lang))
        return part(text, lang)
    monkeypatch.setattr(links, "part", counted)
    again = client.get("/me/").get_data(as_text=True)
    assert EACH_TIME.sub("…", again) == EACH_TIME.sub("…", first)
    assert all(text_key(lang or "sv", text) not in links.fixed_by_key(lang or "sv")
               for text, lang in made_again)


NEW_PARTICIPANT = re.compile(r'<section class="card-box" id="new-participant".*?</section>', re.S)
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def test_the_caseloads_empty_form_is_drawn_once_for_each_language_each_with_its_own_token(app):
    from flask import template_rendered
    drawn = []
    template_rendered.connect(lambda sender, template, **_: drawn.append(template.name), app,
                              weak=False)
    coach, other = app.test_client(), app.test_client()
    login(coach, "coach")
    login(other, "coach2")
    forms = [NEW_PARTICIPANT.search(client.get("/coach/").get_data(as_text=True)).group(0)
             for client in (coach, other, coach)]
    assert drawn.count("coach/_new_participant.html") == 1
    tokens = [TOKEN.search(form).group(1) for form in forms]
    assert len(set(tokens)) == 3  # each answer masks its token afresh
    assert len({form.replace(token, "") for form, token in zip(forms, tokens)}) == 1
    assert 'for="name">Namn</label>' in forms[0]
    # The token the kept form carries is the session's: it creates a participant.
    created = other.post("/coach/participants", data={
        "csrf_token": tokens[1], "name": "Nadia Karimi", "locale": "sv", "commissioner": "af"})
    assert created.status_code == 303 and "/card" in created.headers["Location"]
    # Another language has its own.
    other.post("/language", data={"csrf_token": tokens[1], "code": "en", "next": "/coach/"})
    english = NEW_PARTICIPANT.search(other.get("/coach/").get_data(as_text=True)).group(0)
    assert drawn.count("coach/_new_participant.html") == 2
    assert "Preferred language" in english and "Preferred language" not in forms[0]
