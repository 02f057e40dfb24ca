"""The robots the server remembers from one start to the next (in-process, two app lifetimes on
the same data folder, virtual robots speaking the real protocol): names, calibration, teams, the
queue, the robots connected at start, and what deleting a session forgets.

The crash itself (SIGKILL of a real server) is in ``test_robot_restart.py``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from starlette.testclient import TestClient

from firmware_bridge.fleet import Fleet
from firmware_bridge.transports.virtual import register_virtual, unregister_virtual
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.server import ServerConfig, create_app
from robolab.server.robots import RobotRoom
from tests.server.conftest import demo_id, join, login
from tests.server.test_robots import TIMING, Classroom, solve

pytestmark = pytest.mark.timeout(60)


def robot(name: str, *, keeps_name: bool = True) -> VirtualRobot:
    made = VirtualRobot(name, grid=None, sensors=False, move_ms=40)
    if not keeps_name:  # a board without the NAME command: the panel's name stays in the server
        made.body.caps = ("battery", "identify")
    return made


@contextmanager
def started(
    config: ServerConfig, virtual: list[VirtualRobot], registered: Sequence[VirtualRobot] = ()
) -> Iterator[Classroom]:
    """One life of the server; ``registered`` robots exist but are not given to it."""
    for spare in registered:
        register_virtual(spare)
    room = RobotRoom(Fleet(timing=TIMING), virtual=virtual)
    try:
        with TestClient(create_app(config, room=room)) as client:
            try:
                yield Classroom(client, room, virtual, login(client), demo_id(client))
            finally:
                for spare in registered:
                    client.portal.call(spare.aclose)  # type: ignore[union-attr]
    finally:
        for spare in registered:
            unregister_virtual(spare)


def wait_for(what: Callable[[], Any], seconds: float = 5.0) -> Any:
    deadline = time.monotonic() + seconds
    while not (found := what()):
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)
    return found


def robots(c: Classroom) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in c.fac("GET", "/robots").json()["robots"]}


def database(config: ServerConfig) -> sqlite3.Connection:
    return sqlite3.connect(config.db_path, isolation_level=None)


def test_a_robot_that_comes_back_gets_its_team_name_and_calibration(
    config: ServerConfig,
) -> None:
    with started(config, [robot("Robo-1"), robot("Plain-1", keeps_name=False)]) as c:
        fox, owl = join(c.client), join(c.client, "owl", "blue")
        c.give(c.robot_id("Robo-1"), fox)
        plain = c.robot_id("Plain-1")
        assert c.fac("POST", f"/robots/{plain}/name", {"name": "Lapin"}).status_code == 200
        c.fac("POST", f"/robots/{plain}/calibration", {"cell": 180, "trim": -4})
        c.give(plain, owl)
        fox_id, owl_id = c.team_id(fox), c.team_id(owl)
    # Next day: the same robots, one of which forgot its calibration (fresh memory).
    comeback = [robot("Robo-1"), robot("Plain-1", keeps_name=False)]
    with started(config, comeback) as c:
        seen = wait_for(lambda: (r := robots(c)).get("Lapin", {}).get("team") and r)
        assert seen["Robo-1"]["team"] == fox_id and seen["Robo-1"]["session"] == c.session
        assert seen["Lapin"]["team"] == owl_id
        assert seen["Lapin"]["calibration"]["cell"] == 180
        assert seen["Lapin"]["calibration"]["trim"] == -4
        assert comeback[1].body.settings["cell"] == 180  # given back to the robot itself
        mine = c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
        assert mine["robot"]["name"] == "Robo-1"
        theirs = c.client.get("/api/team/robot?challenge=tiny/line", headers=owl).json()
        assert theirs["robot"]["name"] == "Lapin"


def test_a_robot_given_to_another_team_meanwhile_is_not_taken_back(
    config: ServerConfig,
) -> None:
    with started(config, [robot("Robo-1"), robot("Robo-2")]) as c:
        fox = join(c.client)
        c.give(c.robot_id("Robo-1"), fox)
        # the facilitator gives the team Robo-2 instead: Robo-1 has nobody now
        c.give(c.robot_id("Robo-2"), fox)
        fox_id = c.team_id(fox)
    with started(config, [robot("Robo-1"), robot("Robo-2")]) as c:
        seen = wait_for(lambda: (r := robots(c)).get("Robo-2", {}).get("team") and r)
        assert seen["Robo-2"]["team"] == fox_id and seen["Robo-1"]["team"] is None


def test_the_queue_survives_and_a_running_job_comes_back_interrupted(
    config: ServerConfig,
) -> None:
    with started(config, [robot("Robo-1"), robot("Robo-2")]) as c:
        fox, owl = join(c.client), join(c.client, "owl", "blue")
        c.give(c.robot_id("Robo-1"), fox)
        c.give(c.robot_id("Robo-2"), owl)
        for team in (fox, owl):
            solve(c.client, team)
        send = {"challenge": "tiny/line"}
        running = c.client.post("/api/team/robot", json=send, headers=fox).json()["job"]["id"]
        waiting = c.client.post("/api/team/robot", json=send, headers=owl).json()["job"]["id"]
    # As if the server had died while Robo-1 was driving (a graceful stop ends runs "stopped").
    with database(config) as conn:
        conn.execute("UPDATE robot_jobs SET status = 'running', tries = 1 WHERE id = ?", (running,))
    with started(config, [robot("Robo-1"), robot("Robo-2")]) as c:
        jobs = {j["id"]: j for j in c.jobs()}
        assert jobs[waiting]["status"] == "waiting" and jobs[waiting]["robot_name"] == "Robo-2"
        assert jobs[running]["status"] == "interrupted" and jobs[running]["tries"] == 1
        mine = c.client.get("/api/team/robot?challenge=tiny/line", headers=fox).json()
        assert mine["job"]["status"] == "interrupted" and "gardé" in mine["job"]["message"]["fr"]
        theirs = c.client.get("/api/team/robot?challenge=tiny/line", headers=owl).json()
        assert theirs["job"]["id"] == waiting  # each team its own job only
        # the change was stored in the session's stream too (history, exports)
        exported = c.fac("GET", f"/sessions/{c.session}/export.json").json()
        stored = [
            e["data"]["job"]["status"] for e in exported["events"] if e["type"] == "robot.job"
        ]
        assert stored[-1] == "interrupted"
        wait_for(lambda: robots(c)["Robo-1"]["team"])
        path = f"/sessions/{c.session}/robot-jobs/{running}/approve"
        assert c.fac("POST", path, {}).json()["job"]["status"] == "running"
        wait_for(lambda: {j["id"]: j for j in c.jobs()}[running]["status"] == "finished")
        # refused from a waiting one, and new jobs take new ids
        refused = c.fac("POST", f"/sessions/{c.session}/robot-jobs/{waiting}/refuse", {})
        assert refused.json()["job"]["status"] == "refused"
        new = c.client.post("/api/team/robot", json=send, headers=owl).json()["job"]["id"]
        assert new > waiting
    with database(config) as conn:
        rows = dict(conn.execute("SELECT id, status FROM robot_jobs").fetchall())
    assert rows == {running: "finished", waiting: "refused", new: "waiting"}


def test_deleting_a_session_forgets_its_robots_and_queue(config: ServerConfig) -> None:
    with started(config, [robot("Robo-1")]) as c:
        fox = join(c.client)
        r1 = c.robot_id("Robo-1")
        c.give(r1, fox)
        solve(c.client, fox)
        c.client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox)
        assert c.fac("DELETE", f"/sessions/{c.session}").status_code == 200
        assert robots(c)["Robo-1"]["team"] is None  # at once, in memory
        assert c.room.queue.of_session(c.session) == []
        with database(config) as conn:
            assert conn.execute("SELECT count(*) FROM robot_jobs").fetchone()[0] == 0
            assert conn.execute("SELECT team_id, session_id FROM robots").fetchall() == [
                (None, None)
            ]
    with started(config, [robot("Robo-1")]) as c:
        wait_for(lambda: robots(c)["Robo-1"]["link"] == "ready")
        time.sleep(0.1)
        assert robots(c)["Robo-1"]["team"] is None


def test_remembered_robots_connect_at_start_unless_disconnected(config: ServerConfig) -> None:
    r1, r2 = robot("Robo-1"), robot("Robo-2")
    with started(config, [r1, r2]) as c:
        fox = join(c.client)
        c.give(c.robot_id("Robo-1"), fox)
        fox_id = c.team_id(fox)
        assert c.fac("POST", f"/robots/{c.robot_id('Robo-2')}/disconnect", {}).status_code == 200
    # Not given to this start at all: Robo-1 is found from memory, Robo-2 was disconnected.
    back = [robot("Robo-1"), robot("Robo-2")]
    with started(config, [], registered=back) as c:
        seen = wait_for(lambda: (r := robots(c)).get("Robo-1", {}).get("team") and r)
        assert seen["Robo-1"]["team"] == fox_id and seen["Robo-1"]["link"] == "ready"
        assert "Robo-2" not in seen
        assert back[1].connected is False
