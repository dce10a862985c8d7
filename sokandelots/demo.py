"""Demo data with invented people, added to an empty database by `flask setup`."""
from .accounts import create_user
from .db import db
from .models import Case, User

PASSWORD = "lots-demo-2026"

# username, role, display name, preferred language, coach
ACCOUNTS = [
    ("admin", User.ADMIN, "Maja Lind", None, None),
    ("coach", User.COACH, "Jonas Berg", None, None),
    ("coach2", User.COACH, "Lena Holm", None, None),
    ("amina", User.PARTICIPANT, "Amina Yusuf", "ar", "coach"),
    ("erik", User.PARTICIPANT, "Erik Nilsson", None, "coach"),
    ("sara", User.PARTICIPANT, "Sara Ahmadi", None, "coach2"),
]

ACCOUNTS_TABLE = [
    ("admin", "administrator", ""),
    ("coach", "coach", "participants amina and erik"),
    ("coach2", "coach", "participant sara"),
    ("amina", "participant", "prefers Arabic"),
    ("erik", "participant", ""),
    ("sara", "participant", ""),
]


def seed_if_empty():
    """Add the demo accounts when there are no users; return whether it did."""
    if User.select().exists():
        return False
    with db.atomic():
        users = {}
        for username, role, name, locale, coach in ACCOUNTS:
            users[username] = create_user(role, name, username=username, locale=locale,
                                          password=PASSWORD)
            if coach:
                Case.create(participant=users[username], coach=users[coach], commissioner="af")
    return True
