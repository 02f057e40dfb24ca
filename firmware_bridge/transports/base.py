"""The one seam every robot connection goes through: bytes in, bytes out, and "the link is gone"."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

DataCallback = Callable[[bytes], None]
LostCallback = Callable[[str], None]


class Transport(ABC):
    """A byte pipe to one robot (serial port, BLE Nordic UART, in-process virtual robot).

    The link binds two callbacks before :meth:`open`; transports call them from the event loop's
    thread only. ``on_data`` gets chunks in arrival order (not necessarily whole lines);
    ``on_lost`` is called once when the pipe breaks by itself (not after :meth:`close`).

    Attributes:
        url: how to reach the robot again (``/dev/ttyUSB0``, ``socket://host:port``,
            ``ble://AA:BB:...``, ``virtual://name``).
        kind: ``"serial"``, ``"ble"`` or ``"virtual"``.
        hello_wait: seconds to wait for the robot's own hello before asking for it. Boards that
            reset when the port opens (Arduino) need this: bytes sent to their bootloader are lost
            or, worse, keep it from starting the firmware.
        retry_after: seconds without any reply before a frame is sent again (radio links are
            slower than wires).
    """

    url: str = ""
    kind: str = ""
    hello_wait: float = 0.0
    retry_after: float = 0.25

    def __init__(self) -> None:
        self._on_data: DataCallback = _ignore_data
        self._on_lost: LostCallback = _ignore_lost

    def bind(self, on_data: DataCallback, on_lost: LostCallback) -> None:
        self._on_data = on_data
        self._on_lost = on_lost

    @abstractmethod
    async def open(self) -> None:
        """Connects; raises a :class:`~firmware_bridge.errors.TransportError` subclass on failure."""

    @abstractmethod
    async def write(self, data: bytes) -> None:
        """Sends bytes (splitting them as the medium requires)."""

    @abstractmethod
    async def close(self) -> None:
        """Disconnects; safe to call twice and after a loss."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"


def _ignore_data(data: bytes) -> None:
    return None


def _ignore_lost(reason: str) -> None:
    return None
