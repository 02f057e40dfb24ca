"""The simulated people of a load test: tablets (teams) and facilitator dashboards.

A tablet joins like the app does (look the code up, pick a pseudonym), holds the tablet
WebSocket (hello with its token, a ping every 25 s, reconnecting by itself with back-off and
jitter, as ``socket.js``), and works: autosaves, runs, opens its ladder. A robot team also sends
its solved program to its robot and follows the run. A dashboard holds ``/ws/facilitator`` with
the facilitator's cookie and reconnects the same way, getting a whole new snapshot each time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.typing import Origin

from robolab.loadgen.httpclient import Answer, HttpClient
from robolab.loadgen.metrics import Metrics, timed

PING_EVERY = 25.0
BACKOFF_MIN, BACKOFF_MAX = 0.25, 8.0
ENDED_JOBS = frozenset({"finished", "invalid", "stopped", "lost", "failed", "refused", "gone"})


@dataclass
class Workload:
    """What the tablets send, per challenge: programs to run, and the robot teams' challenge."""

    programs: dict[str, list[Any]]
    robot_challenge: str
    robot_program: Any

    @property
    def challenges(self) -> list[str]:
        return list(self.programs)


@dataclass
class Room:
    """What every simulated person shares: where the server is, the session, the measurements."""

    host: str
    port: int
    code: str
    session_id: int
    facilitator_token: str
    metrics: Metrics
    workload: Workload
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    run_sent: dict[int, float] = field(default_factory=dict)
    """Per team, when its newest run was sent (the dashboards measure from it)."""
    message_sent: dict[str, float] = field(default_factory=dict)
    """Per message text, when the facilitator sent it to the room."""
    robots_mended: bool = False
    """The robots' cables were cut and mended (jobs finished since count as recovered)."""

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_base(self) -> str:
        return f"ws://{self.host}:{self.port}"


def backoff(attempt: int, rng: random.Random) -> float:
    """Seconds before the next reconnection: doubling from 0.25 s to 8 s, with jitter."""
    ceiling = min(BACKOFF_MAX, BACKOFF_MIN * 2**attempt)
    return rng.uniform(ceiling / 2, ceiling)


