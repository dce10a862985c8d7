"""Employers, workplace analyses, the match view and job-search leads (steps 3 and 4)."""
from datetime import date

import pytest

from helpers import login, submit
from sokandelots.employers import match
from sokandelots.employers.catalogue import PARTS
from sokandelots.employers.register import PathError, clean_tags, move, reached

ERIK, SARA = 5, 6


def profile(**chosen):
    return {key: {"choices": list(values)} for key, values in chosen.items()}


@pytest.mark.parametrize("analysis,chosen,expected", [
    ({"place": "indoors"}, {"place": ["indoors"]}, "fits"),
    ({"place": "outdoors"}, {"place": ["indoors"]}, "adapt"),
    ({"place": "outdoors"}, {"place": ["both"]}, "fits"),
    ({"place": "both"}, {"place": ["indoors"]}, "fits"),
    ({"place": "indoors"}, {}, "unknown"),
    ({"times": ["mornings", "weekends"]}, {"times": ["mornings"]}, "adapt"),
    ({"times": ["mornings"]}, {"times": ["mornings", "days"]}, "fits"),
    ({"noise": "loud"}, {"support": ["quiet_place"]}, "adapt"),
    ({"noise": "quiet"}, {"support": ["quiet_place"]}, "fits"),
    ({"noise": "loud"}, {"pace": ["quiet"]}, "adapt"),
    ({"noise": "some"}, {"pace": ["quiet"]}, "adapt"),
    ({"noise": "quiet"}, {"pace": ["quiet"]}, "fits"),
    ({"noise": "loud"}, {"pace": ["busy"]}, "fits"),
    ({"noise": "loud"}, {}, "unknown"),
    ({"physical": "heavy"}, {"strengths": ["strong"]}, "fits"),
    ({"physical": "heavy"}, {}, "adapt"),
    ({"physical": "medium"}, {"strengths": ["strong"], "support": ["physical"]}, "adapt"),
    ({"licence": "yes"}, {"licence": ["no"]}, "adapt"),
    ({"licence": "yes"}, {"licence": ["yes"]}, "fits"),
    ({"licence": "yes"}, {}, "unknown"),
    ({"licence": "no"}, {"licence": ["no"]}, "fits"),
])
def test_match_marks_what_fits_and_what_needs_an_adaptation(analysis, chosen, expected):
    [(part, mark, reason)] = match.compare(analysis, profile(**chosen))
    assert mark == expected and (reason is not None) == (expected == "adapt")


def test_what_was_hard_in_a_try_out_outweighs_a_profile_answer_that_fits():
    tried = [{"kind": "tryout", "reflection": {"hard": ["noise", "tired"]}},
             {"kind": "visit", "reflection": {"good": ["people"]}}, {"kind": "other"}]
    hard = match.tried_hard(tried)
    assert hard == {"noise", "tired"}
    busy = profile(pace=["busy"], strengths=["strong"])
    marks = {part.key: (mark, reason) for part, mark, reason in match.compare(
        {"noise": "loud", "physical": "medium", "pace": "busy"}, busy, hard)}
    assert marks["noise"][0] == "adapt" and "Too much noise" in str(marks["noise"][1])
    assert marks["physical"][0] == "adapt" and marks["pace"] == ("fits", None)
    assert match.compare({"noise": "quiet"}, busy, hard)[0][1] == "fits"
    assert match.compare({"noise": "loud"}, busy)[0][1] == "fits"
    # A person who wants quiet and found the noise too much: the reason is the profile's.
    [(part, mark, reason)] = match.compare({"noise": "loud"}, profile(pace=["quiet"]), hard)
    assert mark == "adapt" and "quiet workplace" in str(reason)


def test_the_hard_chips_a_part_reads_are_in_the_activities_catalogue():
    from sokandelots.activities.catalogue import HARD
    chips = {option.key for option in HARD}
    for part in PARTS:
        for chip, values in part.hard:
            assert chip in chips and set(values) <= set(part.options), part.key


def test_every_part_with_a_profile_question_uses_its_ready_answers():
    from sokandelots.profile.catalogue import BY_KEY
    for part in PARTS:
        if part.profile:
            assert set(part.options) <= {o.key for o in BY_KEY[part.profile].options}, part.key


class Lead:
    status, end_reason, reached = "idea", "", "{}"

    def save(self):
        pass


def test_a_lead_moves_along_its_path_and_ends_only_with_a_reason():
    lead = Lead()
    move(lead, "contacted")
    move(lead, "tryout")
    assert lead.status == "tryout"
    with pytest.raises(PathError):
        move(lead, "ended")
    with pytest.raises(PathError):
        move(lead, "promoted")
    move(lead, "ended", "employer_no", date(2026, 11, 9))
    assert (lead.status, lead.end_reason) == ("ended", "employer_no")
    assert reached(lead) == {"contacted": date.today(), "tryout": date.today(),
                             "ended": date(2026, 11, 9)}
    with pytest.raises(PathError):
        move(lead, "idea")


def test_tags_are_cleaned():
    assert clean_tags(" Kök, morgon,, kök ,Disk") == "kök, morgon, disk"
    assert clean_tags("مطبخ، صباح") == "مطبخ, صباح"



