"""An in-process transport to a :class:`~firmware_bridge.virtual_robot.VirtualRobot` (no OS pipe)."""

from __future__ import annotations

import asyncio

from firmware_bridge.errors import RobotNotFound
from firmware_bridge.transports.base import Transport
from firmware_bridge.virtual_robot import VirtualRobot

_REGISTRY: dict[str, VirtualRobot] = {}


def register_virtual(robot: VirtualRobot) -> str:
    """Makes ``robot`` reachable as ``virtual://<name>``; returns that URL."""
    _REGISTRY[robot.name] = robot
    return f"virtual://{robot.name}"


def unregister_virtual(robot: VirtualRobot) -> None:
    if _REGISTRY.get(robot.name) is robot:
        del _REGISTRY[robot.name]


def registered_virtual() -> list[VirtualRobot]:
    return list(_REGISTRY.values())


class VirtualTransport(Transport):
    """Bytes go straight to the robot's protocol core, replies come back on the next loop turn."""

    kind = "virtual"

    def __init__(self, robot: VirtualRobot | str) -> None:
        super().__init__()
        if isinstance(robot, str):
            name = robot.removeprefix("virtual://")
            found = _REGISTRY.get(name)
            if found is None:
                raise RobotNotFound(robot, reason="no virtual robot with this name")
            robot = found
        self.robot = robot
        self.url = f"virtual://{robot.name}"
        self._open = False

    async def open(self) -> None:
        self._open = True
        self.robot.connect(self._deliver)

    def _deliver(self, data: bytes) -> None:
        if self._open:
            self._on_data(data)

    async def write(self, data: bytes) -> None:
        if self._open:
            self.robot.receive(data)
        await asyncio.sleep(0)

    async def close(self) -> None:
        if self._open:
            self._open = False
            self.robot.disconnect()

    def unplug(self) -> None:
        """Pulls the cable: both sides notice at once (like a USB unplug)."""
        if self._open:
            self._open = False
            self.robot.disconnect()
            self._on_lost("unplugged")
