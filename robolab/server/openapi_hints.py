"""The hints' part of ``GET /openapi.json``: a team asks, a facilitator reads (docs/server.md)."""

from __future__ import annotations

from typing import Any

from robolab.server.openapi_facilitator import _SESSION, _id, _ok, _op

JSON = "application/json"
_LEVEL = {"type": "integer", "minimum": 1, "maximum": 3}


def hint_paths() -> dict[str, Any]:
    hint = {
        "type": "object",
        "description": "robolab.hints.Hint.to_json(): level, kind, text, block {id, number} "
        "or null, board, action, written",
    }
    answer = {
        "type": "object",
        "properties": {
            "attempt": {"type": "integer"},
            "challenge": {"type": "string"},
            "level": _LEVEL,
            "levels": {"type": "integer", "const": 3},
            "more": {"type": "boolean", "description": "a higher level says something else"},
            "new": {"type": "boolean", "description": "false: this level was shown before"},
            "seen": {"type": "array", "items": _LEVEL},
            "used": {"type": "integer", "description": "the team's hints on this challenge"},
            "hint": hint,
        },
    }
    body = {
        "type": "object",
        "properties": {
            "challenge": {"type": "string", "description": "its newest attempt on it"},
            "attempt": {"type": "integer", "description": "or one of the team's attempts"},
            "level": {**_LEVEL, "description": "default: the next one"},
            "lang": {"type": "string", "enum": ["fr", "en"]},
        },
    }
    return {
        "/api/team/hints": {
            "post": {
                "summary": "One level of hints (1 nudge, 2 the block, 3 the next block) for one "
                "of the team's own attempts, computed from the stored program; recorded",
                "security": [{"team": []}],
                "requestBody": {"required": True, "content": {JSON: {"schema": body}}},
                "responses": {
                    "200": {"description": "The hint", "content": {JSON: {"schema": answer}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "401": {"$ref": "#/components/responses/NotTeam"},
                    "403": _ok("The challenge is locked"),
                    "404": _ok("Not one of the team's attempts, or the challenge is gone"),
                    "409": _ok(
                        "Paused or ended session, no attempt yet, three stars already, or a "
                        "level asked before the previous one"
                    ),
                    "429": _ok("Too many hint requests from this team (20 a minute)"),
                },
            }
        },
        "/api/facilitator/sessions/{session_id}/attempts/{attempt_id}/hints": {
            "get": _op(
                "The hint levels the team was shown for one attempt, with their texts",
                {"200": _ok("{attempt, team, challenge, hints}"), "404": _ok("No such attempt")},
                params=[_SESSION, _id("attempt_id")],
            )
        },
    }
