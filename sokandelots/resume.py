"""Keeping what a person sent when their session had just ended, so logging in again saves it
instead of losing it (the pages that work without JavaScript).

The form's fields travel inside the login page as one signed value, bound to the person whose
session ended: nobody can forge one, and nobody else who logs in at that browser is offered it.
"""
from itsdangerous import BadSignature, URLSafeTimedSerializer
from flask import current_app, request

# Long enough for a break; short enough that an old login page offers nothing.
MAX_AGE_SECONDS = 3600


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="resume-after-login")


def pack(user):
    """This request's form (not its CSRF token, not its files), for `user` to send again."""
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name != "csrf_token"]
    return _serializer().dumps({"user": user.id, "path": request.path, "fields": fields})


def unpack(value, user):
    """{"path", "fields"} to send again, if `value` is fresh, genuine and `user`'s; else None."""
    if not value:
        return None
    try:
        kept = _serializer().loads(value, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return None
    if kept.get("user") != user.id or not str(kept.get("path", "")).startswith("/"):
        return None
    return kept
