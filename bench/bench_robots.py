"""Real robots in the classroom server: live progress to the tablets, and pause-all.

The classroom server runs in this process (uvicorn in a thread) with 8 in-process virtual robots
(the firmware's own protocol core, real link layer, 0.5 s watchdog). 8 teams each hold the
tablet WebSocket, solve the ladder's first challenge in the simulator, get a robot, send their
program; one facilitator dashboard holds ``/ws/facilitator``. Then:

- **progress**: the facilitator starts the 8 programs at once; for every ``robot.progress``
  event, the delay from the server stamping it (``event.at``, same clock) to the tablet (and the
  dashboard) receiving it: p50 / p95 / max. Baseline, same sockets and load: a WebSocket
  ping -> pong round trip from the same tablets (``delay p95 / ping p95``).
- **pause-all**: 8 robots driving (half a second a cell), the facilitator presses "pause
  everyone": the time from the request to every robot's motors being off (read on the virtual
  robots' motor logs), and to every tablet hearing that its run was stopped. The robots' own
  watchdog (500 ms) is the bound.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

from bench.bench_server import make_teams, percentile

ROBOTS = 8


class InProcessServer:
    """The app with a robot room, served by uvicorn in a thread (its own event loop)."""

    def __init__(self, data: Path) -> None:
        import uvicorn

        from firmware_bridge.virtual_robot import VirtualRobot
        from robolab.pack import bundled_packs_root
        from robolab.server import ServerConfig, create_app
        from robolab.server.launch import bind
        from robolab.server.robots import RobotRoom

        self.robots = [
            VirtualRobot(f"Bench-{n}", grid=None, sensors=False, move_ms=100)
            for n in range(1, ROBOTS + 1)
        ]
        config = ServerConfig(data_dir=data, pack_roots=[bundled_packs_root()], demo=True)
        self.app = create_app(config, room=RobotRoom(virtual=self.robots))
        self.sock = bind("127.0.0.1", 0)
        self.port = int(self.sock.getsockname()[1])
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, log_level="warning", loop="asyncio", access_log=False)
        )
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)

    @property
    def state(self) -> Any:
        return self.app.state.robolab

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.sock.close()


class Tablet:
    def __init__(self, token: str) -> None:
        self.token = token
        self.ws: Any = None
        self.delays: list[float] = []
        self.pings: list[float] = []
        self.jobs: dict[str, float] = {}
        self._pong = asyncio.Event()

    async def open(self, port: int) -> None:
        self.ws = await websockets.connect(f"ws://127.0.0.1:{port}/ws")
        await self.ws.send(json.dumps({"type": "hello", "token": self.token}))
        json.loads(await self.ws.recv())
        self.reader = asyncio.ensure_future(self.read())

    async def read(self) -> None:
        async for raw in self.ws:
            now = time.time()
            message = json.loads(raw)
            if message["type"] == "pong":
                self._pong.set()
                continue
            event = message.get("event", {})
            if event.get("type") == "robot.progress":
                self.delays.append(now - event["at"])
            elif event.get("type") == "robot.job":
                self.jobs[event["data"]["job"]["status"]] = time.monotonic()

    async def ping(self) -> None:
        self._pong.clear()
        t0 = time.perf_counter()
        await self.ws.send('{"type":"ping"}')
        await self._pong.wait()
        self.pings.append(time.perf_counter() - t0)


async def scenario(server: InProcessServer, data: Path) -> None:
    state = server.state
    base = f"http://127.0.0.1:{server.port}"
    async with httpx.AsyncClient(base_url=base) as http:
        sessions = await http.get("/api/facilitator/sessions")
        assert sessions.status_code == 403
        await http.get(f"/facilitator?token={state.facilitator_token}")
        from robolab.server.guard import csrf_token

        csrf = {"X-RoboLab-CSRF": csrf_token(state.facilitator_token)}
        session = (await http.get("/api/facilitator/sessions")).json()["sessions"][0]
        challenge_id = (await http.get(f"/api/facilitator/sessions/{session['id']}")).json()[
            "challenges"
        ][0]["id"]
        solution = state.catalog.get(challenge_id).solution.to_json()
        tokens = make_teams(data, session["code"], ROBOTS)
        tablets = [Tablet(token) for token in tokens]
        for tablet in tablets:
            await tablet.open(server.port)
        snapshot = (await http.get(f"/api/facilitator/sessions/{session['id']}")).json()
        team_ids = [t["id"] for t in snapshot["teams"]]
        robots = (await http.get("/api/facilitator/robots")).json()["robots"]
        dash = await websockets.connect(
            f"ws://127.0.0.1:{server.port}/ws/facilitator",
            additional_headers={"Cookie": f"robolab_facilitator={state.facilitator_token}"},
        )
        await dash.send(json.dumps({"type": "hello", "session": session["id"]}))
        await dash.recv()
        dash_delays: list[float] = []

        async def dash_read() -> None:
            async for raw in dash:
                event = json.loads(raw).get("event", {})
                if event.get("type") == "robot.progress":
                    dash_delays.append(time.time() - event["at"])

        dash_task = asyncio.ensure_future(dash_read())

        async def send_all(speed: int) -> list[int]:
            jobs = []
            for tablet, team, robot in zip(tablets, team_ids, robots, strict=True):
                auth = {"Authorization": f"Bearer {tablet.token}"}
                ran = await http.post(
                    "/api/team/run",
                    json={"challenge": challenge_id, "program": solution},
                    headers=auth,
                )
                assert ran.json()["solved"], ran.text
                await http.post(
                    f"/api/facilitator/robots/{robot['id']}/team",
                    json={"session": session["id"], "team": team},
                    headers=csrf,
                )
                await http.post(
                    f"/api/facilitator/robots/{robot['id']}/calibration",
                    json={"speed": speed},
                    headers=csrf,
                )
                sent = await http.post(
                    "/api/team/robot", json={"challenge": challenge_id}, headers=auth
                )
                jobs.append(sent.json()["job"]["id"])
            return jobs

        async def approve(jobs: list[int]) -> None:
            path = f"/api/facilitator/sessions/{session['id']}/robot-jobs/{{}}/approve"
            answers = await asyncio.gather(
                *(http.post(path.format(j), json={}, headers=csrf) for j in jobs)
            )
            assert all(a.status_code == 200 for a in answers), [a.text for a in answers]

        # -- progress -------------------------------------------------------------------------
        jobs = await send_all(speed=1500)  # 100 ms a cell
        t0 = time.monotonic()
        await approve(jobs)

        async def pinger() -> None:
            while not all("finished" in t.jobs for t in tablets):
                await asyncio.gather(*(t.ping() for t in tablets))
                await asyncio.sleep(0.05)

        await asyncio.wait_for(pinger(), 60)
        took = max(t.jobs["finished"] for t in tablets) - t0
        delays = [d * 1000 for t in tablets for d in t.delays]
        pings = [p * 1000 for t in tablets for p in t.pings]
        dash_ms = [d * 1000 for d in dash_delays]
        print(f"{ROBOTS} robots ran {challenge_id!r} at once in {took:.2f} s")
        print(
            f"progress event -> tablet: {len(delays)} events, p50 {percentile(delays, 50):.1f} ms,"
            f" p95 {percentile(delays, 95):.1f} ms, max {max(delays):.1f} ms"
        )
        print(
            f"progress event -> dashboard: {len(dash_ms)} events, p50 {percentile(dash_ms, 50):.1f}"
            f" ms, p95 {percentile(dash_ms, 95):.1f} ms, max {max(dash_ms):.1f} ms"
        )
        print(
            f"baseline ping -> pong on the same sockets: p50 {percentile(pings, 50):.1f} ms,"
            f" p95 {percentile(pings, 95):.1f} ms; ratio p95 delay / ping:"
            f" {percentile(delays, 95) / percentile(pings, 95):.2f}x"
        )

        # -- pause-all ------------------------------------------------------------------------
        for tablet in tablets:
            tablet.jobs.clear()
        jobs = await send_all(speed=300)  # half a second a cell
        await approve(jobs)
        deadline = time.monotonic() + 5
        while not all(r.motors_running for r in server.robots) and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        running = sum(r.motors_running for r in server.robots)
        asked = time.monotonic()
        paused = await http.post(
            f"/api/facilitator/sessions/{session['id']}/state",
            json={"state": "paused"},
            headers=csrf,
        )
        answered = time.monotonic() - asked
        while any(r.motors_running for r in server.robots) and time.monotonic() < asked + 3:
            await asyncio.sleep(0.002)
        stops = [r.body.motor_log[-1][0] - asked for r in server.robots]
        while not all("stopped" in t.jobs for t in tablets) and time.monotonic() < asked + 5:
            await asyncio.sleep(0.005)
        told = [t.jobs.get("stopped", float("nan")) - asked for t in tablets]
        print(
            f"pause-all with {running} robots driving: answer {answered * 1000:.0f} ms"
            f" ({paused.json().get('robots')}); motors off after max {max(stops) * 1000:.0f} ms"
            f" (watchdog bound 500 ms); every tablet told after max {max(told) * 1000:.0f} ms"
        )
        dash_task.cancel()
        await dash.close()
        for tablet in tablets:
            tablet.reader.cancel()
            await tablet.ws.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        server = InProcessServer(data)
        try:
            asyncio.run(scenario(server, data))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
