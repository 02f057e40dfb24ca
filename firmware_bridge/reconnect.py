"""Reconnecting after a drop: a fresh scan each time, with exponential back-off.

A USB robot may come back under another device name (``ttyUSB0`` -> ``ttyUSB1``) and a BLE robot
must be seen by a new scan before BlueZ connects to it, so every attempt looks for the robot again
(by its name, from its hello) instead of blindly reopening the old address.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Collection, Iterator
from dataclasses import dataclass

from firmware_bridge.discovery import serial_ports
from firmware_bridge.errors import BridgeError, RobotNotFound
from firmware_bridge.link import LinkTiming
from firmware_bridge.session import RobotSession
from firmware_bridge.transports import Transport, open_transport


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delays between attempts: ``first``, then times ``factor``, at most ``most`` seconds, each
    spread by up to ``jitter`` (a fraction) so that a classroom of robots does not retry in step."""

    first: float = 0.2
    factor: float = 2.0
    most: float = 5.0
    jitter: float = 0.1

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        rng = rng or random.Random()
        delay = self.first
        while True:
            yield delay * (1 + rng.uniform(-self.jitter, self.jitter))
            delay = min(delay * self.factor, self.most)


TransportFactory = Callable[[str], Transport]


def candidates(url: str, busy: Collection[str] = ()) -> list[str]:
    """Where to look for the robot last seen at ``url``, best guess first, never a ``busy`` port
    (one that another connected robot uses: probing it would stop that robot)."""
    if url.startswith(("/dev/", "COM")):
        return [url, *(p for p in serial_ports() if p != url and p not in busy)]
    return [url]


async def reconnect(
    url: str,
    *,
    name: str | None = None,
    backoff: Backoff = Backoff(),
    attempts: int | None = None,
    timing: LinkTiming | None = None,
    transport_for: TransportFactory = open_transport,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    busy: Callable[[], Collection[str]] = frozenset,
) -> RobotSession:
    """Finds the robot again and opens a new session.

    Args:
        url: where it was.
        name: its name (from its hello): a robot found elsewhere must have this name.
        attempts: give up after this many rounds (``None``: keep trying until cancelled).
        transport_for: builds a transport for a URL (BLE tests pass their virtual backends here).
        busy: the addresses other connected robots use now (asked again at every round).

    Raises:
        RobotNotFound: after ``attempts`` rounds without finding it.
    """
    delays = backoff.delays()
    round_no = 0
    while attempts is None or round_no < attempts:
        round_no += 1
        for where in candidates(url, busy()):
            try:
                session = await RobotSession.connect(transport_for(where), timing=timing)
            except BridgeError:
                continue
            if name is None or session.name == name:
                return session
            await session.close()
        await sleep(next(delays))
    raise RobotNotFound(url, reason=f"not found after {round_no} attempts")
