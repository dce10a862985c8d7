"""Filling in the profile together: what the coach may see of answers never shared.

A coach in together mode sees an answer only if the participant shared it as it is now, or gave
it in together mode. Anything else stays the participant's own until the participant, sitting
there, confirms on the screen with their password or with the code on their own home page; that
opens their answers for this sitting only.
"""
import hashlib
import hmac
import json
import time

from flask import current_app, session

from . import passwords, sharing
from .models import ProfileAnswer, SpokenAnswer
from .profile import spoken

CODE_WINDOW_SECONDS = 15 * 60  # the code on the home page changes this often
SITTING_SECONDS = 2 * 3600  # a sitting ends this long after it was confirmed, or at logout


def code(participant, at=None):
    """The six digits on the participant's home page now (or at the time `at`)."""
    window = int((time.time() if at is None else at) // CODE_WINDOW_SECONDS)
    # The epoch changes with a new password or login card, which makes every old code useless.
    message = f"sitting:{participant.id}:{participant.session_epoch}:{window}".encode()
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256)
    return f"{int(digest.hexdigest(), 16) % 1_000_000:06d}"


def _code_matches(participant, typed):
    typed = "".join(ch for ch in typed if ch.isdigit())
    now = time.time()
    # The code shown a moment before the window turned still works.
    return any(hmac.compare_digest(typed, code(participant, now - back))
               for back in (0, CODE_WINDOW_SECONDS))


def confirm(participant, secret):
    """Start a sitting if `secret` is the participant's password or home-page code."""
    secret = (secret or "").strip()
    if not secret or not (_code_matches(participant, secret)
                          or passwords.verify(participant.password_hash, secret)):
        return False
    session.setdefault("sittings", {})[str(participant.id)] = int(time.time()) + SITTING_SECONDS
    session.modified = True
    return True


def confirmed(participant):
    """Whether the participant has confirmed this coach's sitting with them, and it goes on."""
    until = session.get("sittings", {}).get(str(participant.id), 0)
    return isinstance(until, int) and until > time.time()


def may_see(participant, key):
    """Whether the coach may see the participant's current answer to `key`, and hear their
    spoken answer to it."""
    if confirmed(participant):
        return True
    latest = sharing.latest_version(participant)
    row = ProfileAnswer.get_or_none(ProfileAnswer.participant == participant,
                                    ProfileAnswer.question == key)
    if row is not None and not row.together:
        if sharing.of_version(latest)["answers"].get(key) != json.loads(row.value):
            return False
    voice = (SpokenAnswer.select(SpokenAnswer.together)
             .where(SpokenAnswer.participant == participant, SpokenAnswer.question == key).first())
    return voice is None or voice.together or spoken.same_as_shared(participant, latest, key)
