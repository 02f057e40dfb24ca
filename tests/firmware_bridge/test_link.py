"""The link layer against the virtual robot: handshake, retries, duplicates, losses, heartbeat."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firmware_bridge.errors import BridgeError, HelloTimeout, LinkLost, RobotRefused, RobotTimeout
from firmware_bridge.faults import Faults
from firmware_bridge.link import ConnectionState, LinkTiming, RobotLink
from firmware_bridge.protocol import StepCode, Verb
from firmware_bridge.session import RobotSession
from firmware_bridge.transports.base import Transport
from firmware_bridge.transports.serial_port import SerialTransport
from firmware_bridge.transports.virtual import VirtualTransport
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.robot import Pose
from robolab.vocabulary import Heading

FAST = LinkTiming(retry_after=0.05, retries=8, poll_after=0.2, silence=0.5)


class Recorder(VirtualTransport):
    """Remembers every frame the host wrote."""

    def __init__(self, robot: VirtualRobot) -> None:
        super().__init__(robot)
        self.frames: list[bytes] = []

    async def write(self, data: bytes) -> None:
        self.frames.append(data)
        await super().write(data)


@pytest.mark.asyncio
async def test_the_host_waits_for_the_hello_then_says_hello_itself() -> None:
    robot = VirtualRobot("Hello-1", move_ms=5)
    transport = Recorder(robot)
    link = RobotLink(transport, timing=FAST)
    states: list[ConnectionState] = []
    link.on_state(states.append)
    hello = await link.open()
    try:
        assert (hello.name, hello.kind, hello.version) == ("Hello-1", "virtual", 1)
        assert states == [
            ConnectionState.CONNECTING,
            ConnectionState.HANDSHAKE,
            ConnectionState.READY,
        ]
        assert transport.frames[0] == b"1 HELLO\n"  # before the checksum is known to be supported
        assert link.checksum
        await link.request(Verb.HB)
        assert transport.frames[-1].startswith(b"2 HB*")
    finally:
        await link.close()
        await robot.aclose()
    assert link.state is ConnectionState.CLOSED


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "faults",
    [
        Faults(drop=0.3, seed=1),
        Faults(drop_replies=0.3, seed=2),
        Faults(duplicate=1.0, seed=3),
        Faults(corrupt=0.3, seed=4),
        Faults(delay_ms=20, duplicate=0.5, drop=0.2, seed=5),
    ],
    ids=["drop", "drop-replies", "duplicate", "corrupt", "mixed"],
)
async def test_every_move_happens_exactly_once_whatever_the_cable_does(faults: Faults) -> None:
    robot = VirtualRobot("Faulty", move_ms=4, faults=faults)
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    try:
        await session.set_pose(Pose(0, 0, Heading.EAST))
        await session.arm()
        for block in range(1, 7):
            report = await session.step(StepCode.FORWARD, block)
            assert report.pose == Pose(block, 0, Heading.EAST)
        assert robot.pose == Pose(6, 0, Heading.EAST)
        forward_starts = [m for m in robot.body.motor_log if m[1] > 0 and m[2] > 0]
        assert len(forward_starts) == 6
    finally:
        await session.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_a_refusal_is_an_error_naming_the_code() -> None:
    robot = VirtualRobot("Off", move_ms=4)
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    try:
        with pytest.raises(RobotRefused) as caught:
            await session.step(StepCode.FORWARD, 3)
        assert caught.value.code == "disarmed"
        assert "disarmed" in caught.value.message("fr")
        assert caught.value.robot == "Off"
    finally:
        await session.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_a_wait_ends_at_once_when_the_cable_is_pulled() -> None:
    robot = VirtualRobot("Unplug", move_ms=2000)
    transport = VirtualTransport(robot)
    session = await RobotSession.connect(transport, timing=FAST)
    await session.arm()
    unplugged: list[float] = []

    def pull() -> None:
        unplugged.append(time.monotonic())
        transport.unplug()

    asyncio.get_running_loop().call_later(0.1, pull)
    start = time.monotonic()
    with pytest.raises(LinkLost) as caught:
        await session.step(StepCode.FORWARD, 1)  # would take 2 s
    assert time.monotonic() - start < 0.3
    assert caught.value.reason == "unplugged"
    assert "câble débranché" in caught.value.message("fr")
    assert session.state is ConnectionState.LOST
    stopped = await robot.wait_motors_stopped(1.0)
    assert 0.3 < stopped - unplugged[0] <= 0.5  # its own watchdog stopped it
    await session.close()
    await robot.aclose()


@pytest.mark.asyncio
async def test_a_silent_robot_is_a_lost_link_and_stops_by_itself() -> None:
    robot = VirtualRobot("Quiet", move_ms=3000)
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    await session.arm()
    asyncio.get_running_loop().call_later(0.1, robot.cut)
    with pytest.raises(LinkLost) as caught:
        await session.step(StepCode.FORWARD, 1)
    assert caught.value.reason == "silent"
    stopped = await robot.wait_motors_stopped(1.0)
    assert robot.cable.cut_time is not None
    assert stopped - robot.cable.cut_time <= 0.5
    await session.close()
    await robot.aclose()


@pytest.mark.asyncio
async def test_a_rebooted_robot_is_noticed() -> None:
    robot = VirtualRobot("Boot", move_ms=5)
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    robot.core.boot()  # a new hello in the middle of a session: brown-out, reset button...
    await asyncio.sleep(0.05)
    assert session.state is ConnectionState.LOST
    assert session.link.lost_reason == "reset"
    with pytest.raises(LinkLost):
        await session.heartbeat()
    await session.close()
    await robot.aclose()


@pytest.mark.asyncio
async def test_heartbeats_keep_an_idle_robot_armed() -> None:
    robot = VirtualRobot("Idle", move_ms=5)
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    try:
        await session.arm()
        await asyncio.sleep(1.0)  # far longer than the robot's 400 ms watchdog
        assert await session.heartbeat() == "ready"
        assert session.link.stats.rtt is not None
    finally:
        await session.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_no_reply_at_all_is_a_timeout_after_the_retries() -> None:
    robot = VirtualRobot("Deaf", move_ms=5)
    timing = LinkTiming(retry_after=0.03, retries=2, silence=5.0)
    session = await RobotSession.connect(VirtualTransport(robot), timing=timing)
    try:
        robot.cable.faults = Faults(drop=1.0)
        with pytest.raises(RobotTimeout) as caught:
            await session.calibration()
        assert caught.value.verb == "CAL"
        assert session.link.stats.resent >= 2
    finally:
        await session.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_something_that_is_not_a_robot_gives_a_hello_timeout() -> None:
    transport = SerialTransport("loop://")  # echoes our own frames back: never a hello
    link = RobotLink(transport, timing=LinkTiming(hello_timeout=0.3, retry_after=0.05))
    with pytest.raises(HelloTimeout) as caught:
        await link.open()
    assert caught.value.url == "loop://"
    assert link.stats.bad_lines >= 1
    assert "loop://" in caught.value.message("en")


@pytest.mark.asyncio
async def test_a_timed_cut_stays_cut_for_new_connections_until_mended() -> None:
    robot = VirtualRobot(
        "Timed", move_ms=5, reset_on_connect=False, faults=Faults(cut_after=0.1, mend_after=0.5)
    )
    session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    assert (await session.link.wait_lost()) == "silent"
    await session.close()
    with pytest.raises(HelloTimeout):  # still out of range
        await RobotSession.connect(VirtualTransport(robot), timing=LinkTiming(hello_timeout=0.1))
    await asyncio.sleep(0.5)
    again = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    assert again.hello.name == "Timed"
    await again.link.close()
    await robot.aclose()


@pytest.mark.asyncio
async def test_sequence_numbers_wrap_without_a_new_command_passing_for_a_repeat() -> None:
    robot = VirtualRobot("Wrap", move_ms=4)
    transport = Recorder(robot)
    session = await RobotSession.connect(transport, timing=FAST)
    try:
        await session.arm()
        armed_seq = int(transport.frames[-1].split()[0])
        session.link._seq = (armed_seq - 2) % 999  # 998 heartbeats later: the next number is free,
        await session.heartbeat()  # this one lands just before the ARM's number...
        report = await session.step(StepCode.FORWARD, 1)  # ...which this MOVE must not reuse
        assert int(transport.frames[-1].split()[0]) != armed_seq
        assert report.pose.y == -1 and robot.pose.y == -1
    finally:
        await session.close()
        await robot.aclose()


class ScriptedRobot(Transport):
    """A robot that says hello properly, then answers every frame with ``reply`` (any bytes)."""

    kind = "virtual"

    def __init__(self, reply: bytes) -> None:
        super().__init__()
        self.url = "script://"
        self.reply = reply

    async def open(self) -> None:
        return None

    async def write(self, data: bytes) -> None:
        seq, verb = data.split()[:2]
        loop = asyncio.get_running_loop()
        if verb == b"HELLO":
            loop.call_soon(
                self._on_data, b"HELLO robolab/1 kind=x name=Odd fw=0 caps=battery wd=400\n"
            )
            loop.call_soon(self._on_data, seq + b" DONE\n")
        else:
            loop.call_soon(self._on_data, self.reply.replace(b"SEQ", seq))

    async def close(self) -> None:
        return None


_fields = st.sampled_from(
    [
        b"m=ok",
        b"m=banana",
        b"x=1",
        b"x=",
        b"y=-2",
        b"y=9999999999",
        b"h=E",
        b"h=Q",
        b"mv=7",
        b"pct=x",
        b"v=1",
        b"st=ready",
        b"n=3",
        b"p=",
        b"cell=5",
    ]
)
_replies = st.one_of(
    st.binary(max_size=40),
    st.builds(
        lambda kind, fields: b"SEQ " + kind + b" " + b" ".join(fields) + b"\n",
        st.sampled_from([b"DONE", b"ERR busy", b"ACK", b"EV STEP", b"DONE m=ok x=1 y=1 h=N"]),
        st.lists(_fields, max_size=5),
    ),
)


@given(_replies)
@settings(max_examples=40, deadline=None)
def test_whatever_a_robot_answers_the_host_raises_only_bridge_errors(reply: bytes) -> None:
    async def talk() -> None:
        timing = LinkTiming(retry_after=0.005, retries=1, poll_after=0.005, done_timeout=0.02)
        session = await RobotSession.connect(ScriptedRobot(reply), timing=timing)
        try:
            for call in (
                lambda: session.step(StepCode.FORWARD, 1),
                session.battery,
                session.calibration,
                session.status,
                session.pose,
                session.heartbeat,
            ):
                with contextlib.suppress(BridgeError):
                    await call()
        finally:
            await session.close()

    asyncio.run(talk())
