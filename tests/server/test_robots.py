"""Real robots in the classroom server, with in-process virtual robots speaking the real protocol.

The fleet panel's API, the queue of programs (a team sends, the facilitator approves or refuses),
live progress pushed to the team and to the dashboards, pause-all stopping a running robot, and a
robot lost mid-run: the team reads a clear message, its attempt stays, the job can be retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from firmware_bridge.fleet import Fleet
from firmware_bridge.link import LinkTiming
from firmware_bridge.reconnect import Backoff
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.server import ServerConfig, create_app
from robolab.server.robots import RobotRoom
from tests.server.conftest import demo_id, join, login

pytestmark = pytest.mark.timeout(60)

BASE = "/api/facilitator"
TIMING = LinkTiming(
    hello_wait=0.05, hello_timeout=0.3, retry_after=0.05, poll_after=0.2, silence=0.4
)


def workspace(moves: int, prefix: str = "m") -> dict[str, Any]:
    """A Blockly workspace: "when run" then ``moves`` × move forward, with block ids m1, m2..."""
    chain: dict[str, Any] | None = None
    for n in range(moves, 0, -1):
        block: dict[str, Any] = {"type": "robolab_move_forward", "id": f"{prefix}{n}"}
        if chain is not None:
            block["next"] = {"block": chain}
        chain = block
    start: dict[str, Any] = {"type": "robolab_start", "id": "start", "x": 10, "y": 10}
    if chain is not None:
        start["next"] = {"block": chain}
    return {"blocks": {"languageVersion": 0, "blocks": [start]}}


@dataclass
class Classroom:
    client: TestClient
    room: RobotRoom
    robots: list[VirtualRobot]
    csrf: dict[str, str]
    session: int

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Runs ``fn`` in the server's event loop (where the virtual robots live)."""
        return self.client.portal.call(fn, *args)  # type: ignore[union-attr]

    def fac(self, method: str, path: str, body: Any = None) -> Any:
        return self.client.request(method, BASE + path, json=body, headers=self.csrf)

    def robot_id(self, name: str) -> str:
        robots = self.fac("GET", "/robots").json()["robots"]
        return next(r["id"] for r in robots if r["name"] == name)

    def give(self, robot: str, team: dict[str, str]) -> None:
        me = self.client.get("/api/team", headers=team).json()
        team_id = self.team_id(team)
        answer = self.fac(
            "POST", f"/robots/{robot}/team", {"session": self.session, "team": team_id}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["robot"]["team"] == team_id, me

    def team_id(self, team: dict[str, str]) -> int:
        teams = self.fac("GET", f"/sessions/{self.session}").json()["teams"]
        token_team = self.client.get("/api/team", headers=team).json()["team"]
        return int(next(t["id"] for t in teams if t["name"] == token_team["name"]))

    def jobs(self) -> list[dict[str, Any]]:
        return list(self.fac("GET", f"/sessions/{self.session}/robot-jobs").json()["jobs"])


@pytest.fixture
def classroom(config: ServerConfig) -> Iterator[Classroom]:
    robots = [VirtualRobot(f"Robo-{n}", grid=None, sensors=False, move_ms=40) for n in (1, 2)]
    fleet = Fleet(timing=TIMING, backoff=Backoff(first=0.05, most=0.2))
    room = RobotRoom(fleet, virtual=robots)
    with TestClient(create_app(config, room=room)) as client:
        csrf = login(client)
        yield Classroom(client, room, robots, csrf, demo_id(client))


def solve(client: TestClient, team: dict[str, str], moves: int = 4) -> dict[str, Any]:
    body = {"challenge": "tiny/line", "program": workspace(moves)}
    answer = client.post("/api/team/run", json=body, headers=team)
    assert answer.status_code == 200
    return dict(answer.json())


def hello(ws: Any, team: dict[str, str]) -> None:
    ws.send_json({"type": "hello", "token": team["Authorization"].split()[1]})
    assert ws.receive_json()["type"] == "welcome"


def until(ws: Any, wanted: Callable[[dict[str, Any]], bool], limit: int = 500) -> list[Any]:
    """Every event received up to (and including) the first one ``wanted`` accepts."""
    seen = []
    for _ in range(limit):
        message = ws.receive_json()
        if message.get("type") != "event":
            continue
        seen.append(message["event"])
        if wanted(message["event"]):
            return seen
    raise AssertionError(f"not received; got {[e['type'] for e in seen]}")


def job_is(status: str) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e["type"] == "robot.job" and e["data"]["job"]["status"] == status


def test_the_fleet_panel_lists_names_identifies_calibrates_and_assigns(
    classroom: Classroom,
) -> None:
    c = classroom
    listed = c.fac("GET", "/robots").json()
    assert listed["available"] is True
    assert [(r["name"], r["link"]) for r in listed["robots"]] == [
        ("Robo-1", "ready"),
        ("Robo-2", "ready"),
    ]
    assert listed["robots"][0]["battery"]["percent"] == 80
    r1 = c.robot_id("Robo-1")
    renamed = c.fac("POST", f"/robots/{r1}/name", {"name": "Tortue"})
    assert renamed.json()["robot"]["name"] == "Tortue" and c.robots[0].core.name == "Tortue"
    assert c.fac("POST", f"/robots/{r1}/name", {"name": "<b>x</b>"}).status_code == 400
    flashes = c.robots[0].body.light_flashes
    assert c.fac("POST", f"/robots/{r1}/identify", {}).status_code == 200
    time.sleep(0.05)
    assert c.robots[0].body.light_flashes > flashes
    cal = c.fac("POST", f"/robots/{r1}/calibration", {"trim": -4, "cell": 180})
    assert cal.json()["robot"]["calibration"]["trim"] == -4
    assert c.robots[0].body.settings["cell"] == 180
    out_of_range = c.fac("POST", f"/robots/{r1}/calibration", {"trim": 99, "lang": "en"})
    assert out_of_range.status_code == 409 and "range" in out_of_range.json()["error"]["message"]
    assert c.fac("POST", f"/robots/{r1}/calibration", {"trim": "x"}).status_code == 400
    assert c.fac("POST", f"/robots/{r1}/refresh", {}).json()["robot"]["link"] == "ready"
    fox = join(c.client)
    with (
        c.client.websocket_connect("/ws/facilitator") as dash,
        c.client.websocket_connect("/ws") as tab,
    ):
        dash.send_json({"type": "hello", "session": c.session})
        assert dash.receive_json()["type"] == "snapshot"
        hello(tab, fox)
        c.give(r1, fox)
        changed = until(dash, lambda e: e["type"] == "robot.changed")[-1]["data"]["robot"]
        assert (changed["team"], changed["session"]) == (c.team_id(fox), c.session)
        mine = until(tab, lambda e: e["type"] == "robot.team")[-1]["data"]["robot"]
        assert mine == {"name": "Tortue", "link": "ready", "running": False, "battery": 80}
        assert c.fac("POST", f"/robots/{r1}/team", {"team": None}).status_code == 200
        assert until(tab, lambda e: e["type"] == "robot.team")[-1]["data"]["robot"] is None
    assert c.fac("POST", "/robots/r99/identify", {}).status_code == 404
    assert (
        c.fac("POST", f"/robots/{r1}/team", {"session": c.session, "team": 999}).status_code == 404
    )


def test_a_scan_without_bluetooth_is_a_message_and_finds_virtual_robots(
    classroom: Classroom,
) -> None:
    c = classroom
    spare = VirtualRobot("Spare-1", grid=None, sensors=False)
    from firmware_bridge.transports.virtual import register_virtual, unregister_virtual

    register_virtual(spare)
    try:
        found = c.fac("POST", "/robots/scan", {"lang": "en"}).json()
        assert [r["name"] for r in found["found"]] == ["Spare-1"]  # not the connected ones
        assert any("Bluetooth" in p["en"] for p in found["problems"])
        added = c.fac("POST", "/robots", {"url": found["found"][0]["url"]})
        assert added.status_code == 201 and added.json()["robot"]["link"] == "ready"
    finally:
        unregister_virtual(spare)
        c.call(spare.aclose)
    bad = c.fac("POST", "/robots", {"url": "http://example.org"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "fleet.bad_url"
    missing = c.fac("POST", "/robots", {"url": "/dev/ttyRoboLabNone", "lang": "en"})
    assert (
        missing.status_code == 409 and "/dev/ttyRoboLabNone" in missing.json()["error"]["message"]
    )
    urls = [r["url"] for r in c.fac("GET", "/robots").json()["robots"]]
    assert "/dev/ttyRoboLabNone" not in urls and len(urls) == 3  # no card left behind


def test_a_team_without_a_solved_program_or_a_robot_is_refused(classroom: Classroom) -> None:
    c = classroom
    fox = join(c.client)
    state = c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
    assert state["robots"] is True and state["can_send"] is False
    assert state["why"]["code"] == "fleet.no_robot"
    c.give(c.robot_id("Robo-1"), fox)
    state = c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
    assert (state["robot"]["name"], state["why"]["code"]) == ("Robo-1", "fleet.not_solved")
    send = {"challenge": "tiny/line"}
    assert c.client.post("/api/team/robot", json=send, headers=fox).status_code == 409
    solve(c.client, fox, moves=3)  # one cell short: not solved
    refused = c.client.post("/api/team/robot", json=send, headers=fox)
    assert refused.json()["error"]["code"] == "fleet.not_solved"
    solved = solve(c.client, fox)
    assert c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()["can_send"]
    # The teen changes the program after the run: it must be tried in the simulator again.
    edited = {"workspace": workspace(5)}
    c.client.put("/api/team/workspaces/tiny/line", json=edited, headers=fox)
    changed = c.client.post("/api/team/robot", json=send, headers=fox)
    assert changed.status_code == 409 and changed.json()["error"]["code"] == "fleet.changed"
    c.client.put("/api/team/workspaces/tiny/line", json={"workspace": workspace(4)}, headers=fox)
    stale = c.client.post(
        "/api/team/robot", json={**send, "attempt": solved["attempt"] - 1}, headers=fox
    )
    assert stale.json()["error"]["code"] == "fleet.changed"
    # Another team, its own robot aside, never sees this team's job.
    owl = join(c.client, "owl", "blue")
    assert c.client.post("/api/team/robot", json=send, headers=fox).status_code == 201
    theirs = c.client.get("/api/team/robot?challenge=tiny/line", headers=owl).json()
    assert theirs["job"] is None and theirs["robot"] is None
    assert c.client.post("/api/team/robot", json=send, headers={}).status_code == 401


def test_queue_approve_progress_and_result_reach_the_team_and_the_dashboard(
    classroom: Classroom,
) -> None:
    c = classroom
    fox = join(c.client)
    r1 = c.robot_id("Robo-1")
    c.give(r1, fox)
    attempt = solve(c.client, fox)["attempt"]
    with (
        c.client.websocket_connect("/ws/facilitator") as dash,
        c.client.websocket_connect("/ws") as tab,
    ):
        dash.send_json({"type": "hello", "session": c.session})
        assert dash.receive_json()["type"] == "snapshot"
        hello(tab, fox)
        sent = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox)
        assert sent.status_code == 201
        job = sent.json()["job"]
        assert (job["status"], job["attempt"], job["robot_name"]) == ("waiting", attempt, "Robo-1")
        waiting = until(dash, job_is("waiting"))[-1]
        assert waiting["id"] is not None  # stored in the session's stream
        assert [j["status"] for j in c.jobs()] == ["waiting"]
        approved = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{job['id']}/approve", {})
        assert approved.json()["job"]["status"] == "running"
        seen = until(tab, job_is("finished"))
        progress = [e["data"] for e in seen if e["type"] == "robot.progress"]
        assert [p["id"] for p in progress if p["phase"] == "start"] == ["m1", "m2", "m3", "m4"]
        assert [(p["x"], p["y"]) for p in progress if p["phase"] == "done"] == [
            (2, 1),
            (3, 1),
            (4, 1),
            (5, 1),
        ]
        done = seen[-1]["data"]["job"]
        assert done["result"]["solved"] is True and done["result"]["outcome"] == "success"
        assert "a fini" in done["message"]["fr"] and "finished" in done["message"]["en"]
        dash_seen = until(dash, job_is("finished"))
        assert sum(e["type"] == "robot.progress" for e in dash_seen) == len(progress)
    again = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{job['id']}/approve", {})
    assert again.status_code == 409 and again.json()["error"]["code"] == "fleet.job_done"
    # Refusing: the next program waits, the facilitator says no, the team reads why.
    second = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox).json()
    refused = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{second['job']['id']}/refuse", {})
    assert refused.json()["job"]["status"] == "refused"
    mine = c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
    assert mine["job"]["status"] == "refused" and "gardé" in mine["job"]["message"]["fr"]
    # A robot that is not connected: the facilitator reads why, the job keeps waiting.
    assert c.fac("POST", f"/robots/{r1}/disconnect", {}).json()["robot"]["link"] == "closed"
    third = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox).json()
    path = f"/sessions/{c.session}/robot-jobs/{third['job']['id']}"
    not_ready = c.fac("POST", path + "/approve", {"lang": "en"})
    assert not_ready.status_code == 409
    assert not_ready.json()["error"]["message"].startswith("robot Robo-1 is not connected")
    assert c.jobs()[-1]["status"] == "waiting"
    other = c.client.post(
        f"{BASE}/sessions/{c.session + 1}/robot-jobs/1/approve", json={}, headers=c.csrf
    )
    assert other.status_code == 404


