"""Errors of the robot link. All derive from :class:`BridgeError` and carry structured fields.

Each error can say what went wrong in French and in English (:meth:`BridgeError.message`); the
sentences live in :mod:`robolab.messages` under ``robot.*`` keys.
"""

from __future__ import annotations

from typing import Any

from robolab.i18n import Lang
from robolab.messages import CATALOG, translate


class BridgeError(Exception):
    """Base of every robot-link error.

    Attributes:
        key: the message key in :data:`robolab.messages.CATALOG` (also a stable error code).
        robot: the robot's name or address when known, else ``""``.
        params: the values quoted in the message.
    """

    key = "robot.error"

    def __init__(self, *, robot: str = "", key: str | None = None, **params: Any) -> None:
        if key is not None:
            self.key = key
        self.robot = robot
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        """The explanation in ``lang``, prefixed by the robot when known."""
        text = translate(self.key, lang, robot=self.robot, **self.params)
        return f"{self.robot}: {text}" if self.robot else text

    def to_json(self, lang: Lang) -> dict[str, Any]:
        return {"code": self.key, "robot": self.robot, "message": self.message(lang)}


class ProtocolError(BridgeError):
    """A robot line that does not follow the protocol (``line`` holds the raw bytes)."""

    key = "robot.bad_line"

    def __init__(self, line: bytes, reason: str, *, robot: str = "") -> None:
        self.line = line
        self.reason = reason
        super().__init__(robot=robot, line=line[:80].decode("ascii", "replace"), reason=reason)


class TransportError(BridgeError):
    """The connection itself failed (``url`` says which one)."""

    key = "robot.transport_failed"

    def __init__(self, url: str, *, key: str | None = None, reason: str = "", robot: str = ""):
        self.url = url
        self.reason = reason
        super().__init__(robot=robot, key=key, url=url, reason=reason)


class PortUnavailable(TransportError):
    """A serial port cannot be opened: missing, busy, or no permission (``reason``)."""

    key = "robot.port_unavailable"


class BluetoothUnavailable(TransportError):
    """This machine has no usable Bluetooth (no adapter, no BlueZ/D-Bus, radio off)."""

    key = "robot.no_bluetooth"


class RobotNotFound(TransportError):
    """No robot answered at this address (not found by a scan, or not a RoboLab robot)."""

    key = "robot.not_found"


class HelloTimeout(BridgeError):
    """The port opened but no hello line came: not a RoboLab robot, or wrong firmware."""

    key = "robot.no_hello"

    def __init__(self, url: str, waited: float, *, robot: str = "") -> None:
        self.url = url
        self.waited = waited
        super().__init__(robot=robot, url=url, waited=f"{waited:.1f}")


class IncompatibleRobot(BridgeError):
    """The robot speaks another protocol version than this host."""

    key = "robot.incompatible"

    def __init__(self, version: int, supported: int, *, robot: str = "") -> None:
        self.version = version
        self.supported = supported
        super().__init__(robot=robot, version=version, supported=supported)


class LinkLost(BridgeError):
    """The link dropped while waiting (``reason``: ``unplugged``, ``out of range``, ``silent``,
    ``reset``, ``closed``...)."""

    key = "robot.link_lost"

    def __init__(self, reason: str = "", *, robot: str = "") -> None:
        self.reason = reason
        super().__init__(robot=robot, reason=reason)

    def message(self, lang: Lang) -> str:
        known = f"robot.why.{self.reason.split(' (')[0]}"
        why = translate(known, lang) if known in CATALOG else self.reason
        text = translate(self.key, lang, reason=why)
        return f"{self.robot}: {text}" if self.robot else text


class RobotTimeout(BridgeError):
    """A command got no final reply after every retry."""

    key = "robot.timeout"

    def __init__(self, verb: str, seq: int, waited: float, *, robot: str = "") -> None:
        self.verb = verb
        self.seq = seq
        self.waited = waited
        super().__init__(robot=robot, verb=verb, seq=seq, waited=f"{waited:.1f}")


class RobotRefused(BridgeError):
    """The robot answered ``ERR <code>`` (an :class:`~firmware_bridge.protocol.ErrorCode`)."""

    key = "robot.refused"

    def __init__(self, verb: str, seq: int, code: str, *, robot: str = "") -> None:
        self.verb = verb
        self.seq = seq
        self.code = code
        super().__init__(robot=robot, verb=verb, seq=seq, code=code)
