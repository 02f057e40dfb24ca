"""A robot session: the protocol's commands as typed async methods on top of a :class:`RobotLink`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

from firmware_bridge.errors import ProtocolError
from firmware_bridge.link import ConnectionState, LinkTiming, RobotLink
from firmware_bridge.protocol import (
    ADD_PER_LINE,
    MAX_HOST_LINE,
    MAX_SEQ,
    Capability,
    Done,
    Event,
    EventName,
    Hello,
    MotionResult,
    SensorName,
    StepCode,
    Verb,
    WireHeading,
)
from firmware_bridge.transports import open_transport
from firmware_bridge.transports.base import Transport
from robolab.robot import Pose
from robolab.vocabulary import Heading


@dataclass(frozen=True, slots=True)
class Battery:
    millivolts: int
    percent: int


@dataclass(frozen=True, slots=True)
class Calibration:
    """``CAL`` values: mm per cell, mm/s at ``power``, wheel track (mm), turn trim (%), power (%)."""

    cell: int = 150
    speed: int = 150
    track: int = 120
    trim: int = 0
    power: int = 80

    def to_json(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class StepReport:
    """What the robot said about one step: ``m=`` and where it believes it now is."""

    motion: MotionResult
    pose: Pose
    block: int = 0


@dataclass(frozen=True, slots=True)
class RobotStatus:
    state: str
    plan_done: int
    plan_len: int
    pose: Pose


class RobotSession:
    """One connected robot. Get one with :meth:`connect` (or wrap an open :class:`RobotLink`)."""

    def __init__(self, link: RobotLink) -> None:
        self.link = link

    @classmethod
    async def connect(
        cls, target: str | Transport, *, timing: LinkTiming | None = None
    ) -> RobotSession:
        """Opens ``target`` (a URL or a transport) and waits for the robot's hello.

        Raises:
            BridgeError: a subclass saying what failed (port, Bluetooth, hello, version).
        """
        transport = open_transport(target) if isinstance(target, str) else target
        link = RobotLink(transport, timing=timing)
        await link.open()
        return cls(link)

    async def __aenter__(self) -> RobotSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- identity ----------------------------------------------------------------------------

    @property
    def hello(self) -> Hello:
        if self.link.hello is None:
            raise RuntimeError("the session has no hello yet")
        return self.link.hello

    @property
    def name(self) -> str:
        return self.link.label

    @property
    def state(self) -> ConnectionState:
        return self.link.state

    def has(self, cap: Capability) -> bool:
        return self.link.has(cap)

    # -- commands ----------------------------------------------------------------------------

    async def heartbeat(self) -> str:
        """The robot's state (``off``, ``ready``, ``busy``, ``wd``)."""
        done = await self.link.request(Verb.HB)
        return done.get("st", "") or ""

    async def arm(self) -> None:
        await self.link.request(Verb.ARM)

    async def stop(self) -> None:
        await self.link.request(Verb.STOP)

    async def identify(self) -> None:
        await self.link.request(Verb.IDENT)

    async def battery(self) -> Battery:
        done = await self.link.request(Verb.BAT)
        return Battery(_int(done, "mv"), _int(done, "pct"))

    async def rename(self, name: str) -> str:
        done = await self.link.request(Verb.NAME, name)
        return done.get("name", name) or name

    async def pose(self) -> Pose:
        return _pose(await self.link.request(Verb.POSE))

    async def set_pose(self, pose: Pose) -> Pose:
        heading = WireHeading(int(pose.heading)).name
        return _pose(await self.link.request(Verb.POSE, str(pose.x), str(pose.y), heading))

    async def status(self) -> RobotStatus:
        done = await self.link.request(Verb.STATUS)
        return RobotStatus(done.get("st", "") or "", _int(done, "n"), _int(done, "p"), _pose(done))

    async def calibration(self) -> Calibration:
        return _calibration(await self.link.request(Verb.CAL))

    async def calibrate(self, **values: int) -> Calibration:
        """Sets calibration values (``cell=``, ``speed=``, ``track=``, ``trim=``, ``power=``)."""
        known = {f.name for f in fields(Calibration)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown calibration keys {sorted(unknown)}; known: {sorted(known)}")
        args = [f"{k}={int(v)}" for k, v in values.items()]
        return _calibration(await self.link.request(Verb.CAL, *args))

    async def step(self, code: StepCode, block: int = 0) -> StepReport:
        """One ``MOVE``; returns when the robot has finished it."""
        done = await self.link.request(Verb.MOVE, f"{code.value}{block}")
        return _step_report(done, block)

    async def sense(self, sensor: SensorName) -> str:
        """The robot's own reading: ``"1"``/``"0"``, or a colour name / ``"none"``."""
        done = await self.link.request(Verb.SENSE, sensor.value)
        value = done.get("v")
        if value is None:
            raise ProtocolError(b"", "SENSE reply without v=", robot=self.name)
        return value

    async def upload(self, plan: Sequence[tuple[StepCode, int]]) -> None:
        """Sends a plan: ``PLAN n`` then ``ADD`` frames of up to 8 steps and 64 bytes each."""
        await self.link.request(Verb.PLAN, str(len(plan)))
        for start, tokens in add_chunks(plan):
            await self.link.request(Verb.ADD, str(start), *tokens)

    async def run_plan(self, on_step: Callable[[int, StepReport], None]) -> tuple[int, StepReport]:
        """Runs the uploaded plan; ``on_step(index, report)`` for every ``EV STEP``.

        Returns:
            How many steps ran, and the report of the last one.
        """

        def listener(event: Event) -> None:
            if event.name == EventName.STEP:
                try:
                    on_step(_int(event, "i"), _step_report(event, _int(event, "b")))
                except ProtocolError:
                    self.link.stats.bad_lines += 1

        unsubscribe = self.link.on_event(listener)
        try:
            done = await self.link.request(Verb.RUN)
            await asyncio.sleep(0)  # events sent before DONE are already delivered
        finally:
            unsubscribe()
        return _int(done, "n"), _step_report(done, 0)

    async def close(self) -> None:
        await self.link.close()


def add_chunks(plan: Sequence[tuple[StepCode, int]]) -> list[tuple[int, list[str]]]:
    """``(start, tokens)`` per ``ADD`` frame, each fitting 64 bytes with any sequence number and a
    checksum (``999 ADD <start> F12 ...*HH``)."""
    chunks: list[tuple[int, list[str]]] = []
    start = 0
    while start < len(plan):
        length = len(f"{MAX_SEQ} {Verb.ADD.value} {start}") + 3
        tokens: list[str] = []
        for code, block in plan[start : start + ADD_PER_LINE]:
            token = f"{code.value}{block}"
            if length + 1 + len(token) > MAX_HOST_LINE:
                break
            tokens.append(token)
            length += 1 + len(token)
        chunks.append((start, tokens))
        start += len(tokens)
    return chunks


def _int(reply: Done | Event, key: str) -> int:
    value = reply.get(key)
    try:
        return int(value or "")
    except ValueError:
        raise ProtocolError(b"", f"expected a whole number in {key}=, got {value!r}") from None


def _pose(reply: Done | Event) -> Pose:
    letter = reply.get("h") or ""
    try:
        heading = Heading(WireHeading[letter].value)
    except KeyError:
        raise ProtocolError(b"", f"expected h=N|E|S|W, got {letter!r}") from None
    return Pose(_int(reply, "x"), _int(reply, "y"), heading)


def _step_report(reply: Done | Event, block: int) -> StepReport:
    try:
        motion = MotionResult(reply.get("m") or "")
    except ValueError:
        raise ProtocolError(b"", f"expected m=ok|crash|fall, got {reply.get('m')!r}") from None
    return StepReport(motion, _pose(reply), block)


def _calibration(done: Done) -> Calibration:
    return Calibration(**{f.name: _int(done, f.name) for f in fields(Calibration)})


__all__ = ["Battery", "Calibration", "RobotSession", "RobotStatus", "StepReport", "add_chunks"]
