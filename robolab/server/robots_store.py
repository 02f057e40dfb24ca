"""Database queries for the robots: a team's current program on a challenge, and the ``robot.job``
events of the session's stream (each change of a job is stored, for the history and exports)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from robolab.server.db import transaction
from robolab.server.models import Event
from robolab.server.store import add_event


@dataclass(frozen=True)
class LastAttempt:
    """A team's newest attempt on a challenge, and its autosaved workspace (if any)."""

    id: int
    solved: bool
    program: dict[str, Any] | None
    at: float
    workspace: Any
    workspace_at: float | None


def last_attempt(conn: sqlite3.Connection, team_id: int, challenge_id: str) -> LastAttempt | None:
    row = conn.execute(
        "SELECT id, solved, program, created_at FROM attempts "
        "WHERE team_id = ? AND challenge_id = ? ORDER BY id DESC LIMIT 1",
        (team_id, challenge_id),
    ).fetchone()
    if row is None:
        return None
    saved = conn.execute(
        "SELECT workspace, updated_at FROM workspaces WHERE team_id = ? AND challenge_id = ?",
        (team_id, challenge_id),
    ).fetchone()
    return LastAttempt(
        id=row["id"],
        solved=bool(row["solved"]),
        program=json.loads(row["program"]) if row["program"] else None,
        at=row["created_at"],
        workspace=json.loads(saved["workspace"]) if saved else None,
        workspace_at=saved["updated_at"] if saved else None,
    )


def job_event(
    conn: sqlite3.Connection, session_id: int, team_id: int, data: dict[str, Any]
) -> Event:
    """Stores a ``robot.job`` event (the job's new state) and returns it, ready to publish."""
    with transaction(conn):
        return add_event(conn, session_id, team_id, "robot.job", data, time.time())
