"""PostgreSQL databases for tests: copies of one migrated template database per test process.

Running every migration and adding the demo data takes most of a test's set-up; copying a
template database (CREATE DATABASE ... TEMPLATE) takes a fraction of it. A thread of its own
makes the next copy while a test runs and drops used ones afterwards, so that a test seldom
waits for either."""
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from peewee import PostgresqlDatabase
from playhouse.db_url import parse


class Copies:
    def __init__(self, server_url, build_template):
        """`build_template(url)` migrates the empty database at `url` and adds the demo data."""
        self.server_url, self.build_template = server_url, build_template
        self.template, self.next, self.in_use = None, None, set()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgres-copies")

    def url(self, database):
        """The server's URL for `database`; the tests' commits need not wait for the disk."""
        return (urlsplit(self.server_url)._replace(path="/" + database, query="").geturl()
                + "?options=-csynchronous_commit%3Doff")

    def run(self, sql):
        server = PostgresqlDatabase(**parse(self.server_url))
        server.execute_sql(sql)
        server.close()

    def take(self):
        """The name of a new database with the demo data, the caller's until `drop`."""
        if self.template is None:
            self.template = "tpl_" + uuid.uuid4().hex[:12]
            self.run(f"CREATE DATABASE {self.template}")
            self.build_template(self.url(self.template))
            self.next = self.worker.submit(self._copy)
        name = self.next.result()
        self.next = self.worker.submit(self._copy)
        self.in_use.add(name)
        return name

    def drop(self, name):
        """Drop a database from `take`, in the background."""
        if name in self.in_use:
            self.in_use.discard(name)
            self.worker.submit(self._drop, name)

    def drop_all(self):
        """Drop every database this process made, and wait for it: at the end of the tests."""
        for name in list(self.in_use):
            self.drop(name)
        if self.next is not None:
            self.worker.submit(self._drop, self.next.result())
            self.worker.submit(self._drop, self.template)
            self.template = self.next = None
        self.worker.shutdown(wait=True)

    def _copy(self):
        name = "t_" + uuid.uuid4().hex[:12]
        self.run(f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY WAL_LOG")
        return name

    def _drop(self, name):
        self.run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
