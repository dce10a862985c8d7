"""Min coach: messages, the coach's feedback with replies, the agreement and consents."""
from flask import abort, flash, g, redirect, render_template, request, url_for

from .. import agreement, corrections, ids, notes
from ..db import ask_together
from ..forms import BaseForm, MessageForm
from ..i18n import lazy_gettext as _l
from ..models import Feedback, Lead
from .profile import participant_only
from . import at_a_glance, bp


@bp.route("/coach")
@participant_only
def my_coach():
    """Who my coach is, and everything we talk about."""
    feedback, (case, glance), agreed, consents, internal = ask_together(
        notes.feedback.ask(g.user), at_a_glance.ask(g.user), agreement.of.ask(g.user),
        agreement.consents.ask(g.user), notes.internal_note_dates.ask(g.user))
    return render_template("participant/coach.html",
                           case=case, unread=glance.unread, feedback=feedback,
                           corrected=corrections.marks(Feedback, [item.id for item, _ in feedback]),
                           agreement=agreed, plain=agreement.PLAIN,
                           consents=consents, agreement_due=agreement.due_on,
                           internal=internal, form=MessageForm(),
                           new_coach=glance.new_coach)


@bp.route("/messages", methods=["GET", "POST"])
@participant_only
def messages():
    """Skriv till min coach: the message thread."""
    form = MessageForm()
    if form.validate_on_submit():
        notes.send(g.user, g.user, form.text.data)
        # Who answers has read what the page showed.
        notes.mark_read(g.user, g.user, request.form.get("seen", type=ids.parse))
        flash(_l("Your message is sent."), "success")
        return redirect(url_for("participant.messages"))
    thread = notes.thread(g.user)
    return render_template("participant/messages.html", form=form, thread=thread,
                           unread_here=notes.unread_by(g.user, thread),
                           read_action=url_for("participant.messages_read")), (
        422 if form.errors else 200)


@bp.route("/messages/read", methods=["POST"])
@participant_only
def messages_read():
    """Jag har läst: the messages the page showed. Opening the page marks nothing."""
    notes.mark_read(g.user, g.user, request.form.get("seen", type=ids.parse))
    return redirect(url_for("participant.messages"))


@bp.route("/feedback/<int:feedback_id>/read", methods=["POST"])
@participant_only
def feedback_read(feedback_id):
    """Jag har läst: one tap to say I have read the feedback."""
    item = notes.feedback_item(g.user, feedback_id)
    if item is None:
        abort(404)
    notes.confirm_read(item)
    return redirect(url_for("participant.my_coach", _anchor=f"feedback-{feedback_id}"))


@bp.route("/feedback/<int:feedback_id>/reply", methods=["POST"])
@participant_only
def feedback_reply(feedback_id):
    """Answer the coach's feedback."""
    item = notes.feedback_item(g.user, feedback_id)
    if item is None:
        abort(404)
    form = MessageForm()
    if not form.validate():
        flash(form.text.errors[0], "error")
    else:
        notes.add_feedback(g.user, g.user, form.text.data, item.section, reply_to=item)
        flash(_l("Your answer is saved."), "success")
    return redirect(url_for("participant.my_coach", _anchor=f"feedback-{feedback_id}"))


@bp.route("/agreement/read", methods=["POST"])
@participant_only
def agreement_read():
    """Jag har läst: the agreement."""
    record = agreement.of(g.user)
    if record is None:
        abort(404)
    notes.confirm_read(record)
    return redirect(url_for("participant.my_coach", _anchor="agreement"))


@bp.route("/consents/<int:consent_id>/read", methods=["POST"])
@participant_only
def consent_read(consent_id):
    """Jag har läst: a consent."""
    item = agreement.consent(g.user, consent_id)
    if item is None:
        abort(404)
    notes.confirm_read(item)
    return redirect(url_for("participant.my_coach", _anchor=f"consent-{consent_id}"))


@bp.route("/consents/<int:consent_id>/withdraw", methods=["GET", "POST"])
@participant_only
def withdraw_consent(consent_id):
    """Take back my yes: asks once, then tells the coach, with the date."""
    item = agreement.consent(g.user, consent_id)
    if item is None:
        abort(404)
    back = url_for("participant.my_coach", _anchor=f"consent-{consent_id}")
    form = BaseForm()
    if item.withdrawn_on or item.withdraw_asked_at:
        return redirect(back)
    if form.validate_on_submit():
        agreement.ask_to_withdraw(item)
        flash(_l("Your coach will stop sharing this. They will write down the date."), "success")
        return redirect(back)
    return render_template("participant/withdraw_consent.html", item=item, form=form, back=back)


@bp.route("/jobsearch")
@participant_only
def jobsearch():
    """Mitt jobbsökande: the places my coach and I are looking at, and my plans, in plain words."""
    from .. import plans
    from ..employers import register
    leads = register.leads(g.user)
    return render_template("participant/jobsearch.html", leads=leads,
                           corrected=corrections.marks(Lead, [lead.id for lead in leads]),
                           placements=plans.placements(g.user))
