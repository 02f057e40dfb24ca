"""Serving a virtual robot as a real serial device (pseudo-terminal) or a TCP socket.

Opening the device (or connecting to the socket) is "plugging the robot in": it boots and sends
its hello, like an Arduino that resets when its USB port opens. Closing it is an unplug; the
robot keeps running and its watchdog stops the motors.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import select
import tty

from firmware_bridge.virtual_robot import VirtualRobot

BOOT_DELAY = 0.1
"""Seconds between "plugged in" and the hello line (pyserial flushes its input while opening)."""
WATCH_S = 0.005


class PtyServer:
    """One virtual robot on a pseudo-terminal; :attr:`path` is the device to open."""

    def __init__(self, robot: VirtualRobot, *, boot_delay: float = BOOT_DELAY) -> None:
        self.robot = robot
        self.boot_delay = boot_delay
        self.path = ""
        self.connections = 0
        self._master = -1
        self._connected = False
        self._watcher: asyncio.Task[None] | None = None

    async def start(self) -> str:
        master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        os.close(slave)
        os.set_blocking(master, False)
        self._master = master
        self._watcher = asyncio.get_running_loop().create_task(self._watch())
        return self.path

    async def _watch(self) -> None:
        poller = select.poll()
        poller.register(self._master, select.POLLIN | select.POLLHUP)
        while self._master >= 0:
            events = poller.poll(0)
            hung_up = any(mask & select.POLLHUP for _, mask in events)
            if not hung_up and not self._connected:
                self._plug()
            elif hung_up and self._connected:
                self._unplug()
            await asyncio.sleep(WATCH_S)

    def _plug(self) -> None:
        self._connected = True
        self.connections += 1
        asyncio.get_running_loop().add_reader(self._master, self._readable)
        self.robot.connect(self._write, boot_delay=self.boot_delay)

    def _unplug(self) -> None:
        self._connected = False
        asyncio.get_running_loop().remove_reader(self._master)
        self.robot.disconnect()

    def _readable(self) -> None:
        try:
            data = os.read(self._master, 4096)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno == errno.EIO and self._connected:
                self._unplug()  # the host closed the device
            return
        if data:
            self.robot.receive(data)

    def _write(self, data: bytes) -> None:
        if not self._connected:
            return
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._master, data)  # a full buffer loses bytes, like a UART overrun

    def vanish(self) -> None:
        """The device disappears (a USB robot unplugged): the host's reads fail at once."""
        if self._connected:
            self._unplug()
        if self._master >= 0:
            os.close(self._master)
            self._master = -1

    async def aclose(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        if self._connected:
            self._unplug()
        if self._master >= 0:
            os.close(self._master)
            self._master = -1


class TcpServer:
    """One virtual robot on ``socket://host:port``; a new connection replaces the previous one."""

    def __init__(self, robot: VirtualRobot, host: str = "127.0.0.1", port: int = 0) -> None:
        self.robot = robot
        self.host = host
        self.port = port
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._current: asyncio.StreamWriter | None = None

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    async def start(self) -> str:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.url

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._current is not None:
            self._current.close()
        self._current = writer
        self.connections += 1

        def send(data: bytes) -> None:
            if not writer.is_closing():
                writer.write(data)

        self.robot.connect(send)
        try:
            while data := await reader.read(4096):
                self.robot.receive(data)
        except (ConnectionError, OSError):
            pass
        finally:
            if self._current is writer:
                self._current = None
                self.robot.disconnect()
            writer.close()

    async def aclose(self) -> None:
        if self._current is not None:
            self._current.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
