"""Step 5 and closing: a case in work with follow-up, a case that closes, and the anonymous rows
they leave for the statistics.

An OutcomeRow names no participant, so the unit's figures stay the same when a participant is
erased (by hand or when the retention time is up).
"""
from .catalogues import age_band
from .employers.catalogue import ENDED
from .models import Case, Lead, OutcomeRow, Placement
from . import timerules


def target_group(case):
    """The case's target group, once the referral records one; "" until then."""
    return getattr(case, "target_group", "") or ""


def _row(case, kind, day, **fields):
    return OutcomeRow.create(kind=kind, year=day.year, month=day.month,
                             commissioner=case.commissioner, coach=case.coach_id,
                             gender=case.gender or "", age_band=age_band(case.birth_year, day.year),
                             target_group=target_group(case), **fields)


def job_start(case, day):
    """The case goes into work with follow-up on `day`: a job start for the statistics."""
    return _row(case, OutcomeRow.JOB_START, day)


def closing(case):
    """The row of a case that closed: its outcome and how the method's time rules went."""
    rules = timerules.for_case(case, case.outcome_on)
    return _row(case, OutcomeRow.CLOSED, case.outcome_on, outcome=case.outcome,
                days_to_employer_contact=rules.contact.days if rules.contact.done else None,
                days_to_benefits_counselling=rules.benefits.days if rules.benefits.done else None,
                followup_months=rules.followup.months if rules.followup else None)


def forget(case):
    """A case opened again has no outcome yet: its closing row goes."""
    if case.outcome_row_id:
        row = case.outcome_row_id
        case.outcome_row = None
        case.save(only=[Case.outcome_row])
        OutcomeRow.delete().where(OutcomeRow.id == row).execute()


def close(case, day):
    """End what a closed case leaves open: its placements (on the day of the outcome), its open
    job-search leads, and the next follow-up. Then write its anonymous row."""
    Placement.update(ended_on=day).where(Placement.participant == case.participant_id,
                                         Placement.ended_on.is_null()).execute()
    Lead.update(status=ENDED, end_reason="case_closed").where(
        Lead.participant == case.participant_id, Lead.status.not_in([ENDED, "employed"])).execute()
    forget(case)
    case.next_followup = None
    case.outcome_row = closing(case)
    case.save(only=[Case.next_followup, Case.outcome_row])
