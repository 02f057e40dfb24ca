"""Bluetooth LE without a radio: bleak's real BleakClient on an in-process Nordic UART robot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from bleak import BleakClient
from bleak.backends.scanner import BaseBleakScanner

from firmware_bridge.errors import BluetoothUnavailable, LinkLost, RobotNotFound
from firmware_bridge.link import ConnectionState, LinkTiming
from firmware_bridge.protocol import StepCode
from firmware_bridge.session import RobotSession
from firmware_bridge.transports.ble import BleTransport, find_uart, scan_ble
from firmware_bridge.transports.ble_virtual import (
    NUS_0002,
    NUS_0003,
    VirtualBleClient,
    VirtualBleScanner,
    VirtualPeripheral,
    add_peripheral,
    remove_peripheral,
)
from firmware_bridge.virtual_robot import VirtualRobot

TIMING = LinkTiming(retry_after=0.2, silence=1.0)


@pytest_asyncio.fixture
async def peripherals() -> AsyncIterator[list[VirtualPeripheral]]:
    made: list[VirtualPeripheral] = []
    yield made
    for peripheral in made:
        remove_peripheral(peripheral.address)
        await peripheral.robot.aclose()


def ble(address: str) -> BleTransport:
    return BleTransport(address, backend=VirtualBleClient, scanner_backend=VirtualBleScanner)


@pytest.mark.asyncio
async def test_bleaks_own_client_finds_the_uart_by_properties_even_when_swapped(
    peripherals: list[VirtualPeripheral],
) -> None:
    normal = add_peripheral(VirtualRobot("Esp-1"), "AA:00:00:00:00:01")
    microbit = add_peripheral(VirtualRobot("Bit-1"), "AA:00:00:00:00:02", microbit=True)
    peripherals += [normal, microbit]
    for peripheral, rx_uuid, tx_uuid in (
        (normal, NUS_0002, NUS_0003),
        (microbit, NUS_0003, NUS_0002),
    ):
        client = BleakClient(peripheral.address, backend=VirtualBleClient)
        await client.connect()
        try:
            uart = find_uart(client.services)
            assert uart is not None
            rx, tx = uart
            assert (rx.uuid, tx.uuid) == (rx_uuid, tx_uuid)
        finally:
            await client.disconnect()


@pytest.mark.asyncio
async def test_a_ble_robot_runs_commands_with_split_writes_and_reassembled_lines(
    peripherals: list[VirtualPeripheral],
) -> None:
    peripheral = add_peripheral(
        VirtualRobot("Bit-2", move_ms=5), "AA:00:00:00:00:03", microbit=True
    )
    peripherals.append(peripheral)
    session = await RobotSession.connect(ble(peripheral.address), timing=TIMING)
    try:
        assert session.hello.name == "Bit-2"
        await session.arm()
        report = await session.step(StepCode.LEFT, 12)
        assert report.pose.heading.label == "west"
        await session.upload([(StepCode.FORWARD, 65000 + n) for n in range(8)])  # a 60-byte frame
        assert max(len(w) for w in peripheral.writes) == 20
        stream = b"".join(peripheral.writes)
        assert b" ADD 0 F65000 F65001 F65002 F65003 F65004 F65005" in stream  # pieces kept in order
        assert len(peripheral.notifications[0]) == 20  # the hello came in 20-byte pieces
        assert session.link.stats.bad_lines == 0
    finally:
        await session.close()


@pytest.mark.asyncio
async def test_a_robot_can_be_reached_by_its_advertised_name(
    peripherals: list[VirtualPeripheral],
) -> None:
    peripherals.append(add_peripheral(VirtualRobot("Named-7"), "AA:00:00:00:00:04"))
    session = await RobotSession.connect(ble("Named-7"), timing=TIMING)
    try:
        assert session.hello.name == "Named-7"
        assert session.link.transport.url == "ble://Named-7"
    finally:
        await session.close()
    with pytest.raises(RobotNotFound) as caught:
        transport = BleTransport(
            "Nobody", backend=VirtualBleClient, scanner_backend=VirtualBleScanner, scan_timeout=0.2
        )
        await RobotSession.connect(transport)
    assert "ble://Nobody" in caught.value.message("en")


@pytest.mark.asyncio
async def test_scanning_lists_robots_strongest_first(peripherals: list[VirtualPeripheral]) -> None:
    peripherals.append(add_peripheral(VirtualRobot("Far"), "AA:00:00:00:00:05", rssi=-90))
    peripherals.append(
        add_peripheral(VirtualRobot("Near"), "AA:00:00:00:00:06", rssi=-40, microbit=True)
    )
    found = await scan_ble(0.2, backend=VirtualBleScanner)
    names = [adv.local_name for _, adv in found]
    assert names.index("BBC micro:bit [Near]") < names.index("Far")


@pytest.mark.asyncio
async def test_going_out_of_range_loses_the_link_and_the_robot_stops(
    peripherals: list[VirtualPeripheral],
) -> None:
    peripheral = add_peripheral(VirtualRobot("Away", move_ms=3000), "AA:00:00:00:00:07")
    peripherals.append(peripheral)
    session = await RobotSession.connect(ble(peripheral.address), timing=TIMING)
    await session.arm()
    asyncio.get_running_loop().call_later(0.1, peripheral.go_out_of_range)
    with pytest.raises(LinkLost) as caught:
        await session.step(StepCode.FORWARD, 1)
    assert caught.value.reason == "out of range"
    assert "hors de portée" in caught.value.message("fr")
    assert session.state is ConnectionState.LOST
    await peripheral.robot.wait_motors_stopped(1.0)
    await session.close()


class NoDbusScanner(BaseBleakScanner):
    """What bleak does in a container without D-Bus: a bare FileNotFoundError."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(None, None)
        self.seen_devices = {}

    async def start(self) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    async def stop(self) -> None:
        return None


