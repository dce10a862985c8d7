"""Templates compiled once for each language, with their fixed texts already translated.

A text in a template, `{{ _("Next") }}`, was looked up in the catalogue every time a page was
drawn: about five microseconds each, and a page has forty or more. Each language now has its own
copy of the templates (a Jinja overlay: the same loader, filters and globals, a cache of its
own), compiled with that language's words written in. A text without variables becomes part of
the page's fixed HTML; a text with variables is only formatted when the page is drawn. A text
whose words are not in the template (`_(name)`) or whose form depends on a number (ngettext) is
still translated when the page is drawn, as before.

The result is the same as Jinja's own i18n gives (safe markup in an escaped template, and "%%"
as "%"): `_as_template_text` in i18n.py does both. Outside a request (nothing to say which
language) templates are compiled as before, their texts translated when drawn.

Templates' url_for keeps each address it made (`kept_url_for`), a form shown empty on a busy page
is drawn once for each language (`blank_form`), and a template's call of a function goes
straight to it (`Context`).
"""
from flask import current_app, has_request_context, render_template, request, templating, url_for
from flask_babel import force_locale
from jinja2 import nodes, runtime
from jinja2.compiler import CodeGenerator
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

try:  # the escaping itself, without the Markup around it
    from markupsafe import _escape_inner as _escape_text
except ImportError:  # a MarkupSafe that has it no more
    def _escape_text(text):
        return str(escape(text))

from . import i18n
from .masking import masked_csrf_token

# The template functions whose fixed words can be translated when the template is compiled.
GETTEXT, PGETTEXT = {"_", "gettext"}, {"pgettext"}
TEMPLATES_KEPT = 400  # per language, as Jinja keeps by default
ADDRESSES_KEPT = 4096


