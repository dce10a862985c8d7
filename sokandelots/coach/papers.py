"""The agreement and each consent printed for signature, in Swedish beside the participant's language."""
from flask import abort, render_template

from .. import agreement as rules, papers
from ..models import User
from ..security import role_required
from . import bp, own_case

coach_only = role_required(User.COACH)


def _paper(template, case, **context):
    other, other_dir = papers.languages(case.participant)
    return render_template(template, case=case, other=other, other_dir=other_dir,
                           signing=papers.SIGNING, **context)


@bp.route("/participants/<int:participant_id>/agreement/print")
@coach_only
def print_agreement(participant_id):
    """The agreement on one A4 page, to sign."""
    case = own_case(participant_id)
    record = rules.of(case.participant)
    if record is None:
        abort(404)
    return _paper("coach/print_agreement.html", case, record=record, texts=papers.AGREEMENT,
                  plain=rules.PLAIN)


@bp.route("/participants/<int:participant_id>/consents/<int:consent_id>/print")
@coach_only
def print_consent(participant_id, consent_id):
    """One consent on one A4 page, to sign."""
    case = own_case(participant_id)
    item = rules.consent(case.participant, consent_id)
    if item is None:
        abort(404)
    return _paper("coach/print_consent.html", case, item=item, texts=papers.CONSENT,
                  due=rules.due_on(item))
