"""The embedded SQLite database: one connection, in WAL mode, owned by one worker thread.

The event loop never waits on SQLite: every query runs in the database thread (``await
db.run(fn, ...)`` calls ``fn(connection, ...)`` there). One thread also means one writer, so
transactions are short and never contend. With WAL and ``synchronous=NORMAL`` a committed
transaction survives the server process being killed.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from robolab.server.schema import MIGRATIONS, SCHEMA_VERSION

P = ParamSpec("P")
T = TypeVar("T")
DB_FILE = "robolab.sqlite3"
BUSY_TIMEOUT_MS = 5000
"""How long a write waits for a lock held by another program (then: 503 ``db.busy``)."""


class SchemaTooNew(RuntimeError):
    """The database was written by a newer RoboLab (its schema version is unknown here)."""


def connect(path: Path) -> sqlite3.Connection:
    """Opens (creating if needed) and migrates the database at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    # Deleted sessions are overwritten, not just unlinked (privacy: see admin_store).
    conn.execute("PRAGMA secure_delete=ON")
    migrate(conn)
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Runs the migrations the database has not seen yet; returns the schema version."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(f"schema version {current} > {SCHEMA_VERSION}")
    for number in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[number - 1]
        # executescript() commits first and runs in autocommit mode: wrap it explicitly.
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{script}\n"
            f"DELETE FROM schema_version; INSERT INTO schema_version VALUES ({number});\nCOMMIT;"
        )
    return SCHEMA_VERSION


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error, the commit's included).

    A commit can fail too (a full disk, an I/O error); SQLite then may or may not have rolled
    back by itself. Either way the connection leaves here outside any transaction, or the next
    ``BEGIN`` would fail for ever after one full disk.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the first error is the one to tell
                conn.execute("ROLLBACK")
        raise


class Database:
    """An open database and the thread that owns its connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="robolab-db")
        self._conn: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, path: Path) -> Database:
        db = cls(path)
        try:
            await db._submit(db._connect)
        except BaseException:
            db._executor.shutdown(wait=False)
            raise
        return db

    def _connect(self) -> None:
        self._conn = connect(self.path)

    async def run(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Calls ``fn(connection, *args, **kwargs)`` in the database thread."""
        return await self._submit(partial(self._call, fn, *args, **kwargs))

    def _call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        if self._conn is None:
            raise RuntimeError("database is closed")
        return fn(self._conn, *args, **kwargs)

    async def _submit(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def close(self) -> None:
        if self._conn is not None:
            await self._submit(self._close)
        self._executor.shutdown(wait=True)

    def _close(self) -> None:
        if self._conn is not None:
            with suppress(sqlite3.Error):  # a full disk or a lock must not stop the shutdown
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None
