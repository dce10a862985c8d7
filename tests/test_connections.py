"""Database connections, kept from one request to the next rather than opened for each, long
lists of ids in queries, SQL made once, and other work a request no longer repeats."""
import re
import socket
from datetime import datetime, timedelta

import peewee
import pytest
from playhouse.db_url import parse

from sokandelots.db import PostgresqlPool, db, id_list, pooled
from sokandelots.models import User

from helpers import PG_URL, csrf_token, login, run_on_postgres, submit


def test_one_connection_serves_one_request_after_another(app, client):
    used = []

    @app.before_request
    def note_connection():  # runs after the one that takes a connection
        used.append(db.connection())

    for _ in range(3):
        assert client.get("/login").status_code == 200
    assert len(used) == 3 and all(connection is used[0] for connection in used)


def test_every_database_gets_a_pool():
    assert pooled("sqlite:////srv/lots.sqlite3") == "sqlite+pool:////srv/lots.sqlite3"
    assert pooled("postgresql://127.0.0.1:5432/lots") == "postgresql+pool://127.0.0.1:5432/lots"
    assert pooled("postgresql+pool://127.0.0.1/lots") == "postgresql+pool://127.0.0.1/lots"


@pytest.mark.skipif(not PG_URL, reason="a pool of PostgreSQL connections")
def test_a_postgresql_connection_is_asked_whether_it_lives_only_after_lying_unused(monkeypatch):
    pool = PostgresqlPool(**parse(PG_URL), max_connections=2)
    asked = []
    ask = pool._adapter.is_connection_closed
    monkeypatch.setattr(pool._adapter, "is_connection_closed",
                        lambda conn: asked.append(conn) or ask(conn))

    def next_request():
        pool.close()
        pool.connect()
        return pool.connection()

    def lie_unused():
        for key in pool._returned:
            pool._returned[key] -= PostgresqlPool.ASK_AFTER + 1
    try:
        pool.connect()
        first = pool.connection()
        assert next_request() is first and asked == []  # handed out again, not asked
        pool.close()
        lie_unused()
        pool.connect()
        assert pool.connection() is first and asked == [first]
        # The server dropped a connection that lay unused: it is asked, and a new one is made.
        pool.close()
        run_on_postgres(f"SELECT pg_terminate_backend({first.info.backend_pid})")
        lie_unused()
        pool.connect()
        second = pool.connection()
        assert second is not first and pool.execute_sql("SELECT 1").fetchone() == (1,)
        # Dropped just after its last use: the one request it is handed to fails, the next one
        # gets a new connection.
        pool.close()
        run_on_postgres(f"SELECT pg_terminate_backend({second.info.backend_pid})")
        pool.connect()
        assert pool.connection() is second
        with pytest.raises((peewee.OperationalError, peewee.InterfaceError)):
            pool.execute_sql("SELECT 1")
        third = next_request()
        assert third is not second and pool.execute_sql("SELECT 1").fetchone() == (1,)
    finally:
        pool.close_all()


def test_a_list_of_ids_is_written_into_the_query(ctx, users):
    ids = [users["erik"].id, users["amina"].id]
    query = User.select().where(User.id.in_(id_list(ids)))
    sql, parameters = query.sql()
    assert f"IN ({ids[0]},{ids[1]})" in sql and parameters == []
    assert {user.username for user in query} == {"erik", "amina"}
    assert not User.select().where(User.id.in_(id_list([]))).exists()


def test_a_prepared_query_gives_what_the_query_gives_and_makes_its_sql_once(ctx, users):
    from sokandelots.db import Prepared
    from sokandelots.models import Case
    by_name = Prepared(lambda name, role: User.select().where(User.username == name,
                                                              User.role == role), values=2)
    assert [user.id for user in by_name("erik", "participant")] == [users["erik"].id]
    made = by_name.made
    assert by_name.first("erik", "coach") is None and by_name.made is made
    # Joined models come along; a model stands for its id; a value may be used twice.
    case_of = Prepared(lambda participant: Case.select(Case, User).join(
        User, on=Case.participant).where((Case.participant == participant)
                                          | (Case.coach == participant)))
    case = case_of.first(users["amina"])
    assert case.participant.username == "amina" and case.participant_id == users["amina"].id
    assert {found.participant.username for found in case_of(users["coach"])} >= {"amina", "erik"}


