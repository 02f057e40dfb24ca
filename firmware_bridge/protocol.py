"""The RoboLab robot protocol, version 1: names, limits and the messages both sides exchange.

The wire format is specified in ``docs/protocol.md``; :mod:`firmware_bridge.codec` turns these
messages into bytes and back. Every constant says which protocol version added it, so a host can
tell what an older robot understands (``Hello.version``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Final

PROTOCOL_NAME: Final = "robolab"
PROTOCOL_VERSION: Final = 1
MAX_HOST_LINE: Final = 64
"""Longest host frame, checksum included, newline excluded (robots may have 64-byte buffers)."""
MAX_ROBOT_LINE: Final = 160
"""Longest line a robot may send; longer input is discarded by the host's line reader."""
MAX_SEQ: Final = 999
"""Sequence numbers run 1..999 and wrap to 1; 0 is never used."""
WATCHDOG_LIMIT_MS: Final = 500
"""The longest watchdog a robot may announce: motors stop at most this long after the last frame."""
MAX_NAME: Final = 16
ADD_PER_LINE: Final = 8
"""Plan steps per ``ADD`` frame, so that a frame stays under :data:`MAX_HOST_LINE`."""


class Verb(StrEnum):
    """What the host asks (the second word of a host frame)."""

    HELLO = "HELLO"
    """Starts a session: the robot stops, disarms, forgets remembered frames and sends its hello
    line, then ``DONE``. Added in protocol 1."""
    HB = "HB"
    """Heartbeat; feeds the watchdog. Reply ``DONE st=<state>``. Added in protocol 1."""
    ARM = "ARM"
    """Allows motion until the next ``STOP``, ``HELLO`` or watchdog trip. Added in protocol 1."""
    STOP = "STOP"
    """Stops the motors at once, ends a running motion or plan and disarms. Added in protocol 1."""
    MOVE = "MOVE"
    """One step (a :class:`StepCode` and block number, ``F3``); ``ACK`` then ``DONE m= x= y= h=``.
    Added in protocol 1."""
    SENSE = "SENSE"
    """Reads one of the robot's own sensors (:class:`SensorName`); ``DONE v=``. Added in protocol 1."""
    POSE = "POSE"
    """Without arguments: reports the pose. With ``x y h``: sets it. Added in protocol 1."""
    STATUS = "STATUS"
    """Reports ``st``, plan progress and pose. Added in protocol 1."""
    CAL = "CAL"
    """Without arguments: reports calibration. With ``key=value`` pairs: sets and stores them.
    Added in protocol 1."""
    BAT = "BAT"
    """Battery voltage and charge (capability ``battery``). Added in protocol 1."""
    IDENT = "IDENT"
    """Blinks and beeps for about a second (capability ``identify``). Added in protocol 1."""
    NAME = "NAME"
    """Without arguments: reports the name. With one: renames and stores it (capability ``name``).
    Added in protocol 1."""
    PLAN = "PLAN"
    """Starts an upload of ``n`` steps (capability ``upload``). Added in protocol 1."""
    ADD = "ADD"
    """Stores plan steps from index ``i``: ``ADD 0 F3 F3 L4`` (capability ``upload``). Added in
    protocol 1."""
    RUN = "RUN"
    """Runs the uploaded plan: ``ACK``, an ``EV STEP`` per step, then ``DONE`` (capability
    ``upload``). Added in protocol 1."""


QUERIES: Final = frozenset({Verb.HELLO, Verb.HB, Verb.STOP, Verb.SENSE, Verb.STATUS, Verb.BAT})
"""Verbs the robot never remembers: repeating them is harmless. ``POSE``, ``CAL`` and ``NAME``
are queries only without arguments; every other frame is remembered (see ``docs/protocol.md``)."""


