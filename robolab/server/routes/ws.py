"""The tablets' WebSocket: the server pushes what concerns the team and the room.

Protocol (JSON text frames):

- client -> ``{"type": "hello", "token": "<team token>"}`` first (within 10 s; the token is not
  put in the URL so it stays out of logs), then ``{"type": "ping"}`` now and then;
- server -> ``{"type": "welcome", "team": …, "session": …}``, ``{"type": "pong"}``, and events
  ``{"type": "event", "event": {"type": "attempt" | "session.state" | …, …}}``.

Close codes: 4401 bad or missing token, 4403 foreign origin, 4409 too slow or session gone
(reconnect), 4429 too many wrong tokens from this address (reconnect in a minute), 1013 the
database cannot answer now (reconnect).

Dashboards hear ``team.online {"tablets": n}`` when a team's tablet connects or goes away.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from robolab.server import store
from robolab.server.db_problems import is_machine_problem
from robolab.server.guard import same_origin
from robolab.server.hub import Hub, Subscription, facilitators_topic, room_topic, team_topic
from robolab.server.models import Event, Team
from robolab.server.state import AppState, app_state

log = logging.getLogger("robolab.server")
TOO_MANY_TRIES = 4429
"""Close code: too many wrong tokens from this address (counted like joins, per minute)."""
TRY_AGAIN_LATER = 1013
"""Close code: the database cannot answer now (locked, full); the client reconnects later."""
HELLO_TIMEOUT = 10.0
MAX_MESSAGE = 4096


def origin_ok(ws: WebSocket) -> bool:
    """Browsers send ``Origin``; it must name this server (other tools send none)."""
    return same_origin(dict(ws.headers))


async def hello_of(ws: WebSocket) -> dict[str, Any] | None:
    """The client's first message, if it is a ``hello`` sent in time (else the socket closes)."""
    try:
        hello = await asyncio.wait_for(receive_json(ws), HELLO_TIMEOUT)
    except (TimeoutError, WebSocketDisconnect):
        await close_quietly(ws, 4401)
        return None
    return hello if hello and hello.get("type") == "hello" else {}


def _online(hub: Hub, team: Team) -> None:
    tablets = hub.count(team_topic(team.id))
    event = Event("team.online", team.session_id, team.id, {"tablets": tablets}, time.time())
    hub.publish(event, [facilitators_topic(team.session_id)])


async def tablet_socket(ws: WebSocket) -> None:
    if not origin_ok(ws):
        await ws.close(code=4403)
        return
    await ws.accept()
    state = app_state(ws)
    hello = await hello_of(ws)
    if hello is None:
        return
    key = "ws-token:" + (ws.client.host if ws.client else "?")
    if state.limiter.full(key):  # too many wrong tokens from this address: wait a minute
        await close_quietly(ws, TOO_MANY_TRIES)
        return
    token = hello.get("token")
    found = None
    if isinstance(token, str) and 0 < len(token) <= 200:
        answered, found = await query_or_close(ws, state, store.team_by_token, token)
        if not answered:
            return
    if found is None:
        state.limiter.allow(key)
        await close_quietly(ws, 4401)
        return
    team, session = found
    sub = state.hub.subscribe([team_topic(team.id), room_topic(session.id)])
    _online(state.hub, team)
    try:
        await ws.send_json(
            {"type": "welcome", "team": team.to_json(), "session": session.to_json()}
        )
        await serve(ws, sub)
    except WebSocketDisconnect:
        pass
    finally:
        sub.close()
        _online(state.hub, team)


async def query_or_close(
    ws: WebSocket, state: AppState, fn: Callable[..., Any], *args: Any
) -> tuple[bool, Any]:
    """``(True, fn's result)`` from the database thread, or ``(False, None)`` once the socket is
    closed with 1013 because the database cannot answer now (the facilitators are told)."""
    try:
        return True, await state.db.run(fn, *args)
    except sqlite3.DatabaseError as exc:
        if not is_machine_problem(exc):
            raise
        state.db_notices.notice(exc, state.hub)
        await close_quietly(ws, TRY_AGAIN_LATER)
        return False, None


class Sender:
    """Sends frames one at a time (the read loop's answers and the write loop's events)."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self._lock = asyncio.Lock()

    async def text(self, text: str) -> None:
        async with self._lock:
            await self.ws.send_text(text)

    async def json(self, data: Any) -> None:
        await self.text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


Answer = Callable[[dict[str, Any], Sender], Awaitable[None]]


async def serve(ws: WebSocket, sub: Subscription, answer: Answer | None = None) -> None:
    """Forwards events and answers pings (and ``answer``'s requests) until either side stops.

    A client that goes away while something is being sent to it ends this quietly: the task
    group would otherwise wrap that disconnect in an exception group, logged as a server error
    (found by the load test: tablets closing while events were pushed).
    """
    sender = Sender(ws)
    try:
        async with anyio.create_task_group() as tasks:

            async def write() -> None:
                await _write_loop(ws, sub, sender)
                tasks.cancel_scope.cancel()

            tasks.start_soon(write)
            await _read_loop(ws, sender, answer)
            tasks.cancel_scope.cancel()
    except* WebSocketDisconnect:
        log.debug("client gone while sending")


async def _read_loop(ws: WebSocket, sender: Sender, answer: Answer | None) -> None:
    """Answers pings (and other requests); returns when the client goes away."""
    while True:
        try:
            message = await receive_json(ws)
        except WebSocketDisconnect:
            return
        if message is None:
            continue
        if message.get("type") == "ping":
            await sender.text('{"type":"pong"}')
        elif answer is not None:
            await answer(message, sender)


async def _write_loop(ws: WebSocket, sub: Subscription, sender: Sender) -> None:
    while True:
        event = await sub.get()
        if event is None:
            await close_quietly(ws, sub.close_code)
            return
        await sender.text(event.wire)


async def receive_json(ws: WebSocket) -> dict[str, Any] | None:
    """The next JSON object from the client (``None`` for anything else; never raises on junk)."""
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    text = message.get("text")
    if not isinstance(text, str) or len(text) > MAX_MESSAGE:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


async def close_quietly(ws: WebSocket, code: int) -> None:
    try:
        await ws.close(code=code)
    except (RuntimeError, WebSocketDisconnect):
        log.debug("socket already closed")


ROUTES = [WebSocketRoute("/ws", tablet_socket)]
