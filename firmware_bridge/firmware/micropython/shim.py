"""A small CPython stand-in for MicroPython's hardware modules, so the firmware runs in tests.

:class:`RecordingBody` is a :class:`robocore.Hardware` with a hand-driven clock that records
what the core does to the motors and the light. :func:`install` puts fake ``microbit``,
``machine`` and ``bluetooth`` modules (and MicroPython's ``time.ticks_ms``...) in place, so the
very entry points that run on the boards (``main_microbit.py``, ``main_esp32.py``) can be
imported and stepped; :func:`uninstall` removes them. Not copied to the boards.
"""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path
from typing import Any

from firmware_bridge.firmware.micropython import robocore

HERE = Path(__file__).parent


class Clock:
    """Milliseconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int) -> None:
        self.now += ms


class RecordingBody(robocore.Hardware):
    """Hardware for the core under CPython: output bytes, motor commands and light are recorded."""

    kind = "shim"
    plan_max = 16

    def __init__(self, clock: Clock | None = None, caps: tuple[str, ...] = ("identify",)) -> None:
        self.clock = clock or Clock()
        self.caps = caps
        self.out = bytearray()
        self.motor_log: list[tuple[int, int, int]] = []
        self.light = False
        self.settings: dict[str, object] = {}
        self.bump = False
        self.readings: dict[str, int | str] = {}

    def ticks_ms(self) -> int:
        return self.clock()

    def write(self, data: bytes) -> None:
        self.out += data

    def motors(self, left: int, right: int) -> None:
        self.motor_log.append((self.clock(), left, right))

    def indicator(self, on: bool) -> None:
        self.light = on

    def battery(self) -> tuple[int, int]:
        return (7400, 50)

    def sense(self, name: str, x: int, y: int, heading: int) -> int | str:
        return self.readings.get(name, 0)

    def bumped(self) -> bool:
        return self.bump

    def load(self) -> dict[str, object]:
        return dict(self.settings)

    def save(self, settings: dict[str, object]) -> None:
        self.settings = dict(settings)

    def take_lines(self) -> list[bytes]:
        """The complete lines sent so far (without newlines), emptying the buffer."""
        data, self.out = bytes(self.out), bytearray()
        return data.split(b"\n")[:-1]

    @property
    def motors_running(self) -> bool:
        return bool(self.motor_log) and self.motor_log[-1][1:] != (0, 0)


# -- fake MicroPython modules --------------------------------------------------------------------


class FakeUart:
    def __init__(self) -> None:
        self.baudrate = 0
        self.incoming = bytearray()
        self.sent = bytearray()

    def init(self, baudrate: int = 9600, **kwargs: Any) -> None:
        self.baudrate = baudrate

    def read(self, n: int | None = None) -> bytes | None:
        if not self.incoming:
            return None  # MicroPython returns None when nothing is waiting
        data, self.incoming = bytes(self.incoming), bytearray()
        return data

    def write(self, data: bytes) -> int:
        self.sent += data
        return len(data)


class FakePin:
    OUT = 1
    IN = 0

    def __init__(self, number: int = 0, mode: int = 0) -> None:
        self.number = number
        self.level = 0

    def value(self, level: int | None = None) -> int:
        if level is not None:
            self.level = level
        return self.level

    def write_digital(self, level: int) -> None:
        self.level = level


class FakePWM:
    def __init__(self, pin: FakePin, freq: int = 0, duty_u16: int = 0) -> None:
        self.pin = pin
        self.duty = duty_u16

    def duty_u16(self, value: int) -> None:
        self.duty = value


class FakeADC:
    ATTN_11DB = 3

    def __init__(self, pin: FakePin) -> None:
        self.microvolts = 2_466_000

    def atten(self, value: int) -> None:
        return None

    def read_uv(self) -> int:
        return self.microvolts


class FakeI2C:
    def __init__(self) -> None:
        self.writes: list[tuple[int, bytes]] = []

    def write(self, address: int, data: bytes) -> None:
        self.writes.append((address, bytes(data)))


class FakeBLE:
    """Enough of ``bluetooth.BLE`` for a peripheral: register, advertise, notify, fake a central."""

    def __init__(self) -> None:
        self.handler: Any = None
        self.values: dict[int, bytes] = {}
        self.notified: list[tuple[int, int, bytes]] = []
        self.advertising: list[tuple[Any, ...]] = []
        self.services: Any = None

    def active(self, on: bool | None = None) -> bool:
        return True

    def irq(self, handler: Any) -> None:
        self.handler = handler

    def gatts_register_services(self, services: Any) -> tuple[tuple[int, ...], ...]:
        self.services = services
        handles = []
        next_handle = 10
        for _, chars in services:
            ids = []
            for _ in chars:
                ids.append(next_handle)
                next_handle += 2
            handles.append(tuple(ids))
        return tuple(handles)

    def gatts_set_buffer(self, handle: int, size: int, append: bool = False) -> None:
        return None

    def gap_advertise(
        self, interval: int | None, adv_data: bytes = b"", resp_data: bytes = b""
    ) -> None:
        self.advertising.append((interval, adv_data, resp_data))

    def gatts_read(self, handle: int) -> bytes:
        return self.values.get(handle, b"")

    def gatts_notify(self, conn: int, handle: int, data: bytes) -> None:
        self.notified.append((conn, handle, bytes(data)))

    # what a central does
    def central_connects(self, conn: int = 1) -> None:
        self.handler(1, (conn, 0, b"\x00" * 6))

    def central_disconnects(self, conn: int = 1) -> None:
        self.handler(2, (conn, 0, b"\x00" * 6))

    def central_writes(self, handle: int, data: bytes, conn: int = 1) -> None:
        self.values[handle] = data
        self.handler(3, (conn, handle))


class FakeUUID:
    def __init__(self, text: str) -> None:
        self.text = text

    def __bytes__(self) -> bytes:
        return bytes.fromhex(self.text.replace("-", ""))[::-1]


class FakeDisplay:
    def __init__(self) -> None:
        self.shown: list[Any] = []

    def show(self, image: Any) -> None:
        self.shown.append(image)


class FakeImage:
    HEART = "heart"

    def __init__(self, *args: Any) -> None:
        self.args = args


_MODULES = ("microbit", "machine", "bluetooth", "robocore")
_TIME_NAMES = ("ticks_ms", "ticks_diff", "sleep_ms")


def install(clock: Clock) -> dict[str, Any]:
    """Puts fake ``microbit``, ``machine`` and ``bluetooth`` modules in ``sys.modules`` (and
    ``robocore`` under its on-board name); returns the fakes by name for the test to drive."""
    uart, i2c = FakeUart(), FakeI2C()
    display = FakeDisplay()
    pins = {8: FakePin(8), 12: FakePin(12)}
    ble = FakeBLE()
    microbit = types.ModuleType("microbit")
    microbit.__dict__.update(
        uart=uart,
        i2c=i2c,
        display=display,
        Image=FakeImage,
        pin8=pins[8],
        pin12=pins[12],
        running_time=clock,
        sleep=lambda ms: clock.advance(int(ms)),
    )
    machine = types.ModuleType("machine")
    machine.__dict__.update(Pin=FakePin, PWM=FakePWM, ADC=FakeADC)
    bluetooth = types.ModuleType("bluetooth")
    bluetooth.__dict__.update(BLE=lambda: ble, UUID=FakeUUID)
    sys.modules.update(microbit=microbit, machine=machine, bluetooth=bluetooth, robocore=robocore)
    time.ticks_ms = clock  # type: ignore[attr-defined]
    time.ticks_diff = lambda a, b: a - b  # type: ignore[attr-defined]
    time.sleep_ms = lambda ms: clock.advance(int(ms))  # type: ignore[attr-defined]
    return {"uart": uart, "i2c": i2c, "display": display, "pins": pins, "ble": ble}


def uninstall() -> None:
    for name in (*_MODULES, "main_microbit", "main_esp32"):
        sys.modules.pop(name, None)
    for name in _TIME_NAMES:
        if hasattr(time, name):
            delattr(time, name)


def load_entry_point(name: str) -> types.ModuleType:
    """Imports ``main_microbit`` or ``main_esp32`` fresh from this folder (after :func:`install`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
