"""Live dashboard under load: 200 connected tablets, 2 facilitator dashboards, runs at a steady rate.

A real ``robolab serve`` process is started on a free port. 200 simulated tablets each hold the
tablet WebSocket (hello with their team token) and one keep-alive HTTP connection; two dashboards
hold ``/ws/facilitator`` with the facilitator cookie. A scheduler presses Run on a random idle
tablet at a steady rate (``POST /api/team/run``, solutions, crashes and invalid programs of the
first challenge of the ladder).

Measured:

- the delay from the moment a tablet sends its run to the moment each dashboard receives the
  ``attempt`` event (p50 / p95 / p99 / max; goal: p95 under 50 ms);
- the baseline, in the same process and the same load: the run's own HTTP answer time, so that
  ``dashboard p95 / answer p95`` shows what the push adds;
- the server's memory per connection: its resident set size (``/proc/PID/status``) before and
  after the 200 tablets connect (WebSocket + HTTP keep-alive each), divided by 200.

Everything runs on one 2-core machine: the load generator shares the CPU with the server, so
the figures are an upper bound of what a real room sees.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import websockets

from bench.bench_server import Connection, Server, _allowed, percentile, workload

TABLETS = 200
DASHBOARDS = 2
RATES = (20, 50, 100)  # runs per second, over every tablet
SECONDS = 5.0


def make_teams(data: Path, code: str, count: int) -> list[tuple[int, str]]:
    """(team id, token) pairs created in the database (joining is rate-limited per address)."""
    from robolab.server import pseudonyms, store
    from robolab.server.db import connect

    conn = connect(data / "robolab.sqlite3")
    try:
        session = store.session_by_code(conn, code)
        assert session is not None
        names = [(a.key, c.key) for a in pseudonyms.ANIMALS for c in pseudonyms.COLOURS]
        taken = store.taken_pseudonyms(conn, session.id)
        free = [n for n in names if n not in taken][:count]
        out = []
        for animal, colour in free:
            team, token, _ = store.create_team(conn, session.id, animal, colour)
            out.append((team.id, token))
        return out
    finally:
        conn.close()


def rss_kib(pid: int) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1))  # type: ignore[union-attr]


class Room:
    """The simulated tablets and dashboards, and what they measured."""

    def __init__(self, port: int, teams: list[tuple[int, str]], cookie: str, session: int) -> None:
        self.port = port
        self.teams = teams
        self.cookie = cookie
        self.session = session
        self.sent: dict[int, float] = {}
        self.delays: list[list[float]] = [[] for _ in range(DASHBOARDS)]
        self.answers: list[float] = []
        self.tablet_delays: list[float] = []
        self.sockets: list[Any] = []
        self.http: list[Connection] = []
        self.tasks: list[asyncio.Task[None]] = []

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def connect_tablets(self) -> None:
        async def one(token: str) -> Any:
            ws = await websockets.connect(f"{self.url}/ws", max_size=2**20)
            await ws.send(json.dumps({"type": "hello", "token": token}))
            assert json.loads(await ws.recv())["type"] == "welcome"
            return ws

        for start in range(0, len(self.teams), 50):  # a classroom arrives in waves, not at once
            batch = self.teams[start : start + 50]
            self.sockets += await asyncio.gather(*(one(token) for _, token in batch))
        for (team_id, _), ws in zip(self.teams, self.sockets, strict=True):
            self.tasks.append(asyncio.create_task(self._tablet_reader(team_id, ws)))

    async def open_http(self) -> None:
        self.http = [await Connection.open("127.0.0.1", self.port) for _ in self.teams]

    async def connect_dashboards(self) -> None:
        headers = {"Cookie": f"robolab_facilitator={self.cookie}"}
        origin = f"http://127.0.0.1:{self.port}"
        for index in range(DASHBOARDS):
            ws = await websockets.connect(
                f"{self.url}/ws/facilitator",
                additional_headers=headers,
                origin=origin,  # type: ignore[arg-type]
                max_size=2**24,
            )
            await ws.send(json.dumps({"type": "hello", "session": self.session}))
            first = json.loads(await ws.recv())
            assert first["type"] == "snapshot", first
            assert len(first["snapshot"]["teams"]) >= len(self.teams)
            self.sockets.append(ws)
            self.tasks.append(asyncio.create_task(self._dashboard_reader(index, ws)))

    async def _dashboard_reader(self, index: int, ws: Any) -> None:
        async for raw in ws:
            now = time.perf_counter()
            data = json.loads(raw)
            event = data.get("event") or {}
            if event.get("type") == "attempt" and event.get("team") in self.sent:
                self.delays[index].append(now - self.sent[event["team"]])

    async def _tablet_reader(self, team_id: int, ws: Any) -> None:
        async for raw in ws:
            now = time.perf_counter()
            if '"attempt"' in raw and team_id in self.sent:
                self.tablet_delays.append(now - self.sent[team_id])

    async def steady(self, rate: float, bodies: list[bytes], seconds: float) -> None:
        """Presses Run on an idle tablet every 1/rate seconds."""
        busy: set[int] = set()
        rng = random.Random(rate)
        pending: set[asyncio.Task[None]] = set()

        async def run(i: int) -> None:
            team_id, token = self.teams[i]
            body = bodies[rng.randrange(len(bodies))]
            auth = f"Authorization: Bearer {token}\r\n"
            if self.http[i].reader.at_eof():  # the server closes idle keep-alives (5 s)
                self.http[i].close()
                self.http[i] = await Connection.open("127.0.0.1", self.port)
            self.sent[team_id] = t0 = time.perf_counter()
            try:
                status, _ = await self.http[i].request("POST", "/api/team/run", body, auth)
            except (ConnectionError, asyncio.IncompleteReadError):
                # closed just now, as a browser would, open a new connection and send again
                self.http[i].close()
                self.http[i] = await Connection.open("127.0.0.1", self.port)
                self.sent[team_id] = t0 = time.perf_counter()
                status, _ = await self.http[i].request("POST", "/api/team/run", body, auth)
            self.answers.append(time.perf_counter() - t0)
            assert status == 200, status
            busy.discard(i)

        start = time.perf_counter()
        n = 0
        while time.perf_counter() - start < seconds:
            n += 1
            await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
            idle = [i for i in range(len(self.teams)) if i not in busy]
            if not idle:
                continue
            i = rng.choice(idle)
            busy.add(i)
            task = asyncio.create_task(run(i))
            pending.add(task)
            task.add_done_callback(pending.discard)
        await asyncio.gather(*pending)
        await asyncio.sleep(0.2)  # the last pushes

    def reset(self) -> None:
        self.delays = [[] for _ in range(DASHBOARDS)]
        self.answers = []
        self.tablet_delays = []

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        for ws in self.sockets:
            await ws.close()
        for conn in self.http:
            conn.close()


def ms(values: list[float], q: float) -> float:
    return percentile(values, q) * 1e3 if values else float("nan")


async def scenario(
    server: Server, teams: list[tuple[int, str]], cookie: str, bodies: list[bytes]
) -> None:
    room = Room(server.port, teams, cookie, session=1)
    await asyncio.sleep(0.5)
    before = rss_kib(server.process.pid)
    await room.connect_tablets()
    await asyncio.sleep(0.5)
    sockets = rss_kib(server.process.pid)
    await room.open_http()
    await asyncio.sleep(0.5)
    after = rss_kib(server.process.pid)
    n = len(teams)
    print(
        f"memory: {before / 1024:.1f} MiB idle, {sockets / 1024:.1f} MiB with {n} tablet "
        f"WebSockets ({(sockets - before) / n:.0f} KiB each), {after / 1024:.1f} MiB with their "
        f"HTTP keep-alive connections too ({(after - before) / n:.0f} KiB per tablet)"
    )
    await room.connect_dashboards()
    await room.steady(10, bodies, 1.0)  # warm-up
    for rate in RATES:
        room.reset()
        await room.steady(rate, bodies, SECONDS)
        both = [d for ds in room.delays for d in ds]
        runs = len(room.answers)
        print(
            f"{rate:4d} runs/s ({runs:4d} runs, {len(teams)} tablets, {DASHBOARDS} dashboards): "
            f"run -> dashboard p50 {ms(both, 50):5.1f} ms  p95 {ms(both, 95):5.1f} ms  "
            f"p99 {ms(both, 99):5.1f} ms  max {max(both) * 1e3:5.1f} ms  "
            f"(seen {len(both)}/{runs * DASHBOARDS})"
        )
        print(
            f"     baseline: the run's own answer p50 {ms(room.answers, 50):5.1f} ms  "
            f"p95 {ms(room.answers, 95):5.1f} ms;  dashboard p95 / answer p95 "
            f"{ms(both, 95) / ms(room.answers, 95):4.2f}x;  run -> own tablet p95 "
            f"{ms(room.tablet_delays, 95):5.1f} ms"
        )
    print(f"memory after the runs: {rss_kib(server.process.pid) / 1024:.1f} MiB")
    await room.close()


def main(roots: list[Path] | None = None) -> None:
    roots, pairs = workload(roots)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        server = Server(roots, data)
        try:
            text = "".join(server.lines)
            cookie = re.search(r"facilitator\?token=(\S+)", text).group(1)  # type: ignore[union-attr]
            teams = make_teams(data, server.code, TABLETS)
            bodies = [json.dumps({"challenge": cid, "program": p}).encode() for cid, p in pairs]
            asyncio.run(scenario(server, teams, cookie, _allowed(pairs, bodies)))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
