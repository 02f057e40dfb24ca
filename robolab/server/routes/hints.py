"""Hints from the team's own run: the tablet asks, level by level; facilitators see them.

``POST /api/team/hints {"challenge"?, "attempt"?, "level"?}`` gives one level (1 a nudge, 2 the
block where it went wrong, 3 the next block) of the hints for one of the team's attempts: the
one named, or its newest on the challenge. Levels come in order: the next level is the highest
shown for this attempt plus one; asking a level already shown gives it again; ``more`` is false
when no higher level says anything else (a program that cannot run has one message). Every hint
shown is recorded (``hints`` table) and pushed to the dashboards as a ``hint`` event.

``GET /api/facilitator/sessions/{id}/attempts/{n}/hints`` lists the levels a team was shown for
one attempt, with their texts in the facilitator's language.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.hints import render
from robolab.server.hinting import hint_desk
from robolab.server.hints_store import attempt_hints, hint_target, record_hint
from robolab.server.http import ApiError, json_response, read_json_object, request_lang
from robolab.server.hub import facilitators_topic
from robolab.server.models import SessionState
from robolab.server.routes.fac_common import facilitator_session, is_id, path_id
from robolab.server.routes.team import TeamLadder, current_team
from robolab.server.state import app_state
from robolab.server.texts import both

LEVELS = 3


def _optional_id(body: dict[str, Any], name: str, want: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if not is_id(value):
        raise ApiError(400, "api.bad_field", field=name, want=both(want))
    return value


def _challenge_field(body: dict[str, Any]) -> str | None:
    value = body.get("challenge")
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > 200:
        raise ApiError(400, "api.bad_field", field="challenge", want=both("api.want_text"))
    return value


async def team_hint(request: Request) -> Response:
    """``POST /api/team/hints``: the next (or a given) level of hints for an attempt."""
    state = app_state(request)
    team, session = await current_team(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    if session.state is SessionState.ENDED:
        raise ApiError(409, "session.ended")
    if session.state is SessionState.PAUSED:
        raise ApiError(409, "session.paused")
    desk = hint_desk(request)
    if not desk.allow(team.id):
        raise ApiError(429, "hints.rate_limited")
    challenge_id = _challenge_field(body)
    attempt_id = _optional_id(body, "attempt", "hints.want_attempt")
    level = _optional_id(body, "level", "hints.want_level")
    if level is not None and level > LEVELS:
        raise ApiError(400, "api.bad_field", field="level", want=both("hints.want_level"))
    if challenge_id is None and attempt_id is None:
        raise ApiError(400, "api.missing_field", field="challenge")
    target = await state.db.run(hint_target, team.id, challenge_id, attempt_id)
    if target is None:
        if attempt_id is not None:
            raise ApiError(404, "api.not_found")
        raise ApiError(409, "hints.no_attempt")
    challenge = state.catalog.get(target.challenge_id)
    if challenge is None:
        raise ApiError(404, "api.unknown_challenge", id=target.challenge_id[:80])
    (await TeamLadder.of(state, team)).entry(target.challenge_id)  # 403 if locked since
    if target.stars >= 3:
        raise ApiError(409, "hints.perfect")
    wanted = target.next_level if level is None else level
    if wanted > target.next_level:
        raise ApiError(409, "hints.order", level=target.next_level)
    hint, more = await desk.hint(challenge, target, wanted, lang)
    recorded = await state.db.run(record_hint, team, target, wanted, hint.kind)
    if recorded.event is not None:  # for the dashboards; the team's tablets have the answer
        state.hub.publish(recorded.event, [facilitators_topic(team.session_id)])
    return json_response(
        {
            "attempt": target.attempt_id,
            "challenge": target.challenge_id,
            "level": wanted,
            "levels": LEVELS,
            "more": more,
            "new": recorded.new,
            "seen": list(recorded.seen),
            "used": recorded.used,
            "hint": hint.to_json(),
        }
    )


async def facilitator_attempt_hints(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/attempts/{n}/hints``: what the team was shown."""
    state, session = await facilitator_session(request)
    lang = request_lang(request)
    found = await state.db.run(attempt_hints, session.id, path_id(request, "attempt_id"))
    if found is None:
        raise ApiError(404, "api.not_found")
    target = found.target
    challenge = state.catalog.get(target.challenge_id)
    hints = found.hints
    if challenge is not None and hints:
        advice = await hint_desk(request).advice(challenge, target)
        hints = [{**item, **render(advice, item["level"], lang).to_json()} for item in hints]
    return json_response(
        {
            "attempt": target.attempt_id,
            "team": target.team_id,
            "challenge": target.challenge_id,
            "hints": hints,
        }
    )


ROUTES = [
    Route("/api/team/hints", team_hint, methods=["POST"]),
    Route(
        "/api/facilitator/sessions/{session_id}/attempts/{attempt_id}/hints",
        facilitator_attempt_hints,
        methods=["GET"],
    ),
]
