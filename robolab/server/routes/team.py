"""A team's own work: its ladder, a challenge with the autosaved workspace, runs and attempts.

Every route here needs the team's token (``Authorization: Bearer …``) and only ever reads or
writes that team's rows.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab import json_text
from robolab.server import store
from robolab.server.grading import grade
from robolab.server.http import (
    ApiError,
    compact_json,
    json_response,
    read_json_object,
    request_lang,
    text_field,
)
from robolab.server.hub import facilitators_topic
from robolab.server.models import (
    Access,
    Event,
    LadderEntry,
    Progress,
    Session,
    SessionState,
    Team,
    ladder,
)
from robolab.server.state import AppState, app_state

MAX_TOKEN = 200


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN:
        raise ApiError(401, "team.auth")
    return token


async def current_team(request: Request) -> tuple[Team, Session]:
    """The team whose token the request carries (401 otherwise)."""
    found = await app_state(request).db.run(store.team_by_token, _bearer(request))
    if found is None:
        raise ApiError(401, "team.auth")
    return found


async def team_and_ladder(request: Request) -> tuple[Team, Session, TeamLadder]:
    """:func:`current_team` and :meth:`TeamLadder.of` in one trip to the database."""
    state = app_state(request)
    found = await state.db.run(store.team_context, _bearer(request))
    if found is None:
        raise ApiError(401, "team.auth")
    team, session, entries, progress = found
    return team, session, TeamLadder(state, entries, progress)


class TeamLadder:
    """The session's challenges (those loaded) and the team's progress on them."""

    def __init__(
        self, state: AppState, entries: list[tuple[str, Access]], progress: dict[str, Progress]
    ) -> None:
        self.entries = [(cid, a) for cid, a in entries if state.catalog.get(cid) is not None]
        self.progress = progress

    @classmethod
    async def of(cls, state: AppState, team: Team) -> TeamLadder:
        return cls(state, *await state.db.run(store.ladder_data, team))

    @property
    def items(self) -> list[LadderEntry]:
        return ladder(self.entries, self.progress)

    def entry(self, challenge_id: str) -> LadderEntry:
        """The challenge's place in the ladder: 404 if not in the session, 403 if locked."""
        for entry in self.items:
            if entry.challenge_id == challenge_id:
                if entry.locked:
                    raise ApiError(403, "team.locked")
                return entry
        raise ApiError(404, "team.not_in_session")

    def next(self, challenge_id: str) -> dict[str, Any] | None:
        """The challenge after this one, and whether the team may open it."""
        items = self.items
        ids = [e.challenge_id for e in items]
        index = ids.index(challenge_id) if challenge_id in ids else -1
        if index < 0 or index + 1 >= len(items):
            return None
        following = items[index + 1]
        return {"id": following.challenge_id, "locked": following.locked}


def _writable(session: Session) -> None:
    if session.state is SessionState.ENDED:
        raise ApiError(409, "session.ended")


async def me(request: Request) -> Response:
    team, session = await current_team(request)
    return json_response({"team": team.to_json(), "session": session.to_json()})


async def get_ladder(request: Request) -> Response:
    state = app_state(request)
    team, session, steps = await team_and_ladder(request)
    lang = request_lang(request)
    challenges = []
    for entry in steps.items:
        item = dict(state.catalog.summary(entry.challenge_id, lang))
        item.update(locked=entry.locked, progress=entry.progress.to_json())
        challenges.append(item)
    return json_response(
        {"team": team.to_json(), "session": session.to_json(), "challenges": challenges}
    )


async def get_challenge(request: Request) -> Response:
    """The challenge as the team sees it, with its progress, its saved workspace and what comes
    next in the ladder."""
    state = app_state(request)
    team, session, steps = await team_and_ladder(request)
    challenge_id = request.path_params["challenge_id"]
    entry = steps.entry(challenge_id)
    saved = await state.db.run(store.load_workspace, team.id, challenge_id)
    return json_response(
        {
            "challenge": state.catalog.describe(challenge_id, request_lang(request)),
            "progress": entry.progress.to_json(),
            "workspace": json_text.loads(saved) if saved else None,
            "next": steps.next(challenge_id),
            "session": session.to_json(),
        }
    )


async def put_workspace(request: Request) -> Response:
    """Autosave: the Blockly workspace JSON of one challenge (at most 64 KiB)."""
    state = app_state(request)
    team, session, steps = await team_and_ladder(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    _writable(session)
    challenge_id = request.path_params["challenge_id"]
    steps.entry(challenge_id)
    workspace = body.get("workspace")
    if not isinstance(workspace, dict):
        raise ApiError(400, "workspace.bad")
    text = compact_json(workspace)
    saved_at = await state.db.run(store.save_workspace, team.id, challenge_id, text)
    event = Event(
        "workspace.saved", team.session_id, team.id, {"challenge": challenge_id}, saved_at
    )
    state.hub.publish(event, [facilitators_topic(team.session_id)])
    return json_response({"saved_at": saved_at})


async def team_run(request: Request) -> Response:
    """``POST /api/team/run {"challenge", "program"}``: runs, scores and records an attempt.

    The answer is the ``/api/run`` result plus ``attempt`` (its number) and ``progress``.
    """
    state = app_state(request)
    team, session, steps = await team_and_ladder(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    _writable(session)
    if session.state is SessionState.PAUSED:
        raise ApiError(409, "session.paused")
    challenge_id = text_field(body, "challenge")
    challenge = state.catalog.get(challenge_id)
    if challenge is None:
        raise ApiError(404, "api.unknown_challenge", id=challenge_id[:80])
    steps.entry(challenge_id)
    if "program" not in body:
        raise ApiError(400, "api.missing_field", field="program")
    raw = body["program"]
    graded = grade(challenge, raw, lang)
    is_workspace = isinstance(raw, dict) and "blocks" in raw and "main" not in raw
    workspace = compact_json(raw) if is_workspace else None
    attempt, progress, event = await state.db.run(
        store.record_attempt,
        team,
        graded.result,
        program=graded.program.to_json() if graded.program is not None else None,
        workspace=workspace,
    )
    state.hub.publish(event)
    out = dict(graded.result)
    out["attempt"] = attempt
    out["progress"] = progress.to_json()
    steps.progress[challenge_id] = progress
    out["next"] = steps.next(challenge_id)
    return json_response(out)


async def list_attempts(request: Request) -> Response:
    state = app_state(request)
    team, _ = await current_team(request)
    challenge_id = request.query_params.get("challenge")
    attempts = await state.db.run(store.attempts_of, team.id, challenge_id)
    return json_response({"attempts": attempts})


async def get_attempt(request: Request) -> Response:
    state = app_state(request)
    team, _ = await current_team(request)
    raw = str(request.path_params["attempt_id"])
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise ApiError(404, "api.not_found")
    attempt = await state.db.run(store.attempt_of, team.id, int(raw))
    if attempt is None:
        raise ApiError(404, "api.not_found")
    return json_response(attempt)


ROUTES = [
    Route("/api/team", me, methods=["GET"]),
    Route("/api/team/ladder", get_ladder, methods=["GET"]),
    Route("/api/team/run", team_run, methods=["POST"]),
    Route("/api/team/attempts", list_attempts, methods=["GET"]),
    Route("/api/team/attempts/{attempt_id}", get_attempt, methods=["GET"]),
    Route("/api/team/challenges/{challenge_id:path}", get_challenge, methods=["GET"]),
    Route("/api/team/workspaces/{challenge_id:path}", put_workspace, methods=["PUT"]),
]
