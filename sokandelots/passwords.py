"""Password rules as NIST SP 800-63B advises: long enough, not common, no composition rules."""
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 8
MAX_LENGTH = 200

_hasher = PasswordHasher()
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
    return _hasher.hash(normalise(password))


def verify(password_hash, password):
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, normalise(password))
    except (VerificationError, InvalidHashError):
        return False
