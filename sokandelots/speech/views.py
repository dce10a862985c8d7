"""The one address that serves audio: /speech/<token>, for any text a page marked (links.py)."""
import hashlib

from flask import Blueprint, abort, g, request
from flask import Response
from itsdangerous import BadSignature

from .. import audio
from . import links
from .recorded import approved_audio
from .server import SpeechFailed, has_voice, speak

bp = Blueprint("speech", __name__, url_prefix="/speech")

YEAR = 365 * 24 * 3600
DAY = 24 * 3600  # a recording can be replaced by a better one


def may_hear(participant_id):
    """A participant's own run-time texts: for them and for a coach who may open their record
    (access.of), nobody else."""
    from .. import access
    user = g.get("user")
    return user is not None and (user.id == participant_id
                                 or (user.role == "coach"
                                     and access.of(user, participant_id) is not None))


def clip_of(lang, source, key, text, owner):
    """The audio of one part: its approved recording, else the server's speech; None when
    there is neither (the page's JavaScript then uses the computer's own voice)."""
    if key:
        text = links.fixed_by_key(lang).get(key)
        if text is None:
            return None  # the catalogue changed since the page was made
        if source == links.RECORDED:
            recorded = approved_audio(lang, key)
            if recorded:
                return recorded
    if not has_voice(lang):
        return None
    try:
        return speak(lang, text, None if key else owner)
    except SpeechFailed:
        return None


@bp.route("/<token>")
def say(token):
    try:
        owner, parts = links.read_token(token)
    except (BadSignature, ValueError, TypeError):
        abort(404)
    if owner is not None and not may_hear(owner):
        abort(404)
    clips = [clip for clip in (clip_of(*found, owner) for found in parts) if clip]
    if not clips:
        abort(404)
    data = clips[0] if len(clips) == 1 else audio.join(clips)
    response = Response(data, mimetype="audio/ogg")
    if owner is not None:
        # A participant's own words: not kept by a library computer's browser.
        response.headers["Cache-Control"] = "private, no-store"
    elif any(found[1] == links.RECORDED for found in parts):
        response.headers["Cache-Control"] = f"public, max-age={DAY}"
    else:
        # The token names the words and the voice: the same address is always the same sound.
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response.set_etag(hashlib.sha256(data).hexdigest()[:32])
    return response.make_conditional(request, accept_ranges=True, complete_length=len(data))
