"""The coach's pages: the caseload and each participant in it."""
import re
from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .. import (access, accounts, attendance, audit, caseload as rules, cards, corrections,
               downloads, htmx, links, plans, reports, sharing, timerules)
from ..catalogues import CASE_STATUSES, STEPS, in_page_language
from ..db import ask_together
from ..i18n import date_in_words, lazy_gettext as _l
from ..jobcards import cards as card_catalogue
from ..profile import answers, spoken
from ..referrals import records as referrals
from ..models import FollowUp, ProfileVersion, User
from ..security import role_required
from ..templating import blank_form
from .forms import (AbsenceNoticeForm, CaseNumberForm, CounsellingForm, CoverForm, FollowUpForm,
                    HandoverForm, NewParticipantForm, NewReportForm, StepForm, UsernameForm)

bp = Blueprint("coach", __name__, url_prefix="/coach")

# The caseload's badges for the method's time rules (timerules.flags).
TIME_FLAGS = {
    "contact": _l("No employer contact after a month"),
    "benefits": _l("No benefits counselling after a month"),
    "introduction": _l("Introduction longer than six months"),
    "followup": _l("Follow-up longer than 24 months"),
}


def own_case(participant_id):
    """The case if this coach may open it (access.of: their own, one they cover for today, or
    one they handed over and still read); any other participant is simply not found. A case
    they only read refuses every change (403). The page is logged as opened once it is shown
    (views that save call audit.changed), whoever opens it: the substitute too."""
    # Whether the page was seen lately (see `audit.seen_lately`) goes along with the case.
    found, seen = ask_together(access.of.ask(g.user, participant_id),
                               audit.seen_lately.ask(participant_id)
                               if audit.logs_view() else None)
    if found is None:
        abort(404)
    if not found.write and request.method not in ("GET", "HEAD"):
        abort(403)
    g.case_access = found
    audit.opened(found.case.participant, seen)
    return found.case


@bp.context_processor
def case_access():
    """The page's Access, for the note that says whose case it is or that it is only read."""
    return {"case_access": g.get("case_access")}


@bp.after_request
def without_write_forms(response):
    """A case the coach only reads shows no form that would change it: every form sent with
    POST inside the page's main part is left out (the refusal itself is in own_case)."""
    found = g.get("case_access")
    if found is None or found.write or response.mimetype != "text/html" \
            or response.direct_passthrough:
        return response
    html = response.get_data(as_text=True)
    start, end = html.find("<main"), html.find("</main>")
    if start >= 0 and end > start:
        main = WRITE_FORM.sub("", html[start:end])
        response.set_data(html[:start] + main + html[end:])
    return response


# The new participant's form: on the caseload, and sent back alone when it has errors.
NEW_PARTICIPANT = "coach/_new_participant.html"
WRITE_FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>.*?</form>', re.S | re.I)


@bp.route("/")
@role_required(User.COACH)
def caseload():
    """The coach's participants, filtered, searched and sorted as the query string says."""
    args = request.args
    step = args.get("step", type=int)
    status = args.get("status") if args.get("status") in CASE_STATUSES else None
    sort = args.get("sort") if args.get("sort") in rules.SORTS else "name"
    found, open_referrals = ask_together(
        rules.rows.ask(g.user, step if step in STEPS else None, status, args.get("q", "")[:100],
                       sort),
        referrals.open_count.ask(g.user))
    return render_template("coach/caseload.html", rows=found, sort=sort,
                           new_participant=blank_form(NEW_PARTICIPANT, NewParticipantForm),
                           filtered=bool(step or status or args.get("q")),
                           participant_url=links.for_each_id("coach.participant",
                                                             "participant_id"),
                           open_referrals=open_referrals,
                           # Names shown on every row: translated once for the page.
                           time_flags=in_page_language(TIME_FLAGS),
                           steps=in_page_language(STEPS),
                           statuses=in_page_language(CASE_STATUSES))


@bp.route("/participants", methods=["POST"])
@role_required(User.COACH)
def create_participant():
    """Create a participant and show their login card."""
    form = NewParticipantForm()
    if not form.validate_on_submit():
        return htmx.render("coach/new_participant.html", NEW_PARTICIPANT,
                           status=422, form=form)
    user = accounts.create_participant(g.user, form.name.data, form.locale.data,
                                       form.commissioner.data)
    cards.issue(user)
    return htmx.redirect(url_for("coach.card", participant_id=user.id))


@bp.route("/participants/<int:participant_id>")
@role_required(User.COACH)
def participant(participant_id):
    """One participant's overview: the step, and a timeline of what happened."""
    case = own_case(participant_id)
    return _participant_page(case, _step_form(case, obj=case))


