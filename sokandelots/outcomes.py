"""Step 5 and closing: a case in work with follow-up, a case that closes, and the anonymous rows
they leave for the statistics.

An OutcomeRow names no participant, so the unit's figures stay the same when a participant is
erased (by hand or when the retention time is up). What the day-by-day figures count is kept at
the erasure as ErasedSpans (`keep`), and an erased referral as an OutcomeRow.
"""
from datetime import date

from .catalogues import age_band
from .db import as_date, as_datetime
from .employers.catalogue import ENDED
from .models import Case, ErasedSpan, Lead, OutcomeRow, Placement, Referral, StepChange
from . import statistics, timerules


def _from_referral(referral):
    """What an anonymous row takes from the referral (empty without one)."""
    if referral is None:
        return {"target_groups": "", "support_need": "", "income_at_start": ""}
    return {"target_groups": referral.target_groups, "support_need": referral.support_need,
            "income_at_start": referral.income_at_start}


def _row(case, kind, day, **fields):
    referral = Referral.get_or_none(Referral.participant == case.participant_id)
    return OutcomeRow.create(kind=kind, year=day.year, month=day.month,
                             commissioner=case.commissioner, coach=case.coach_id,
                             gender=case.gender or "", age_band=age_band(case.birth_year, day.year),
                             **_from_referral(referral), **fields)


def job_start(case, day):
    """The case goes into work with follow-up on `day`: a job start for the statistics."""
    return _row(case, OutcomeRow.JOB_START, day)


def closing(case):
    """The row of a case that closed: its outcome and how the method's time rules went."""
    rules = timerules.for_case(case, case.outcome_on)
    return _row(case, OutcomeRow.CLOSED, case.outcome_on, outcome=case.outcome,
                income_at_end=case.income_at_end,
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


def referral_row(referral):
    """An erased referral's anonymous row: the month it came, how it went, and for whom."""
    day = referral.received_on
    return OutcomeRow.create(kind=OutcomeRow.REFERRAL, year=day.year, month=day.month,
                             outcome=referral.status, commissioner=referral.commissioner,
                             coach=referral.coach_id, **_from_referral(referral))


def keep(participant, today=None):
    """Before `participant` is erased: keep what their case and referral add to the figures,
    without a name (see ErasedSpan)."""
    referral = Referral.get_or_none(Referral.participant == participant)
    if referral is not None:
        referral_row(referral)
    case = Case.get_or_none(Case.participant == participant)
    if case is None:
        return
    jobs = statistics.job_starts(date.max, participant)
    changes = [(step, status, as_datetime(at)) for step, status, at in
               StepChange.select(StepChange.step, StepChange.status, StepChange.changed_at)
               .where(StepChange.case == case)
               .order_by(StepChange.changed_at, StepChange.id).tuples()]
    if case.status != "closed":
        last_day = today or date.today()
    else:
        last_day = as_date(case.outcome_on)
    ErasedSpan.create(kind=ErasedSpan.CASE, first_day=as_datetime(case.created_at).date(),
                      last_day=last_day, out_of_work_at_start=case.out_of_work_at_start,
                      first_job_on=min((job.start_on for job in jobs), default=None))
    for job in jobs:
        ErasedSpan.create(kind=ErasedSpan.JOB, first_day=job.start_on, last_day=job.ended_on)
    for step, entered, left in statistics.stays(as_datetime(case.created_at), changes):
        ErasedSpan.create(kind=ErasedSpan.STAY, step=step, first_day=entered.date(),
                          last_day=left.date())
