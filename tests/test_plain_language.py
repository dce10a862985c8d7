"""Plain Swedish: the LIX readability of what participants read stays low.

LIX = words / sentences + 100 × (words over six letters) / words. Below 30 is very easy text.
"""
import re
from datetime import date

import textstat
from bs4 import BeautifulSoup

from catalogues import catalogue, for_participants
from helpers import login
from sokandelots.db import db

OVERALL_LIMIT = 30
SINGLE_LIMIT = 40
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def participant_sentences():
    """Swedish texts that participants read and that are written as sentences."""
    texts = []
    for message in catalogue("sv"):
        if not message.id or not message.string or not for_participants(message):
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            text = PLACEHOLDER.sub("X", form).strip()
            if text.endswith((".", "!", "?")) and len(text.split()) >= 3:
                texts.append(text)
    return texts


def test_participant_swedish_is_plain():
    texts = participant_sentences()
    assert len(texts) >= 20
    overall = textstat.lix(" ".join(texts))
    scored = sorted(((textstat.lix(text), text) for text in texts), reverse=True)
    print(f"\nLIX of {len(texts)} participant texts: {overall:.1f} (limit {OVERALL_LIMIT})")
    for score, text in scored[:5]:
        print(f"  {score:5.1f}  {text}")
    too_hard = [(score, text) for score, text in scored
                if score > SINGLE_LIMIT and len(text.split()) >= 10]
    assert overall <= OVERALL_LIMIT
    assert not too_hard, too_hard


# --- Whole pages -------------------------------------------------------------------------------

PAGE_LIMIT = 30
# Text that is not read as part of the page: hidden, or only there for machines.
UNREAD = "script, style, template, [hidden], [aria-hidden=true]"
BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "label", "legend", "button", "summary", "a", "dt",
          "dd", "th", "td", "caption", "option")


def page_text(html):
    """The visible words of a page's <main>, each heading, label, button or paragraph counted
    as a sentence of its own (as a reader meets them)."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for unread in main.select(UNREAD):
        unread.decompose()
    parts = []
    for block in main.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue  # its inner blocks are counted
        # Blanks to fill in by hand (____) are not words.
        text = " ".join(word for word in block.get_text(" ").split() if any(c.isalnum() for c in word))
        if text:
            parts.append(text if text.endswith((".", "!", "?", ":")) else text + ".")
    return " ".join(parts)


def participant_pages(app):
    """Every page a participant opens (GET), with a placement, an activity and a message."""
    from sokandelots import notes, plans
    from sokandelots.activities import records
    from sokandelots.employers import register
    from sokandelots.models import User
    with app.app_context(), db.connection_context():
        erik, coach = User.by_username("erik"), User.by_username("coach")
        records.add(erik, erik, "visit")
        notes.send(erik, coach, "Hej Erik! Vi ses på tisdag klockan tio.")
        placement = plans.add_placement(erik, register.add_employer(coach, "Bageriet", "food"),
                                        coach)
        plans.save(placement, {"start_on": date.today(), "terms": "unpaid",
                               "tasks": "Baka bröd."}, coach)
    return ["/login", "/setup", "/me/", "/me/profile/q/interests", "/me/profile/q/jobs",
            "/me/profile/q/disclose_what", "/me/profile/check", "/me/data", "/me/cv",
            "/me/access", "/me/coach", "/me/messages", "/me/jobsearch", "/me/cards/",
            "/me/cards/c/shop", "/me/cards/suggestions", "/me/cards/mine", "/me/activities/",
            "/me/activities/new", "/me/activities/1", "/me/placements/1", "/me/placements/1/attendance",
            "/account", "/about"]


def test_every_participant_page_is_plain_in_swedish(app, client):
    pages = participant_pages(app)
    scores = {}
    for path in pages:
        if path == "/me/":
            login(client, "erik")
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        scores[path] = textstat.lix(page_text(response.get_data(as_text=True)))
    print("\n" + "\n".join(f"  {score:5.1f}  {path}" for path, score in scores.items()))
    assert not {path: score for path, score in scores.items() if score > PAGE_LIMIT}
