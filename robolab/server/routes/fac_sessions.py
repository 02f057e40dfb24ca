"""Facilitator API: sessions (create from packs, ladder order and locks, rename, delete), the
packs to choose from, the join QR code and the dashboard's snapshot.

Every route needs the facilitator cookie (403 otherwise, also for teams) and, for changes, the
CSRF header (see :mod:`robolab.server.guard`).
"""

from __future__ import annotations

import io
import time
from datetime import datetime
from typing import Any

import segno
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.server import admin_store, store
from robolab.server.dashboard import join_url, session_json, snapshot
from robolab.server.dashboard_store import dashboard_rows
from robolab.server.guard import require_facilitator
from robolab.server.http import ApiError, json_response, read_json_object, request_lang
from robolab.server.models import Access, Event
from robolab.server.room import sessions_deleted
from robolab.server.routes.fac_common import facilitator_session, id_list, parse_access
from robolab.server.state import AppState
from robolab.server.texts import say

MAX_CHALLENGES = 200
MAX_TITLE = 80


async def list_packs(request: Request) -> Response:
    """``GET /api/facilitator/packs``: every loaded pack and its challenges, to build a session."""
    state = require_facilitator(request)
    lang = request_lang(request)
    catalog = state.catalog
    packs = []
    for pack in catalog.packs:
        ids = [c.id for c in pack.challenges if catalog.pack_of.get(c.id) == pack.id]
        if not ids:
            continue
        challenges = []
        for cid in ids:
            full = catalog.describe(cid, lang)
            challenges.append(
                {k: full[k] for k in ("id", "title", "tier", "concepts", "par", "map_svg")}
            )
        packs.append({"id": pack.id, "title": pack.title_in(lang), "challenges": challenges})
    return json_response({"packs": packs, "keep_days": state.config.keep_days})


async def list_sessions(request: Request) -> Response:
    """``GET /api/facilitator/sessions``: every session, newest first."""
    state = require_facilitator(request)
    sessions = await state.db.run(admin_store.all_sessions)
    return json_response({"sessions": sessions, "keep_days": state.config.keep_days})


def _title(body: dict[str, Any]) -> str | None:
    title = body.get("title")
    if title is None:
        return None
    if not isinstance(title, str):
        raise ApiError(400, "api.bad_field", field="title", want={"fr": "un texte", "en": "a text"})
    title = " ".join(title.split())[:MAX_TITLE]
    return title or None


def _ladder(state: AppState, body: dict[str, Any]) -> list[tuple[str, Access]]:
    """``challenges``: ids, or ``{"id", "access"}`` objects, of loaded challenges, in order."""
    items = id_list(body.get("challenges"), "challenges", limit=MAX_CHALLENGES)
    out: list[tuple[str, Access]] = []
    for item in items:
        if isinstance(item, str):
            cid, access = item, Access.AUTO
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            cid, access = item["id"], parse_access(item.get("access", "auto"))
        else:
            raise ApiError(400, "session.bad_challenge", id=str(item)[:40])
        if state.catalog.get(cid) is None:
            raise ApiError(400, "session.bad_challenge", id=cid[:80])
        out.append((cid, access))
    if not out:
        raise ApiError(400, "session.no_challenge")
    return out


async def create_session(request: Request) -> Response:
    """``POST /api/facilitator/sessions {"title"?, "challenges": [...]}`` -> 201 the session."""
    state = require_facilitator(request)
    body = await read_json_object(request)
    lang = request.state.lang = request_lang(request, body)
    ladder = _ladder(state, body)
    title = _title(body) or say(
        "session.default_title", lang, date=datetime.now().strftime("%d/%m %H:%M")
    )

    ids = [cid for cid, _ in ladder]
    session = await state.db.run(store.create_session, title, ids, access=dict(ladder))
    out = session_json(session)
    out["join_url"] = join_url(request, session)
    return json_response(out, status=201)


async def get_session(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}``: the dashboard snapshot (also sent on the socket)."""
    state, session = await facilitator_session(request)
    rows = await state.db.run(dashboard_rows, session.id)
    if rows is None:
        raise ApiError(404, "session.not_found")
    return json_response(snapshot(request, state, rows, request_lang(request)))


async def rename_session(request: Request) -> Response:
    """``PATCH /api/facilitator/sessions/{id} {"title"}``."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    title = _title(body)
    if title is None:
        raise ApiError(400, "api.missing_field", field="title")
    event = await state.db.run(admin_store.rename_session, session.id, title)
    state.hub.publish(event)
    return json_response({"title": title})


async def put_challenges(request: Request) -> Response:
    """``PUT /api/facilitator/sessions/{id}/challenges {"challenges": [{"id", "access"}]}``:
    the whole ladder, in order."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    event = await state.db.run(admin_store.set_ladder, session.id, _ladder(state, body))
    state.hub.publish(event)
    return json_response(event.data)


async def post_access(request: Request) -> Response:
    """``POST /api/facilitator/sessions/{id}/access {"access", "challenges"?}``: lock, open or
    put back in order some challenges, or all of them when ``challenges`` is missing."""
    state, session = await facilitator_session(request)
    body = await read_json_object(request)
    request.state.lang = request_lang(request, body)
    access = parse_access(body.get("access"))
    ids: list[str] | None = None
    if body.get("challenges") is not None:
        raw = id_list(body["challenges"], "challenges", limit=MAX_CHALLENGES)
        ids = [c for c in raw if isinstance(c, str)]
    event = await state.db.run(admin_store.set_access, session.id, ids, access)
    state.hub.publish(event)
    return json_response(event.data)


async def delete_session(request: Request) -> Response:
    """``DELETE /api/facilitator/sessions/{id}``: the session and all its data, for good."""
    state, session = await facilitator_session(request)
    goodbye = Event("session.deleted", session.id, None, {}, time.time())
    state.hub.publish(goodbye)
    await state.db.run(admin_store.delete_session, session.id)
    await sessions_deleted(state.room, [session.id])
    state.projector.pop(session.id, None)
    state.hub.close_session(session.id)
    return json_response({"deleted": session.id})


async def qr_svg(request: Request) -> Response:
    """``GET /api/facilitator/sessions/{id}/qr.svg``: the join address as a QR code."""
    _, session = await facilitator_session(request)
    qr = segno.make(join_url(request, session), error="m")
    out = io.BytesIO()
    # a viewBox and no size: the picture scales to any box, up to a projector's screen
    qr.save(
        out, kind="svg", border=2, dark="#181c2c", light="#ffffff", xmldecl=False, omitsize=True
    )
    return Response(
        out.getvalue(), media_type="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


ROUTES = [
    Route("/api/facilitator/packs", list_packs, methods=["GET"]),
    Route("/api/facilitator/sessions", list_sessions, methods=["GET"]),
    Route("/api/facilitator/sessions", create_session, methods=["POST"]),
    Route("/api/facilitator/sessions/{session_id}", get_session, methods=["GET"]),
    Route("/api/facilitator/sessions/{session_id}", rename_session, methods=["PATCH"]),
    Route("/api/facilitator/sessions/{session_id}", delete_session, methods=["DELETE"]),
    Route("/api/facilitator/sessions/{session_id}/challenges", put_challenges, methods=["PUT"]),
    Route("/api/facilitator/sessions/{session_id}/access", post_access, methods=["POST"]),
    Route("/api/facilitator/sessions/{session_id}/qr.svg", qr_svg, methods=["GET"]),
]
