"""The demo story that `flask setup` tells on a development database, and none in production."""
import re
from datetime import date, timedelta

import pytest

from helpers import fresh_database_url, login, run_on_postgres, submit
from sokandelots import create_app, demo_story, statistics
from sokandelots.db import db
from sokandelots.models import MODELS, Attendance, Placement, ProfileVersion, User

ERIK, AMINA = 5, 4


def setup(app):
    """`flask setup`, as the flask command runs it: inside the app's context."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["setup"])
        db.close()
    assert result.exit_code == 0, result.output
    return result.output


def counts():
    return {model.__name__: model.select().count() for model in MODELS}


@pytest.fixture
def told(app):
    """The app after `flask setup` on the test database (which has the demo accounts)."""
    assert "Added the demo story." in setup(app)
    return app


def read(client, page):
    response = client.get(page)
    assert response.status_code == 200, page
    return response.get_data(as_text=True)


def erik_placement(app):
    with app.app_context():
        db.connect(reuse_if_open=True)
        placement = Placement.get(Placement.participant == ERIK)
        db.close()
    return placement


def test_the_coach_sees_what_erik_changed_between_his_two_shares(told):
    client = told.test_client()
    login(client, "coach")
    page = read(client, f"/coach/participants/{ERIK}/profile")
    found = re.search(r"(\d+) svar har ändrats sedan version 1", page)
    assert found and int(found.group(1)) >= 5, page
    assert "Kanske köra truck." in page  # the new answer
    assert "Jobba på ett lager eller i en butik." in page  # the earlier one beside it


def test_erik_has_a_placement_with_a_plan_in_two_versions_and_a_month_of_attendance(told):
    client = told.test_client()
    login(client, "coach")
    placement = erik_placement(told)
    base = f"/coach/participants/{ERIK}/placements/{placement.id}"
    page = read(client, f"{base}/plan")
    assert "Version 2 av planen" in page and "Version 1 av planen" in page
    latest = read(client, f"{base}/plan/2")
    assert "Erik orkar sex timmar om dagen." in latest
    # No health words in what the employer signs.
    assert "Kontrollera planen innan den skrivs ut" not in latest
    assert "Erik orkar sex timmar om dagen." not in read(client, f"{base}/plan/1")
    with told.app_context():
        db.connect(reuse_if_open=True)
        rows = list(Attendance.select().where(Attendance.placement == placement))
        db.close()
    days = sorted(row.day for row in rows)
    # The placement started on the first of last month: that whole month is marked.
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    assert (days[0] - first).days < 7 and sum(day.month == first.month for day in days) >= 16
    assert {row.status for row in rows} == {"present", "sick"}
    assert 0 < sum(1 for row in rows if row.confirmed_at) < len(rows)  # his last days wait
    page = read(client, f"{base}/attendance?month={first:%Y-%m}")
    assert "Närvarande" in page and "Alla markerade dagar är bekräftade." in page


def test_the_statistics_have_figures(told):
    with told.app_context():
        db.connect(reuse_if_open=True)
        today = date.today()
        figures = statistics.compute(today.replace(month=1, day=1), today)
        db.close()
    assert sum(figures.by_commissioner.values()) == 2  # two closed cases
    assert figures.employment[1] >= 3 and figures.employment[0] >= 1
    assert figures.per_step[4] == 1 and any(row.contacts for row in figures.contacts)
    client = told.test_client()
    login(client, "admin")
    page = read(client, "/admin/statistics")
    assert "Arbete med lönestöd" in page and "Studier" in page  # how the two cases ended


def test_amina_has_started_in_arabic_and_shared_nothing(told):
    with told.app_context():
        db.connect(reuse_if_open=True)
        assert User.get_by_id(AMINA).locale == "ar"
        assert not ProfileVersion.select().where(ProfileVersion.participant == AMINA).exists()
        db.close()
    client = told.test_client()
    login(client, "amina")
    assert "أمينة" in read(client, "/me/profile/check")


def test_setup_twice_adds_nothing_twice(told):
    with told.app_context():
        db.connect(reuse_if_open=True)
        before = counts()
        db.close()
    assert "Added" not in setup(told)
    with told.app_context():
        db.connect(reuse_if_open=True)
        assert counts() == before
        db.close()


def test_production_gets_no_demo_accounts_and_no_demo_password(tmp_path):
    url, schema = fresh_database_url(tmp_path)
    if schema:
        run_on_postgres(f"CREATE SCHEMA {schema}")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url,
                      "INSTANCE_PATH": str(tmp_path / "instance"), "PRODUCTION": True})
    try:
        output = setup(app)
        assert "Database is at version" in output
        assert "lots-demo-2026" not in output and "demo" not in output.lower()
        with app.app_context():
            db.connect(reuse_if_open=True)
            assert {name for name, count in counts().items() if count} <= {"Setting"}
            assert not User.select().exists()
            db.close()
        # The first administrator is made by hand, and chooses a password on the set-up page.
        with app.app_context():
            made = app.test_cli_runner().invoke(args=["create-admin", "Vera Exempel"])
            db.close()
        assert made.exit_code == 0, made.output
        code = re.search(r"http://127\.0\.0\.1:5000/setup\?code=(\S+)", made.output).group(1)
        assert "Username: vera" in made.output
        client = app.test_client()
        response = submit(client, f"/setup?code={code}",
                          {"code": code, "password": "kamel i öknen"}, action="/setup")
        assert response.status_code == 302
        assert login(client, "vera", "kamel i öknen").status_code == 302
        assert client.get("/admin/").status_code == 200
    finally:
        db.close()
        if schema:
            run_on_postgres(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2026, 3, 2), date(2025, 11, 30)])
def test_the_story_holds_together_on_any_day(ctx, today):
    # New Year's Day (the closed cases are dated in the new year), a month that begins on a
    # Sunday (the placement starts on the Monday), and a last day of a month.
    assert demo_story.tell_story(today)
    today_figures = statistics.compute(today.replace(month=1, day=1), today, today)
    assert sum(today_figures.by_commissioner.values()) == 2
    placement = Placement.get(Placement.participant == ERIK)
    days = [row.day for row in Attendance.select().where(Attendance.placement == placement)]
    assert min(days).weekday() < 5 and max(days) < today and len(days) >= 16
    assert not demo_story.tell_story(today)


@pytest.mark.parametrize("today", [date(2026, 12, 7) + timedelta(days=n) for n in range(7)]
                         + [date(2027, 3, 1), date(2026, 6, 1)])
def test_eriks_last_two_days_wait_for_his_coach_whatever_the_day(today):
    # On a Monday every day of his (Monday to Thursday) was more than three days ago: a rule by
    # age left nothing waiting for the coach.
    start = demo_story.erik_start(today)
    marks, own, sick = demo_story.erik_attendance(start, today, start + timedelta(days=15))
    assert len(own) == 2 and all(day < today for day in own) and sick not in own
    assert len(marks) > len(own) and own == sorted(marks)[-2:]
    assert (min(marks) - start).days < 4 and start.weekday() < 5
