"""Health check and the API description."""

from __future__ import annotations

from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.server.http import json_response
from robolab.server.openapi import spec


@cache
def _spec() -> dict[str, Any]:
    return spec()


async def healthz(request: Request) -> Response:
    return json_response({"ok": True})


async def openapi(request: Request) -> Response:
    return json_response(_spec())


ROUTES = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
]
