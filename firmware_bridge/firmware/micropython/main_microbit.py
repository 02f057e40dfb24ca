"""RoboLab robot on a micro:bit v2 with a DFRobot Maqueen (Lite) chassis, over USB serial.

Copy ``robocore.py`` and this file (renamed ``main.py``) to the micro:bit (see README.md). The
USB serial port then speaks the RoboLab protocol at 115200 Bd instead of the REPL.
micro:bit MicroPython has no Bluetooth API, so this robot is USB only.
"""
# ruff: noqa: UP031
# mypy: ignore-errors
# (MicroPython-only modules - microbit, machine, bluetooth - have no type stubs.)

import robocore
from microbit import Image, display, i2c, pin8, pin12, running_time, sleep, uart

MAQUEEN = 0x10  # the Maqueen's motor controller on I2C
SETTINGS = "robolab.cfg"


class Maqueen(robocore.Hardware):
    """Two motors on I2C, two red LEDs on P8/P12 and the 5x5 display for identify."""

    kind = "microbit"
    caps = ("identify", "name")
    plan_max = 256

    def ticks_ms(self) -> int:
        return int(running_time())

    def ticks_diff(self, a: int, b: int) -> int:
        return a - b

    def write(self, data: bytes) -> None:
        uart.write(data)

    def motors(self, left: int, right: int) -> None:
        for register, value in ((0x00, left), (0x02, right)):
            speed = min(255, abs(value) * 255 // 100)
            i2c.write(MAQUEEN, bytes([register, 0 if value >= 0 else 1, speed]))

    def indicator(self, on: bool) -> None:
        pin8.write_digital(1 if on else 0)
        pin12.write_digital(1 if on else 0)
        display.show(Image.HEART if on else Image())

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
        uart.init(baudrate=115200)
        self.body = Maqueen()
        self.core = robocore.Core(self.body, "RoboLab-bit")
        self.body.motors(0, 0)
        self.core.boot()

    def step(self) -> None:
        data = uart.read()
        if data:
            self.core.feed(data)
        self.core.poll()


def main() -> None:
    robot = Robot()
    while True:
        robot.step()
        sleep(2)


if __name__ == "__main__":
    main()
