"""The team: handover (by the coach or the administrator), cover by a substitute for a period,
the one access rule behind every coach route, and the unit manager's read-only figures."""
import re
from datetime import date, timedelta

from helpers import choose_language, login, submit, today
from sokandelots import access
from sokandelots.db import db
from sokandelots.models import AccessLog, Case, Cover, Handover, User

ERIK, AMINA, SARA = 5, 4, 6  # erik and amina: `coach` (Jonas Berg); sara: `coach2` (Lena Holm)
PAGE = f"/coach/participants/{ERIK}"
NEW_COACH = "You have a new coach. Your new coach is <bdi>Lena Holm</bdi>."


def client_of(app, username):
    """A client logged in as `username`, reading English (the texts the tests look for)."""
    client = app.test_client()
    assert login(client, username).status_code == 302
    choose_language(client, "en", "/")
    return client


def in_db(app, work):
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            return work()
        finally:
            db.close()


def write_forms(html):
    """The forms sent with POST in the page's main part."""
    main = html[html.index("<main"):html.index("</main>")]
    return re.findall(r'<form\b[^>]*method="post"', main)


# The access rule, with dates.

def test_own_cases_are_read_and_written(ctx, users):
    found = access.of(users["coach"], ERIK)
    assert found.write and found.covering is None and found.case.participant_id == ERIK
    assert access.of(users["coach2"], ERIK) is None
    assert {row.case.participant_id for row in access.caseload(users["coach"])} == {ERIK, AMINA}


def test_a_substitute_works_on_the_whole_caseload_within_the_period_only(ctx, users):
    coach, substitute = users["coach"], users["coach2"]
    access.name_substitute(coach, substitute, date(2026, 3, 2), date(2026, 3, 6))
    for day, allowed in ((date(2026, 3, 1), False), (date(2026, 3, 2), True),
                         (date(2026, 3, 6), True), (date(2026, 3, 7), False)):
        found = access.of(substitute, ERIK, today=day)
        assert (found is not None) == allowed, day
        if allowed:
            assert found.write and found.covering.id == coach.id
        listed = {row.case.participant_id for row in access.caseload(substitute, today=day)}
        assert listed == ({ERIK, AMINA, SARA} if allowed else {SARA}), day
    # The cover goes one way: the coach does not see the substitute's own participants.
    assert access.of(coach, SARA, today=date(2026, 3, 3)) is None


def test_the_old_coach_reads_a_handed_over_case_until_the_window_ends(ctx, users, app):
    coach, new = users["coach"], users["coach2"]
    case = Case.get(Case.participant == ERIK)
    row = access.hand_over(case, new, coach, "Vill jobba med djur.", today=date(2026, 3, 2))
    assert app.config["HANDOVER_READ_DAYS"] == 30
    assert row.read_until == date(2026, 4, 1)
    assert Case.get(Case.participant == ERIK).coach_id == new.id
    assert access.of(new, ERIK, today=date(2026, 3, 2)).write
    reading = access.of(coach, ERIK, today=date(2026, 4, 1))
    assert not reading.write and reading.handover.id == row.id
    assert access.of(coach, ERIK, today=date(2026, 4, 2)) is None
    listed = {row.case.participant_id: row.write
              for row in access.caseload(coach, today=date(2026, 3, 10))}
    assert listed == {AMINA: True, ERIK: False}
    assert {row.case.participant_id for row in access.caseload(coach, today=date(2026, 4, 2))} \
        == {AMINA}


def test_a_case_handed_back_is_the_coachs_own_again(ctx, users):
    coach, new = users["coach"], users["coach2"]
    access.hand_over(Case.get(Case.participant == ERIK), new, coach, "Till Lena.")
    access.hand_over(Case.get(Case.participant == ERIK), coach, new, "Tillbaka.")
    assert access.of(coach, ERIK).write
    assert not access.of(new, ERIK).write
    assert [row.case.participant_id for row in access.caseload(coach)].count(ERIK) == 1


# Handover by the coach.

