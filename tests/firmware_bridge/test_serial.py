"""Serial robots through pyserial: a virtual robot on a real pseudo-terminal and on TCP."""

from __future__ import annotations

import asyncio
import time

import pytest
import serial

from firmware_bridge.errors import LinkLost, PortUnavailable
from firmware_bridge.link import ConnectionState, LinkTiming
from firmware_bridge.protocol import StepCode
from firmware_bridge.reconnect import Backoff, reconnect
from firmware_bridge.session import RobotSession
from firmware_bridge.transports import open_transport
from firmware_bridge.transports.serial_port import SerialTransport
from firmware_bridge.virtual_robot import VirtualRobot
from firmware_bridge.virtual_server import PtyServer, TcpServer

FAST = LinkTiming(retry_after=0.05, silence=0.6)


@pytest.mark.asyncio
async def test_a_virtual_robot_on_a_pseudo_terminal_is_a_serial_robot() -> None:
    robot = VirtualRobot("Pty-1", move_ms=10)
    server = PtyServer(robot)
    path = await server.start()
    try:
        assert path.startswith("/dev/")
        transport = open_transport(path)
        assert isinstance(transport, SerialTransport) and transport.hello_wait > 0
        start = time.monotonic()
        session = await RobotSession.connect(transport, timing=FAST)
        assert time.monotonic() - start < 1.0  # the hello came by itself: no fixed sleep
        assert session.hello.name == "Pty-1"
        await session.arm()
        report = await session.step(StepCode.RIGHT, 4)
        assert report.pose.heading.label == "east"
        await session.close()
        assert server.connections == 1
        again = await RobotSession.connect(path, timing=FAST)  # opening again reboots it
        assert (await again.pose()).heading.label == "north"
        await again.close()
        assert server.connections == 2
    finally:
        await server.aclose()
        await robot.aclose()


@pytest.mark.asyncio
async def test_closing_the_pseudo_terminal_under_the_host_is_an_unplug() -> None:
    robot = VirtualRobot("Pty-2", move_ms=3000)
    server = PtyServer(robot)
    path = await server.start()
    session = await RobotSession.connect(path, timing=FAST)
    await session.arm()
    asyncio.get_running_loop().call_later(0.1, server.vanish)
    with pytest.raises(LinkLost) as caught:
        await session.step(StepCode.FORWARD, 1)
    assert caught.value.reason.startswith("unplugged")
    assert session.state is ConnectionState.LOST
    await session.close()
    await server.aclose()
    await robot.aclose()


@pytest.mark.asyncio
async def test_socket_urls_reach_a_tcp_robot_and_reconnect_finds_it_again() -> None:
    robot = VirtualRobot("Tcp-1", move_ms=10)
    server = TcpServer(robot)
    url = await server.start()
    try:
        assert url.startswith("socket://127.0.0.1:")
        session = await RobotSession.connect(url, timing=FAST)
        assert session.hello.name == "Tcp-1"
        await session.close()
        delays: list[float] = []

        async def no_wait(delay: float) -> None:
            delays.append(delay)

        found = await reconnect(url, name="Tcp-1", timing=FAST, sleep=no_wait)
        assert found.name == "Tcp-1" and delays == []
        await found.close()
        with pytest.raises(Exception) as caught:
            await reconnect(url, name="Someone-else", timing=FAST, attempts=3, sleep=no_wait)
        assert "3 attempts" in str(caught.value)
        assert len(delays) == 3 and delays[1] > delays[0]
    finally:
        await server.aclose()
        await robot.aclose()


def test_backoff_grows_to_a_ceiling_with_jitter() -> None:
    delays = Backoff(first=0.1, factor=2, most=1.0, jitter=0.1).delays()
    got = [next(delays) for _ in range(8)]
    assert 0.09 <= got[0] <= 0.11 and 0.18 <= got[1] <= 0.22
    assert all(0.9 <= d <= 1.1 for d in got[4:])


@pytest.mark.asyncio
async def test_a_missing_port_is_a_clear_message_in_both_languages() -> None:
    with pytest.raises(PortUnavailable) as caught:
        await RobotSession.connect("/dev/ttyUSB-robolab-none")
    assert caught.value.key == "robot.port_missing"
    assert "branché" in caught.value.message("fr")
    assert "plugged in" in caught.value.message("en")
    assert not isinstance(caught.value, FileNotFoundError)


def test_pyserial_reads_the_hello_at_its_own_pace() -> None:
    """Plain pyserial, no asyncio: what a firmware author's own script would do."""

    async def serve_then_read() -> bytes:
        robot = VirtualRobot("Plain", move_ms=10)
        server = PtyServer(robot, boot_delay=0.05)
        path = await server.start()
        port = serial.Serial(path, 115200, timeout=2)
        try:
            line = await asyncio.get_running_loop().run_in_executor(None, port.readline)
        finally:
            port.close()
            await server.aclose()
            await robot.aclose()
        return bytes(line)

    line = asyncio.run(serve_then_read())
    assert line.startswith(b"HELLO robolab/1 kind=virtual name=Plain ")
    assert line.endswith(b"\n")


def test_reconnect_never_probes_a_port_another_robot_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    from firmware_bridge import reconnect as module

    monkeypatch.setattr(
        module, "serial_ports", lambda: ["/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyACM0"]
    )
    assert module.candidates("/dev/ttyUSB1") == ["/dev/ttyUSB1", "/dev/ttyUSB0", "/dev/ttyACM0"]
    assert module.candidates("/dev/ttyUSB1", busy={"/dev/ttyUSB0"}) == [
        "/dev/ttyUSB1",
        "/dev/ttyACM0",
    ]


@pytest.mark.asyncio
async def test_a_serial_port_is_opened_by_one_link_only() -> None:
    robot = VirtualRobot("Pty-2", move_ms=10)
    server = PtyServer(robot)
    path = await server.start()
    try:
        session = await RobotSession.connect(path, timing=FAST)
        with pytest.raises(PortUnavailable):
            await RobotSession.connect(path, timing=FAST)
        assert session.state is ConnectionState.READY
        await session.close()
    finally:
        await server.aclose()
        await robot.aclose()
