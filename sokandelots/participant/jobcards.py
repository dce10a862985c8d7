"""Job cards for the participant: sort one card at a time, see them all, suggestions, my cards."""
from flask import abort, g, redirect, render_template, request, url_for

from .. import htmx
from ..db import ask_together
from ..jobcards import cards as catalogue
from ..jobcards import choices
from ..jobcards.forms import ChoiceForm
from ..profile import answers
from .profile import participant_only
from . import bp


def _cards_and_choices(*also):
    """Every card shown (see `cards.all_cards`) and the participant's choices (see
    `choices.of`), in one round trip to the database with what else is asked (`also`)."""
    return ask_together(catalogue.all_cards.ask(), choices.of.ask(g.user), *also)


@bp.route("/cards/")
@participant_only
def cards():
    """All cards in a grid, each with the choice made."""
    shown, chosen = _cards_and_choices()
    return render_template("participant/cards.html", cards=shown, chosen=chosen,
                           sorted_count=sum(1 for c in shown if c.key in chosen and chosen[c.key].answer))


@bp.route("/cards/sort")
@participant_only
def sort_cards():
    """Go on with the first card that has no answer yet."""
    key = choices.next_unsorted(*_cards_and_choices())
    return redirect(url_for("participant.job_card", key=key) if key else url_for("participant.cards"))


@bp.route("/cards/c/<key>", methods=["GET", "POST"])
@participant_only
def job_card(key):
    """One card: a big picture, what you do, and three answers. Saves as it changes."""
    shown, chosen = _cards_and_choices()
    keys = [card.key for card in shown]
    if key not in keys:
        abort(404)
    saved = chosen.get(key)
    form = ChoiceForm(obj=saved) if request.method == "GET" else ChoiceForm()
    status = 200
    if request.method == "POST":
        if not form.validate():
            status = 422
        else:
            choices.save(g.user, key, form.answer.data or None, form.want_more.data,
                         form.tried.data, form.note.data or "")
            if htmx.wants_fragment():
                return htmx.fragment("participant/_saved.html", form=form)
            index = keys.index(key)
            target = index - 1 if request.form.get("go") == "back" else index + 1
            if 0 <= target < len(keys):
                return redirect(url_for("participant.job_card", key=keys[target]))
            return redirect(url_for("participant.cards"))
        if htmx.wants_fragment():
            return htmx.fragment("participant/_saved.html", status=status, form=form)
    return render_template("participant/job_card.html", card=shown[keys.index(key)], form=form,
                           answers=choices.ANSWERS, number=keys.index(key) + 1,
                           total=len(keys)), status


@bp.route("/cards/suggestions")
@participant_only
def suggestions():
    """Kort som kan passa dig: cards that fit the profile, and why."""
    shown, chosen, draft = _cards_and_choices(answers.draft.ask(g.user))
    found = choices.suggestions(shown, draft, chosen)
    return render_template("participant/suggestions.html", suggestions=found[:12], chosen=chosen)


@bp.route("/cards/mine")
@participant_only
def my_cards():
    """The cards I said yes or maybe to, to print."""
    shown, chosen = _cards_and_choices()
    groups = [(option, [card for card in shown if card.key in chosen
                        and chosen[card.key].answer == option.key])
              for option in choices.ANSWERS if option.key != "no"]
    return render_template("participant/my_cards.html", groups=groups, chosen=chosen)
