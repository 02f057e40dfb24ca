"""Serial robots through pyserial's ``serial_for_url``: USB ports, ``socket://``, pseudo-terminals.

pyserial is blocking, so a reader thread hands received bytes to the event loop and writes run in
a one-thread executor (keeping their order); nothing blocks the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import serial

from firmware_bridge.errors import LinkLost, PortUnavailable
from firmware_bridge.transports.base import Transport

BAUDRATE = 115200
RESETS_ON_OPEN_WAIT = 2.0
"""Arduino boards reboot when the port opens and spend up to ~2 s in their bootloader."""
NO_RESET_VIDS = frozenset({0x0D28})
"""USB vendors whose boards do not reboot on open (micro:bit's DAPLink): ask for the hello at once."""


class SerialTransport(Transport):
    """A serial robot at ``url`` (a device path or any pyserial URL)."""

    kind = "serial"

    def __init__(
        self, url: str, *, baudrate: int = BAUDRATE, hello_wait: float | None = None
    ) -> None:
        super().__init__()
        self.url = url
        self.baudrate = baudrate
        self.hello_wait = default_hello_wait(url) if hello_wait is None else hello_wait
        self._port: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reader: threading.Thread | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._running = False

    async def open(self) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop
        try:
            self._port = await loop.run_in_executor(None, self._open_port)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _unavailable(self.url, exc) from exc
        self._running = True
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="robolab-serial-write")
        self._reader = threading.Thread(
            target=self._read_forever, name=f"robolab-serial-read {self.url}", daemon=True
        )
        self._reader.start()

    def _open_port(self) -> Any:
        port = serial.serial_for_url(
            self.url, baudrate=self.baudrate, timeout=0.1, write_timeout=2, do_not_open=True
        )
        if self.url.startswith("/dev/"):
            # A port already open by another robot's link (or another program) must not be shared:
            # a stray HELLO would end that robot's motion and the two readers would split its bytes.
            port.exclusive = True
        port.open()
        return port

    def _read_forever(self) -> None:
        port, loop = self._port, self._loop
        assert loop is not None
        while self._running:
            try:
                data = port.read(port.in_waiting or 1)
            except Exception as exc:  # pyserial raises several types when a device vanishes
                if self._running:
                    self._running = False
                    _call(loop, self._on_lost, f"unplugged ({exc})")
                return
            if data:
                _call(loop, self._on_data, bytes(data))

    async def write(self, data: bytes) -> None:
        port, writer = self._port, self._writer
        if port is None or writer is None or not self._running:
            raise LinkLost("closed", robot=self.url)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(writer, port.write, data)
        except (serial.SerialException, OSError) as exc:
            if self._running:
                self._running = False
                self._on_lost(f"unplugged ({exc})")
            raise LinkLost("unplugged", robot=self.url) from exc

    async def close(self) -> None:
        port, self._port = self._port, None
        self._running = False
        if port is None:
            return
        loop = asyncio.get_running_loop()
        if hasattr(port, "cancel_read"):
            with contextlib.suppress(Exception):
                port.cancel_read()  # wakes a reader blocked on a serial device at once
        closing = loop.run_in_executor(None, port.close)  # also wakes a reader on a socket
        closing.add_done_callback(_retrieve)
        if not self.url.startswith("socket://"):  # pyserial sleeps 0.3 s after closing a socket
            with contextlib.suppress(Exception):
                await closing
        reader, self._reader = self._reader, None
        if reader is not None and reader is not threading.current_thread():
            await loop.run_in_executor(None, reader.join, 1.0)
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=False)


def default_hello_wait(url: str) -> float:
    """How long to wait for a spontaneous hello on ``url`` before asking for one."""
    if "://" in url:
        return 0.0  # socket:// and friends: no bootloader behind them
    try:
        from serial.tools import list_ports

        for info in list_ports.comports():
            if info.device == url and info.vid in NO_RESET_VIDS:
                return 0.0
    except Exception:
        pass
    return RESETS_ON_OPEN_WAIT


def _unavailable(url: str, exc: BaseException) -> PortUnavailable:
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.ENOENT or "No such file" in text:
        return PortUnavailable(url, key="robot.port_missing", reason=text)
    if code == errno.EACCES or "Permission denied" in text:
        return PortUnavailable(url, key="robot.port_permission", reason=text)
    if code == errno.EBUSY or "busy" in text.lower():
        return PortUnavailable(url, key="robot.port_busy", reason=text)
    return PortUnavailable(url, reason=text)


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


def _call(loop: asyncio.AbstractEventLoop, fn: Any, arg: Any) -> None:
    with contextlib.suppress(RuntimeError):  # a closed loop: nobody is listening any more
        loop.call_soon_threadsafe(fn, arg)
