"""Robots survive a crash of the real server: ``robolab serve`` is killed (SIGKILL) while a robot
runs a team's program and another team's program waits, then started again.

Two virtual robots run in their own processes (``robolab virtual-robot --tcp``), given with
``--robot`` at the first start only: the second start finds them from its memory, gives each its
team back, keeps the waiting program waiting and shows the running one as interrupted (the robot
stopped by itself; nothing starts before a facilitator says so), to the facilitator and to the
team alone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from robolab.server.guard import csrf_token
from tests.server.conftest import LINE, REPO, LiveServer, run_body, start_server, stop_server

pytestmark = pytest.mark.timeout(90)


def start_tcp_robot(name: str, move_ms: int) -> tuple[subprocess.Popen[str], str]:
    """``robolab virtual-robot --tcp 0``: a robot in its own process; returns it and its URL."""
    cmd = [sys.executable, "-m", "robolab", "virtual-robot", "--tcp", "0", "--name", name]
    cmd += ["--no-sensors", "--move-ms", str(move_ms)]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("socket://127.0.0.1:"), url
    return proc, url


@pytest.fixture
def tcp_robots() -> Iterator[list[str]]:
    started = [start_tcp_robot("Tcp-1", 250), start_tcp_robot("Tcp-2", 250)]
    yield [url for _, url in started]
    for proc, _ in started:
        proc.kill()  # by its own PID
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


class Facilitator:
    """The facilitator's API on a live server (the key of the link printed at its start)."""

    def __init__(self, server: LiveServer) -> None:
        key = server.facilitator.split("token=")[1]
        self.http = httpx.Client(
            base_url=server.base,
            headers={"Cookie": f"robolab_facilitator={key}", "X-RoboLab-CSRF": csrf_token(key)},
            timeout=10,
        )

    def __enter__(self) -> Facilitator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def get(self, path: str) -> Any:
        answer = self.http.get("/api/facilitator" + path)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def post(self, path: str, body: Any = None) -> httpx.Response:
        return self.http.post("/api/facilitator" + path, json=body or {})

    def robots(self) -> dict[str, dict[str, Any]]:
        return {r["name"]: r for r in self.get("/robots")["robots"]}

    def jobs(self, session: int) -> dict[int, dict[str, Any]]:
        return {j["id"]: j for j in self.get(f"/sessions/{session}/robot-jobs")["jobs"]}


def wait_for(what: Callable[[], Any], seconds: float = 15.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        found = what()
        if found:
            return found
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.05)


def team_robot(server: LiveServer, team: dict[str, str]) -> dict[str, Any]:
    answer = httpx.get(f"{server.base}/api/team/robot?challenge=tiny/line", headers=team)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_crash_keeps_the_robots_teams_and_queue_and_never_restarts_a_robot(
    tmp_path: Path, tcp_robots: list[str]
) -> None:
    data = tmp_path / "data"
    server = start_server(data, "--robot", tcp_robots[0], "--robot", tcp_robots[1])
    teams: dict[str, dict[str, str]] = {}
    try:
        with Facilitator(server) as fac:
            session = fac.get("/sessions")["sessions"][0]["id"]
            for animal in ("fox", "owl"):
                joined = httpx.post(
                    f"{server.base}/api/join",
                    json={"code": server.code, "animal": animal, "color": "blue"},
                ).json()
                teams[animal] = {"Authorization": f"Bearer {joined['token']}"}
                ran = httpx.post(
                    f"{server.base}/api/team/run", json=run_body(LINE), headers=teams[animal]
                )
                assert ran.json()["solved"] is True
            ids = {t["animal"]: t["id"] for t in fac.get(f"/sessions/{session}")["teams"]}
            fox, owl = ids["fox"], ids["owl"]
            robots = wait_for(
                lambda: (r := fac.robots()).get("Tcp-2", {}).get("link") == "ready" and r
            )
            assert robots["Tcp-1"]["link"] == "ready"
            for name, team in (("Tcp-1", fox), ("Tcp-2", owl)):
                given = fac.post(
                    f"/robots/{robots[name]['id']}/team", {"session": session, "team": team}
                )
                assert given.json()["robot"]["team"] == team
            sent = {
                animal: httpx.post(
                    f"{server.base}/api/team/robot",
                    json={"challenge": "tiny/line"},
                    headers=headers,
                ).json()["job"]
                for animal, headers in teams.items()
            }
            running, waiting = sent["fox"]["id"], sent["owl"]["id"]
            approved = fac.post(f"/sessions/{session}/robot-jobs/{running}/approve")
            assert approved.json()["job"]["status"] == "running"
            wait_for(lambda: fac.jobs(session)[running]["progress"])  # the robot is driving
    finally:
        server.kill()  # SIGKILL: no goodbye, no last write

    again = start_server(data)  # no --robot: the robots come back from memory
    try:
        with Facilitator(again) as fac:
            robots = wait_for(
                lambda: (
                    (r := fac.robots()).get("Tcp-1", {}).get("team")
                    and r.get("Tcp-2", {}).get("team")
                    and r
                )
            )
            # the facilitator sees each robot with its team again, and the queue as it was
            for name, team in (("Tcp-1", fox), ("Tcp-2", owl)):
                assert (robots[name]["link"], robots[name]["team"]) == ("ready", team)
                assert robots[name]["session"] == session and robots[name]["running"] is False
            jobs = fac.jobs(session)
            assert jobs[waiting]["status"] == "waiting" and jobs[waiting]["team"] == owl
            interrupted = jobs[running]
            assert (interrupted["status"], interrupted["team"]) == ("interrupted", fox)
            assert "stopped by itself" in interrupted["message"]["en"]
            assert "relancer" in interrupted["message"]["fr"]
            # each team sees its robot and its own job, never the other's
            fox_view, owl_view = team_robot(again, teams["fox"]), team_robot(again, teams["owl"])
            assert fox_view["robot"]["name"] == "Tcp-1" and fox_view["job"]["id"] == running
            assert fox_view["job"]["status"] == "interrupted" and fox_view["can_send"] is True
            assert owl_view["robot"]["name"] == "Tcp-2" and owl_view["job"]["id"] == waiting
            assert owl_view["job"]["status"] == "waiting"
            time.sleep(0.3)  # nothing started by itself meanwhile
            assert fac.jobs(session)[running]["status"] == "interrupted"
            assert fac.robots()["Tcp-1"]["running"] is False
            # a facilitator starts it again: it runs to the end; new jobs get new ids
            retried = fac.post(f"/sessions/{session}/robot-jobs/{running}/approve")
            assert retried.status_code == 200, retried.text
            assert (retried.json()["job"]["status"], retried.json()["job"]["tries"]) == (
                "running",
                2,
            )
            done = wait_for(lambda: (j := fac.jobs(session)[running])["status"] == "finished" and j)
            assert done["result"]["solved"] is True
            again_sent = httpx.post(
                f"{again.base}/api/team/robot",
                json={"challenge": "tiny/line"},
                headers=teams["fox"],
            )
            assert again_sent.status_code == 201 and again_sent.json()["job"]["id"] > waiting
    finally:
        stop_server(again)
