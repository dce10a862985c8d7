"""Filling in together shows the coach only what the participant shared or gave together, unless
the participant, sitting there, confirms on the screen for this sitting."""
import re
import time

import pytest

from helpers import csrf_token, login, submit
from sokandelots import sittings

ERIK = 5
TOGETHER = f"/coach/participants/{ERIK}/together"
SECRET_DRAFT = "Jag vill inte att någon läser det här än"


@pytest.fixture
def erik(app):
    client = app.test_client()
    login(client, "erik")
    submit(client, "/me/profile/q/hard", {"text": SECRET_DRAFT, "go": "stay"})
    return client



def confirm(coach, secret, key="hard"):
    return submit(coach, f"{TOGETHER}/{key}", {"secret": secret},
                  action=f"{TOGETHER}/{key}/confirm")


def home_code(erik):
    html = erik.get("/me/").get_data(as_text=True)
    return re.search(r'id="sitting-code"><span dir="ltr">(\d{3}) (\d{3})<', html).groups()


def test_a_draft_never_shared_is_not_shown_in_together_mode(erik, coach):
    page = coach.get(f"{TOGETHER}/hard")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and SECRET_DRAFT not in html
    assert f'action="{TOGETHER}/hard/confirm"' in html and 'name="secret"' in html


def test_a_hidden_draft_cannot_be_overwritten_blindly(erik, coach):
    token = csrf_token(coach, f"{TOGETHER}/interests")
    response = coach.post(f"{TOGETHER}/hard", data={"csrf_token": token, "text": "Inget",
                                                    "go": "stay"})
    assert response.status_code == 403 and SECRET_DRAFT not in response.get_data(as_text=True)
    assert SECRET_DRAFT in erik.get("/me/profile/q/hard").get_data(as_text=True)


def test_shared_answers_and_answers_given_together_are_shown(erik, coach):
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    assert SECRET_DRAFT in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)
    submit(erik, "/me/profile/q/hard", {"text": "Ett nytt svar", "go": "stay"})
    assert "Ett nytt svar" not in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)
    submit(coach, f"{TOGETHER}/interests", {"choices": ["animals"], "go": "stay"})
    assert 'checked class="choice-input" id="choices-1"' in coach.get(f"{TOGETHER}/interests").get_data(
        as_text=True)


def test_the_participant_confirms_with_their_password_for_this_sitting(erik, coach, app):
    assert confirm(coach, "lots-demo-2026").status_code == 302
    assert SECRET_DRAFT in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)
    other = app.test_client()  # another browser of the same coach: not this sitting
    login(other, "coach")
    assert SECRET_DRAFT not in other.get(f"{TOGETHER}/hard").get_data(as_text=True)
    with coach.session_transaction() as session:
        session["sittings"] = {str(ERIK): int(time.time()) - 1}  # the sitting is over
    assert SECRET_DRAFT not in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)


def test_the_participant_confirms_with_the_code_on_their_home_page(erik, coach):
    first, second = home_code(erik)
    assert confirm(coach, f"{first} {second}").status_code == 302
    assert SECRET_DRAFT in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)


def test_a_wrong_password_or_code_is_refused_with_a_message(erik, coach, app):
    response = confirm(coach, "fel-lösenord")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and SECRET_DRAFT not in html
    assert 'aria-invalid="true"' in html
    with app.test_request_context():
        from sokandelots.models import User
        sara = User.get(User.username == "sara")
        assert confirm(coach, sittings.code(sara)).status_code == 422  # another person's code
    assert SECRET_DRAFT not in coach.get(f"{TOGETHER}/hard").get_data(as_text=True)


def test_guessing_the_code_is_limited(erik, coach):
    # A right password gives its try back: only wrong ones use up the five.
    assert confirm(coach, "lots-demo-2026").status_code == 302
    for _ in range(5):
        assert confirm(coach, "000000").status_code == 422
    refused = confirm(coach, "lots-demo-2026")
    html = refused.get_data(as_text=True)
    # The same page, saying why: not a login form on the coach's screen.
    assert refused.status_code == 429 and "Du har försökt många gånger" in html
    assert f'action="{TOGETHER}/hard/confirm"' in html and 'name="username"' not in html


def test_the_code_changes_over_time_and_with_a_new_password(app, users):
    erik = users["erik"]
    with app.test_request_context():
        now = time.time()
        assert sittings.code(erik, now) != sittings.code(erik, now + 2 * sittings.CODE_WINDOW_SECONDS)
        before = sittings.code(erik, now)
        erik.session_epoch += 1
        assert sittings.code(erik, now) != before


def test_the_confirm_page_speaks_to_the_participant_in_their_language(app, coach):
    amina = app.test_client()
    login(amina, "amina")
    submit(amina, "/me/profile/q/hard", {"text": "سر", "go": "stay"})
    page = coach.get("/coach/participants/4/together/hard").get_data(as_text=True)
    assert '<p lang="ar" dir="rtl" class="for-them">' in page
