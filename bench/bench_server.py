"""Classroom server under load: 50 and 200 simulated tablets calling ``POST /api/run``.

A real ``robolab serve`` process is started on a free port; each simulated tablet keeps one
HTTP/1.1 connection (a minimal client, so that the load generator costs little CPU next to the
server on this 2-core machine) and sends the reference solutions, and some broken programs, of
the bundled challenges.

Scenarios, for 50 and 200 tablets:

- ``burst``: every tablet presses Run at the same instant (the facilitator says "go!"), ten
  times in a row; each round waits for the slowest answer.
- ``steady``: every tablet presses Run about once per second (random think time), about ten
  times more often than a real class.
- ``team``: like ``steady`` but through ``/api/team/run``, which also records the attempt in
  SQLite and pushes it to the WebSocket hub.

The baseline, measured in this process, is the engine alone (parse + run + score + JSON) on the
same programs, so ``p50 / engine`` is the cost of HTTP and the event loop.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLETS = (50, 200)
BURST_ROUNDS = 10
STEADY_SECONDS = 6.0


class Connection:
    """One keep-alive HTTP/1.1 connection; just enough protocol for JSON requests."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: str = ""
    ) -> tuple[int, bytes]:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{headers}\r\n"
        )
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        raw = await self.reader.readuntil(b"\r\n\r\n")
        status = int(raw[9:12])
        length = int(re.search(rb"(?i)content-length: *(\d+)", raw).group(1))  # type: ignore[union-attr]
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def workload(roots: list[Path] | None = None) -> tuple[list[Path], list[tuple[str, Any]]]:
    """The packs to serve and the (challenge, program) pairs the tablets send."""
    from robolab.pack import bundled_packs_root, load_packs

    roots = roots or [bundled_packs_root()]
    packs = load_packs(roots)
    if not any(p.challenges for p in packs):
        roots = [ROOT / "tests" / "server" / "packs"]
        packs = load_packs(roots)
        print(f"(no bundled pack found: using {roots[0].relative_to(ROOT)})")
    pairs: list[tuple[str, Any]] = []
    for pack in packs:
        for c in pack.challenges:
            pairs.append((c.id, c.solution.to_json()))
            pairs.append((c.id, [{"block": "move_forward"}] * 3))  # usually a crash or unfinished
            pairs.append((c.id, [{"block": "fly"}]))  # invalid
    return roots, pairs


def engine_baseline(pairs: list[tuple[str, Any]], roots: list[Path]) -> float:
    """Median time of the engine alone per request body (parse JSON, run, score, dump JSON)."""
    from robolab.server.catalog import Catalog
    from robolab.server.grading import grade

    catalog = Catalog.load(roots)
    bodies = [json.dumps({"challenge": cid, "program": p}).encode() for cid, p in pairs]
    times = []
    for _ in range(5):
        for body in bodies:
            t0 = time.perf_counter()
            data = json.loads(body)
            challenge = catalog.get(data["challenge"])
            assert challenge is not None
            json.dumps(grade(challenge, data["program"], "fr").result)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