def test_the_coach_hands_over_and_then_only_reads_until_the_window_ends(app, users):
    coach, other = client_of(app, "coach"), client_of(app, "coach2")
    assert other.get(f"/coach/participants/{SARA}/handover").status_code == 200
    assert other.get(f"{PAGE}/handover").status_code == 404
    assert submit(other, f"/coach/participants/{SARA}/handover",
                  {"coach": users["coach"].id, "note": "x"},
                  action=f"{PAGE}/handover").status_code == 404
    refused = submit(coach, f"{PAGE}/handover", {"coach": users["coach2"].id, "note": " "})
    assert refused.status_code == 422 and "Write a note for the new coach." in refused.text
    assert submit(coach, f"{PAGE}/handover", {"coach": users["admin"].id, "note": "Hej"}
                  ).status_code == 422  # only an active coach
    response = submit(coach, f"{PAGE}/handover",
                      {"coach": users["coach2"].id, "note": "Erik vill jobba med djur."})
    assert response.status_code == 302
    assert in_db(app, lambda: Case.get(Case.participant == ERIK).coach_id) == users["coach2"].id

    # The new coach works on the case and reads the note.
    page = other.get(PAGE).text
    assert "Erik vill jobba med djur." in page and "Jonas Berg" in page
    assert write_forms(page)

    # The old coach reads, marked as read only, with no form to change anything, and every
    # change is refused.
    caseload = coach.get("/coach/").text
    assert "read only until" in caseload and f'href="{PAGE}"' in caseload
    page = coach.get(PAGE)
    assert page.status_code == 200 and "Read only." in page.text
    assert write_forms(page.text) == []
    assert "Hand over to another coach" not in page.text
    for path in ("/followups", "/notes"):
        assert coach.get(PAGE + path).status_code == 200
        assert write_forms(coach.get(PAGE + path).text) == []
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    for path, data in (("/step", {"step": "2", "status": "active"}),
                       ("/followups", {"day": today().isoformat(), "kind": "visit"}),
                       ("/handover", {"coach": users["coach"].id, "note": "Tillbaka"}),
                       ("/card", {})):
        assert coach.post(PAGE + path, data={"csrf_token": token, **data}).status_code == 403

    # After the window: not found.
    in_db(app, lambda: Handover.update(read_until=today() - timedelta(days=1)).execute())
    assert coach.get(PAGE).status_code == 404
    assert ERIK not in [int(found) for found in re.findall(
        r'/coach/participants/(\d+)"', coach.get("/coach/").text)]


def test_the_participant_is_told_who_the_new_coach_is(app, users):
    erik = client_of(app, "erik")
    assert NEW_COACH not in erik.get("/me/coach").text
    coach = client_of(app, "coach")
    submit(coach, f"{PAGE}/handover", {"coach": users["coach2"].id, "note": "Över till Lena."})
    assert NEW_COACH in erik.get("/me/coach").text
    assert NEW_COACH in erik.get("/me/").text
    log = erik.get("/me/access").text
    assert "<bdi>Jonas Berg</bdi> gave you another coach." in log
    # After the window, the coach is simply their coach.
    in_db(app, lambda: Handover.update(read_until=today() - timedelta(days=1)).execute())
    page = erik.get("/me/coach").text
    assert NEW_COACH not in page and "Your coach is <bdi>Lena Holm</bdi>." in page


