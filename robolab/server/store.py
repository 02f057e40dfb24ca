"""Queries on the server's database. Every function takes the connection first and runs in the
database thread (``await db.run(store.fn, ...)``); writes are one short transaction each."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from robolab import json_text
from robolab.server.db import transaction
from robolab.server.models import Access, Event, Progress, Session, SessionState, Team
from robolab.server.pseudonyms import describe

CODE_DIGITS = 6
TOKEN_BYTES = 24


class PseudonymTaken(Exception):
    """Another team of the session already has this pseudonym."""


# --- secrets ---------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def next_id(table: str) -> str:
    """SQL for the next id of ``table``: above every id it ever gave, deleted rows' included
    (kept in ``meta`` by the triggers of migration 3), so that an id is never given twice."""
    if table not in ("sessions", "teams", "attempts"):
        raise ValueError(table)
    return (
        f"(SELECT max(coalesce(max(id), 0), coalesce((SELECT CAST(value AS INTEGER) FROM meta "
        f"WHERE key = 'ids.{table}'), 0)) + 1 FROM {table})"
    )


# --- sessions --------------------------------------------------------------------------------


def _session(row: sqlite3.Row) -> Session:
    return Session(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        state=SessionState(row["state"]),
        demo=bool(row["demo"]),
        created_at=row["created_at"],
    )


def _new_code(conn: sqlite3.Connection) -> str:
    while True:
        code = "".join(str(secrets.randbelow(10)) for _ in range(CODE_DIGITS))
        if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
            return code


def create_session(
    conn: sqlite3.Connection,
    title: str,
    challenge_ids: Sequence[str],
    *,
    demo: bool = False,
    access: Mapping[str, Access] | None = None,
) -> Session:
    """A new open session with its challenges in ladder order (``auto`` unless ``access`` says)."""
    now = time.time()
    access = access or {}
    with transaction(conn):
        code = _new_code(conn)
        cur = conn.execute(
            "INSERT INTO sessions (id, code, title, state, demo, created_at) "
            f"VALUES ({next_id('sessions')}, ?, ?, 'open', ?, ?)",
            (code, title, int(demo), now),
        )
        session_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO session_challenges (session_id, challenge_id, position, access) "
            "VALUES (?, ?, ?, ?)",
            [
                (session_id, cid, i, access.get(cid, Access.AUTO).value)
                for i, cid in enumerate(dict.fromkeys(challenge_ids))
            ],
        )
    found = session_by_id(conn, session_id)
    assert found is not None  # just inserted
    return found


def ensure_demo_session(
    conn: sqlite3.Connection, title: str, challenge_ids: Sequence[str]
) -> Session:
    """The open demo session (created if none), with any new challenge appended to its ladder.

    Restarting ``robolab serve --demo`` keeps the same code and every team's work.
    """
    row = conn.execute(
        "SELECT * FROM sessions WHERE demo = 1 AND state != 'ended' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return create_session(conn, title, challenge_ids, demo=True)
    session = _session(row)
    have = {cid for cid, _ in session_challenges(conn, session.id)}
    new = [cid for cid in dict.fromkeys(challenge_ids) if cid not in have]
    if new:
        with transaction(conn):
            (last,) = conn.execute(
                "SELECT coalesce(max(position), -1) FROM session_challenges WHERE session_id = ?",
                (session.id,),
            ).fetchone()
            conn.executemany(
                "INSERT INTO session_challenges (session_id, challenge_id, position) "
                "VALUES (?, ?, ?)",
                [(session.id, cid, last + 1 + i) for i, cid in enumerate(new)],
            )
    return session


def session_by_id(conn: sqlite3.Connection, session_id: int) -> Session | None:
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
    return _session(row) if row else None


def session_by_code(conn: sqlite3.Connection, code: str) -> Session | None:
    """The session with this join code (spaces ignored), unless it has ended."""
    code = "".join(code.split())
    row = conn.execute(
        "SELECT * FROM sessions WHERE code = ? AND state != 'ended'", (code,)
    ).fetchone()
    return _session(row) if row else None


def open_sessions(conn: sqlite3.Connection) -> list[Session]:
    rows = conn.execute("SELECT * FROM sessions WHERE state != 'ended' ORDER BY id").fetchall()
    return [_session(r) for r in rows]


def session_challenges(conn: sqlite3.Connection, session_id: int) -> list[tuple[str, Access]]:
    rows = conn.execute(
        "SELECT challenge_id, access FROM session_challenges WHERE session_id = ? "
        "ORDER BY position",
        (session_id,),
    ).fetchall()
    return [(r[0], Access(r[1])) for r in rows]


def set_session_state(conn: sqlite3.Connection, session_id: int, state: SessionState) -> Event:
    """Pauses, resumes or ends a session; returns the event to publish."""
    now = time.time()
    with transaction(conn):
        conn.execute(
            "UPDATE sessions SET state = ?, ended_at = CASE WHEN ? = 'ended' THEN ? END "
            "WHERE id = ?",
            (state.value, state.value, now, session_id),
        )
        return add_event(conn, session_id, None, "session.state", {"state": state.value}, now)


def set_access(
    conn: sqlite3.Connection, session_id: int, challenge_ids: Iterable[str], access: Access
) -> None:
    with transaction(conn):
        conn.executemany(
            "UPDATE session_challenges SET access = ? WHERE session_id = ? AND challenge_id = ?",
            [(access.value, session_id, cid) for cid in challenge_ids],
        )


# --- teams -----------------------------------------------------------------------------------


def _team(row: sqlite3.Row) -> Team:
    return Team(
        id=row["id"],
        session_id=row["session_id"],
        animal=row["animal"],
        color=row["color"],
        created_at=row["created_at"],
        last_change=row["last_change"],
    )


def taken_pseudonyms(conn: sqlite3.Connection, session_id: int) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT animal, color FROM teams WHERE session_id = ?", (session_id,))
    return {(r[0], r[1]) for r in rows}


def create_team(
    conn: sqlite3.Connection, session_id: int, animal: str, color: str
) -> tuple[Team, str, Event]:
    """A new team and the secret token of its tablet.

    Raises:
        PseudonymTaken: another team of the session has this pseudonym.
    """
    now = time.time()
    token = new_token()
    try:
        with transaction(conn):
            cur = conn.execute(
                "INSERT INTO teams (id, session_id, animal, color, created_at, last_change) "
                f"VALUES ({next_id('teams')}, ?, ?, ?, ?, ?)",
                (session_id, animal, color, now, now),
            )
            team_id = int(cur.lastrowid or 0)
            conn.execute(
                "INSERT INTO team_tokens (token_hash, team_id, created_at) VALUES (?, ?, ?)",
                (token_hash(token), team_id, now),
            )
            event = add_event(
                conn, session_id, team_id, "team.joined", describe(animal, color), now
            )
    except sqlite3.IntegrityError:
        raise PseudonymTaken from None
    team = Team(team_id, session_id, animal, color, now, now)
    return team, token, event


def resume_team(
    conn: sqlite3.Connection, session_id: int, animal: str, color: str
) -> tuple[Team, str, Event] | None:
    """A new token for an existing team (another tablet, or a tablet that lost its token)."""
    row = conn.execute(
        "SELECT * FROM teams WHERE session_id = ? AND animal = ? AND color = ?",
        (session_id, animal, color),
    ).fetchone()
    if row is None:
        return None
    team = _team(row)
    now = time.time()
    token = new_token()
    with transaction(conn):
        conn.execute(
            "INSERT INTO team_tokens (token_hash, team_id, created_at) VALUES (?, ?, ?)",
            (token_hash(token), team.id, now),
        )
        event = add_event(conn, session_id, team.id, "team.resumed", {}, now)
    return team, token, event


def team_by_token(conn: sqlite3.Connection, token: str) -> tuple[Team, Session] | None:
    """The team (and its session, even ended) that owns ``token``."""
    row = conn.execute(
        "SELECT teams.* FROM team_tokens JOIN teams ON teams.id = team_tokens.team_id "
        "WHERE team_tokens.token_hash = ?",
        (token_hash(token),),
    ).fetchone()
    if row is None:
        return None
    team = _team(row)
    session = session_by_id(conn, team.session_id)
    return (team, session) if session is not None else None


def teams_of(conn: sqlite3.Connection, session_id: int) -> list[Team]:
    rows = conn.execute("SELECT * FROM teams WHERE session_id = ? ORDER BY id", (session_id,))
    return [_team(r) for r in rows]


# --- progress, workspaces, attempts -----------------------------------------------------------


def _progress(row: sqlite3.Row) -> Progress:
    return Progress(
        challenge_id=row["challenge_id"],
        attempts=row["attempts"],
        best_stars=row["best_stars"],
        solved=row["solved_at"] is not None,
        last_outcome=row["last_outcome"],
    )


def ladder_data(
    conn: sqlite3.Connection, team: Team
) -> tuple[list[tuple[str, Access]], dict[str, Progress]]:
    """The session's challenges and the team's progress, in one trip to the database thread."""
    return session_challenges(conn, team.session_id), progress_of(conn, team.id)


def team_context(
    conn: sqlite3.Connection, token: str
) -> tuple[Team, Session, list[tuple[str, Access]], dict[str, Progress]] | None:
    """The team owning ``token``, its session, the session's challenges and the team's progress:
    what most of a tablet's requests need, in one trip to the database thread (each trip costs
    more in thread hand-offs under load than these queries do)."""
    found = team_by_token(conn, token)
    if found is None:
        return None
    team, session = found
    return team, session, *ladder_data(conn, team)


def progress_of(conn: sqlite3.Connection, team_id: int) -> dict[str, Progress]:
    rows = conn.execute("SELECT * FROM progress WHERE team_id = ?", (team_id,)).fetchall()
    return {r["challenge_id"]: _progress(r) for r in rows}


def save_workspace(
    conn: sqlite3.Connection, team_id: int, challenge_id: str, workspace: str
) -> float:
    now = time.time()
    with transaction(conn):
        conn.execute(
            "INSERT INTO workspaces (team_id, challenge_id, workspace, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (team_id, challenge_id) "
            "DO UPDATE SET workspace = excluded.workspace, updated_at = excluded.updated_at",
            (team_id, challenge_id, workspace, now),
        )
        conn.execute("UPDATE teams SET last_change = ? WHERE id = ?", (now, team_id))
    return now


def load_workspace(conn: sqlite3.Connection, team_id: int, challenge_id: str) -> str | None:
    row = conn.execute(
        "SELECT workspace FROM workspaces WHERE team_id = ? AND challenge_id = ?",
        (team_id, challenge_id),
    ).fetchone()
    return str(row[0]) if row else None


def record_attempt(
    conn: sqlite3.Connection,
    team: Team,
    result: dict[str, Any],
    *,
    program: dict[str, Any] | None,
    workspace: str | None,
) -> tuple[int, Progress, Event]:
    """Stores a run (result with its trace) and updates the team's progress, atomically."""
    now = time.time()
    challenge_id = str(result["challenge"])
    solved = bool(result["solved"])
    stars = int(result["stars"])
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO attempts (id, team_id, session_id, challenge_id, created_at, outcome, "
            "solved, stars, steps, ticks, blocks, program, workspace, result) "
            f"VALUES ({next_id('attempts')}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                team.id,
                team.session_id,
                challenge_id,
                now,
                result["outcome"],
                int(solved),
                stars,
                result["steps"],
                result["ticks"],
                result["blocks"],
                json.dumps(program, separators=(",", ":")) if program is not None else None,
                workspace,
                json.dumps(result, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        attempt_id = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO progress (team_id, challenge_id, attempts, best_stars, solved_at, "
            "last_outcome, last_attempt_at) VALUES (?, ?, 1, ?, ?, ?, ?) "
            "ON CONFLICT (team_id, challenge_id) DO UPDATE SET "
            "attempts = attempts + 1, best_stars = max(best_stars, excluded.best_stars), "
            "solved_at = coalesce(solved_at, excluded.solved_at), "
            "last_outcome = excluded.last_outcome, last_attempt_at = excluded.last_attempt_at",
            (team.id, challenge_id, stars, now if solved else None, result["outcome"], now),
        )
        conn.execute("UPDATE teams SET last_change = ? WHERE id = ?", (now, team.id))
        row = conn.execute(
            "SELECT * FROM progress WHERE team_id = ? AND challenge_id = ?",
            (team.id, challenge_id),
        ).fetchone()
        progress = _progress(row)
        event = add_event(
            conn,
            team.session_id,
            team.id,
            "attempt",
            {
                "attempt": attempt_id,
                "challenge": challenge_id,
                "outcome": result["outcome"],
                "stars": stars,
                "steps": result["steps"],
                "blocks": result["blocks"],
                "progress": progress.to_json(),
            },
            now,
        )
    return attempt_id, progress, event


_SUMMARY = "id, challenge_id, created_at, outcome, solved, stars, steps, ticks, blocks"


def _summary(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "challenge": row["challenge_id"],
        "at": row["created_at"],
        "outcome": row["outcome"],
        "solved": bool(row["solved"]),
        "stars": row["stars"],
        "steps": row["steps"],
        "ticks": row["ticks"],
        "blocks": row["blocks"],
    }


def attempts_of(
    conn: sqlite3.Connection, team_id: int, challenge_id: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """A team's attempts, newest first (summaries without programs or traces)."""
    if challenge_id is None:
        rows = conn.execute(
            f"SELECT {_SUMMARY} FROM attempts WHERE team_id = ? ORDER BY id DESC LIMIT ?",
            (team_id, limit),
        )
    else:
        rows = conn.execute(
            f"SELECT {_SUMMARY} FROM attempts WHERE team_id = ? AND challenge_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (team_id, challenge_id, limit),
        )
    return [_summary(r) for r in rows]


def attempt_of(conn: sqlite3.Connection, team_id: int, attempt_id: int) -> dict[str, Any] | None:
    """One attempt of this team in full (program, workspace, result with trace)."""
    row = conn.execute(
        f"SELECT {_SUMMARY}, program, workspace, result FROM attempts WHERE id = ? AND team_id = ?",
        (attempt_id, team_id),
    ).fetchone()
    if row is None:
        return None
    out = _summary(row)
    out["program"] = json.loads(row["program"]) if row["program"] else None
    out["workspace"] = json_text.loads(row["workspace"]) if row["workspace"] else None
    out["result"] = json.loads(row["result"])
    return out


# --- the event stream --------------------------------------------------------------------------


def add_event(
    conn: sqlite3.Connection,
    session_id: int,
    team_id: int | None,
    kind: str,
    data: dict[str, Any],
    at: float,
) -> Event:
    cur = conn.execute(
        "INSERT INTO events (session_id, team_id, type, data, at) VALUES (?, ?, ?, ?, ?)",
        (session_id, team_id, kind, json.dumps(data, separators=(",", ":")), at),
    )
    return Event(kind, session_id, team_id, data, at, int(cur.lastrowid or 0))


def events_since(
    conn: sqlite3.Connection, session_id: int, after: int = 0, limit: int = 1000
) -> list[Event]:
    """The session's stored events after sequence number ``after`` (for reconnecting viewers)."""
    rows = conn.execute(
        "SELECT * FROM events WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?",
        (session_id, after, limit),
    )
    return [event_from_row(r) for r in rows]


def event_from_row(r: sqlite3.Row) -> Event:
    return Event(r["type"], r["session_id"], r["team_id"], json.loads(r["data"]), r["at"], r["id"])
