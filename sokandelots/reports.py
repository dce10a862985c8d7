"""Reports to the commissioner (uppdragsgivare): a progress report (lägesrapport) or a closing
report (slutrapport), built from what is recorded about the case, with the coach's own words.

A report is a draft until it is sent; sending keeps what it said then as an unchangeable copy,
with the day it was sent and to whom. Nothing is sent without a consent to the commissioner or,
failing that, the commissioner's mandate as the coach records it."""
import json
import re
from datetime import date
from decimal import Decimal

from peewee import fn

from . import agreement, attendance, personnummer, plans
from .db import db
from .i18n import lazy_gettext as _l
from .models import Activity, Attendance, Consent, FollowUp, Report, Setting, StepChange, utcnow
from .referrals import records as referrals

KINDS = {
    # I18N: a report to the commissioner on how the support is going (lägesrapport)
    "progress": _l("Progress report"),
    # I18N: a report to the commissioner when the support ends (slutrapport)
    "closing": _l("Closing report"),
}

# The coach's own words, in the order the report shows them.
TEXTS = {
    "summary": _l("Summary of the period"),
    "goals": _l("How the goals have gone"),
    "next_steps": _l("Next steps"),
}

# The unit's details at the top of every report: the provider (utförare).
PROVIDER_NAME, PROVIDER_ORG_NUMBER = "provider_name", "provider_org_number"
# The commissioners that require the participant's personal identity number on the attendance
# report: their keys in catalogues.COMMISSIONERS, by commas.
PERSONNUMMER_REQUIRED = "personnummer_required"

# The partner of a consent that counts as the commissioner, where their keys differ.
CONSENT_PARTNER_OF = {"region": "psychiatry"}


def provider():
    """The provider's name and organisation number, as the administrator set them."""
    return {"name": Setting.value_of(PROVIDER_NAME), "org_number": Setting.value_of(PROVIDER_ORG_NUMBER)}


def personnummer_required():
    """The keys of the commissioners that require the personal identity number."""
    return [key for key in Setting.value_of(PERSONNUMMER_REQUIRED).split(",") if key]


def require_personnummer(commissioners):
    Setting.put(PERSONNUMMER_REQUIRED, ",".join(commissioners))


def personnummer_for(case):
    """The participant's personal identity number for the attendance report: None when the
    case's commissioner does not require it; else the full number from the referral the case
    began with, "" when it gives none."""
    if case.commissioner not in personnummer_required():
        return None
    referral = referrals.of_participant(case.participant)
    return personnummer.full(referral.personnummer if referral else "")


def for_participant(participant):
    """Every report about the participant, newest first."""
    return list(Report.select().where(Report.participant == participant)
                .order_by(Report.created_at.desc(), Report.id.desc()))


def get(participant, report_id):
    return Report.get_or_none(Report.id == report_id, Report.participant == participant)


def texts(report):
    return json.loads(report.texts or "{}")


def start_draft(case, kind, by):
    """The open draft of this kind, or a new one. A new draft after a sent report takes the
    coach's words and the period from it, to change what is new."""
    query = Report.select().where(Report.participant == case.participant, Report.kind == kind)
    draft = query.where(Report.sent_on.is_null()).first()
    if draft is not None:
        return draft, False
    last = query.order_by(Report.number.desc()).first()
    with db.atomic():
        return Report.create(
            participant=case.participant, kind=kind, created_by=by,
            number=(last.number if last else 0) + 1,
            period_start=last.period_end if last else case.created_at.date(),
            period_end=case.outcome_on if kind == "closing" and case.outcome_on else None,
            texts=last.texts if last else "{}"), True


def save_draft(report, values):
    """Store the coach's words and the period of a draft; a sent report never changes."""
    if report.sent_on is not None:
        raise ValueError("A sent report cannot be changed.")
    report.texts = json.dumps({name: values.get(name) or "" for name in TEXTS}, ensure_ascii=False)
    report.period_start, report.period_end = values.get("period_start"), values.get("period_end")
    report.updated_at = utcnow()
    report.save()


def consent_to_commissioner(case, day=None):
    """The participant's consent to share with their commissioner that holds on `day` (given by
    then and not withdrawn), the latest one; None when there is none."""
    day = day or date.today()
    partner = CONSENT_PARTNER_OF.get(case.commissioner, case.commissioner)
    return (Consent.select().where(
        Consent.participant == case.participant, Consent.partner == partner,
        Consent.given_on <= day, Consent.withdrawn_on.is_null() | (Consent.withdrawn_on > day))
        .order_by(Consent.given_on.desc(), Consent.id.desc()).first())


