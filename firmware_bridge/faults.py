"""Fault injection between a host and a virtual robot: drop, duplicate, corrupt, delay, cut."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass

from firmware_bridge.codec import LineBuffer


@dataclass(frozen=True, slots=True)
class Faults:
    """What goes wrong on the virtual cable (probabilities are per line, 0..1).

    Attributes:
        drop: host frames lost before the robot reads them.
        drop_replies: robot lines lost before the host reads them.
        duplicate: host frames delivered twice (the robot must not act twice).
        corrupt: host frames with one byte changed (a checksum catches it).
        delay_ms: extra latency of every robot line.
        cut_after: seconds after a host connects when the cable is cut (nothing passes any more,
            and neither side is told, like a robot driving out of radio range). A cut cable
            stays cut, even for new connections, until :meth:`FaultyCable.mend`...
        mend_after: ...or until this many seconds after a timed cut.
        seed: makes the random choices repeatable.
    """

    drop: float = 0.0
    drop_replies: float = 0.0
    duplicate: float = 0.0
    corrupt: float = 0.0
    delay_ms: float = 0.0
    cut_after: float | None = None
    mend_after: float | None = None
    seed: int | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.drop
            or self.drop_replies
            or self.duplicate
            or self.corrupt
            or self.delay_ms
            or self.cut_after is not None
        )


class FaultyCable:
    """Applies :class:`Faults` to both directions; ``cut()``/``mend()`` switch the cable off and on."""

    def __init__(self, faults: Faults, to_robot: Callable[[bytes], None]) -> None:
        self.faults = faults
        self._to_robot = to_robot
        self._to_host: Callable[[bytes], None] | None = None
        self._rng = random.Random(faults.seed)
        self._lines = LineBuffer(max_line=256)
        self._cut_timer: asyncio.TimerHandle | None = None
        self.is_cut = False
        self.cut_time: float | None = None

    def plug(self, to_host: Callable[[bytes], None]) -> None:
        """A host connected: robot lines now go to ``to_host``."""
        self._to_host = to_host
        self._lines = LineBuffer(max_line=256)
        loop = asyncio.get_running_loop()
        if self.faults.cut_after is not None:
            self._cut_timer = loop.call_later(self.faults.cut_after, self._timed_cut)

    def _timed_cut(self) -> None:
        self.cut()
        if self.faults.mend_after is not None:
            asyncio.get_running_loop().call_later(self.faults.mend_after, self.mend)

    def unplug(self) -> None:
        self._to_host = None
        if self._cut_timer is not None:
            self._cut_timer.cancel()
            self._cut_timer = None

    def cut(self) -> None:
        if not self.is_cut:
            self.is_cut = True
            self.cut_time = asyncio.get_running_loop().time()

    def mend(self) -> None:
        self.is_cut = False
        self.cut_time = None

    def from_host(self, data: bytes) -> None:
        if self.is_cut:
            return
        if not (self.faults.drop or self.faults.duplicate or self.faults.corrupt):
            self._to_robot(data)
            return
        for line in self._lines.feed(data):
            frame = line + b"\n"
            if self._chance(self.faults.drop):
                continue
            if self._chance(self.faults.corrupt) and line:
                pos = self._rng.randrange(len(line))
                frame = line[:pos] + bytes([line[pos] ^ 0x01]) + line[pos + 1 :] + b"\n"
            self._to_robot(frame)
            if self._chance(self.faults.duplicate):
                self._to_robot(frame)

    def from_robot(self, data: bytes) -> None:
        if self.is_cut or self._to_host is None or self._chance(self.faults.drop_replies):
            return
        loop = asyncio.get_running_loop()
        deliver = self._to_host
        if self.faults.delay_ms:
            loop.call_later(self.faults.delay_ms / 1000, self._late, deliver, data)
        else:
            loop.call_soon(deliver, data)

    def _late(self, deliver: Callable[[bytes], None], data: bytes) -> None:
        if not self.is_cut and self._to_host is deliver:
            deliver(data)

    def _chance(self, p: float) -> bool:
        return p > 0 and self._rng.random() < p