@pytest.mark.asyncio
async def test_no_bluetooth_is_a_clear_message_not_a_file_not_found_error() -> None:
    with pytest.raises(BluetoothUnavailable) as caught:
        await scan_ble(0.1, backend=NoDbusScanner)
    assert "Bluetooth" in caught.value.message("fr") and "USB" in caught.value.message("en")
    assert not isinstance(caught.value, FileNotFoundError)


@pytest.mark.asyncio
async def test_this_machines_real_bluetooth_stack_gives_the_same_clear_message() -> None:
    try:
        await scan_ble(0.2)
    except BluetoothUnavailable as err:
        assert err.key == "robot.no_bluetooth"
    else:  # pragma: no cover - only on machines with a working Bluetooth adapter
        pytest.skip("this machine has working Bluetooth")
    with pytest.raises(BluetoothUnavailable):
        await RobotSession.connect(BleTransport("AA:BB:CC:DD:EE:FF", scan_timeout=0.2))


@pytest.mark.asyncio
async def test_reconnecting_after_a_drop_scans_again_and_backs_off(
    peripherals: list[VirtualPeripheral],
) -> None:
    from firmware_bridge.reconnect import Backoff, reconnect

    peripheral = add_peripheral(VirtualRobot("Back-1"), "AA:00:00:00:00:08")
    peripherals.append(peripheral)
    session = await RobotSession.connect(ble(peripheral.address), timing=TIMING)
    remove_peripheral(peripheral.address)  # out of range: it stops advertising
    peripheral.go_out_of_range()
    await asyncio.sleep(0.01)
    assert session.state is ConnectionState.LOST
    await session.close()
    waited: list[float] = []

    async def back_in_range_after_two_tries(delay: float) -> None:
        waited.append(delay)
        if len(waited) == 2:
            add_peripheral(peripheral.robot, peripheral.address)

    def quick_scan(url: str) -> BleTransport:
        return BleTransport(
            url[6:], backend=VirtualBleClient, scanner_backend=VirtualBleScanner, scan_timeout=0.15
        )

    again = await reconnect(
        f"ble://{peripheral.address}",
        name="Back-1",
        backoff=Backoff(first=0.1, factor=2, jitter=0),
        timing=TIMING,
        transport_for=quick_scan,
        sleep=back_in_range_after_two_tries,
    )
    try:
        assert again.hello.name == "Back-1" and again.link.is_ready
        assert waited == [0.1, 0.2]  # two failed scans, growing delays
    finally:
        await again.close()
