"""Rules for the employer register, the workplace analyses and the job-search leads."""
import json
import re
from datetime import date

from peewee import fn

from ..i18n import lazy_gettext as _l
from ..models import Case, Employer, EmployerEvent, EmployerPerson, Lead, Position, User, utcnow
from ..profile import answers
from .catalogue import ENDED, LEAD_PATH


def search(text="", sector="", tag=""):
    query = Employer.select().order_by(fn.LOWER(Employer.name))
    if text.strip():
        query = query.where(fn.LOWER(Employer.name).contains(text.strip().lower()))
    if sector:
        query = query.where(Employer.sector == sector)
    found = list(query)
    return [employer for employer in found if not tag or tag in tags_of(employer)]


def tags_of(employer):
    return [tag.strip() for tag in employer.tags.split(",") if tag.strip()]


# A comma in Latin, Arabic (also Persian) or Ge'ez script.
TAG_SEPARATOR = re.compile("[,\u060c\u1363]")


def clean_tags(text):
    """Tags typed as a comma-separated list: lower case, each once, in the order typed."""
    seen = []
    for tag in TAG_SEPARATOR.split((text or "").lower()):
        if tag.strip() and tag.strip() not in seen:
            seen.append(tag.strip())
    return ", ".join(seen)


def add_employer(by, name, sector, address="", notes="", tags=""):
    return Employer.create(name=name, sector=sector, address=address, notes=notes,
                           tags=clean_tags(tags), created_by=by)


def add_person(employer, name, role="", phone="", email="", by=None):
    return EmployerPerson.create(employer=employer, name=name, role=role, phone=phone, email=email,
                                 created_by=by)


def add_event(employer, coach, day, kind, outcome=""):
    return EmployerEvent.create(employer=employer, coach=coach, day=day, kind=kind, outcome=outcome)


def events(employer):
    return list(EmployerEvent.select().where(EmployerEvent.employer == employer)
                .order_by(EmployerEvent.day.desc(), EmployerEvent.id.desc()))


def analysis(position):
    return json.loads(position.analysis or "{}")


def save_analysis(employer, values, position=None):
    position = position or Position(employer=employer)
    position.analysis = json.dumps({key: value for key, value in values.items() if value},
                                   ensure_ascii=False, sort_keys=True)
    position.updated_at = utcnow()
    position.save()
    return position


def matched(employer, coach):
    """Leads at this employer for the coach's own participants only."""
    return list(Lead.select(Lead, User).join(User, on=Lead.participant)
                .join(Case, on=(Case.participant == User.id))
                .where(Lead.employer == employer, Case.coach == coach)
                .order_by(Lead.updated_at.desc()))


def leads(participant):
    return list(Lead.select(Lead, Employer).join(Employer)
                .where(Lead.participant == participant).order_by(Lead.updated_at.desc()))


def lead(participant, lead_id):
    return Lead.get_or_none(Lead.id == lead_id, Lead.participant == participant)


def add_lead(participant, employer, kind, day, by, position=None):
    return Lead.create(participant=participant, employer=employer, kind=kind, day=day,
                       created_by=by, position=position,
                       reached=json.dumps({"idea": date.today().isoformat()}))


def position_title(position):
    return analysis(position).get("title", "")


def positions(employer):
    """The employer's positions with a workplace analysis: {id: title}."""
    return {item.id: position_title(item) for item in employer.positions}


def reached(lead):
    """The day the lead reached each status it has been in, in the path's order: {status: date}."""
    days = json.loads(lead.reached or "{}")
    return {status: date.fromisoformat(days[status]) for status in (*LEAD_PATH, ENDED)
            if status in days}


class PathError(ValueError):
    """A move the lead's path does not allow; the message says why."""


def move(lead, status, reason="", on=None):
    """Move a lead along idea → contacted → visit → accepted → try-out → employed, or end it with
    a reason, on the day `on` (today by default). An ended lead or a job that was got stays where
    it is."""
    if lead.status in (ENDED, "employed"):
        raise PathError(_l("This lead is finished. Add a new lead instead."))
    if status == ENDED:
        if not reason:
            raise PathError(_l("Choose why the lead ended."))
    elif status not in LEAD_PATH:
        raise PathError(_l("Not a valid choice."))
    lead.status, lead.end_reason = status, (reason if status == ENDED else "")
    lead.reached = json.dumps({**json.loads(lead.reached or "{}"),
                               status: (on or date.today()).isoformat()}, sort_keys=True)
    lead.updated_at = utcnow()
    lead.save()


def disclosure(participant):
    """What the participant agreed an employer may know, from the profile they last shared."""
    from .. import sharing
    shared = sharing.of_version(sharing.latest_version(participant))["answers"]
    return [(question, answers.shown(question, shared.get(question.key)))
            for question in (answers.BY_KEY["disclose_what"], answers.BY_KEY["disclose_who"])]


def health_private(participant):
    """Whether the participant keeps their health from employers: they have not shared that an
    employer may know about it (nothing shared yet counts as no)."""
    shared = shared_profile(participant).get("disclose_what") or {}
    return "health" not in shared.get("choices", [])


def shared_record(participant):
    """The latest version the participant shared: answers, card choices and activities."""
    from .. import sharing
    return sharing.of_version(sharing.latest_version(participant))


def shared_profile(participant):
    return shared_record(participant)["answers"]
