"""The profile pages: one question per page, check your answers, share, print and download."""
import secrets

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup

from .. import audit, downloads, htmx, sharing
from ..audio import AudioError
from ..db import ask_together
from ..exports import export, sound_files
from ..i18n import lazy_gettext as _l
from ..jobcards import cards as card_catalogue
from ..models import ProfileVersion, User
from ..profile import answers, spoken
from ..profile.catalogue import BY_KEY, QUESTIONS, SECTION_OF, position
from ..profile.forms import make_form, value_of
from ..security import role_required, safe_target
from . import bp

participant_only = role_required(User.PARTICIPANT)


def _question(key):
    question = BY_KEY.get(key)
    if question is None:
        abort(404)
    return question


@bp.route("/profile/")
@participant_only
def profile():
    """Continue where the person left off."""
    question = answers.resume_at(g.user)
    if question is None:
        return redirect(url_for("participant.check"))
    return redirect(url_for("participant.question", key=question.key))


@bp.route("/profile/q/<key>", methods=["GET", "POST"])
@participant_only
def question(key):
    """One question. Answers save as they change (htmx) and with the buttons."""
    return answer_question(g.user, key, "participant.question", {},
                           first=url_for("participant.home"), last=url_for("participant.check"))


# Where a question page sends and fetches its spoken answer: (save or delete, sound).
SPOKEN_ENDPOINTS = {"participant.question": ("participant.spoken_answer", "participant.spoken_sound"),
                    "coach.together": ("coach.together_spoken", "coach.spoken_sound")}


def answer_question(participant, key, endpoint, url_args, first, last, together=False,
                    with_spoken=False, spoken_error=None):
    """Show and save one question of `participant`'s profile; the participant's own page and the
    coach's "together" page both use it, each with its own URLs (`endpoint`, `url_args`) and the
    pages before the first and after the last question. In together mode `together` is the
    participant the coach sits with (its name is shown); otherwise False.
    `with_spoken`: the page's spoken answer was just sent by "Save the recording" (or "Delete"),
    which sends the whole question form: the written answer that came along is saved too, and the
    page comes back; `spoken_error` shows it again (422) with why the recording was refused."""
    question = _question(key)
    posted = request.method == "POST" and (not with_spoken or "seen" in request.form)
    spoken_draft = None
    if posted:  # the answer sent is checked against the one stored as it is saved
        saved, seen = None, request.form.get("seen", "")
    else:  # the one answer this page shows, read once, with its spoken answers
        shown = request.method == "GET" and spoken.takes(question)
        row, spoken_draft = ask_together(answers.stored.ask(participant, key),
                                         spoken.draft.ask(participant) if shown else None)
        saved, seen = answers.value(row), answers.stamp(row)
    form = make_form(question, saved, request.form if posted else None)
    status, theirs = (200 if spoken_error is None else 422), None
    # The open page's own mark: kept while the page lives, new for each page shown.
    sent = request.method == "POST" and request.form.get("page", "")[:32]
    page = sent or secrets.token_urlsafe(12)
    if posted:
        valid = form.validate()
        if valid:
            seen, theirs = answers.save_unless_changed(
                participant, question, value_of(question, form), request.form.get("seen"),
                together=bool(together), page=page)
        if not valid:
            status = 422
        elif theirs is not None:
            # Someone else saved this answer while the page was open: show both, lose neither.
            status = 409
        else:
            audit.changed()  # logged only when staff opened the participant (together mode)
            if htmx.wants_fragment():
                return htmx.fragment("participant/_saved.html", form=form, seen=seen)
            step = "stay" if with_spoken else request.form.get("go")
            if step == "stay" and spoken_error is None:
                return redirect(url_for(endpoint, key=key, **url_args))
            if step == "add_row" and "rows" in form:
                form.rows.append_entry()
            elif step != "stay":
                before, after = answers.neighbours(question)
                target = before if step == "back" else after
                if target is None:
                    return redirect(first if step == "back" else last)
                return redirect(url_for(endpoint, key=target.key, **url_args))
        if htmx.wants_fragment():
            return htmx.fragment("participant/_saved.html", status=status, form=form,
                                 conflict=theirs is not None)
    return render_template("participant/question.html", question=question, form=form,
                           seen=seen, page=page,
                           theirs=None if theirs is None else answers.shown(question, theirs),
                           mine=None if theirs is None else answers.shown(
                               question, value_of(question, form)),
                           section=SECTION_OF[key], number=position(key), total=len(QUESTIONS),
                           action=url_for(endpoint, key=key, **url_args), together=together,
                           all_answers=last, spoken=_spoken_part(participant, question, endpoint,
                                                                 url_args, spoken_error,
                                                                 spoken_draft)), status


def _spoken_part(participant, question, endpoint, url_args, error, draft=None):
    """What a question page needs for its spoken answer; None when the question takes none.
    `draft`: the participant's spoken answers, when read already (see `spoken.draft`)."""
    if not spoken.takes(question):
        return None
    save, sound = SPOKEN_ENDPOINTS[endpoint]
    row = (spoken.draft(participant) if draft is None else draft).get(question.key)
    return {"action": url_for(save, key=question.key, **url_args), "error": error, "row": row,
            "sound": url_for(sound, key=question.key, **url_args) if row else None,
            "max_seconds": spoken.MAX_SECONDS}


