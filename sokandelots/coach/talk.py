"""Talking with one participant: feedback and internal notes, messages, the agreement, consents."""
from flask import abort, flash, g, redirect, render_template, request, url_for

from .. import (agreement as rules, audit, careful, conflicts, contacts, corrections, htmx, ids,
               notes)
from ..forms import ContactForm
from ..i18n import lazy_gettext as _l
from ..models import Feedback, User
from ..referrals import records as referrals
from ..security import role_required
from . import bp, own_case
from .forms import (AgreementForm, CoachMessageForm, ConsentForm, FeedbackForm, InternalNoteForm,
                    WithdrawForm)

coach_only = role_required(User.COACH)
NAME = 100  # longest field name or id the careful-words check reads back


@bp.route("/careful-words", methods=["POST"])
@role_required(User.COACH, User.ADMIN)  # administrators write referrals
def careful_words():
    """The careful-words hint for one text while it is written (htmx sends the whole form; the
    `careful_*` values say which text, and which "Save anyway" boxes are ticked)."""
    form = request.form
    name, ok_name = form.get("careful_field", "")[:NAME], form.get("careful_ok", "")[:NAME]
    hint = careful.check(form.get(name, "")[:10000], health_private=bool(form.get("careful_health")),
                         confirmed=careful.confirmed_words(form.getlist(ok_name)))
    return htmx.fragment("_careful.html", field_id=form.get("careful_id", name)[:NAME],
                         ok_name=ok_name, hint=hint)


def _notes_page(case, feedback_form=None, note_form=None, status=200):
    participant = case.participant
    found = notes.feedback(participant)
    feedback_form = feedback_form or FeedbackForm(prefix="feedback")
    return render_template("coach/notes.html", case=case, feedback=found,
                           history=corrections.history(Feedback, [item.id for item, _ in found],
                                                       feedback_form),
                           internal=notes.internal_notes(participant),
                           feedback_form=feedback_form,
                           note_form=note_form or InternalNoteForm(prefix="note")), status


@bp.route("/participants/<int:participant_id>/notes")
@coach_only
def notes_page(participant_id):
    """Feedback the participant reads (with their replies), and internal notes they never read."""
    return _notes_page(own_case(participant_id))


@bp.route("/participants/<int:participant_id>/feedback", methods=["POST"])
@coach_only
def add_feedback(participant_id):
    case = own_case(participant_id)
    form = FeedbackForm(prefix="feedback")
    if not form.validate():
        return _notes_page(case, feedback_form=form, status=422)
    if form.composing:  # a sentence added or removed: show the feedback so far
        return _notes_page(case, feedback_form=form)
    notes.add_feedback(case.participant, g.user, form.text.data, form.section.data,
                       phrases=form.phrases)
    audit.changed()
    flash(_l("The feedback is saved. The participant can read it now."), "success")
    return redirect(url_for("coach.notes_page", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/internal-notes", methods=["POST"])
@coach_only
def add_internal_note(participant_id):
    case = own_case(participant_id)
    form = InternalNoteForm(prefix="note")
    if not form.validate():
        return _notes_page(case, note_form=form, status=422)
    notes.add_internal_note(case.participant, g.user, form.text.data)
    audit.changed()
    flash(_l("The internal note is saved."), "success")
    return redirect(url_for("coach.notes_page", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/messages", methods=["GET", "POST"])
@coach_only
def messages(participant_id):
    """The message thread with the participant."""
    case = own_case(participant_id)
    form = CoachMessageForm()
    if form.validate_on_submit() and not form.composing:
        notes.send(case.participant, g.user, form.text.data, form.phrases)
        audit.changed()
        # Who answers has read what the page showed.
        notes.mark_read(case.participant, g.user, request.form.get("seen", type=ids.parse))
        return redirect(url_for("coach.messages", participant_id=participant_id))
    thread = notes.thread(case.participant)
    return render_template("coach/messages.html", case=case, form=form, thread=thread,
                           unread_here=notes.unread_by(g.user, thread),
                           read_action=url_for("coach.messages_read",
                                               participant_id=participant_id)), (
        422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/messages/read", methods=["POST"])
@coach_only
def messages_read(participant_id):
    """Mark as read the messages the page showed; opening the page marks nothing."""
    case = own_case(participant_id)
    notes.mark_read(case.participant, g.user, request.form.get("seen", type=ids.parse))
    audit.changed()
    return redirect(url_for("coach.messages", participant_id=participant_id))


def _agreement_page(case, form=None, consent_form=None, status=200, conflict=None):
    record = rules.of(case.participant)
    if form is None:
        form = AgreementForm(obj=record, seen=rules.token(record))
        for name, box in rules.TICKED.items():
            form[box].data = bool(getattr(record, name, None))
        form.show_stored(record)
    return render_template("coach/agreement.html", case=case, record=record, form=form,
                           consent_form=consent_form or ConsentForm(prefix="consent"),
                           consents=rules.consents(case.participant), ending=rules.ending,
                           due_on=rules.due_on, conflict=conflict,
                           interpreter=referrals.interpreter_needs([case.participant_id]).get(
                               case.participant_id)), status


@bp.route("/participants/<int:participant_id>/agreement", methods=["GET", "POST"])
@coach_only
def agreement(participant_id):
    """Registration and agreement (step 1), and the consents."""
    case = own_case(participant_id)
    form = AgreementForm()
    valid = form.validate_on_submit()
    if valid and form.composing:  # a sentence added or removed: show the agreement so far
        return _agreement_page(case, form)
    if valid:
        record = rules.of(case.participant)
        if form.seen.data is not None and form.seen.data != rules.token(record):
            # Saved by someone else while this form was open: show both before saving anything.
            conflict = conflicts.differences(form, {name: getattr(record, name, None)
                                                    for name in rules.FIELDS}, rules.FIELDS)
            if conflict:
                conflicts.rebase(form.seen, rules.token(record))
                return _agreement_page(case, form, status=409, conflict=conflict)
        rules.save(case.participant, g.user, form.data, form.phrases())
        audit.changed()
        flash(_l("The agreement is saved. The participant is asked to read it."), "success")
        return redirect(url_for("coach.agreement", participant_id=participant_id))
    return _agreement_page(case, form if form.errors else None, status=422 if form.errors else 200)


@bp.route("/participants/<int:participant_id>/consents", methods=["POST"])
@coach_only
def add_consent(participant_id):
    case = own_case(participant_id)
    form = ConsentForm(prefix="consent")
    if not form.validate():
        return _agreement_page(case, consent_form=form, status=422)
    rules.add_consent(case.participant, **form.values())
    audit.changed()
    flash(_l("The consent is saved."), "success")
    return redirect(url_for("coach.agreement", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/consents/<int:consent_id>/withdrawn",
          methods=["GET", "POST"])
@coach_only
def withdraw_consent(participant_id, consent_id):
    """Record that a consent is withdrawn, on the date given (today by default), once confirmed."""
    case = own_case(participant_id)
    item = rules.consent(case.participant, consent_id)
    if item is None:
        abort(404)
    back = url_for("coach.agreement", participant_id=participant_id, _anchor=f"consent-{consent_id}")
    if item.withdrawn_on:
        return redirect(back)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_template("coach/withdraw_consent.html", case=case, item=item, form=form,
                               back=back), 422 if form.errors else 200
    rules.withdraw(item, form.withdrawn_on.data)
    audit.changed()
    flash(_l("The consent is withdrawn."), "success")
    return redirect(back)


@bp.route("/participants/<int:participant_id>/contact", methods=["GET", "POST"])
@coach_only
def contact(participant_id):
    """The participant's contact ways, set with them (they can set them themselves too)."""
    case = own_case(participant_id)
    form = ContactForm(obj=case.participant)
    if form.validate_on_submit():
        contacts.save(case.participant, form.email.data, form.mobile.data, form.notify_by.data)
        audit.changed()
        flash(_l("The contact ways are saved."), "success")
        return redirect(url_for("coach.participant", participant_id=participant_id))
    return render_template("coach/contact.html", case=case, form=form), (
        422 if form.errors else 200)
