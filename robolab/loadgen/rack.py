"""Virtual robots for a load test, served over TCP from their own thread and event loop.

They are the classroom's robots as the server sees them (``--robot socket://127.0.0.1:PORT``):
the firmware's own protocol core with its watchdog, on a cable whose faults a test can switch on
(:class:`firmware_bridge.faults.Faults`), cut and mend. Their own loop keeps their timing (polls,
watchdog) apart from the busy loop of the simulated tablets.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from firmware_bridge.faults import Faults
from firmware_bridge.virtual_robot import VirtualRobot
from firmware_bridge.virtual_server import TcpServer

T = TypeVar("T")


class RobotRack:
    """``count`` virtual robots named ``Load-1`` … on free loopback ports.

    Args:
        count: how many robots.
        move_ms: how long one cell takes.
        faults: what goes wrong on every robot's cable.
    """

    def __init__(self, count: int, *, move_ms: int = 60, faults: Faults | None = None) -> None:
        self.robots = [
            VirtualRobot(f"Load-{n}", grid=None, sensors=False, move_ms=move_ms, faults=faults)
            for n in range(1, count + 1)
        ]
        self.servers: list[TcpServer] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="robot-rack")
        self._thread.daemon = True

    @property
    def urls(self) -> list[str]:
        return [server.url for server in self.servers]

    def start(self) -> list[str]:
        """Starts the robots' loop and their TCP servers; returns their URLs."""
        self._thread.start()
        self.call(self._start)
        return self.urls

    async def _start(self) -> None:
        for robot in self.robots:
            server = TcpServer(robot)
            await server.start()
            self.servers.append(server)

    def call(self, work: Callable[[], Coroutine[Any, Any, T]], timeout: float = 10.0) -> T:
        """Runs ``work()`` in the robots' loop and waits for it (from another thread)."""
        future: Future[T] = asyncio.run_coroutine_threadsafe(work(), self._loop)
        return future.result(timeout)

    def cut(self, timeout: float = 3.0) -> list[float]:
        """Cuts every robot's cable (nothing passes, nobody is told) as soon as one is driving,
        and waits until every robot that was armed has stopped by itself: motors off and
        disarmed by its watchdog. Returns, for each of them, how long after the cut that took
        (ms)."""

        async def cut_and_wait() -> list[float]:
            loop = asyncio.get_running_loop()
            until = loop.time() + timeout  # cut while a robot drives, if one does soon
            while not any(r.motors_running for r in self.robots) and loop.time() < until:
                await asyncio.sleep(0.005)
            armed = [r for r in self.robots if r.core.armed]
            for robot in self.robots:
                robot.cut()
            cut_at = loop.time()
            deadline = cut_at + timeout
            waiting = {r: cut_at for r in armed}
            stopped: dict[VirtualRobot, float] = {}
            while waiting and loop.time() < deadline:
                for robot in list(waiting):
                    if not robot.core.armed and not robot.motors_running:
                        stopped[robot] = loop.time()
                        del waiting[robot]
                await asyncio.sleep(0.002)
            return [(stopped.get(r, math.inf) - cut_at) * 1e3 for r in armed]

        return self.call(cut_and_wait, 2 * timeout + 5.0)

    def mend(self) -> None:
        async def mend_all() -> None:
            for robot in self.robots:
                robot.mend()

        self.call(mend_all)

    def close(self) -> None:
        """Powers the robots off and stops their loop."""
        if not self._thread.is_alive():
            return

        async def shutdown() -> None:
            for server in self.servers:
                await server.aclose()
            for robot in self.robots:
                await robot.aclose()

        try:
            self.call(shutdown)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            if not self._thread.is_alive():
                self._loop.close()
