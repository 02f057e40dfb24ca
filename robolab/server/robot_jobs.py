"""Programs sent to a real robot: the queue the facilitator approves, one entry per sending.

A :class:`RobotJob` is born ``waiting`` when a team sends its solved program; the facilitator
starts it (``running``) or refuses it (``refused``); the run ends ``finished``, ``invalid``,
``stopped``, ``lost`` or ``failed`` (the :class:`firmware_bridge.fleet.RunStatus` values). A job
that was running when the server stopped without a word (a crash, a power cut) is
``interrupted`` at the next start: the robot stopped by itself (its watchdog) and nothing starts
again until a facilitator says so. A stopped, lost, failed or interrupted run can be started
again. The program stays in the team's attempt (in the database) whatever happens to the job;
every job is stored too (``robot_jobs``, :mod:`robolab.server.robots_store`).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

KEEP_ENDED = 200
"""Ended jobs kept in memory (the newest), for the dashboard's list."""


class JobStatus(StrEnum):
    WAITING = "waiting"
    """Sent by the team; waiting for the facilitator to start it."""
    RUNNING = "running"
    FINISHED = "finished"
    INVALID = "invalid"
    STOPPED = "stopped"
    LOST = "lost"
    FAILED = "failed"
    REFUSED = "refused"
    """The facilitator said no this time."""
    INTERRUPTED = "interrupted"
    """It was running when the server died; a facilitator may start it again."""

    @property
    def open(self) -> bool:
        return self in (JobStatus.WAITING, JobStatus.RUNNING)

    @property
    def retryable(self) -> bool:
        return self in (
            JobStatus.STOPPED,
            JobStatus.LOST,
            JobStatus.FAILED,
            JobStatus.INTERRUPTED,
        )


@dataclass
class RobotJob:
    """A team's program waiting for, or running on, or done with its robot."""

    id: int
    session_id: int
    team_id: int
    challenge_id: str
    attempt_id: int
    program: dict[str, Any]
    robot_id: str | None
    robot_name: str
    created_at: float = field(default_factory=time.time)
    status: JobStatus = JobStatus.WAITING
    updated_at: float = field(default_factory=time.time)
    tries: int = 0
    message: dict[str, str] | None = None
    result: dict[str, Any] | None = None
    progress: dict[str, Any] | None = None
    """The robot's last progress event (block id and number, pose)."""

    def set(self, status: JobStatus, **changes: Any) -> None:
        self.status = status
        self.updated_at = time.time()
        for name, value in changes.items():
            setattr(self, name, value)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team": self.team_id,
            "challenge": self.challenge_id,
            "attempt": self.attempt_id,
            "robot": self.robot_id,
            "robot_name": self.robot_name,
            "status": self.status.value,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "tries": self.tries,
            "message": self.message,
            "result": self.result,
            "progress": self.progress,
        }


def result_summary(report: dict[str, Any]) -> dict[str, Any]:
    """What the tablet and the dashboard show of a robot's run (the trace stays out)."""
    keys = ("outcome", "solved", "stars", "steps", "blocks", "x", "y", "heading", "message")
    out = {key: report.get(key) for key in keys}
    out["differences"] = list(report.get("differences", []))
    trace = report.get("trace") or []
    out["path"] = [[s.get("x"), s.get("y")] for s in trace if isinstance(s, dict)][:1000]
    return out


class RobotQueue:
    """The open jobs and the newest ended ones, by id (ended ones trimmed to :data:`KEEP_ENDED`)."""

    def __init__(self) -> None:
        self._jobs: dict[int, RobotJob] = {}
        self._ids = itertools.count(1)

    def restore(self, jobs: list[RobotJob], next_id: int) -> None:
        """The jobs read back from the database (oldest first); new ids start at ``next_id``."""
        self._jobs = {job.id: job for job in jobs}
        self._ids = itertools.count(max(next_id, max(self._jobs, default=0) + 1))

    def drop_sessions(self, session_ids: set[int]) -> list[RobotJob]:
        """Forgets the jobs of these (deleted) sessions; returns them."""
        gone = [j for j in self._jobs.values() if j.session_id in session_ids]
        for job in gone:
            del self._jobs[job.id]
        return gone

    def add(self, **fields: Any) -> RobotJob:
        job = RobotJob(id=next(self._ids), **fields)
        self._jobs[job.id] = job
        self._trim()
        return job

    def get(self, job_id: int) -> RobotJob | None:
        return self._jobs.get(job_id)

    def __iter__(self) -> Iterator[RobotJob]:
        return iter(self._jobs.values())

    def of_session(self, session_id: int) -> list[RobotJob]:
        return [j for j in self._jobs.values() if j.session_id == session_id]

    def open_of(self, team_id: int) -> RobotJob | None:
        """The team's waiting or running job, if any (a team has at most one)."""
        return next(
            (j for j in self._jobs.values() if j.team_id == team_id and j.status.open), None
        )

    def last_of(self, team_id: int, challenge_id: str) -> RobotJob | None:
        jobs = [j for j in self._jobs.values() if j.team_id == team_id]
        mine = [j for j in jobs if j.challenge_id == challenge_id]
        return mine[-1] if mine else None

    def _trim(self) -> None:
        ended = [j.id for j in self._jobs.values() if not j.status.open]
        for job_id in ended[: max(0, len(ended) - KEEP_ENDED)]:
            del self._jobs[job_id]
