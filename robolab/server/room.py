"""The hook between the classroom server and the room's hardware (the robot fleet).

When a facilitator presses "pause everyone", the server freezes the tablets and calls
:meth:`RoomControl.stop_all_robots`. The server has no robots of its own, so the default does
nothing; the robot fleet (``firmware_bridge.fleet.Fleet``) plugs in by passing an object with
this method to :func:`robolab.server.create_app`::

    fleet = Fleet(...)
    app = create_app(config, room=FleetRoomControl(fleet.stop_all))

The server waits at most :data:`STOP_TIMEOUT` seconds for the robots and never lets their
failure block the pause: the tablets are frozen first, whatever the robots do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from enum import StrEnum
from typing import Any

log = logging.getLogger("robolab.server")
STOP_TIMEOUT = 3.0


class RobotsStopped(StrEnum):
    """What happened to the robots on a pause (shown to the facilitator)."""

    NONE = "none"
    """No robot fleet is plugged in."""
    STOPPED = "stopped"
    """Every robot acknowledged the stop."""
    FAILED = "failed"
    """The fleet raised or did not answer in time (robots stop by themselves on their watchdog)."""


class RoomControl:
    """What the server asks of the room. Subclass it, or pass any object with these methods."""

    has_robots: bool = False

    async def stop_all_robots(self) -> None:
        """Stops every robot now (called on "pause everyone"). No robots: nothing to do."""

    async def open(self, state: Any) -> None:
        """Called once the app is ready (``state`` is its ``AppState``): robots connect here."""

    async def close(self) -> None:
        """Called when the app stops, before the database closes."""

    async def sessions_deleted(self, ids: list[int]) -> None:
        """Called once sessions were deleted (by a facilitator or the purge) with all their data:
        forget what is kept in memory about them (robots given to their teams, queued programs)."""


class FleetRoomControl(RoomControl):
    """Adapts a coroutine function that stops every robot (``Fleet.stop_all``)."""

    has_robots = True

    def __init__(self, stop_all: Callable[[], Awaitable[None]]) -> None:
        self._stop_all = stop_all

    async def stop_all_robots(self) -> None:
        await self._stop_all()


async def sessions_deleted(room: object, ids: Sequence[int]) -> None:
    """Tells ``room`` that these sessions are gone, when it wants to know (never raises)."""
    method = getattr(room, "sessions_deleted", None)
    if method is None or not ids:
        return
    try:
        await method(list(ids))
    except Exception:
        log.exception("the room could not forget the deleted sessions")


async def stop_robots(room: RoomControl) -> RobotsStopped:
    """Calls ``room.stop_all_robots()`` with a time limit; never raises."""
    try:
        await asyncio.wait_for(room.stop_all_robots(), STOP_TIMEOUT)
    except Exception:
        log.exception("stopping the robots failed")
        return RobotsStopped.FAILED
    return RobotsStopped.STOPPED if getattr(room, "has_robots", True) else RobotsStopped.NONE
