"""The real AVR firmware binary (avr-gcc) in simavr, driven over a pseudo-terminal by pyserial."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator

import pytest
import serial

from firmware_bridge.codec import decode_line, encode_frame
from firmware_bridge.errors import LinkLost
from firmware_bridge.link import LinkTiming
from firmware_bridge.protocol import Ack, Done, Frame, Hello, Refusal, StepCode, Verb
from firmware_bridge.runs import RunMode, run_challenge
from firmware_bridge.session import RobotSession
from firmware_bridge.simavr import FirmwareBuild, SimavrRobot
from robolab.challenge import Challenge
from tests.firmware_bridge.helpers import WALL_FOLLOWER

TIMING = LinkTiming(retry_after=0.1)


@pytest.fixture
def avr(avr_build: FirmwareBuild) -> Iterator[SimavrRobot]:
    robot = SimavrRobot(avr_build)
    robot.start()
    try:
        yield robot
    finally:
        robot.stop()


def motions(robot: SimavrRobot) -> int:
    """How many times the motors started."""
    states = [m[1:] for m in robot.motors]
    return sum(1 for a, b in itertools.pairwise(states) if a == (0, 0) and b != (0, 0))


class Wire:
    """Plain pyserial on the firmware's UART, one frame at a time."""

    def __init__(self, path: str) -> None:
        self.port = serial.Serial(path, 115200, timeout=1.0)
        self.seq = 0

    def line(self) -> object:
        raw = self.port.readline()
        assert raw.endswith(b"\n"), f"no line from the firmware (got {raw!r})"
        return decode_line(raw)  # the firmware's own CRC-8 is checked here

    def send(self, verb: Verb, *args: str, seq: int | None = None) -> float:
        if seq is None:
            self.seq += 1
            seq = self.seq
        self.port.write(encode_frame(Frame(seq, verb, args), checksum=True))
        self.port.flush()
        return time.monotonic()

    def close(self) -> None:
        self.port.close()


def test_the_firmware_says_hello_reports_its_battery_and_checks_checksums(avr: SimavrRobot) -> None:
    wire = Wire(avr.path)
    try:
        hello = wire.line()
        assert isinstance(hello, Hello)
        assert (hello.kind, hello.name, hello.version, hello.watchdog_ms) == (
            "uno",
            "RoboLab-Uno",
            1,
            400,
        )
        assert {"crc", "upload", "battery", "identify", "name"} <= hello.caps
        wire.send(Verb.BAT)
        battery = wire.line()
        assert isinstance(battery, Done) and 7300 <= int(battery.get("mv") or 0) <= 7500
        wire.port.write(b"2 HB*00\n")  # a damaged frame: ignored
        wire.port.write(b"3 HB\n")  # no checksum at all: accepted
        reply = wire.line()
        assert isinstance(reply, Done) and reply.seq == 3
        wire.send(Verb.IDENT, seq=4)
        assert wire.line() == Done(4)
        deadline = time.monotonic() + 2
        while len(avr.led) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [on for _, on in avr.led[:3]] == [False, True, False]
    finally:
        wire.close()


def test_the_watchdog_stops_the_motors_when_the_host_goes_silent(avr: SimavrRobot) -> None:
    wire = Wire(avr.path)
    try:
        assert isinstance(wire.line(), Hello)
        wire.send(Verb.CAL, "speed=10")  # one cell would take 15 s
        assert isinstance(wire.line(), Done)
        wire.send(Verb.MOVE, "F1")
        assert wire.line() == Refusal(2, "disarmed")
        wire.send(Verb.ARM)
        assert wire.line() == Done(3)
        last_frame = wire.send(Verb.MOVE, "F1")
        assert type(wire.line()).__name__ == "Ack"
        started = avr.wait_motors(True, 1.0)
        stopped = avr.wait_motors(False, 1.5)
        assert started < stopped
        assert 0.38 <= stopped - last_frame <= 0.5
        assert wire.line() == Refusal(4, "stopped")
        event = wire.line()
        assert getattr(event, "name", None) == "WD"
        wire.send(Verb.MOVE, "F1", seq=5)
        assert wire.line() == Refusal(5, "disarmed")  # not until re-armed
        assert motions(avr) == 1
    finally:
        wire.close()


def test_a_repeated_frame_is_answered_again_but_not_executed_twice(avr: SimavrRobot) -> None:
    wire = Wire(avr.path)
    try:
        wire.line()
        wire.send(Verb.CAL, "speed=1500", seq=1)  # 100 ms per cell
        wire.line()
        wire.send(Verb.ARM, seq=2)
        wire.line()
        wire.send(Verb.MOVE, "F7", seq=3)
        wire.send(Verb.MOVE, "F7", seq=3)
        lines = [wire.line() for _ in range(3)]
        assert lines[:2] == [Ack(3), Ack(3)]  # accepted, and accepted again while running
        final = lines[2]
        assert isinstance(final, Done) and final.get("y") == "-1"
        wire.send(Verb.MOVE, "F7", seq=3)
        assert wire.line() == final  # the stored answer, and no second move
        wire.send(Verb.POSE, seq=4)
        assert wire.line() == Done(4, (("x", "0"), ("y", "-1"), ("h", "N")))
        assert motions(avr) == 1
    finally:
        wire.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("mode", list(RunMode))
async def test_a_program_runs_on_the_firmware_like_in_the_simulator(
    avr: SimavrRobot, corner: Challenge, mode: RunMode
) -> None:
    session = await RobotSession.connect(avr.path, timing=TIMING)
    try:
        await session.calibrate(cell=20, speed=5000, track=20)  # a few ms per step
        events: list[object] = []
        report = await run_challenge(
            session, corner, WALL_FOLLOWER, mode=mode, on_progress=events.append
        )
    finally:
        await session.close()
    assert report.result.solved, report.to_json()
    assert report.differences == ()
    assert report.robot["kind"] == "uno"
    assert len(events) >= 10
    assert motions(avr) == 5


@pytest.mark.asyncio
async def test_a_host_that_disappears_mid_move_leaves_a_stopped_robot(avr: SimavrRobot) -> None:
    session = await RobotSession.connect(avr.path, timing=TIMING)
    await session.calibrate(speed=10)
    await session.arm()
    moving = asyncio.ensure_future(session.step(StepCode.FORWARD, 1))
    await avr.wait_motors_async(True, 1.0)
    closed = time.monotonic()
    await session.link.transport.close()  # no STOP, no heartbeat any more: the cable is gone
    stopped = await avr.wait_motors_async(False, 1.5)
    assert stopped - closed <= 0.5
    with pytest.raises(LinkLost):
        await moving
    await session.close()
