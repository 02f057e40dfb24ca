"""The level editor's part of ``GET /openapi.json`` (see :mod:`robolab.server.routes.editor`)."""

from __future__ import annotations

from typing import Any

from robolab.server.openapi_facilitator import _body, _ok, _op

_NAME = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_TEXT = {"type": "object", "properties": {"fr": {"type": "string"}, "en": {"type": "string"}}}
_MAP = {
    "type": "object",
    "required": ["rows"],
    "properties": {
        "rows": {"type": "array", "items": {"type": "string"}, "maxItems": 64},
        "heading": {"type": ["string", "null"], "enum": ["north", "east", "south", "west", None]},
    },
}
_DRAFT = {
    "type": "object",
    "description": "A challenge being edited (the fields of a challenge file, texts as "
    "{fr, en}; solution: a Blockly workspace or FORMATS program)",
    "required": ["map"],
    "properties": {
        "title": _TEXT,
        "story": _TEXT,
        "tier": {"type": "integer"},
        "concepts": {"type": "array", "items": {"type": "string"}},
        "map": _MAP,
        "variants": {"type": "array", "items": _MAP},
        "goals": {"type": "array", "items": {"type": "string"}},
        "blocks": {"type": "array", "items": {"type": "string"}},
        "sensors": {"type": "array", "items": {"type": "string"}},
        "max_blocks": {"type": ["integer", "null"]},
        "max_ticks": {"type": ["integer", "null"]},
        "par": {"type": "object"},
        "solution": {},
        "hints": {"type": "array", "items": _TEXT},
    },
}
_INVALID = {"422": _ok("The level has problems (error.problems: line, field, message)")}


def editor_paths() -> dict[str, Any]:
    base = "/api/facilitator/editor"
    return {
        f"{base}/packs": {
            "get": _op(
                "The level editor: packs (writable or not) and their files, map colours, limits",
                {"200": _ok("Packs")},
            )
        },
        f"{base}/challenges/{{pack}}/{{name}}": {
            "get": _op(
                "Opens a challenge file as a draft (with the file's sha to save it back)",
                {"200": _ok("The draft"), "404": _ok("No such pack or file"), **_INVALID},
                params=[
                    {"name": "pack", "in": "path", "required": True, "schema": _NAME},
                    {"name": "name", "in": "path", "required": True, "schema": _NAME},
                ],
            )
        },
        f"{base}/check": {
            "post": _op(
                "Live check of a draft: solvable maps and best steps, the solution's stars, "
                "every problem robolab check would print, the file's text",
                {"200": _ok("The report")},
                body=_body({"draft": _DRAFT, "pack": _NAME, "name": _NAME}, ["draft"]),
            )
        },
        f"{base}/try": {
            "post": _op(
                "Runs a candidate reference solution on every map (result with traces and "
                "each map's SVG)",
                {"200": _ok("The result"), **_INVALID},
                body=_body({"draft": _DRAFT, "program": {}}, ["draft", "program"]),
            )
        },
        f"{base}/save": {
            "post": _op(
                "Checks the draft like robolab check and writes <pack>/<name>.yaml atomically "
                "(new pack: in the data folder's packs/, with a pack.yaml); reloads the packs",
                {
                    "200": _ok("Saved over the file being edited"),
                    "201": _ok("A new file"),
                    "409": _ok("The file or id exists, or the file changed on disk"),
                    **_INVALID,
                },
                body=_body(
                    {
                        "draft": _DRAFT,
                        "pack": _NAME,
                        "name": _NAME,
                        "new_pack": {"type": "object", "properties": {"title": _TEXT}},
                        "replace": {
                            "type": "object",
                            "description": "the file being edited: {pack, name, sha}",
                        },
                    },
                    ["draft", "pack", "name"],
                ),
            )
        },
    }
