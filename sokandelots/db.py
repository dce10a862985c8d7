"""The database: one proxy for the models, and a pooled connection per request."""
import os
import socket
import time
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache, wraps
from pathlib import Path

from peewee import (EXCLUDED, SQL, DatabaseProxy, Field, FieldAccessor, ForeignKeyAccessor,
                    ForeignKeyField, IntegerField, Model, ModelCursorWrapper,
                    ModelObjectCursorWrapper, PostgresqlDatabase, SqliteDatabase,
                    __exception_wrapper__, _StringField)
from playhouse.db_url import connect, parse
from playhouse.pool import PooledPostgresqlDatabase

db = DatabaseProxy()

# secure_delete: deleted rows are overwritten with zeros, so an erased person leaves no bytes in
# the file (some builds of SQLite do this by default, but not all).
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                  "secure_delete": 1}


def as_datetime(value):
    """A time from an aggregate or a raw query: SQLite gives it back as text, PostgreSQL not."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def as_date(value):
    """A date from an aggregate or a raw query, as `as_datetime` for times."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def id_list(ids):
    """Row ids for `Field.in_()`, written into the SQL as numbers: with hundreds of ids (a long
    caseload), a parameter for each takes more time to build than the query takes to run."""
    return SQL(_ids_text(ids))


def _ids_text(ids):
    return "(%s)" % (",".join(str(int(value)) for value in ids) or "NULL")


def upsert(model, keys, where=None, where_values=(), **values):
    """Store a row of `model` with `values`, or change the one with the same `keys` (names of
    its unique columns) to them. One statement, whole or not at all on its own: a transaction
    around it would only add two round trips to the database (BEGIN, COMMIT), on every autosave.
    With `where`, the row stored is only changed when a condition on it holds: `where(place)`
    gives the condition (the same for every call), with `place` where each of `where_values`
    goes, in order. Its SQL is made once for each shape (see `_upsert_sql`). Returns whether a
    row was stored or changed."""
    fields = model._meta.fields
    sql, names = _upsert_sql(db.obj, model, tuple(keys), tuple(values), where)
    return db.execute_sql(sql, [fields[name].db_value(values[name]) for name in names]
                          + list(where_values)).rowcount > 0


@lru_cache(maxsize=64)
def _upsert_sql(database, model, keys, names, where=None):
    """The SQL of an upsert of the columns `names` (only where `where` holds, see `upsert`), as
    Peewee writes it (for SQLite and PostgreSQL alike), with a placeholder for each value, and
    the names in the order of their placeholders (the model's; the condition's come after).
    Peewee made it anew for every autosave, which took longer than storing the answer."""
    fields = model._meta.fields
    names = sorted(names, key=lambda name: fields[name]._sort_key)
    query = model.insert({fields[name]: SQL(database.param) for name in names}).on_conflict(
        conflict_target=[fields[key] for key in keys],
        update={fields[name]: EXCLUDED[fields[name].column_name] for name in names
                if name not in keys}, where=where and where(SQL(database.param)))
    sql, params = database.get_sql_context().sql(query).query()
    assert not params, sql
    return sql, names


def new_private_file(path):
    """Create an empty file readable by this user only; FileExistsError when there is one.
    A database or a backup holds everything about every participant."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def private_file(path, create=True):
    """Take other users' access away from the file at `path`, or create it private."""
    path = Path(path)
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    elif create:
        new_private_file(path)


# Connections are kept in a pool and given to one request after another, rather than opened
# and closed for each (with its PRAGMAs, or a PostgreSQL backend started for it). A request
# waits up to `timeout` seconds when all are in use.
POOL = {"max_connections": 20, "stale_timeout": 600, "timeout": 10}


def pooled(url):
    """The URL of the same database, with a pool of connections."""
    scheme, rest = url.split("://", 1)
    return url if scheme.endswith("+pool") else f"{scheme}+pool://{rest}"