class ReplyKind(StrEnum):
    """The word that says what a robot line is."""

    HELLO = "HELLO"
    """The robot's announcement, first line after boot and answer to ``HELLO``. Added in protocol 1."""
    ACK = "ACK"
    """Accepted: the command started and a ``DONE`` or ``ERR`` will follow. Added in protocol 1."""
    DONE = "DONE"
    """Finished; carries the results as ``key=value`` fields. Added in protocol 1."""
    ERR = "ERR"
    """Refused or failed, with an :class:`ErrorCode`. Added in protocol 1."""
    EV = "EV"
    """An event the robot sends on its own (:class:`EventName`). Added in protocol 1."""


class ErrorCode(StrEnum):
    """Why a robot answered ``ERR``."""

    UNKNOWN = "unknown"
    """The verb is not known to this firmware. Added in protocol 1."""
    ARGS = "args"
    """Missing, extra or malformed arguments. Added in protocol 1."""
    RANGE = "range"
    """A value is outside what the robot accepts. Added in protocol 1."""
    DISARMED = "disarmed"
    """A motion was asked while disarmed (after boot, ``STOP`` or a watchdog trip). Added in protocol 1."""
    BUSY = "busy"
    """A motion or plan is already running. Added in protocol 1."""
    STOPPED = "stopped"
    """The motion or plan was ended by ``STOP``, ``HELLO`` or the watchdog. Added in protocol 1."""
    UNSUPPORTED = "unsupported"
    """The robot lacks the capability (a sensor, the battery gauge...). Added in protocol 1."""
    FULL = "full"
    """The plan is longer than the robot can hold (``plan=`` in the hello). Added in protocol 1."""
    NOPLAN = "noplan"
    """``RUN`` without a complete plan, or ``ADD`` out of order. Added in protocol 1."""


class EventName(StrEnum):
    """Events a robot sends without being asked (``EV <name> ...``)."""

    WD = "WD"
    """The watchdog tripped: motors stopped, robot disarmed. Added in protocol 1."""
    STEP = "STEP"
    """A plan step finished: ``i= b= m= x= y= h=``. Added in protocol 1."""
    LOWBAT = "LOWBAT"
    """The battery is low: ``mv=``. Added in protocol 1."""


class Capability(StrEnum):
    """What a robot can do, as listed in ``caps=`` of its hello line."""

    AHEAD = "ahead"
    """Own sensor for ``path_ahead``. Added in protocol 1."""
    LEFT = "left"
    """Own sensor for ``path_left``. Added in protocol 1."""
    RIGHT = "right"
    """Own sensor for ``path_right``. Added in protocol 1."""
    GOAL = "goal"
    """Own sensor for ``at_goal``. Added in protocol 1."""
    GEM = "gem"
    """Own sensor for ``gem_here``. Added in protocol 1."""
    COLOR = "color"
    """Own floor-colour sensor for ``on_color``. Added in protocol 1."""
    BUMP = "bump"
    """Detects crashes itself (bumper): the host sends plain moves and trusts ``m=crash``.
    Added in protocol 1."""
    UPLOAD = "upload"
    """Understands ``PLAN``, ``ADD`` and ``RUN``. Added in protocol 1."""
    BATTERY = "battery"
    """Understands ``BAT``. Added in protocol 1."""
    IDENTIFY = "identify"
    """Understands ``IDENT``. Added in protocol 1."""
    NAME = "name"
    """Can be renamed with ``NAME`` (stored across power cycles). Added in protocol 1."""
    CRC = "crc"
    """Checks frame checksums and appends one to every line it sends. Added in protocol 1."""


class SensorName(StrEnum):
    """The argument of ``SENSE``; the same words as the sensor capabilities."""

    AHEAD = "ahead"
    """Answers ``v=1`` when the cell ahead is open. Added in protocol 1."""
    LEFT = "left"
    """Answers ``v=1`` when the cell to the left is open. Added in protocol 1."""
    RIGHT = "right"
    """Answers ``v=1`` when the cell to the right is open. Added in protocol 1."""
    GOAL = "goal"
    """Answers ``v=1`` on a goal cell. Added in protocol 1."""
    GEM = "gem"
    """Answers ``v=1`` on a gem mark. Added in protocol 1."""
    COLOR = "color"
    """Answers ``v=red|green|blue|yellow|none``. Added in protocol 1."""


