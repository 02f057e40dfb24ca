"""The classroom's robots inside the server: the fleet, who has which robot, the queue of programs
waiting for a robot, live progress pushed to the tablets and the dashboards, and pause-all.

:class:`RobotRoom` is the server's :class:`~robolab.server.room.RoomControl` when robots are on
(``robolab serve`` always builds one; ``--demo`` adds two virtual robots, ``--robot URL``
connects robots at start). It owns a :class:`firmware_bridge.fleet.Fleet` and turns its events
into hub events:

- ``robot.changed {"robot"}`` to every facilitator page (:data:`FLEET_TOPIC`), for the fleet
  panel (live only);
- ``robot.team {"robot": {name, link, running, battery} | null}`` to the team the robot is given
  to (and ``null`` to the team that loses it), live only;
- ``robot.progress {job, challenge, phase, id, number, block, step, x?, y?, heading?, motion?}``
  to the team and the session's dashboards (live only, one per block start/end/sensor read);
- ``robot.job {"job"}`` to the team and the session's dashboards whenever a job changes; stored
  in the session's event stream (history, exports).

A team may send a program only when the server finds, itself, that the team's current program
(its autosaved workspace) is the program of its newest attempt and that this attempt solves the
challenge; the tablet's button only mirrors that answer.

Everything survives a restart, a crash included: the queue is stored (:mod:`robots_store`; a
job that was running is ``interrupted`` at the next start and waits for a facilitator), and the
robots are remembered with their names, calibration and teams (:mod:`robot_recall`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from firmware_bridge.discovery import serial_ports
from firmware_bridge.errors import BridgeError
from firmware_bridge.fleet import Fleet, FleetEvent, FleetRobot, RunOutcome, RunStatus
from firmware_bridge.link import ConnectionState
from firmware_bridge.transports.virtual import (
    register_virtual,
    registered_virtual,
    unregister_virtual,
)
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.challenge import Challenge
from robolab.i18n import LANGS, Lang
from robolab.server import robots_store
from robolab.server.db import Database
from robolab.server.http import ApiError
from robolab.server.hub import FLEET_TOPIC, team_topic
from robolab.server.models import Event, Session, Team
from robolab.server.robot_checks import current_program
from robolab.server.robot_jobs import KEEP_ENDED, JobStatus, RobotJob, RobotQueue, result_summary
from robolab.server.robot_recall import RobotRecall
from robolab.server.room import RoomControl
from robolab.server.state import AppState
from robolab.server.texts import both

log = logging.getLogger("robolab.server")

DEMO_MOVE_MS = 500
"""How long a demo robot takes per cell: slow enough to follow on a tablet."""
SCAN_SECONDS = 3.0
LIVE = (ConnectionState.READY, ConnectionState.CONNECTING, ConnectionState.HANDSHAKE)


def demo_robots(count: int = 2, move_ms: int = DEMO_MOVE_MS) -> list[VirtualRobot]:
    """Virtual robots for ``robolab serve --demo`` (no map: the server answers their sensors)."""
    return [
        VirtualRobot(f"Virtuel-{n}", grid=None, sensors=False, move_ms=move_ms)
        for n in range(1, count + 1)
    ]


def _team_id(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def team_view(robot: dict[str, Any]) -> dict[str, Any]:
    """What a team sees of its robot (no address, no other team)."""
    battery = robot.get("battery")
    return {
        "name": robot["name"],
        "link": robot["link"],
        "running": robot["running"],
        "battery": battery["percent"] if battery else None,
    }


class RobotRoom(RoomControl):
    """The fleet and the queue, plugged into the server (see the module's docstring).

    Args:
        fleet: the robots (a new :class:`Fleet` when ``None``).
        urls: robots to connect when the server starts (``--robot URL``), in the background.
        virtual: in-process virtual robots this room owns: registered, connected at start,
            powered off at the end.
        lang: the language of what is printed on the terminal.
    """

    def __init__(
        self,
        fleet: Fleet | None = None,
        *,
        urls: Sequence[str] = (),
        virtual: Sequence[VirtualRobot] = (),
        lang: Lang = "fr",
    ) -> None:
        self.lang: Lang = lang
        self.fleet = fleet if fleet is not None else Fleet()
        self.urls = tuple(urls)
        self.virtual = list(virtual)
        self.queue = RobotQueue()
        self.problems: list[dict[str, str]] = []
        self._state: AppState | None = None
        self._running: dict[str, RobotJob] = {}
        self._assigned: dict[str, int | None] = {}
        self._team_session: dict[int, int] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._scan_lock = asyncio.Lock()
        self.recall = RobotRecall(self.fleet, self._team_session, self._name_given_back)

    # -- the room hook -------------------------------------------------------------------------

    @property
    def has_robots(self) -> bool:  # type: ignore[override]
        return bool(self.fleet.robots)

    async def stop_all_robots(self) -> None:
        await self.fleet.stop_all()

    @property
    def state(self) -> AppState:
        if self._state is None:
            raise RuntimeError("the robot room is not open")
        return self._state

    async def open(self, state: AppState) -> None:
        """Called by the app once it is ready: the stored queue (a job that was running is now
        interrupted), virtual robots now, given URLs and remembered robots in the background."""
        self._state = state
        await self._restore_queue(state.db)
        remembered = await self.recall.open(state.db)
        self.fleet.on_event(self._on_fleet_event)
        for robot in self.virtual:
            register_virtual(robot)
        await asyncio.gather(*(self._connect_quietly(f"virtual://{r.name}") for r in self.virtual))
        virtual = {f"virtual://{r.name}" for r in registered_virtual()}
        self._spawn(
            self.recall.connect_at_start(remembered, self.urls, virtual, self._connect_quietly)
        )

    async def _restore_queue(self, db: Database) -> None:
        jobs, next_id = await db.run(robots_store.load_jobs, KEEP_ENDED)
        self.queue.restore(jobs, next_id)
        for job in jobs:
            self._team_session.setdefault(job.team_id, job.session_id)
            if job.status is JobStatus.RUNNING:  # the server died under it: never restarted alone
                message = both("fleet.interrupted", robot=job.robot_name)
                job.set(JobStatus.INTERRUPTED, message=message, progress=None)
                await self._announce(job)

    async def _connect_quietly(self, url: str, name: str = "") -> None:
        """Connects a robot; a failure is a line on the terminal and a note in the panel (the
        card keeps ``name``, a remembered robot's)."""
        try:
            await self.fleet.connect(url)
            return
        except BridgeError as err:
            self.problems.append({lang: err.message(lang) for lang in LANGS})
            log.warning("robot %s: %s", url, err.message(self.lang))
        except Exception:  # a surprise must not stop the server: it says what it could not do
            log.exception("robot %s could not be connected", url)
            self.problems.append({lang: f"{url}: ?" for lang in LANGS})
        robot = next((r for r in self.fleet.robots.values() if r.url == url), None)
        if robot is not None and name and not robot.name:
            robot.name = name
            self._robot_changed(robot.to_json())

    def _name_given_back(self, robot: FleetRobot) -> None:
        self._robot_changed(robot.to_json())

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stops every robot, lets the runs end (and be recorded), powers virtual robots off."""
        await self.fleet.close()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=2.0)
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for robot in self.virtual:
            unregister_virtual(robot)
            await robot.aclose()

    # -- fleet events -> hub -------------------------------------------------------------------

    def _publish(self, event: Event, topics: list[str] | None = None) -> None:
        if self._state is not None:
            self._state.hub.publish(event, topics)

    def _on_fleet_event(self, event: FleetEvent) -> None:
        kind = event.get("type")
        if kind == "robot":
            self._robot_changed(event["robot"])
            robot = self.fleet.robots.get(str(event["robot"].get("id")))
            if robot is not None and self.recall.noticed(robot):
                self._spawn(self._restore(robot.id))
        elif kind == "progress":
            self._progress(event)

    def robot_json(self, robot: dict[str, Any]) -> dict[str, Any]:
        """A fleet robot for the facilitator's panel: its team (id and session) and its job."""
        out = dict(robot)
        team = _team_id(robot.get("team"))
        out["team"] = team
        out["session"] = self._team_session.get(team) if team is not None else None
        job = self._running.get(robot["id"])
        out["job"] = job.id if job is not None else None
        return out

    def snapshot(self) -> list[dict[str, Any]]:
        return [self.robot_json(r) for r in self.fleet.snapshot()]

    def _robot_changed(self, robot: dict[str, Any]) -> None:
        now = time.time()
        self._publish(
            Event("robot.changed", 0, None, {"robot": self.robot_json(robot)}, now), [FLEET_TOPIC]
        )
        team = _team_id(robot.get("team"))
        before = self._assigned.get(robot["id"])
        self._assigned[robot["id"]] = team
        if before is not None and before != team:
            self._tell_team(before, None, now)
        if team is not None:
            self._tell_team(team, team_view(robot), now)

    def _tell_team(self, team: int, robot: dict[str, Any] | None, at: float) -> None:
        session = self._team_session.get(team, 0)
        event = Event("robot.team", session, team, {"robot": robot}, at)
        self._publish(event, [team_topic(team)])

    def _progress(self, event: FleetEvent) -> None:
        job = self._running.get(str(event.get("robot")))
        if job is None:
            return
        data = {k: v for k, v in event.items() if k not in ("type", "robot")}
        job.progress = data
        payload = {"job": job.id, "challenge": job.challenge_id, "robot": job.robot_id, **data}
        self._publish(Event("robot.progress", job.session_id, job.team_id, payload, time.time()))

    async def _restore(self, robot_id: str) -> None:
        try:
            await self.recall.restore(robot_id)
        except Exception:  # the server is closing, or the disk is full: the robot works anyway
            log.warning("robot %s: what it had could not be given back", robot_id, exc_info=True)

    async def _announce(self, job: RobotJob) -> None:
        """Stores and pushes the job's new state (live only if the session is gone)."""
        data = {"job": job.to_json()}
        try:
            event = await self.state.db.run(robots_store.save_job, job, data)
        except sqlite3.IntegrityError:  # the session was deleted meanwhile
            log.debug("robot job %d not stored: its session is gone", job.id)
            event = Event("robot.job", job.session_id, job.team_id, data, time.time())
        except Exception:  # a full disk, or the server is closing
            log.warning("robot job %d not stored", job.id, exc_info=True)
            event = Event("robot.job", job.session_id, job.team_id, data, time.time())
        self._publish(event)

    # -- robots --------------------------------------------------------------------------------

    def robot(self, robot_id: str) -> FleetRobot:
        try:
            return self.fleet.get(robot_id)
        except KeyError:
            raise ApiError(404, "fleet.unknown_robot") from None

    def robot_of(self, team_id: int) -> FleetRobot | None:
        return self.fleet.robot_of(str(team_id))

    def forget_failed(self, url: str) -> None:
        """Drops a robot that was never connected (a mistyped address leaves no card behind)."""
        robot = next((r for r in self.fleet.robots.values() if r.url == url), None)
        if robot is None or robot.session is not None or robot.running:
            return
        del self.fleet.robots[robot.id]
        event = Event("robot.changed", 0, None, {"robot": {"id": robot.id, "removed": True}})
        self._publish(event, [FLEET_TOPIC])

    async def assign(self, robot_id: str, team: Team | None) -> FleetRobot:
        """Gives the robot to ``team`` (``None``: to nobody), remembered at once."""
        robot = self.robot(robot_id)
        await self.recall.gave_team(  # first: if the disk is full, nothing changes (503)
            robot, None if team is None else team.id, None if team is None else team.session_id
        )
        if team is not None:
            self._team_session[team.id] = team.session_id
        self.fleet.assign(robot.id, None if team is None else str(team.id))
        return robot

    async def rename(self, robot_id: str, name: str) -> None:
        robot = await self.fleet.rename(robot_id, name)
        await self.recall.renamed(robot)

    async def calibrate(self, robot_id: str, values: dict[str, int]) -> None:
        await self.fleet.calibrate(robot_id, **values)
        await self.recall.calibrated(self.fleet.get(robot_id), values)

    async def disconnect(self, robot_id: str) -> None:
        await self.fleet.disconnect(robot_id)
        await self.recall.disconnected(self.fleet.get(robot_id))

    async def sessions_deleted(self, ids: list[int]) -> None:
        """Forgets deleted sessions: their jobs (a running one stops) and their teams' robots.
        The database forgot them already (foreign keys)."""
        gone = set(ids)
        for job in self.queue.drop_sessions(gone):
            if job.status is JobStatus.RUNNING and job.robot_id is not None:
                with contextlib.suppress(BridgeError, KeyError):
                    await self.fleet.stop(job.robot_id)
        teams = {team for team, session in self._team_session.items() if session in gone}
        for robot in list(self.fleet.robots.values()):
            if _team_id(robot.team) in teams:
                self.fleet.assign(robot.id, None)
        for team in teams:
            del self._team_session[team]

    async def scan(self, timeout: float = SCAN_SECONDS) -> dict[str, Any]:
        """Robots that answer and are not in the fleet yet (serial, Bluetooth LE, virtual)."""
        async with self._scan_lock:
            known = {r.url for r in self.fleet.robots.values() if r.link in LIVE}
            ports = await asyncio.to_thread(_serial_ports)
            virtual = [f"virtual://{r.name}" for r in registered_virtual()]
            urls = tuple(u for u in (*ports, *virtual) if u not in known)
            try:
                report = await self.fleet.scan(timeout, urls=urls, serial=False)
            except BridgeError as err:
                return {"found": [], "problems": [{lang: err.message(lang) for lang in LANGS}]}
        found = [r.to_json() for r in report.robots if r.url not in known]
        problems = [{lang: p.message(lang) for lang in LANGS} for p in report.problems]
        return {"found": found, "problems": problems}

    # -- the queue -----------------------------------------------------------------------------

    async def submit(
        self, team: Team, challenge: Challenge, attempt: int | None = None
    ) -> RobotJob:
        """Queues the team's current program for its robot (replacing a waiting one)."""
        robot = self.robot_of(team.id)
        if robot is None:
            raise ApiError(409, "fleet.no_robot")
        attempt_id, program = await current_program(self.state.db, team, challenge, attempt)
        self._team_session[team.id] = team.session_id
        job = self.queue.open_of(team.id)
        if job is not None and job.status is JobStatus.RUNNING:
            raise ApiError(409, "fleet.team_busy")
        fields = dict(
            challenge_id=challenge.id,
            attempt_id=attempt_id,
            program=program,
            robot_id=robot.id,
            robot_name=robot.name,
        )
        if job is None:
            job = self.queue.add(session_id=team.session_id, team_id=team.id, **fields)
        else:
            job.set(JobStatus.WAITING, **fields)
        await self._announce(job)
        return job

    def job(self, session: Session, job_id: int) -> RobotJob:
        job = self.queue.get(job_id)
        if job is None or job.session_id != session.id:
            raise ApiError(404, "fleet.unknown_job")
        return job

    async def approve(self, job: RobotJob) -> RobotJob:
        """Starts a waiting (or stopped, lost, failed) job on the team's robot now."""
        if not (job.status is JobStatus.WAITING or job.status.retryable):
            raise ApiError(409, "fleet.job_done", status=job.status.value)
        robot = self.robot_of(job.team_id)
        if robot is None:
            raise ApiError(409, "fleet.team_no_robot")
        name = robot.name or robot.url
        if robot.session is None or not robot.session.link.is_ready:
            raise ApiError(409, "fleet.robot_not_ready", robot=name, link=robot.link.value)
        if robot.running or robot.id in self._running:
            raise ApiError(409, "fleet.robot_busy", robot=name)
        challenge = self.state.catalog.get(job.challenge_id)
        if challenge is None:
            raise ApiError(409, "fleet.challenge_gone")
        self._running[robot.id] = job
        job.set(
            JobStatus.RUNNING,
            robot_id=robot.id,
            robot_name=name,
            tries=job.tries + 1,
            message=both("fleet.running", robot=name),
            result=None,
            progress=None,
        )
        await self._announce(job)
        self._spawn(self._run(job, robot.id, challenge))
        return job

    async def _run(self, job: RobotJob, robot_id: str, challenge: Challenge) -> None:
        try:
            outcome = await self.fleet.run(robot_id, challenge, job.program)
        except Exception as exc:  # never lose the job: it ends "failed", and can be retried
            log.exception("robot run failed")
            outcome = RunOutcome(robot_id, RunStatus.FAILED, {lang: str(exc) for lang in LANGS})
        finally:
            if self._running.get(robot_id) is job:
                del self._running[robot_id]
        result = None if outcome.report is None else outcome.report.to_json(trace=True)
        job.set(
            JobStatus(outcome.status.value),
            message=outcome.message,
            result=None if result is None else result_summary(result),
        )
        await self._announce(job)

    async def refuse(self, job: RobotJob) -> RobotJob:
        if job.status is not JobStatus.WAITING:
            raise ApiError(409, "fleet.job_done", status=job.status.value)
        job.set(JobStatus.REFUSED, message=both("fleet.refused"))
        await self._announce(job)
        return job


def _serial_ports() -> list[str]:
    try:
        return serial_ports()
    except Exception:  # no pyserial tools, no sysfs: no serial robots, not an error
        log.debug("listing serial ports failed", exc_info=True)
        return []


def robot_room_of(state: AppState) -> RobotRoom:
    """The server's robot room (409 ``fleet.off`` when the server runs without robots)."""
    room = state.room
    if not isinstance(room, RobotRoom):
        raise ApiError(409, "fleet.off")
    return room
