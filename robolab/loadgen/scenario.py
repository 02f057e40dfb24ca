"""A whole classroom against a real ``robolab serve``: set-up, load, faults, checks, report.

:func:`run_load` starts the robots (:mod:`robolab.loadgen.rack`) and the server
(:mod:`robolab.loadgen.server`), creates a session as the facilitator, lets every tablet join,
opens every socket, gives each robot to a team, then lets everyone work for a while, measuring.
Faults can be planned: the server killed (SIGKILL) and started again, every robot's cable cut
and mended. At the end it checks what survived: every acknowledged attempt is in the session's
export, every tablet and dashboard is connected again, the server logged no error.
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from firmware_bridge.faults import Faults
from robolab.loadgen.actors import Dashboard, Room, Tablet, Workload
from robolab.loadgen.facilitator import Facilitator
from robolab.loadgen.metrics import Metrics
from robolab.loadgen.rack import RobotRack
from robolab.loadgen.server import HOST, ProcStats, ServerProcess
from robolab.pack import bundled_packs_root, load_packs
from robolab.runner import run
from robolab.server import pseudonyms

MAX_TABLETS = len(pseudonyms.ANIMALS) * len(pseudonyms.COLOURS)
MAX_SECONDS = 600.0
JOIN_WAVE = 50


@dataclass(frozen=True)
class LoadConfig:
    """What to play. Times are seconds; rates are per tablet.

    Attributes:
        tablets: simulated tablets (teams), at most one session's pseudonyms.
        dashboards: facilitator dashboards.
        robots: virtual robots, each given to one team that sends it programs again and again.
        seconds: how long the measured part lasts (after ``warmup``).
        warmup: seconds of load before measuring.
        run_every: mean time between two runs of a tablet.
        save_every: mean time between two autosaves of a tablet.
        message_every: the facilitator sends a message to the room this often (0: never).
        move_ms: how long a robot takes per cell.
        kill_at: SIGKILL the server this long into the measured part, then start it again.
        down_for: how long the server stays down after the kill.
        cut_at: cut every robot's cable this long into the measured part...
        cut_for: ...and mend them this much later.
        robot_faults: what goes wrong on the robots' cables all along (duplicates, delays...).
        packs: pack folders for the server (default: the bundled packs).
        data: the server's data folder (default: a temporary one, removed at the end).
        seed: makes every random choice repeatable.
    """

    tablets: int = 200
    dashboards: int = 2
    robots: int = 6
    seconds: float = 30.0
    warmup: float = 3.0
    run_every: float = 4.0
    save_every: float = 2.0
    message_every: float = 10.0
    move_ms: int = 60
    kill_at: float | None = None
    down_for: float = 1.0
    cut_at: float | None = None
    cut_for: float = 2.0
    robot_faults: Faults | None = None
    packs: Sequence[Path] = ()
    data: Path | None = None
    seed: int = 1

    def check(self) -> None:
        """Raises ValueError when the plan cannot be played (bounded in size and time)."""
        if not 1 <= self.tablets <= MAX_TABLETS:
            raise ValueError(f"tablets: 1 to {MAX_TABLETS}")
        if not 0 <= self.robots <= self.tablets:
            raise ValueError("robots: 0 to the number of tablets")
        if not 0 <= self.dashboards <= 20:
            raise ValueError("dashboards: 0 to 20")
        if not 0 < self.seconds <= MAX_SECONDS or not 0 <= self.warmup <= 60:
            raise ValueError(f"seconds: up to {MAX_SECONDS:.0f}; warmup: up to 60")
        if min(self.run_every, self.save_every) <= 0 or self.message_every < 0:
            raise ValueError("run_every and save_every must be positive")
        for at in (self.kill_at, self.cut_at):
            if at is not None and not 0 <= at < self.seconds:
                raise ValueError("faults happen during the measured part")


@dataclass
class LoadReport:
    """What a load test measured and checked (see :mod:`robolab.loadgen.report`)."""

    config: LoadConfig
    metrics: Metrics
    wall_seconds: float = 0.0
    cpu_server: float | None = None
    cpu_loadgen: float = 0.0
    rss_idle_kib: int | None = None
    rss_loaded_kib: int | None = None
    rss_end_kib: int | None = None
    connections: int = 0
    acknowledged: int = 0
    lost_attempts: list[int] = field(default_factory=list)
    not_reconnected: list[str] = field(default_factory=list)
    kills: int = 0
    robot_stops_ms: list[float] = field(default_factory=list)
    server_problems: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return (
            sum(self.metrics.errors.values())
            + len(self.lost_attempts)
            + len(self.not_reconnected)
            + len(self.server_problems)
        )


def workload(packs: Sequence[Path]) -> tuple[list[Path], Workload]:
    """The packs to serve and, per challenge, what the tablets send: the reference solution, a
    program that usually crashes, an invalid one."""
    roots = list(packs) or [bundled_packs_root()]
    challenges = [c for p in load_packs(roots) for c in p.challenges]
    if not challenges:
        raise ValueError("no challenge in " + ", ".join(map(str, roots)))
    programs: dict[str, list[Any]] = {}
    for c in challenges:
        programs[c.id] = [
            c.solution.to_json(),
            [{"block": "move_forward"}] * 3,
            [{"block": "fly"}],
        ]
    # The robots drive a short but real run: the solution closest to 8 steps.
    robot = min(challenges, key=lambda c: (abs(run(c, c.solution).steps - 8), c.id))
    return roots, Workload(programs, robot.id, robot.solution.to_json())


def _pseudonym(index: int) -> tuple[str, str]:
    animals, colours = pseudonyms.ANIMALS, pseudonyms.COLOURS
    return animals[index % len(animals)].key, colours[(index // len(animals)) % len(colours)].key


async def run_load(config: LoadConfig) -> LoadReport:
    """Plays ``config`` against a real server and returns what was measured and checked."""
    config.check()
    roots, work = workload(config.packs)
    rack = RobotRack(config.robots, move_ms=config.move_ms, faults=config.robot_faults)
    with contextlib.ExitStack() as stack:
        data = config.data
        if data is None:
            data = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="robolab-load-")))
        urls = await asyncio.to_thread(rack.start) if config.robots else []
        server = ServerProcess(data, roots, urls)
        try:
            await server.start()
            return await _play(config, server, rack, work)
        finally:
            await server.stop()
            await asyncio.to_thread(rack.close)
    raise AssertionError("unreachable")  # pragma: no cover - ExitStack never swallows


async def _play(
    config: LoadConfig, server: ServerProcess, rack: RobotRack, work: Workload
) -> LoadReport:
    metrics = Metrics()
    report = LoadReport(config, metrics)
    fac = Facilitator(HOST, server.port, server.token, metrics)
    session_id, code = await fac.create_session("Load test", list(work.programs))
    room = Room(HOST, server.port, code, session_id, server.token, metrics, work)
    idle = server.stats()
    tablets = [
        Tablet(room, i, robot=i < config.robots, seed=config.seed * 100_003 + i)
        for i in range(config.tablets)
    ]
    for start in range(0, len(tablets), JOIN_WAVE):  # a room arrives in waves, not all at once
        wave = tablets[start : start + JOIN_WAVE]
        await asyncio.gather(*(t.join(*_pseudonym(t.index)) for t in wave))
    tablets = [t for t in tablets if t.token]
    ids = await fac.team_ids(session_id)
    for tablet in tablets:
        tablet.team_id = ids[tablet.pseudonym]
    dashboards = [Dashboard(room, i, config.seed + i) for i in range(config.dashboards)]
    sockets = [t.socket for t in tablets] + list(dashboards)
    tasks = [asyncio.create_task(s.run()) for s in sockets]
    await _all_open(sockets, 30.0)
    loaded = server.stats()
    report.connections = len(tablets) * 2 + len(dashboards)
    robot_teams = [t for t in tablets if t.robot]
    await _give_robots(fac, session_id, robot_teams)
    tasks += [asyncio.create_task(t.work(config.run_every, config.save_every)) for t in tablets]
    tasks.append(asyncio.create_task(fac.approve_forever(session_id, room.stop, 0.25)))
    if config.message_every:
        tasks.append(asyncio.create_task(_messages(fac, room, config.message_every)))
    tasks.append(asyncio.create_task(_loop_lag(room)))
    await _sleep(room, config.warmup)
    metrics.reset()
    before, cpu_self, started = server.stats(), _own_cpu(), time.perf_counter()
    faults = asyncio.create_task(_faults(config, server, rack, fac, room, robot_teams, report))
    await _sleep(room, config.seconds)
    after = server.stats()
    report.wall_seconds = time.perf_counter() - started
    report.cpu_loadgen = (_own_cpu() - cpu_self) / report.wall_seconds
    await faults
    if report.kills:  # everyone must be back by themselves
        await _all_open(sockets, 20.0)
        report.not_reconnected = [
            f"{s.kind} {i}" for i, s in enumerate(sockets) if s.opened < report.kills + 1
        ]
    room.stop.set()
    await asyncio.wait(tasks, timeout=15.0)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    _measure(report, idle, loaded, before, after)
    report.rss_end_kib = _rss(server.stats())
    await _check_attempts(report, fac, session_id, tablets)
    report.server_problems = server.problems()
    for tablet in tablets:
        tablet.close()
    fac.close()
    return report


async def _sleep(room: Room, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(room.stop.wait(), seconds)


async def _all_open(sockets: Sequence[Any], timeout: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(s.is_open.wait() for s in sockets)), timeout)


async def _loop_lag(room: Room, every: float = 0.01) -> None:
    """How late this process's own event loop wakes up (its measurements are this much off)."""
    while not room.stop.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(every)
        room.metrics.add("loadgen.lag", max(0.0, time.perf_counter() - asked - every))