class StepCode(StrEnum):
    """One motion, written before its block number in ``MOVE`` and ``ADD`` (``F3``)."""

    FORWARD = "F"
    """One cell forward. Added in protocol 1."""
    BACKWARD = "B"
    """One cell backward. Added in protocol 1."""
    LEFT = "L"
    """Quarter turn to the left, in place. Added in protocol 1."""
    RIGHT = "R"
    """Quarter turn to the right, in place. Added in protocol 1."""
    BUMP_FORWARD = "f"
    """The host's map says a wall is ahead: nudge forward and back, report ``m=crash``.
    Added in protocol 1."""
    BUMP_BACKWARD = "b"
    """The same, backwards. Added in protocol 1."""


class RobotState(StrEnum):
    """The ``st=`` field of ``HB`` and ``STATUS`` replies."""

    OFF = "off"
    """Disarmed (after boot, ``HELLO`` or ``STOP``). Added in protocol 1."""
    READY = "ready"
    """Armed and idle. Added in protocol 1."""
    BUSY = "busy"
    """A motion or plan is running. Added in protocol 1."""
    TRIPPED = "wd"
    """Disarmed by the watchdog; needs ``ARM`` to move again. Added in protocol 1."""


class MotionResult(StrEnum):
    """The ``m=`` field of motion replies."""

    OK = "ok"
    """The step was carried out. Added in protocol 1."""
    CRASH = "crash"
    """The robot hit something (or bumped on purpose) and is back on its cell. Added in protocol 1."""
    FALL = "fall"
    """The robot detected it left the mat. Added in protocol 1."""


class WireHeading(Enum):
    """Headings on the wire: one letter, clockwise from north (``h=`` fields, ``POSE``)."""

    N = 0
    E = 1
    S = 2
    W = 3


CALIBRATION_KEYS: Final = ("cell", "speed", "track", "trim", "power")
"""``CAL`` keys (protocol 1): mm per cell, mm/s at ``power``, wheel track in mm, turn trim in
percent, motor power in percent."""


@dataclass(frozen=True, slots=True)
class Frame:
    """A host frame: ``<seq> <verb> <args...>``."""

    seq: int
    verb: Verb
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hello:
    """The robot's announcement (``HELLO robolab/1 kind=... name=... fw=... caps=... wd=...``)."""

    version: int
    kind: str
    name: str
    firmware: str
    caps: frozenset[str] = frozenset()
    watchdog_ms: int = WATCHDOG_LIMIT_MS
    plan_max: int = 0
    extra: tuple[tuple[str, str], ...] = ()

    def has(self, cap: Capability) -> bool:
        return cap.value in self.caps


@dataclass(frozen=True, slots=True)
class Ack:
    """``<seq> ACK``: the command was accepted and is running."""

    seq: int


@dataclass(frozen=True, slots=True)
class Done:
    """``<seq> DONE key=value...``: the command finished."""

    seq: int
    fields: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str | None = None) -> str | None:
        return _get(self.fields, key, default)


@dataclass(frozen=True, slots=True)
class Refusal:
    """``<seq> ERR <code> key=value...``: the command was refused or failed."""

    seq: int
    code: str
    fields: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str | None = None) -> str | None:
        return _get(self.fields, key, default)


@dataclass(frozen=True, slots=True)
class Event:
    """``EV <name> key=value...``: something the robot reports on its own."""

    name: str
    fields: tuple[tuple[str, str], ...] = field(default=())

    def get(self, key: str, default: str | None = None) -> str | None:
        return _get(self.fields, key, default)


RobotLine = Hello | Ack | Done | Refusal | Event


def _get(fields: tuple[tuple[str, str], ...], key: str, default: str | None) -> str | None:
    for k, v in fields:
        if k == key:
            return v
    return default
