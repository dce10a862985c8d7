"""PostgreSQL databases for tests: a few copies of one migrated template database per test
process, put back to the template's data between tests.

Running every migration and adding the demo data takes most of a test's set-up; copying a
template database (CREATE DATABASE ... TEMPLATE) takes a fraction of it, but dropping one makes
PostgreSQL write a checkpoint to disk, which takes longer than most tests. So a used database is
kept and reset instead: its tables are emptied and filled again from a snapshot of the demo data
(the schema `pristine`, made in the template and so in every copy), and its sequences set back.
The demo data is a few dozen rows, so this takes a few milliseconds. A test that changed the
tables themselves (the migration tests do) leaves a database that is dropped, not reset.

A thread of its own readies the next database while a test runs and resets used ones
afterwards, so that a test seldom waits for either."""
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from peewee import PostgresqlDatabase
from playhouse.db_url import parse

# Every table, column, default, index and constraint of the schema `public`, in one value.
SCHEMA = """
SELECT md5(concat(
  (SELECT string_agg(concat_ws(' ', c.relname, c.relkind, a.attnum, a.attname,
                               format_type(a.atttypid, a.atttypmod), a.attnotnull,
                               pg_get_expr(d.adbin, d.adrelid)), ';'
                     ORDER BY c.relname, a.attnum)
   FROM pg_class c
   LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
   WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(conname || pg_get_constraintdef(oid), ';' ORDER BY conname)
   FROM pg_constraint WHERE connamespace = 'public'::regnamespace)))
"""

# Ends every other connection to the database, so that none holds a lock or an open transaction.
OTHERS = """
SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def quoted(name):
    return '"%s"' % name.replace('"', '""')


class Copies:
    def __init__(self, server_url, build_template):
        """`build_template(url)` migrates the empty database at `url` and adds the demo data."""
        self.server_url, self.build_template = server_url, build_template
        self.template, self.next, self.in_use, self.free = None, None, set(), []
        self.schema = self.reset_sql = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgres-copies")

    def url(self, database):
        """The server's URL for `database`; the tests' commits need not wait for the disk."""
        return (urlsplit(self.server_url)._replace(path="/" + database, query="").geturl()
                + "?options=-csynchronous_commit%3Doff")

    def connect(self, database=None):
        """A connection to the server, or to `database` on it."""
        return PostgresqlDatabase(**parse(self.url(database) if database else self.server_url))

    def run(self, sql):
        server = self.connect()
        server.execute_sql(sql)
        server.close()

    def take(self):
        """The name of a database with the demo data and nothing else, the caller's until
        `give_back`."""
        if self.template is None:
            self.template = "tpl_" + uuid.uuid4().hex[:12]
            self.run(f"CREATE DATABASE {self.template}")
            self.build_template(self.url(self.template))
            self._snapshot()
            self.next = self.worker.submit(self._ready)
        name = self.next.result()
        self.next = self.worker.submit(self._ready)
        self.in_use.add(name)
        return name

    def give_back(self, name):
        """Reset a database from `take` for a later test, in the background."""
        if name in self.in_use:
            self.in_use.discard(name)
            self.worker.submit(self._reset, name)

    def drop_all(self):
        """Drop every database this process made, and wait for it: at the end of the tests."""
        for name in list(self.in_use):
            self.give_back(name)
        if self.template is not None:
            self.worker.submit(self._drop_every_copy).result()
        self.worker.shutdown(wait=True)

    def _snapshot(self):
        """Keep the template's data in the schema `pristine`, and write the SQL that puts it
        back: one statement empties all tables and one fills them; a statement checks foreign
        keys at its end, so the order of the tables does not matter."""
        template = self.connect(self.template)
        tables = [row[0] for row in template.execute_sql(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' ORDER BY relname").fetchall()]
        sequences = template.execute_sql(
            "SELECT quote_ident(sequencename), coalesce(last_value, start_value), "
            "last_value IS NOT NULL FROM pg_sequences WHERE schemaname = 'public'").fetchall()
        template.execute_sql("CREATE SCHEMA pristine;" + "".join(
            f"CREATE TABLE pristine.{quoted(table)} AS TABLE public.{quoted(table)};"
            for table in tables))
        self.schema = template.execute_sql(SCHEMA).fetchone()[0]
        template.close()

        def each(statement):
            return "WITH " + ", ".join(f"t{number} AS ({statement.format(quoted(table))})"
                                       for number, table in enumerate(tables)) + " SELECT 1;"
        self.reset_sql = "".join([
            "BEGIN;", each("DELETE FROM public.{}"),
            each("INSERT INTO public.{0} SELECT * FROM pristine.{0}"),
            "SELECT 1", *(f", setval('public.{name}', {value}, {called})"
                          for name, value, called in sequences),
            ";COMMIT;"])

    def _ready(self):
        return self.free.pop() if self.free else self._copy()

    def _copy(self):
        name = "t_" + uuid.uuid4().hex[:12]
        self.run(f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY WAL_LOG")
        return name

    def _reset(self, name):
        database = self.connect(name)
        database.execute_sql(OTHERS)
        unchanged = database.execute_sql(SCHEMA).fetchone()[0] == self.schema
        if unchanged:
            database.execute_sql(self.reset_sql)
        database.close()
        if unchanged:
            self.free.append(name)
        else:
            self._drop(name)

    def _drop_every_copy(self):
        for name in [*self.free, self.next.result(), self.template]:
            self._drop(name)
        self.template, self.next, self.free = None, None, []

    def _drop(self, name):
        self.run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
