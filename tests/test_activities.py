"""Activities: added by the participant or the coach, reflected on by both, and shared."""
import json

import pytest

from helpers import exported, login, submit
from sokandelots.activities.catalogue import GOOD, HARD, KINDS, SCALES

ERIK = 5  # the demo participant in `coach`'s caseload (see sokandelots/demo.py)


def add(client, action="/me/activities/new", page=None, **data):
    return submit(client, page or action, {"kind": "visit", "place": "Bageriet", "day": "2026-11-20",
                                           "card": "bakery", "note": "Klockan nio.", **data},
                  action=action)


def reflect(client, number=1, **data):
    return submit(client, f"/me/activities/{number}", {
        "went": "4", "liked": "3", "again": "4", "good": ["people", "learned"],
        "hard": ["noise"], "text": "Det luktade gott.", **data})


def test_catalogue_has_four_faces_per_scale_and_pictures_everywhere():
    assert [scale.key for scale in SCALES] == ["went", "liked", "again"]
    for scale in SCALES:
        assert [option.key for option in scale.answers] == ["1", "2", "3", "4"]
    assert all(option.picture for option in KINDS + GOOD + HARD)


def test_participant_adds_an_activity_and_reflects_by_tapping(client, as_user):
    as_user("erik")
    response = add(client)
    assert response.headers["Location"] == "/me/activities/1"
    page = client.get("/me/activities/1").get_data(as_text=True)
    assert "Studiebesök" in page and "Bageriet" in page and "Bageri" in page
    assert reflect(client).status_code == 302
    page = client.get("/me/activities/1").get_data(as_text=True)
    assert 'checked class="choice-input" id="went-3"' in page
    assert "Det luktade gott." in page
    listing = client.get("/me/activities/").get_data(as_text=True)
    assert "Du har berättat hur det gick." in listing


@pytest.mark.parametrize("data,field", [
    ({"kind": ""}, "kind"), ({"kind": "holiday"}, "kind"), ({"day": "20/11"}, "day"),
    ({"place": "x" * 101}, "place"), ({"note": "x" * 501}, "note"), ({"card": "astronaut"}, "card")])
def test_bad_activity_input_gets_a_kind_error_and_keeps_what_was_typed(client, as_user, data, field):
    as_user("erik")
    response = add(client, **data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and f'href="#{field}"' in html and "<title>Fel:" in html
    # Nothing typed is lost: the other fields keep what was written.
    assert ("Klockan nio." in html or field == "note") and ("Bageriet" in html or field == "place")
    assert "Du har inga aktiviteter" in client.get("/me/activities/").get_data(as_text=True)


def test_bad_reflection_input_is_refused(client, as_user):
    as_user("erik")
    add(client)
    assert reflect(client, went="9").status_code == 422
    assert reflect(client, good=["people", "cake"]).status_code == 422
    assert reflect(client, text="x" * 1001).status_code == 422


def test_coach_adds_an_activity_reads_the_reflection_and_adds_their_own(app, client, as_user):
    coach = app.test_client()
    login(coach, "coach")
    action = f"/coach/participants/{ERIK}/activities"
    assert add(coach, action=action, kind="tryout", place="Hunddagiset", card="dog_care").status_code == 302
    as_user("erik")
    assert "Hunddagiset" in client.get("/me/activities/").get_data(as_text=True)
    reflect(client)
    page = coach.get(f"{action}/1").get_data(as_text=True)
    assert "Det luktade gott." in page and "Trevliga" in page
    assert submit(coach, f"{action}/1", {"text": "Du var modig!"}).status_code == 302
    assert "Du var modig!" in client.get("/me/activities/1").get_data(as_text=True)


def test_a_participant_never_opens_another_participants_activity(app, client, as_user):
    other = app.test_client()
    login(other, "sara")
    add(other)
    as_user("erik")
    assert client.get("/me/activities/1").status_code == 404
    assert submit(client, "/me/activities/", {"went": "1"}, action="/me/activities/1").status_code == 404


def test_activities_and_reflections_are_shared_and_exported(app, client, as_user):
    as_user("erik")
    add(client)
    reflect(client)
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    reflect(client, text="Ändrat sen.")
    coach = app.test_client()
    login(coach, "coach")
    html = coach.get(f"/coach/participants/{ERIK}/profile").get_data(as_text=True)
    shared = html[html.index('id="shared-activities"'):]
    assert "Bageriet" in shared and "Det luktade gott." in shared and "Ändrat sen." not in shared
    data = exported(client.get("/me/data.zip"))
    assert data["activities"][0]["reflection"]["text"] == "Ändrat sen."
    assert data["shared_versions"][0]["activities"][0]["reflection"]["text"] == "Det luktade gott."


def test_a_coachs_reflection_is_not_a_change_the_participant_has_to_share(app, client, as_user):
    as_user("erik")
    add(client)
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    coach = app.test_client()
    login(coach, "coach")
    submit(coach, f"/coach/participants/{ERIK}/activities/1", {"text": "Bra gjort."})
    assert "Du har ändringar" not in client.get("/me/").get_data(as_text=True)
    data = exported(client.get("/me/data.zip"))
    assert data["activities"][0]["coach_reflection"] == "Bra gjort."