def test_pause_everyone_stops_a_running_robot_within_the_watchdog_limit(
    classroom: Classroom,
) -> None:
    c = classroom
    fox = join(c.client)
    r1 = c.robot_id("Robo-1")
    c.give(r1, fox)
    c.fac("POST", f"/robots/{r1}/calibration", {"speed": 150})  # one second per cell
    solve(c.client, fox)
    job = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox).json()
    c.fac("POST", f"/sessions/{c.session}/robot-jobs/{job['job']['id']}/approve", {})
    robot = c.robots[0]
    deadline = time.monotonic() + 2
    while not robot.motors_running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert robot.motors_running
    asked = time.monotonic()
    paused = c.fac("POST", f"/sessions/{c.session}/state", {"state": "paused"})
    assert paused.json()["robots"] == "stopped"
    stopped_at = c.call(robot.wait_motors_stopped, 0.5)
    assert stopped_at - asked <= 0.5
    for _ in range(100):
        jobs = c.jobs()
        if jobs[0]["status"] != "running":
            break
        time.sleep(0.02)
    assert jobs[0]["status"] == "stopped" and "arrêté" in jobs[0]["message"]["fr"]
    # Paused: nobody sends, nothing starts.
    again = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox)
    assert again.json()["error"]["code"] == "session.paused"
    start = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{jobs[0]['id']}/approve", {})
    assert start.json()["error"]["code"] == "session.paused"


