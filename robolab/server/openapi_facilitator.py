"""The facilitator's part of ``GET /openapi.json`` (pages, API, dashboard WebSocket)."""

from __future__ import annotations

from typing import Any

JSON = "application/json"
_AUTH: list[dict[str, list[str]]] = [{"facilitator": []}]
_DENIED = {"403": {"$ref": "#/components/responses/NotFacilitator"}}
_SESSION = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_ACCESS = {"type": "string", "enum": ["locked", "auto", "open"]}


def _ok(
    description: str, media: str = JSON, schema: dict[str, Any] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None or media != JSON:
        out["content"] = {media: {"schema": schema or {"type": "string"}}}
    return out


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {JSON: {"schema": schema}}}


def _op(
    summary: str,
    responses: dict[str, Any],
    *,
    body: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "summary": summary,
        "security": _AUTH,
        "responses": {**responses, **_DENIED},
    }
    if params:
        out["parameters"] = params
    if body is not None:
        out["requestBody"] = body
    return out


def _id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def _ladder_body() -> dict[str, Any]:
    item = {
        "oneOf": [
            {"type": "string", "description": "a challenge id (access auto)"},
            {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "access": _ACCESS},
            },
        ]
    }
    return {"type": "array", "items": item, "maxItems": 200}


def facilitator_paths() -> dict[str, Any]:
    session = "/api/facilitator/sessions/{session_id}"
    not_found = {"404": _ok("No such session")}
    return {
        "/facilitator": {
            "get": {
                "summary": "The facilitator link: checks ?token= and sets the facilitator cookie "
                "(HttpOnly, SameSite=Strict)",
                "parameters": [
                    {"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"303": _ok("To /facilitator/"), "403": _ok("Wrong token")},
            }
        },
        "/facilitator/": {
            "get": {
                "summary": "The facilitator's app (sessions, dashboard, team pages, projector)",
                "security": _AUTH,
                "responses": {
                    "200": _ok("HTML", media="text/html"),
                    "403": _ok("Not a facilitator: how to get the link", media="text/html"),
                },
            }
        },
        "/facilitator/logout": {
            "post": _op("Forget the facilitator cookie in this browser", {"200": _ok("Done")})
        },
        "/api/facilitator/link": {
            "post": _op(
                "A new secret link: every link and facilitator cookie given before stops working; "
                "this browser gets the new key (cookie)",
                {"200": _ok("{link, qr (SVG data: address), csrf}")},
            )
        },
        "/api/facilitator/packs": {
            "get": _op("Every loaded pack and its challenges", {"200": _ok("Packs")})
        },
        "/api/facilitator/sessions": {
            "get": _op("Every session, newest first, with counts", {"200": _ok("Sessions")}),
            "post": _op(
                "Create a session from challenges of the packs, in order",
                {"201": _ok("The session with its join code and address"), "400": _ok("Bad")},
                body=_body(
                    {"title": {"type": "string"}, "challenges": _ladder_body()}, ["challenges"]
                ),
            ),
        },
        session: {
            "get": _op(
                "The dashboard snapshot: session, challenges, teams, progress cells, seq",
                {"200": _ok("Snapshot"), **not_found},
                params=[_SESSION],
            ),
            "patch": _op(
                "Rename the session",
                {"200": _ok("Done"), **not_found},
                params=[_SESSION],
                body=_body({"title": {"type": "string"}}, ["title"]),
            ),
            "delete": _op(
                "Delete the session and all its data",
                {"200": _ok("Deleted"), **not_found},
                params=[_SESSION],
            ),
        },
        f"{session}/challenges": {
            "put": _op(
                "Replace the ladder: order and access of every challenge",
                {"200": _ok("The new ladder"), **not_found},
                params=[_SESSION],
                body=_body({"challenges": _ladder_body()}, ["challenges"]),
            )
        },
        f"{session}/access": {
            "post": _op(
                "Lock, open or put in order some challenges (all without 'challenges')",
                {"200": _ok("The new ladder"), **not_found},
                params=[_SESSION],
                body=_body(
                    {
                        "access": _ACCESS,
                        "challenges": {"type": "array", "items": {"type": "string"}},
                    },
                    ["access"],
                ),
            )
        },
        f"{session}/state": {
            "post": _op(
                "Pause everyone (tablets refuse to run, robots stop), resume, end or reopen",
                {"200": _ok("{state, robots?: none|stopped|failed}"), **not_found},
                params=[_SESSION],
                body=_body(
                    {"state": {"type": "string", "enum": ["open", "paused", "ended"]}}, ["state"]
                ),
            )
        },
        f"{session}/messages": {
            "post": _op(
                "A message to every tablet, or to one team's",
                {"201": _ok("The message"), **not_found},
                params=[_SESSION],
                body=_body(
                    {"text": {"type": "string", "maxLength": 280}, "team": {"type": "integer"}},
                    ["text"],
                ),
            )
        },
        f"{session}/projector": {
            "post": _op(
                "The attempts the projector replays side by side (at most 4)",
                {"200": _ok("The attempts shown"), **not_found},
                params=[_SESSION],
                body=_body(
                    {"attempts": {"type": "array", "items": {"type": "integer"}}}, ["attempts"]
                ),
            )
        },
        f"{session}/qr.svg": {
            "get": _op(
                "The join address as a QR code",
                {"200": _ok("SVG", media="image/svg+xml"), **not_found},
                params=[_SESSION],
            )
        },
        f"{session}/teams/{{team_id}}/attempts": {
            "get": _op(
                "A team's attempts, newest first",
                {"200": _ok("Summaries"), **not_found},
                params=[
                    _SESSION,
                    _id("team_id"),
                    {"name": "challenge", "in": "query", "schema": {"type": "string"}},
                ],
            )
        },
        f"{session}/attempts/{{attempt_id}}": {
            "get": _op(
                "One attempt with program (and as numbered text) and result with trace",
                {"200": _ok("The attempt"), **not_found},
                params=[_SESSION, _id("attempt_id")],
            )
        },
        f"{session}/export.csv": {
            "get": _op(
                "Results: one row per team and challenge",
                {"200": _ok("CSV", media="text/csv"), **not_found},
                params=[
                    _SESSION,
                    {
                        "name": "sep",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["comma", "semicolon"]},
                    },
                ],
            )
        },
        f"{session}/export.json": {
            "get": _op(
                "Everything (robolab/session-export@1), programs included",
                {"200": _ok("JSON download"), **not_found},
                params=[_SESSION],
            )
        },
        "/ws/facilitator": {
            "get": {
                "summary": "WebSocket for dashboards (see docs/server.md): hello with the "
                "session id, then a snapshot and the session's events",
                "security": _AUTH,
                "responses": {"101": _ok("Switching protocols")},
            }
        },
    }