def escaped(value):
    """A value written into a page, escaped as Jinja's `escape` does it but not wrapped as
    Markup: what a template writes out is joined into the page at once. Markup is written as it
    is, where `escape` made a copy of it. Wrapping and copying took half a microsecond for each
    value, and a page writes a hundred or more."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:
        return _escape_text(value)
    return escape(value)


class Environment(templating.Environment):
    """Flask's template environment, which hands each template out compiled in the language of
    the request (see the module)."""

    catalogue = None  # the translations written into this copy's templates; None: none
    language = None  # the code of the language of `catalogue`

    escaped = staticmethod(escaped)  # for the compiled templates (TranslatingCodeGenerator)

    def __init__(self, app, **options):
        super().__init__(app, **options)
        self.code_generator_class = TranslatingCodeGenerator
        self.context_class = Context
        self.languages = {}
        self.blank_forms = {}  # (language, template, form class): its HTML (see blank_form)

    def in_language(self, code=None):
        """The copy of the templates for `code` (by default the request's language); this
        environment itself when there is no request, or when it is already a language's copy."""
        if self.catalogue is not None:
            return self
        if code is None:
            if not has_request_context():
                return self
            code = i18n.locale_code()
        found = self.languages.get(code)
        if found is None:
            found = self.overlay(cache_size=TEMPLATES_KEPT)
            with force_locale(code):
                found.catalogue = i18n.translations()
            found.language = code
            self.languages[code] = found
        return found

    def make_globals(self, d):
        """Templates given no globals of their own read the environment's globals themselves.
        Jinja gives each template a ChainMap over them, and every context a page makes (one
        for the page, one for each include and import) copies it name by name in Python: a
        tenth of drawing the layout. Nothing here gives a template globals of its own, and
        globals are only added while the app is made, before any template is drawn."""
        return self.globals if not d else super().make_globals(d)

    # Jinja's own look-ups, in the copy for the request's language (or in this environment).
    def get_template(self, name, parent=None, globals=None):
        return super(Environment, self.in_language()).get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        return super(Environment, self.in_language()).select_template(names, parent, globals)


class Context(runtime.Context):
    """Jinja's template context, whose `call` (every function, macro and method a template calls
    goes through it) calls a callable straight away, with the evaluation context or the
    environment first when it asks for one (as a macro does). Jinja looks for what a callable
    asks for in four steps for every call, which was a twentieth of drawing a page; a callable
    that asks for the template's context still goes Jinja's way."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own names)
        wants = getattr(getattr(type(__obj), "__call__", None), "jinja_pass_arg", None) \
            or getattr(__obj, "jinja_pass_arg", None)
        if wants is _PassArg.context:
            return super().call(__obj, *args, **kwargs)
        if kwargs:  # the variables of a loop or block, given for a callable that takes a context
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        if wants is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif wants is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


class TranslatingCodeGenerator(CodeGenerator):
    """Jinja's compiler, which first writes the language's words into the template's texts, and
    escapes what a template writes out with `escaped`."""

    def visit_Template(self, node, frame=None):
        catalogue = getattr(self.environment, "catalogue", None)
        if catalogue is not None:
            FixedTexts(catalogue, node).write_in(node)
        super().visit_Template(node, frame)

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escaped(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class FixedTexts:
    """Replaces `_("…")` and `pgettext("…", "…")` by their translation (see the module), in one
    walk through the template: compiling is done once per language, but a test compiles again
    for every app it makes."""

    def __init__(self, catalogue, template):
        self.catalogue = catalogue
        # A template that makes a name of its own called `_` or `gettext` means something else.
        self.own_names = set()
        for found in template.find_all((nodes.Name, nodes.Import, nodes.FromImport)):
            if isinstance(found, nodes.Import):
                self.own_names.add(found.target)
            elif isinstance(found, nodes.FromImport):
                self.own_names.update(name if isinstance(name, str) else name[-1]
                                      for name in found.names)
            elif found.ctx in ("store", "param"):
                self.own_names.add(found.name)

    def write_in(self, template):
        """Replace each text in `template` where it stands."""
        todo = [template]
        while todo:
            node = todo.pop()
            for field in node.fields:
                value = getattr(node, field, None)
                places = enumerate(value) if isinstance(value, list) else [(None, value)]
                for index, child in places:
                    if not isinstance(child, nodes.Node):
                        continue
                    found = self.translated(child) if type(child) is nodes.Call else None
                    if found is None:
                        todo.append(child)
                        continue
                    if index is None:
                        setattr(node, field, found)
                    else:
                        value[index] = found
                    todo.append(found)  # a text among the variables of this one

    def translated(self, node):
        """What stands instead of the call `node`, or None when it stays as it is."""
        name = node.node.name if isinstance(node.node, nodes.Name) else None
        if name not in GETTEXT and name not in PGETTEXT:
            return None
        words = [arg.value for arg in node.args
                 if isinstance(arg, nodes.Const) and isinstance(arg.value, str)]
        if (name in self.own_names or node.dyn_args or node.dyn_kwargs
                or len(words) != len(node.args)):
            return None
        if name in GETTEXT and len(words) == 1:
            text, variables = self.catalogue.ugettext(words[0]), {}
        elif name in PGETTEXT and len(words) == 2 and not node.kwargs:
            text, variables = self.catalogue.upgettext(*words), {"context": words[0]}
        else:
            return None
        if node.kwargs:  # formatted when drawn, with the words already translated
            found = nodes.Call(nodes.Name("_translated", "load"), [nodes.Const(text)],
                               node.kwargs, None, None)
        else:
            try:
                fixed = text % variables if variables or "%" in text else text
            except (KeyError, TypeError, ValueError):
                return None  # fails when drawn, as it would have
            found = nodes.MarkSafeIfAutoescape(nodes.Const(fixed))
        found.set_lineno(node.lineno)
        found.set_environment(node.environment)
        return found


def kept_url_for(endpoint, **values):
    """Flask's url_for for templates, each address made once and kept (making one took about
    7 µs; a caseload asks for dozens). An address depends only on the app's root path, the
    endpoint and its values, and for a static file on its fingerprint, which is fixed except in
    debug mode; external addresses and blueprint-relative endpoints are made each time."""
    app = current_app._get_current_object()  # once: each look through the proxy costs
    if app.debug or not has_request_context():
        return url_for(endpoint, **values)
    # The values in the order a template gives them: the same call gives them in the same order.
    key = (request.script_root, endpoint, *values.items())
    store = app.extensions.setdefault("kept_addresses", {})
    try:
        found = store.get(key)
    except TypeError:  # a list among the values
        return url_for(endpoint, **values)
    if found is None:
        found = url_for(endpoint, **values)
        if not endpoint.startswith(".") and not any(name[0] == "_" for name in values):
            if len(store) >= ADDRESSES_KEPT:
                store.clear()
            store[key] = found
    return found


BLANK_TOKEN = "\x00token\x00"  # where the request's own form token goes in a kept blank form


def blank_form(template, form_class):
    """The HTML `template` draws for an empty `form_class` (given as `form`), drawn once for each
    language and kept: only the form token is each answer's own. An empty form looks the same
    to everyone who reads that language, and the new participant's form, with its list of
    languages, was a sixth of drawing a caseload of 30. Templates that change (debug mode) are
    drawn each time."""
    environment, token = current_app.jinja_env, masked_csrf_token()
    key = (i18n.locale_code(), template, form_class)
    kept = environment.blank_forms.get(key)
    if kept is None:
        drawn = render_template(template, form=form_class())
        assert drawn.count(token) == 1, template
        kept = drawn.replace(token, BLANK_TOKEN)
        if not environment.auto_reload:
            environment.blank_forms[key] = kept
    return Markup(kept.replace(BLANK_TOKEN, token))
