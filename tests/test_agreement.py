"""Step 1 in full: the agreement's practical matters and strategies, consents with recipient,
direction, purpose and time, their confirmed withdrawal, and both printed for signature."""
from datetime import date, timedelta

from helpers import submit
from sokandelots.db import db
from sokandelots.models import Agreement

ERIK = 5
P = f"/coach/participants/{ERIK}"


def stored(app, model, **where):
    with app.app_context():
        db.connect(reuse_if_open=True)
        row = model.get(*[getattr(model, key) == value for key, value in where.items()])
        db.close()
    return row


def test_the_agreement_records_confidentiality_rules_and_strategies(app, client, as_user, coach):
    response = submit(coach, f"{P}/agreement", {
        "secrecy_explained": "y", "secrecy_explained_on": "2026-11-02", "rules_given": "y",
        "if_ill": "Ring coachen före kl 9.", "if_crisis": "Kontakta psykiatrin, sedan coachen.",
        "if_placement_fails": "Vi träffas inom en vecka och pratar."})
    assert response.status_code == 302
    row = stored(app, Agreement, participant=ERIK)
    assert row.secrecy_explained_on == date(2026, 11, 2)
    assert row.rules_given_on == date.today()  # a ticked box without a date is today
    assert row.if_crisis == "Kontakta psykiatrin, sedan coachen."
    page = coach.get(f"{P}/agreement").get_data(as_text=True)
    assert '<input checked id="secrecy_explained"' in page
    assert '<input checked id="rules_given"' in page
    assert "Ring coachen före kl 9." in page
    as_user("erik")
    mine = client.get("/me/coach").get_data(as_text=True)
    assert "Vi träffas inom en vecka och pratar." in mine and "2 november 2026" in mine


def test_an_unticked_box_clears_its_date_and_a_date_without_the_box_is_an_error(app, coach):
    submit(coach, f"{P}/agreement", {"secrecy_explained": "y", "goals": "Jobb"})
    submit(coach, f"{P}/agreement", {"goals": "Jobb"})
    assert stored(app, Agreement, participant=ERIK).secrecy_explained_on is None
    bad = submit(coach, f"{P}/agreement", {"rules_given_on": "2026-11-02"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#rules_given_on"' in text
    assert stored(app, Agreement, participant=ERIK).rules_given_on is None
    bad = submit(coach, f"{P}/agreement", {"secrecy_explained": "y", "secrecy_explained_on": "igår"})
    assert bad.status_code == 422 and 'href="#secrecy_explained_on"' in bad.get_data(as_text=True)


def test_another_coach_cannot_open_or_save_the_agreement(app):
    from helpers import login
    other = app.test_client()
    login(other, "coach2")
    assert other.get(f"{P}/agreement").status_code == 404
    token_page = "/coach/"
    assert submit(other, token_page, {"if_ill": "x"}, action=f"{P}/agreement").status_code == 404
