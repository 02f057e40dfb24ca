"""Bluetooth LE robots through bleak, on the Nordic UART service (NUS).

The two characteristics are found by their *properties* (the one the host may write, the one that
notifies or indicates), not by their UUIDs: micro:bit firmware swaps ``...0002`` and ``...0003``.
Writes are split to the size the link allows; notifications arrive in pieces and the link's line
reader puts them back together. A machine without Bluetooth or D-Bus gets a
:class:`~firmware_bridge.errors.BluetoothUnavailable`, never a ``FileNotFoundError``.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Any

from bleak import BleakClient, BleakScanner
from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData, BaseBleakScanner
from bleak.backends.service import BleakGATTServiceCollection
from bleak.exc import BleakBluetoothNotAvailableError, BleakDBusError, BleakError

from firmware_bridge.errors import BluetoothUnavailable, LinkLost, RobotNotFound, TransportError
from firmware_bridge.transports.base import Transport

NUS_SERVICE = "6e400001-b5a3-f393-e0a9-e50e24dcca9e"
ROBOT_NAME_PREFIXES = ("RoboLab", "robolab", "BBC micro:bit")
DEFAULT_PACKET = 20
"""ATT payload of the smallest MTU (23 - 3): what micro:bit firmware uses."""
_ADDRESS = re.compile(r"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}\Z|^[0-9A-Fa-f-]{36}\Z")


def is_address(text: str) -> bool:
    """A MAC address (Linux, Windows) or a CoreBluetooth UUID (macOS), rather than a name."""
    return bool(_ADDRESS.match(text))


def bluetooth_missing(exc: BaseException) -> bool:
    """True for the ways bleak says "no Bluetooth here" (no D-Bus socket, no BlueZ, no adapter)."""
    if isinstance(exc, FileNotFoundError | BleakBluetoothNotAvailableError | PermissionError):
        return True
    if isinstance(exc, ConnectionRefusedError):
        return True
    if isinstance(exc, BleakDBusError):
        return exc.dbus_error in (
            "org.freedesktop.DBus.Error.ServiceUnknown",
            "org.freedesktop.DBus.Error.NoReply",
            "org.bluez.Error.NotReady",
        )
    text = str(exc).lower()
    return isinstance(exc, BleakError) and ("adapter" in text or "bluetooth" in text)


def find_uart(
    services: BleakGATTServiceCollection,
) -> tuple[BleakGATTCharacteristic, BleakGATTCharacteristic] | None:
    """The (host writes, robot notifies) characteristics of the Nordic UART service, by property."""
    service = services.get_service(NUS_SERVICE)
    if service is None:
        return None
    chars = service.characteristics
    writable = [c for c in chars if {"write", "write-without-response"} & set(c.properties)]
    notifying = [c for c in chars if {"notify", "indicate"} & set(c.properties)]
    rx = next((c for c in writable if c not in notifying), writable[0] if writable else None)
    tx = next((c for c in notifying if c is not rx), None)
    if rx is None or tx is None:
        return None
    return rx, tx


class BleTransport(Transport):
    """A robot at a BLE address (or advertised name), talking through the Nordic UART service.

    Args:
        target: a MAC address / CoreBluetooth UUID, or the robot's advertised name.
        backend: a bleak client backend class (tests plug an in-process peripheral in here).
        scanner_backend: a bleak scanner backend class, used to find a robot by name.
    """

    kind = "ble"
    retry_after = 0.6  # connection intervals of 30-50 ms and ~100 ms write round trips

    def __init__(
        self,
        target: str | BLEDevice,
        *,
        backend: type[BaseBleakClient] | None = None,
        scanner_backend: type[BaseBleakScanner] | None = None,
        connect_timeout: float = 15.0,
        scan_timeout: float = 5.0,
    ) -> None:
        super().__init__()
        self.target = target
        address = target.address if isinstance(target, BLEDevice) else target
        self.url = f"ble://{address}"
        self.backend = backend
        self.scanner_backend = scanner_backend
        self.connect_timeout = connect_timeout
        self.scan_timeout = scan_timeout
        self._client: BleakClient | None = None
        self._rx: BleakGATTCharacteristic | None = None
        self._response = False
        self._lock = asyncio.Lock()
        self._closing = False

    async def open(self) -> None:
        self._closing = False
        try:
            target = await self._resolve()
            client = BleakClient(
                target,
                disconnected_callback=self._disconnected,
                timeout=self.connect_timeout,
                backend=self.backend,
            )
            await client.connect()
        except TransportError:
            raise
        except Exception as exc:
            raise self._failure(exc) from exc
        uart = find_uart(client.services)
        if uart is None:
            with contextlib.suppress(Exception):
                await client.disconnect()
            raise RobotNotFound(self.url, key="robot.no_uart", reason="no Nordic UART service")
        self._rx, tx = uart
        self._response = "write-without-response" not in self._rx.properties
        self._client = client
        try:
            await client.start_notify(tx, self._notified)
        except Exception as exc:
            await self.close()
            raise self._failure(exc) from exc

    async def _resolve(self) -> BLEDevice:
        """A fresh scan for the robot (by address or name): BlueZ only connects to devices it has
        just seen, and after a drop the robot may advertise again under a new connection."""
        target = self.target
        if isinstance(target, BLEDevice):
            return target
        wanted = target.upper() if is_address(target) else target
        found = await BleakScanner.find_device_by_filter(
            lambda d, adv: d.address.upper() == wanted or target in (d.name, adv.local_name),
            timeout=self.scan_timeout,
            **_scanner_args(self.scanner_backend),
        )
        if found is None:
            raise RobotNotFound(self.url, reason="no robot advertises this address or name")
        return found

    def _failure(self, exc: BaseException) -> TransportError:
        if bluetooth_missing(exc):
            return BluetoothUnavailable(self.url, reason=f"{type(exc).__name__}: {exc}")
        return RobotNotFound(self.url, reason=f"{type(exc).__name__}: {exc}")

    def _notified(self, sender: BleakGATTCharacteristic, data: bytearray) -> None:
        self._on_data(bytes(data))

    def _disconnected(self, client: BleakClient) -> None:
        if not self._closing:
            self._on_lost("out of range")

    def packet_size(self) -> int:
        """Bytes per write: the negotiated size without response, else the smallest ATT payload."""
        if self._rx is None or self._response:
            return DEFAULT_PACKET
        return max(DEFAULT_PACKET, self._rx.max_write_without_response_size)

    async def write(self, data: bytes) -> None:
        client, rx = self._client, self._rx
        if client is None or rx is None:
            raise LinkLost("closed", robot=self.url)
        size = self.packet_size()
        try:
            async with self._lock:  # the pieces of two frames must not interleave
                for start in range(0, len(data), size):
                    chunk = data[start : start + size]
                    await client.write_gatt_char(rx, chunk, response=self._response)
        except Exception as exc:
            if not self._closing:
                self._on_lost(f"write failed ({exc})")
            raise LinkLost("write failed", robot=self.url) from exc

    async def close(self) -> None:
        self._closing = True
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                await client.disconnect()


async def scan_ble(
    timeout: float = 4.0, *, backend: type[BaseBleakScanner] | None = None
) -> list[tuple[BLEDevice, AdvertisementData]]:
    """Robots advertising the Nordic UART service or a RoboLab / micro:bit name, strongest first.

    Raises:
        BluetoothUnavailable: this machine has no usable Bluetooth.
    """
    try:
        found = await BleakScanner.discover(
            timeout=timeout, return_adv=True, **_scanner_args(backend)
        )
    except Exception as exc:
        if bluetooth_missing(exc):
            raise BluetoothUnavailable("ble://", reason=f"{type(exc).__name__}: {exc}") from exc
        raise TransportError("ble://", reason=f"{type(exc).__name__}: {exc}") from exc
    robots = [(d, a) for d, a in found.values() if _looks_like_robot(d, a)]
    return sorted(robots, key=lambda pair: -pair[1].rssi)


def _scanner_args(backend: type[BaseBleakScanner] | None) -> BleakScanner.ExtraArgs:
    return {"backend": backend} if backend is not None else {}


def _looks_like_robot(device: BLEDevice, adv: AdvertisementData) -> bool:
    if NUS_SERVICE in (u.lower() for u in adv.service_uuids):
        return True
    name: Any = adv.local_name or device.name or ""
    return isinstance(name, str) and name.startswith(ROBOT_NAME_PREFIXES)
