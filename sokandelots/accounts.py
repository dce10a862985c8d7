"""Account rules that views call: creating users, one-time set-up codes and logins."""
import hashlib
import re
import secrets

from anyascii import anyascii
from peewee import IntegrityError

from . import passwords, sessions
from .db import db
from .models import Case, RecoveryCode, User, utcnow

# No 0/O or 1/I/L, so the code can be read off a printed card without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def new_setup_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code):
    """ABCD-EFGH-JKMN: groups of four are easier to copy."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def clean_code(typed):
    return re.sub(r"[^A-Z0-9]", "", (typed or "").upper())


def code_hash(code):
    return hashlib.sha256(clean_code(code).encode()).hexdigest()


def issue_setup_code(user, lifetime):
    """Give `user` a new one-time code and end their password, two-step login and sessions;
    return the code. A new card is how someone who lost both password and phone starts over."""
    code = new_setup_code()
    with db.atomic():
        user.setup_code_hash = code_hash(code)
        user.setup_code_expires = utcnow() + lifetime
        user.password_hash = None
        user.totp_secret, user.totp_last_step = None, 0
        user.session_epoch += 1
        user.save()
        RecoveryCode.delete().where(RecoveryCode.user == user).execute()
    return code


def user_for_setup_code(code):
    """The active user whose unexpired set-up code this is, or None."""
    if len(clean_code(code)) != CODE_LENGTH:
        return None
    user = User.get_or_none(User.setup_code_hash == code_hash(code), User.is_active == True)  # noqa: E712
    if user is None or user.setup_code_expires < utcnow():
        return None
    return user


def change_password(user, password):
    user.password_hash = passwords.hash_password(password)
    user.save(only=[User.password_hash])


def finish_setup(code, password):
    """Use up a set-up code: the password becomes the account's and every other session of the
    account ends. Returns the user, or None when the code does not work (any more): of many
    requests with one code, however close together, exactly one wins."""
    user = user_for_setup_code(code)
    if user is None:
        return None
    password_hash = passwords.hash_password(password)
    with db.atomic():
        # One conditional update, so the check and the use cannot be split by another request.
        won = (User.update(password_hash=password_hash, setup_code_hash=None,
                           setup_code_expires=None, session_epoch=User.session_epoch + 1)
               .where(User.id == user.id, User.setup_code_hash == code_hash(code),
                      User.setup_code_expires > utcnow(), User.is_active == True)  # noqa: E712
               .execute())
        if not won:
            return None
        sessions.forget_card_code(clean_code(code))
    return User.get_by_id(user.id)


def authenticate(username, password):
    """The active user with this username and password, or None."""
    user = User.by_username(username or "")
    if user is None or not user.is_active or not user.password_hash:
        # Hash anyway, so that no kind of account (unknown, deactivated, waiting for its login
        # card) answers faster than one with a wrong password.
        passwords.verify(_DUMMY_HASH, password)
        return None
    if not passwords.verify(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        # Made with earlier settings: stored again with today's, now that the password is here.
        change_password(user, password)
    return user


_DUMMY_HASH = passwords.hash_password("not a real password")


def suggest_username(name):
    """A free username from a person's name in any script: its first name in ASCII letters
    (Arabic, Persian, Ge'ez and Cyrillic names are transliterated), the whole name when the first
    is shorter than three letters, and a number added when taken."""
    words = [re.sub(r"[^a-z]", "", anyascii(word).lower()) for word in name.split()]
    words = [word for word in words if word]
    base = (words[0] if words and len(words[0]) >= 3 else "".join(words))[:20]
    if len(base) < 3:
        base = "deltagare"
    candidate, number = base, 1
    while User.select().where(User.username == candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


# What a coach may choose as a participant's username: it is typed on phones and read off cards.
USERNAME = re.compile(r"[a-z0-9]{3,30}")


def change_username(user, username):
    """Give `user` another username (already checked against USERNAME); False when taken."""
    if User.select().where(User.username == username, User.id != user.id).exists():
        return False
    try:
        with db.atomic():
            user.username = username
            user.save(only=[User.username])
    except IntegrityError:
        return False  # taken a moment ago
    return True


def create_user(role, display_name, username=None, locale=None, password=None):
    """A new account; a free username is made from the name unless one is given."""
    for attempt in range(3):
        try:
            with db.atomic():
                return User.create(
                    username=(username or suggest_username(display_name)).lower(),
                    role=role, display_name=display_name.strip(), locale=locale,
                    password_hash=passwords.hash_password(password) if password else None)
        except IntegrityError:
            # Someone else took the suggested username a moment ago: suggest again.
            if username or attempt == 2:
                raise


def create_participant(coach, display_name, locale, commissioner):
    """A participant in `coach`'s caseload, without a password yet."""
    with db.atomic():
        user = create_user(User.PARTICIPANT, display_name, locale=locale)
        Case.create(participant=user, coach=coach, commissioner=commissioner)
        return user
