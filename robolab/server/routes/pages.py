"""HTML pages: the tablet app's shell (the facilitator's pages are in ``facilitator.py``).

The tablet app is one page; its language comes from the ``robolab_lang`` cookie (French when
unset) and switching language reloads the page, so Blockly loads its own ``msg/<lang>.js``.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from robolab import __version__
from robolab.i18n import Lang, parse_lang
from robolab.server.texts import say, ui_texts

LANG_COOKIE = "robolab_lang"


@cache
def template(name: str) -> Template:
    return Template(files("robolab.server").joinpath("templates", name).read_text("utf-8"))


def page_lang(request: Request) -> Lang:
    """``?lang=`` (remembered in a cookie), else the cookie, else French."""
    query = request.query_params.get("lang")
    if query:
        return parse_lang(query)
    return parse_lang(request.cookies.get(LANG_COOKIE))


def embed_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``<`` at all)."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")


async def tablet(request: Request) -> Response:
    lang = page_lang(request)
    config = {"lang": lang, "version": __version__, "texts": ui_texts(lang)}
    html = template("tablet.html").substitute(
        lang=lang,
        version=__version__,
        loading=escape(say("ui.loading", lang)),
        config=embed_json(config),
    )
    response = HTMLResponse(html, headers={"Cache-Control": "no-cache"})
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


ROUTES = [
    Route("/", tablet, methods=["GET"]),
    Route("/j/{code}", tablet, methods=["GET"]),
]
