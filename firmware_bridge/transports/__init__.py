"""Robot transports behind one seam (:class:`Transport`), chosen by :func:`open_transport`.

| URL | transport |
|---|---|
| ``/dev/ttyUSB0``, ``COM3``, ``socket://host:port``, ``loop://`` | :class:`SerialTransport` (pyserial) |
| ``ble://AA:BB:CC:DD:EE:FF`` or ``ble://Robot-name`` | :class:`BleTransport` (bleak, Nordic UART) |
| ``virtual://name`` | :class:`VirtualTransport` (in-process virtual robot) |

pyserial and bleak are imported only by the module that uses them.
"""

from __future__ import annotations

from firmware_bridge.transports.base import Transport

__all__ = ["Transport", "open_transport"]


def open_transport(url: str) -> Transport:
    """The transport for ``url`` (not opened yet; the link opens it)."""
    if url.startswith("virtual://"):
        from firmware_bridge.transports.virtual import VirtualTransport

        return VirtualTransport(url)
    if url.startswith("ble://"):
        from firmware_bridge.transports.ble import BleTransport

        return BleTransport(url.removeprefix("ble://"))
    from firmware_bridge.transports.serial_port import SerialTransport

    return SerialTransport(url)
