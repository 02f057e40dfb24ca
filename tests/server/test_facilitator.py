"""The facilitator's API: access, sessions and locks, pause, messages, attempts, projector."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.server import RoomControl, ServerConfig, create_app
from tests.server.conftest import LINE, LINE_BEST, demo_id, join, login, run_body

BASE = "/api/facilitator/sessions"


def _token(headers: dict[str, str]) -> str:
    return headers["Authorization"].split()[1]


ROUTES = [
    ("GET", "/facilitator/"),
    ("GET", "/api/facilitator/packs"),
    ("GET", BASE),
    ("POST", BASE),
    ("GET", BASE + "/{session_id}"),
    ("PATCH", BASE + "/{session_id}"),
    ("DELETE", BASE + "/{session_id}"),
    ("PUT", BASE + "/{session_id}/challenges"),
    ("POST", BASE + "/{session_id}/access"),
    ("POST", BASE + "/{session_id}/state"),
    ("POST", BASE + "/{session_id}/messages"),
    ("POST", BASE + "/{session_id}/projector"),
    ("GET", BASE + "/{session_id}/qr.svg"),
    ("GET", BASE + "/{session_id}/teams/{team_id}/attempts"),
    ("GET", BASE + "/{session_id}/attempts/{attempt_id}"),
    ("GET", BASE + "/{session_id}/attempts/{attempt_id}/hints"),
    ("GET", BASE + "/{session_id}/export.csv"),
    ("GET", BASE + "/{session_id}/export.json"),
    ("POST", "/facilitator/logout"),
    ("POST", "/api/facilitator/link"),
    # the robots (routes/fleet.py, routes/robot_queue.py)
    ("GET", "/api/facilitator/robots"),
    ("POST", "/api/facilitator/robots"),
    ("POST", "/api/facilitator/robots/scan"),
    *(
        ("POST", "/api/facilitator/robots/{robot_id}/" + action)
        for action in ("name", "identify", "refresh", "calibration", "team", "stop", "disconnect")
    ),
    ("GET", BASE + "/{session_id}/robot-jobs"),
    ("POST", BASE + "/{session_id}/robot-jobs/{job_id}/approve"),
    ("POST", BASE + "/{session_id}/robot-jobs/{job_id}/refuse"),
    # the level editor (routes/editor.py)
    ("GET", "/api/facilitator/editor/packs"),
    ("GET", "/api/facilitator/editor/challenges/{pack}/{name}"),
    ("POST", "/api/facilitator/editor/check"),
    ("POST", "/api/facilitator/editor/try"),
    ("POST", "/api/facilitator/editor/save"),
]


def test_every_facilitator_route_refuses_teens_and_strangers(
    client: TestClient, team: dict[str, str]
) -> None:
    session = demo_id(client)
    every = {
        r.path
        for r in client.app.routes  # type: ignore[attr-defined]
        if r.path.startswith(("/api/facilitator", "/facilitator/"))
    }
    assert every == {path for _, path in ROUTES}  # a new facilitator route belongs here
    client.post("/api/team/run", json=run_body(LINE), headers=team)
    for method, template in ROUTES:
        path = template.format(
            session_id=session,
            team_id=1,
            attempt_id=1,
            robot_id="r1",
            job_id=1,
            pack="tiny",
            name="line",
        )
        for headers in ({}, team, {**team, "Cookie": "robolab_facilitator=" + _token(team)}):
            answer = client.request(method, path, headers=headers, json={})
            assert answer.status_code == 403, (method, path, headers)
    assert client.get(f"{BASE}/{session}").json()["error"]["code"] == "facilitator.forbidden"


def test_changes_need_the_pages_csrf_token(client: TestClient, fac: dict[str, str]) -> None:
    session = demo_id(client)
    assert client.get(f"{BASE}/{session}").status_code == 200  # reading needs only the cookie
    body = {"state": "paused"}
    refused = client.post(f"{BASE}/{session}/state", json=body)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "facilitator.csrf"
    wrong = client.post(f"{BASE}/{session}/state", json=body, headers={"X-RoboLab-CSRF": "x"})
    assert wrong.status_code == 403
    assert client.post(f"{BASE}/{session}/state", json=body, headers=fac).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_cross_site_changes_are_refused_for_everyone(
    client: TestClient, fac: dict[str, str], headers: dict[str, str]
) -> None:
    session = demo_id(client)
    answer = client.post(
        f"{BASE}/{session}/state", json={"state": "paused"}, headers={**fac, **headers}
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "api.cross_site"
    joining = client.post("/api/join", json={"code": "1"}, headers=headers)
    assert joining.status_code == 403
    assert client.get(f"{BASE}/{session}").json()["session"]["state"] == "open"


def test_same_origin_changes_pass(client: TestClient, fac: dict[str, str]) -> None:
    session = demo_id(client)
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin", **fac}
    answer = client.post(f"{BASE}/{session}/state", json={"state": "paused"}, headers=same)
    assert answer.status_code == 200


def test_several_facilitators_at_once_and_logout(config: ServerConfig) -> None:
    app = create_app(config)
    with TestClient(app) as first, TestClient(app) as second:
        login(first)
        csrf = login(second)
        assert first.get(BASE).status_code == 200
        assert second.get(BASE).status_code == 200
        assert second.post("/facilitator/logout", headers=csrf).status_code == 200
        assert second.get(BASE).status_code == 403
        assert first.get(BASE).status_code == 200


def test_create_a_session_from_packs_in_order(client: TestClient, fac: dict[str, str]) -> None:
    packs = client.get("/api/facilitator/packs").json()["packs"]
    assert [c["id"] for c in packs[0]["challenges"]] == ["tiny/line", "tiny/gems", "tiny/maze"]
    body = {
        "title": "  Mercredi   matin ",
        "challenges": ["tiny/maze", {"id": "tiny/line", "access": "open"}, "tiny/maze"],
    }
    made = client.post(BASE, json=body, headers=fac)
    assert made.status_code == 201
    session = made.json()
    assert session["title"] == "Mercredi matin"
    assert session["join_url"].endswith(f"/j/{session['code']}")
    snapshot = client.get(f"{BASE}/{session['id']}").json()
    assert [(c["id"], c["access"]) for c in snapshot["challenges"]] == [
        ("tiny/maze", "auto"),
        ("tiny/line", "open"),
    ]
    listed = client.get(BASE).json()["sessions"]
    assert [s["title"] for s in listed][:2] == ["Mercredi matin", "Séance de démonstration"]
    assert listed[0]["challenges"] == 2

    untitled = client.post(BASE, json={"challenges": ["tiny/line"], "lang": "en"}, headers=fac)
    assert untitled.json()["title"].startswith("Session of ")
    for bad in ({"challenges": []}, {"challenges": ["x/y"]}, {"challenges": "tiny/line"}):
        answer = client.post(BASE, json=bad, headers=fac)
        assert answer.status_code == 400, bad
    wrong_access = client.post(
        BASE, json={"challenges": [{"id": "tiny/line", "access": "maybe"}]}, headers=fac
    )
    assert wrong_access.json()["error"]["code"] == "session.bad_access"


def _ladder(client: TestClient, team: dict[str, str]) -> dict[str, bool]:
    challenges = client.get("/api/team/ladder", headers=team).json()["challenges"]
    return {c["id"]: c["locked"] for c in challenges}


def test_locks_reach_the_tablets_at_once(
    client: TestClient, fac: dict[str, str], team: dict[str, str]
) -> None:
    session = demo_id(client)
    access = f"{BASE}/{session}/access"
    with client.websocket_connect("/ws") as tablet:
        tablet.send_json({"type": "hello", "token": _token(team)})
        assert tablet.receive_json()["type"] == "welcome"
        assert client.post(access, json={"access": "open"}, headers=fac).status_code == 200
        pushed = tablet.receive_json()["event"]
        assert pushed["type"] == "session.challenges"
        assert {c["access"] for c in pushed["data"]["challenges"]} == {"open"}
    assert _ladder(client, team) == {"tiny/line": False, "tiny/gems": False, "tiny/maze": False}

    client.post(access, json={"access": "locked", "challenges": ["tiny/gems"]}, headers=fac)
    assert _ladder(client, team)["tiny/gems"] is True
    assert (
        client.post("/api/team/run", json=run_body(LINE, "tiny/gems"), headers=team).status_code
        == 403
    )
    client.post(access, json={"access": "locked"}, headers=fac)
    assert set(_ladder(client, team).values()) == {True}
    client.post(access, json={"access": "auto"}, headers=fac)
    assert _ladder(client, team) == {"tiny/line": False, "tiny/gems": True, "tiny/maze": True}

    ladder = [{"id": "tiny/maze", "access": "open"}, {"id": "tiny/line"}]
    put = client.put(f"{BASE}/{session}/challenges", json={"challenges": ladder}, headers=fac)
    assert put.status_code == 200
    assert _ladder(client, team) == {"tiny/maze": False, "tiny/line": True}  # after maze
    assert client.post(access, json={"access": "nope"}, headers=fac).status_code == 400


class RecordingRoom(RoomControl):
    has_robots = True

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail

    async def stop_all_robots(self) -> None:
        self.calls += 1
        if self.fail:
            raise OSError("a robot did not answer")


@pytest.fixture
def room() -> RecordingRoom:
    return RecordingRoom()


@pytest.fixture
def room_client(config: ServerConfig, room: RecordingRoom) -> Iterator[TestClient]:
    with TestClient(create_app(config, room=room)) as c:
        yield c


def test_pause_everyone_freezes_tablets_and_stops_the_robots(
    room_client: TestClient, room: RecordingRoom
) -> None:
    client = room_client
    csrf = login(client)
    team = join(client)
    session = demo_id(client)
    with client.websocket_connect("/ws") as tablet:
        tablet.send_json({"type": "hello", "token": _token(team)})
        assert tablet.receive_json()["session"]["state"] == "open"
        paused = client.post(f"{BASE}/{session}/state", json={"state": "paused"}, headers=csrf)
        assert paused.json() == {"state": "paused", "robots": "stopped"}
        assert room.calls == 1
        event = tablet.receive_json()["event"]
        assert (event["type"], event["data"]) == ("session.state", {"state": "paused"})
    refused = client.post("/api/team/run", json=run_body(LINE), headers=team)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "session.paused"
    assert client.post(f"{BASE}/{session}/state", json={"state": "open"}, headers=csrf).json() == {
        "state": "open"
    }
    assert room.calls == 1  # resuming does not touch the robots
    assert client.post("/api/team/run", json=run_body(LINE), headers=team).status_code == 200
    bad = client.post(f"{BASE}/{session}/state", json={"state": "asleep"}, headers=csrf)
    assert bad.status_code == 400


def test_a_failing_fleet_never_blocks_the_pause(config: ServerConfig) -> None:
    room = RecordingRoom(fail=True)
    with TestClient(create_app(config, room=room)) as client:
        csrf = login(client)
        session = demo_id(client)
        paused = client.post(
            f"{BASE}/{session}/state", json={"state": "paused", "lang": "en"}, headers=csrf
        ).json()
        assert paused["state"] == "paused"
        assert paused["robots"] == "failed"
        assert "did not answer" in paused["message"]
        assert client.get(f"{BASE}/{session}").json()["session"]["state"] == "paused"


def test_messages_to_everyone_or_to_one_team(client: TestClient, fac: dict[str, str]) -> None:
    session = demo_id(client)
    fox, panda = join(client, "fox", "orange"), join(client, "panda", "pink")
    panda_id = client.get("/api/team", headers=panda).json()["team"]
    snapshot = client.get(f"{BASE}/{session}").json()
    ids = {t["animal"]: t["id"] for t in snapshot["teams"]}
    assert panda_id["animal"] == "panda"
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as b:
        for ws, team in ((a, fox), (b, panda)):
            ws.send_json({"type": "hello", "token": _token(team)})
            assert ws.receive_json()["type"] == "welcome"
        to_panda = {"text": "Panda, viens voir", "team": ids["panda"]}
        assert (
            client.post(f"{BASE}/{session}/messages", json=to_panda, headers=fac).status_code == 201
        )
        everyone = {"text": "<b>Pause</b> dans 5 min"}
        assert (
            client.post(f"{BASE}/{session}/messages", json=everyone, headers=fac).status_code == 201
        )
        first_b = b.receive_json()["event"]
        assert (first_b["type"], first_b["data"]["text"]) == ("team.message", "Panda, viens voir")
        assert b.receive_json()["event"]["data"]["text"] == "<b>Pause</b> dans 5 min"
        only_a = a.receive_json()["event"]  # the fox's tablet never heard the panda's message
        assert (only_a["type"], only_a["data"]["text"]) == (
            "room.message",
            "<b>Pause</b> dans 5 min",
        )
    messages = client.get(f"{BASE}/{session}").json()["messages"]
    assert [m["text"] for m in messages] == ["Panda, viens voir", "<b>Pause</b> dans 5 min"]
    for bad, code in (
        ({"text": "  "}, 400),
        ({"text": "x" * 281}, 400),
        ({"text": "hi", "team": 10**30}, 404),
        ({"text": "hi", "team": True}, 404),
        ({"text": "hi", "team": 99999}, 404),
    ):
        assert client.post(f"{BASE}/{session}/messages", json=bad, headers=fac).status_code == code


def _dashboard(ws: Any, session: int) -> dict[str, Any]:
    ws.send_json({"type": "hello", "session": session, "lang": "en"})
    first = ws.receive_json()
    assert first["type"] == "snapshot"
    return dict(first["snapshot"])


def test_the_dashboard_gets_a_snapshot_then_live_events(
    client: TestClient, fac: dict[str, str]
) -> None:
    session = demo_id(client)
    fox = join(client)
    client.post("/api/team/run", json=run_body(LINE), headers=fox)
    with (
        client.websocket_connect("/ws/facilitator") as one,
        client.websocket_connect("/ws/facilitator") as two,
    ):
        snapshot = _dashboard(one, session)
        assert _dashboard(two, session)["seq"] == snapshot["seq"]
        titles = [c["title"] for c in snapshot["challenges"]]
        assert titles == ["Straight ahead", "The gems", "The maze"]
        (cell,) = snapshot["cells"]
        assert (cell["attempts"], cell["stars"], cell["best_blocks"]) == (1, 2, 4)
        assert snapshot["teams"][0]["current"] == "tiny/line"
        assert snapshot["teams"][0]["online"] == 0

        with client.websocket_connect("/ws") as tablet:
            tablet.send_json({"type": "hello", "token": _token(fox)})
            tablet.receive_json()
            for ws in (one, two):
                online = ws.receive_json()["event"]
                assert (online["type"], online["data"]) == ("team.online", {"tablets": 1})
            best = client.post("/api/team/run", json=run_body(LINE_BEST), headers=fox).json()
            for ws in (one, two):  # every facilitator's dashboard hears it
                event = ws.receive_json()["event"]
                assert event["type"] == "attempt"
                assert event["id"] > snapshot["seq"]
                assert event["data"]["attempt"] == best["attempt"]
                assert event["data"]["progress"]["stars"] == 3
        assert one.receive_json()["event"]["data"] == {"tablets": 0}
        one.send_json({"type": "snapshot"})
        again = one.receive_json()
        assert again["snapshot"]["cells"][0]["attempts"] == 2
        one.send_json({"type": "ping"})
        assert one.receive_json() == {"type": "pong"}


def test_the_dashboard_socket_is_for_facilitators_only(client: TestClient) -> None:
    session = demo_id(client)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/ws/facilitator") as ws,
    ):
        ws.receive_json()
    assert closed.value.code == 4401
    login(client)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(
            "/ws/facilitator", headers={"Origin": "http://evil.example"}
        ) as ws,
    ):
        ws.receive_json()
    assert closed.value.code == 4403
    with client.websocket_connect("/ws/facilitator") as ws:
        ws.send_json({"type": "hello", "session": session + 100})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4404


def test_a_teams_attempts_and_one_attempt_with_its_program(
    client: TestClient, fac: dict[str, str]
) -> None:
    session = demo_id(client)
    fox = join(client)
    first = client.post("/api/team/run", json=run_body(LINE_BEST), headers=fox).json()
    client.post("/api/team/run", json=run_body([{"block": "fly"}]), headers=fox)
    team_id = client.get(f"{BASE}/{session}").json()["teams"][0]["id"]
    listed = client.get(f"{BASE}/{session}/teams/{team_id}/attempts").json()["attempts"]
    assert [a["outcome"] for a in listed] == ["error", "success"]
    detail = client.get(f"{BASE}/{session}/attempts/{first['attempt']}?lang=en").json()
    assert detail["team"] == team_id
    assert detail["challenge"]["id"] == "tiny/line"
    assert detail["challenge"]["map_svg"].endswith("/map.svg")
    assert detail["text"].splitlines() == ["1 | repeat 4 times:", "2 |     move forward"]
    assert [s["block"] for s in detail["result"]["trace"]] == [2, 2, 2, 2]
    broken = client.get(f"{BASE}/{session}/attempts/{listed[0]['id']}").json()
    assert broken["text"] is None and broken["result"]["outcome"] == "error"

    other = client.post(BASE, json={"challenges": ["tiny/line"]}, headers=fac).json()["id"]
    assert client.get(f"{BASE}/{other}/attempts/{first['attempt']}").status_code == 404
    assert client.get(f"{BASE}/{other}/teams/{team_id}/attempts").status_code == 404
    for path in ("attempts/x", "attempts/99999999999999999999", "teams/-1/attempts"):
        assert client.get(f"{BASE}/{session}/{path}").status_code == 404
    assert client.get(f"{BASE}/abc").status_code == 404


def test_the_projector_shows_runs_of_this_session_only(
    client: TestClient, fac: dict[str, str]
) -> None:
    session = demo_id(client)
    fox = join(client)
    a = client.post("/api/team/run", json=run_body(LINE), headers=fox).json()["attempt"]
    b = client.post("/api/team/run", json=run_body(LINE_BEST), headers=fox).json()["attempt"]
    with client.websocket_connect("/ws/facilitator") as ws:
        _dashboard(ws, session)
        shown = client.post(
            f"{BASE}/{session}/projector", json={"attempts": [b, 99999, a, "x"]}, headers=fac
        )
        assert shown.json() == {"attempts": [b, a]}
        event = ws.receive_json()["event"]
        assert (event["type"], event["data"]) == ("projector.show", {"attempts": [b, a]})
    assert client.get(f"{BASE}/{session}").json()["projector"] == [b, a]
    five = client.post(
        f"{BASE}/{session}/projector", json={"attempts": [1, 2, 3, 4, 5]}, headers=fac
    )
    assert five.status_code == 400


def test_the_join_link_and_qr_code(client: TestClient, fac: dict[str, str]) -> None:
    from robolab.server.netinfo import room_base

    session = demo_id(client)
    snapshot = client.get(f"{BASE}/{session}").json()
    assert snapshot["session"]["join_url"] == f"http://testserver/j/{snapshot['session']['code']}"
    qr = client.get(f"{BASE}/{session}/qr.svg")
    assert qr.headers["content-type"].startswith("image/svg+xml")
    assert "viewBox" in qr.text and "<svg" in qr.text
    # a facilitator on localhost gets the LAN address when the server listens everywhere
    assert room_base("http", "127.0.0.1", 8000, "127.0.0.1") == "http://127.0.0.1:8000"
    assert room_base("http", "192.168.1.5", 8000, "0.0.0.0") == "http://192.168.1.5:8000"
    lan = room_base("http", "localhost", 8000, "0.0.0.0")
    assert lan.endswith(":8000") and "localhost" not in lan


@pytest.mark.asyncio
async def test_the_robots_hook_is_bounded_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from robolab.server import FleetRoomControl, room

    monkeypatch.setattr(room, "STOP_TIMEOUT", 0.05)
    stopped: list[str] = []

    async def stop_all() -> None:
        stopped.append("all")

    async def hang() -> None:
        await asyncio.sleep(10)

    assert await room.stop_robots(RoomControl()) is room.RobotsStopped.NONE
    assert await room.stop_robots(FleetRoomControl(stop_all)) is room.RobotsStopped.STOPPED
    assert stopped == ["all"]
    assert await room.stop_robots(FleetRoomControl(hang)) is room.RobotsStopped.FAILED
