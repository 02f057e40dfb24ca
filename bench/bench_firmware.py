"""Robot link: round trip of one command, and 50 cable cuts that must stop the motors in time.

* Round trip of one command (``HB`` -> ``DONE``) through the whole host stack (link, codec,
  transport) to the virtual robot over a pseudo-terminal and to the real AVR firmware in simavr
  (115200 Bd), with the in-process virtual transport measured alongside as the baseline.
* The unplug test: 50 times, a streamed program runs and the link is cut at a random moment
  mid-program (the virtual robot's cable is cut; the simavr robot's host closes the port without a
  word). Reported: the worst time from the cut, and from the last valid frame the robot got, to
  its motors being stopped. Protocol 1 requires <= 500 ms every time.

``ROBOLAB_BENCH_CYCLES`` changes the number of cuts (default 50).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from firmware_bridge.errors import BridgeError
from firmware_bridge.link import LinkTiming
from firmware_bridge.protocol import Verb
from firmware_bridge.runs import run_on_robot
from firmware_bridge.session import RobotSession
from firmware_bridge.simavr import SimavrRobot, build_firmware, missing_tools
from firmware_bridge.transports.serial_port import SerialTransport
from firmware_bridge.transports.virtual import VirtualTransport
from firmware_bridge.virtual_robot import VirtualRobot
from firmware_bridge.virtual_server import PtyServer
from robolab.board import Board
from robolab.grid import parse_map
from robolab.program_loader import parse_program
from robolab.vocabulary import Goal, Heading

LIMIT_MS = 500.0
CORRIDOR = Board(parse_map("#S" + "." * 40 + "G#"), Heading.EAST)
LONG_DRIVE = parse_program([{"block": "repeat", "times": 40, "body": [{"block": "move_forward"}]}])
REACH = frozenset({Goal.REACH})
TIMING = LinkTiming(retry_after=0.1)
ROUND_TRIPS = 300


def cycles() -> int:
    return int(os.environ.get("ROBOLAB_BENCH_CYCLES", "50"))


async def round_trips(session: RobotSession, count: int) -> list[float]:
    out = []
    for _ in range(count):
        start = time.perf_counter()
        await session.link.request(Verb.HB)
        out.append((time.perf_counter() - start) * 1000)
    return out


def describe(name: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    return (
        f"{name:<28} median {statistics.median(times):7.3f} ms   p95 {p95:7.3f} ms   n={len(times)}"
    )


async def bench_round_trips() -> None:
    robot = VirtualRobot("Bench-RTT", move_ms=5)
    server = PtyServer(robot, boot_delay=0.02)
    path = await server.start()
    over_pty = await RobotSession.connect(path, timing=TIMING)
    in_process = await RobotSession.connect(
        VirtualTransport(VirtualRobot("Bench-Mem", move_ms=5)), timing=TIMING
    )
    pty_times: list[float] = []
    mem_times: list[float] = []
    for _ in range(ROUND_TRIPS // 50):  # interleaved, so machine noise hits both alike
        pty_times += await round_trips(over_pty, 50)
        mem_times += await round_trips(in_process, 50)
    print(describe("virtual robot, in-process", mem_times))
    print(describe("virtual robot, pty", pty_times))
    ratio = statistics.median(pty_times) / statistics.median(mem_times)
    print(f"{'':<28} pty / in-process = {ratio:.1f}x")
    await over_pty.close()
    await in_process.close()
    await server.aclose()
    await robot.aclose()


async def bench_simavr_round_trip(avr: SimavrRobot) -> None:
    session = await RobotSession.connect(avr.path, timing=TIMING)
    times = await round_trips(session, ROUND_TRIPS // 3)
    print(describe("AVR firmware in simavr, pty", times))
    wire_ms = (len(b"123 HB*00\n") + len(b"123 DONE st=off*00\n")) * 10 / 115.2
    print(f"{'':<28} of which 115200 Bd wire time {wire_ms:.2f} ms")
    await session.close()


class Stamped(SerialTransport):
    """Remembers when the host last wrote a frame."""

    last_write = 0.0

    async def write(self, data: bytes) -> None:
        await super().write(data)
        self.last_write = time.monotonic()


async def cut_cycle(
    session: RobotSession,
    cut: Callable[[], float],
    stopped: Callable[[], Any],
    rng: random.Random,
) -> tuple[float, float]:
    """Runs a long program, cuts mid-run; returns (ms from cut, ms from last frame) to stopped."""
    run = asyncio.ensure_future(run_on_robot(session, LONG_DRIVE, CORRIDOR, REACH))
    await asyncio.sleep(rng.uniform(0.05, 0.5))
    if run.done():
        raise RuntimeError(f"the program ended before the cut: {run.result()}")
    cut_at = cut()
    stop_at, last_frame = await stopped()
    await session.link.close(stop=False)  # the run now ends with LinkLost at once
    with contextlib.suppress(BridgeError, TimeoutError):
        await asyncio.wait_for(run, 2.0)
    return (stop_at - cut_at) * 1000, (stop_at - last_frame) * 1000


async def unplug_virtual(count: int, rng: random.Random) -> list[tuple[float, float]]:
    robot = VirtualRobot("Bench-Cut", move_ms=2000, reset_on_connect=False)  # 2 s steps
    results = []
    for _ in range(count):
        robot.mend()
        session = await RobotSession.connect(VirtualTransport(robot), timing=TIMING)

        def cut() -> float:
            robot.cut()
            assert robot.cable.cut_time is not None
            return robot.cable.cut_time

        async def stopped() -> tuple[float, float]:
            at = await robot.wait_motors_stopped(2.0)
            return at, robot.core.last_rx / 1000

        results.append(await cut_cycle(session, cut, stopped, rng))
    await robot.aclose()
    return results


async def unplug_simavr(
    avr: SimavrRobot, count: int, rng: random.Random
) -> list[tuple[float, float]]:
    results = []
    setup = await RobotSession.connect(avr.path, timing=TIMING)
    await setup.calibrate(speed=75)  # 2 s per cell: the watchdog, not the step's end, stops it
    await setup.close()
    for _ in range(count):
        transport = Stamped(avr.path)
        session = await RobotSession.connect(transport, timing=TIMING)
        results.append(await cut_cycle(session, *_host_vanishes(avr, transport, session), rng))
    return results


def _host_vanishes(
    avr: SimavrRobot, transport: Stamped, session: RobotSession
) -> tuple[Callable[[], float], Callable[[], Any]]:
    def cut() -> float:
        at = time.monotonic()
        transport._running = False  # the host vanishes: no STOP, no heartbeat, not one byte
        session.link.stop_heartbeat()
        return at

    async def stopped() -> tuple[float, float]:
        at = await avr.wait_motors_async(False, 2.0)
        return at, transport.last_write

    return cut, stopped


def report(name: str, results: list[tuple[float, float]]) -> None:
    from_cut = [r[0] for r in results]
    from_frame = [r[1] for r in results]
    verdict = "OK" if max(from_frame) <= LIMIT_MS and max(from_cut) <= LIMIT_MS else "FAIL"
    print(
        f"{name:<28} {len(results)} cuts: cut -> motors stopped max {max(from_cut):6.1f} ms"
        f" (median {statistics.median(from_cut):6.1f});"
        f" last frame -> stopped max {max(from_frame):6.1f} ms  [{verdict}, limit {LIMIT_MS:.0f} ms]"
    )


async def run_all() -> None:
    rng = random.Random(6)
    await bench_round_trips()
    avr: SimavrRobot | None = None
    if missing_tools():
        print(f"simavr: skipped (missing {', '.join(missing_tools())})")
    else:
        avr = SimavrRobot(build_firmware())
        avr.start()
    try:
        if avr is not None:
            await bench_simavr_round_trip(avr)
        report("unplug, virtual robot", await unplug_virtual(cycles(), rng))
        if avr is not None:
            report("unplug, AVR firmware simavr", await unplug_simavr(avr, cycles(), rng))
    finally:
        if avr is not None:
            avr.stop()


def main() -> None:
    asyncio.run(run_all())