def test_the_participant_pages_get_their_small_numbers_in_one_round_trip(ctx, users):
    from datetime import datetime, timezone
    from sokandelots.db import recorded_queries
    from sokandelots.models import Case, Meeting, Message
    from sokandelots.participant import at_a_glance
    erik, coach, coach2 = users["erik"], users["coach"], users["coach2"]
    case, before = at_a_glance(erik)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for sender, read_at in ((coach, None), (coach2, None), (coach, now), (erik, None)):
        Message.create(participant=erik, sender=sender, text="Hej", read_at=read_at)
    for starts_at, cancelled_at in ((now + timedelta(days=2), None), (now + timedelta(days=3), now),
                                    (now - timedelta(days=1), None)):
        Meeting.create(participant=erik, coach=coach, kind="visit", place="office",
                       starts_at=starts_at, cancelled_at=cancelled_at)
    with recorded_queries() as queries:
        found, glance = at_a_glance(erik)
    # The case with its coach, and one statement for all the numbers.
    assert len(queries) == 2 and found.coach.display_name == case.coach.display_name
    # New: the two unread messages from staff (not the read one, not erik's own); to come: one.
    assert glance == (before.unread + 2, before.meetings + 1, None)
    Handover.create(participant=erik, from_coach=coach, to_coach=coach2, made_by=coach,
                    read_until=today())

    def handed_to(new_coach):
        Case.update(coach=new_coach).where(Case.id == case.id).execute()
        return at_a_glance(erik)[1].new_coach
    assert handed_to(coach2) == "Lena Holm"
    assert handed_to(coach) is None  # handed back without a handover of its own: no news
    Handover.update(read_until=today() - timedelta(days=1)).execute()
    assert handed_to(coach2) is None


# Handover by the administrator: the same rule.

def test_the_administrator_hands_over_with_a_note_and_the_old_coach_still_reads(app, users):
    admin, coach = client_of(app, "admin"), client_of(app, "coach")
    form = admin.get(f"/admin/users/{ERIK}/coach")
    assert form.status_code == 200 and "Handover note" in form.text
    assert submit(admin, f"/admin/users/{ERIK}/coach",
                  {"coach": users["coach2"].id, "note": ""}).status_code == 422
    assert submit(admin, f"/admin/users/{users['coach'].id}/coach",
                  {"coach": users["coach2"].id, "note": "x"}).status_code == 404  # no case
    response = submit(admin, f"/admin/users/{ERIK}/coach",
                      {"coach": users["coach2"].id, "note": "Jonas slutar."})
    assert response.status_code == 302
    row = in_db(app, lambda: Handover.get(Handover.participant == ERIK))
    assert (row.from_coach_id, row.to_coach_id, row.made_by_id) == (
        users["coach"].id, users["coach2"].id, users["admin"].id)
    assert row.read_until == today() + timedelta(days=30)
    assert coach.get(PAGE).status_code == 200
    assert submit(coach, PAGE, {"step": "2", "status": "active"},
                  action=f"{PAGE}/step").status_code == 403
    assert "Jonas slutar." in client_of(app, "coach2").get(PAGE).text


# Cover.

def name_cover(client, substitute, first, last):
    return submit(client, "/coach/cover", {"substitute": substitute.id,
                                           "first_day": first.isoformat(),
                                           "last_day": last.isoformat()})


def test_a_coach_names_a_substitute_and_the_form_checks_the_period(app, users):
    coach = client_of(app, "coach")
    assert coach.get("/coach/cover").status_code == 200
    for data in ({"substitute": "", "first_day": today().isoformat(), "last_day": today().isoformat()},
                 {"substitute": users["coach"].id, "first_day": today().isoformat(),
                  "last_day": today().isoformat()},  # not oneself
                 {"substitute": users["coach2"].id, "first_day": today().isoformat(),
                  "last_day": (today() - timedelta(days=1)).isoformat()},
                 {"substitute": users["coach2"].id, "first_day": "", "last_day": ""}):
        assert submit(coach, "/coach/cover", data).status_code == 422, data
    assert in_db(app, lambda: Cover.select().count()) == 0
    assert name_cover(coach, users["coach2"], today(), today() + timedelta(days=7)).status_code == 302
    assert "Lena Holm" in coach.get("/coach/cover").text