def _step_form(case, **kwargs):
    """The step form; it does not ask for the year of birth when the referral gives it."""
    return StepForm(started=case.created_at.date(), born=referrals.birth_year(
        referrals.of_participant(case.participant)), **kwargs)


def _participant_page(case, step_form, status=200):
    return render_template("coach/participant.html", case=case, timeline=rules.timeline(case),
                           handover=access.latest_handover(case.participant),
                           step_form=step_form, time_rules=timerules.for_case(case),
                           **_reports_part(case)), status


def _reports_part(case):
    """The participant page's part about the commissioner: reports and the case number."""
    found = attendance.unnotified(case.participant)
    return {"reports": reports.for_participant(case.participant), "report_kinds": reports.KINDS,
            "new_report_form": NewReportForm(), "case_number_form": CaseNumberForm(obj=case),
            "absences": found, "absence_form": AbsenceNoticeForm(
                found, data={"absences": [row.id for row in found], "notified_on": date.today()})}


@bp.route("/participants/<int:participant_id>/step", methods=["POST"])
@role_required(User.COACH)
def change_step(participant_id):
    """Move the participant to another step or status; who and when is recorded."""
    case = own_case(participant_id)
    form = _step_form(case)
    if form.validate_on_submit():
        rules.change_step(case, form.step.data, form.status.data, g.user, form.outcome.data,
                          form.outcome_on.data, form.out_of_work_at_start.data,
                          form.changed_on.data, form.in_work_since.data, form.gender.data,
                          form.year_of_birth, form.income_at_end.data)
        audit.changed()
        flash(_l("The step is saved."), "success")
        return redirect(url_for("coach.participant", participant_id=participant_id))
    return _participant_page(case, form, 422)


@bp.route("/participants/<int:participant_id>/card")
@role_required(User.COACH)
def card(participant_id):
    """The printable login card, while its code is fresh, and the username to change."""
    case = own_case(participant_id)
    return render_template("coach/card.html", case=case, card=cards.card_context(case.participant),
                           username_form=UsernameForm(data={"username": case.participant.username}))


@bp.route("/participants/<int:participant_id>/username", methods=["POST"])
@role_required(User.COACH)
def change_username(participant_id):
    """Another username, for instance one the person can read better than the suggested one."""
    case = own_case(participant_id)
    form = UsernameForm()
    if form.validate_on_submit():
        if accounts.change_username(case.participant, form.username.data):
            audit.changed()
            flash(_l("The username is now %(username)s.", username=form.username.data), "success")
            return redirect(url_for("coach.card", participant_id=participant_id))
        form.username.errors.append(_l("Someone else has that username. Choose another one."))
    return render_template("coach/card.html", case=case, card=cards.card_context(case.participant),
                           username_form=form), 422


