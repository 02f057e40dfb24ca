"""The classroom's robots as one asyncio object, for the classroom server's fleet panel.

A :class:`Fleet` finds robots (:meth:`Fleet.scan`), connects them (:meth:`Fleet.connect`), names,
identifies, calibrates and assigns them to teams, runs a team's program on its robot with live
progress (block ids, for highlighting on the tablet and the dashboard), and stops every robot at
once (:meth:`Fleet.stop_all`). Everything it knows is JSON-ready (:meth:`Fleet.snapshot`), and
every change is published to subscribers (:meth:`Fleet.subscribe`) as a JSON-ready dict:

* ``{"type": "robot", "robot": {...}}`` — a robot appeared or changed (link, battery, name, team);
* ``{"type": "progress", "robot": id, ...}`` — :meth:`firmware_bridge.runs.Progress.to_json`;
* ``{"type": "run", "robot": id, "status": ..., "message": {...}, "result": {...}}`` — a run ended.

A robot lost mid-run stops by itself (its watchdog) and the run ends with status ``lost`` and a
message for the team in both languages; the fleet keeps trying to reconnect it in the background
(fresh scan, back-off), and nothing of the team's program is lost: the caller still has it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from firmware_bridge.discovery import ScanReport, scan
from firmware_bridge.errors import BridgeError, LinkLost, RobotRefused
from firmware_bridge.link import ConnectionState, LinkTiming
from firmware_bridge.protocol import Capability, ErrorCode
from firmware_bridge.reconnect import Backoff, reconnect
from firmware_bridge.runs import ProgramSource, Progress, RobotReport, RunMode, run_challenge
from firmware_bridge.session import Battery, Calibration, RobotSession
from firmware_bridge.transports import Transport, open_transport
from robolab.challenge import Challenge
from robolab.i18n import LANGS
from robolab.messages import translate
from robolab.runner import run as simulate

log = logging.getLogger(__name__)

FleetEvent = dict[str, Any]


class RunStatus(StrEnum):
    """How a run on a robot ended."""

    FINISHED = "finished"
    """The program ran to its end on the robot (solved or not: see the result)."""
    INVALID = "invalid"
    """The program cannot run (the robot did not move)."""
    STOPPED = "stopped"
    """Someone pressed stop (or pause-all)."""
    LOST = "lost"
    """The link dropped mid-run; the robot's watchdog stopped it."""
    FAILED = "failed"
    """The robot refused or the link was not ready."""


@dataclass
class FleetRobot:
    """One robot of the fleet, as the facilitator's panel shows it."""

    id: str
    url: str
    name: str = ""
    kind: str = ""
    firmware: str = ""
    caps: tuple[str, ...] = ()
    link: ConnectionState = ConnectionState.DISCONNECTED
    battery: Battery | None = None
    calibration: Calibration | None = None
    team: str | None = None
    running: bool = False
    last_block: int | None = None
    session: RobotSession | None = field(default=None, repr=False)
    _run_task: asyncio.Task[RunOutcome] | None = field(default=None, repr=False)
    _stop_requested: bool = field(default=False, repr=False)
    _watch: asyncio.Task[None] | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "name": self.name,
            "kind": self.kind,
            "firmware": self.firmware,
            "caps": list(self.caps),
            "link": self.link.value,
            "battery": None
            if self.battery is None
            else {"mv": self.battery.millivolts, "percent": self.battery.percent},
            "calibration": None if self.calibration is None else self.calibration.to_json(),
            "team": self.team,
            "running": self.running,
            "rtt_ms": _rtt_ms(self.session),
        }


@dataclass(frozen=True)
class RunOutcome:
    """How a run ended, with the scored result when the robot finished it."""

    robot: str
    status: RunStatus
    message: dict[str, str]
    report: RobotReport | None = None
    last_block: int | None = None

    def to_json(self) -> FleetEvent:
        return {
            "type": "run",
            "robot": self.robot,
            "status": self.status.value,
            "message": self.message,
            "last_block": self.last_block,
            "result": None if self.report is None else self.report.to_json(trace=True),
        }


