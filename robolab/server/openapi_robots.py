"""The robots' part of ``GET /openapi.json``: the fleet panel and the queue of programs."""

from __future__ import annotations

from typing import Any

from robolab.server.openapi_facilitator import _SESSION, _body, _id, _ok, _op

_ROBOT = {"name": "robot_id", "in": "path", "required": True, "schema": {"type": "string"}}
_TEAM_AUTH: list[dict[str, list[str]]] = [{"team": []}]
_PROBLEM = {
    "409": _ok("Robots off, or a robot problem (the message says which, in the robot's words)"),
    "404": _ok("No such robot"),
}


def _robot_op(summary: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return _op(summary, {"200": _ok("{robot}"), **_PROBLEM}, body=body, params=[_ROBOT])


def robot_paths() -> dict[str, Any]:
    robots = "/api/facilitator/robots"
    jobs = "/api/facilitator/sessions/{session_id}/robot-jobs"
    job_params = [_SESSION, _id("job_id")]
    job_answers = {"200": _ok("{job}"), "404": _ok("No such session or job"), "409": _ok("Not now")}
    return {
        robots: {
            "get": _op(
                "The fleet: {available, robots, problems} (available false without robots)",
                {"200": _ok("The fleet")},
            ),
            "post": _op(
                "Connect a robot by address (serial, socket://, ble://, virtual://)",
                {"201": _ok("{robot}"), "400": _ok("Bad address"), **_PROBLEM},
                body=_body({"url": {"type": "string", "maxLength": 200}}, ["url"]),
            ),
        },
        f"{robots}/scan": {
            "post": _op(
                "Look for robots (serial ports, Bluetooth LE, virtual) not connected yet",
                {"200": _ok("{found, problems}"), **_PROBLEM},
            )
        },
        f"{robots}/{{robot_id}}/name": {
            "post": _robot_op(
                "Rename (stored in the robot when it can)",
                _body({"name": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,16}$"}}, ["name"]),
            )
        },
        f"{robots}/{{robot_id}}/identify": {"post": _robot_op("Blink and beep")},
        f"{robots}/{{robot_id}}/refresh": {"post": _robot_op("Read the battery, check the link")},
        f"{robots}/{{robot_id}}/calibration": {
            "post": _robot_op(
                "Set calibration values (mm per cell, speed, track, turn trim, power)",
                _body(
                    {k: {"type": "integer"} for k in ("cell", "speed", "track", "trim", "power")},
                    [],
                ),
            )
        },
        f"{robots}/{{robot_id}}/team": {
            "post": _robot_op(
                "Give the robot to a team of a session (team null frees it)",
                _body(
                    {"session": {"type": "integer"}, "team": {"type": ["integer", "null"]}},
                    ["team"],
                ),
            )
        },
        f"{robots}/{{robot_id}}/stop": {"post": _robot_op("Stop this robot now")},
        f"{robots}/{{robot_id}}/disconnect": {"post": _robot_op("Close the robot's link")},
        jobs: {
            "get": _op(
                "The session's programs sent to robots (waiting, running, ended)",
                {"200": _ok("{available, jobs}"), "404": _ok("No such session")},
                params=[_SESSION],
            )
        },
        f"{jobs}/{{job_id}}/approve": {
            "post": _op(
                "Start it on the team's robot now (also a stopped, lost or failed one again)",
                job_answers,
                params=job_params,
            )
        },
        f"{jobs}/{{job_id}}/refuse": {
            "post": _op(
                "Not this time (the team keeps its program)", job_answers, params=job_params
            )
        },
        "/api/team/robot": {
            "get": {
                "summary": "The team's robot, its job, and whether it may send its program now",
                "security": _TEAM_AUTH,
                "parameters": [
                    {
                        "name": "challenge",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"200": _ok("{robots, robot, job, can_send, why}")},
            },
            "post": {
                "summary": "Send the team's current program (solved in the simulator) to its robot",
                "security": _TEAM_AUTH,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["challenge"],
                                "properties": {
                                    "challenge": {"type": "string"},
                                    "attempt": {"type": "integer"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": _ok("{job}"),
                    "409": _ok("No robot, not solved, changed since, paused, or already running"),
                },
            },
        },
    }