def test_a_prepared_query_writes_each_runs_list_of_ids(ctx, users):
    from sokandelots.db import Prepared
    named = Prepared(lambda ids, role: User.select().where(User.id.in_(id_list(ids)),
                                                           User.role == role).order_by(User.id),
                     values=2, lists=(0,))
    erik, amina, coach = users["erik"].id, users["amina"].id, users["coach"].id
    assert [user.id for user in named([erik, amina], "participant")] == sorted([erik, amina])
    made = named.made
    assert [user.id for user in named([coach, amina], "participant")] == [amina]
    assert [user.id for user in named([coach], "coach")] == [coach]
    assert named([], "coach") == [] and named.made is made


def test_a_prepared_query_is_made_again_for_another_database(app, tmp_path):
    from helpers import drop_database, make_app
    from sokandelots.db import Prepared
    named = Prepared(lambda name: User.select().where(User.username == name))
    (tmp_path / "other").mkdir()
    other = make_app(tmp_path / "other")
    for each in (app, other, app):
        with each.test_request_context():
            db.connect(reuse_if_open=True)
            assert named.first("erik").username == "erik" and named.made[0] is db.obj
            db.close()
    drop_database(other)


def _state(obj):
    """All a model holds: its class, data, joined models, changes and any other attribute."""
    from peewee import Model
    if not isinstance(obj, Model):
        return obj
    others = {name: value for name, value in vars(obj).items()
              if name not in ("__data__", "_dirty", "__rel__")}
    return (type(obj), obj.__data__, {name: _state(joined) for name, joined in obj.__rel__.items()},
            obj._dirty, others)


def test_a_prepared_query_makes_the_models_peewee_makes(ctx, users):
    from peewee import JOIN, fn

    from sokandelots.db import Prepared, _peewee_rows
    from sokandelots.models import Case
    coach = User.alias()
    shapes = [  # the query, and whether the models are made without Peewee
        (lambda by: User.select().where(User.id != by), True),
        (lambda by: Case.select(Case, User).join(User, on=Case.participant)
         .where(Case.coach == by), True),
        # Peewee leaves a joined model's id out of the case when the id is not read.
        (lambda by: Case.select(Case, User.display_name).join(User, on=Case.participant)
         .where(Case.coach == by), True),
        (lambda by: Case.select(Case, User, coach).join(User, on=Case.participant)
         .switch(Case).join(coach, on=Case.coach).where(Case.coach == by), True),
        (lambda by: User.select(User.id, fn.LOWER(User.username).alias("low"))
         .where(User.id != by), False),
        (lambda by: User.select(User, Case).join(Case, JOIN.LEFT_OUTER, on=Case.participant)
         .where(User.id != by), False),
    ]
    for build, fast in shapes:
        prepared = Prepared(build)
        made = prepared(users["coach"])
        assert made and [_state(one) for one in made] == [_state(one) for one in build(
            users["coach"])]
        assert (prepared.made[-1] is not _peewee_rows) == fast
        assert [_state(one) for one in prepared(users["coach"])] == [_state(one) for one in made]
    # What a joined model gives is what Peewee gives: no query more, the same values.
    case = Prepared(shapes[3][0]).first(users["coach"])
    assert case.participant.username in {"amina", "erik"} and case.coach.username == "coach"


def test_a_row_s_values_are_converted_only_where_the_database_gives_another_kind(ctx, users):
    from sokandelots.db import _needed
    from sokandelots.models import Handover, UserSession
    # Numbers, foreign keys and text come as they are kept; truth values, times and days not.
    for field in (User.id, User.username, User.session_epoch, UserSession.user):
        assert _needed(field.python_value) is None
    for field in (User.is_active, User.created_at, Handover.read_until):
        assert _needed(field.python_value) == field.python_value
    user = User.select().where(User.username == "erik").get()
    assert type(user.is_active) is bool and type(user.id) is int


def test_the_pages_opened_most_make_no_query_anew(app, users, monkeypatch):
    # Making a query's SQL took longer than running it: the pages people open again and again
    # run queries made once (db.Prepared), whatever their number of rows; the caseload writes
    # its own list of ids into queries made once.
    made = []
    original = peewee.Database.execute

    def execute(self, query, **kwargs):
        made.append(query)
        return original(self, query, **kwargs)
    erik, coach = app.test_client(), app.test_client()
    login(erik, "erik")
    submit(erik, "/me/profile/q/interests", {"choices": ["animals"]})
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    login(coach, "coach")
    pages = [(erik, "/me/"), (erik, "/me/profile/q/interests"), (erik, "/me/cards/"),
             (erik, "/me/cards/c/shop"), (coach, "/coach/"),
             (coach, f"/coach/participants/{users['erik'].id}/profile")]
    autosave = ("/me/profile/q/dream_job", {"text": "Djur"}, {"HX-Request-Type": "partial"})

    def open_all():
        for client, page in pages:
            assert client.get(page).status_code == 200
        page, data, headers = autosave
        assert submit(erik, page, data, headers=headers).status_code == 200
    open_all()  # each made once here
    monkeypatch.setattr(peewee.Database, "execute", execute)
    open_all()
    assert made == []