def test_a_link_cut_mid_run_keeps_the_attempt_and_the_job_can_be_retried(
    classroom: Classroom,
) -> None:
    c = classroom
    fox = join(c.client)
    r1 = c.robot_id("Robo-1")
    c.give(r1, fox)
    c.fac("POST", f"/robots/{r1}/calibration", {"speed": 600})  # a quarter second per cell
    robot = c.robots[0]
    robot.reset_on_connect = False
    attempt = solve(c.client, fox)["attempt"]
    job = c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox).json()[
        "job"
    ]
    with c.client.websocket_connect("/ws") as tab:
        hello(tab, fox)
        c.fac("POST", f"/sessions/{c.session}/robot-jobs/{job['id']}/approve", {})
        until(tab, lambda e: e["type"] == "robot.progress" and e["data"]["phase"] == "done")
        c.call(robot.cut)
        cut_at = robot.cable.cut_time
        lost = until(tab, job_is("lost"))[-1]["data"]["job"]
        stopped = c.call(robot.wait_motors_stopped, 1.0)
    assert cut_at is not None and stopped - cut_at <= 0.5  # the robot's own watchdog
    assert "perdu la connexion" in lost["message"]["fr"] and "gardé" in lost["message"]["fr"]
    assert "kept" in lost["message"]["en"]
    kept = c.client.get(f"/api/team/attempts/{attempt}", headers=fox).json()
    assert kept["solved"] is True and kept["program"]["main"][0]["id"] == "m1"
    # Back in range: the fleet finds the robot again; the facilitator retries the same job.
    c.call(robot.mend)
    for _ in range(200):
        links = {r["name"]: r["link"] for r in c.fac("GET", "/robots").json()["robots"]}
        if links["Robo-1"] == "ready":
            break
        time.sleep(0.02)
    assert links["Robo-1"] == "ready"
    c.fac("POST", f"/robots/{r1}/calibration", {"speed": 5000})
    retried = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{job['id']}/approve", {})
    assert retried.status_code == 200 and retried.json()["job"]["tries"] == 2
    for _ in range(200):
        if c.jobs()[0]["status"] == "finished":
            break
        time.sleep(0.02)
    assert c.jobs()[0]["status"] == "finished" and c.jobs()[0]["result"]["solved"]


def test_without_robots_the_server_says_so_and_never_fails(config: ServerConfig) -> None:
    with TestClient(create_app(config)) as client:
        csrf = login(client)
        listed = client.get(BASE + "/robots", headers=csrf).json()
        assert listed["available"] is False and "robolab serve" in listed["message"]["en"]
        refused = client.post(BASE + "/robots/scan", json={}, headers=csrf)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "fleet.off"
        fox = join(client)
        state = client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
        assert state == {"robots": False, "robot": None, "job": None, "can_send": False}
        sent = client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox)
        assert sent.status_code == 409