class PostgresqlPool(PooledPostgresqlDatabase):
    """Peewee's pool of PostgreSQL connections, which asks the server whether a connection
    still lives (`SELECT 1`) each time it hands one out: a round trip to the database on every
    request, a quarter of a question page's. This pool asks only of a connection that has lain
    unused for `ASK_AFTER` seconds. A connection the server dropped within those seconds of its
    last use (the server restarted) fails the one request it is handed to and is then closed."""

    ASK_AFTER = 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._returned = {}  # connection key: when it came back to the pool (time.monotonic)

    def _is_closed(self, conn):
        returned = self._returned.pop(self.conn_key(conn), None)
        if (returned is not None and time.monotonic() - returned < self.ASK_AFTER
                and not conn.closed
                and self._adapter.txn_status(conn) == self._adapter.txn_idle):
            return False
        return super()._is_closed(conn)

    def _close(self, conn, close_conn=False):
        key = self.conn_key(conn)
        if not close_conn and key in self._in_use:  # lent out and now coming back
            self._returned[key] = time.monotonic()
        super()._close(conn, close_conn)

    def _close_raw(self, conn):
        self._returned.pop(self.conn_key(conn), None)
        super()._close_raw(conn)


def open_database(url):
    """Point the proxy at the database named by a URL (with a pool) and return it."""
    options = dict(POOL)
    url = pooled(url)
    if url.startswith("sqlite"):
        # A pooled connection may serve another thread's next request (never two at once).
        options.update(pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    if url.startswith(("postgres+pool:", "postgresql+pool:")):
        database = PostgresqlPool(**{**parse(url), **options})
    else:
        database = connect(url, **options)
    if isinstance(database, SqliteDatabase) and database.database != ":memory:":
        # SQLite gives its -wal and -shm files the permissions of the database.
        for suffix in ("", "-wal", "-shm"):
            private_file(database.database + suffix, create=not suffix)
    if hasattr(db.obj, "close_idle"):
        db.obj.close_idle()  # the idle connections of the database used before
    db.initialize(database)
    return database


def init_app(app):
    open_database(app.config["DATABASE_URL"])

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            db.close()  # back to the pool


class Recorded(list):
    """The SQL of each statement run (see `recorded_queries`), and `round_trips`: how many times
    the app waited for the database's answers (statements sent together count once)."""
    round_trips = 0


_recordings = []  # the Recorded being filled


@contextmanager
def recorded_queries():
    """The SQL of every statement the database runs inside the `with` block, in a `Recorded`
    list: for tests and measurements that count the queries of a page."""
    recorded = Recorded()
    database = db.obj
    original = database.execute_sql

    def recording(sql, *args, **kwargs):
        recorded.append(sql)
        recorded.round_trips += 1
        return original(sql, *args, **kwargs)

    database.execute_sql = recording
    _recordings.append(recorded)
    try:
        yield recorded
    finally:
        _recordings.remove(recorded)
        del database.execute_sql  # the class's own method again


def _peewee_rows(cursor, query):
    return list(query._get_cursor_wrapper(cursor))


def _plain(model, column):
    """Whether `column` is a field of `model` whose value Peewee keeps as it is in its data."""
    field = model._meta.fields.get(column)
    return field is not None and field.accessor_class in (FieldAccessor, ForeignKeyAccessor)


# Fields whose conversion gives back what both databases give for them: a whole number for an
# integer (or a foreign key to one), a str for text. Converting each value anyway took a
# fifth of making a row's models.
_AS_READ = {IntegerField.adapt, _StringField.adapt}


def _needed(convert):
    """`convert` (a field's python_value), or None when it gives back what it is given."""
    field = getattr(convert, "__self__", None)
    while isinstance(field, ForeignKeyField):
        field = field.rel_field
    if (isinstance(field, Field) and type(field).python_value is Field.python_value
            and type(field).adapt in _AS_READ):
        return None
    return convert


def models_maker(wrapper):
    """How to make the models of a query's rows faster than Peewee does, for models (joined or
    not) made of plain fields: Peewee sets every value through the field's descriptor, and for
    a list of hundreds of cases that took longer than reading them. The models come out as
    Peewee makes them (the same data, the joined models in place, nothing marked as changed).
    Returns `make(cursor, query)`; for any other query, Peewee's own way."""
    wrapper.initialize()
    if type(wrapper) is ModelObjectCursorWrapper and wrapper.is_model:
        root = wrapper.constructor
        models, joins = {root: root}, []
        spec = [(idx, root, column, convert)
                for idx, (column, convert) in enumerate(zip(wrapper.unique_columns,
                                                            wrapper.converters))]
    elif type(wrapper) is ModelCursorWrapper:
        root = wrapper.model
        if not all(is_model for _, _, is_model in wrapper._constructor_list):
            return _peewee_rows
        models = {key: constructor for key, constructor, _ in wrapper._constructor_list}
        if any(is_dict or not is_fk or is_outer
               for _, _, _, is_dict, is_outer, is_fk in wrapper.src_to_dest):
            return _peewee_rows
        joins = [(src, attr, dest, wrapper._dest_reachable.get(dest, frozenset()),
                  models[src]._meta.fields[attr].rel_field.name)
                 for src, attr, dest, *_ in wrapper.src_to_dest]
        spec = list(wrapper._row_spec)
    else:
        return _peewee_rows
    if not all(_plain(models[key], column) for _, key, column, _ in spec):
        return _peewee_rows
    columns = [(key, model, [(idx, column, _needed(convert)) for idx, of, column, convert in spec
                             if of is key])
               for key, model in models.items()]

    def make(cursor, query):
        made = []
        for row in cursor.fetchall():
            objects, filled = {}, set()
            for key, model, fields in columns:
                obj = objects[key] = model.__new__(model)
                obj.__data__ = data = {}
                obj._dirty, obj.__rel__ = set(), {}
                for idx, column, convert in fields:
                    value = row[idx]
                    if value is not None:
                        filled.add(key)
                    data[column] = value if convert is None else convert(value)
            # An inner join's model is put in place when any of its columns (or of the models
            # joined to it) has a value, as Peewee does.
            for src, attr, dest, reachable, key_field in joins:
                if dest in filled or reachable & filled:
                    joined, obj = objects[dest], objects[src]
                    obj.__data__[attr] = joined.__data__.get(key_field)
                    obj.__rel__[attr] = joined
            made.append(objects[root])
        cursor.close()
        return made
    return make


class Prepared:
    """A query whose SQL is made once for each database. Peewee makes a query's SQL anew each
    time it runs, and for the small queries that every page runs that took longer than running
    them. `build` gets stand-ins for the values and returns the query; calling the Prepared with
    the values runs that SQL with them and gives the rows as the query would (models, with
    joined models, made as `models_maker` says). `lists`: the places of values that are lists
    of row ids, which the query writes with `id_list`; each run writes the ids it is given."""

    def __init__(self, build, values=1, lists=()):
        self.build, self.lists, self.made = build, lists, None
        self.stand_ins = [[-987654300 - n] if n in lists else -987654300 - n
                          for n in range(values)]

    def __call__(self, *values):
        return self.rows(self.send(*values))

    def then(self, finish):
        """Decorates `finish(rows, *values)`: the function of the values that runs this query
        and gives what `finish` makes of its rows. Its `ask(*values)` is the same question as an
        `Ask`, to be asked with others in one round trip (see `ask_together`)."""
        @wraps(finish)
        def run(*values):
            return finish(self(*values), *values)
        run.ask = lambda *values: self.ask(*values, finish=lambda rows: finish(rows, *values))
        return run

    def ask(self, *values, finish=None):
        """The query with these values as an `Ask`: its rows, or what `finish(rows)` makes. A
        query for an empty list of ids has no rows: it is not sent."""
        finish = finish or (lambda rows: rows)
        if any(not values[n] for n in self.lists):
            return Ask.known(finish([]))
        return Ask([(self, values)], finish)

    def send(self, *values):
        """Run the query with the values; `rows` gives what comes back."""
        database = db.obj
        if self.made is None or self.made[0] is not database:
            query = self.build(*self.stand_ins)
            sql, params = query.sql()
            # A stand-in comes back as it was, or as text for a text column.
            where = {value: n for n, stand_in in enumerate(self.stand_ins) if n not in self.lists
                     for value in (stand_in, str(stand_in))}
            slots = [(place, where[value]) for place, value in enumerate(params)
                     if isinstance(value, (int, str)) and value in where]
            written = [(n, _ids_text(self.stand_ins[n])) for n in self.lists]
            assert all(sql.count(text) == 1 for _, text in written), sql
            assert {n for _, n in slots} | set(self.lists) == set(range(len(self.stand_ins))), sql
            self.made = [database, query, sql, params, slots, written, None]
        _, query, sql, params, slots, written, make = self.made
        values = [value.get_id() if isinstance(value, Model) else value for value in values]
        params = list(params)
        for place, n in slots:
            params[place] = values[n]
        for n, text in written:
            sql = sql.replace(text, _ids_text(values[n]))
        return database.execute_sql(sql, params)

    def rows(self, cursor):
        """The rows of a run of the query (see `send`), as the query would give them."""
        _, query, _, _, _, _, make = self.made
        if make is None:
            make = self.made[-1] = models_maker(query._get_cursor_wrapper(cursor))
        return make(cursor, query)

    def first(self, *values):
        found = self(*values)
        return found[0] if found else None


class Ask:
    """Questions to the database (`queries`: Prepared with their values) and what to make of
    their rows (`finish(*rows)`, one list of rows for each query). Calling it asks them; it can
    also be asked with others (see `ask_together`). `Prepared.ask` and `Prepared.then` make one
    of a query, `Ask.all` one of several."""

    def __init__(self, queries, finish):
        self.queries, self.finish = queries, finish

    def __call__(self):
        return ask_together(self)[0]

    def then(self, make):
        """The same questions, giving what `make` makes of what this Ask gives (`make` may ask
        the database more: what depends on these answers)."""
        return Ask(self.queries, lambda *rows: make(self.finish(*rows)))

    @classmethod
    def known(cls, value):
        """An Ask that needs no query: it gives `value`."""
        return cls([], lambda: value)

    @classmethod
    def all(cls, *asks, then=lambda *results: results):
        """One Ask of several: `then` gets what each of them makes, in order (None for an ask
        that is None)."""
        asks = [_NOTHING if ask is None else ask for ask in asks]

        def finish(*rows):
            results, at = [], 0
            for ask in asks:
                results.append(ask.finish(*rows[at:at + len(ask.queries)]))
                at += len(ask.queries)
            return then(*results)
        return cls([query for ask in asks for query in ask.queries], finish)


_NOTHING = Ask.known(None)


def asking(make_ask):
    """Decorates a function that makes an Ask: calling the function asks at once and gives what
    the Ask makes; its `ask` gives the Ask itself, to be asked with others (see `ask_together`)."""
    @wraps(make_ask)
    def run(*args, **kwargs):
        return make_ask(*args, **kwargs)()
    run.ask = make_ask
    return run


def ask_together(*asks):
    """What each Ask makes of its answers (None for an ask that is None), in order, for
    questions that do not wait for one another's answers. On PostgreSQL they go out in one round
    trip (a pipeline: every query is sent, then the answers are read), where each query on its
    own waits for the one before: on the participant's home page that took seven round trips,
    each costing the server and the app more than the query itself. SQLite, in the app's own
    process, runs them one by one."""
    combined = Ask.all(*asks)
    queries, database = combined.queries, db.obj
    if isinstance(database, PostgresqlDatabase) and len(queries) > 1:
        # An error of a query comes when the answers are read: as Peewee's, like any other.
        connection = database.connection()
        with __exception_wrapper__, connection.pipeline():
            with sent_together(connection):
                sent = [prepared.send(*values) for prepared, values in queries]
        # Leaving the pipeline sent it off and took in every answer.
        for recorded in _recordings:
            recorded.round_trips -= len(queries) - 1
        rows = [prepared.rows(cursor) for (prepared, _), cursor in zip(queries, sent)]
    else:
        rows = [prepared(*values) for prepared, values in queries]
    return combined.finish(*rows)


@contextmanager
def sent_together(connection):
    """What a psycopg `connection` sends inside the block leaves together when the block ends
    (Linux's TCP_CORK on its socket). In a pipeline psycopg sends each query as soon as it is
    made: the server woke up for each one, often on the processor the app was using. On the
    participant's home page (seven queries together) that made ten switches between processes
    a request, now five; the server's CPU per request went from 0.38-0.48 ms to 0.31-0.38
    (`make bench`). A connection that is not over TCP (a Unix socket) sends as before."""
    held = None
    if _CORK is not None:
        # Family, type and protocol given: no system call to find them out.
        held = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0, connection.fileno())
        try:
            held.setsockopt(socket.IPPROTO_TCP, _CORK, 1)
        except OSError:
            held.detach()
            held = None
    try:
        yield
    finally:
        if held is not None:
            try:
                if not connection.closed:  # else its number may be another file's by now
                    held.setsockopt(socket.IPPROTO_TCP, _CORK, 0)
            finally:
                held.detach()


_CORK = getattr(socket, "TCP_CORK", None)
