"""The facilitators' WebSocket: one session's live dashboard (also the projector's).

Protocol (JSON text frames):

- the handshake must come from this server's pages (``Origin``) with the facilitator cookie;
- client -> ``{"type": "hello", "session": <id>, "lang"?: "fr" | "en"}`` within 10 s, then
  ``{"type": "ping"}`` now and then, or ``{"type": "snapshot"}`` to get the whole grid again;
- server -> ``{"type": "snapshot", "snapshot": {...}}`` (see :mod:`robolab.server.dashboard`),
  then every event of the session ``{"type": "event", "event": {...}}``, and ``{"type": "pong"}``.
  The robots' ``robot.changed`` events (the fleet is the room's) come on every session's socket.

The subscription starts before the snapshot is read, so nothing falls between the two: events
whose ``id`` is at most the snapshot's ``seq`` are already in it.

Close codes: 4401 not a facilitator (or no hello), 4403 foreign origin, 4404 no such session,
4409 fell behind or the session was deleted (reconnect), 4429 too many tries without the
cookie from this address, 1013 the database cannot answer now (reconnect).
"""

from __future__ import annotations

from typing import Any

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from robolab.i18n import parse_lang
from robolab.server.dashboard import snapshot
from robolab.server.dashboard_store import dashboard_rows
from robolab.server.guard import is_facilitator
from robolab.server.hub import FLEET_TOPIC, facilitators_topic
from robolab.server.routes.fac_common import is_id
from robolab.server.routes.ws import (
    TOO_MANY_TRIES,
    TRY_AGAIN_LATER,
    Sender,
    close_quietly,
    hello_of,
    origin_ok,
    query_or_close,
    serve,
)
from robolab.server.state import app_state


async def facilitator_socket(ws: WebSocket) -> None:
    if not origin_ok(ws):
        await ws.close(code=4403)
        return
    state = app_state(ws)
    key = "ws-facilitator:" + (ws.client.host if ws.client else "?")
    if state.limiter.full(key):  # too many tries without the cookie from this address
        await ws.close(code=TOO_MANY_TRIES)
        return
    if not is_facilitator(ws):
        state.limiter.allow(key)
        await ws.close(code=4401)
        return
    await ws.accept()
    hello = await hello_of(ws)
    if hello is None:
        return
    raw = hello.get("session")
    lang = parse_lang(hello.get("lang") if isinstance(hello.get("lang"), str) else None)
    if not is_id(raw):
        await close_quietly(ws, 4404)
        return
    session_id = raw
    sub = state.hub.subscribe([facilitators_topic(session_id), FLEET_TOPIC])

    async def send_snapshot(sender: Sender) -> bool:
        answered, rows = await query_or_close(ws, state, dashboard_rows, session_id)
        if not answered:
            raise WebSocketDisconnect(TRY_AGAIN_LATER)  # closed: ends this socket quietly
        if rows is None:
            return False
        await sender.json({"type": "snapshot", "snapshot": snapshot(ws, state, rows, lang)})
        return True

    async def answer(message: dict[str, Any], sender: Sender) -> None:
        if message.get("type") == "snapshot":
            await send_snapshot(sender)

    try:
        if not await send_snapshot(Sender(ws)):
            await close_quietly(ws, 4404)
            return
        await serve(ws, sub, answer)
    except WebSocketDisconnect:
        pass
    finally:
        sub.close()


ROUTES = [WebSocketRoute("/ws/facilitator", facilitator_socket)]
