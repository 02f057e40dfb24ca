"""Facilitator API: a team's attempts, and one attempt with its program as text and its trace
(for the replay in the browser). Scoped by session: ids from elsewhere are 404."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.i18n import Lang
from robolab.program_loader import parse_program
from robolab.program_text import render_text
from robolab.server import admin_store, store
from robolab.server.dashboard import challenge_json
from robolab.server.dashboard_store import session_attempt
from robolab.server.http import ApiError, json_response, request_lang
from robolab.server.models import Access
from robolab.server.routes.fac_common import facilitator_session, path_id

log = logging.getLogger("robolab.server")
MAX_LISTED = 500


async def team_attempts(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/teams/{team}/attempts[?challenge=]``: newest first."""
    state, session = await facilitator_session(request)
    team_id = path_id(request, "team_id")
    if not await state.db.run(admin_store.team_in_session, session.id, team_id):
        raise ApiError(404, "team.not_found")
    challenge = request.query_params.get("challenge")
    attempts = await state.db.run(store.attempts_of, team_id, challenge, MAX_LISTED)
    return json_response({"team": team_id, "attempts": attempts})


def program_text(program: Any, lang: Lang) -> str | None:
    """The stored canonical program as numbered text (None when it could not be read)."""
    if program is None:
        return None
    try:
        return render_text(parse_program(program), lang, numbered=True)
    except Exception:  # a stored program always parses; never let a surprise become a 500
        log.exception("stored program could not be rendered")
        return None


async def get_attempt(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/attempts/{n}``: everything needed for a replay."""
    state, session = await facilitator_session(request)
    lang = request_lang(request)
    attempt = await state.db.run(session_attempt, session.id, path_id(request, "attempt_id"))
    if attempt is None:
        raise ApiError(404, "api.not_found")
    access = dict(await state.db.run(store.session_challenges, session.id))
    cid = attempt["challenge"]
    attempt["challenge"] = challenge_json(state.catalog, cid, access.get(cid, Access.AUTO), lang)
    attempt["text"] = program_text(attempt["program"], lang)
    return json_response(attempt)


ROUTES = [
    Route(
        "/api/facilitator/sessions/{session_id}/teams/{team_id}/attempts",
        team_attempts,
        methods=["GET"],
    ),
    Route(
        "/api/facilitator/sessions/{session_id}/attempts/{attempt_id}", get_attempt, methods=["GET"]
    ),
]
