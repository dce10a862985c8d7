"""Filling in the participant's profile together, sitting side by side."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale

from .. import audit, downloads, security, sittings
from ..auth import TOO_MANY
from ..i18n import DEFAULT_LOCALE, lazy_gettext as _l, text_direction
from ..models import User
from ..profile import answers, spoken
from ..profile.catalogue import BY_KEY
from ..security import role_required
from . import bp, own_case
from .forms import SittingForm

coach_only = role_required(User.COACH)


@bp.route("/participants/<int:participant_id>/together/<key>", methods=["GET", "POST"])
@coach_only
def together(participant_id, key):
    """Fill in the participant's profile sitting together; each answer is marked as such."""
    from ..participant.profile import answer_question
    case = own_case(participant_id)
    if key in BY_KEY and not sittings.may_see(case.participant, key):
        # Their own answer, never shared: nothing of it is shown, and nothing overwrites it.
        return _ask_to_confirm(case, key, SittingForm(formdata=None),
                               200 if request.method == "GET" else 403)
    overview = url_for("coach.participant", participant_id=participant_id)
    return answer_question(case.participant, key, "coach.together",
                           {"participant_id": participant_id}, first=overview, last=overview,
                           together=case.participant)


@bp.route("/participants/<int:participant_id>/together/<key>/spoken", methods=["POST"])
@coach_only
def together_spoken(participant_id, key):
    """Record the participant's spoken answer sitting together, or delete it."""
    from ..participant.profile import record_spoken
    case = own_case(participant_id)
    if key in BY_KEY and not sittings.may_see(case.participant, key):
        abort(403)
    overview = url_for("coach.participant", participant_id=participant_id)
    return record_spoken(case.participant, key, "coach.together",
                         {"participant_id": participant_id}, first=overview, last=overview,
                         together=case.participant)


@bp.route("/participants/<int:participant_id>/together/<key>/spoken.ogg")
@coach_only
def spoken_sound(participant_id, key):
    """The participant's current spoken answer, heard sitting together; like their written
    answer, only when they shared it as it is, recorded it together, or opened the sitting."""
    case = own_case(participant_id)
    data = spoken.sound(case.participant, key) if key in BY_KEY else None
    if data is None or not sittings.may_see(case.participant, key):
        abort(404)
    return downloads.sound(data)


@bp.route("/participants/<int:participant_id>/together/<key>/confirm", methods=["POST"])
@coach_only
def confirm_sitting(participant_id, key):
    """The participant, sitting with the coach, opens their answers for this sitting. Tries
    that fail are counted for the participant, whoever's screen they are typed on."""
    case = own_case(participant_id)
    form = SittingForm()
    tries = ("sitting", str(participant_id))
    if not security.count_attempt(tries, limit=SITTING_LIMIT):
        form.secret.errors = [TOO_MANY]
        return _ask_to_confirm(case, key, form, 429)
    if form.validate_on_submit() and sittings.confirm(case.participant, form.secret.data):
        security.give_back(tries, limit=SITTING_LIMIT)
        audit.changed()
        flash(_l("%(name)s confirmed. You can see their answers while you sit together.",
                 name=case.participant.display_name), "success")
        return redirect(url_for("coach.together", participant_id=participant_id, key=key))
    if not form.errors:
        form.secret.errors.append(_l("That is not the password or the code. Try again."))
    return _ask_to_confirm(case, key, form, 422)


SITTING_LIMIT = "5 per 5 minutes"
FOR_THEM = _l("Write your password or the code from your own home page. Then your coach can "
              "see your answers while you sit together.")


def _ask_to_confirm(case, key, form, status):
    language = case.participant.locale or DEFAULT_LOCALE
    # The participant reads this part on the coach's screen: in their own language too.
    with force_locale(language):
        theirs = str(FOR_THEM)
    return render_template("coach/together_confirm.html", case=case, form=form, key=key,
                           after=answers.neighbours(BY_KEY[key])[1], for_them=FOR_THEM,
                           theirs=theirs, their_language=language,
                           their_direction=text_direction(language)), status