def test_the_substitute_works_within_the_period_and_every_access_is_logged(app, users):
    coach, substitute = client_of(app, "coach"), client_of(app, "coach2")
    name_cover(coach, users["coach2"], today() + timedelta(days=1), today() + timedelta(days=5))
    assert substitute.get(PAGE).status_code == 404  # before the period
    in_db(app, lambda: Cover.update(first_day=today()).execute())

    caseload = substitute.get("/coach/").text
    assert "covering for <bdi>Jonas Berg</bdi>" in caseload and f'href="{PAGE}"' in caseload
    page = substitute.get(PAGE)
    assert page.status_code == 200 and "You cover for <bdi>Jonas Berg</bdi>." in page.text
    assert write_forms(page.text)
    saved = submit(substitute, f"{PAGE}/followups",
                   {"day": today().isoformat(), "kind": "visit", "note": "Bra vecka."})
    assert saved.status_code == 302
    rows = in_db(app, lambda: [(row.endpoint, row.changed) for row in AccessLog.select().where(
        AccessLog.participant == ERIK, AccessLog.actor == users["coach2"])])
    assert ("coach.participant", False) in rows and ("coach.followups", True) in rows
    seen = client_of(app, "erik").get("/me/access").text
    assert "<bdi>Lena Holm</bdi> looked at" in seen
    assert "<bdi>Lena Holm</bdi> wrote down a follow-up." in seen

    # After the period: not found, and not in the caseload.
    in_db(app, lambda: Cover.update(first_day=today() - timedelta(days=9),
                                    last_day=today() - timedelta(days=1)).execute())
    assert substitute.get(PAGE).status_code == 404
    assert "covering for" not in substitute.get("/coach/").text


def test_only_the_coach_who_named_a_cover_takes_it_back(app, users):
    coach, other = client_of(app, "coach"), client_of(app, "coach2")
    name_cover(coach, users["coach2"], today(), today() + timedelta(days=3))
    cover_id = in_db(app, lambda: Cover.get().id)
    assert submit(other, "/coach/cover", {}, action=f"/coach/cover/{cover_id}/end"
                  ).status_code == 404
    assert other.get(PAGE).status_code == 200
    assert submit(coach, "/coach/cover", {}, action=f"/coach/cover/{cover_id}/end"
                  ).status_code == 302
    assert other.get(PAGE).status_code == 404


# The unit manager.

def test_the_administrator_creates_a_unit_manager(app):
    admin = client_of(app, "admin")
    response = submit(admin, "/admin/", {"name": "Karin Chef", "role": "manager"},
                      action="/admin/coaches")
    assert response.status_code in (200, 302, 303)
    made = in_db(app, lambda: User.get(User.display_name == "Karin Chef"))
    assert made.role == User.MANAGER
    assert submit(admin, "/admin/", {"name": "Nils Fel", "role": "admin"},
                  action="/admin/coaches").status_code == 422


def test_the_manager_sees_counts_per_coach_and_no_participant(app, users):
    in_db(app, lambda: Case.update(next_followup=today() - timedelta(days=2)).where(
        Case.participant == ERIK).execute())

    def book_this_week():
        from datetime import time
        from sokandelots import meetings
        for hour in (9, 11):
            item = meetings.book(User.get_by_id(ERIK), users["coach"], {
                "kind": "meeting", "starts_at": meetings.local_start(today(), time(hour)),
                "minutes": 30, "place": "office", "address": "", "who": "",
                "interpreter": False, "interpreter_language": ""})
        meetings.cancel(item)  # a cancelled meeting does not count
    in_db(app, book_this_week)
    manager = client_of(app, "chef")
    page = manager.get("/manager/")
    assert page.status_code == 200
    html = page.text
    for name in ("Jonas Berg", "Lena Holm"):
        assert name in html
    for name in ("Erik", "Amina", "Sara"):
        assert name not in html
    jonas = re.search(r"Jonas Berg</bdi></th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'<td class="number"[^>]*>(\d+)</td>', jonas)[:3] == ["2", "1", "1"]
    assert manager.get("/admin/statistics").status_code == 200
    assert manager.get("/admin/statistics.csv").status_code == 200
    for path in (PAGE, "/coach/", "/admin/", f"/admin/users/{ERIK}/erase", "/referrals/",
                 "/admin/access"):
        assert manager.get(path).status_code == 403, path


def test_the_read_window_is_a_setting(monkeypatch, tmp_path):
    from sokandelots import config
    monkeypatch.setenv("HANDOVER_READ_DAYS", "7")
    assert config.from_environment(tmp_path)["HANDOVER_READ_DAYS"] == 7
