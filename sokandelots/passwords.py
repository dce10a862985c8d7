"""Password rules as NIST SP 800-63B advises: long enough, not common, no composition rules;
and hashing with Argon2id, a few hashes at a time."""
import os
import threading
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from .i18n import lazy_gettext as _l

MIN_LENGTH = 8
MAX_LENGTH = 200

# Argon2id as the OWASP Password Storage Cheat Sheet recommends at the least: 19 MiB of memory
# (m=19456 KiB), an iteration count of 2 and 1 degree of parallelism. argon2-cffi's own
# defaults (64 MiB, 3 iterations, 4 lanes) took a server to about 2 GB in a burst of 60 logins.
# Hashes made with other settings still verify (a hash names its own), and are made again with
# these at the next login.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)
_hasher = HASHER
# At most this many hashes at once in this process; more wait their turn, so a burst of logins
# takes time rather than all the memory. `init_app` sizes it from PASSWORD_HASHES_AT_ONCE.
_slots = threading.BoundedSemaphore(os.cpu_count() or 1)


def init_app(app):
    global _slots
    _slots = threading.BoundedSemaphore(app.config["PASSWORD_HASHES_AT_ONCE"])
# zxcvbn ranks the 30,000 passwords seen most often in leaks; the first 10,000 are refused.
_COMMON = frozenset(FREQUENCY_LISTS["passwords"][:10000])
# Guessable choices that are common in Sweden and in this service.
_COMMON_HERE = frozenset({
    "sommar", "vinter", "hejhej", "losenord", "lösenord", "sverige", "stockholm", "göteborg",
    "malmö", "qwertyuiop", "sökandelots", "sokandelots", "lots-demo",
})


def normalise(password):
    return unicodedata.normalize("NFKC", password)


def problem(password, username=""):
    """A kind message saying why a new password is not good enough, or None."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        return _l("The password is too short. Use at least %(count)d characters.", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("The password is too long. Use at most %(count)d characters.", count=MAX_LENGTH)
    lowered = password.lower()
    if len(username) >= 3 and username.lower() in lowered:
        return _l("The password must not contain your username.")
    stripped = lowered.rstrip("0123456789!?. ")
    if lowered in _COMMON or stripped in _COMMON or stripped in _COMMON_HERE:
        return _l("Many people use this password, so it is easy to guess. "
                  "Choose another one. A few words in a row are easy to remember.")
    return None


def hash_password(password):
    with _slots:
        return _hasher.hash(normalise(password))


def verify(password_hash, password):
    if not password_hash:
        return False
    try:
        with _slots:
            return _hasher.verify(password_hash, normalise(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """Whether a hash that just verified was made with other settings than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
