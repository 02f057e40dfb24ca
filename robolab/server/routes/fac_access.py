"""Facilitator API: a new secret link (``POST /api/facilitator/link``).

When the facilitator link may have leaked (a photo of the terminal, the projector showing it at
start), a facilitator makes a new one: every key known so far is forgotten
(:mod:`robolab.server.fac_keys`), so every link printed before and every browser let in before
stop working at once — their dashboards' sockets close with 4401 and their pages then say how to
get in. The browser that asked gets the new key in its cookie and the answer
``{"link", "qr", "csrf"}``: the new link, its QR code (an SVG ``data:`` address, for an ``<img>``)
and the page's new anti-forgery value. Facilitator-only, with the CSRF header and the same-origin
rule like every change; the page asks for confirmation first.
"""

from __future__ import annotations

import logging

import segno
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from robolab.server.fac_keys import new_key
from robolab.server.guard import csrf_token, require_facilitator
from robolab.server.http import json_response
from robolab.server.hub import FLEET_TOPIC
from robolab.server.netinfo import room_base
from robolab.server.routes.facilitator import set_facilitator_cookie
from robolab.server.state import app_state

log = logging.getLogger("robolab.server")
LOGGED_OUT = 4401


def facilitator_link(request: Request, key: str) -> str:
    """The facilitator link with ``key``, on the address other laptops can reach."""
    url = request.url
    listen_host = app_state(request).config.listen_host
    base = room_base("http", url.hostname or "127.0.0.1", url.port, listen_host)
    return f"{base}/facilitator?token={key}"


async def new_link(request: Request) -> Response:
    """``POST /api/facilitator/link``: a new secret link; every other facilitator is let out."""
    state = require_facilitator(request)
    key = await state.db.run(new_key, forget_others=True)
    state.keys.replace(key)
    state.facilitator_token = key
    closed = state.hub.close_topic(FLEET_TOPIC, LOGGED_OUT)  # every facilitator page's socket
    log.warning(
        "a new facilitator link was made from a facilitator page: the links printed before "
        "no longer work (%d facilitator page(s) closed)",
        closed,
    )
    link = facilitator_link(request, key)
    qr = segno.make(link, error="m").svg_data_uri(scale=6, border=2)
    response = json_response({"link": link, "qr": qr, "csrf": csrf_token(key)})
    response.headers["cache-control"] = "no-store"
    set_facilitator_cookie(response, key)
    return response


ROUTES = [Route("/api/facilitator/link", new_link, methods=["POST"])]
