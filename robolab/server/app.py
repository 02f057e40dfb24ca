"""The application factory: routes, static files, error handling, security headers, lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import cast

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from robolab.i18n import Lang
from robolab.server import admin_store, store
from robolab.server.catalog import Catalog
from robolab.server.db import Database
from robolab.server.db_problems import is_machine_problem, problem_error
from robolab.server.fac_keys import FacilitatorKeys, load_keys, new_key
from robolab.server.guard import OriginGuard
from robolab.server.http import ApiError, error_response, request_lang
from robolab.server.hub import Hub
from robolab.server.room import RoomControl, sessions_deleted
from robolab.server.routes import all_routes
from robolab.server.state import AppState, RateLimiter, ServerConfig, app_state
from robolab.server.texts import say

log = logging.getLogger("robolab.server")
STATIC_DIR = Path(__file__).resolve().parent / "static"
BLOCKLY_DIR = STATIC_DIR / "vendor" / "blockly"
PURGE_EVERY = 3600.0

# Everything comes from this server: no CDN, no outside request even by mistake.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'self'; form-action 'self'"
)
HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
)


class SecurityHeaders:
    """Adds the security headers to every HTTP answer, and cache rules for static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
                if path.startswith("/static/vendor/"):
                    headers["cache-control"] = "public, max-age=604800"
                elif path.startswith("/static/"):
                    headers["cache-control"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _lang_of(request: Request) -> Lang:
    """The language found in the body when it was read (``request.state.lang``), else the rest."""
    lang = getattr(request.state, "lang", None)
    if lang == "fr" or lang == "en":
        return cast(Lang, lang)
    return request_lang(request)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc, _lang_of(request))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = request_lang(request)
    if exc.status_code == 405:
        error = ApiError(405, "api.method", method=request.method[:10])
    elif exc.status_code == 404:
        error = ApiError(404, "api.not_found")
    else:
        error = ApiError(exc.status_code, "api.internal")
    response = error_response(error, lang)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(ApiError(500, "api.internal"), request_lang(request))


async def _db_error(request: Request, exc: Exception) -> Response:
    """A full disk, a lock or an I/O error: 503 with what to do, and a notice to facilitators."""
    assert isinstance(exc, sqlite3.DatabaseError)
    if not is_machine_problem(exc):  # a bug (wrong query, broken constraint): a real 500
        log.error("database error", exc_info=exc)
        return await _server_error(request, exc)
    app_state(request).db_notices.notice(exc, app_state(request).hub)
    response = error_response(problem_error(exc), _lang_of(request))
    response.headers["retry-after"] = "5"
    return response


async def _purge(db: Database, keep_days: int, room: RoomControl) -> None:
    """Every hour, deletes the sessions idle for more than ``keep_days`` days."""
    while True:
        await asyncio.sleep(PURGE_EVERY)
        deleted = await db.run(admin_store.purge_sessions, keep_days)
        if deleted:
            log.info("purged %d session(s) idle for more than %d days", len(deleted), keep_days)
            await sessions_deleted(room, deleted)


async def _room_call(room: RoomControl, name: str, *args: object) -> None:
    """``room.open(state)`` / ``room.close()`` when the room has them (any object may be one)."""
    method = getattr(room, name, None)
    if method is not None:
        await method(*args)


def create_app(
    config: ServerConfig,
    catalog: Catalog | None = None,
    room: RoomControl | None = None,
    *,
    facilitator_key: str | None = None,
) -> Starlette:
    """The classroom server as an ASGI app; the database opens when the app starts.

    ``room`` is the hook to the robots (:mod:`robolab.server.room`): pausing the room calls its
    ``stop_all_robots()``. ``facilitator_key`` is the key of the facilitator link already
    printed (``robolab serve``); without it the app makes a new one (``state.facilitator_token``).
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        loaded = (
            catalog
            if catalog is not None
            else await asyncio.to_thread(Catalog.load, config.catalog_roots)
        )
        if not (BLOCKLY_DIR / "blockly_compressed.js").is_file():
            log.warning("Blockly is missing from %s: run `make run` (npm ci) first", BLOCKLY_DIR)
        db = await Database.open(config.db_path)
        purge: asyncio.Task[None] | None = None
        try:
            keys = FacilitatorKeys(await db.run(load_keys))
            token = facilitator_key if facilitator_key is not None else await db.run(new_key)
            if config.keep_days > 0:
                await db.run(admin_store.purge_sessions, config.keep_days)
            if config.demo:
                await db.run(store.ensure_demo_session, say("serve.demo_title", "fr"), loaded.ids)
            app.state.robolab = AppState(
                config,
                loaded,
                db,
                Hub(),
                token,
                RateLimiter(config.join_limit),
                room if room is not None else RoomControl(),
                keys=keys,
            )
            if config.keep_days > 0:
                purge = asyncio.create_task(_purge(db, config.keep_days, app.state.robolab.room))
            await _room_call(app.state.robolab.room, "open", app.state.robolab)
            yield
        finally:
            if purge is not None:
                purge.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await purge
            if hasattr(app.state, "robolab"):
                await _room_call(app.state.robolab.room, "close")
            await db.close()

    return Starlette(
        routes=[*all_routes(), Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")],
        middleware=[Middleware(SecurityHeaders), Middleware(OriginGuard)],
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            sqlite3.DatabaseError: _db_error,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