class Server:
    def __init__(self, roots: list[Path], data: Path) -> None:
        cmd = [sys.executable, "-m", "robolab", "serve", "--host", "127.0.0.1", "--port", "0"]
        cmd += ["--data", str(data), "--demo", "--lang", "en"]
        for root in roots:
            cmd += ["--pack", str(root)]
        self.process = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )  # fmt: skip
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        deadline = time.monotonic() + 60
        while not any("Ctrl+C" in line for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start:\n" + "".join(self.lines))
            time.sleep(0.05)
        text = "".join(self.lines)
        self.port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", text).group(1))  # type: ignore[union-attr]
        self.code = re.search(r"code (\d{6})", text).group(1)  # type: ignore[union-attr]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def make_teams(data: Path, code: str, count: int) -> list[str]:
    """Team tokens created directly in the database (joining is rate-limited per address)."""
    from robolab.server import pseudonyms, store
    from robolab.server.db import connect

    conn = connect(data / "robolab.sqlite3")
    try:
        session = store.session_by_code(conn, code)
        assert session is not None
        names = [(a.key, c.key) for a in pseudonyms.ANIMALS for c in pseudonyms.COLOURS]
        taken = store.taken_pseudonyms(conn, session.id)
        free = [n for n in names if n not in taken][:count]
        return [store.create_team(conn, session.id, a, c)[1] for a, c in free]
    finally:
        conn.close()


async def burst(port: int, tablets: int, bodies: list[bytes]) -> tuple[list[float], float]:
    conns = [await Connection.open("127.0.0.1", port) for _ in range(tablets)]
    latencies: list[float] = []

    async def one(conn: Connection, body: bytes) -> None:
        t0 = time.perf_counter()
        status, _ = await conn.request("POST", "/api/run", body)
        latencies.append(time.perf_counter() - t0)
        assert status == 200, status

    start = time.perf_counter()
    for round_ in range(BURST_ROUNDS):
        await asyncio.gather(
            *(one(c, bodies[(i + round_) % len(bodies)]) for i, c in enumerate(conns))
        )
    elapsed = time.perf_counter() - start
    for c in conns:
        c.close()
    return latencies, len(latencies) / elapsed


async def steady(
    port: int, tablets: int, bodies: list[bytes], tokens: list[str] | None = None
) -> tuple[list[float], float]:
    conns = [await Connection.open("127.0.0.1", port) for _ in range(tablets)]
    latencies: list[float] = []
    rng = random.Random(tablets)
    stop_at = time.perf_counter() + STEADY_SECONDS
    path = "/api/team/run" if tokens else "/api/run"

    async def tablet(i: int, conn: Connection) -> None:
        auth = f"Authorization: Bearer {tokens[i]}\r\n" if tokens else ""
        await asyncio.sleep(rng.uniform(0, 1.0))
        n = i
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            status, _ = await conn.request("POST", path, bodies[n % len(bodies)], auth)
            latencies.append(time.perf_counter() - t0)
            assert status == 200, status
            n += 1
            await asyncio.sleep(rng.uniform(0.5, 1.5))

    start = time.perf_counter()
    await asyncio.gather(*(tablet(i, c) for i, c in enumerate(conns)))
    elapsed = time.perf_counter() - start
    for c in conns:
        c.close()
    return latencies, len(latencies) / elapsed


def report(name: str, tablets: int, latencies: list[float], rate: float, engine: float) -> None:
    p50, p99 = percentile(latencies, 50) * 1e3, percentile(latencies, 99) * 1e3
    print(
        f"{name:7s} {tablets:4d} tablets  {len(latencies):5d} runs  {rate:7.0f} runs/s  "
        f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  max {max(latencies) * 1e3:6.1f} ms  "
        f"p50/engine {p50 / (engine * 1e3):5.1f}x"
    )


def main(roots: list[Path] | None = None) -> None:
    roots, pairs = workload(roots)
    print(f"{len(pairs) // 3} challenges, {len(pairs)} different requests")
    engine = engine_baseline(pairs, roots)
    print(f"engine alone (baseline, this process): median {engine * 1e3:.3f} ms per request")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        server = Server(roots, data)
        try:
            tokens = make_teams(data, server.code, max(TABLETS))
            bodies_team = [
                json.dumps({"challenge": cid, "program": p}).encode() for cid, p in pairs
            ]
            for tablets in TABLETS:
                latencies, rate = asyncio.run(burst(server.port, tablets, bodies_team))
                report("burst", tablets, latencies, rate, engine)
                latencies, rate = asyncio.run(steady(server.port, tablets, bodies_team))
                report("steady", tablets, latencies, rate, engine)
                team_bodies = _allowed(pairs, bodies_team)
                latencies, rate = asyncio.run(
                    steady(server.port, tablets, team_bodies, tokens[:tablets])
                )
                report("team", tablets, latencies, rate, engine)
        finally:
            server.stop()


def _allowed(pairs: list[tuple[str, Any]], bodies: list[bytes]) -> list[bytes]:
    """Team runs go to the first challenge of the ladder (the others are locked at first)."""
    first = pairs[0][0]
    return [b for (cid, _), b in zip(pairs, bodies, strict=True) if cid == first]


if __name__ == "__main__":
    main()
