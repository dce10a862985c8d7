"""Answers by voice: a participant may answer any question that takes their own words by
speaking instead. The sound is checked and made small by `audio.to_opus`; a shared version keeps
its own copy, so a later recording never changes what the coach was shown."""
import hashlib

from peewee import SQL

from .. import audio
from ..db import Prepared, upsert
from ..models import ProfileVersion, SharedSpokenAnswer, SpokenAnswer, utcnow
from .catalogue import QUESTIONS, TEXT

MAX_SECONDS = 120
# The columns that say what there is, without reading the sound itself.
_ABOUT = (SpokenAnswer.question, SpokenAnswer.seconds, SpokenAnswer.recorded_at,
          SpokenAnswer.together)
SHARED_ABOUT = (SharedSpokenAnswer.question, SharedSpokenAnswer.seconds,
                SharedSpokenAnswer.recorded_at)


def takes(question):
    """Whether a question takes a spoken answer: every one that takes the person's own words."""
    return question.kind == TEXT or question.own_words is not None


KEYS = {question.key for question in QUESTIONS if takes(question)}


def save(participant, question, data, together=False):
    """Store `data` (sound in any format) as the spoken answer to `question`, replacing any
    earlier one; audio.AudioError, and nothing stored, when it is not usable sound."""
    ogg, seconds = audio.to_opus(data, MAX_SECONDS)
    now, seconds = utcnow(), round(seconds, 1)
    upsert(SpokenAnswer, ("participant", "question"), participant=participant,
           question=question.key, audio=ogg, seconds=seconds, recorded_at=now, together=together)


def delete(participant, question):
    SpokenAnswer.delete().where(SpokenAnswer.participant == participant,
                                SpokenAnswer.question == question.key).execute()


_DRAFT = Prepared(lambda participant: SpokenAnswer.select(*_ABOUT).where(
    SpokenAnswer.participant == participant, SpokenAnswer.question.in_(sorted(KEYS))))


@_DRAFT.then
def draft(rows, participant):
    """The participant's spoken answers, without their sound: question key -> row."""
    return {row.question: row for row in rows}


_OF_VERSION = Prepared(lambda version: SharedSpokenAnswer.select(*SHARED_ABOUT)
                       .where(SharedSpokenAnswer.version == version))


def of_version(version):
    """The spoken answers a shared version keeps, without their sound: question key -> row."""
    if version is None:
        return {}
    return {row.question: row for row in _OF_VERSION(version)}


def sound(participant, key):
    """The sound of the participant's current spoken answer to `key`, or None."""
    row = (SpokenAnswer.select(SpokenAnswer.audio)
           .where(SpokenAnswer.participant == participant, SpokenAnswer.question == key).first())
    return bytes(row.audio) if row else None


def shared_sound(version, key):
    """The sound a shared version keeps for `key`, or None."""
    row = (SharedSpokenAnswer.select(SharedSpokenAnswer.audio)
           .where(SharedSpokenAnswer.version == version, SharedSpokenAnswer.question == key)
           .first())
    return bytes(row.audio) if row else None


def copy_to(version, participant):
    """Give a version being shared its own copy of every current spoken answer."""
    rows = SpokenAnswer.select().where(SpokenAnswer.participant == participant,
                                       SpokenAnswer.question.in_(KEYS))
    for row in rows:
        SharedSpokenAnswer.create(version=version, question=row.question, audio=row.audio,
                                  seconds=row.seconds, recorded_at=row.recorded_at)


# Which recording each spoken answer is, in the draft (0) and in the latest shared version (1).
_DRAFT_AND_SHARED = Prepared(lambda participant: SpokenAnswer.select(
    SpokenAnswer.question, SpokenAnswer.recorded_at, SQL("0")).where(
    SpokenAnswer.participant == participant, SpokenAnswer.question.in_(sorted(KEYS))).union_all(
    SharedSpokenAnswer.select(SharedSpokenAnswer.question, SharedSpokenAnswer.recorded_at,
                              SQL("1")).where(SharedSpokenAnswer.version == (
                                  ProfileVersion.select(ProfileVersion.id)
                                  .where(ProfileVersion.participant == participant)
                                  .order_by(ProfileVersion.number.desc()).limit(1)))).tuples())


@_DRAFT_AND_SHARED.then
def differ_from_shared(rows, participant):
    """Whether the participant's spoken answers are other recordings than those their latest
    shared version keeps (none when nothing is shared yet), in one query."""
    found = ({}, {})
    for question, recorded_at, in_version in rows:
        found[int(in_version)][question] = recorded_at
    return found[0] != found[1]


def fingerprints(rows):
    """Which recording each answer is, to compare a draft with a shared version."""
    return {key: row.recorded_at for key, row in rows.items()}


def same_as_shared(participant, version, key):
    """Whether the current spoken answer to `key` is the one `version` was shared with."""
    mine, shared = sound(participant, key), shared_sound(version, key) if version else None
    return mine is not None and mine == shared


def digest(data):
    return hashlib.sha256(data).hexdigest()