def tablet_address(index: int) -> str:
    """A loopback address of its own for tablet ``index`` (127.0.1.1, 127.0.1.2, …)."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


class Socket:
    """A WebSocket that reconnects by itself; subclasses say hello and handle messages."""

    path = "/ws"
    kind = "tablet"

    def __init__(self, room: Room, rng: random.Random, local_host: str | None) -> None:
        self.room = room
        self.rng = rng
        self.local_host = local_host
        self.opened = 0
        """How many times the socket was opened and greeted (1 + the reconnections)."""
        self.ping_sent: float | None = None
        self.ws: ClientConnection | None = None
        self.is_open = asyncio.Event()

    def headers(self) -> dict[str, str]:
        return {}

    async def hello(self, ws: ClientConnection) -> None:
        raise NotImplementedError

    def on_message(self, data: dict[str, Any], at: float) -> None:
        raise NotImplementedError

    async def run(self) -> None:
        """Connects, and connects again after any loss, until the room stops."""
        failures = 0
        metrics = self.room.metrics
        while not self.room.stop.is_set():
            started = time.perf_counter()
            try:
                async with connect(
                    self.room.ws_base + self.path,
                    origin=Origin(self.room.origin),
                    additional_headers=self.headers(),
                    local_addr=(self.local_host, 0) if self.local_host else None,
                    open_timeout=10,
                    ping_interval=None,
                    close_timeout=2,
                    max_size=2**24,
                    user_agent_header=None,
                ) as ws:
                    await self.hello(ws)
                    metrics.add(f"{self.kind}.connect", time.perf_counter() - started)
                    self.opened += 1
                    failures = 0
                    self.ws = ws
                    self.is_open.set()
                    await self._serve(ws)
            except InvalidStatus as exc:
                metrics.error(f"{self.kind}.socket_refused", str(exc))
            except (OSError, TimeoutError, InvalidHandshake) as exc:
                detail = f"{type(exc).__name__}: {exc}"
                metrics.unreachable(
                    f"{self.kind}.socket_open", detail, started, time.perf_counter()
                )
            except ConnectionClosed as exc:
                if not self.room.stop.is_set():
                    self._closed(exc, started)
            finally:
                self.ws = None
                self.is_open.clear()
            if self.room.stop.is_set():
                return
            await self._sleep(backoff(failures, self.rng))
            failures += 1

    def _closed(self, exc: ConnectionClosed, started: float) -> None:
        """Why the server closed the socket: refused, fell behind, or killed on purpose."""
        metrics = self.room.metrics
        code = exc.rcvd.code if exc.rcvd is not None else None
        if code in (4401, 4403, 4404):
            metrics.error(f"{self.kind}.socket_refused", f"close code {code}")
        elif code == 4409:
            metrics.error(f"{self.kind}.socket_fell_behind", "close code 4409")
        else:
            metrics.unreachable(
                f"{self.kind}.socket_lost", f"close code {code}", started, time.perf_counter()
            )

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.room.stop.wait(), seconds)

    async def _serve(self, ws: ClientConnection) -> None:
        pinger = asyncio.create_task(self._ping(ws))
        stopper = asyncio.create_task(self.room.stop.wait())
        try:
            while True:
                receive = asyncio.ensure_future(ws.recv())
                done, _ = await asyncio.wait(
                    {receive, stopper}, return_when=asyncio.FIRST_COMPLETED
                )
                if receive not in done:
                    receive.cancel()
                    with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                        await receive
                    return
                raw = receive.result()
                at = time.perf_counter()
                data = json.loads(raw)
                if data.get("type") == "pong" and self.ping_sent is not None:
                    self.room.metrics.add("ws.ping", at - self.ping_sent)
                    self.ping_sent = None
                elif isinstance(data, dict):
                    self.on_message(data, at)
        finally:
            pinger.cancel()
            stopper.cancel()

    async def _ping(self, ws: ClientConnection) -> None:
        await asyncio.sleep(self.rng.uniform(1.0, PING_EVERY))
        while True:
            self.ping_sent = time.perf_counter()
            await ws.send('{"type":"ping"}')
            await asyncio.sleep(PING_EVERY)


class TabletSocket(Socket):
    path = "/ws"
    kind = "tablet"

    def __init__(self, tablet: Tablet) -> None:
        super().__init__(tablet.room, tablet.rng, tablet.local_host)
        self.tablet = tablet

    async def hello(self, ws: ClientConnection) -> None:
        await ws.send(json.dumps({"type": "hello", "token": self.tablet.token}))
        welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if welcome.get("type") != "welcome":
            raise InvalidHandshake(f"no welcome: {str(welcome)[:100]}")
        if self.opened:
            self.tablet.reconnected()

    def on_message(self, data: dict[str, Any], at: float) -> None:
        event = data.get("event")
        if data.get("type") != "event" or not isinstance(event, dict):
            return
        self.tablet.on_event(event, at)


class Tablet:
    """One team's tablet. ``robot`` teams send their program to their robot, again and again."""

    def __init__(self, room: Room, index: int, *, robot: bool, seed: int) -> None:
        self.room = room
        self.index = index
        self.robot = robot
        self.rng = random.Random(seed)
        self.local_host = tablet_address(index)
        self.http = HttpClient(room.host, room.port, local_host=self.local_host)
        self.token = ""
        self.pseudonym = ("", "")
        self.team_id = 0
        """Known to the facilitator, not to the tablet: set from the dashboard's snapshot."""
        self.acked: list[int] = []
        self.socket = TabletSocket(self)
        self._run_seen = True
        self._job_status: str | None = None
        self._job_result: dict[str, Any] | None = None
        self._job_id: int | None = None
        self._job_changed = asyncio.Event()

    # -- HTTP -------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Origin": self.room.origin}

    async def call(
        self, name: str, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)
    ) -> Answer | None:
        """One request, timed as ``name``; ``None`` when it failed (counted as an error)."""
        return await timed(
            self.room.metrics, self.http, name, method, path, body, self._headers(), ok
        )

    async def join(self, animal: str, color: str) -> bool:
        """Looks the code up, then joins with this pseudonym (or a suggested one when taken)."""
        room = self.room
        found = await self.call("join.lookup", "GET", f"/api/sessions/{room.code}")
        if found is None:
            return False
        body = {"code": room.code, "animal": animal, "color": color, "lang": "fr"}
        answer = await self.call("join", "POST", "/api/join", body, ok=(201, 409))
        if answer is not None and answer.status == 409:
            suggestion = answer.json()["error"]["suggestions"][0]
            body.update(animal=suggestion["animal"], color=suggestion["color"])
            answer = await self.call("join", "POST", "/api/join", body, ok=(201,))
        if answer is None:
            return False
        joined = answer.json()
        self.token = joined["token"]
        self.pseudonym = (joined["team"]["animal"], joined["team"]["color"])
        return True

    # -- work -------------------------------------------------------------------------------

    async def work(self, run_every: float, save_every: float) -> None:
        """Autosaves, runs and reads at random (exponential think times) until the room stops."""
        if self.robot:
            await self._robot_work()
            return
        actions = [("run", 1 / run_every), ("save", 1 / save_every), ("read", 0.1 / run_every)]
        total = sum(rate for _, rate in actions)
        while not self.room.stop.is_set():
            await self.socket._sleep(self.rng.expovariate(total))
            if self.room.stop.is_set():
                return
            name = self._pick(actions, total)
            challenge = self.rng.choice(self.room.workload.challenges)
            if name == "run":
                await self.run(challenge, self.rng.choice(self.room.workload.programs[challenge]))
            elif name == "save":
                await self.save(challenge)
            else:
                await self.read(challenge)

    def _pick(self, actions: list[tuple[str, float]], total: float) -> str:
        left = self.rng.uniform(0, total)
        for name, rate in actions:
            left -= rate
            if left <= 0:
                return name
        return actions[-1][0]

    async def run(self, challenge: str, program: Any) -> dict[str, Any] | None:
        started = time.perf_counter()
        self.room.run_sent[self.team_id] = started
        self._run_seen = False
        answer = await self.call(
            "run", "POST", "/api/team/run", {"challenge": challenge, "program": program}
        )
        if answer is None:
            return None
        result: dict[str, Any] = answer.json()
        self.acked.append(int(result["attempt"]))
        outages = self.room.metrics.outages
        if outages and started > outages[-1][1]:
            self.room.metrics.count("run.after_restart")
        return result

    async def save(self, challenge: str) -> None:
        workspace = {"blocks": {"languageVersion": 0, "blocks": []}, "n": self.rng.random()}
        await self.call(
            "save", "PUT", f"/api/team/workspaces/{challenge}", {"workspace": workspace}
        )

    async def read(self, challenge: str) -> None:
        path = self.rng.choice(
            ["/api/team/ladder", f"/api/team/challenges/{challenge}", "/api/team/attempts"]
        )
        await self.call("read", "GET", path)

    def on_event(self, event: dict[str, Any], at: float) -> None:
        kind = event.get("type")
        metrics = self.room.metrics
        if kind == "attempt":
            sent = self.room.run_sent.get(self.team_id)
            if sent is not None and not self._run_seen:
                self._run_seen = True
                metrics.add("tablet.update", at - sent)
        elif kind == "room.message":
            text = (event.get("data") or {}).get("text")
            sent = self.room.message_sent.get(text) if isinstance(text, str) else None
            if sent is not None:
                metrics.add("tablet.broadcast", at - sent)
        elif kind == "robot.progress":
            stamped = event.get("at")
            if isinstance(stamped, int | float):
                metrics.add("robot.progress", max(0.0, time.time() - stamped))
        elif kind == "robot.job":
            job = (event.get("data") or {}).get("job") or {}
            if job.get("id") == self._job_id:
                self._job_status = job.get("status")
                self._job_result = job.get("result")
                self._job_changed.set()

    def reconnected(self) -> None:
        """Back after the socket was lost: a robot job's end may have been missed (a restarted
        server has an empty queue), so the robot team looks again, as the tablet's page does."""
        if self._job_status not in ENDED_JOBS and self._job_id is not None:
            self._job_status = "gone"
            self._job_changed.set()

    # -- a robot team --------------------------------------------------------------------------

    async def _robot_work(self) -> None:
        workload = self.room.workload
        cid = workload.robot_challenge
        while not self.room.stop.is_set():
            result = await self.run(cid, workload.robot_program)
            if result is None or not result.get("solved"):
                await self.socket._sleep(1.0)
                continue
            started = time.perf_counter()
            answer = await self.call(
                "robot.send", "POST", "/api/team/robot", {"challenge": cid}, ok=(201, 409)
            )
            if answer is None or answer.status == 409:  # no robot yet (assigned after a restart)
                await self.socket._sleep(0.5)
                continue
            self._job_id = int(answer.json()["job"]["id"])
            self._job_status = "waiting"
            status = await self._job_end(timeout=60.0)
            if status == "finished":
                self.room.metrics.add("robot.job", time.perf_counter() - started)
                if self.room.metrics.outages or self.room.robots_mended:
                    self.room.metrics.count("robot.job.finished_after_fault")
                if not (self._job_result or {}).get("solved"):
                    # the robot drove something else than the program (a frame acted twice?)
                    self.room.metrics.error("robot.job.wrong_result", str(self._job_result))
            elif status is not None and not self.room.stop.is_set():
                self.room.metrics.count(f"robot.job.{status}")
            await self.socket._sleep(self.rng.uniform(0.2, 0.6))

    async def _job_end(self, timeout: float) -> str | None:
        deadline = time.perf_counter() + timeout
        while self._job_status not in ENDED_JOBS and not self.room.stop.is_set():
            self._job_changed.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                self.room.metrics.count("robot.job.timeout")
                return None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._job_changed.wait(), min(left, 1.0))
        return self._job_status

    def close(self) -> None:
        self.http.close()


