"""Read-only queries for the facilitator: the dashboard's grid, a team's attempts, exports.

Every function takes the connection first and runs in the database thread. Facilitators see
every team of a session; each query is still scoped by session id, so an attempt number from
another session is simply not found.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from robolab.server import admin_store, hints_store, store
from robolab.server.models import Access, Event, Session, Team


@dataclass(frozen=True)
class DashboardRows:
    """Everything the live dashboard starts from, read in one trip to the database thread."""

    session: Session
    challenges: list[tuple[str, Access]]
    teams: list[Team]
    cells: list[dict[str, Any]]
    current: dict[int, str]
    seq: int
    messages: list[Event]


def dashboard_rows(conn: sqlite3.Connection, session_id: int) -> DashboardRows | None:
    session = store.session_by_id(conn, session_id)
    if session is None:
        return None
    cells = _cells(conn, session_id)
    (seq,) = conn.execute(
        "SELECT coalesce(max(id), 0) FROM events WHERE session_id = ?", (session_id,)
    ).fetchone()
    return DashboardRows(
        session=session,
        challenges=store.session_challenges(conn, session_id),
        teams=store.teams_of(conn, session_id),
        cells=cells,
        current=_current(conn, session_id, cells),
        seq=int(seq),
        messages=admin_store.messages(conn, session_id),
    )


def _cells(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Per team and challenge tried: attempts, best stars, times, best blocks and steps, hints."""
    hints = hints_store.hint_counts(conn, session_id)
    bests = {
        (r[0], r[1]): (r[2], r[3], r[4])
        for r in conn.execute(
            "SELECT team_id, challenge_id, min(created_at), "
            "min(CASE WHEN solved THEN blocks END), min(CASE WHEN solved THEN steps END) "
            "FROM attempts WHERE session_id = ? GROUP BY team_id, challenge_id",
            (session_id,),
        )
    }
    rows = conn.execute(
        "SELECT p.* FROM progress p JOIN teams t ON t.id = p.team_id WHERE t.session_id = ?",
        (session_id,),
    ).fetchall()
    out = []
    for r in rows:
        first_at, best_blocks, best_steps = bests.get(
            (r["team_id"], r["challenge_id"]), (None,) * 3
        )
        out.append(
            {
                "team": r["team_id"],
                "challenge": r["challenge_id"],
                "attempts": r["attempts"],
                "stars": r["best_stars"],
                "solved": r["solved_at"] is not None,
                "last_outcome": r["last_outcome"],
                "first_at": first_at,
                "last_at": r["last_attempt_at"],
                "solved_at": r["solved_at"],
                "best_blocks": best_blocks,
                "best_steps": best_steps,
                "hints": hints.get((r["team_id"], r["challenge_id"]), 0),
            }
        )
    return out


def _current(
    conn: sqlite3.Connection, session_id: int, cells: list[dict[str, Any]]
) -> dict[int, str]:
    """The challenge each team touched last (a run or an autosave)."""
    latest: dict[int, tuple[float, str]] = {}
    saved = conn.execute(
        "SELECT w.team_id, w.challenge_id, w.updated_at FROM workspaces w "
        "JOIN teams t ON t.id = w.team_id WHERE t.session_id = ?",
        (session_id,),
    ).fetchall()
    for team_id, challenge_id, at in [(c["team"], c["challenge"], c["last_at"]) for c in cells] + [
        (r[0], r[1], r[2]) for r in saved
    ]:
        if at is not None and (team_id not in latest or at > latest[team_id][0]):
            latest[team_id] = (at, challenge_id)
    return {team_id: cid for team_id, (_, cid) in latest.items()}


def session_attempt(
    conn: sqlite3.Connection, session_id: int, attempt_id: int
) -> dict[str, Any] | None:
    """One attempt of the session in full (team, program, workspace, result with trace)."""
    row = conn.execute(
        "SELECT team_id FROM attempts WHERE id = ? AND session_id = ?", (attempt_id, session_id)
    ).fetchone()
    if row is None:
        return None
    found = store.attempt_of(conn, int(row[0]), attempt_id)
    if found is not None:
        found["team"] = int(row[0])
    return found


def attempts_in_session(
    conn: sqlite3.Connection, session_id: int, attempt_ids: list[int]
) -> list[int]:
    """The ids among ``attempt_ids`` that are attempts of this session, in the same order."""
    found = (
        {
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM attempts WHERE session_id = ? AND id IN "
                f"({','.join('?' * len(attempt_ids))})",
                (session_id, *attempt_ids),
            )
        }
        if attempt_ids
        else set()
    )
    return [a for a in attempt_ids if a in found]


def export_rows(conn: sqlite3.Connection, session_id: int) -> dict[str, Any] | None:
    """The session's whole record, as stored (programs, workspaces and traces included)."""
    rows = dashboard_rows(conn, session_id)
    if rows is None:
        return None
    attempts = [
        {
            "id": r["id"],
            "team": r["team_id"],
            "challenge": r["challenge_id"],
            "at": r["created_at"],
            "outcome": r["outcome"],
            "solved": bool(r["solved"]),
            "stars": r["stars"],
            "steps": r["steps"],
            "ticks": r["ticks"],
            "blocks": r["blocks"],
            "program": _json(r["program"]),
            "workspace": _json(r["workspace"]),
            "result": _json(r["result"]),
        }
        for r in conn.execute(
            "SELECT * FROM attempts WHERE session_id = ? ORDER BY id", (session_id,)
        )
    ]
    workspaces = [
        {"team": r[0], "challenge": r[1], "workspace": _json(r[2]), "at": r[3]}
        for r in conn.execute(
            "SELECT w.team_id, w.challenge_id, w.workspace, w.updated_at FROM workspaces w "
            "JOIN teams t ON t.id = w.team_id WHERE t.session_id = ? ORDER BY w.team_id",
            (session_id,),
        )
    ]
    events = store.events_since(conn, session_id, 0, limit=1_000_000)
    hints = hints_store.session_hints(conn, session_id)
    return {
        "rows": rows,
        "attempts": attempts,
        "workspaces": workspaces,
        "events": events,
        "hints": hints,
    }


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None
