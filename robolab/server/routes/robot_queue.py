"""Sending a program to a real robot: the team asks, the facilitator starts (or refuses) it.

Team side (``Authorization: Bearer``, only ever the team's own robot and jobs):

- ``GET /api/team/robot?challenge=ID``: the team's robot, its job, and whether it may send now
  (``can_send``, with ``why`` not); the server decides, the tablet's button only shows it;
- ``POST /api/team/robot {"challenge", "attempt"?}``: queues the team's current program (the
  program of its newest attempt, which must solve the challenge and still be what the tablet
  holds), 201 with the job.

Facilitator side (cookie + CSRF): ``GET /api/facilitator/sessions/{id}/robot-jobs``, and
``POST …/robot-jobs/{job}/approve`` (start it now; also starts a stopped, lost or failed one
again) or ``…/refuse``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.i18n import Lang
from robolab.server.http import ApiError, json_response, read_json_object, request_lang, text_field
from robolab.server.models import Session, SessionState, Team
from robolab.server.robot_checks import current_program
from robolab.server.robot_jobs import JobStatus, RobotJob
from robolab.server.robots import RobotRoom, robot_room_of, team_view
from robolab.server.routes.fac_common import facilitator_session, is_id, path_id
from robolab.server.routes.team import TeamLadder, current_team
from robolab.server.state import AppState, app_state


def _may_send(session: Session) -> None:
    if session.state is SessionState.ENDED:
        raise ApiError(409, "session.ended")
    if session.state is SessionState.PAUSED:
        raise ApiError(409, "session.paused")


async def _challenge(state: AppState, team: Team, challenge_id: str) -> Any:
    challenge = state.catalog.get(challenge_id)
    if challenge is None:
        raise ApiError(404, "api.unknown_challenge", id=challenge_id[:80])
    (await TeamLadder.of(state, team)).entry(challenge_id)
    return challenge


def _team_job(room: RobotRoom, team: Team, challenge_id: str) -> RobotJob | None:
    """The team's waiting or running job, else its last one on this challenge."""
    return room.queue.open_of(team.id) or room.queue.last_of(team.id, challenge_id)


async def team_robot(request: Request) -> Response:
    """``GET /api/team/robot?challenge=ID``."""
    state = app_state(request)
    team, session = await current_team(request)
    lang: Lang = request_lang(request)
    room = state.room
    if not isinstance(room, RobotRoom) or not room.has_robots:  # no robot box on the tablet
        return json_response({"robots": False, "robot": None, "job": None, "can_send": False})
    challenge_id = request.query_params.get("challenge", "")[:200]
    challenge = await _challenge(state, team, challenge_id)
    robot = room.robot_of(team.id)
    job = _team_job(room, team, challenge_id)
    why: ApiError | None = None
    try:
        _may_send(session)
        if robot is None:
            raise ApiError(409, "fleet.no_robot")
        busy = room.queue.open_of(team.id)
        if busy is not None and busy.status is JobStatus.RUNNING:
            raise ApiError(409, "fleet.team_busy")
        await current_program(state.db, team, challenge)
    except ApiError as err:
        why = err
    return json_response(
        {
            "robots": True,
            "robot": None if robot is None else team_view(robot.to_json()),
            "job": None if job is None else job.to_json(),
            "can_send": why is None,
            "why": None if why is None else why.to_json(lang)["error"],
        }
    )


async def send_to_robot(request: Request) -> Response:
    """``POST /api/team/robot {"challenge", "attempt"?}``: 201 ``{"job"}``."""
    state = app_state(request)
    team, session = await current_team(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    room = robot_room_of(state)
    _may_send(session)
    challenge = await _challenge(state, team, text_field(body, "challenge"))
    attempt = body.get("attempt")
    job = await room.submit(team, challenge, attempt if is_id(attempt) else None)
    return json_response({"job": job.to_json()}, status=201)


async def session_jobs(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/robot-jobs``: the session's jobs, oldest first."""
    state, session = await facilitator_session(request)
    room = state.room
    jobs = room.queue.of_session(session.id) if isinstance(room, RobotRoom) else []
    available = isinstance(room, RobotRoom)
    return json_response({"available": available, "jobs": [j.to_json() for j in jobs]})


async def _job_change(request: Request) -> tuple[RobotRoom, RobotJob, Session]:
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    room = robot_room_of(state)
    return room, room.job(session, path_id(request, "job_id")), session


async def approve(request: Request) -> Response:
    """``POST …/robot-jobs/{job}/approve``: the team's robot runs it now."""
    room, job, session = await _job_change(request)
    if session.state is SessionState.PAUSED:
        raise ApiError(409, "session.paused")
    return json_response({"job": (await room.approve(job)).to_json()})


async def refuse(request: Request) -> Response:
    """``POST …/robot-jobs/{job}/refuse``: not this time (the team keeps its program)."""
    room, job, _ = await _job_change(request)
    return json_response({"job": (await room.refuse(job)).to_json()})


JOBS = "/api/facilitator/sessions/{session_id}/robot-jobs"
ROUTES = [
    Route("/api/team/robot", team_robot, methods=["GET"]),
    Route("/api/team/robot", send_to_robot, methods=["POST"]),
    Route(JOBS, session_jobs, methods=["GET"]),
    Route(JOBS + "/{job_id}/approve", approve, methods=["POST"]),
    Route(JOBS + "/{job_id}/refuse", refuse, methods=["POST"]),
]
