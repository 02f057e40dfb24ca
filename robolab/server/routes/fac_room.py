"""Facilitator API: room control (pause everyone, resume, end, reopen), messages to the tablets,
and the runs shown big on the projector.

Pausing freezes the tablets (their Run is refused by the server, 409) and calls the room's
``stop_all_robots()`` hook (:mod:`robolab.server.room`); the robots are asked first, so they stop
as soon as possible, and their failure never blocks the pause.
"""

from __future__ import annotations

import asyncio
import time

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.server import admin_store, store
from robolab.server.dashboard import message_json
from robolab.server.dashboard_store import attempts_in_session
from robolab.server.http import ApiError, json_response, read_json_object, request_lang
from robolab.server.hub import facilitators_topic
from robolab.server.models import Event, SessionState
from robolab.server.room import RobotsStopped, stop_robots
from robolab.server.routes.fac_common import facilitator_session, id_list, is_id
from robolab.server.texts import say

MAX_MESSAGE = 280
MAX_PROJECTED = 4


async def post_state(request: Request) -> Response:
    """``POST /api/facilitator/sessions/{id}/state {"state": "paused" | "open" | "ended"}``."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    try:
        wanted = SessionState(str(body.get("state")))
    except ValueError:
        raise ApiError(400, "session.bad_state", value=str(body.get("state"))[:20]) from None
    robots = None
    if wanted is SessionState.PAUSED:
        robots = asyncio.ensure_future(stop_robots(state.room))
    event = await state.db.run(store.set_session_state, session.id, wanted)
    state.hub.publish(event)
    out: dict[str, object] = {"state": wanted.value}
    if robots is not None:
        stopped = await robots
        out["robots"] = stopped.value
        if stopped is RobotsStopped.FAILED:
            out["message"] = say("room.robots_failed", lang)
    return json_response(out)


async def post_message(request: Request) -> Response:
    """``POST /api/facilitator/sessions/{id}/messages {"text", "team"?}``: to every tablet of
    the session, or to one team's."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "room.empty_message")
    text = text.strip()
    if len(text) > MAX_MESSAGE:
        raise ApiError(400, "room.long_message", max=MAX_MESSAGE)
    team = body.get("team")
    if team is not None and not (
        is_id(team) and await state.db.run(admin_store.team_in_session, session.id, team)
    ):
        raise ApiError(404, "team.not_found")
    event = await state.db.run(admin_store.add_message, session.id, team, text)
    state.hub.publish(event)
    return json_response(message_json(event), status=201)


async def post_projector(request: Request) -> Response:
    """``POST /api/facilitator/sessions/{id}/projector {"attempts": [ids]}``: the runs the
    projector replays side by side (at most four; an empty list shows the leaderboard)."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    raw = id_list(body.get("attempts"), "attempts", limit=MAX_PROJECTED)
    wanted = list(dict.fromkeys(a for a in raw if is_id(a)))
    found = await state.db.run(attempts_in_session, session.id, wanted)
    state.projector[session.id] = found
    event = Event("projector.show", session.id, None, {"attempts": found}, time.time())
    state.hub.publish(event, [facilitators_topic(session.id)])
    return json_response({"attempts": found})


ROUTES = [
    Route("/api/facilitator/sessions/{session_id}/state", post_state, methods=["POST"]),
    Route("/api/facilitator/sessions/{session_id}/messages", post_message, methods=["POST"]),
    Route("/api/facilitator/sessions/{session_id}/projector", post_projector, methods=["POST"]),
]
