"""Demo data with invented people, added to an empty database by `flask setup`."""
from datetime import date

from .accounts import create_user
from .db import db
from .i18n import LANGUAGES
from .models import Case, Referral, User

PASSWORD = "lots-demo-2026"

# username, role, display name, preferred language, coach
ACCOUNTS = [
    ("admin", User.ADMIN, "Maja Lind", None, None),
    ("coach", User.COACH, "Jonas Berg", None, None),
    ("coach2", User.COACH, "Lena Holm", None, None),
    ("amina", User.PARTICIPANT, "Amina Yusuf", "ar", "coach"),
    ("erik", User.PARTICIPANT, "Erik Nilsson", None, "coach"),
    ("sara", User.PARTICIPANT, "Sara Ahmadi", None, "coach2"),
    # Last, so the others keep their ids.
    ("chef", User.MANAGER, "Eva Strand", None, None),
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
        # An open referral, not yet answered. 19121212-1212 is the tax agency's test number.
        Referral.create(coach=users["coach"], created_by=users["admin"], received_on=date.today(),
                        commissioner="fk", case_number="FK 1234-5678", handler_name="Karin Söder",
                        handler_phone="010-111 22 33", purpose="Stöd att hitta ett arbete.",
                        target_groups="sick_leave", income_at_start="sickness_benefit",
                        wants_work="yes", support_need="some", name="Hamid Karimi",
                        personnummer="19121212-1212", locale="fa_AF", interpreter=True,
                        interpreter_language="dari")
    return True


def present():
    """Whether the demo administrator is still there, so the demo logins are worth printing."""
    return User.select().where(User.username == "admin", User.display_name == ACCOUNTS[0][2]).exists()


def logins():
    """One line per demo account, for the console."""
    for username, role, _, locale, _ in ACCOUNTS:
        caseload = [name for name, *_, coach in ACCOUNTS if coach == username]
        note = f"participants: {', '.join(caseload)}" if caseload else ""
        note += f"prefers {LANGUAGES[locale]}" if locale else ""
        yield f"  {username:8} {role:12} {note}".rstrip()
