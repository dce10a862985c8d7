"""A new password by e-mail, for a participant with an e-mail address: a link that works once,
for PASSWORD_RESET_MINUTES. Only a hash of the link's secret is kept. Asking gives the same
answer whether or not the address belongs to anyone."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from peewee import fn

from . import notices, passwords
from .db import db
from .links import public_link
from .models import PasswordReset, User, utcnow


def _hash(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


def lifetime():
    return timedelta(minutes=current_app.config["PASSWORD_RESET_MINUTES"])


def start(user):
    """A new link for `user`, queued to their e-mail address; returns its secret."""
    token = secrets.token_urlsafe(32)
    with db.atomic():
        PasswordReset.create(user=user, token_hash=_hash(token),
                             expires_at=utcnow() + lifetime())
        notices.email(user, notices.PASSWORD_RESET, "password_reset",
                      link=public_link("auth.reset_password", token=token),
                      minutes=current_app.config["PASSWORD_RESET_MINUTES"])
    return token


def ask(address):
    """Send a link to each active participant with this e-mail address (there may be none)."""
    for user in User.select().where(fn.LOWER(User.email) == address.strip().lower(),
                                    User.role == User.PARTICIPANT,
                                    User.is_active == True):  # noqa: E712
        start(user)


def _live(token):
    return (PasswordReset.token_hash == _hash(token), PasswordReset.used_at.is_null(),
            PasswordReset.expires_at > utcnow())


def user_for(token):
    """The active participant whose unused, unexpired link this is, or None."""
    row = (PasswordReset.select(PasswordReset, User).join(User).where(*_live(token)).first())
    if row is None or not row.user.is_active or row.user.role != User.PARTICIPANT:
        return None
    return row.user


def use(token, password):
    """Use up the link: the password becomes the account's and every session of the account
    ends (session_epoch). Of many requests with one link, exactly one wins; None for the rest."""
    user = user_for(token)
    if user is None:
        return None
    password_hash = passwords.hash_password(password)
    with db.atomic():
        if not PasswordReset.update(used_at=utcnow()).where(*_live(token)).execute():
            return None
        User.update(password_hash=password_hash, session_epoch=User.session_epoch + 1).where(
            User.id == user.id).execute()
        # Any other link the person asked for stops working too.
        PasswordReset.update(used_at=utcnow()).where(PasswordReset.user == user,
                                                     PasswordReset.used_at.is_null()).execute()
    return User.get_by_id(user.id)
