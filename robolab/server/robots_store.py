"""Database queries for the robots: a team's current program on a challenge, and the queue's jobs
(``robot_jobs``: every change of a job is stored, with its ``robot.job`` event in the session's
stream, for the history and exports, and so that the queue survives a restart)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from robolab import json_text
from robolab.server.db import transaction
from robolab.server.models import Event
from robolab.server.robot_jobs import JobStatus, RobotJob
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


def _json(value: Any) -> str | None:
    return None if value is None else json_text.dumps(value)


def save_job(conn: sqlite3.Connection, job: RobotJob, data: dict[str, Any]) -> Event:
    """Stores the job as it is now and its ``robot.job`` event; returns the event, to publish.

    Raises:
        sqlite3.IntegrityError: the session (or the team) was deleted meanwhile.
    """
    with transaction(conn):
        conn.execute(
            "INSERT INTO robot_jobs (id, session_id, team_id, attempt_id, challenge_id, program, "
            "robot_name, status, tries, message, result, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "attempt_id = excluded.attempt_id, challenge_id = excluded.challenge_id, "
            "program = excluded.program, robot_name = excluded.robot_name, "
            "status = excluded.status, tries = excluded.tries, message = excluded.message, "
            "result = excluded.result, updated_at = excluded.updated_at",
            (
                job.id,
                job.session_id,
                job.team_id,
                job.attempt_id,
                job.challenge_id,
                json_text.dumps(job.program),
                job.robot_name,
                job.status.value,
                job.tries,
                _json(job.message),
                _json(job.result),
                job.created_at,
                job.updated_at,
            ),
        )
        return add_event(conn, job.session_id, job.team_id, "robot.job", data, time.time())


def _job(row: sqlite3.Row) -> RobotJob | None:
    try:
        status = JobStatus(row["status"])
    except ValueError:  # written by a newer RoboLab: not ours to show
        return None
    return RobotJob(
        id=row["id"],
        session_id=row["session_id"],
        team_id=row["team_id"],
        challenge_id=row["challenge_id"],
        attempt_id=row["attempt_id"],
        program=json_text.loads(row["program"]),
        robot_id=None,  # the fleet's ids are this run's: the team's robot is found again
        robot_name=row["robot_name"],
        created_at=row["created_at"],
        status=status,
        updated_at=row["updated_at"],
        tries=row["tries"],
        message=json_text.loads(row["message"]) if row["message"] else None,
        result=json_text.loads(row["result"]) if row["result"] else None,
    )


def load_jobs(conn: sqlite3.Connection, keep_ended: int) -> tuple[list[RobotJob], int]:
    """The waiting and running jobs and the newest ``keep_ended`` others, oldest first, and the
    id the next job gets (never one given before, deleted sessions' included)."""
    rows = conn.execute(
        "SELECT * FROM robot_jobs WHERE status IN ('waiting', 'running') "
        "UNION SELECT * FROM (SELECT * FROM robot_jobs WHERE status NOT IN ('waiting', 'running') "
        "ORDER BY id DESC LIMIT ?) ORDER BY id",
        (keep_ended,),
    ).fetchall()
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'robot_jobs'").fetchone()
    jobs = [job for job in map(_job, rows) if job is not None]
    last = max([int(seq[0]) if seq else 0, *(job.id for job in jobs)])
    return jobs, last + 1
