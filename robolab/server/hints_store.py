"""Queries for the hints a team asks about its own attempts (the ``hints`` table, schema 2).

Same rules as :mod:`robolab.server.store`: every function takes the connection first, runs in
the database thread and writes in one short transaction. A hint is one level (1-3) of one
attempt: asking the same level again counts in ``shown`` but is not a new hint, so "hints used"
on the dashboard is the number of (attempt, level) pairs a team saw.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from robolab import json_text
from robolab.server.db import transaction
from robolab.server.models import Event, Team
from robolab.server.store import add_event


@dataclass(frozen=True)
class HintTarget:
    """A team's attempt that hints are asked about, as stored (never as the tablet says).

    ``program`` is the canonical program (``None`` when it could not be read), ``workspace`` the
    Blockly workspace as sent, ``error`` the stored run's error object for a program that was
    neither; ``seen`` the levels already shown for this attempt.
    """

    attempt_id: int
    team_id: int
    challenge_id: str
    stars: int
    program: Any
    workspace: Any
    error: dict[str, Any] | None
    seen: tuple[int, ...]

    @property
    def next_level(self) -> int:
        return min(max(self.seen, default=0) + 1, 3)


_TARGET = (
    "SELECT id, team_id, challenge_id, stars, program, workspace, "
    "CASE WHEN program IS NULL AND workspace IS NULL "
    "THEN json_extract(result, '$.error') END AS error FROM attempts "
)


def hint_target(
    conn: sqlite3.Connection, team_id: int, challenge_id: str | None, attempt_id: int | None
) -> HintTarget | None:
    """The team's attempt ``attempt_id`` (on ``challenge_id`` if given), or its newest attempt on
    ``challenge_id``; ``None`` if there is none (or it is another team's)."""
    if attempt_id is not None:
        row = conn.execute(_TARGET + "WHERE id = ? AND team_id = ?", (attempt_id, team_id))
    else:
        row = conn.execute(
            _TARGET + "WHERE team_id = ? AND challenge_id = ? ORDER BY id DESC LIMIT 1",
            (team_id, challenge_id),
        )
    found = row.fetchone()
    if found is None or (challenge_id is not None and found["challenge_id"] != challenge_id):
        return None
    seen = conn.execute(
        "SELECT level FROM hints WHERE attempt_id = ? ORDER BY level", (found["id"],)
    ).fetchall()
    error = _loads(found["error"])
    return HintTarget(
        attempt_id=found["id"],
        team_id=found["team_id"],
        challenge_id=found["challenge_id"],
        stars=found["stars"],
        program=_loads(found["program"]),
        workspace=_loads(found["workspace"]),
        error=error if isinstance(error, dict) else None,
        seen=tuple(int(r[0]) for r in seen),
    )


def _loads(text: str | None) -> Any:
    return json_text.loads(text) if text else None


@dataclass(frozen=True)
class Recorded:
    """What recording a hint did: ``new`` unless this level of this attempt was shown before;
    ``used`` the team's hints on the challenge now; ``event`` to publish (new hints only)."""

    new: bool
    used: int
    seen: tuple[int, ...]
    event: Event | None


def record_hint(
    conn: sqlite3.Connection, team: Team, target: HintTarget, level: int, kind: str
) -> Recorded:
    """Records that ``team`` was shown hint ``level`` of the attempt (once per level; a repeat
    only counts in ``shown``), and the ``hint`` event for the dashboards."""
    now = time.time()
    with transaction(conn):
        before = conn.execute(
            "SELECT 1 FROM hints WHERE attempt_id = ? AND level = ?", (target.attempt_id, level)
        ).fetchone()
        conn.execute(
            "INSERT INTO hints (session_id, team_id, attempt_id, challenge_id, level, kind, "
            "created_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (attempt_id, level) DO UPDATE SET shown = shown + 1, "
            "last_at = excluded.last_at",
            (
                team.session_id,
                team.id,
                target.attempt_id,
                target.challenge_id,
                level,
                kind,
                now,
                now,
            ),
        )
        (used,) = conn.execute(
            "SELECT count(*) FROM hints WHERE team_id = ? AND challenge_id = ?",
            (team.id, target.challenge_id),
        ).fetchone()
        seen = tuple(
            int(r[0])
            for r in conn.execute(
                "SELECT level FROM hints WHERE attempt_id = ? ORDER BY level",
                (target.attempt_id,),
            )
        )
        event = None
        if before is None:
            conn.execute("UPDATE teams SET last_change = ? WHERE id = ?", (now, team.id))
            data = {
                "challenge": target.challenge_id,
                "attempt": target.attempt_id,
                "level": level,
                "kind": kind,
                "hints": int(used),
            }
            event = add_event(conn, team.session_id, team.id, "hint", data, now)
    return Recorded(before is None, int(used), seen, event)


def hint_counts(conn: sqlite3.Connection, session_id: int) -> dict[tuple[int, str], int]:
    """Per (team, challenge) of the session: how many hints were shown (levels of attempts)."""
    rows = conn.execute(
        "SELECT team_id, challenge_id, count(*) FROM hints WHERE session_id = ? "
        "GROUP BY team_id, challenge_id",
        (session_id,),
    )
    return {(int(r[0]), str(r[1])): int(r[2]) for r in rows}


def _hint_json(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "team": r["team_id"],
        "challenge": r["challenge_id"],
        "attempt": r["attempt_id"],
        "level": r["level"],
        "kind": r["kind"],
        "at": r["created_at"],
        "shown": r["shown"],
        "last_at": r["last_at"],
    }


def session_hints(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Every hint of the session in the order they were first shown (for the JSON export)."""
    rows = conn.execute("SELECT * FROM hints WHERE session_id = ? ORDER BY id", (session_id,))
    return [_hint_json(r) for r in rows]


@dataclass(frozen=True)
class AttemptHints:
    """An attempt of a session seen by a facilitator: what to recompute the hints from, and the
    levels the team was shown."""

    target: HintTarget
    hints: list[dict[str, Any]]


def attempt_hints(
    conn: sqlite3.Connection, session_id: int, attempt_id: int
) -> AttemptHints | None:
    """The hints shown for one attempt of this session (``None``: not an attempt of it)."""
    row = conn.execute(
        "SELECT team_id FROM attempts WHERE id = ? AND session_id = ?", (attempt_id, session_id)
    ).fetchone()
    if row is None:
        return None
    target = hint_target(conn, int(row[0]), None, attempt_id)
    if target is None:
        return None
    rows = conn.execute("SELECT * FROM hints WHERE attempt_id = ? ORDER BY level", (attempt_id,))
    return AttemptHints(target, [_hint_json(r) for r in rows])
