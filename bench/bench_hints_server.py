"""Hints through the classroom server: ``POST /api/team/hints`` next to the run it explains.

A real ``robolab serve`` process with the bundled packs (every challenge opened). For the wrong
programs of ``bench_hints`` (every bundled solution with a turn swapped, a loop count changed or
the last block dropped), sent as Blockly workspaces like a tablet does, each team runs the
program (``POST /api/team/run``: the baseline, same process, same connection) and then asks the
three levels of hints. Level 1 computes the analysis; levels 2 and 3 come from the cache.

Then the worst case: programs that loop until the tick budget runs out, whose analysis takes tens
of milliseconds, while another tablet pings ``/healthz``: the pings show whether the event loop
stays free while hints are computed (they are computed in a thread of their own).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_hints import wrong_programs
from bench.bench_server import Connection, Server, make_teams, percentile

ROUNDS = 3
ENDLESS = ("explorers/lagoon", "explorers/any-maze", "explorers/metro", "builders/orchard")


def cases() -> tuple[list[Path], list[tuple[str, Any]]]:
    from robolab.blockly import program_to_workspace
    from robolab.pack import bundled_packs_root, load_packs

    roots = [bundled_packs_root()]
    out = [
        (c.id, program_to_workspace(p))
        for pack in load_packs(roots)
        for c in pack.challenges
        for p in wrong_programs(c)
    ]
    return roots, out


def endless(roots: list[Path]) -> list[tuple[str, Any]]:
    """A loop that never reaches the goal, on the challenges where it is slowest to explain."""
    from robolab.blockly import program_to_workspace
    from robolab.pack import load_packs
    from robolab.program_loader import parse_program

    out = []
    for pack in load_packs(roots):
        for c in pack.challenges:
            if c.id not in ENDLESS:
                continue
            if "repeat_until" in c.blocks and c.sensors:
                loop = {"block": "repeat_until", "cond": {"sensor": "at_goal"}}
                program = [{**loop, "body": [{"block": "turn_left"}]}]
            else:
                inner = {"block": "repeat", "times": 100, "body": [{"block": "turn_left"}]}
                program = [{"block": "repeat", "times": 100, "body": [inner]}]
            out.append((c.id, program_to_workspace(parse_program(program))))
    return out


def open_everything(data: Path) -> None:
    from robolab.server.db import connect

    conn = connect(data / "robolab.sqlite3")
    try:
        conn.execute("UPDATE session_challenges SET access = 'open'")
    finally:
        conn.close()


async def timed(conn: Connection, path: str, body: dict[str, Any], token: str) -> tuple[float, Any]:
    raw = json.dumps(body).encode()
    t0 = time.perf_counter()
    status, answer = await conn.request("POST", path, raw, f"Authorization: Bearer {token}\r\n")
    elapsed = time.perf_counter() - t0
    assert status == 200, (status, answer[:300])
    return elapsed, json.loads(answer)


async def measure(port: int, tokens: list[str], work: list[tuple[str, Any]]) -> dict[str, Any]:
    conn = await Connection.open("127.0.0.1", port)
    runs: list[float] = []
    levels: dict[int, list[float]] = {1: [], 2: [], 3: []}
    ratios: list[float] = []
    for i, (cid, workspace) in enumerate(work * ROUNDS):
        token = tokens[i]  # one team per run: the rate limit (20 a minute per team) never bites
        run_time, result = await timed(
            conn, "/api/team/run", {"challenge": cid, "program": workspace}, token
        )
        runs.append(run_time)
        for level in (1, 2, 3):
            body = {"attempt": result["attempt"], "level": level}
            hint_time, answer = await timed(conn, "/api/team/hints", body, token)
            assert answer["level"] == level
            levels[level].append(hint_time)
        ratios.append(levels[1][-1] / run_time)
    conn.close()
    return {"runs": runs, "levels": levels, "ratios": ratios}


async def worst_case(port: int, tokens: list[str], work: list[tuple[str, Any]]) -> list[str]:
    conn = await Connection.open("127.0.0.1", port)
    pinger = await Connection.open("127.0.0.1", port)
    lines = []
    for (cid, workspace), token in zip(work, tokens, strict=False):
        _, result = await timed(
            conn, "/api/team/run", {"challenge": cid, "program": workspace}, token
        )
        pings: list[float] = []
        done = asyncio.Event()
        task = asyncio.create_task(ping(pinger, done, pings))
        await asyncio.sleep(0.01)
        hint_time, answer = await timed(
            conn, "/api/team/hints", {"attempt": result["attempt"]}, token
        )
        done.set()
        await task
        lines.append(
            f"  {cid:<22} {answer['hint']['kind']:<13} first hint {hint_time * 1000:6.1f} ms, "
            f"run {result['ticks']} ticks; /healthz meanwhile: {len(pings)} answered, "
            f"max {max(pings) * 1000:.1f} ms"
        )
    conn.close()
    pinger.close()
    return lines


async def ping(conn: Connection, done: asyncio.Event, pings: list[float]) -> None:
    """Another tablet: ``GET /healthz`` again and again until ``done``."""
    while not done.is_set():
        t0 = time.perf_counter()
        status, _ = await conn.request("GET", "/healthz")
        assert status == 200
        pings.append(time.perf_counter() - t0)


def ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.2f}"


def main() -> None:
    roots, work = cases()
    slow = endless(roots)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        server = Server(roots, data)
        try:
            open_everything(data)
            tokens = make_teams(data, server.code, len(work) * ROUNDS + len(slow))
            found = asyncio.run(measure(server.port, tokens, work))
            worst = asyncio.run(worst_case(server.port, tokens[len(work) * ROUNDS :], slow))
        finally:
            server.stop()
    runs, levels = found["runs"], found["levels"]
    print(
        f"{len(work)} wrong programs (workspaces) of the bundled packs, {ROUNDS} rounds, one server"
    )
    print(f"POST /api/team/run      p50 {ms(runs, 50)} ms, p95 {ms(runs, 95)} ms (baseline)")
    for level in (1, 2, 3):
        times = levels[level]
        note = "analysis" if level == 1 else "cached analysis"
        print(
            f"POST /api/team/hints {level}  p50 {ms(times, 50)} ms, p95 {ms(times, 95)} ms, "
            f"max {max(times) * 1000:.2f} ms ({note})"
        )
    ratios = found["ratios"]
    print(
        f"first hint / its run: median {statistics.median(ratios):.2f}x, "
        f"p95 {percentile(ratios, 95):.2f}x"
    )
    print("worst case (a loop until the tick budget), with a tablet pinging /healthz meanwhile:")
    for line in worst:
        print(line)


if __name__ == "__main__":
    main()
