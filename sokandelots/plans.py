"""Rules for placements and their implementation plans (genomförandeplan): versions that never
change once saved, and the follow-up dates a plan's schedule expects."""
import json
from datetime import date, timedelta
from decimal import Decimal

from peewee import fn

from . import careful
from .db import db
from .i18n import lazy_gettext as _l
from .models import Attendance, Case, Employer, FollowUp, Placement, PlanVersion

# The plan's own words, in the order the plan shows them.
TEXTS = {
    "purpose": _l("Purpose"),
    "goals": _l("Goals"),
    "tasks": _l("Tasks"),
    "adaptations": _l("Adaptations"),
    "routines": _l("Routines"),
    "supervisor": _l("Supervisor"),
    "support": _l("Support for the supervisor"),
    "terms_note": _l("Other terms"),
}
FIELDS = ("start_on", "end_on", "terms", "paid_hours", "followup_weeks", "followup_change_week",
          "followup_later_weeks")
# Hours planned on each day of the week, Monday first (form fields planned_0 to planned_6).
PLANNED = tuple(f"planned_{day}" for day in range(7))
NAMES = (*FIELDS, *PLANNED, *TEXTS)
OPEN_ENDED_FOLLOWUPS = 12  # expected follow-ups of a plan without an end date (after any change)


def placements(participant):
    """The participant's placements, newest first, each with `.plan` set to its latest version."""
    found = list(Placement.select(Placement, Employer).join(Employer)
                 .where(Placement.participant == participant).order_by(Placement.id.desc()))
    latest = {}
    if found:
        newest = (PlanVersion.select(PlanVersion.placement, fn.MAX(PlanVersion.number))
                  .where(PlanVersion.placement.in_([item.id for item in found]))
                  .group_by(PlanVersion.placement))
        wanted = {(pid, number) for pid, number in newest.tuples()}
        latest = {version.placement_id: version for version in PlanVersion.select().where(
            PlanVersion.placement.in_([pid for pid, _ in wanted])) if
            (version.placement_id, version.number) in wanted}
    for item in found:
        item.plan = latest.get(item.id)
    return found


def placement(participant, placement_id):
    item = Placement.get_or_none(Placement.id == placement_id, Placement.participant == participant)
    if item is not None:
        item.plan = version(item)
    return item


def add_placement(participant, employer, by):
    return Placement.create(participant=participant, employer=employer, created_by=by)


def versions(placement):
    return list(PlanVersion.select().where(PlanVersion.placement == placement)
                .order_by(PlanVersion.number.desc()))


def version(placement, number=None):
    """A version of the plan: the given number, or the latest; None if there is none."""
    query = PlanVersion.select().where(PlanVersion.placement == placement)
    if number is not None:
        return query.where(PlanVersion.number == number).first()
    return query.order_by(PlanVersion.number.desc()).first()


def planned(plan):
    """The hours planned for each day of the week, Monday first; None for a day without."""
    stored = json.loads(plan.planned_hours or "[]") if plan else []
    stored += [""] * (7 - len(stored))
    return [_hours(value) for value in stored[:7]]


def _hours(text):
    try:
        return Decimal(text) if text else None
    except ArithmeticError:  # not a number: no plan for the day
        return None


def values_of(plan):
    """A plan version as one dict of its fields, planned hours and texts, as a form fills it."""
    if plan is None:
        return {}
    return {**{name: getattr(plan, name) for name in FIELDS},
            **dict(zip(PLANNED, planned(plan))), **texts(plan)}


def token(plan):
    """What a plan form carries to notice a version saved meanwhile: the latest number."""
    return str(plan.number if plan else 0)


def texts(plan):
    return json.loads(plan.texts or "{}")


def private_words(texts, health_private):
    """{text name: health words in it} for a plan whose participant keeps their health from
    employers (empty otherwise), so the page warns before the employer reads and signs it."""
    if not health_private:
        return {}
    found = {name: careful.check(text, health_private=True) for name, text in texts.items()}
    return {name: hint.private for name, hint in found.items() if hint and hint.private}


