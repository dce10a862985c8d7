"""Server-side records of logged-in browsers, so they can be listed and ended one by one.

The browser's (signed) session cookie holds a random key; the table keeps only its hash.
A session also ends when the user's `session_epoch` moves past the one it started with.
"""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request

from .db import db
from .models import User, UserSession, utcnow

# Writing "last seen" on every request would double the writes; once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def start(user):
    """Record a new session for `user` in this request's browser; return the key to keep."""
    key = secrets.token_urlsafe(32)
    UserSession.create(user=user, key_hash=_hash(key), epoch=user.session_epoch,
                       user_agent=(request.user_agent.string or "")[:200],
                       address=(request.remote_addr or "")[:45])
    return key


def find(key):
    """The live session with this key, with its user loaded, or None."""
    if not isinstance(key, str) or not key:
        return None
    row = (UserSession.select(UserSession, User).join(User)
           .where(UserSession.key_hash == _hash(key)).first())
    if row is None or not row.user.is_active or row.epoch != row.user.session_epoch:
        return None
    return row


def touch(row):
    now = utcnow()
    if now - row.last_seen_at >= TOUCH_EVERY:
        UserSession.update(last_seen_at=now).where(UserSession.id == row.id).execute()


def end(key):
    if isinstance(key, str) and key:
        UserSession.delete().where(UserSession.key_hash == _hash(key)).execute()


def end_by_id(session_id):
    """End one session; False when there is no such session."""
    return UserSession.delete().where(UserSession.id == session_id).execute() > 0


def end_others(user, keep_key):
    """End every session of `user` except the one with `keep_key` (this browser's)."""
    with db.atomic():
        User.update(session_epoch=User.session_epoch + 1).where(User.id == user.id).execute()
        user.session_epoch = User.get_by_id(user.id).session_epoch
        UserSession.update(epoch=user.session_epoch).where(
            UserSession.user == user, UserSession.key_hash == _hash(keep_key or "")).execute()
        UserSession.delete().where(UserSession.user == user,
                                   UserSession.epoch != user.session_epoch).execute()


def _cutoffs():
    now = utcnow()
    return (now - current_app.config["PARTICIPANT_IDLE"], now - current_app.config["STAFF_IDLE"])


def active():
    """Sessions that are still in use: not idle too long, user active, epoch current."""
    participant_cutoff, staff_cutoff = _cutoffs()
    fresh = (((User.role == User.PARTICIPANT) & (UserSession.last_seen_at > participant_cutoff))
             | ((User.role != User.PARTICIPANT) & (UserSession.last_seen_at > staff_cutoff)))
    return (UserSession.select(UserSession, User).join(User)
            .where(User.is_active == True, UserSession.epoch == User.session_epoch, fresh)  # noqa: E712
            .order_by(UserSession.last_seen_at.desc()))


def prune():
    """Forget sessions that can no longer be used (idle too long, or ended by the epoch)."""
    oldest = min(_cutoffs())
    stale = (UserSession.select(UserSession.id).join(User)
             .where((UserSession.epoch != User.session_epoch) | (User.is_active == False)))  # noqa: E712
    UserSession.delete().where((UserSession.last_seen_at < oldest)
                               | UserSession.id.in_(stale)).execute()