def test_an_upsert_stores_a_row_and_changes_it_whatever_the_order_of_its_values(ctx, users):
    from sokandelots.db import upsert
    from sokandelots.models import ProfileAnswer
    erik, when = users["erik"], datetime(2026, 12, 7, 9, 30)
    upsert(ProfileAnswer, ("participant", "question"), saved_by_page="p1", value='"Djur"',
           together=True, question="dream_job", updated_at=when, participant=erik)
    upsert(ProfileAnswer, ("question", "participant"), question="dream_job",
           participant=erik.id, value='"Växter"', updated_at=when + timedelta(minutes=1),
           together=False, saved_by_page="p2")
    rows = list(ProfileAnswer.select().where(ProfileAnswer.participant == erik,
                                             ProfileAnswer.question == "dream_job"))
    assert [(row.value, row.updated_at, row.together, row.saved_by_page) for row in rows] == [
        ('"Växter"', when + timedelta(minutes=1), False, "p2")]


def test_each_hook_and_view_is_checked_once_for_being_a_coroutine(app, client, monkeypatch):
    import flask.app
    login(client, "erik")
    assert client.get("/me/").status_code == 200
    checked = []
    monkeypatch.setattr(flask.app, "iscoroutinefunction",
                        lambda func: checked.append(func) or False)
    assert client.get("/me/").status_code == 200
    assert checked == []


def test_questions_asked_together_come_back_each_with_its_own_answer(ctx, users):
    from sokandelots.db import Ask, Prepared, ask_together, asking, recorded_queries
    by_name = Prepared(lambda name: User.select().where(User.username == name))

    @by_name.then
    def named(rows, name):
        return rows[0].display_name if rows else None

    @asking
    def both(first, second):
        return Ask.all(named.ask(first), named.ask(second), then=lambda *found: " & ".join(found))

    with recorded_queries() as queries:
        found = ask_together(named.ask("erik"), None, Ask.known(42), both.ask("amina", "coach"),
                             by_name.ask("nobody"), named.ask("nobody"),
                             named.ask("sara").then(str.upper))
    assert found == (users["erik"].display_name, None, 42,
                     f'{users["amina"].display_name} & {users["coach"].display_name}', [], None,
                     users["sara"].display_name.upper())
    # Six queries; on PostgreSQL sent at once and answered in one round trip.
    assert len(queries) == 6 and queries.round_trips == (1 if PG_URL else 6)
    assert named("erik") == users["erik"].display_name and both("erik", "sara").count("&") == 1


def test_a_question_about_no_one_is_answered_without_asking_the_database(ctx, users):
    from sokandelots import notes, timerules
    from sokandelots.db import Prepared, ask_together, id_list, recorded_queries
    by_ids = Prepared(lambda ids: User.select(User.username).where(User.id.in_(id_list(ids)))
                      .tuples(), lists=(0,))
    with recorded_queries() as queries:
        found = ask_together(by_ids.ask([]), by_ids.ask([], finish=len),
                             notes.unread_for_coach.ask([]), timerules.for_cases.ask([]))
        assert found == ([], 0, {}, {})
        assert queries == []
        assert by_ids.ask([users["erik"].id])() == [("erik",)] and len(queries) == 1


def test_an_error_among_questions_asked_together_is_raised_and_the_connection_goes_on(ctx):
    from sokandelots.db import Prepared, ask_together
    no_table = Prepared(lambda: peewee.Table("no_such_table").select(peewee.SQL("1")).bind(db),
                        values=0)
    users_named = Prepared(lambda name: User.select().where(User.username == name))
    with pytest.raises(peewee.DatabaseError):
        ask_together(users_named.ask("erik"), no_table.ask(), users_named.ask("amina"))
    assert [user.username for user in ask_together(users_named.ask("erik"))[0]] == ["erik"]


def corked(connection):
    """Whether the kernel holds back what is sent on a psycopg connection (TCP_CORK)."""
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0, connection.fileno())
    try:
        return held.getsockopt(socket.IPPROTO_TCP, socket.TCP_CORK)
    finally:
        held.detach()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's connections over TCP")
