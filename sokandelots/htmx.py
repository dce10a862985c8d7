"""One place that decides whether a request gets the whole page or an htmx fragment."""
from flask import make_response, render_template, request


def wants_fragment():
    # htmx 4 marks its requests with HX-Request-Type: "partial" for a fragment swap.
    return request.headers.get("HX-Request-Type") == "partial"


def render(page, fragment, status=200, **context):
    """Render `fragment` for an htmx swap and `page` (which includes it) otherwise."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request-Type")
    return response


def redirect(location):
    """A redirect that htmx follows as a full page load (HX-Redirect) and a browser as 303."""
    if request.headers.get("HX-Request-Type"):
        response = make_response("", 200)
        response.headers["HX-Redirect"] = location
    else:
        response = make_response("", 303)
        response.headers["Location"] = location
    response.vary.add("HX-Request-Type")
    return response
