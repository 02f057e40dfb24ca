"""What the facilitator's routes share: the session named in the path, ids, bounded lists."""

from __future__ import annotations

from typing import Any, TypeGuard

from starlette.requests import Request

from robolab.server import store
from robolab.server.guard import require_facilitator
from robolab.server.http import ApiError
from robolab.server.models import Access, Session
from robolab.server.state import AppState

MAX_ID_DIGITS = 12


def path_id(request: Request, name: str) -> int:
    """A numeric id from the path (404 for anything else)."""
    raw = str(request.path_params.get(name, ""))
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        raise ApiError(404, "api.not_found")
    return int(raw)


async def facilitator_session(request: Request) -> tuple[AppState, Session]:
    """The facilitator's app state and the session of the path (403 / 404)."""
    state = require_facilitator(request)
    session = await state.db.run(store.session_by_id, path_id(request, "session_id"))
    if session is None:
        raise ApiError(404, "session.not_found")
    return state, session


def is_id(value: Any) -> TypeGuard[int]:
    """A JSON number that can be a row id (SQLite integers are 64-bit)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**53


def parse_access(value: Any) -> Access:
    try:
        return Access(value)
    except ValueError:
        raise ApiError(400, "session.bad_access", value=str(value)[:20]) from None


def id_list(value: Any, field: str, *, limit: int) -> list[Any]:
    """A JSON list of at most ``limit`` items (400 otherwise)."""
    if not isinstance(value, list):
        raise ApiError(400, "api.bad_field", field=field, want={"fr": "une liste", "en": "a list"})
    if len(value) > limit:
        raise ApiError(400, "api.too_many", field=field, max=limit)
    return value
