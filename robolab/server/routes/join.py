"""Joining a session: look a code up, pick a pseudonym, or resume with code + pseudonym."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.i18n import Lang
from robolab.server import pseudonyms, store
from robolab.server.http import ApiError, json_response, read_json_object, request_lang, text_field
from robolab.server.models import Session, Team
from robolab.server.state import AppState, app_state


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _guessing(state: AppState) -> None:
    """429 for everyone while too many wrong codes or pseudonyms arrive, from any address: one
    device is already limited, this stops a code being guessed from many devices at once."""
    if state.guesses.full("all"):
        raise ApiError(429, "api.rate_limited")


def _wrong_guess(state: AppState) -> None:
    state.guesses.allow("all")


async def _open_session(state: AppState, code: str) -> Session:
    _guessing(state)
    session = await state.db.run(store.session_by_code, code)
    if session is None:
        _wrong_guess(state)
        raise ApiError(404, "session.unknown", code=code[:20])
    return session


async def _suggestions(state: AppState, session: Session) -> list[dict[str, Any]]:
    taken = await state.db.run(store.taken_pseudonyms, session.id)
    return [pseudonyms.describe(a, c) for a, c in pseudonyms.suggest(taken)]


def _joined(session: Session, team: Team, token: str, lang: Lang) -> dict[str, Any]:
    return {"token": token, "team": team.to_json(), "session": session.to_json(), "lang": lang}


async def session_info(request: Request) -> Response:
    """``GET /api/sessions/{code}``: the session, four free pseudonyms and the pickers' choices."""
    state = app_state(request)
    lang = request_lang(request)
    if not state.limiter.allow("code:" + _client(request)):
        raise ApiError(429, "api.rate_limited")
    session = await _open_session(state, request.path_params["code"])
    return json_response(
        {
            "session": session.to_json(),
            "suggestions": await _suggestions(state, session),
            "choices": pseudonyms.choices(lang),
        }
    )


def _pseudonym(body: dict[str, Any]) -> tuple[str, str]:
    animal, color = (
        text_field(body, "animal", max_length=40),
        text_field(body, "color", max_length=40),
    )
    if not pseudonyms.is_valid(animal, color):
        raise ApiError(400, "team.bad_pseudonym")
    return animal, color


async def join(request: Request) -> Response:
    """``POST /api/join {"code", "animal", "color"}``: a new team and its tablet's token."""
    state = app_state(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    if not state.limiter.allow("join:" + _client(request)):
        raise ApiError(429, "api.rate_limited")
    session = await _open_session(state, text_field(body, "code", max_length=20))
    animal, color = _pseudonym(body)
    try:
        team, token, event = await state.db.run(store.create_team, session.id, animal, color)
    except store.PseudonymTaken:
        suggestions = await _suggestions(state, session)
        raise ApiError(409, "team.taken", extra={"suggestions": suggestions}) from None
    state.hub.publish(event)
    return json_response(_joined(session, team, token, lang), status=201)


async def resume(request: Request) -> Response:
    """``POST /api/resume {"code", "animal", "color"}``: a token for an existing team."""
    state = app_state(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    if not state.limiter.allow("resume:" + _client(request)):
        raise ApiError(429, "api.rate_limited")
    session = await _open_session(state, text_field(body, "code", max_length=20))
    animal, color = _pseudonym(body)
    found = await state.db.run(store.resume_team, session.id, animal, color)
    if found is None:
        _wrong_guess(state)
        raise ApiError(404, "team.unknown_pseudonym")
    team, token, event = found
    state.hub.publish(event)
    return json_response(_joined(session, team, token, lang))


ROUTES = [
    Route("/api/sessions/{code}", session_info, methods=["GET"]),
    Route("/api/join", join, methods=["POST"]),
    Route("/api/resume", resume, methods=["POST"]),
]
