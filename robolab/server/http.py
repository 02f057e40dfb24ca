"""HTTP helpers shared by the routes: the request's language, bounded JSON bodies, JSON answers.

Every client mistake becomes an :class:`ApiError` (a 4xx with a translated message); nothing a
client sends may turn into a 500.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response

from robolab import json_text
from robolab.i18n import DEFAULT_LANG, Lang, parse_lang
from robolab.server.texts import both, say

MAX_BODY = 64 * 1024
_ACCEPT_RE = re.compile(
    r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?"
)


class ApiError(Exception):
    """A client error: HTTP status, a stable code (a catalog key) and the message's parameters.

    ``extra`` fields are added to the answer's ``error`` object (for example a block id).
    """

    def __init__(
        self, status: int, code: str, /, *, extra: Mapping[str, Any] | None = None, **params: Any
    ) -> None:
        self.status = status
        self.code = code
        self.params = params
        self.extra = dict(extra or {})
        super().__init__(code)

    def to_json(self, lang: Lang) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": say(self.code, lang, **self.params)}
        error.update(self.extra)
        return {"error": error}


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """Compact UTF-8 JSON (traces can be long: no indentation, no spaces)."""
    body = json_text.dumps(data)
    return Response(body.encode("utf-8"), status, headers, media_type="application/json")


def compact_json(value: Any) -> str:
    """JSON text of client data to store; 400 when too deeply nested to encode."""
    try:
        return json_text.dumps(value)
    except ValueError as exc:
        raise ApiError(400, "api.bad_json", line=1, column=1, reason=str(exc)[:80]) from None


def error_response(error: ApiError, lang: Lang) -> Response:
    return json_response(error.to_json(lang), error.status)


def accept_language(header: str | None) -> Lang | None:
    """The preferred supported language of an ``Accept-Language`` header (``None``: no preference)."""
    if not header:
        return None
    best: tuple[float, int, Lang] | None = None
    for position, part in enumerate(header.split(",")[:20]):
        match = _ACCEPT_RE.match(part)
        if match is None:
            continue
        tag = match.group(1).lower()
        if tag not in ("fr", "en"):
            continue
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if quality <= 0:
            continue
        candidate = (quality, -position, parse_lang(tag))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def request_lang(conn: HTTPConnection, body: Mapping[str, Any] | None = None) -> Lang:
    """The language of a request: a ``lang`` field of the body, ``?lang=``, then Accept-Language."""
    if body is not None and isinstance(body.get("lang"), str):
        return parse_lang(body["lang"])
    query = conn.query_params.get("lang")
    if query:
        return parse_lang(query)
    return accept_language(conn.headers.get("accept-language")) or DEFAULT_LANG


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refusing more than ``limit`` bytes (Content-Length and bytes counted).

    Raises:
        ApiError: 413 when too large, 400 when Content-Length is not a number.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        declared = declared.strip()
        if not (declared.isascii() and declared.isdigit()):
            raise ApiError(400, "api.bad_length")
        if len(declared) > 18 or int(declared) > limit:
            raise ApiError(413, "api.too_large", size=declared[:20], max=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "api.too_large", size=f"> {limit}", max=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def decode_json(raw: bytes) -> Any:
    """Strict JSON decoding with translated errors (400)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "api.not_utf8") from None
    try:
        return json_text.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "api.bad_json", line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except ValueError as exc:  # for example an integer with too many digits
        raise ApiError(400, "api.bad_json", line=1, column=1, reason=str(exc)[:80]) from None


async def read_json_object(request: Request, limit: int = MAX_BODY) -> dict[str, Any]:
    """A bounded JSON object body (400 if it is another JSON value)."""
    data = decode_json(await read_body(request, limit))
    if not isinstance(data, dict):
        raise ApiError(400, "api.not_object")
    return data


def text_field(body: Mapping[str, Any], name: str, *, max_length: int = 200) -> str:
    """A required text field of a JSON body."""
    if name not in body or body[name] is None:
        raise ApiError(400, "api.missing_field", field=name)
    value = body[name]
    if not isinstance(value, str) or len(value) > max_length:
        raise ApiError(400, "api.bad_field", field=name, want=both("api.want_text"))
    return value
