"""Step 1 in full: the agreement's practical matters and strategies, consents with recipient,
direction, purpose and time, their confirmed withdrawal, and both printed for signature."""
import json
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


def consent(coach, **more):
    data = {"consent-partner": "fk", "consent-partner_name": "Försäkringskassan Västervik",
            "consent-recipient": "Handläggare Kim Berg", "consent-direction": "both",
            "consent-what": "Närvaron och hur praktiken går", "consent-purpose": "Planera stödet",
            "consent-given_on": "2026-10-01", "consent-how": "written",
            "consent-ends_on": "2027-10-01", **more}
    return submit(coach, f"{P}/agreement", data, action=f"{P}/consents")


def test_a_consent_has_recipient_direction_purpose_and_its_time(app, coach):
    from sokandelots.models import Consent
    assert consent(coach, **{"consent-review_on": "2027-04-01"}).status_code == 302
    row = stored(app, Consent, participant=ERIK)
    assert (row.recipient, row.direction, row.purpose) == (
        "Handläggare Kim Berg", "both", "Planera stödet")
    assert row.starts_on == date(2026, 10, 1)  # empty: the day it was given
    assert (row.ends_on, row.review_on) == (date(2027, 10, 1), date(2027, 4, 1))
    page = coach.get(f"{P}/agreement").get_data(as_text=True)
    assert "Handläggare Kim Berg" in page and "Planera stödet" in page


def test_a_consent_without_end_or_review_or_ending_before_it_starts_is_refused(app, coach):
    from sokandelots.models import Consent
    bad = consent(coach, **{"consent-ends_on": ""})
    assert bad.status_code == 422 and 'href="#consent-review_on"' in bad.get_data(as_text=True)
    bad = consent(coach, **{"consent-starts_on": "2026-12-01", "consent-ends_on": "2026-11-01"})
    assert bad.status_code == 422 and 'href="#consent-ends_on"' in bad.get_data(as_text=True)
    bad = consent(coach, **{"consent-purpose": ""})
    assert bad.status_code == 422 and 'href="#consent-purpose"' in bad.get_data(as_text=True)
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert Consent.select().count() == 0
        db.close()


def test_a_consent_near_or_past_its_end_shows_on_the_caseload(coach):
    badge = f'href="{P}/agreement#consents-title"'
    soon = (date.today() + timedelta(days=40)).isoformat()
    consent(coach, **{"consent-given_on": "2025-01-01", "consent-ends_on": soon})
    assert badge not in coach.get("/coach/").get_data(as_text=True)
    near = (date.today() + timedelta(days=30)).isoformat()
    consent(coach, **{"consent-given_on": "2025-01-01", "consent-ends_on": "",
                      "consent-review_on": near})
    assert badge in coach.get("/coach/").get_data(as_text=True)
    submit(coach, f"{P}/consents/2/withdrawn", {})  # withdrawn: nothing to renew
    assert badge not in coach.get("/coach/").get_data(as_text=True)


def test_ending_counts_the_first_of_end_and_review_and_not_a_withdrawn_consent():
    from types import SimpleNamespace
    from sokandelots import agreement
    today = date(2026, 11, 1)
    item = SimpleNamespace(ends_on=date(2027, 1, 1), review_on=date(2026, 12, 1), withdrawn_on=None)
    assert agreement.due_on(item) == date(2026, 12, 1) and agreement.ending(item, today)
    item.review_on = date(2026, 12, 2)
    assert not agreement.ending(item, today)
    item.ends_on = date(2026, 10, 1)  # past
    assert agreement.ending(item, today)
    item.withdrawn_on = date(2026, 10, 2)
    assert not agreement.ending(item, today)


