"""Finding robots: serial ports and Bluetooth LE, each confirmed by its hello line."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from firmware_bridge.errors import BluetoothUnavailable, BridgeError
from firmware_bridge.link import LinkTiming
from firmware_bridge.protocol import Capability
from firmware_bridge.session import RobotSession
from firmware_bridge.transports import Transport, open_transport

PROBE_LIMIT = 4
"""Robots probed at the same time (BlueZ handles a few connections at once)."""


@dataclass(frozen=True, slots=True)
class FoundRobot:
    """A robot that answered: where it is, what it is, and how it is doing."""

    url: str
    transport: str
    name: str
    kind: str = ""
    firmware: str = ""
    caps: tuple[str, ...] = ()
    battery_percent: int | None = None
    battery_mv: int | None = None
    rssi: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "transport": self.transport,
            "name": self.name,
            "kind": self.kind,
            "firmware": self.firmware,
            "caps": list(self.caps),
            "battery": self.battery_percent,
            "battery_mv": self.battery_mv,
            "rssi": self.rssi,
        }


@dataclass
class ScanReport:
    """Robots found, plus the problems met on the way (shown, never raised: a classroom with no
    Bluetooth adapter still finds its USB robots)."""

    robots: list[FoundRobot] = field(default_factory=list)
    problems: list[BridgeError] = field(default_factory=list)


async def probe(
    target: str | Transport, *, rssi: int | None = None, timing: LinkTiming | None = None
) -> FoundRobot:
    """Connects, reads the hello and the battery, disconnects.

    Raises:
        BridgeError: nothing RoboLab answered there.
    """
    transport = open_transport(target) if isinstance(target, str) else target
    session = await RobotSession.connect(transport, timing=timing)
    try:
        hello = session.hello
        mv = pct = None
        if hello.has(Capability.BATTERY):
            battery = await session.battery()
            mv, pct = battery.millivolts, battery.percent
        return FoundRobot(
            url=transport.url,
            transport=transport.kind,
            name=hello.name,
            kind=hello.kind,
            firmware=hello.firmware,
            caps=tuple(sorted(hello.caps)),
            battery_percent=pct,
            battery_mv=mv,
            rssi=rssi,
        )
    finally:
        await session.close()


def serial_ports() -> list[str]:
    """The serial devices of this machine that may be robots (USB serial adapters first)."""
    from serial.tools import list_ports

    ports = sorted(list_ports.comports(), key=lambda p: (p.vid is None, p.device))
    return [p.device for p in ports]


async def scan(
    *,
    timeout: float = 4.0,
    serial: bool = True,
    ble: bool = True,
    urls: Iterable[str] = (),
    ble_client_backend: Any = None,
    ble_scanner_backend: Any = None,
    timing: LinkTiming | None = None,
) -> ScanReport:
    """Every robot that answers, from serial ports, Bluetooth LE and the extra ``urls``."""
    report = ScanReport()
    targets: list[tuple[str | Transport, int | None]] = [(u, None) for u in urls]
    if serial:
        targets += [(port, None) for port in serial_ports() if port not in urls]
    if ble:
        try:
            from firmware_bridge.transports.ble import BleTransport, scan_ble

            for device, adv in await scan_ble(timeout, backend=ble_scanner_backend):
                transport = BleTransport(
                    device, backend=ble_client_backend, scanner_backend=ble_scanner_backend
                )
                targets.append((transport, adv.rssi))
        except BluetoothUnavailable as err:
            report.problems.append(err)
        except BridgeError as err:
            report.problems.append(err)
    limit = asyncio.Semaphore(PROBE_LIMIT)

    async def one(target: str | Transport, rssi: int | None) -> FoundRobot | None:
        async with limit:
            try:
                return await probe(target, rssi=rssi, timing=timing)
            except BridgeError:
                return None  # a port with something else behind it

    found = await asyncio.gather(*(one(t, r) for t, r in targets))
    report.robots = [f for f in found if f is not None]
    return report
