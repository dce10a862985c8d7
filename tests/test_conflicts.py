"""No save silently overwrites another: two people (or two tabs) editing the same answer, plan
or agreement see both versions instead."""
import re

import pytest

from helpers import csrf_token, login, submit

ERIK = 5
SEEN = re.compile(r'name="seen"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="seen"')
QUESTION = "/me/profile/q/call_me"
AUTOSAVE = {"HX-Request-Type": "partial"}


def seen(html):
    found = SEEN.search(html)
    return next(group for group in found.groups() if group is not None)



@pytest.fixture
def erik(app):
    client = app.test_client()
    login(client, "erik")
    return client


def post(client, page, data, **kwargs):
    return client.post(page, data={"csrf_token": csrf_token(client, page), **data}, **kwargs)


def test_an_answer_saved_meanwhile_is_shown_beside_mine_and_nothing_is_lost(erik, coach):
    opened = seen(erik.get(QUESTION).get_data(as_text=True))
    together = f"/coach/participants/{ERIK}/together/call_me"
    assert submit(coach, together, {"text": "Ricky"}).status_code == 302
    clash = erik.post(QUESTION, data={"csrf_token": csrf_token(erik, "/me/"), "seen": opened,
                                      "text": "Rickard", "go": "next"})
    html = clash.get_data(as_text=True)
    assert clash.status_code == 409
    assert "Ricky" in html and "Rickard" in html and "Någon annan har ändrat svaret" in html
    assert "Ricky" in coach.get(together).get_data(as_text=True)  # not overwritten
    kept = erik.post(QUESTION, data={"csrf_token": csrf_token(erik, "/me/"), "seen": seen(html),
                                     "text": "Rickard", "go": "stay"})
    assert kept.status_code == 302 and kept.headers["Location"].endswith(QUESTION)
    assert "Rickard</textarea>" in erik.get(QUESTION).get_data(as_text=True)
    # Erik's own answer, not shared: the coach no longer sees it without Erik's confirmation.
    assert "Rickard" not in coach.get(together).get_data(as_text=True)


def test_autosave_carries_its_own_save_time_and_notices_another_tab(erik):
    first = seen(erik.get(QUESTION).get_data(as_text=True))
    token = csrf_token(erik, QUESTION)
    saved = erik.post(QUESTION, data={"csrf_token": token, "seen": first, "text": "Eri"},
                      headers=AUTOSAVE)
    later = re.search(r'data-seen="([^"]+)"', saved.get_data(as_text=True)).group(1)
    again = erik.post(QUESTION, data={"csrf_token": token, "seen": later, "text": "Erik"},
                      headers=AUTOSAVE)
    assert again.status_code == 200 and "Sparat" in again.get_data(as_text=True)
    # A second tab still holds the first save time: its autosave is refused, not saved.
    other = erik.post(QUESTION, data={"csrf_token": token, "seen": first, "text": "E."},
                      headers=AUTOSAVE)
    assert other.status_code == 409 and "Någon annan" in other.get_data(as_text=True)
    same = erik.post(QUESTION, data={"csrf_token": token, "seen": first, "text": "Erik"},
                     headers=AUTOSAVE)
    assert same.status_code == 200  # the same answer is no conflict


def test_a_pages_own_quick_saves_are_never_taken_for_someone_elses(erik):
    """Two changes close together: the second autosave leaves before the first one's answer is
    back, so it still carries the old stamp. It is this page's own save, not a conflict."""
    html = erik.get(QUESTION).get_data(as_text=True)
    first, page = seen(html), re.search(r'name="page" value="([^"]+)"', html).group(1)
    token = csrf_token(erik, QUESTION)
    for text in ("Eri", "Erik"):
        quick = erik.post(QUESTION, data={"csrf_token": token, "seen": first, "page": page,
                                          "text": text}, headers=AUTOSAVE)
        assert quick.status_code == 200 and "Sparat" in quick.get_data(as_text=True)
    # Another page (another tab) on the old stamp is still stopped.
    other = erik.post(QUESTION, data={"csrf_token": token, "seen": first, "page": "another-tab",
                                      "text": "E."}, headers=AUTOSAVE)
    assert other.status_code == 409
    assert "Erik</textarea>" in erik.get(QUESTION).get_data(as_text=True)


def test_each_page_shown_gets_its_own_mark(erik):
    marks = {re.search(r'name="page" value="([^"]+)"', erik.get(QUESTION).get_data(as_text=True))
             .group(1) for _ in range(2)}
    assert len(marks) == 2


def plan_form(**values):
    return {"start_on": "2026-11-23", "terms": "unpaid", "paid_hours": "0", "followup_weeks": "2",
            "tasks": "Diska.", **values}


def test_a_plan_version_saved_meanwhile_is_shown_before_anything_is_saved(coach):
    submit(coach, "/coach/employers/new", {"name": "Café Solen", "sector": "food"})
    submit(coach, f"/coach/participants/{ERIK}/placements", {"employer": "1"})
    page = f"/coach/participants/{ERIK}/placements/1/plan"
    submit(coach, page, plan_form())
    opened = seen(coach.get(page).get_data(as_text=True))
    assert opened == "1"
    submit(coach, page, plan_form(tasks="Diska och duka.", seen="1"))  # another tab: version 2
    clash = post(coach, page, plan_form(tasks="Diska och torka bord.", seen=opened))
    html = clash.get_data(as_text=True)
    assert clash.status_code == 409 and "Diska och duka." in html and "Diska och torka bord." in html
    assert coach.get(f"{page}/3").status_code == 404
    assert post(coach, page, plan_form(tasks="Diska och torka bord.", seen=seen(html))).status_code == 302
    assert "Diska och torka bord." in coach.get(f"{page}/3").get_data(as_text=True)


def test_an_agreement_saved_meanwhile_is_shown_before_anything_is_saved(coach):
    page = f"/coach/participants/{ERIK}/agreement"
    opened = seen(coach.get(page).get_data(as_text=True))
    submit(coach, page, {"goals": "Ett jobb i kök.", "seen": opened})
    clash = post(coach, page, {"goals": "Ett jobb i butik.", "seen": opened})
    html = clash.get_data(as_text=True)
    assert clash.status_code == 409 and "Ett jobb i kök." in html and "Ett jobb i butik." in html
    assert "Ett jobb i kök." in coach.get(page).get_data(as_text=True)
    assert post(coach, page, {"goals": "Ett jobb i butik.", "seen": seen(html)}).status_code == 302