class Dashboard(Socket):
    """A facilitator's live dashboard of the session (``/ws/facilitator``)."""

    path = "/ws/facilitator"
    kind = "dashboard"

    def __init__(self, room: Room, index: int, seed: int) -> None:
        super().__init__(room, random.Random(seed), None)
        self.index = index
        self.seen: dict[int, float] = {}
        self.teams = 0

    def headers(self) -> dict[str, str]:
        return {"Cookie": f"robolab_facilitator={self.room.facilitator_token}"}

    async def hello(self, ws: ClientConnection) -> None:
        await ws.send(json.dumps({"type": "hello", "session": self.room.session_id, "lang": "fr"}))
        first = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if first.get("type") != "snapshot":
            raise InvalidHandshake(f"no snapshot: {str(first)[:100]}")
        self.teams = len(first["snapshot"]["teams"])

    def on_message(self, data: dict[str, Any], at: float) -> None:
        event = data.get("event")
        if data.get("type") != "event" or not isinstance(event, dict):
            return
        if event.get("type") == "attempt":
            team = event.get("team")
            if not isinstance(team, int):
                return
            sent = self.room.run_sent.get(team)
            if sent is not None and self.seen.get(team) != sent:
                self.seen[team] = sent
                self.room.metrics.add("dashboard.update", at - sent)
