"""Server-side records of logged-in browsers, so they can be listed and ended one by one.

The browser's (signed) session cookie holds a random key; the table keeps only its hash.
A session also ends when the user's `session_epoch` moves past the one it started with, when it
has been idle too long, and when it is older than its lifetime, however busy.

The idle clock is the row's `last_seen_at`, not a time in the cookie: every request of a browser
shares the row, while a cookie written by each answer would let one request undo another. A
background request (a hint while typing, an autosave) that was sent before a button and answered
after it would put back the cookie it was sent with, and with it a message already shown or
without the one just given.

Secrets the browser needs for a while are kept in its row (`hold`), never in the cookie, which
anyone with the browser can read.
"""
import hashlib
import secrets
import time
from datetime import timedelta, timezone

from flask import current_app, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from .db import Prepared, db
from .models import User, UserSession, utcnow

# Writing "last seen" on every request would double the writes: it is written at most this
# often, so a browser's last request may have come up to this long after `last_seen_at`.
TOUCH_EVERY = timedelta(seconds=5)


class CookieSession(SecureCookieSessionInterface):
    """Flask's signed session cookie, whose signer is made once for each secret key (and its
    fallbacks) rather than for every request: making one tries its JSON serializer out. A
    cookie whose signature was found good is known again by its text (`VERIFIED_KEPT` of them,
    for the same keys): a browser sends the same cookie until its session changes, and checking
    and unpacking it took 17 µs of every request. A known cookie is still refused once it is
    older than the session lifetime, as a checked one is."""

    VERIFIED_KEPT = 4096
    kept = None

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self.kept is None or self.kept[0] != keys:
            self.kept = (keys, super().get_signing_serializer(app))
            self.verified = {}  # cookie text: (when it was signed, its values)
        return self.kept[1]

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie or serializer is None:
            return super().open_session(app, request)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self.verified.get(cookie)
        if found is not None and 0 <= int(time.time()) - found[0] <= max_age:
            return self.session_class(found[1])
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        # Only plain values: the session gets a copy of the dict, and must not change what is
        # kept by changing a list inside it (the messages to show).
        if all(type(value) in (str, int, bool) for value in data.values()):
            if len(self.verified) >= self.VERIFIED_KEPT:
                self.verified.clear()
            self.verified[cookie] = (int(signed_at.timestamp()), data)
        return self.session_class(data)


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
    row = _lookup.first(_hash(key))
    if row is None or not row.user.is_active or row.epoch != row.user.session_epoch:
        return None
    return row


# Every request looks its session up (two tables, every column).
_lookup = Prepared(lambda key_hash: UserSession.select(UserSession, User).join(User)
                   .where(UserSession.key_hash == key_hash).limit(1))


def too_old(row):
    """Whether the session has lived longer than its role allows, however busy it was."""
    return row.created_at < utcnow() - _limits(row.user.role == User.PARTICIPANT)[1]


def hold(row, **secrets):
    """Keep secrets for this browser in its session row (such as `card_code=...`)."""
    UserSession.update(**secrets).where(UserSession.id == row.id).execute()
    for name, value in secrets.items():
        setattr(row, name, value)


def forget_card_code(code):
    """A login card's code is used: no session keeps a copy of it."""
    UserSession.update(card_code=None).where(UserSession.card_code == code).execute()


def idle_limit(participant):
    """After how long without a request a session has ended: the idle limit of its role, and
    the time between two writes of `last_seen_at`, so that nobody is logged out early."""
    return _limits(participant)[0] + TOUCH_EVERY


def last_seen(row):
    """When the browser was last seen, as a Unix time."""
    return row.last_seen_at.replace(tzinfo=timezone.utc).timestamp()


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


def _limits(participant):
    """(idle limit, lifetime) of participants' or of staff's sessions."""
    kind = "PARTICIPANT" if participant else "STAFF"
    return current_app.config[f"{kind}_IDLE"], current_app.config[f"{kind}_LIFETIME"]


def _usable():
    """The condition on sessions joined with their users that they can still be used: user
    active, epoch current, neither idle too long nor older than the lifetime."""
    now = utcnow()

    def fresh(participant):
        idle, lifetime = idle_limit(participant), _limits(participant)[1]
        role = (User.role == User.PARTICIPANT) if participant else (User.role != User.PARTICIPANT)
        return role & (UserSession.last_seen_at > now - idle) & (
            UserSession.created_at > now - lifetime)

    return ((User.is_active == True) & (UserSession.epoch == User.session_epoch)  # noqa: E712
            & (fresh(True) | fresh(False)))


def active():
    """Sessions that are still in use."""
    return (UserSession.select(UserSession, User).join(User).where(_usable())
            .order_by(UserSession.last_seen_at.desc()))


def prune():
    """Forget sessions that can no longer be used (idle, too old, ended by the epoch)."""
    usable = UserSession.select(UserSession.id).join(User).where(_usable())
    UserSession.delete().where(UserSession.id.not_in(usable)).execute()