def test_the_participant_confirms_once_before_a_withdrawal_is_asked(app, client, as_user, coach):
    from sokandelots.models import Consent
    consent(coach)
    as_user("erik")
    assert 'href="/me/consents/1/withdraw"' in client.get("/me/coach").get_data(as_text=True)
    confirm = client.get("/me/consents/1/withdraw")
    assert confirm.status_code == 200 and 'action="/me/consents/1/withdraw"' in confirm.get_data(as_text=True)
    assert stored(app, Consent, id=1).withdraw_asked_at is None  # opening the page changes nothing
    assert submit(client, "/me/consents/1/withdraw", {}).status_code == 302
    assert stored(app, Consent, id=1).withdraw_asked_at is not None
    assert client.get("/me/consents/1/withdraw").status_code == 302  # asked already
    assert client.get("/me/consents/9/withdraw").status_code == 404
    bad = client.post("/me/consents/1/withdraw", data={})  # no CSRF token
    assert bad.status_code in (400, 302)


def test_the_coach_confirms_a_withdrawal_with_its_date(app, coach):
    from helpers import login
    from sokandelots.models import Consent
    consent(coach)
    page = coach.get(f"{P}/consents/1/withdrawn")
    assert page.status_code == 200 and f'value="{date.today().isoformat()}"' in page.get_data(as_text=True)
    assert stored(app, Consent, id=1).withdrawn_on is None
    bad = submit(coach, f"{P}/consents/1/withdrawn", {"withdrawn_on": "i morgon"})
    assert bad.status_code == 422 and 'href="#withdrawn_on"' in bad.get_data(as_text=True)
    assert submit(coach, f"{P}/consents/1/withdrawn", {"withdrawn_on": "2026-11-20"}).status_code == 302
    assert stored(app, Consent, id=1).withdrawn_on == date(2026, 11, 20)
    other = app.test_client()
    login(other, "coach2")
    assert other.get(f"{P}/consents/1/withdrawn").status_code == 404
    assert other.get(f"{P}/consents/1/print").status_code == 404
    assert other.get(f"{P}/agreement/print").status_code == 404


def set_language(app, username, code):
    from sokandelots.models import User
    with app.app_context():
        db.connect(reuse_if_open=True)
        User.update(locale=code).where(User.username == username).execute()
        db.close()


def test_the_printed_agreement_has_swedish_beside_arabic_and_places_to_sign(app, coach):
    assert coach.get(f"{P}/agreement/print").status_code == 404  # nothing agreed yet
    submit(coach, f"{P}/agreement", {"goals": "Jobb med djur", "secrecy_explained": "y",
                                     "secrecy_explained_on": "2026-11-02", "if_ill": "Ring före 9"})
    set_language(app, "erik", "ar")
    page = coach.get(f"{P}/agreement/print").get_data(as_text=True)
    assert '<span lang="sv" dir="ltr">Dina mål</span><span lang="ar" dir="rtl">أهدافك</span>' in page
    assert "Jobb med djur" in page and "Ring före 9" in page and "2026-11-02" in page
    # A date in an Arabic sentence keeps its order (left to right), not 02-11-2026.
    assert "في \u20662026-11-02\u2069.</span>" in page
    assert page.count('class="signature-line"') == 2 and page.count("signature-line short") == 2
    assert "Erik Nilsson" in page and "paper-two" in page
    set_language(app, "erik", "sv")
    page = coach.get(f"{P}/agreement/print").get_data(as_text=True)
    assert '<span lang="sv" dir="ltr">Dina mål</span></p>' in page and "paper-two" not in page


def test_the_printed_consent_is_in_swedish_beside_dari_right_to_left(app, coach):
    consent(coach)
    set_language(app, "erik", "fa_AF")
    response = coach.get(f"{P}/consents/1/print")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'lang="fa-AF" dir="rtl"' in page
    assert "Handläggare Kim Berg" in page and "Planera stödet" in page and "2027-10-01" in page
    assert page.count('class="signature-line"') == 2
    assert coach.get(f"{P}/consents/9/print").status_code == 404


ILL = {"key": "call_if_ill", "slots": {}}


def _in(app, code, item):
    from sokandelots import phrasebook
    with app.test_request_context():
        return str(phrasebook.render(item, code))


