"""Facilitator API: the robot fleet panel (find, connect, name, identify, check, calibrate, give
to a team, stop, disconnect). Every route needs the facilitator cookie (and the CSRF header for
changes); robot problems are 409 answers in the robot link's own words, never a 500.

The fleet is the room's, not a session's: assigning a robot names the session and the team.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from firmware_bridge.errors import BridgeError
from robolab.i18n import LANGS
from robolab.server import admin_store, store
from robolab.server.guard import require_facilitator
from robolab.server.http import ApiError, json_response, read_json_object, request_lang, text_field
from robolab.server.robots import RobotRoom, robot_room_of
from robolab.server.routes.fac_common import is_id
from robolab.server.state import AppState
from robolab.server.texts import both

ROBOT_ID_MAX = 12


URL_RE = re.compile(
    r"^(/dev/[\w./-]{1,120}|COM\d{1,3}|(socket|rfc2217)://[\w.\-\[\]:]{1,120}:\d{1,5}"
    r"|ble://[\w:.\-]{1,64}|virtual://[\w-]{1,16}|loop://)$"
)
NAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,16}\Z")
CALIBRATION_KEYS = ("cell", "speed", "track", "trim", "power")


def bridge_problem(err: BridgeError) -> ApiError:
    """A robot problem as a 409 answer, in the robot link's own words."""
    return ApiError(409, "fleet.robot_problem", text={lang: err.message(lang) for lang in LANGS})


def calibration_values(body: dict[str, Any]) -> dict[str, int]:
    """The calibration values of a request (400 for anything but whole numbers)."""
    wanted: dict[str, int] = {}
    for key in CALIBRATION_KEYS:
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 100_000:
            raise ApiError(400, "fleet.bad_calibration", key=key)
        wanted[key] = value
    return wanted


async def _robot_call(
    room: RobotRoom, robot_id: str, work: Callable[[str], Awaitable[Any]]
) -> Response:
    """Runs ``work(robot id)`` on a known robot; robot problems become 409 answers."""
    robot = room.robot(robot_id)
    try:
        await work(robot.id)
    except BridgeError as err:
        raise bridge_problem(err) from None
    return json_response({"robot": room.robot_json(robot.to_json())})


def _robot_id(request: Request) -> str:
    raw = str(request.path_params.get("robot_id", ""))
    if not raw.isascii() or not raw.isalnum() or len(raw) > ROBOT_ID_MAX:
        raise ApiError(404, "fleet.unknown_robot")
    return raw


async def _change(request: Request) -> tuple[AppState, RobotRoom, dict[str, Any]]:
    """A facilitator's change: the state, the robot room and the JSON body (language set)."""
    state = require_facilitator(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    return state, robot_room_of(state), body


async def list_robots(request: Request) -> Response:
    """``GET /api/facilitator/robots``: every robot of the fleet (never an error without one)."""
    state = require_facilitator(request)
    room = state.room
    if not isinstance(room, RobotRoom):
        return json_response(
            {"available": False, "message": both("fleet.off"), "robots": [], "problems": []}
        )
    return json_response(
        {"available": True, "robots": room.snapshot(), "problems": list(room.problems)}
    )


async def scan(request: Request) -> Response:
    """``POST /api/facilitator/robots/scan``: robots that answer and are not connected yet."""
    _, room, _ = await _change(request)
    return json_response(await room.scan())


async def connect(request: Request) -> Response:
    """``POST /api/facilitator/robots {"url"}``: connects (or reconnects) a robot."""
    _, room, body = await _change(request)
    url = text_field(body, "url").strip()
    if not URL_RE.match(url):
        raise ApiError(400, "fleet.bad_url")
    known = any(r.url == url for r in room.fleet.robots.values())
    try:
        robot = await room.fleet.connect(url)
    except BridgeError as err:
        if not known:
            room.forget_failed(url)
        raise bridge_problem(err) from None
    return json_response({"robot": room.robot_json(robot.to_json())}, status=201)


async def rename(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/name {"name"}``."""
    _, room, body = await _change(request)
    name = text_field(body, "name", max_length=40).strip()
    if not NAME_RE.match(name):
        raise ApiError(400, "fleet.bad_name")
    return await _robot_call(room, _robot_id(request), lambda rid: room.rename(rid, name))


async def identify(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/identify``: the robot blinks and beeps."""
    _, room, _ = await _change(request)
    return await _robot_call(room, _robot_id(request), room.fleet.identify)


async def refresh(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/refresh``: battery again, link checked."""
    _, room, _ = await _change(request)
    return await _robot_call(room, _robot_id(request), room.fleet.refresh)


async def calibrate(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/calibration {"cell"?, "speed"?, ...}``."""
    _, room, body = await _change(request)
    values = calibration_values(body)
    return await _robot_call(room, _robot_id(request), lambda rid: room.calibrate(rid, values))


async def assign(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/team {"session", "team": id | null}``."""
    state, room, body = await _change(request)
    robot_id = _robot_id(request)
    room.robot(robot_id)
    team_id, session_id = body.get("team"), body.get("session")
    if team_id is None:
        robot = await room.assign(robot_id, None)
        return json_response({"robot": room.robot_json(robot.to_json())})
    if not (is_id(team_id) and is_id(session_id)):
        raise ApiError(404, "team.not_found")
    if not await state.db.run(admin_store.team_in_session, session_id, team_id):
        raise ApiError(404, "team.not_found")
    teams = await state.db.run(store.teams_of, session_id)
    team = next(t for t in teams if t.id == team_id)
    robot = await room.assign(robot_id, team)
    return json_response({"robot": room.robot_json(robot.to_json())})


async def stop(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/stop``: this robot stops now (its run ends)."""
    _, room, _ = await _change(request)
    return await _robot_call(room, _robot_id(request), room.fleet.stop)


async def disconnect(request: Request) -> Response:
    """``POST /api/facilitator/robots/{id}/disconnect``: closes the link (robot stays listed, and
    is not reconnected at the next start)."""
    _, room, _ = await _change(request)
    return await _robot_call(room, _robot_id(request), room.disconnect)


ROBOT = "/api/facilitator/robots/{robot_id}"
ROUTES = [
    Route("/api/facilitator/robots", list_robots, methods=["GET"]),
    Route("/api/facilitator/robots", connect, methods=["POST"]),
    Route("/api/facilitator/robots/scan", scan, methods=["POST"]),
    Route(f"{ROBOT}/name", rename, methods=["POST"]),
    Route(f"{ROBOT}/identify", identify, methods=["POST"]),
    Route(f"{ROBOT}/refresh", refresh, methods=["POST"]),
    Route(f"{ROBOT}/calibration", calibrate, methods=["POST"]),
    Route(f"{ROBOT}/team", assign, methods=["POST"]),
    Route(f"{ROBOT}/stop", stop, methods=["POST"]),
    Route(f"{ROBOT}/disconnect", disconnect, methods=["POST"]),
]
