"""One place that decides whether a request gets the whole page or an htmx fragment."""
from flask import make_response, render_template, request


def wants_fragment():
    # htmx 4 marks its requests with HX-Request-Type: "partial" for a fragment swap.
    return request.headers.get("HX-Request-Type") == "partial"


def _respond(body, status):
    response = make_response(body, status)
    response.vary.add("HX-Request-Type")
    return response


def render(page, fragment, status=200, **context):
    """Render `fragment` for an htmx swap and `page` (which includes it) otherwise."""
    return _respond(render_template(fragment if wants_fragment() else page, **context), status)


def fragment(template, status=200, **context):
    """A fragment that only htmx asks for, such as an autosave confirmation."""
    return _respond(render_template(template, **context), status)


def redirect(location):
    """A redirect that htmx follows as a full page load (HX-Redirect) and a browser as 303."""
    if request.headers.get("HX-Request-Type"):
        response = _respond("", 200)
        response.headers["HX-Redirect"] = location
        return response
    response = _respond("", 303)
    response.headers["Location"] = location
    return response
