"""The stateless API: run a program on any loaded challenge, show a program as text."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.errors import ProgramError
from robolab.server.grading import grade, read_program
from robolab.server.http import ApiError, json_response, read_json_object, request_lang, text_field
from robolab.server.state import app_state


async def api_run(request: Request) -> Response:
    """``POST /api/run {"challenge", "program"}`` -> the FORMATS §4 result with its trace."""
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    challenge_id = text_field(body, "challenge")
    challenge = app_state(request).catalog.get(challenge_id)
    if challenge is None:
        raise ApiError(404, "api.unknown_challenge", id=challenge_id[:80])
    if "program" not in body:
        raise ApiError(400, "api.missing_field", field="program")
    return json_response(grade(challenge, body["program"], lang).result)


async def api_code(request: Request) -> Response:
    """``POST /api/code {"program"}`` -> ``{"text", "blocks"}``: "Show the code"."""
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    if "program" not in body:
        raise ApiError(400, "api.missing_field", field="program")
    try:
        program = read_program(body["program"])
    except ProgramError as err:
        raise ApiError(400, err.key, extra=err.to_json(lang)) from None
    try:
        from robolab.program_text import render_text
    except ImportError:
        raise ApiError(503, "api.unavailable") from None
    numbered = body.get("numbered") is True
    return json_response(
        {"text": render_text(program, lang, numbered=numbered), "blocks": program.block_count}
    )


ROUTES = [
    Route("/api/run", api_run, methods=["POST"]),
    Route("/api/code", api_code, methods=["POST"]),
]
