"""RoboLab robot on an ESP32 with an L298N (or TB6612) motor driver, over Bluetooth LE.

Copy ``robocore.py`` and this file (renamed ``main.py``) to the ESP32 (see README.md). The robot
advertises its name and the Nordic UART service; the host writes frames to RX (``...0002``) and
receives lines as notifications on TX (``...0003``), 20 bytes at a time.

Wiring (change the numbers below to match your board):
    IN1 27, IN2 26, ENA 14 (left)   IN3 25, IN4 33, ENB 32 (right)
    LED 2 (on-board), buzzer 4, battery 34 through a 20k/10k divider (a third of 2S Li-ion)
"""
# ruff: noqa: UP031
# mypy: ignore-errors
# (MicroPython-only modules - microbit, machine, bluetooth - have no type stubs.)

import time

import bluetooth
import robocore
from machine import ADC, PWM, Pin

NAME = "RoboLab-ESP32"
SETTINGS = "robolab.cfg"
PINS = {"in1": 27, "in2": 26, "ena": 14, "in3": 25, "in4": 33, "enb": 32, "led": 2, "buzzer": 4}
BATTERY_PIN = 34
BATTERY_DIVIDER = 3
BATTERY_EMPTY_MV = 6400
BATTERY_FULL_MV = 8400

_IRQ_CENTRAL_CONNECT = 1
_IRQ_CENTRAL_DISCONNECT = 2
_IRQ_GATTS_WRITE = 3
_FLAG_WRITE_NO_RESPONSE = 0x0004
_FLAG_WRITE = 0x0008
_FLAG_NOTIFY = 0x0010
_NUS = "6E400001-B5A3-F393-E0A9-E50E24DCCA9E"
_NUS_RX = "6E400002-B5A3-F393-E0A9-E50E24DCCA9E"
_NUS_TX = "6E400003-B5A3-F393-E0A9-E50E24DCCA9E"
PACKET = 20  # bytes per notification (the smallest ATT payload)


def advertising_payload(name: str) -> bytes:
    """Flags and the 128-bit Nordic UART service UUID (the name goes in the scan response)."""
    uuid = bytes(bluetooth.UUID(_NUS))
    return bytes([2, 0x01, 0x06, len(uuid) + 1, 0x07]) + uuid


def name_payload(name: str) -> bytes:
    encoded = name.encode()
    return bytes([len(encoded) + 1, 0x09]) + encoded


class BleUart:
    """The Nordic UART service: bytes written by the host are queued for the main loop."""

    def __init__(self, ble: object, name: str) -> None:
        self.ble = ble
        self.name = name
        self.connections = set()  # type: set[int]
        self.received = []  # type: list[bytes]
        self.new_connection = False
        ble.active(True)
        ble.irq(self._irq)
        service = (
            bluetooth.UUID(_NUS),
            (
                (bluetooth.UUID(_NUS_TX), _FLAG_NOTIFY),
                (bluetooth.UUID(_NUS_RX), _FLAG_WRITE | _FLAG_WRITE_NO_RESPONSE),
            ),
        )
        ((self.tx, self.rx),) = ble.gatts_register_services((service,))
        ble.gatts_set_buffer(self.rx, 128, True)
        self.advertise()

    def advertise(self) -> None:
        self.ble.gap_advertise(
            100000, adv_data=advertising_payload(self.name), resp_data=name_payload(self.name)
        )

    def _irq(self, event: int, data: tuple) -> None:
        if event == _IRQ_CENTRAL_CONNECT:
            self.connections.add(data[0])
            self.new_connection = True
        elif event == _IRQ_CENTRAL_DISCONNECT:
            self.connections.discard(data[0])
            self.advertise()
        elif event == _IRQ_GATTS_WRITE and data[1] == self.rx:
            self.received.append(bytes(self.ble.gatts_read(self.rx)))

    def read(self) -> bytes:
        if not self.received:
            return b""
        chunks, self.received = self.received, []
        return b"".join(chunks)

    def write(self, data: bytes) -> None:
        for conn in self.connections:
            for start in range(0, len(data), PACKET):
                self.ble.gatts_notify(conn, self.tx, data[start : start + PACKET])


class Esp32Body(robocore.Hardware):
    kind = "esp32"
    caps = ("battery", "identify", "name")
    plan_max = 256

    def __init__(self, link: BleUart) -> None:
        self.link = link
        self.in1, self.in2 = Pin(PINS["in1"], Pin.OUT), Pin(PINS["in2"], Pin.OUT)
        self.in3, self.in4 = Pin(PINS["in3"], Pin.OUT), Pin(PINS["in4"], Pin.OUT)
        self.ena = PWM(Pin(PINS["ena"]), freq=1000, duty_u16=0)
        self.enb = PWM(Pin(PINS["enb"]), freq=1000, duty_u16=0)
        self.led = Pin(PINS["led"], Pin.OUT)
        self.buzzer = PWM(Pin(PINS["buzzer"]), freq=880, duty_u16=0)
        self.adc = ADC(Pin(BATTERY_PIN))
        self.adc.atten(ADC.ATTN_11DB)

    def ticks_ms(self) -> int:
        return int(time.ticks_ms())

    def ticks_diff(self, a: int, b: int) -> int:
        return int(time.ticks_diff(a, b))

    def write(self, data: bytes) -> None:
        self.link.write(data)

    def motors(self, left: int, right: int) -> None:
        for value, forward, backward, enable in (
            (left, self.in1, self.in2, self.ena),
            (right, self.in3, self.in4, self.enb),
        ):
            forward.value(1 if value > 0 else 0)
            backward.value(1 if value < 0 else 0)
            enable.duty_u16(min(100, abs(value)) * 65535 // 100)

    def indicator(self, on: bool) -> None:
        self.led.value(1 if on else 0)
        self.buzzer.duty_u16(32768 if on else 0)

    def battery(self) -> "tuple[int, int]":
        mv = self.adc.read_uv() * BATTERY_DIVIDER // 1000
        pct = (mv - BATTERY_EMPTY_MV) * 100 // (BATTERY_FULL_MV - BATTERY_EMPTY_MV)
        return (mv, max(0, min(100, pct)))

    def load(self) -> "dict[str, object]":
        settings = {}  # type: dict[str, object]
        try:
            with open(SETTINGS) as stored:
                for line in stored.read().split("\n"):
                    key, _, value = line.partition("=")
                    if key:
                        settings[key] = int(value) if robocore._is_int(value) else value
        except OSError:
            pass
        return settings

    def save(self, settings: "dict[str, object]") -> None:
        with open(SETTINGS, "w") as stored:
            for key in settings:
                stored.write("%s=%s\n" % (key, settings[key]))


class Robot:
    """One robot: call :meth:`step` forever (tests call it a few times)."""

    def __init__(self) -> None:
        self.link = BleUart(bluetooth.BLE(), NAME)
        self.body = Esp32Body(self.link)
        self.core = robocore.Core(self.body, NAME)
        self.link.name = self.core.name
        self.body.motors(0, 0)

    def step(self) -> None:
        if self.link.new_connection:
            self.link.new_connection = False
            self.core.boot()  # the host also asks with HELLO once it has subscribed
        data = self.link.read()
        if data:
            self.core.feed(data)
        self.core.poll()


def main() -> None:
    robot = Robot()
    while True:
        robot.step()
        time.sleep_ms(2)


if __name__ == "__main__":
    main()
