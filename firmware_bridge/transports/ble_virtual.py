"""An in-process Bluetooth LE robot for bleak: a client backend and a scanner backend.

``BleakClient(address, backend=VirtualBleClient)`` runs bleak's real client code (characteristic
lookup, the write-with/without-response rule, notifications, the disconnect callback) against a
:class:`~firmware_bridge.virtual_robot.VirtualRobot` behind a Nordic UART service. The
``microbit`` flavour swaps the two characteristic UUIDs, indicates instead of notifying and cuts
everything into 20-byte packets, like micro:bit firmware does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData, AdvertisementDataCallback, BaseBleakScanner
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakDeviceNotFoundError, BleakError

from firmware_bridge.transports.ble import NUS_SERVICE
from firmware_bridge.virtual_robot import VirtualRobot

NUS_0002 = "6e400002-b5a3-f393-e0a9-e50e24dcca9e"
NUS_0003 = "6e400003-b5a3-f393-e0a9-e50e24dcca9e"


class VirtualPeripheral:
    """A virtual robot advertising a Nordic UART service at ``address``."""

    def __init__(
        self,
        robot: VirtualRobot,
        address: str,
        *,
        microbit: bool = False,
        mtu: int = 185,
        rssi: int = -60,
        latency: float = 0.0,
    ) -> None:
        self.robot = robot
        self.address = address
        self.microbit = microbit
        self.mtu = 23 if microbit else mtu
        self.rssi = rssi
        self.latency = latency
        self.client: VirtualBleClient | None = None
        self.writes: list[bytes] = []
        self.notifications: list[bytes] = []

    @property
    def name(self) -> str:
        return f"BBC micro:bit [{self.robot.name}]" if self.microbit else self.robot.name

    @property
    def packet(self) -> int:
        return self.mtu - 3

    def go_out_of_range(self) -> None:
        """The radio link breaks: the robot stops hearing the host, bleak reports a disconnect."""
        client = self.client
        self.robot.disconnect()
        if client is not None:
            client._lose()


_PERIPHERALS: dict[str, VirtualPeripheral] = {}


def add_peripheral(robot: VirtualRobot, address: str, **options: Any) -> VirtualPeripheral:
    """Makes ``robot`` reachable at ``address`` (and visible to :class:`VirtualBleScanner`)."""
    robot.reset_on_connect = False  # a BLE robot keeps running between connections
    peripheral = VirtualPeripheral(robot, address, **options)
    _PERIPHERALS[address.upper()] = peripheral
    return peripheral


def remove_peripheral(address: str) -> None:
    _PERIPHERALS.pop(address.upper(), None)


def _services(peripheral: VirtualPeripheral) -> tuple[BleakGATTServiceCollection, int, int]:
    collection = BleakGATTServiceCollection()
    service = BleakGATTService(None, 10, NUS_SERVICE)
    collection.add_service(service)
    rx_uuid, tx_uuid = (NUS_0003, NUS_0002) if peripheral.microbit else (NUS_0002, NUS_0003)
    rx_props: list[Any] = ["write"] if peripheral.microbit else ["write", "write-without-response"]
    tx_props: list[Any] = ["indicate"] if peripheral.microbit else ["notify"]
    size: Callable[[], int] = lambda: peripheral.packet  # noqa: E731
    # Declared in a different order for the micro:bit, so that position cannot be relied on.
    chars = [(11, rx_uuid, rx_props), (13, tx_uuid, tx_props)]
    if peripheral.microbit:
        chars.reverse()
    for handle, uuid, props in chars:
        collection.add_characteristic(
            BleakGATTCharacteristic(None, handle, uuid, props, size, service)
        )
    return collection, 11, 13


class VirtualBleClient(BaseBleakClient):
    """bleak client backend talking to a :class:`VirtualPeripheral` in the same process."""

    def __init__(self, address_or_ble_device: BLEDevice | str, **kwargs: Any) -> None:
        super().__init__(
            address_or_ble_device,
            disconnected_callback=kwargs.pop("disconnected_callback", None),
            timeout=kwargs.pop("timeout", 10.0),
            **kwargs,
        )
        self._peripheral: VirtualPeripheral | None = None
        self._callback: NotifyCallback | None = None
        self._rx = self._tx = 0

    @property
    def name(self) -> str:
        return self._peripheral.name if self._peripheral else self.address

    @property
    def mtu_size(self) -> int:
        return self._peripheral.mtu if self._peripheral else 23

    @property
    def is_connected(self) -> bool:
        return self._peripheral is not None

    async def connect(self, pair: bool, **kwargs: Any) -> None:
        peripheral = _PERIPHERALS.get(self.address.upper())
        if peripheral is None:
            raise BleakDeviceNotFoundError(
                self.address, f"Device with address {self.address} was not found."
            )
        await asyncio.sleep(peripheral.latency)
        self.services, self._rx, self._tx = _services(peripheral)
        self._peripheral = peripheral
        peripheral.client = self
        peripheral.robot.connect(self._from_robot)

    async def disconnect(self) -> None:
        peripheral, self._peripheral = self._peripheral, None
        if peripheral is not None:
            peripheral.client = None
            peripheral.robot.disconnect()

    def _lose(self) -> None:
        peripheral, self._peripheral = self._peripheral, None
        if peripheral is not None:
            peripheral.client = None
        if self._disconnected_callback is not None:
            asyncio.get_running_loop().call_soon(self._disconnected_callback)

    async def pair(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def unpair(self) -> None:
        return None

    async def read_gatt_char(
        self, characteristic: BleakGATTCharacteristic, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        raise BleakError("the Nordic UART characteristics cannot be read")

    async def read_gatt_descriptor(
        self, descriptor: BleakGATTDescriptor, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        raise BleakError("no descriptors")

    async def write_gatt_descriptor(self, descriptor: BleakGATTDescriptor, data: Any) -> None:
        raise BleakError("no descriptors")

    async def write_gatt_char(
        self, characteristic: BleakGATTCharacteristic, data: Any, response: bool
    ) -> None:
        peripheral = self._require()
        if characteristic.handle != self._rx:
            raise BleakError(f"characteristic {characteristic.uuid} is not writable")
        if not response and "write-without-response" not in characteristic.properties:
            raise BleakError("write without response is not supported by this characteristic")
        chunk = bytes(data)
        if len(chunk) > peripheral.packet:
            raise BleakError(f"{len(chunk)} bytes is more than the {peripheral.packet} allowed")
        peripheral.writes.append(chunk)
        if response or peripheral.latency:
            await asyncio.sleep(peripheral.latency)
        if self._peripheral is peripheral:
            peripheral.robot.receive(chunk)

    async def start_notify(
        self, characteristic: BleakGATTCharacteristic, callback: NotifyCallback, **kwargs: Any
    ) -> None:
        self._require()
        if characteristic.handle != self._tx:
            raise BleakError(f"characteristic {characteristic.uuid} does not notify")
        self._callback = callback

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        self._callback = None

    def _from_robot(self, data: bytes) -> None:
        peripheral, callback = self._peripheral, self._callback
        if peripheral is None or callback is None:
            return
        loop = asyncio.get_running_loop()
        for start in range(0, len(data), peripheral.packet):
            packet = data[start : start + peripheral.packet]
            peripheral.notifications.append(packet)
            loop.call_soon(callback, bytearray(packet))

    def _require(self) -> VirtualPeripheral:
        if self._peripheral is None:
            raise BleakError("Not connected")
        return self._peripheral


class VirtualBleScanner(BaseBleakScanner):
    """bleak scanner backend that "hears" every :class:`VirtualPeripheral` every 50 ms."""

    def __init__(
        self,
        detection_callback: AdvertisementDataCallback | None,
        service_uuids: list[str] | None,
        scanning_mode: str = "active",
        **kwargs: Any,
    ) -> None:
        super().__init__(detection_callback, service_uuids)
        self.seen_devices = {}
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.seen_devices = {}
        self._task = asyncio.get_running_loop().create_task(self._advertise())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _advertise(self) -> None:
        while True:
            for peripheral in list(_PERIPHERALS.values()):
                adv = AdvertisementData(
                    local_name=peripheral.name,
                    manufacturer_data={},
                    service_data={},
                    service_uuids=[] if peripheral.microbit else [NUS_SERVICE],
                    tx_power=None,
                    rssi=peripheral.rssi,
                    platform_data=(),
                )
                if not self.is_allowed_uuid(adv.service_uuids):
                    continue
                device = self.create_or_update_device(
                    peripheral.address, peripheral.address, peripheral.name, None, adv
                )
                self.call_detection_callbacks(device, adv)
            await asyncio.sleep(0.05)
