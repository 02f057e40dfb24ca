"""The robots the server remembers across restarts (the ``robots`` table).

A robot is known by the name it gives in its hello; its address (serial port, ``socket://``,
``ble://``) is a hint: among remembered robots of the same name, the one last seen at the same
address is it; a name seen once only is the same robot even at another address (plugged into
another port). Two robots that still have the same factory name and both moved cannot be told
apart: the server then remembers a new robot (name them in the panel: robots keep their name).

For each robot: where it was last reached (robots that were connected reconnect at the next
start, unless a facilitator disconnected them), the name given in the panel when the robot cannot
keep it itself, the calibration values set in the panel, and the team it belongs to (one robot
per team; deleting a session forgets its teams' robots: ``ON DELETE SET NULL``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from robolab.server.db import transaction


@dataclass(frozen=True)
class Remembered:
    """One remembered robot."""

    id: int
    hello_name: str
    url: str
    name: str | None
    """The name given in the panel (only for robots that cannot keep a name)."""
    calibration: dict[str, int]
    """The values set in the panel (mm per cell, speed...), given back when the robot returns."""
    connect_at_start: bool
    session_id: int | None
    team_id: int | None


def _remembered(row: sqlite3.Row) -> Remembered:
    try:
        values: Any = json.loads(row["calibration"] or "{}")
    except ValueError:
        values = {}
    calibration = {
        str(k): v
        for k, v in (values.items() if isinstance(values, dict) else ())
        if isinstance(v, int) and not isinstance(v, bool)
    }
    team, session = row["team_id"], row["session_id"]
    return Remembered(
        id=row["id"],
        hello_name=row["hello_name"],
        url=row["url"],
        name=row["name"],
        calibration=calibration,
        connect_at_start=bool(row["connect_at_start"]),
        session_id=session if team is not None else None,
        team_id=team if session is not None else None,
    )


def remembered(conn: sqlite3.Connection) -> list[Remembered]:
    """Every remembered robot, the most recently seen first."""
    rows = conn.execute("SELECT * FROM robots ORDER BY seen_at DESC, id DESC").fetchall()
    return [_remembered(r) for r in rows]


def robot_by_id(conn: sqlite3.Connection, row_id: int) -> Remembered | None:
    row = conn.execute("SELECT * FROM robots WHERE id = ?", (row_id,)).fetchone()
    return None if row is None else _remembered(row)


def bind(
    conn: sqlite3.Connection, hello_name: str, url: str, taken: set[int], now: float
) -> Remembered:
    """The remembered robot that just said hello as ``hello_name`` at ``url`` (a new one when
    none fits); ``taken`` are rows already bound to other connected robots. It is marked seen
    there, and to be connected again at the next start."""
    with transaction(conn):
        rows = conn.execute(
            "SELECT id, url FROM robots WHERE hello_name = ? ORDER BY seen_at DESC, id DESC",
            (hello_name,),
        ).fetchall()
        free = [r for r in rows if r["id"] not in taken]
        same = [r for r in free if r["url"] == url]
        found = same[0] if same else free[0] if len(free) == 1 else None
        if found is None:
            row_id = conn.execute(
                "INSERT INTO robots (hello_name, url, seen_at) VALUES (?, ?, ?)",
                (hello_name, url, now),
            ).lastrowid
        else:
            row_id = found["id"]
            conn.execute(
                "UPDATE robots SET url = ?, seen_at = ?, connect_at_start = 1 WHERE id = ?",
                (url, now, row_id),
            )
        row = conn.execute("SELECT * FROM robots WHERE id = ?", (row_id,)).fetchone()
    return _remembered(row)


def set_team(
    conn: sqlite3.Connection, row_id: int | None, team_id: int | None, session_id: int | None
) -> None:
    """Gives the robot ``row_id`` to the team (``None``: to nobody); no other remembered robot
    keeps that team. ``row_id`` ``None``: a robot not remembered got the team."""
    with transaction(conn):
        if team_id is not None:
            conn.execute(
                "UPDATE robots SET team_id = NULL, session_id = NULL "
                "WHERE team_id = ? AND id IS NOT ?",
                (team_id, row_id),
            )
        if row_id is not None:
            conn.execute(
                "UPDATE robots SET team_id = ?, session_id = ? WHERE id = ?",
                (team_id, session_id if team_id is not None else None, row_id),
            )


def set_names(conn: sqlite3.Connection, row_id: int, hello_name: str, name: str | None) -> None:
    """The robot's hello name (it changes when the robot keeps a new name) and panel name."""
    with transaction(conn):
        conn.execute(
            "UPDATE robots SET hello_name = ?, name = ? WHERE id = ?", (hello_name, name, row_id)
        )


def set_calibration(conn: sqlite3.Connection, row_id: int, values: dict[str, int]) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE robots SET calibration = ? WHERE id = ?",
            (json.dumps(values, sort_keys=True), row_id),
        )


def set_connect_at_start(conn: sqlite3.Connection, row_id: int, connect: bool) -> None:
    with transaction(conn):
        conn.execute("UPDATE robots SET connect_at_start = ? WHERE id = ?", (int(connect), row_id))