@bp.route("/participants/<int:participant_id>/card", methods=["POST"])
@role_required(User.COACH)
def reset_login(participant_id):
    """A new login card: the old code and password stop working."""
    case = own_case(participant_id)
    cards.issue(case.participant)
    audit.changed()
    return redirect(url_for("coach.card", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/profile")
@role_required(User.COACH)
def profile(participant_id):
    """The latest profile the participant shared, with what changed since the coach last read it."""
    case = own_case(participant_id)
    found, every_card = ask_together(rules.review.ask(case),
                                     card_catalogue.all_cards.ask(include_hidden=True))
    version, changed, record = found.latest, found.changed, found.record
    earlier, now = found.earlier, record["answers"]
    return render_template("coach/profile.html", case=case, version=version,
                           reviewed=found.reviewed, changed=changed,
                           sections=answers.by_section(now),
                           # Before and after, for the written answers that changed.
                           earlier={key: answers.shown(question, earlier.get(key))
                                    for key, question in answers.BY_KEY.items() if key in changed
                                    and (earlier.get(key) or None) != (now.get(key) or None)},
                           spoken={key: url_for("coach.shared_spoken_sound",
                                                participant_id=participant_id,
                                                number=version.number, key=key)
                                   for key in found.spoken},
                           extras=sharing.extras(record, every_card))


@bp.route("/participants/<int:participant_id>/shared/<int:number>/<key>.ogg")
@role_required(User.COACH)
def shared_spoken_sound(participant_id, number, key):
    """A spoken answer in a version the participant shared."""
    case = own_case(participant_id)
    version = sharing.versions(case.participant).where(
        ProfileVersion.number == number).first()
    data = spoken.shared_sound(version, key) if version else None
    if data is None:
        abort(404)
    return downloads.sound(data)


@bp.route("/participants/<int:participant_id>/reviewed", methods=["POST"])
@role_required(User.COACH)
def mark_reviewed(participant_id):
    """Markera som läst: the coach has read this version."""
    case = own_case(participant_id)
    version = sharing.latest_version(case.participant)
    if version is None or request.form.get("number", type=int) != version.number:
        # A newer version came while the coach was reading: they must see it first.
        flash(_l("A newer version has been shared. Read it before you mark it as read."), "info")
    else:
        rules.mark_reviewed(case, version.number)
        audit.changed()
        flash(_l("Marked as read."), "success")
    return redirect(url_for("coach.profile", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/followups", methods=["GET", "POST"])
@role_required(User.COACH)
def followups(participant_id):
    """Follow-ups: a list, and a form for a new one with the date of the next."""
    case = own_case(participant_id)
    form = FollowUpForm()
    if form.validate_on_submit():
        rules.add_followup(case, g.user, form.day.data, form.kind.data, form.with_whom.data or "",
                           form.note.data or "", form.next_day.data)
        audit.changed()
        flash(_l("The follow-up is saved."), "success")
        return redirect(url_for("coach.followups", participant_id=participant_id))
    found = rules.followups(case.participant)
    return render_template("coach/followups.html", case=case, form=form, followups=found,
                           history=corrections.history(FollowUp, [row.id for row in found], form),
                           expected=plans.schedule(case.participant)), (422 if form.errors else 200)

@bp.route("/participants/<int:participant_id>/benefits", methods=["GET", "POST"])
@role_required(User.COACH)
def benefits(participant_id):
    """Benefits counselling (förmånsrådgivning), which IPS wants within the first month."""
    case = own_case(participant_id)
    form = CounsellingForm()
    if form.validate_on_submit():
        timerules.add_counselling(case.participant, g.user, form.day.data, form.note.data)
        audit.changed()
        flash(_l("The benefits counselling is saved."), "success")
        return redirect(url_for("coach.benefits", participant_id=participant_id))
    return render_template("coach/benefits.html", case=case, form=form,
                           rows=timerules.counselling(case.participant),
                           time_rules=timerules.for_case(case)), (422 if form.errors else 200)

@bp.route("/participants/<int:participant_id>/handover", methods=["GET", "POST"])
@role_required(User.COACH)
def handover(participant_id):
    """Hand the participant over to another coach, with a note; this coach then only reads."""
    case = own_case(participant_id)
    coaches = access.active_coaches(but=case.coach)
    form = HandoverForm(coaches)
    if form.validate_on_submit():
        new = form.chosen()
        access.hand_over(case, new, g.user, form.note.data)
        audit.changed()
        flash(_l("%(name)s now has %(coach)s as coach. You can read the record for %(days)d "
                 "more days.", name=case.participant.display_name, coach=new.display_name,
                 days=access.read_days()), "success")
        return redirect(url_for("coach.caseload"))
    return render_template("coach/handover.html", case=case, form=form,
                           days=access.read_days()), (422 if form.errors else 200)


@bp.route("/cover", methods=["GET", "POST"])
@role_required(User.COACH)
def cover():
    """Name a substitute who works on my whole caseload for a period (leave, illness)."""
    coaches = access.active_coaches(but=g.user)
    form = CoverForm(coaches)
    if form.validate_on_submit():
        substitute = form.chosen()
        access.name_substitute(g.user, substitute, form.first_day.data, form.last_day.data)
        flash(_l("%(name)s covers for you from %(first)s to %(last)s.",
                 name=substitute.display_name, first=date_in_words(form.first_day.data),
                 last=date_in_words(form.last_day.data)), "success")
        return redirect(url_for("coach.cover"))
    return render_template("coach/cover.html", form=form, covers=access.covers_by(g.user),
                           covering=access.covers_of(g.user)), (422 if form.errors else 200)


@bp.route("/cover/<int:cover_id>/end", methods=["POST"])
@role_required(User.COACH)
def end_cover(cover_id):
    """Take back a substitute I named."""
    if not access.end_cover(g.user, cover_id):
        abort(404)
    flash(_l("The cover is taken back."), "success")
    return redirect(url_for("coach.cover"))

from . import activities  # noqa: E402,F401  (registers the activity routes on bp)

from . import talk  # noqa: E402,F401  (registers the notes, messages and agreement routes on bp)

from . import together  # noqa: E402,F401  (registers filling in the profile together on bp)

from . import employers  # noqa: E402,F401  (registers the employer and job-search routes on bp)

from . import placements  # noqa: E402,F401  (registers the plan and attendance routes on bp)

from . import commissioner  # noqa: E402,F401  (registers the reports to the commissioner on bp)

from . import export  # noqa: E402,F401  (registers the complete export on bp)

from . import papers  # noqa: E402,F401  (registers the printed agreement and consents on bp)
from . import correcting  # noqa: E402,F401  (registers correcting what the coach wrote on bp)
from . import meetings  # noqa: E402,F401  (registers the meetings and the calendar feed on bp)
