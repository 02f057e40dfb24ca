"""When the database cannot do what was asked: a full disk, a lock held by another program, an
I/O error. These are the machine's problems, not the client's and not bugs: the request gets a
503 with a sentence that says what to do, the facilitator's pages get a notice, the terminal one
line (at most every few seconds per kind), and nothing is half-written (each write is one
transaction, rolled back; see :func:`robolab.server.db.transaction`).
"""

from __future__ import annotations

import logging
import sqlite3
import time

from robolab.server.http import ApiError
from robolab.server.hub import FLEET_TOPIC, Hub
from robolab.server.models import Event
from robolab.server.texts import both, say

log = logging.getLogger("robolab.server")

FULL, BUSY, BROKEN = "db.full", "db.busy", "db.broken"
NOTICE_EVERY = 10.0
"""Seconds between two notices of the same kind (a full disk fails every request)."""

_FULL_CODES = frozenset({sqlite3.SQLITE_FULL})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_MACHINE_CODES = (
    _FULL_CODES
    | _BUSY_CODES
    | {
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_PROTOCOL,
    }
)


def _primary(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_machine_problem(exc: BaseException) -> bool:
    """True for the database errors that come from the machine (a full disk, a lock, an I/O
    error, a damaged file), False for those that come from a bug in RoboLab (a wrong query, a
    broken constraint: SQLite's plain ``SQLITE_ERROR`` and the constraint codes)."""
    return isinstance(exc, sqlite3.DatabaseError) and _primary(exc) in _MACHINE_CODES


def problem_key(exc: sqlite3.Error) -> str:
    """``db.full``, ``db.busy`` or ``db.broken`` for a database error."""
    primary = _primary(exc)
    if primary in _FULL_CODES:
        return FULL
    if primary in _BUSY_CODES:
        return BUSY
    return BROKEN


def problem_error(exc: sqlite3.Error) -> ApiError:
    """The 503 answer for a database problem."""
    key = problem_key(exc)
    return ApiError(503, key, reason=str(exc)[:120])


class ProblemNotices:
    """Tells the facilitators (their pages and the terminal) about database problems, without
    repeating the same one more than every :data:`NOTICE_EVERY` seconds."""

    def __init__(self) -> None:
        self._last: dict[str, float] = {}

    def notice(self, exc: sqlite3.Error, hub: Hub) -> str:
        """Says it (unless said just now); returns the problem's key."""
        key = problem_key(exc)
        now = time.monotonic()
        if now - self._last.get(key, -NOTICE_EVERY) < NOTICE_EVERY:
            return key
        self._last[key] = now
        message = both(key, reason=str(exc)[:120])
        log.warning(say("db.log", "en", message=message["en"]))
        event = Event("server.problem", 0, None, {"code": key, "message": message}, time.time())
        hub.publish(event, [FLEET_TOPIC])
        return key