def add_employer(client, name="Café Solen", **data):
    return submit(client, "/coach/employers/new",
                  {"name": name, "sector": "food", "tags": "kök, morgon", **data})


def test_the_register_is_searched_by_name_sector_and_tag(coach):
    add_employer(coach)
    add_employer(coach, "Lager Nord", sector="logistics", tags="truck")
    assert "Lager Nord" not in coach.get("/coach/employers/?q=café").get_data(as_text=True)
    assert "Café Solen" not in coach.get("/coach/employers/?sector=logistics").get_data(as_text=True)
    html = coach.get("/coach/employers/?tag=morgon").get_data(as_text=True)
    assert "Café Solen" in html and "Lager Nord" not in html
    bad = add_employer(coach, "")
    assert bad.status_code == 422 and 'href="#name"' in bad.get_data(as_text=True)


def test_contact_people_and_the_contact_log(coach):
    add_employer(coach)
    assert submit(coach, "/coach/employers/1", {"person-name": "Lisa", "person-email": "lisa@solen.se"},
                  action="/coach/employers/1/people").status_code == 302
    bad = submit(coach, "/coach/employers/1", {"person-name": "Per", "person-email": "inte en adress"},
                 action="/coach/employers/1/people")
    assert bad.status_code == 422 and 'href="#person-email"' in bad.get_data(as_text=True)
    submit(coach, "/coach/employers/1", {"event-day": "2026-11-20", "event-kind": "visit",
                                        "event-outcome": "Vill ta emot en praktikant."},
           action="/coach/employers/1/events")
    html = coach.get("/coach/employers/1").get_data(as_text=True)
    assert "lisa@solen.se" in html and "Vill ta emot en praktikant." in html and "Jonas Berg" in html


def test_coaches_see_only_their_own_participants_at_an_employer(app, coach):
    add_employer(coach)
    submit(coach, f"/coach/participants/{ERIK}/leads", {"employer": "1", "kind": "tryout"})
    other = app.test_client()
    login(other, "coach2")
    submit(other, f"/coach/participants/{SARA}/leads", {"employer": "1", "kind": "contact"})
    mine = coach.get("/coach/employers/1").get_data(as_text=True)
    theirs = other.get("/coach/employers/1").get_data(as_text=True)
    assert "Erik Nilsson" in mine and "Sara Ahmadi" not in mine
    assert "Sara Ahmadi" in theirs and "Erik Nilsson" not in theirs


def test_leads_follow_the_path_and_the_participant_sees_them_in_plain_words(client, as_user, coach):
    add_employer(coach)
    submit(coach, f"/coach/participants/{ERIK}/leads", {"employer": "1", "kind": "study_visit",
                                                       "day": "2026-11-25"})
    submit(coach, f"/coach/participants/{ERIK}/leads", {"lead1-status": "visit"},
           action=f"/coach/participants/{ERIK}/leads/1")
    as_user("erik")
    html = client.get("/me/jobsearch").get_data(as_text=True)
    assert "Café Solen" in html and "Ett besök" in html
    refused = submit(coach, f"/coach/participants/{ERIK}/leads", {"lead1-status": "ended"},
                     action=f"/coach/participants/{ERIK}/leads/1", follow_redirects=True)
    assert "Välj varför" in refused.get_data(as_text=True)
    bad = submit(coach, f"/coach/participants/{ERIK}/leads", {"employer": "99", "kind": "contact"})
    assert bad.status_code == 422


def test_the_disclosure_choice_stands_on_the_lead_and_match_pages(client, as_user, coach):
    as_user("erik")
    submit(client, "/me/profile/q/disclose_what", {"choices": ["needs"]})
    submit(client, "/me/profile/q/disclose_who", {"choices": "coach"})
    submit(client, "/me/profile/q/support", {"choices": ["quiet_place"]})
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    add_employer(coach)
    submit(coach, "/coach/employers/1/positions/new", {"title": "Kafébiträde", "noise": "loud",
                                                       "place": "indoors"})
    submit(coach, f"/coach/participants/{ERIK}/leads", {"employer": "1", "kind": "tryout"})
    for page in (f"/coach/participants/{ERIK}/leads", f"/coach/participants/{ERIK}/match/1"):
        html = coach.get(page).get_data(as_text=True)
        assert 'class="notice notice-private disclosure"' in html
        assert "Vad jag behöver på jobbet" in html and "Min coach" in html
    match_page = coach.get(f"/coach/participants/{ERIK}/match/1").get_data(as_text=True)
    assert match_page.count('class="mark-adapt"') == 1 and "En lugn plats" in match_page


def test_the_match_page_reads_the_try_out_reflections_the_participant_shared(client, as_user, coach):
    as_user("erik")
    submit(client, "/me/profile/q/pace", {"choices": "busy"})
    submit(client, "/me/activities/new", {"kind": "tryout", "place": "Lagret"})
    submit(client, "/me/activities/1", {"went": "2", "hard": ["noise"]})
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    add_employer(coach)
    submit(coach, "/coach/employers/1/positions/new", {"title": "Lagerarbetare", "noise": "loud"})
    html = coach.get(f"/coach/participants/{ERIK}/match/1").get_data(as_text=True)
    assert html.count('class="mark-adapt"') == 1 and "För mycket ljud" in html
