"""The participant's own export: everything stored about them, as plain data for a file.

The coach's complete export (`privacy.export.complete_export`) is this plus the internal notes in full.
Both are downloaded as a zip: the data as JSON, and each spoken answer as a sound file that the
JSON names (`sound_files`).
A test changes every column about a participant, one at a time, and fails when an export does
not change with it, so a new table or column cannot be left out unseen.
"""
import json

from flask import g

from . import (agreement, audit, corrections, meetings, notes, phrasebook, plans, reports,
               sharing, timerules)
from .activities import records
from .employers import register
from .models import (CardChoice, Case, FollowUp, Handover, OutboxMessage, PasswordReset,
                     ProfileAnswer, Referral, SharedSpokenAnswer, SpokenAnswer, StepChange, User,
                     UserSession)
from .profile import spoken
from .referrals import records as referrals

# Parts of the export that may hold health data or other special categories (GDPR article 9),
# so whoever receives the file knows to handle them with care.
HEALTH = ("profile", "spoken_answers", "shared_versions", "activities", "feedback", "messages", "followups",
          "benefits_counselling", "placements", "referral", "reports_to_the_commissioner",
          "corrections", "meetings", "handovers")


def name(user_id):
    """Who did something, by name; None when the account is gone. Each person is read once in a
    request: an export names the same few staff again and again (an access log of years
    thousands of times), and reading each row's person took most of the export's queries."""
    if user_id is None:
        return None
    known = g.setdefault("names_by_id", {})
    if user_id not in known:
        row = User.select(User.display_name).where(User.id == user_id).first()
        known[user_id] = row.display_name if row else None
    return known[user_id]


def _profile(user):
    rows = list(ProfileAnswer.select().where(ProfileAnswer.participant == user)
                .order_by(ProfileAnswer.question))
    return ({row.question: json.loads(row.value) for row in rows},
            {row.question: row.updated_at for row in rows},
            sorted(row.question for row in rows if row.together))


def _case(user):
    case = Case.select().where(Case.participant == user).first()
    if case is None:
        return None, []
    about = {"coach": name(case.coach_id), "commissioner": case.commissioner,
             "commissioner_case_number": case.commissioner_case_number, "step": case.step,
             "status": case.status, "started": case.created_at,
             "step_started": case.step_started_at,
             "shared_version_the_coach_has_read": case.reviewed_version,
             "next_followup": case.next_followup,
             "out_of_work_at_start": case.out_of_work_at_start, "outcome": case.outcome,
             "outcome_on": case.outcome_on, "in_work_since": case.in_work_since,
             "gender": case.gender, "birth_year": case.birth_year,
             "income_at_end": case.income_at_end,
             "anonymous_outcome_row": _outcome_row(case.outcome_row)}
    steps = [{"step": row.step, "status": row.status, "when": row.changed_at,
              "by": name(row.changed_by_id)}
             for row in StepChange.select().where(StepChange.case == case)
             .order_by(StepChange.changed_at, StepChange.id)]
    return about, steps


def _outcome_row(row):
    """The anonymous row the case left when it closed, as it stays after erasure."""
    if row is None:
        return None
    return {name: getattr(row, name) for name in (
        "kind", "year", "month", "outcome", "commissioner", "gender", "age_band",
        "target_groups", "support_need", "income_at_start", "income_at_end", "days_to_employer_contact", "days_to_benefits_counselling", "followup_months")}


def _spoken_rows(user):
    """Every spoken answer of the person, with its sound, and the file name it has in the zip:
    (file name, row, shared version number or None)."""
    found = [(f"spoken-answers/{row.question}.ogg", row, None)
             for row in SpokenAnswer.select().where(SpokenAnswer.participant == user)
             .order_by(SpokenAnswer.question)]
    for version in sharing.versions(user):
        found += [(f"shared-{version.number}/{row.question}.ogg", row, version.number)
                  for row in SharedSpokenAnswer.select().where(SharedSpokenAnswer.version == version)
                  .order_by(SharedSpokenAnswer.question)]
    return found


def _spoken(row, file):
    about = {"question": row.question, "file": file, "seconds": row.seconds,
             "recorded": row.recorded_at, "sha256": spoken.digest(bytes(row.audio))}
    if isinstance(row, SpokenAnswer):
        about["together"] = row.together
    return about


def sound_files(user):
    """The sound of every spoken answer, as (file name in the zip, Ogg Opus bytes)."""
    return [(file, bytes(row.audio)) for file, row, _number in _spoken_rows(user)]


def _feedback(item):
    return {"section": item.section, "text": item.text,
            "phrases": phrasebook.stored(item.phrases), "written": item.created_at,
            "by": name(item.author_id), "read": item.read_at}


def _referral(user):
    """The referral the case began with, every column of it (None when it began without one)."""
    row = Referral.get_or_none(Referral.participant == user)
    if row is None:
        return None
    return {"coach": name(row.coach_id), "registered_by": name(row.created_by_id),
            "received_on": row.received_on, "commissioner": row.commissioner,
            "commissioner_unit": row.commissioner_unit, "case_number": row.case_number,
            "case_officer": {"name": row.handler_name, "phone": row.handler_phone,
                             "email": row.handler_email},
            "purpose": row.purpose, "target_groups": referrals.groups(row),
            "income_at_start": row.income_at_start, "wants_work": row.wants_work,
            "interpreter": row.interpreter, "interpreter_language": row.interpreter_language,
            "support_need": row.support_need, "name": row.name,
            "personnummer": row.personnummer, "phone": row.phone, "email": row.email,
            "address": row.address, "language": row.locale, "status": row.status,
            "status_on": row.status_on, "status_reason": row.status_reason,
            "registered": row.created_at, "changed": row.updated_at}