def test_prepared_sentences_are_saved_and_read_in_arabic_beside_swedish(app, client, as_user,
                                                                          coach):
    added = submit(coach, f"{P}/agreement", {"if_ill_phrases-phrase": "call_if_ill",
                                             "if_ill_phrases-add": "1", "if_ill": "Ring före 9"})
    page = added.get_data(as_text=True)
    swedish, arabic = _in(app, "sv", ILL), _in(app, "ar", ILL)
    assert added.status_code == 200 and swedish in page and "Ring före 9" in page
    assert Agreement.select().count() == 0  # adding a sentence saves nothing yet
    saved = submit(coach, f"{P}/agreement", {"if_ill_phrases-chosen": json.dumps([ILL]),
                                             "if_ill": "Ring före 9"})
    assert saved.status_code == 302
    assert json.loads(stored(app, Agreement, participant=ERIK).if_ill_phrases) == [ILL]
    assert swedish in coach.get(f"{P}/agreement").get_data(as_text=True)  # shown again
    set_language(app, "erik", "ar")
    as_user("erik")
    mine = client.get("/me/coach").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in mine and arabic in mine
    assert '<span class="phrase-swedish" lang="sv" dir="ltr"' in mine and swedish in mine
    assert "Ring före 9" in mine
    paper = coach.get(f"{P}/agreement/print").get_data(as_text=True)
    # On paper the sentence stands in Swedish and Arabic; the free text once, in Swedish.
    assert (f'<span lang="sv" dir="ltr">{swedish}</span><span lang="ar" dir="rtl">{arabic}</span>'
            in paper)
    assert paper.count("Ring före 9") == 1


def test_a_bad_prepared_sentence_is_shown_at_its_field_and_nothing_is_saved(app, coach):
    bad = submit(coach, f"{P}/agreement", {"if_crisis_phrases-phrase": "",
                                           "if_crisis_phrases-add": "1", "if_crisis": "Ring 112"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#if_crisis_phrases-phrase"' in page
    assert "Ring 112" in page  # what was written is kept
    bad = submit(coach, f"{P}/agreement", {"if_ill_phrases-phrase": "call_before_if_ill",
                                           "if_ill_phrases-time": "på morgonen",
                                           "if_ill_phrases-add": "1"})
    assert bad.status_code == 422 and 'href="#if_ill_phrases-time"' in bad.get_data(as_text=True)
    # A sentence not offered for the agreement, or a tampered list, is refused.
    bad = submit(coach, f"{P}/agreement", {"expectations_phrases-chosen": json.dumps(
        [{"key": "see_you", "slots": {}}])})
    assert bad.status_code == 422 and 'href="#expectations_phrases-phrase"' in bad.get_data(
        as_text=True)
    assert Agreement.select().count() == 0


def test_another_coach_cannot_add_prepared_sentences(app):
    from helpers import login
    other = app.test_client()
    login(other, "coach2")
    assert submit(other, "/coach/", {"if_ill_phrases-chosen": json.dumps([ILL])},
                  action=f"{P}/agreement").status_code == 404


def test_the_caseload_marks_a_withdrawal_asked_for_and_a_consent_near_its_review(
        app, client, as_user, coach):
    def erik_row():
        page = coach.get("/coach/").get_data(as_text=True)
        return next(row for row in page.split("<tr>") if f'href="{P}"' in row)
    asked, ending = "Vill återkalla ett samtycke", "Ett samtycke upphör eller ska omprövas"
    consent(coach)  # ends in a year
    assert asked not in erik_row() and ending not in erik_row()
    soon = (date.today() + timedelta(days=10)).isoformat()
    consent(coach, **{"consent-what": "Läkarintyg", "consent-review_on": soon})
    assert ending in erik_row() and asked not in erik_row()
    as_user("erik")
    submit(client, "/me/consents/1/withdraw", {})
    assert asked in erik_row() and ending in erik_row()
    submit(coach, f"{P}/consents/1/withdrawn", {"withdrawn_on": date.today().isoformat()})
    submit(coach, f"{P}/consents/2/withdrawn", {"withdrawn_on": date.today().isoformat()})
    assert asked not in erik_row() and ending not in erik_row()