def send(report, case, by, sent_to, sent_on, mandate=""):
    """Keep the report as sent: what it says now, the day and to whom. Raises ValueError when
    there is neither a consent to the commissioner nor a mandate (the form says so first)."""
    if report.sent_on is not None:
        raise ValueError("The report is already sent.")
    consent = consent_to_commissioner(case, sent_on)
    if consent is None and not mandate.strip():
        raise ValueError("No consent to the commissioner and no mandate.")
    found = facts(case, report.period_start, report.period_end or sent_on)
    found["consent"] = ({"partner": consent.partner, "partner_name": consent.partner_name,
                         "what": consent.what, "given_on": consent.given_on}
                        if consent else None)
    report.content = _dump(found)
    report.sent_on, report.sent_to, report.sent_by = sent_on, sent_to, by
    report.mandate = "" if consent else mandate.strip()
    report.save()


def shown(report, case):
    """What the report says: the copy kept when it was sent, or else what is recorded now."""
    if report.sent_on is not None:
        return _load(report.content)
    return facts(case, report.period_start, report.period_end or date.today())


def facts(case, first=None, last=None):
    """What is recorded about the case for the days `first` to `last` (either may be open):
    the commissioner's goals, steps, activities, follow-ups, placements with their hours,
    the outcome and the next follow-up; plain data, so that a sent copy can keep it."""
    person = case.participant
    first, last = first or case.created_at.date(), last or date.today()
    agreed = agreement.of(person)
    steps = (StepChange.select().where(StepChange.case == case)
             .order_by(StepChange.changed_at, StepChange.id))
    activities = (Activity.select().where(Activity.participant == person,
                                          Activity.day.between(first, last))
                  .order_by(Activity.day, Activity.id))
    followups = (FollowUp.select(FollowUp.kind, fn.COUNT(FollowUp.id)).where(
        FollowUp.participant == person, FollowUp.day.between(first, last))
        .group_by(FollowUp.kind).tuples())
    return {
        "participant": person.display_name, "coach": case.coach.display_name,
        "commissioner": case.commissioner, "case_number": case.commissioner_case_number,
        "provider": provider(), "period": {"first": first, "last": last},
        "goals": agreed.goals if agreed else "",
        "meeting_on": agreed.meeting_on if agreed else None,
        "step": case.step, "status": case.status,
        "steps": [{"step": row.step, "status": row.status, "on": row.changed_at.date()}
                  for row in steps if first <= row.changed_at.date() <= last],
        "activities": [{"kind": row.kind, "place": row.place, "day": row.day}
                       for row in activities],
        "followups": dict(followups),
        "placements": [_placement(item, first, last) for item in plans.placements(person)
                       if _overlaps(item, first, last)],
        "outcome": case.outcome, "outcome_on": case.outcome_on,
        "next_followup": case.next_followup if case.status != "closed" else None,
    }


def _overlaps(item, first, last):
    if item.plan is None:
        return False
    end = item.ended_on or item.plan.end_on
    return item.plan.start_on <= last and (end is None or end >= first)


def _placement(item, first, last):
    """A placement in the period, with its days and hours of each kind that count."""
    window = attendance.window(item, today=min(last, date.today()))
    rows = Attendance.select().where(Attendance.placement == item,
                                     Attendance.day.between(first, last))
    totals = attendance.totals(window, rows)
    return {"employer": item.employer.name, "start_on": item.plan.start_on,
            "end_on": item.ended_on or item.plan.end_on, "terms": item.plan.terms,
            "paid_hours": item.plan.paid_hours,
            "days": totals.days, "hours": totals.hours}


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _dump(data):
    return json.dumps(data, ensure_ascii=False, default=str)


def _load(text):
    """A kept copy as `facts` made it: days as dates and hours as numbers again."""
    def revive(item):
        for key, value in item.items():
            if isinstance(value, str) and ISO_DAY.match(value):
                item[key] = date.fromisoformat(value)
            elif key == "hours" and isinstance(value, dict):
                item[key] = {name: Decimal(hours) for name, hours in value.items()}
        return item
    return json.loads(text or "{}", object_hook=revive)


def export(participant):
    """The participant's reports for the exports: drafts and sent copies alike."""
    from .exports import name
    return [{"kind": row.kind, "number": row.number, "period_start": row.period_start,
             "period_end": row.period_end, "coach_text": texts(row), "written": row.created_at,
             "written_by": name(row.created_by_id), "saved": row.updated_at,
             "sent_on": row.sent_on, "sent_to": row.sent_to, "sent_by": name(row.sent_by_id),
             "mandate": row.mandate, "as_sent": json.loads(row.content) if row.content else None}
            for row in for_participant(participant)]