_WATCHDOG_CODES = frozenset({ErrorCode.DISARMED, ErrorCode.STOPPED})
"""Refusals that mean the robot's watchdog stopped it when the host did not ask it to."""


def _both(key: str, **params: Any) -> dict[str, str]:
    return {lang: translate(key, lang, **params) for lang in LANGS}


def _rtt_ms(session: RobotSession | None) -> float | None:
    if session is None or session.link.stats.rtt is None:
        return None
    return round(session.link.stats.rtt * 1000, 1)


class Fleet:
    """All the robots of a classroom. Use it from one event loop; close it with :meth:`close`.

    Args:
        timing: link timeouts for every robot.
        reconnect: reconnect lost robots in the background (fresh scan, back-off).
        transport_for: builds the transport for a URL (tests and BLE backends plug in here).
        ble_client_backend / ble_scanner_backend: bleak backends for :meth:`scan`.
    """

    def __init__(
        self,
        *,
        timing: LinkTiming | None = None,
        reconnect: bool = True,
        backoff: Backoff | None = None,
        transport_for: Callable[[str], Transport] = open_transport,
        ble_client_backend: Any = None,
        ble_scanner_backend: Any = None,
    ) -> None:
        self.timing = timing
        self.reconnect_lost = reconnect
        self.backoff = backoff or Backoff()
        self.transport_for = transport_for
        self.ble_client_backend = ble_client_backend
        self.ble_scanner_backend = ble_scanner_backend
        self.robots: dict[str, FleetRobot] = {}
        self._ids = itertools.count(1)
        self._subscribers: list[asyncio.Queue[FleetEvent]] = []
        self._listeners: list[Callable[[FleetEvent], None]] = []
        self._closed = False

    # -- events ------------------------------------------------------------------------------

    def subscribe(self) -> asyncio.Queue[FleetEvent]:
        """A queue that receives every event from now on (``unsubscribe`` it when done)."""
        queue: asyncio.Queue[FleetEvent] = asyncio.Queue()
        self._subscribers.append(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[FleetEvent]) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(queue)

    def on_event(self, listener: Callable[[FleetEvent], None]) -> None:
        """Calls ``listener(event)`` synchronously for every event."""
        self._listeners.append(listener)

    def _publish(self, event: FleetEvent) -> None:
        for queue in list(self._subscribers):
            queue.put_nowait(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("fleet listener failed")

    def _changed(self, robot: FleetRobot) -> None:
        self._publish({"type": "robot", "robot": robot.to_json()})

    # -- robots ------------------------------------------------------------------------------

    def snapshot(self) -> list[dict[str, Any]]:
        """Every robot, JSON-ready, in the order they joined."""
        return [r.to_json() for r in self.robots.values()]

    def get(self, robot_id: str) -> FleetRobot:
        """The robot ``robot_id``; raises ``KeyError`` naming it when unknown."""
        try:
            return self.robots[robot_id]
        except KeyError:
            raise KeyError(f"no robot {robot_id!r} in the fleet") from None

    def robot_of(self, team: str) -> FleetRobot | None:
        return next((r for r in self.robots.values() if r.team == team), None)

    async def scan(
        self, timeout: float = 4.0, *, urls: tuple[str, ...] = (), **options: Any
    ) -> ScanReport:
        """Robots that answer on serial ports, Bluetooth LE and ``urls`` (not connected)."""
        return await scan(
            timeout=timeout,
            urls=urls,
            ble_client_backend=self.ble_client_backend,
            ble_scanner_backend=self.ble_scanner_backend,
            timing=self.timing,
            **options,
        )

    async def connect(self, url: str) -> FleetRobot:
        """Connects the robot at ``url`` (or reconnects it if the fleet knows it already).

        Raises:
            BridgeError: it cannot be reached (port, Bluetooth, no hello...).
        """
        robot = next((r for r in self.robots.values() if r.url == url), None)
        if robot is None:
            robot = FleetRobot(id=f"r{next(self._ids)}", url=url)
            self.robots[robot.id] = robot
        if robot.session is not None and robot.session.link.is_ready:
            return robot
        robot.link = ConnectionState.CONNECTING
        self._changed(robot)
        try:
            session = await RobotSession.connect(self.transport_for(url), timing=self.timing)
        except BridgeError:
            robot.link = ConnectionState.LOST
            self._changed(robot)
            raise
        await self._adopt(robot, session)
        return robot

    async def _adopt(self, robot: FleetRobot, session: RobotSession) -> None:
        hello = session.hello
        robot.session = session
        robot.url = session.link.transport.url
        robot.name, robot.kind, robot.firmware = hello.name, hello.kind, hello.firmware
        robot.caps = tuple(sorted(hello.caps))
        robot.link = session.state
        session.link.on_state(lambda state: self._link_changed(robot, session, state))
        with contextlib.suppress(BridgeError):
            robot.calibration = await session.calibration()
            if session.has(Capability.BATTERY):
                robot.battery = await session.battery()
        self._changed(robot)

    def _link_changed(
        self, robot: FleetRobot, session: RobotSession, state: ConnectionState
    ) -> None:
        if robot.session is not session:
            return
        robot.link = state
        self._changed(robot)
        lost = state is ConnectionState.LOST and self.reconnect_lost and not self._closed
        if lost and (robot._watch is None or robot._watch.done()):
            robot._watch = asyncio.get_running_loop().create_task(self._reconnect(robot))

    async def _reconnect(self, robot: FleetRobot) -> None:
        while robot._run_task is not None and not robot._run_task.done():
            await asyncio.sleep(0.05)  # let the run report the loss first
        robot.link = ConnectionState.CONNECTING
        self._changed(robot)
        try:
            session = await reconnect(
                robot.url,
                name=robot.name or None,
                backoff=self.backoff,
                timing=self.timing,
                transport_for=self.transport_for,
                busy=lambda: {
                    other.url
                    for other in self.robots.values()
                    if other is not robot and other.session is not None
                },
            )
        except asyncio.CancelledError:
            raise
        except BridgeError:
            robot.link = ConnectionState.LOST
            self._changed(robot)
            return
        await self._adopt(robot, session)

    async def disconnect(self, robot_id: str) -> None:
        robot = self.get(robot_id)
        if robot._watch is not None:
            robot._watch.cancel()
        session, robot.session = robot.session, None
        if session is not None:
            await session.close()
        robot.link = ConnectionState.CLOSED
        self._changed(robot)

    def _session(self, robot: FleetRobot) -> RobotSession:
        if robot.session is None or not robot.session.link.is_ready:
            raise LinkLost(robot.link.value, robot=robot.name or robot.url)
        return robot.session

    async def rename(self, robot_id: str, name: str) -> FleetRobot:
        """Renames the robot (stored on robots that can, else only in the fleet)."""
        robot = self.get(robot_id)
        session = self._session(robot)
        robot.name = await session.rename(name) if session.has(Capability.NAME) else name
        self._changed(robot)
        return robot

    async def identify(self, robot_id: str) -> None:
        """Blinks and beeps the robot so the facilitator can find it."""
        await self._session(self.get(robot_id)).identify()

    async def refresh(self, robot_id: str) -> FleetRobot:
        """Reads the battery again and checks the link with a heartbeat."""
        robot = self.get(robot_id)
        session = self._session(robot)
        await session.heartbeat()
        if session.has(Capability.BATTERY):
            robot.battery = await session.battery()
        self._changed(robot)
        return robot

    async def calibrate(self, robot_id: str, **values: int) -> Calibration:
        """Sets (and, without values, reads) the robot's calibration."""
        robot = self.get(robot_id)
        session = self._session(robot)
        robot.calibration = await (session.calibrate(**values) if values else session.calibration())
        self._changed(robot)
        return robot.calibration

    def assign(self, robot_id: str, team: str | None) -> FleetRobot:
        """Gives the robot to ``team`` (``None`` frees it); a team has at most one robot."""
        robot = self.get(robot_id)
        if team is not None:
            for other in self.robots.values():
                if other.team == team and other is not robot:
                    other.team = None
                    self._changed(other)
        robot.team = team
        self._changed(robot)
        return robot

    # -- runs --------------------------------------------------------------------------------

    async def run(
        self,
        robot_id: str,
        challenge: Challenge,
        program: ProgramSource,
        *,
        mode: RunMode = RunMode.STREAMED,
    ) -> RunOutcome:
        """Runs ``program`` on the robot; progress events are published as it goes.

        Never raises for robot problems: the outcome says what happened, in both languages.
        """
        robot = self.get(robot_id)
        if robot.running:
            return RunOutcome(robot.id, RunStatus.FAILED, _both("robot.busy", robot=robot.name))
        robot.running, robot._stop_requested, robot.last_block = True, False, None
        self._changed(robot)
        task = asyncio.get_running_loop().create_task(self._run(robot, challenge, program, mode))
        robot._run_task = task
        try:
            return await asyncio.shield(task)
        finally:
            robot._run_task = None

    async def _run(
        self, robot: FleetRobot, challenge: Challenge, program: ProgramSource, mode: RunMode
    ) -> RunOutcome:
        def progress(event: Progress) -> None:
            robot.last_block = event.number
            self._publish({**event.to_json(), "robot": robot.id})

        name = robot.name or robot.url
        try:
            session = self._session(robot)
            report = await run_challenge(
                session, challenge, program, mode=mode, on_progress=progress
            )
        except LinkLost:
            return self._finish(robot, self._lost(robot, name))
        except RobotRefused as err:
            if err.code in _WATCHDOG_CODES and not robot._stop_requested:
                # Nobody asked it to stop: its own watchdog did, because no frame reached it for
                # a while (a link cut shorter than the host's silence limit). Lost, not failed.
                return self._finish(robot, self._lost(robot, name))
            if err.code == ErrorCode.STOPPED or robot._stop_requested:
                return self._finish(
                    robot,
                    RunOutcome(
                        robot.id,
                        RunStatus.STOPPED,
                        _both("robot.run_stopped", robot=name),
                        last_block=robot.last_block,
                    ),
                )
            return self._finish(
                robot,
                RunOutcome(
                    robot.id,
                    RunStatus.FAILED,
                    {lang: err.message(lang) for lang in LANGS},
                    last_block=robot.last_block,
                ),
            )
        except BridgeError as err:
            return self._finish(
                robot,
                RunOutcome(
                    robot.id,
                    RunStatus.FAILED,
                    {lang: err.message(lang) for lang in LANGS},
                    last_block=robot.last_block,
                ),
            )
        if report.result.error is not None:
            why = {lang: simulate(challenge, program, lang=lang).message for lang in LANGS}
            status, message = RunStatus.INVALID, _both("robot.run_invalid", robot=name, why=why)
        else:
            status, message = RunStatus.FINISHED, _both("robot.run_finished", robot=name)
        return self._finish(robot, RunOutcome(robot.id, status, message, report, robot.last_block))

    @staticmethod
    def _lost(robot: FleetRobot, name: str) -> RunOutcome:
        block = robot.last_block or 0
        return RunOutcome(
            robot.id,
            RunStatus.LOST,
            _both("robot.lost_mid_run", robot=name, block=block),
            last_block=robot.last_block,
        )

    def _finish(self, robot: FleetRobot, outcome: RunOutcome) -> RunOutcome:
        robot.running = False
        self._changed(robot)
        self._publish(outcome.to_json())
        return outcome

    async def stop(self, robot_id: str) -> None:
        """Stops one robot now (its run ends with status ``stopped``)."""
        robot = self.get(robot_id)
        robot._stop_requested = True
        session = robot.session
        if session is not None and session.link.is_ready:
            with contextlib.suppress(BridgeError):
                await session.stop()

    async def stop_all(self) -> None:
        """Pause-all: every connected robot stops now (runs end with status ``stopped``)."""
        await asyncio.gather(*(self.stop(r.id) for r in self.robots.values()))

    async def close(self) -> None:
        """Stops every robot and closes every link."""
        self._closed = True
        for robot in self.robots.values():
            if robot._watch is not None:
                robot._watch.cancel()
        await self.stop_all()
        for robot in self.robots.values():
            if robot._run_task is not None:
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.wait_for(asyncio.shield(robot._run_task), 2.0)
            if robot.session is not None:
                await robot.session.close()
                robot.session = None
            robot.link = ConnectionState.CLOSED
