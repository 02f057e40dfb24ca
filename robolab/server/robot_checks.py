"""Whether a team may send its program to a robot: the server decides, never the tablet."""

from __future__ import annotations

from typing import Any

from robolab.challenge import Challenge
from robolab.errors import ProgramError
from robolab.runner import run as simulate
from robolab.server import robots_store
from robolab.server.db import Database
from robolab.server.grading import read_program
from robolab.server.http import ApiError
from robolab.server.models import Team


async def current_program(
    db: Database, team: Team, challenge: Challenge, attempt: int | None = None
) -> tuple[int, dict[str, Any]]:
    """The team's current program on ``challenge``, if it solves it in the simulator.

    The current program is the autosaved workspace: it must be the program of the team's newest
    attempt (``attempt``, when given, must be that attempt), and that program must solve the
    challenge as loaded now.

    Returns:
        The attempt's id and its canonical program.

    Raises:
        ApiError: 409 ``fleet.not_solved`` or ``fleet.changed``.
    """
    last = await db.run(robots_store.last_attempt, team.id, challenge.id)
    if last is None or not last.solved or last.program is None:
        raise ApiError(409, "fleet.not_solved")
    if attempt is not None and attempt != last.id:
        raise ApiError(409, "fleet.changed")
    if last.workspace is not None and (last.workspace_at or 0) > last.at:
        try:
            current = read_program(last.workspace).to_json()
        except (ProgramError, ApiError):
            current = None
        if current != last.program:
            raise ApiError(409, "fleet.changed")
    # Scored again, on the challenge as loaded now: what was solved must still be.
    if not simulate(challenge, last.program).solved:
        raise ApiError(409, "fleet.not_solved")
    return last.id, last.program