def test_questions_asked_together_leave_for_postgresql_at_once_not_one_by_one(
        ctx, users, monkeypatch):
    from sokandelots.db import Prepared, ask_together
    held, send = [], Prepared.send

    def sending(prepared, *values):
        cursor = send(prepared, *values)
        held.append(corked(db.obj.connection()))
        return cursor
    monkeypatch.setattr(Prepared, "send", sending)
    users_named = Prepared(lambda name: User.select().where(User.username == name))
    found = ask_together(users_named.ask("erik"), users_named.ask("amina"))
    assert [rows[0].username for rows in found] == ["erik", "amina"]
    # Held back while the queries were made, sent when all were.
    assert held == [1, 1] and not corked(db.obj.connection())
    assert users_named("sara")[0].username == "sara" and held[-1] == 0  # a query alone: at once
    no_table = Prepared(lambda: peewee.Table("no_such_table").select(peewee.SQL("1")).bind(db),
                        values=0)
    with pytest.raises(peewee.DatabaseError):
        ask_together(no_table.ask(), users_named.ask("erik"))
    assert not corked(db.obj.connection())


def test_a_connection_that_is_not_over_tcp_sends_as_before():
    from sokandelots.db import sent_together

    class Connection:
        closed = False

        def __init__(self, end):
            self.fileno = end.fileno

    ends = socket.socketpair()  # a Unix socket, as to a PostgreSQL on the same machine
    try:
        with sent_together(Connection(ends[0])):
            ends[0].sendall(b"ping")
        assert ends[1].recv(4) == b"ping" and ends[0].fileno() >= 0  # still open
    finally:
        for end in ends:
            end.close()


def test_the_pages_wait_for_the_database_a_few_times_whatever_they_read(app, users):
    # On PostgreSQL each query on its own waits for its answer, which costs the server and the
    # app more than the query; what a page reads that does not wait for other answers is asked
    # together (db.ask_together).
    from sokandelots.db import recorded_queries
    erik, coach = app.test_client(), app.test_client()
    login(erik, "erik")
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    login(coach, "coach")
    # page: (queries, round trips on PostgreSQL)
    expected = {(erik, "/me/"): (8, 2), (erik, "/me/profile/check"): (9, 2),
                (erik, "/me/profile/q/dream_job"): (3, 2), (erik, "/me/cards/"): (3, 2),
                (erik, "/me/cards/c/shop"): (3, 2), (erik, "/me/coach"): (7, 2),
                (coach, "/coach/"): (12, 3),
                (coach, f"/coach/participants/{users['erik'].id}/profile"): (6, 3)}
    for (client, page), figures in expected.items():
        client.get(page)
        with recorded_queries() as queries:
            assert client.get(page).status_code == 200
        assert (len(queries), queries.round_trips) == (
            figures if PG_URL else (figures[0], figures[0])), page
    # An autosave: the session, then the answer checked and stored in one statement.
    html = erik.get("/me/profile/q/dream_job").get_data(as_text=True)
    seen = re.search(r'name="seen"[^>]*value="([^"]*)"', html).group(1)
    token = csrf_token(erik, "/me/profile/q/dream_job")
    with recorded_queries() as queries:
        saved = erik.post("/me/profile/q/dream_job", headers={"HX-Request-Type": "partial"},
                          data={"csrf_token": token, "text": "Djur", "seen": seen})
    assert saved.status_code == 200 and "Sparat" in saved.get_data(as_text=True)
    assert (len(queries), queries.round_trips) == (2, 2)


def test_the_two_step_rule_is_read_again_after_a_few_seconds_and_at_once_when_changed_here(
        ctx, monkeypatch):
    # Every page of staff without two-step login asks whether the unit requires it.
    from types import SimpleNamespace
    from sokandelots import two_step
    from sokandelots.db import recorded_queries
    from sokandelots.models import Setting
    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(two_step, "time", SimpleNamespace(monotonic=lambda: clock.now))
    two_step.set_required(False)
    assert two_step.required() is False
    with recorded_queries() as queries:
        assert two_step.required() is False
    assert queries == []
    two_step.set_required(True)  # here: at once
    assert two_step.required() is True
    Setting.put(two_step.REQUIRED, "0")  # by another server
    clock.now += two_step.KEPT_SECONDS - 0.1
    assert two_step.required() is True
    clock.now += 0.1
    assert two_step.required() is False
