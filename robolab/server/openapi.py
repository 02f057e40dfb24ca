"""``GET /openapi.json``: the HTTP API described in OpenAPI 3.1 (docs/server.md tells the story).

A test checks that every route of the app is described here and the other way round.
"""

from __future__ import annotations

from typing import Any

from robolab import __version__
from robolab.server.openapi_editor import editor_paths
from robolab.server.openapi_facilitator import facilitator_paths
from robolab.server.openapi_hints import hint_paths
from robolab.server.openapi_robots import robot_paths

JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": schema}}}


def _ok(
    description: str, schema: dict[str, Any] | None = None, media: str = JSON
) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None:
        out["content"] = {media: {"schema": schema}}
    return out


_ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "413": {"$ref": "#/components/responses/TooLarge"},
}
_TEAM_ERRORS = {"401": {"$ref": "#/components/responses/NotTeam"}}
_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["fr", "en"]},
    "description": "Language of messages (else Accept-Language, else French).",
}
_CHALLENGE_ID = {
    "name": "challenge_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "example": "starter/zigzag"},
}
_TEAM: list[dict[str, list[str]]] = [{"team": []}]


def _paths() -> dict[str, Any]:
    return {
        "/healthz": {
            "get": {
                "summary": "Liveness",
                "responses": {"200": _ok("Always", {"const": {"ok": True}})},
            }
        },
        "/openapi.json": {
            "get": {"summary": "This description", "responses": {"200": _ok("OpenAPI 3.1")}}
        },
        "/api/run": {
            "post": {
                "summary": "Run and score a program on any loaded challenge (no session needed)",
                "parameters": [_LANG],
                "requestBody": _body(_ref("RunRequest")),
                "responses": {
                    "200": _ok("The FORMATS §4 result with its trace", _ref("RunResult")),
                    "404": {"$ref": "#/components/responses/UnknownChallenge"},
                    **_ERRORS,
                },
            }
        },
        "/api/code": {
            "post": {
                "summary": 'A program as text ("Show the code")',
                "parameters": [_LANG],
                "requestBody": _body(
                    {
                        "type": "object",
                        "required": ["program"],
                        "properties": {
                            "program": _ref("Program"),
                            "numbered": {"type": "boolean"},
                            "lang": {"type": "string", "enum": ["fr", "en"]},
                        },
                    }
                ),
                "responses": {
                    "200": _ok(
                        "The text",
                        {
                            "type": "object",
                            "properties": {
                                "text": {"type": "string"},
                                "blocks": {"type": "integer"},
                            },
                        },
                    ),
                    **_ERRORS,
                },
            }
        },
        "/api/challenges": {
            "get": {
                "summary": "Every loaded pack and challenge",
                "parameters": [_LANG],
                "responses": {"200": _ok("Packs and challenge summaries")},
            }
        },
        "/api/challenges/{challenge_id}": {
            "get": {
                "summary": "A challenge as a tablet shows it (never its solution)",
                "parameters": [_CHALLENGE_ID, _LANG],
                "responses": {
                    "200": _ok("The challenge", _ref("Challenge")),
                    "404": {"$ref": "#/components/responses/UnknownChallenge"},
                },
            }
        },
        "/api/challenges/{challenge_id}/map.svg": {
            "get": {
                "summary": "The map as SVG (robot #robot, gems .gem, path #trail)",
                "parameters": [_CHALLENGE_ID],
                "responses": {
                    "200": _ok("SVG", {"type": "string"}, "image/svg+xml"),
                    "304": _ok("Not modified (ETag)"),
                    "404": {"$ref": "#/components/responses/UnknownChallenge"},
                },
            }
        },
        "/api/sessions/{code}": {
            "get": {
                "summary": "An open session by join code, with free pseudonyms to pick from",
                "parameters": [
                    {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                    _LANG,
                ],
                "responses": {
                    "200": _ok("Session, suggestions, animals and colours"),
                    "404": _ok("No open session with this code", _ref("Error")),
                    "429": _ok("Too many tries", _ref("Error")),
                },
            }
        },
        "/api/join": {
            "post": {
                "summary": "Join a session with a new pseudonym; returns the team's token",
                "requestBody": _body(_ref("Pseudonym")),
                "responses": {
                    "201": _ok("Joined", _ref("Joined")),
                    "404": _ok("No open session with this code", _ref("Error")),
                    "409": _ok("Pseudonym taken (error.suggestions has others)", _ref("Error")),
                    "429": _ok("Too many tries", _ref("Error")),
                    **_ERRORS,
                },
            }
        },
        "/api/resume": {
            "post": {
                "summary": "Resume a team with the session code and its pseudonym",
                "requestBody": _body(_ref("Pseudonym")),
                "responses": {
                    "200": _ok("Resumed", _ref("Joined")),
                    "404": _ok("No such session or team", _ref("Error")),
                    "429": _ok("Too many tries", _ref("Error")),
                    **_ERRORS,
                },
            }
        },
        "/api/team": {
            "get": {
                "summary": "The team of the token and its session",
                "security": _TEAM,
                "responses": {"200": _ok("Team and session"), **_TEAM_ERRORS},
            }
        },
        "/api/team/ladder": {
            "get": {
                "summary": "The session's challenges with the team's stars and locks",
                "security": _TEAM,
                "parameters": [_LANG],
                "responses": {"200": _ok("The ladder"), **_TEAM_ERRORS},
            }
        },
        "/api/team/challenges/{challenge_id}": {
            "get": {
                "summary": "A challenge with the team's progress, saved workspace and next step",
                "security": _TEAM,
                "parameters": [_CHALLENGE_ID, _LANG],
                "responses": {
                    "200": _ok("Challenge, progress, workspace, next"),
                    "403": _ok("Locked", _ref("Error")),
                    "404": _ok("Not in the session", _ref("Error")),
                    **_TEAM_ERRORS,
                },
            }
        },
        "/api/team/workspaces/{challenge_id}": {
            "put": {
                "summary": "Autosave the Blockly workspace of a challenge",
                "security": _TEAM,
                "parameters": [_CHALLENGE_ID],
                "requestBody": _body(
                    {
                        "type": "object",
                        "required": ["workspace"],
                        "properties": {"workspace": {"type": "object"}},
                    }
                ),
                "responses": {
                    "200": _ok(
                        "Saved", {"type": "object", "properties": {"saved_at": {"type": "number"}}}
                    ),
                    "403": _ok("Locked", _ref("Error")),
                    "409": _ok("Session ended", _ref("Error")),
                    **_TEAM_ERRORS,
                    **_ERRORS,
                },
            }
        },
        "/api/team/run": {
            "post": {
                "summary": "Run, score and record an attempt of the team",
                "security": _TEAM,
                "parameters": [_LANG],
                "requestBody": _body(_ref("RunRequest")),
                "responses": {
                    "200": _ok(
                        "The /api/run result plus attempt, progress and next",
                        _ref("TeamRunResult"),
                    ),
                    "403": _ok("Locked", _ref("Error")),
                    "404": _ok("Unknown challenge or not in the session", _ref("Error")),
                    "409": _ok("Session paused or ended", _ref("Error")),
                    **_TEAM_ERRORS,
                    **_ERRORS,
                },
            }
        },
        "/api/team/attempts": {
            "get": {
                "summary": "The team's attempts, newest first (summaries)",
                "security": _TEAM,
                "parameters": [
                    {
                        "name": "challenge",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"200": _ok("Attempts"), **_TEAM_ERRORS},
            }
        },
        "/api/team/attempts/{attempt_id}": {
            "get": {
                "summary": "One of the team's attempts with program, workspace and result (trace)",
                "security": _TEAM,
                "parameters": [
                    {
                        "name": "attempt_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {
                    "200": _ok("The attempt"),
                    "404": _ok("Not one of this team's attempts", _ref("Error")),
                    **_TEAM_ERRORS,
                },
            }
        },
        "/ws": {
            "get": {
                "summary": "WebSocket for tablets (see docs/server.md): hello with the token, then pushes",
                "responses": {"101": _ok("Switching protocols")},
            }
        },
        "/": {
            "get": {
                "summary": "The tablet app",
                "responses": {"200": _ok("HTML", media="text/html")},
            }
        },
        "/j/{code}": {
            "get": {
                "summary": "The tablet app, opened from a session's QR code",
                "parameters": [
                    {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": _ok("HTML", media="text/html")},
            }
        },
        **facilitator_paths(),
        **editor_paths(),
        **robot_paths(),
        **hint_paths(),
    }


def _schemas() -> dict[str, Any]:
    lang = {"type": "string", "enum": ["fr", "en"]}
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "description": "stable key, e.g. api.bad_json"},
                        "message": {"type": "string", "description": "in the request's language"},
                    },
                }
            },
        },
        "Program": {
            "description": "A FORMATS §2 program (object with main, or a bare list of "
            "statements) or a Blockly workspace (docs/blockly.md)",
            "oneOf": [{"type": "object"}, {"type": "array"}],
        },
        "RunRequest": {
            "type": "object",
            "required": ["challenge", "program"],
            "properties": {
                "challenge": {"type": "string", "example": "starter/zigzag"},
                "program": _ref("Program"),
                "lang": lang,
            },
        },
        "TraceStep": {
            "type": "object",
            "properties": {
                "tick": {"type": "integer"},
                "id": {"type": ["string", "null"]},
                "block": {"type": "integer", "description": "block number in reading order"},
                "action": {"type": "string"},
                "x": {"type": "integer"},
                "y": {"type": "integer"},
                "heading": {"type": "string", "enum": ["north", "east", "south", "west"]},
                "event": {"type": "string", "enum": ["crash", "fall", "gem"]},
            },
        },
        "RunResult": {
            "type": "object",
            "description": "FORMATS §4, with the trace of the main map",
            "required": ["challenge", "solved", "outcome", "stars", "message", "trace"],
            "properties": {
                "challenge": {"type": "string"},
                "solved": {"type": "boolean"},
                "outcome": {
                    "type": "string",
                    "enum": ["success", "crash", "fall", "timeout", "incomplete", "error"],
                },
                "stars": {"type": "integer", "minimum": 0, "maximum": 3},
                "steps": {"type": "integer"},
                "ticks": {"type": "integer"},
                "blocks": {"type": ["integer", "null"]},
                "par": {
                    "type": "object",
                    "properties": {
                        "blocks": {"type": "integer"},
                        "steps": {"type": ["integer", "null"]},
                    },
                },
                "variants": {"type": "array", "items": {"type": "object"}},
                "message": {"type": "string"},
                "block": {"type": "object", "description": "where the run ended"},
                "error": {"type": "object", "description": "why an invalid program cannot run"},
                "trace": {"type": "array", "items": _ref("TraceStep")},
            },
        },
        "TeamRunResult": {
            "allOf": [
                _ref("RunResult"),
                {
                    "type": "object",
                    "properties": {
                        "attempt": {"type": "integer"},
                        "progress": {"type": "object"},
                        "next": {"type": ["object", "null"]},
                    },
                },
            ]
        },
        "Challenge": {
            "type": "object",
            "description": "id, title, story, tier, blocks, sensors, "
            "max_blocks, par, hints, map {width, height, rows, start}, map_svg",
        },
        "Pseudonym": {
            "type": "object",
            "required": ["code", "animal", "color"],
            "properties": {
                "code": {"type": "string"},
                "animal": {"type": "string", "example": "fox"},
                "color": {"type": "string", "example": "orange"},
                "lang": lang,
            },
        },
        "Joined": {
            "type": "object",
            "properties": {
                "token": {"type": "string", "description": "send as Authorization: Bearer"},
                "team": {"type": "object"},
                "session": {"type": "object"},
            },
        },
    }


def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RoboLab classroom server",
            "version": __version__,
            "description": "Block-programming challenges for robotics workshops. Every error is "
            '{"error": {"code", "message"}} with the message in the request\'s language '
            "(lang field or query, else Accept-Language, else French). Bodies over 64 KiB: 413.",
        },
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "responses": {
                "BadRequest": _ok("Malformed JSON or invalid field", _ref("Error")),
                "TooLarge": _ok("Body over 64 KiB", _ref("Error")),
                "UnknownChallenge": _ok("No loaded challenge has this id", _ref("Error")),
                "NotTeam": _ok("Missing or unknown team token", _ref("Error")),
                "NotFacilitator": _ok(
                    "No facilitator cookie, a wrong CSRF header, or a cross-site request",
                    _ref("Error"),
                ),
            },
            "securitySchemes": {
                "team": {"type": "http", "scheme": "bearer", "description": "token from /api/join"},
                "facilitator": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "robolab_facilitator",
                    "description": "set by the facilitator link; changes also need the "
                    "X-RoboLab-CSRF header from the facilitator page",
                },
            },
        },
    }
