"""Database connections, kept from one request to the next rather than opened for each, and
long lists of ids in queries."""
from sokandelots.db import db, id_list, pooled
from sokandelots.models import User


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


def test_a_list_of_ids_is_written_into_the_query(ctx, users):
    ids = [users["erik"].id, users["amina"].id]
    query = User.select().where(User.id.in_(id_list(ids)))
    sql, parameters = query.sql()
    assert f"IN ({ids[0]},{ids[1]})" in sql and parameters == []
    assert {user.username for user in query} == {"erik", "amina"}
    assert not User.select().where(User.id.in_(id_list([]))).exists()
