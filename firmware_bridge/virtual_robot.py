"""A virtual robot: the reference firmware's behaviour on a simulated body, on the core's mat model.

The protocol engine is the MicroPython firmware's own core (:mod:`robocore`), so what the host
talks to here is exactly what runs on the ESP32 and micro:bit robots. Its body moves by dead
reckoning on a grid; with a map (``grid=``) its sensors and its bumper answer from that map,
without one it announces no sensors and the host answers conditions from its own model.

Reach it in-process (:class:`~firmware_bridge.transports.virtual.VirtualTransport`), or as a real
serial device or TCP socket (:mod:`firmware_bridge.virtual_server`, ``robolab virtual-robot``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from firmware_bridge.faults import Faults, FaultyCable
from firmware_bridge.firmware.micropython import robocore
from robolab.board import read_sensor
from robolab.grid import BLOCKED, Grid
from robolab.program import Test
from robolab.robot import Pose
from robolab.vocabulary import Heading, Sensor

POLL_S = 0.002
_SENSORS = {
    "ahead": Sensor.PATH_AHEAD,
    "left": Sensor.PATH_LEFT,
    "right": Sensor.PATH_RIGHT,
    "goal": Sensor.AT_GOAL,
    "gem": Sensor.GEM_HERE,
}


class SimBody(robocore.Hardware):
    """The virtual robot's hardware: motors and light are recorded, sensors read the map."""

    kind = "virtual"
    plan_max = 256

    def __init__(
        self,
        *,
        grid: Grid | None,
        sensors: bool,
        battery: tuple[int, int],
        clock: Callable[[], float],
    ) -> None:
        self.grid = grid
        self.clock = clock
        self.caps = ("battery", "identify", "name")
        if grid is not None and sensors:
            self.caps += (*robocore.SENSORS, "bump")
        self.battery_level = battery
        self.settings: dict[str, Any] = {}
        self.core: robocore.Core | None = None
        self.output: Callable[[bytes], None] = lambda data: None
        self.motor_log: list[tuple[float, int, int]] = []
        self.light = False
        self.light_flashes = 0

    # robocore.Hardware
    def ticks_ms(self) -> int:
        return int(self.clock() * 1000)

    def write(self, data: bytes) -> None:
        self.output(data)

    def motors(self, left: int, right: int) -> None:
        if not self.motor_log or self.motor_log[-1][1:] != (left, right):
            self.motor_log.append((self.clock(), left, right))

    def indicator(self, on: bool) -> None:
        if on and not self.light:
            self.light_flashes += 1
        self.light = on

    def battery(self) -> tuple[int, int]:
        return self.battery_level

    def sense(self, name: str, x: int, y: int, heading: int) -> int | str:
        if self.grid is None:  # sensors are only announced with a map
            return 0
        if name == "color":
            color = self.grid.color_at(x, y)
            return color.value if color is not None else "none"
        return int(read_sensor(self.grid, Pose(x, y, Heading(heading)), Test(_SENSORS[name])))

    def bumped(self) -> bool:
        core = self.core
        if self.grid is None or core is None or core.job is None:
            return False
        job = core.job
        code = job.steps[job.index][0]
        heading = core.heading if code == "F" else (core.heading + 2) % 4
        dx, dy = robocore.DELTAS[heading]
        if self.grid.kinds[self.grid.index(core.x + dx, core.y + dy)] != BLOCKED:
            return False
        duration = job.phases[job.phase][2]
        return self.ticks_diff(self.ticks_ms(), job.t0) * 10 >= duration * 3

    def load(self) -> dict[str, Any]:
        return dict(self.settings)

    def save(self, settings: dict[str, Any]) -> None:
        self.settings = dict(settings)

    @property
    def motors_running(self) -> bool:
        return bool(self.motor_log) and self.motor_log[-1][1:] != (0, 0)


