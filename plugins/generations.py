"""A running server follows the builds: when policy.db names a new file (a build moved the link to the
generation it wrote), the server moves to it between requests, without a restart.

A request sees one build, whole: the move waits until the requests in flight on the old file have finished
(new requests wait meanwhile, for at most MAX_WAIT seconds), then replaces the database in one step of the
event loop. Requests already running keep the database object they started with; the old file stays whole
while they read it (ingest/builder/store.py writes a slot only after it has been out of service a while).
"""
import asyncio
import os
import sqlite3
import threading
import time

from datasette import hookimpl
from datasette.database import Database
from datasette.plugins import pm

from ingest.fileid import file_identity

CHECK_EVERY = 0.5  # seconds between looks at the database files
MAX_WAIT = 2.0  # seconds the move waits for requests in flight before it goes ahead anyway


def _count_tables(path):
    """Row counts of every table of a file, as `datasette inspect` records them (done once per generation)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = [t for (t,) in conn.execute("select name from sqlite_master where type = 'table'")]
        return {t: {"count": conn.execute(f"select count(*) from [{t}]").fetchone()[0]} for t in tables}
    finally:
        conn.close()


class Generation(Database):
    """A database file of one generation. Datasette 0.65 keeps each thread's connection in one thread-local
    slot per database name, so a database opened anew under the same name would go on reading the old file
    through the old connections: a generation keeps its own connections, opened and prepared as Datasette
    prepares its own (row factory, text factory, cache size, the plugins' prepare_connection hooks)."""

    def __init__(self, ds, path, is_mutable):
        super().__init__(ds, path=path, is_mutable=is_mutable)
        self._connections = threading.local()

    def _prepared(self):
        conn = getattr(self._connections, "conn", None)
        if conn is None:
            conn = self.connect()
            conn.row_factory = sqlite3.Row
            conn.text_factory = lambda x: str(x, "utf-8", "replace")
            if self.ds.setting("cache_size_kb"):
                conn.execute(f"PRAGMA cache_size=-{self.ds.setting('cache_size_kb')}")
            pm.hook.prepare_connection(conn=conn, database=self.name, datasette=self.ds)
            self._connections.conn = conn
        return conn

    async def execute_fn(self, fn):
        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, lambda: fn(self._prepared()))


class Follower:
    def __init__(self, datasette):
        self.datasette = datasette
        self.in_flight = 0
        self.checked = 0.0
        self.seen = {}  # database name -> identity of the file it was opened on
        self.moving = None  # an asyncio.Lock while a move is under way

    def files(self):
        return {name: db for name, db in self.datasette.databases.items() if db.path and not db.is_memory}

    async def before_request(self):
        if self.moving is not None and self.moving.locked():
            async with self.moving:  # a move is under way: this request starts on the new database
                pass
        now = time.monotonic()
        if now - self.checked < CHECK_EVERY:
            return
        self.checked = now
        for name, db in self.files().items():
            current = file_identity(db.path)
            if name not in self.seen:
                self.seen[name] = current
            elif current is not None and current != self.seen[name]:
                await self.move(name, db, current)

    async def move(self, name, db, current):
        self.moving = self.moving or asyncio.Lock()
        async with self.moving:
            if self.seen.get(name) == current:
                return  # another request moved it meanwhile
            counts = await asyncio.get_running_loop().run_in_executor(None, _count_tables, db.path)
            deadline = time.monotonic() + MAX_WAIT
            while self.in_flight and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            fresh = Generation(self.datasette, path=db.path, is_mutable=db.is_mutable)
            if not db.is_mutable:
                # Immutable databases take their row counts from the inspect data; the new generation's counts
                # replace the old ones.
                self.datasette.inspect_data = {**(self.datasette.inspect_data or {}),
                                               name: {"file": os.path.basename(db.path), "tables": counts}}
            # Between these two lines no other request runs (no await): none finds the database missing.
            self.datasette.remove_database(name)
            self.datasette.add_database(fresh, name=name, route=db.route)
            self.seen[name] = current


@hookimpl
def asgi_wrapper(datasette):
    follower = Follower(datasette)

    def wrap(app):
        async def follow(scope, receive, send):
            if scope["type"] == "http":
                await follower.before_request()
                follower.in_flight += 1
                try:
                    await app(scope, receive, send)
                finally:
                    follower.in_flight -= 1
            else:
                await app(scope, receive, send)

        return follow

    return wrap
