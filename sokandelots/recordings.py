"""The page "Inspelningar": coaches and administrators record the fixed participant texts of a
language in their own voice (or upload a sound file), listen, record again and approve."""
from flask import (Blueprint, Response, abort, flash, g, redirect, render_template, request,
                   url_for)

from . import downloads, i18n
from .audio import AudioError
from .i18n import lazy_gettext as _l, lazy_pgettext
from .models import User
from .security import role_required
from .speech import voices

bp = Blueprint("recordings", __name__, url_prefix="/recordings")
staff = role_required(User.COACH, User.ADMIN)

STATUS_NAMES = {
    voices.MISSING: _l("Missing"),
    voices.RECORDED: _l("To be approved"),
    voices.APPROVED: _l("Approved"),
    voices.OUT_OF_DATE: _l("Out of date"),
}
# What the list can be narrowed to: every text, or the texts with one status.
SHOWN = {"all": None, voices.MISSING: (voices.MISSING,), voices.RECORDED: (voices.RECORDED,),
         voices.OUT_OF_DATE: (voices.OUT_OF_DATE,)}


def _language(code):
    if code not in i18n.LANGUAGES:
        abort(404)
    return code


def _entry(code, text_id):
    entry, following = voices.find(_language(code), text_id)
    if entry is None:
        abort(404)
    return entry, following


@bp.route("/")
@staff
def languages():
    """Each language with how many of its texts are recorded and approved."""
    return render_template("recordings/languages.html", status_names=STATUS_NAMES,
                           coverage={code: voices.coverage(code) for code in i18n.LANGUAGES})


@bp.route("/<code>/")
@staff
def language(code):
    """The texts of one language with their status, all or those with one status."""
    shown = request.args.get("show", "all")
    if shown not in SHOWN:
        shown = "all"
    entries = voices.entries(_language(code))
    counts = {status: sum(entry.status == status for entry in entries) for status in STATUS_NAMES}
    total = len(entries)
    if SHOWN[shown]:
        entries = [entry for entry in entries if entry.status in SHOWN[shown]]
    return render_template("recordings/language.html", code=code, entries=entries, shown=shown,
                           counts=counts, total=total, status_names=STATUS_NAMES)


@bp.route("/<code>/to-record.csv")
@staff
def to_record_csv(code):
    """What is still to be recorded in one language (missing or out of date), for a recording day."""
    rows = [(entry.number, STATUS_NAMES[entry.status], entry.text.text, entry.text.msgid,
             entry.text.context, " ".join(entry.text.where))
            for entry in voices.entries(_language(code))
            if entry.status in (voices.MISSING, voices.OUT_OF_DATE)]
    header = [str(lazy_pgettext("a text's place in a list", "No.")), str(_l("Status")), str(_l("Text")), str(_l("In English")),
              str(_l("Context")), str(_l("Where it is shown"))]
    return downloads.csv_file(header, rows, f"to-record-{code}.csv")


@bp.route("/<code>/texts/<text_id>", methods=["GET", "POST"])
@staff
def text(code, text_id):
    """One text: hear its recording, record it (again) or upload a sound file."""
    entry, following = _entry(code, text_id)
    error = None
    if request.method == "POST":
        upload = request.files.get("audio")
        try:
            voices.save(code, entry.text, upload.read() if upload else b"", g.user)
        except AudioError as refused:
            error = refused.message
        else:
            flash(_l("The recording is saved. Listen to it, then approve it."), "success")
            return redirect(url_for(".text", code=code, text_id=text_id), 303)
    return render_template("recordings/text.html", code=code, entry=entry, following=following,
                           error=error, status_names=STATUS_NAMES,
                           max_seconds=voices.MAX_SECONDS), 422 if error else 200


@bp.route("/<code>/texts/<text_id>/approve", methods=["POST"])
@staff
def approve(code, text_id):
    entry, _ = _entry(code, text_id)
    if voices.approve(code, entry.text, g.user):
        flash(_l("The recording is approved. Participants hear it now."), "success")
    else:
        flash(_l("There is no recording to approve."), "error")
    return redirect(url_for(".text", code=code, text_id=text_id), 303)


@bp.route("/<code>/texts/<text_id>/audio")
@staff
def sound(code, text_id):
    """The stored recording, approved or not, for staff to hear."""
    entry, _ = _entry(code, text_id)
    recording = voices.audio_of(code, entry.text)
    if recording is None:
        abort(404)
    return Response(bytes(recording.audio), mimetype="audio/ogg")
