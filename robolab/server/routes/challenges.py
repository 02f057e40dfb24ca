"""The public catalogue: every loaded challenge (no solutions) and its map picture."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.server.http import ApiError, json_response, request_lang
from robolab.server.state import app_state


async def list_challenges(request: Request) -> Response:
    catalog = app_state(request).catalog
    lang = request_lang(request)
    packs = [
        {
            "id": pack.id,
            "title": pack.title_in(lang),
            "challenges": [c.id for c in pack.challenges if catalog.pack_of.get(c.id) == pack.id],
        }
        for pack in catalog.packs
    ]
    challenges = [catalog.summary(cid, lang) for cid in catalog.ids]
    return json_response({"packs": packs, "challenges": challenges})


async def get_challenge(request: Request) -> Response:
    catalog = app_state(request).catalog
    challenge_id = request.path_params["challenge_id"]
    if catalog.get(challenge_id) is None:
        raise ApiError(404, "api.unknown_challenge", id=challenge_id[:80])
    return json_response(catalog.describe(challenge_id, request_lang(request)))


async def map_svg(request: Request) -> Response:
    challenge_id = request.path_params["challenge_id"]
    found = app_state(request).catalog.map_svg(challenge_id)
    if found is None:
        raise ApiError(404, "api.unknown_challenge", id=challenge_id[:80])
    body, etag = found
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, headers=headers, media_type="image/svg+xml")


ROUTES = [
    Route("/api/challenges", list_challenges, methods=["GET"]),
    Route("/api/challenges/{challenge_id:path}/map.svg", map_svg, methods=["GET"]),
    Route("/api/challenges/{challenge_id:path}", get_challenge, methods=["GET"]),
]
