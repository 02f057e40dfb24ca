"""Every route of the app, as a facilitator and as a team, with junk in its path and its body.

Routes are read from the app itself, so a new route is fuzzed the day it is added. Whatever is
sent: never a 500, and every error answer says what went wrong (``error.code`` and a sentence).
The sockets get junk frames after their hello and must stay up (or close with one of their
documented codes), the server answering as before. ``ROBOLAB_FUZZ_EXAMPLES`` raises the budget.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.server import ServerConfig, create_app
from robolab.server.robots import RobotRoom, demo_robots
from tests.server.conftest import LINE, demo_code, demo_id, join, login, run_body

EXAMPLES = int(os.environ.get("ROBOLAB_FUZZ_EXAMPLES", "150"))
NOT_FUZZED = {
    # they reach out to hardware or addresses given in the body (serial ports, Bluetooth,
    # socket://host:port): fuzzing them would probe this machine's devices or the network
    ("POST", "/api/facilitator/robots"),
    ("POST", "/api/facilitator/robots/scan"),
    # a new secret link lets every facilitator out, the fuzzer's own page (its CSRF value) too:
    # the rest would be fuzzed as a stranger (tests/server/test_access.py tests it)
    ("POST", "/api/facilitator/link"),
}
CLOSE_CODES = {1000, 1013, 4401, 4403, 4404, 4409, 4429}


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from tests.server.conftest import PACKS

    config = ServerConfig(
        data_dir=tmp_path_factory.mktemp("fuzz") / "data",
        pack_roots=[PACKS],
        demo=True,
        join_limit=100_000,
    )
    app = create_app(config, room=RobotRoom(virtual=demo_robots(1, move_ms=20)))
    with TestClient(app) as client:
        csrf = login(client)
        team = join(client)
        attempt = client.post("/api/team/run", json=run_body(LINE), headers=team).json()
        yield {
            "client": client,
            "headers": {**csrf, **team},
            "values": {
                "session_id": str(demo_id(client)),
                "code": demo_code(client),
                "challenge_id": "tiny/line",
                "attempt_id": str(attempt["attempt"]),
                "robot_id": "r1",
                "job_id": "1",
                "team_id": "1",
                "pack": "tiny",
                "name": "line",
            },
        }


def _routes() -> list[tuple[str, str]]:
    from robolab.server.routes import all_routes

    out = []
    for route in all_routes():
        if isinstance(route, Route):
            for method in sorted(route.methods or ()):
                if method != "HEAD" and (method, route.path) not in NOT_FUZZED:
                    out.append((method, route.path))
    return out


ROUTES = _routes()
PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    ["challenge", "program", "workspace", "text", "title", "state", "access", "challenges",
     "team", "session", "attempt", "attempts", "name", "url", "cell", "speed", "lang", "code",
     "animal", "color", "draft", "level", "map", "blocks", "main"]
)  # fmt: skip
_bodies = st.one_of(
    st.none(),
    st.binary(max_size=200),
    st.dictionaries(_keys, _json, max_size=5).map(lambda d: json.dumps(d).encode()),
    _json.map(lambda v: json.dumps(v).encode()),
)
_junk_param = st.text(max_size=30).map(lambda t: quote(t, safe=""))


@settings(
    max_examples=EXAMPLES * 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    junk=st.booleans(),
    param=_junk_param,
    body=_bodies,
    as_team=st.booleans(),
)
def test_no_route_answers_500_whatever_it_gets(
    room: dict[str, Any],
    route: tuple[str, str],
    junk: bool,
    param: str,
    body: bytes | None,
    as_team: bool,
) -> None:
    method, template = route
    values = room["values"]
    path = PARAM.sub(lambda m: param if junk else values.get(m.group(1), "1"), template)
    headers = dict(room["headers"])
    if as_team:  # the team's token alone: facilitator routes refuse it
        headers.pop("X-RoboLab-CSRF")
    client: TestClient = room["client"]
    if as_team:
        client.cookies.clear()
    try:
        answer = client.request(method, path, content=body, headers=headers)
    finally:
        if as_team:
            login(client)
    assert answer.status_code < 500, (method, path, body, answer.text[:300])
    if answer.status_code >= 400 and answer.headers.get("content-type") == "application/json":
        error = answer.json()["error"]
        assert error["code"] and error["message"], answer.text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["/ws", "/ws/facilitator"]),
    frames=st.lists(
        st.one_of(
            st.text(max_size=100),
            _json.map(json.dumps),
            st.builds(
                lambda k, v: json.dumps({"type": k, **v}),
                st.sampled_from(["hello", "ping", "snapshot", "event", "x"]),
                st.dictionaries(_keys, _json, max_size=3),
            ),
            st.binary(max_size=50),
        ),
        max_size=5,
    ),
)
def test_sockets_survive_junk_frames(room: dict[str, Any], path: str, frames: list[Any]) -> None:
    client: TestClient = room["client"]
    values = room["values"]
    token = room["headers"]["Authorization"].split()[1]
    hello = {"type": "hello", "token": token, "session": int(values["session_id"])}
    try:
        with client.websocket_connect(path) as ws:
            ws.send_json(hello)
            assert ws.receive_json()["type"] in ("welcome", "snapshot")
            for frame in frames:
                if isinstance(frame, bytes):
                    ws.send_bytes(frame)
                else:
                    ws.send_text(frame)
            ws.send_json({"type": "ping"})
            for _ in range(20):  # snapshots asked for come first; then the pong
                if ws.receive_json()["type"] == "pong":
                    break
            else:
                raise AssertionError("no pong")
    except WebSocketDisconnect as closed:
        assert closed.code in CLOSE_CODES, closed.code
    assert client.get("/healthz").json() == {"ok": True}
