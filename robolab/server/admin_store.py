"""The facilitator's changes to sessions: ladder and locks, messages, deleting and purging.

Same rules as :mod:`robolab.server.store`: every function takes the connection first, runs in
the database thread and writes in one short transaction; changes that tablets or dashboards
must hear about return the :class:`~robolab.server.models.Event` to publish.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from robolab.server.db import transaction
from robolab.server.models import Access, Event
from robolab.server.store import add_event, event_from_row, session_challenges

DAY = 86400.0

# When a session last saw anything: created, ended, a team's change, an event.
_LAST_ACTIVITY = """
max(s.created_at, coalesce(s.ended_at, 0),
    coalesce((SELECT max(t.last_change) FROM teams t WHERE t.session_id = s.id), 0),
    coalesce((SELECT max(e.at) FROM events e WHERE e.session_id = s.id), 0))
"""


def all_sessions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every session, newest first, with its numbers (teams, attempts, last activity)."""
    rows = conn.execute(
        "SELECT s.id, s.code, s.title, s.state, s.demo, s.created_at, s.ended_at, "
        "(SELECT count(*) FROM teams t WHERE t.session_id = s.id) AS teams, "
        "(SELECT count(*) FROM attempts a WHERE a.session_id = s.id) AS attempts, "
        "(SELECT count(*) FROM session_challenges c WHERE c.session_id = s.id) AS challenges, "
        f"{_LAST_ACTIVITY} AS last_activity FROM sessions s ORDER BY s.id DESC"
    ).fetchall()
    return [
        {
            "id": r["id"],
            "code": r["code"],
            "title": r["title"],
            "state": r["state"],
            "demo": bool(r["demo"]),
            "created_at": r["created_at"],
            "ended_at": r["ended_at"],
            "teams": r["teams"],
            "attempts": r["attempts"],
            "challenges": r["challenges"],
            "last_activity": r["last_activity"],
        }
        for r in rows
    ]


def _ladder_event(conn: sqlite3.Connection, session_id: int, now: float) -> Event:
    ladder = [{"id": cid, "access": a.value} for cid, a in session_challenges(conn, session_id)]
    return add_event(conn, session_id, None, "session.challenges", {"challenges": ladder}, now)


def set_ladder(
    conn: sqlite3.Connection, session_id: int, entries: Sequence[tuple[str, Access]]
) -> Event:
    """Replaces the session's challenges: this order, these accesses (duplicates dropped).

    Teams keep their attempts and progress on challenges taken out of the ladder.
    """
    now = time.time()
    unique = list({cid: access for cid, access in entries}.items())
    with transaction(conn):
        conn.execute("DELETE FROM session_challenges WHERE session_id = ?", (session_id,))
        conn.executemany(
            "INSERT INTO session_challenges (session_id, challenge_id, position, access) "
            "VALUES (?, ?, ?, ?)",
            [(session_id, cid, i, access.value) for i, (cid, access) in enumerate(unique)],
        )
        return _ladder_event(conn, session_id, now)


def set_access(
    conn: sqlite3.Connection, session_id: int, challenge_ids: Sequence[str] | None, access: Access
) -> Event:
    """Locks, opens or puts back in order some challenges of a session (``None``: all)."""
    now = time.time()
    with transaction(conn):
        if challenge_ids is None:
            conn.execute(
                "UPDATE session_challenges SET access = ? WHERE session_id = ?",
                (access.value, session_id),
            )
        else:
            conn.executemany(
                "UPDATE session_challenges SET access = ? "
                "WHERE session_id = ? AND challenge_id = ?",
                [(access.value, session_id, cid) for cid in challenge_ids],
            )
        return _ladder_event(conn, session_id, now)


def rename_session(conn: sqlite3.Connection, session_id: int, title: str) -> Event:
    now = time.time()
    with transaction(conn):
        conn.execute("UPDATE sessions SET title = ? WHERE id = ?", (title, session_id))
        return add_event(conn, session_id, None, "session.title", {"title": title}, now)


def add_message(conn: sqlite3.Connection, session_id: int, team_id: int | None, text: str) -> Event:
    """A message from the facilitator to every tablet (``team_id`` None) or to one team."""
    kind = "room.message" if team_id is None else "team.message"
    with transaction(conn):
        return add_event(conn, session_id, team_id, kind, {"text": text}, time.time())


def messages(conn: sqlite3.Connection, session_id: int, limit: int = 20) -> list[Event]:
    """The session's latest messages, oldest first."""
    rows = conn.execute(
        "SELECT * FROM events WHERE session_id = ? AND type IN ('room.message', 'team.message') "
        "ORDER BY id DESC LIMIT ?",
        (session_id, limit),
    ).fetchall()
    return [event_from_row(r) for r in reversed(rows)]


def team_in_session(conn: sqlite3.Connection, session_id: int, team_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM teams WHERE id = ? AND session_id = ?", (team_id, session_id)
    ).fetchone()
    return row is not None


def delete_session(conn: sqlite3.Connection, session_id: int) -> bool:
    """Deletes a session and everything of it (teams, tokens, attempts, programs, events).

    ``secure_delete`` (set on the connection) overwrites the freed pages, and the checkpoint
    empties the write-ahead log, so nothing of it stays readable in the files.
    """
    with transaction(conn):
        deleted = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
    if deleted:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return bool(deleted)


def purge_sessions(
    conn: sqlite3.Connection, keep_days: float, now: float | None = None
) -> list[int]:
    """Deletes every session idle for more than ``keep_days`` days; returns their ids."""
    if keep_days <= 0:
        return []
    limit = (time.time() if now is None else now) - keep_days * DAY
    rows = conn.execute(
        f"SELECT s.id FROM sessions s WHERE {_LAST_ACTIVITY} < ?", (limit,)
    ).fetchall()
    ids = [int(r[0]) for r in rows]
    if ids:
        with transaction(conn):
            conn.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in ids])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids
