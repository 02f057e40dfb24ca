"""Who may do what: the facilitator cookie, its CSRF token, and the same-origin rule.

- A facilitator is a browser holding the ``robolab_facilitator`` cookie, set by the secret link
  that ``robolab serve`` prints (HttpOnly, SameSite=Strict). A team's bearer token never opens a
  facilitator page, API or socket. Several browsers may hold the cookie at once.
- Every state-changing facilitator request also carries ``X-RoboLab-CSRF``: a value derived from
  the browser's key (HMAC), embedded in the facilitator's page; another site cannot read it.
  Keys are kept as hashes (:mod:`robolab.server.fac_keys`); a new secret link forgets them all.
- :class:`OriginGuard` refuses every state-changing request (POST, PUT, PATCH, DELETE) that a
  browser marks as coming from another site (``Sec-Fetch-Site``) or whose ``Origin`` is not this
  server, for teams and facilitators alike. Tools that send neither header (scripts, tests) pass.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from robolab.server.http import ApiError, accept_language
from robolab.server.state import AppState, app_state
from robolab.server.texts import say

FACILITATOR_COOKIE = "robolab_facilitator"
CSRF_HEADER = "x-robolab-csrf"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def csrf_token(secret: str) -> str:
    """The anti-forgery value of the facilitator pages (stable for a given secret)."""
    return hmac.new(secret.encode(), b"robolab-csrf", hashlib.sha256).hexdigest()[:32]


def same_secret(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def facilitator_key(conn: HTTPConnection) -> str | None:
    """The hash of the facilitator key in the request's cookie, when that key is good now."""
    return app_state(conn).keys.holds(conn.cookies.get(FACILITATOR_COOKIE, ""))


def is_facilitator(conn: HTTPConnection) -> bool:
    """True when the request or socket carries a good facilitator cookie."""
    return facilitator_key(conn) is not None


def require_facilitator(request: Request) -> AppState:
    """The app state, for a facilitator only (403 otherwise; CSRF token on changes).

    Raises:
        ApiError: 403 ``facilitator.forbidden`` or ``facilitator.csrf``.
    """
    state = app_state(request)
    if not is_facilitator(request):
        raise ApiError(403, "facilitator.forbidden")
    cookie = request.cookies.get(FACILITATOR_COOKIE, "")
    if request.method in UNSAFE_METHODS and not same_secret(
        request.headers.get(CSRF_HEADER, ""), csrf_token(cookie)
    ):
        raise ApiError(403, "facilitator.csrf")
    return state


def same_origin(headers: dict[str, str]) -> bool:
    """False when a browser says the request comes from another site or origin.

    ``headers`` are lower-cased names. Browsers send ``Origin`` on cross-origin requests and on
    every POST and WebSocket handshake; ``Sec-Fetch-Site`` says ``same-origin`` or ``none``
    (typed address) for the requests we accept.
    """
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == headers.get("host", "").lower() != ""


class OriginGuard:
    """Refuses cross-site state-changing HTTP requests with a 403 (before any route runs)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if same_origin(headers):
            await self.app(scope, receive, send)
            return
        lang = accept_language(headers.get("accept-language")) or "fr"
        body = json.dumps(
            {"error": {"code": "api.cross_site", "message": say("api.cross_site", lang)}},
            ensure_ascii=False,
        ).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