def export(user):
    """Everything stored about a participant; of the internal notes, only when they were written."""
    profile, saved, together = _profile(user)
    case, steps = _case(user)
    voices = _spoken_rows(user)
    agreed = agreement.of(user)
    return {
        "may_hold_health_data": list(HEALTH),
        "account": {"username": user.username, "name": user.display_name,
                    "language": user.locale, "created": user.created_at,
                    "last_login": user.last_login_at, "show_swedish": user.show_swedish,
                    "active": user.is_active,
                    "login_card_code_works_until": user.setup_code_expires,
                    "email": user.email, "mobile": user.mobile, "told_by": user.notify_by,
                    "morning_mail": user.morning_mail},
        "sent_to_you": [{"kind": row.kind, "by": row.channel, "to": row.address,
                         "subject": row.subject, "text": row.text, "status": row.status,
                         "tries": row.attempts, "why_it_failed": row.last_error,
                         "to_send": row.due_at, "began": row.claimed_at, "sent": row.sent_at,
                         "made": row.created_at}
                        for row in OutboxMessage.select().where(OutboxMessage.user == user)
                        .order_by(OutboxMessage.created_at, OutboxMessage.id)],
        "password_reset_links": [{"asked": row.created_at, "works_until": row.expires_at,
                                  "used": row.used_at}
                                 for row in PasswordReset.select()
                                 .where(PasswordReset.user == user)
                                 .order_by(PasswordReset.created_at)],
        "sessions": [{"logged_in": row.created_at, "last_used": row.last_seen_at,
                      "browser": row.user_agent, "address": row.address}
                     for row in UserSession.select().where(UserSession.user == user)
                     .order_by(UserSession.created_at)],
        "case": case,
        "referral": _referral(user),
        "step_history": steps,
        "profile": profile,
        "profile_saved": saved,
        "filled_in_together": together,
        "spoken_answers": [_spoken(row, file) for file, row, number in voices if number is None],
        "job_cards": {row.card: {**{key: value for key, value in (
            ("answer", row.answer), ("want_more", row.want_more), ("tried", row.tried),
            ("note", row.note)) if value}, "saved": row.updated_at}
            for row in CardChoice.select().where(CardChoice.participant == user)
            .order_by(CardChoice.card)},
        "activities": [{**records.as_data(item), "added_by": name(item.added_by_id),
                        "added": item.created_at, "reflected": item.reflected_at,
                        "coach_reflected": item.coach_reflected_at}
                       for item in records.for_participant(user)],
        "shared_versions": [{"number": v.number, "shared_at": v.shared_at,
                             **sharing.of_version(v),
                             "spoken_answers": [_spoken(row, file) for file, row, number in voices
                                                if number == v.number]}
                            for v in sharing.versions(user)],
        "feedback": [{**_feedback(item), "answers": [_feedback(reply) for reply in replies]}
                     for item, replies in notes.feedback(user)],
        "internal_notes_written": notes.internal_note_dates(user),
        "handovers": [{"from": name(row.from_coach_id), "to": name(row.to_coach_id),
                       "by": name(row.made_by_id), "when": row.created_at,
                       "old_coach_reads_until": row.read_until, "note": row.note}
                      for row in Handover.select().where(Handover.participant == user)
                      .order_by(Handover.created_at, Handover.id)],
        "messages": [{"from_me": m.sender_id == user.id, "from": name(m.sender_id), "text": m.text,
                      "phrases": phrasebook.stored(m.phrases), "sent": m.created_at, "read": m.read_at}
                     for m in notes.thread(user)],
        "agreement": {**{field: getattr(agreed, field) for field in agreement.FIELDS},
                      **{f"{part}_phrases": phrasebook.stored(getattr(agreed, f"{part}_phrases"))
                         for part in agreement.PHRASED},
                      "saved": agreed.updated_at, "saved_by": name(agreed.updated_by_id),
                      "read": agreed.read_at} if agreed else None,
        "consents": [{**{field: getattr(c, field) for field in agreement.CONSENT_FIELDS},
                      "withdrawn_on": c.withdrawn_on,
                      "asked_to_withdraw": c.withdraw_asked_at, "read": c.read_at,
                      "written": c.created_at}
                     for c in agreement.consents(user)],
        "followups": [{"day": row.day, "kind": row.kind, "with_whom": row.with_whom,
                       "note": row.note, "next_day": row.next_day, "coach": name(row.coach_id),
                       "written": row.created_at}
                      for row in FollowUp.select().where(FollowUp.participant == user)
                      .order_by(FollowUp.day, FollowUp.id)],
        "meetings": meetings.export(user),
        "benefits_counselling": [{"day": row.day, "note": row.note, "coach": name(row.coach_id),
                                  "written": row.created_at}
                                 for row in timerules.counselling(user)],
        "job_search": [{"employer": lead.employer.name, "kind": lead.kind, "day": lead.day,
                        "position": register.position_title(lead.position) if lead.position else None,
                        "status": lead.status, "reached": json.loads(lead.reached or "{}"),
                        "end_reason": lead.end_reason,
                        "added_by": name(lead.created_by_id), "updated": lead.updated_at}
                       for lead in register.leads(user)],
        "placements": plans.export(user),
        "reports_to_the_commissioner": reports.export(user),
        "corrections": corrections.about(user),
        "access_log": [{"when": row.created_at, "who": name(row.actor_id),
                        "page": row.endpoint, "changed": row.changed}
                       for row in audit.for_participant(user, limit=None)],
    }