async def _give_robots(fac: Facilitator, session_id: int, teams: list[Tablet]) -> None:
    if not teams:
        return
    robots = await fac.ready_robots(len(teams))
    for robot_id, tablet in zip(robots, teams, strict=False):
        await fac.assign(robot_id, session_id, tablet.team_id)


async def _messages(fac: Facilitator, room: Room, every: float) -> None:
    n = 0
    while not room.stop.is_set():
        await _sleep(room, every)
        if room.stop.is_set():
            return
        n += 1
        text = f"Message {n}: regardez le tableau !"
        room.message_sent[text] = time.perf_counter()
        await fac.message(room.session_id, text)


async def _faults(
    config: LoadConfig,
    server: ServerProcess,
    rack: RobotRack,
    fac: Facilitator,
    room: Room,
    robot_teams: list[Tablet],
    report: LoadReport,
) -> None:
    """Plays the planned faults, in time order."""
    plan: list[tuple[float, str]] = []
    if config.kill_at is not None:
        plan.append((config.kill_at, "kill"))
    if config.cut_at is not None:
        plan.append((config.cut_at, "cut"))
    begun = time.perf_counter()
    for at, what in sorted(plan):
        await asyncio.sleep(max(0.0, begun + at - time.perf_counter()))
        if what == "kill":
            await _kill_and_restart(config, server, fac, room, robot_teams)
            report.kills += 1
        else:
            report.robot_stops_ms += await _cut_and_mend(config, rack)
            room.robots_mended = True