def save(placement, values, by):
    """Save the plan as a new version; nothing is saved when nothing changed.
    Returns (version, whether a new version was made)."""
    fields = {name: values.get(name) for name in FIELDS}
    fields["paid_hours"] = fields["paid_hours"] or 0
    fields["followup_weeks"] = fields["followup_weeks"] or 0
    hours = [values.get(name) for name in PLANNED]
    words = {name: values[name] for name in TEXTS if values.get(name)}
    with db.atomic():
        latest = version(placement)
        if latest is not None and values_of(latest) == {**fields, **dict(zip(PLANNED, hours)),
                                                         **words}:
            return latest, False
        plan = PlanVersion.create(placement=placement, number=(latest.number if latest else 0) + 1,
                                  texts=json.dumps(words, ensure_ascii=False, sort_keys=True),
                                  planned_hours=json.dumps([f"{Decimal(value):f}" if value is not None
                                                            else "" for value in hours]),
                                  created_by=by, **fields)
        case = Case.get(Case.participant == placement.participant_id)
        due = next_expected(placement.participant_id, date.today())
        if due and (case.next_followup is None or due < case.next_followup):
            case.next_followup = due
            case.save(only=[Case.next_followup])
    return plan, True


def end_placement(placement, day):
    placement.ended_on = day
    placement.save(only=[Placement.ended_on])


def change_day(plan):
    """The day after which the plan's later follow-up interval applies (the schedule thins out or
    intensifies), or None when the schedule never changes (or would change only after the end)."""
    if not (plan.followup_weeks and plan.followup_change_week and plan.followup_later_weeks):
        return None
    day = plan.start_on + timedelta(weeks=plan.followup_change_week)
    return day if plan.end_on is None or day < plan.end_on else None


def weeks_on(plan, day):
    """The follow-up interval in weeks that the plan sets for `day`."""
    change = change_day(plan)
    return plan.followup_later_weeks if change and day > change else plan.followup_weeks


def expected_dates(plan):
    """The follow-up dates a plan's schedule expects: every so many weeks after the start, and
    when the schedule changes, every so many other weeks counted from the change; until the end
    date (or a dozen times after the last change when the plan has no end)."""
    if plan is None or not plan.followup_weeks:
        return []
    change = change_day(plan)
    if change is None:
        return _every(plan.start_on, plan.followup_weeks, plan.end_on)
    return (_every(plan.start_on, plan.followup_weeks, change)
            + _every(change, plan.followup_later_weeks, plan.end_on))


def _every(first, weeks, last):
    """Every `weeks` weeks after `first` up to `last`; a dozen dates when there is no `last`."""
    step = timedelta(weeks=weeks)
    found, day = [], first + step
    while (day <= last) if last else len(found) < OPEN_ENDED_FOLLOWUPS:
        found.append(day)
        day += step
    return found


def schedule(participant):
    """Every expected follow-up of the participant's placements as (date, placement, met).
    A date is met by a follow-up made within half a period of it, before or after (the period
    the plan sets for that date)."""
    made = [row.day for row in FollowUp.select(FollowUp.day).where(FollowUp.participant == participant)]
    found = []
    for item in placements(participant):
        if item.plan is None:
            continue
        for day in expected_dates(item.plan):
            half = timedelta(days=weeks_on(item.plan, day) * 7 / 2)
            if item.ended_on is None or day <= item.ended_on:
                found.append((day, item, any(day - half <= done < day + half for done in made)))
    return sorted(found, key=lambda row: row[0])


def next_expected(participant, after):
    """The first expected follow-up date after `after` among placements that have not ended."""
    upcoming = [day for day, item, _ in schedule(participant) if day > after and item.ended_on is None]
    return min(upcoming, default=None)


def export(participant):
    """The participant's placements with every version of the plan and every marked day, each
    with who made it (and, for a day, who confirmed it)."""
    from .exports import name
    return [{"employer": item.employer.name, "added": item.created_at,
             "added_by": name(item.created_by_id), "ended_on": item.ended_on,
             "plan_versions": [{"number": plan.number, "saved": plan.created_at,
                                "saved_by": name(plan.created_by_id), **values_of(plan)}
                               for plan in versions(item)],
             "attendance": [{"day": row.day, "status": row.status, "hours": row.hours,
                             "marked_by": name(row.marked_by_id),
                             "confirmed": bool(row.confirmed_at), "confirmed_at": row.confirmed_at,
                             "confirmed_by": name(row.confirmed_by_id),
                             "commissioner_told_of_absence_on": row.notified_on}
                            for row in Attendance.select().where(Attendance.placement == item)
                            .order_by(Attendance.day)]}
            for item in placements(participant)]
