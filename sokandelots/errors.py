"""Friendly error pages in the reader's language."""
from flask import render_template
from flask_wtf.csrf import CSRFError

from .i18n import lazy_gettext as _l

MESSAGES = {
    400: (_l("Something went wrong"), _l("The page did not understand what was sent. "
                                          "Go back and try again.")),
    403: (_l("You cannot open this page"), _l("This page is for other users.")),
    404: (_l("We cannot find the page"), _l("Check the address, or go back to your start page.")),
    # I18N: shown when an uploaded file is far too big
    413: (_l("The file is too big"), _l("Go back and choose a smaller file.")),
    405: (_l("Something went wrong"), _l("The page did not understand what was sent. "
                                          "Go back and try again.")),
    500: (_l("Something went wrong"), _l("It is not your fault. Try again in a little while.")),
}


def _page(status, title=None, text=None):
    default_title, default_text = MESSAGES[status]
    return render_template("errors/error.html", title=title or default_title,
                           text=text or default_text), status


def init_app(app):
    for status in MESSAGES:
        app.register_error_handler(status, lambda error, status=status: _page(status))

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return _page(400, _l("The page was open too long"),
                     _l("For your safety, the form stopped working. Go back, load the page "
                        "again and try once more."))