async def _kill_and_restart(
    config: LoadConfig, server: ServerProcess, fac: Facilitator, room: Room, teams: list[Tablet]
) -> None:
    metrics = room.metrics
    metrics.outage_begins(time.perf_counter())
    await server.kill()
    await asyncio.sleep(config.down_for)
    await server.start()
    metrics.outage_ends(time.perf_counter())
    # The server remembers who has which robot; giving them again is harmless and keeps the
    # room playing even if a robot came back under another identity.
    await _give_robots(fac, room.session_id, teams)


async def _cut_and_mend(config: LoadConfig, rack: RobotRack) -> list[float]:
    """Cuts every robot's cable, mends them ``cut_for`` later; returns how long each moving robot
    took to stop its motors (ms)."""
    stops = await asyncio.to_thread(rack.cut)
    await asyncio.sleep(config.cut_for)
    await asyncio.to_thread(rack.mend)
    return stops


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss(stats: ProcStats | None) -> int | None:
    return stats.rss_kib if stats is not None else None


def _measure(
    report: LoadReport,
    idle: ProcStats | None,
    loaded: ProcStats | None,
    before: ProcStats | None,
    after: ProcStats | None,
) -> None:
    report.rss_idle_kib, report.rss_loaded_kib = _rss(idle), _rss(loaded)
    if before is not None and after is not None and not report.kills:
        report.cpu_server = (after.cpu_seconds - before.cpu_seconds) / report.wall_seconds


async def _check_attempts(
    report: LoadReport, fac: Facilitator, session_id: int, tablets: list[Tablet]
) -> None:
    """Every attempt a tablet got an answer for must be in the session's export."""
    acked = {a for t in tablets for a in t.acked}
    report.acknowledged = len(acked)
    exported = await fac.export(session_id)
    stored = {int(a["id"]) for a in exported["attempts"]}
    report.lost_attempts = sorted(acked - stored)
