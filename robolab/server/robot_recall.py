"""Robots survive a restart: the fleet's robots are remembered (:mod:`robot_memory`) and get back
what they had when they return.

- At start, the robots that were connected reconnect by themselves (after the ``--robot`` ones,
  so a robot given both ways is not opened twice); a facilitator's *Disconnect* keeps a robot out
  of the next start.
- Each time a robot connects (at start, from the panel, or found again after a lost link), it is
  matched with a remembered robot (the name of its hello, its address as a hint) and gets back
  the name given in the panel (robots that cannot keep one), the calibration values set in the
  panel (when the robot lost them), and its team, if nobody else got that team meanwhile.
- The panel's changes are written at once, before the facilitator's answer: a crash right after
  loses nothing.

Programs in the queue are the room's business (:mod:`robots_store`); a robot is never started
here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable

from firmware_bridge.errors import BridgeError
from firmware_bridge.fleet import Fleet, FleetRobot
from firmware_bridge.link import ConnectionState
from firmware_bridge.protocol import Capability
from firmware_bridge.session import RobotSession
from robolab.server import robot_memory
from robolab.server.db import Database
from robolab.server.robot_memory import Remembered

log = logging.getLogger("robolab.server")


class RobotRecall:
    """The fleet's memory (see the module's docstring).

    Args:
        fleet: the room's robots.
        team_session: the room's map of team id -> session id (filled for restored teams).
        changed: publishes a robot whose name was given back.
    """

    def __init__(
        self,
        fleet: Fleet,
        team_session: dict[int, int],
        changed: Callable[[FleetRobot], None],
    ) -> None:
        self.fleet = fleet
        self.team_session = team_session
        self.changed = changed
        self.db: Database | None = None
        self._seen: dict[str, RobotSession] = {}
        """Per fleet robot, the connection last matched (a new one is matched again)."""
        self._bound: dict[str, tuple[RobotSession, int]] = {}
        """Per fleet robot, its connection and the remembered robot it is."""
        self._lock = asyncio.Lock()

    async def open(self, db: Database) -> list[Remembered]:
        """Reads the remembered robots (their teams join ``team_session``)."""
        self.db = db
        rows = await db.run(robot_memory.remembered)
        for row in rows:
            if row.team_id is not None and row.session_id is not None:
                self.team_session.setdefault(row.team_id, row.session_id)
        return rows

    async def connect_at_start(
        self,
        rows: list[Remembered],
        urls: Iterable[str],
        virtual: set[str],
        connect: Callable[[str, str], Awaitable[None]],
    ) -> None:
        """Connects ``urls`` (``--robot``), then the remembered robots not connected by then.

        ``virtual`` are the in-process virtual robots' addresses that exist in this run; a
        remembered ``virtual://`` robot that does not is skipped (a ``--demo`` of another day).
        ``connect(url, name)`` never raises.
        """
        urls = list(urls)
        await asyncio.gather(*(connect(url, "") for url in urls))
        known = {r.url for r in self.fleet.robots.values()} | set(urls)
        names = {r.session.hello.name for r in self.fleet.robots.values() if r.session}
        later: dict[str, str] = {}
        for row in rows:
            if not row.connect_at_start or row.url in known or row.hello_name in names:
                continue
            if row.url.startswith("virtual://") and row.url not in virtual:
                continue
            later.setdefault(row.url, row.name or row.hello_name)
        await asyncio.gather(*(connect(url, name) for url, name in later.items()))

    def noticed(self, robot: FleetRobot) -> bool:
        """True (once) when ``robot`` has just connected on a new link: restore it."""
        session = robot.session
        if session is None or robot.link is not ConnectionState.READY:
            return False
        if self._seen.get(robot.id) is session:
            return False
        self._seen[robot.id] = session
        return True

    async def row(self, robot: FleetRobot) -> Remembered | None:
        """The remembered robot this fleet robot is (matched once per connection)."""
        if self.db is None:
            return None
        async with self._lock:
            session = robot.session
            bound = self._bound.get(robot.id)
            if bound is not None and (session is None or bound[0] is session):
                return await self.db.run(robot_memory.robot_by_id, bound[1])
            if session is None:
                return None
            taken = {row_id for rid, (_, row_id) in self._bound.items() if rid != robot.id}
            row = await self.db.run(
                robot_memory.bind, session.hello.name, robot.url, taken, time.time()
            )
            self._bound[robot.id] = (session, row.id)
            return row

    async def restore(self, robot_id: str) -> None:
        """Gives a robot that just connected its name, calibration and team back."""
        robot = self.fleet.robots.get(robot_id)
        session = None if robot is None else robot.session
        if robot is None or session is None:
            return
        row = await self.row(robot)
        if row is None or robot.session is not session:
            return
        if row.name and not session.has(Capability.NAME) and robot.name != row.name:
            robot.name = row.name
            self.changed(robot)
        have = robot.calibration.to_json() if robot.calibration is not None else {}
        wanted = {k: v for k, v in row.calibration.items() if k in have or not have}
        if wanted and any(have.get(k) != v for k, v in wanted.items()):
            try:
                await self.fleet.calibrate(robot.id, **wanted)
            except BridgeError as err:
                log.warning("robot %s: calibration not given back: %s", robot.name, err)
        team = row.team_id
        if team is None or row.session_id is None or robot.team is not None:
            return
        if self.fleet.robot_of(str(team)) is None:
            self.team_session[team] = row.session_id
            self.fleet.assign(robot.id, str(team))

    async def gave_team(self, robot: FleetRobot, team: int | None, session: int | None) -> None:
        """Remembers who has the robot now (no other remembered robot keeps that team)."""
        if self.db is None:
            return
        row = await self.row(robot)
        await self.db.run(robot_memory.set_team, None if row is None else row.id, team, session)

    async def renamed(self, robot: FleetRobot) -> None:
        """Remembers a new name: as the hello's when the robot keeps it, else the panel's."""
        row = await self.row(robot)
        if self.db is None or row is None or robot.session is None:
            return
        if robot.session.has(Capability.NAME):
            await self.db.run(robot_memory.set_names, row.id, robot.name, None)
        else:
            await self.db.run(robot_memory.set_names, row.id, row.hello_name, robot.name)

    async def calibrated(self, robot: FleetRobot, values: dict[str, int]) -> None:
        """Remembers the calibration values set in the panel (as the robot took them)."""
        row = await self.row(robot)
        if self.db is None or row is None or not values:
            return
        taken = robot.calibration.to_json() if robot.calibration is not None else {}
        merged = {**row.calibration, **{k: taken.get(k, v) for k, v in values.items()}}
        await self.db.run(robot_memory.set_calibration, row.id, merged)

    async def disconnected(self, robot: FleetRobot) -> None:
        """A facilitator disconnected the robot: not reconnected at the next start."""
        row = await self.row(robot)
        if self.db is not None and row is not None:
            await self.db.run(robot_memory.set_connect_at_start, row.id, False)
