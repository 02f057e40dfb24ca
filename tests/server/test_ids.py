"""Ids are never given twice: a deleted session's, team's or attempt's id stays retired.

Found by the stateful session test (tests/server/test_session_machine.py): SQLite gives the
next row the id of a deleted newest row, so a dashboard or projector left open on a deleted
session showed the next one, and robots assigned (in memory) to a deleted team went to a new
team of another session.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from robolab.server import admin_store, store
from robolab.server.db import connect, migrate
from robolab.server.schema import MIGRATIONS, SCHEMA_VERSION

RESULT = {
    "challenge": "tiny/line",
    "solved": False,
    "stars": 0,
    "outcome": "crash",
    "steps": 1,
    "ticks": 1,
    "blocks": 1,
}


def _room(conn: sqlite3.Connection) -> tuple[int, int, int]:
    session = store.create_session(conn, "t", ["tiny/line"])
    team, _, _ = store.create_team(conn, session.id, "fox", "red")
    attempt, _, _ = store.record_attempt(conn, team, dict(RESULT), program=None, workspace=None)
    return session.id, team.id, attempt


def test_the_newest_deleted_ids_are_not_given_again(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.sqlite3")
    first = _room(conn)
    assert admin_store.delete_session(conn, first[0])
    second = _room(conn)
    assert all(b > a for a, b in zip(first, second, strict=True)), (first, second)
    assert admin_store.purge_sessions(conn, 1, now=10**12) == [second[0]]  # purged: the same
    third = _room(conn)
    assert all(c > b for b, c in zip(second, third, strict=True)), (second, third)
    conn.close()


def test_an_older_data_folder_gets_the_rule_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("PRAGMA foreign_keys=ON")
    old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        old.executescript(
            f"BEGIN; {script}; DELETE FROM schema_version; "
            f"INSERT INTO schema_version VALUES ({number}); COMMIT;"
        )
    old.close()
    conn = connect(path)  # migrates
    assert migrate(conn) == SCHEMA_VERSION
    first = _room(conn)
    admin_store.delete_session(conn, first[0])
    assert _room(conn)[0] > first[0]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