def record_spoken(participant, key, endpoint, url_args, first, last, together=False):
    """Store the spoken answer posted for question `key` (or take it away, with "delete"), and
    the written answer sent along with it, then go back to the question; a recording that is not
    usable sound is refused, nothing of it is stored and the question page says why."""
    question = _question(key)
    if not spoken.takes(question):
        abort(404)
    if request.form.get("delete"):
        spoken.delete(participant, question)
        flash(_l("Your spoken answer is deleted."), "success")
    else:
        upload = request.files.get("spoken")
        try:
            spoken.save(participant, question, upload.read() if upload else b"",
                        together=bool(together))
        except AudioError as refused:
            return answer_question(participant, key, endpoint, url_args, first, last,
                                   together=together, with_spoken=True,
                                   spoken_error=refused.message)
        flash(_l("Your spoken answer is saved."), "success")
    audit.changed()  # logged only when staff opened the participant (together mode)
    if "seen" not in request.form:  # the spoken answer alone
        return redirect(url_for(endpoint, key=key, **url_args))
    return answer_question(participant, key, endpoint, url_args, first, last, together=together,
                           with_spoken=True)


@bp.route("/profile/q/<key>/spoken", methods=["POST"])
@participant_only
def spoken_answer(key):
    """Spela in ditt svar: save a spoken answer, or delete it."""
    return record_spoken(g.user, key, "participant.question", {},
                         first=url_for("participant.home"), last=url_for("participant.check"))


@bp.route("/profile/q/<key>/spoken.ogg")
@participant_only
def spoken_sound(key):
    """The person's own spoken answer, to hear it back."""
    data = spoken.sound(g.user, key)
    if data is None:
        abort(404)
    return downloads.sound(data)


def _own_version(number):
    shared = ProfileVersion.get_or_none(ProfileVersion.participant == g.user,
                                        ProfileVersion.number == number)
    if shared is None:
        abort(404)
    return shared


@bp.route("/profile/shared/<int:number>/<key>.ogg")
@participant_only
def shared_spoken_sound(number, key):
    """A spoken answer as it was shared in one version."""
    data = spoken.shared_sound(_own_version(number), key)
    if data is None:
        abort(404)
    return downloads.sound(data)


@bp.route("/profile/check")
@participant_only
def check():
    """Kolla dina svar: every answer by section, each with a link to change it."""
    draft, spoken_draft, together_keys, every_card = ask_together(
        sharing.draft_state.ask(g.user), spoken.draft.ask(g.user), answers.together.ask(g.user),
        card_catalogue.all_cards.ask(include_hidden=True))
    return render_template("participant/check.html",
                           sections=answers.by_section(draft.answers),
                           spoken=_my_spoken(spoken_draft),
                           shared=draft.latest,
                           unshared=draft.unshared,
                           extras=sharing.extras(draft.record, every_card),
                           together_keys=together_keys)


@bp.route("/profile/share", methods=["POST"])
@participant_only
def share():
    """Share an unchangeable copy with the coach."""
    version = sharing.share(g.user)
    flash(_l("Your coach can now see your answers."), "success")
    return redirect(url_for("participant.version", number=version.number))


@bp.route("/profile/shared/")
@participant_only
def versions():
    """Every version the person has shared."""
    return render_template("participant/versions.html", versions=list(sharing.versions(g.user)))


@bp.route("/profile/shared/<int:number>")
@participant_only
def version(number):
    """One shared version, as the coach sees it."""
    shared = _own_version(number)
    record = sharing.of_version(shared)
    return render_template("participant/version.html", version=shared,
                           sections=answers.by_section(record["answers"]),
                           spoken={key: url_for("participant.shared_spoken_sound", number=number,
                                                key=key) for key in spoken.of_version(shared)},
                           extras=sharing.extras(record))


@bp.route("/profile/print")
@participant_only
def print_profile():
    """The whole profile on paper."""
    return render_template("participant/print.html",
                           sections=answers.by_section(answers.draft(g.user)),
                           spoken=_my_spoken(), spoken_note=True)


def _my_spoken(draft=None):
    """The person's spoken answers: question key -> the address of its sound. `draft`: their
    spoken answers, when read already (see `spoken.draft`)."""
    draft = spoken.draft(g.user) if draft is None else draft
    return {key: url_for("participant.spoken_sound", key=key) for key in draft}


@bp.route("/swedish", methods=["POST"])
@participant_only
def toggle_swedish():
    """Show or hide the Swedish words under each question."""
    g.user.show_swedish = not g.user.show_swedish
    g.user.save(only=[User.show_swedish])
    return redirect(safe_target(request.form.get("next")) or url_for("participant.home"))


@bp.route("/data")
@participant_only
def my_data():
    """Mina uppgifter: everything stored about the person, as a page."""
    return render_template("participant/data.html", record=export(g.user),
                           sections=answers.by_section(answers.draft(g.user)),
                           spoken=_my_spoken(),
                           extras=sharing.extras(sharing.current(g.user, for_export=True)))


@bp.route("/data.zip")
@participant_only
def my_data_file():
    """Everything stored about the person, as a file to keep: the data, and their spoken
    answers as sound files."""
    return downloads.zip_file(export(g.user), sound_files(g.user),
                              f"sokandelots-{g.user.username}.zip")


@bp.route("/cv")
@participant_only
def cv():
    """A simple CV in Swedish, made from the profile, to print or save as PDF."""
    with force_locale("sv"):
        swedish_cv = Markup(render_template("participant/_cv.html",
                                            cv=answers.cv(answers.draft(g.user))))
    return render_template("participant/cv.html", swedish_cv=swedish_cv)