def motion_calibration(move_ms: int) -> dict[str, int]:
    """Calibration values that make one cell (and one quarter turn) take about ``move_ms``."""
    move_ms = max(1, move_ms)
    if move_ms >= 30:
        cell, speed = 150, max(10, 150_000 // move_ms)
    else:
        cell, speed = max(20, move_ms * 5), 5000
    track = max(20, min(500, move_ms * speed // 785))
    return {"cell": cell, "speed": speed, "track": track}


class VirtualRobot:
    """One virtual robot. Connect a host with :meth:`connect`; feed it bytes with :meth:`receive`.

    Args:
        name: the name in its hello line.
        grid: the mat it stands on (its sensors and bumper read it); ``None`` for no sensors.
        start: where it stands at power-up (default: the map's start cell, facing east).
        sensors: announce the map sensors and the bumper (only with a grid).
        move_ms: how long one cell takes (sets its ``speed`` calibration).
        faults: what goes wrong on its cable.
        reset_on_connect: boot again whenever a host connects, like an Arduino on USB.
    """

    def __init__(
        self,
        name: str = "Virtuel",
        *,
        grid: Grid | None = None,
        start: Pose | None = None,
        sensors: bool = True,
        move_ms: int = 60,
        battery: tuple[int, int] = (7400, 80),
        faults: Faults | None = None,
        reset_on_connect: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.grid = grid
        self.start = start or (Pose(*grid.start, Heading.EAST) if grid is not None else None)
        self.reset_on_connect = reset_on_connect
        self.body = SimBody(grid=grid, sensors=sensors, battery=battery, clock=clock)
        self.body.settings = {"name": name, **motion_calibration(move_ms)}
        self.cable = FaultyCable(faults or Faults(), self._to_core)
        self.body.output = self.cable.from_robot
        self.core = self._power_on()
        self._poller: asyncio.Task[None] | None = None
        self.connected = False

    def _power_on(self) -> robocore.Core:
        core = robocore.Core(self.body, self.name)
        if self.start is not None:
            core.x, core.y, core.heading = self.start.x, self.start.y, int(self.start.heading)
        self.body.core = core
        return core

    def _to_core(self, data: bytes) -> None:
        self.core.feed(data)

    @property
    def motors_running(self) -> bool:
        return self.body.motors_running

    @property
    def pose(self) -> Pose:
        return Pose(self.core.x, self.core.y, Heading(self.core.heading))

    def connect(self, to_host: Callable[[bytes], None], *, boot_delay: float = 0.0) -> None:
        """A host plugged in: the robot boots (or just says hello) and talks to ``to_host``.

        Must be called from a running event loop. ``boot_delay`` mimics a bootloader.
        """
        loop = asyncio.get_running_loop()
        if self.reset_on_connect:
            self.body.motors(0, 0)
            self.core = self._power_on()
        self.cable.plug(to_host)
        self.connected = True
        if self._poller is None or self._poller.done():
            self._poller = loop.create_task(self._poll_forever())
        if boot_delay:
            loop.call_later(boot_delay, self._boot_if_connected, to_host)
        else:
            self.core.boot()

    def _boot_if_connected(self, to_host: Callable[[bytes], None]) -> None:
        if self.connected and self.cable._to_host is to_host:
            self.core.boot()

    def disconnect(self) -> None:
        """The host went away; the robot keeps running (its watchdog will stop the motors)."""
        self.connected = False
        self.cable.unplug()

    def receive(self, data: bytes) -> None:
        """Bytes from the host."""
        self.cable.from_host(data)

    def cut(self) -> None:
        """Cuts the cable: nothing passes any more and nobody is told."""
        self.cable.cut()

    def mend(self) -> None:
        self.cable.mend()

    async def wait_motors_stopped(self, timeout: float = 2.0) -> float:
        """Waits until the motors are off; returns the clock time when they stopped."""
        deadline = self.body.clock() + timeout
        while self.motors_running:
            if self.body.clock() > deadline:
                raise TimeoutError(f"{self.name}: motors still running after {timeout} s")
            await asyncio.sleep(POLL_S)
        return self.body.motor_log[-1][0] if self.body.motor_log else self.body.clock()

    async def _poll_forever(self) -> None:
        while True:
            self.core.poll()
            await asyncio.sleep(POLL_S)

    async def aclose(self) -> None:
        """Powers the robot off."""
        self.disconnect()
        self.body.motors(0, 0)
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
