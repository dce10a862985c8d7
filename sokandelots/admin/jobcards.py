"""The job-card catalogue for the administrator: add, change and hide cards, upload pictures."""
from flask import abort, flash, redirect, render_template, request, url_for

from ..db import db
from ..i18n import DEFAULT_LOCALE, LANGUAGES, lazy_gettext as _l
from ..jobcards import cards as catalogue
from ..jobcards import pictures
from ..jobcards.forms import CardForm
from ..models import User
from ..security import role_required
from . import bp

admin_only = role_required(User.ADMIN)


@bp.route("/cards/")
@admin_only
def job_cards():
    """Every card, hidden ones too."""
    return render_template("admin/job_cards.html", cards=catalogue.all_cards(include_hidden=True))


def _language():
    code = request.args.get("lang", DEFAULT_LOCALE)
    return code if code in LANGUAGES else DEFAULT_LOCALE


def _save(key, form, language):
    """Store a valid form; returns False with the picture's error on the form when refused."""
    picture = None
    upload = form.picture.data
    with db.atomic():  # a picture with its card, or neither
        if upload and getattr(upload, "filename", ""):
            try:
                picture = pictures.store(upload)
            except pictures.PictureError as error:
                form.picture.errors = [str(error)]
                return False
        catalogue.save(key, language, form.title.data or "", form.text.data or "",
                       form.related_titles(), tags=form.tags.data, hidden=form.hidden.data,
                       picture=picture)
    return True


@bp.route("/cards/new", methods=["GET", "POST"])
@admin_only
def new_job_card():
    """A card of the unit's own, with its texts in one language to begin with."""
    language = _language()
    form = CardForm()
    if form.validate_on_submit():
        if not form.title.data:
            form.title.errors = [_l("Write a title.")]
        elif _save(catalogue.new_key(), form, language):
            flash(_l("The card is saved."), "success")
            return redirect(url_for("admin.job_cards"))
    return render_template("admin/job_card.html", form=form, card=None, language=language), (
        422 if form.errors else 200)


@bp.route("/cards/<key>", methods=["GET", "POST"])
@admin_only
def edit_job_card(key):
    """Change a card's texts for one language, its tags, picture and visibility."""
    card = catalogue.get(key, include_hidden=True)
    if card is None:
        abort(404)
    language = _language()
    own = card.texts.get(language, {})
    form = CardForm(data={"title": own.get("title", ""), "text": own.get("text", ""),
                          "related": "\n".join(own.get("related", [])),
                          "tags": [tag.key for tag in card.tags], "hidden": card.hidden})
    if form.validate_on_submit():
        if not card.builtin and language == DEFAULT_LOCALE and not form.title.data:
            form.title.errors = [_l("Write a title.")]
        elif _save(key, form, language):
            flash(_l("The card is saved."), "success")
            return redirect(url_for("admin.edit_job_card", key=key, lang=language))
    shown = catalogue.shown(key, None, language) if card.builtin else None
    return render_template("admin/job_card.html", form=form, card=card, language=language,
                           builtin=shown), (422 if form.errors else 200)


@bp.route("/cards/<key>/hidden", methods=["POST"])
@admin_only
def hide_job_card(key):
    """Hide a card from participants, or show it again."""
    card = catalogue.get(key, include_hidden=True)
    if card is None:
        abort(404)
    catalogue.set_hidden(key, not card.hidden)
    return redirect(url_for("admin.job_cards"))
