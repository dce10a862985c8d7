"""Registers every blueprint and the catalogues that templates read."""
import json
from datetime import date, timedelta

from . import (admin, attendance, auth, careful, catalogues, coach, manager, meetings,
               participant, plans, recordings, referrals)
from .activities import catalogue as activity
from .employers import catalogue as employers
from .i18n import lazy_gettext as _l
from .jobcards import choices, pictures
from .models import User
from .profile.catalogue import QUESTIONS, SECTIONS

SECTION_TITLES = {section.key: section.title for section in SECTIONS}
from .security import role_required


def init_app(app):
    for blueprint in (auth.bp, participant.bp, coach.bp, admin.bp, recordings.bp, referrals.bp,
                      manager.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(429, auth.too_many_attempts)
    # Uploaded job-card pictures, for every role that sees cards.
    app.add_url_rule("/card-pictures/<name>", "card_picture",
                     role_required(*User.ROLES)(pictures.serve))

    app.jinja_env.filters["fromjson"] = json.loads
    app.add_template_global(timedelta)
    app.add_template_global(activity.staff_label, "staff_activity")
    app.add_template_global(careful.highlight, "careful_parts")
    app.add_template_global(plans.change_day, "followup_change_day")

    # The catalogues every template may name: the same for every page, so made once.
    app.jinja_env.globals.update({
        "steps": catalogues.STEPS, "step_help": catalogues.STEP_HELP,
        "statuses": catalogues.CASE_STATUSES,
        "steps_plain": catalogues.STEPS_PLAIN,
        "statuses_plain": catalogues.CASE_STATUSES_PLAIN,
        "commissioners": catalogues.COMMISSIONERS, "roles": catalogues.ROLES,
        "card_answers": choices.ANSWER_BY_KEY, "activity_kinds": activity.KIND_BY_KEY,
        "activity_kind_options": activity.KINDS, "scales": activity.SCALES,
        "good_options": activity.GOOD, "hard_options": activity.HARD,
        "followup_kinds": catalogues.FOLLOWUP_KINDS,
        "consent_partners": catalogues.CONSENT_PARTNERS,
        "consent_how": catalogues.CONSENT_HOW,
        "consent_directions": catalogues.CONSENT_DIRECTIONS, "section_titles": SECTION_TITLES,
        "first_question": QUESTIONS[0].key, "employer_sectors": employers.SECTORS,
        "contact_kinds": employers.CONTACT_KINDS, "lead_kinds": employers.LEAD_KINDS,
        "lead_statuses": {**employers.LEAD_PATH, employers.ENDED: _l("Ended")},
        "end_reasons": employers.END_REASONS, "lead_plain": employers.LEAD_PATH_PLAIN,
        "outcomes": catalogues.OUTCOMES, "terms": catalogues.TERMS,
        "followup_every": catalogues.FOLLOWUP_EVERY, "attendance_kinds": catalogues.ATTENDANCE,
        "attendance_pictures": attendance.PICTURES, "attendance_options": attendance.OPTIONS,
        "paid_terms": catalogues.PAID_TERMS,
        "meeting_kinds": catalogues.MEETING_KINDS,
        "meeting_places": catalogues.MEETING_PLACES,
        "meeting_answers": catalogues.MEETING_ANSWERS,
        "meeting_reasons": catalogues.MEETING_REASONS,
        "meeting_pictures": meetings.KIND_PICTURES,
        "place_pictures": meetings.PLACE_PICTURES,
        "answer_pictures": meetings.ANSWER_PICTURES,
        "reason_pictures": meetings.REASON_PICTURES
    })
    app.context_processor(lambda: {"today": date.today()})
