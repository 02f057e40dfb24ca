"""The facilitator's pages: the secret link, the app shell, leaving.

``/facilitator?token=…`` (printed by ``robolab serve``) sets the facilitator cookie (HttpOnly,
SameSite=Strict, 30 days) and redirects to ``/facilitator/``: one page whose hash is the screen
(``#/`` sessions, ``#/s/<id>`` dashboard, ``#/s/<id>/t/<team>`` a team, ``#/s/<id>/projector``).
The page carries its CSRF token and its sentences; without the cookie it explains how to get in.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from robolab import __version__
from robolab.server.fac_keys import KEY_DAYS, touch_key
from robolab.server.guard import (
    FACILITATOR_COOKIE,
    csrf_token,
    is_facilitator,
    require_facilitator,
)
from robolab.server.http import json_response
from robolab.server.routes.editor import block_texts
from robolab.server.routes.pages import LANG_COOKIE, embed_json, page_lang, template
from robolab.server.state import app_state
from robolab.server.texts import facilitator_texts, say

COOKIE_DAYS = KEY_DAYS
log = logging.getLogger("robolab.server")


def _refused(key: str, status: int = 403) -> Response:
    """A page that says, in both languages, how to get the right link."""
    parts = "".join(f'<p lang="{lang}">{escape(say(key, lang))}</p>' for lang in ("fr", "en"))
    html = template("refused.html").substitute(
        version=__version__, title=escape(say("fac.app_title", "fr")), message=parts
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


async def facilitator_entry(request: Request) -> Response:
    """``/facilitator?token=…``: checks the secret, sets the cookie, cleans the address.

    Wrong secrets are counted per address like joins (a minute's wait after too many).
    """
    state = app_state(request)
    key = "facilitator:" + (request.client.host if request.client else "?")
    if state.limiter.full(key):
        return _refused("api.too_many_tries", 429)
    token = request.query_params.get("token", "")
    hashed = state.keys.holds(token)
    if hashed is None:
        state.limiter.allow(key)
        return _refused("facilitator.bad_token")
    now = time.time()
    state.keys.used[hashed] = now
    try:  # the key is good for COOKIE_DAYS more; a full disk must not keep anyone out
        await state.db.run(touch_key, hashed, now)
    except sqlite3.OperationalError:
        log.warning("the facilitator login could not be recorded", exc_info=True)
    response = RedirectResponse("/facilitator/", status_code=303)
    set_facilitator_cookie(response, token)
    return response


def set_facilitator_cookie(response: Response, key: str) -> None:
    response.set_cookie(
        FACILITATOR_COOKIE,
        key,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="strict",
        path="/",
    )


async def facilitator_app(request: Request) -> Response:
    """``/facilitator/``: the facilitator's app (403 page without the cookie)."""
    if not is_facilitator(request):
        return _refused("facilitator.forbidden")
    state = app_state(request)
    lang = page_lang(request)
    config = {
        "lang": lang,
        "version": __version__,
        "texts": {**block_texts(lang), **facilitator_texts(lang)},  # the editor's blocks too
        "csrf": csrf_token(request.cookies.get(FACILITATOR_COOKIE, "")),
        "keep_days": state.config.keep_days,
    }
    html = template("facilitator.html").substitute(
        lang=lang,
        version=__version__,
        title=escape(say("fac.app_title", lang)),
        loading=escape(say("ui.loading", lang)),
        config=embed_json(config),
    )
    response = HTMLResponse(html, headers={"Cache-Control": "no-store"})
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


async def facilitator_logout(request: Request) -> Response:
    """``POST /facilitator/logout``: this browser forgets the facilitator cookie."""
    require_facilitator(request)
    response = json_response({"ok": True})
    response.delete_cookie(FACILITATOR_COOKIE, path="/", httponly=True, samesite="strict")
    return response


ROUTES = [
    Route("/facilitator", facilitator_entry, methods=["GET"]),
    Route("/facilitator/", facilitator_app, methods=["GET"]),
    Route("/facilitator/logout", facilitator_logout, methods=["POST"]),
]
