"""Running a program on a real robot, streamed block by block or uploaded whole, with progress.

Both modes drive the core's step-by-step runner (:func:`robolab.stepper.run_steps`), so the robot
follows the same semantics as the grid and the simulator, and the :class:`BoardRun` built from
what the robot reported has the same shape.

* **Streamed** (default): one ``MOVE`` per action block; conditions are read by the robot's own
  sensors when its hello lists them, else by the host's model of the mat at the pose the robot
  reported. Progress events carry the block id before and after every step.
* **Upload**: the host plans the whole run on its model of the mat (conditions included), uploads
  the steps (``PLAN``/``ADD``) and starts them (``RUN``); the robot drives them without waiting
  for the host. Link-loss policy: the robot's watchdog still applies, so a lost link stops the
  robot within 0.5 s and ends the plan (``ERR stopped``); it is never resumed, the host reports the
  run as interrupted with the last step the robot confirmed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from firmware_bridge.errors import BridgeError, ProtocolError
from firmware_bridge.protocol import Capability, MotionResult, SensorName, StepCode
from firmware_bridge.session import RobotSession, StepReport
from robolab.board import Board, apply_action, read_sensor
from robolab.challenge import Challenge
from robolab.compiler import CompiledProgram
from robolab.errors import ProgramError
from robolab.grid import HOLE, Grid
from robolab.i18n import Lang
from robolab.program import Move, Program, Test
from robolab.program_loader import load_program
from robolab.program_rules import check_allowed
from robolab.results import BoardRun, RunResult
from robolab.robot import ActReport, ActRequest, Motion, Pose
from robolab.runner import invalid_result, run, score
from robolab.stepper import DEFAULT_MAX_TICKS, Steps, run_steps
from robolab.vocabulary import Action, Goal, Sensor


class RunMode(StrEnum):
    """How a program reaches the robot."""

    STREAMED = "streamed"
    UPLOAD = "upload"


class Phase(StrEnum):
    """What a :class:`Progress` event reports."""

    START = "start"
    """The robot starts the action block."""
    DONE = "done"
    """The robot finished the action block (``x``, ``y``, ``heading``, ``motion`` are set)."""
    SENSE = "sense"
    """A condition was read (``value`` is set)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A live progress event: which block the robot is executing (for highlighting on tablets)."""

    phase: Phase
    number: int
    id: str | None
    block: str
    step: int
    x: int | None = None
    y: int | None = None
    heading: str | None = None
    motion: str | None = None
    value: bool | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "progress",
            "phase": self.phase.value,
            "id": self.id,
            "number": self.number,
            "block": self.block,
            "step": self.step,
        }
        if self.x is not None:
            out.update(x=self.x, y=self.y, heading=self.heading, motion=self.motion)
        if self.value is not None:
            out["value"] = self.value
        return out


ProgressCallback = Callable[[Progress], None]

_CODES = {
    Action.MOVE_FORWARD: StepCode.FORWARD,
    Action.MOVE_BACKWARD: StepCode.BACKWARD,
    Action.TURN_LEFT: StepCode.LEFT,
    Action.TURN_RIGHT: StepCode.RIGHT,
}
_BUMPS = {Action.MOVE_FORWARD: StepCode.BUMP_FORWARD, Action.MOVE_BACKWARD: StepCode.BUMP_BACKWARD}
_SENSOR_NAMES = {
    Sensor.PATH_AHEAD: SensorName.AHEAD,
    Sensor.PATH_LEFT: SensorName.LEFT,
    Sensor.PATH_RIGHT: SensorName.RIGHT,
    Sensor.AT_GOAL: SensorName.GOAL,
    Sensor.GEM_HERE: SensorName.GEM,
    Sensor.ON_COLOR: SensorName.COLOR,
}


def step_code(action: Action, *, bump: bool = False) -> StepCode:
    """The wire code of an action; ``bump`` for a move the host's map says hits a wall."""
    return _BUMPS[action] if bump and action in _BUMPS else _CODES[action]


def act_report(report: StepReport, grid: Grid) -> ActReport:
    """The core's :class:`ActReport` for a robot's step report (water comes from the map)."""
    pose = report.pose
    if report.motion is MotionResult.CRASH:
        return ActReport(Motion.CRASH, pose)
    if report.motion is MotionResult.FALL or grid.kinds[grid.index(pose.x, pose.y)] == HOLE:
        return ActReport(Motion.FALL, pose)
    return ActReport(Motion.OK, pose)


@dataclass(frozen=True, slots=True)
class PlannedStep:
    code: StepCode
    stmt: Move


def plan_program(
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    *,
    max_ticks: int = DEFAULT_MAX_TICKS,
    robot_bumps: bool = False,
) -> list[PlannedStep]:
    """Every step of the run on the host's model of the mat, for upload mode."""
    steps = run_steps(program, board, goals, max_ticks=max_ticks)
    grid = board.grid
    pose = board.start
    plan: list[PlannedStep] = []
    try:
        request = next(steps)
        while True:
            if isinstance(request, ActRequest):
                report = apply_action(grid, pose, request.action)
                crash = report.motion is Motion.CRASH
                plan.append(
                    PlannedStep(
                        step_code(request.action, bump=crash and not robot_bumps), request.stmt
                    )
                )
                pose = report.pose
                request = steps.send(report)
            else:
                request = steps.send(read_sensor(grid, pose, request.test))
    except StopIteration:
        return plan


class _Emitter:
    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.steps = 0

    def start(self, stmt: Move) -> None:
        self._emit(Progress(Phase.START, stmt.number, stmt.id, stmt.action.value, self.steps))

    def done(self, stmt: Move, report: ActReport) -> None:
        self.steps += 1
        pose = report.pose
        event = Progress(
            Phase.DONE,
            stmt.number,
            stmt.id,
            stmt.action.value,
            self.steps,
            pose.x,
            pose.y,
            pose.heading.label,
            report.motion.value,
        )
        self._emit(event)

    def sense(self, number: int, stmt_id: str | None, test: Test, value: bool) -> None:
        name = test.sensor.value
        self._emit(Progress(Phase.SENSE, number, stmt_id, name, self.steps, value=value))

    def _emit(self, event: Progress) -> None:
        if self.callback is not None:
            self.callback(event)


async def run_on_robot(
    session: RobotSession,
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    *,
    max_ticks: int = DEFAULT_MAX_TICKS,
    mode: RunMode = RunMode.STREAMED,
    on_progress: ProgressCallback | None = None,
    trace: bool = True,
) -> BoardRun:
    """Runs ``program`` on the robot standing on ``board``'s start cell; returns what it reported.

    The robot is disarmed (``STOP``) at the end, whatever happened.

    Raises:
        LinkLost: the link dropped mid-run (the robot's watchdog has stopped it).
        RobotRefused: the robot refused a step (``stopped`` when someone pressed stop).
        BridgeError: upload mode on a robot without it, or a plan too long for it.
    """
    emit = _Emitter(on_progress)
    try:
        if mode is RunMode.UPLOAD:
            return await _uploaded(session, program, board, goals, max_ticks, emit, trace)
        return await _streamed(session, program, board, goals, max_ticks, emit, trace)
    finally:
        if session.link.is_ready:
            with contextlib.suppress(BridgeError):
                await session.stop()


async def _prepare(session: RobotSession, board: Board) -> None:
    await session.stop()
    await session.set_pose(board.start)
    await session.arm()


async def _streamed(
    session: RobotSession,
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    max_ticks: int,
    emit: _Emitter,
    trace: bool,
) -> BoardRun:
    grid = board.grid
    bumps = session.has(Capability.BUMP)
    steps = run_steps(program, board, goals, max_ticks=max_ticks, trace=trace)
    pose = board.start
    await _prepare(session, board)
    try:
        request = next(steps)
        while True:
            if isinstance(request, ActRequest):
                stmt = request.stmt
                crash = apply_action(grid, pose, request.action).motion is Motion.CRASH
                emit.start(stmt)
                step = await session.step(
                    step_code(request.action, bump=crash and not bumps), stmt.number
                )
                report = act_report(step, grid)
                pose = report.pose
                emit.done(stmt, report)
                request = steps.send(report)
            else:
                value = await read_condition(session, request.test, grid, pose)
                emit.sense(request.stmt.number, request.stmt.id, request.test, value)
                request = steps.send(value)
    except StopIteration as stop:
        result: BoardRun = stop.value
        return result


async def read_condition(session: RobotSession, test: Test, grid: Grid, pose: Pose) -> bool:
    """A sensor test: the robot's own sensor when its hello lists it, else the host's map."""
    name = _SENSOR_NAMES[test.sensor]
    if not session.has(Capability(name.value)):
        return read_sensor(grid, pose, test)
    value = await session.sense(name)
    if test.sensor is Sensor.ON_COLOR:
        return test.color is not None and value == test.color.value
    if value not in ("0", "1"):
        raise ProtocolError(value.encode(), "expected v=0 or v=1", robot=session.name)
    return value == "1"


async def _uploaded(
    session: RobotSession,
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    max_ticks: int,
    emit: _Emitter,
    trace: bool,
) -> BoardRun:
    hello = session.hello
    if not hello.has(Capability.UPLOAD):
        raise BridgeError(robot=session.name, key="robot.no_upload")
    bumps = hello.has(Capability.BUMP)
    plan = plan_program(program, board, goals, max_ticks=max_ticks, robot_bumps=bumps)
    if len(plan) > hello.plan_max:
        raise BridgeError(
            robot=session.name, key="robot.plan_too_long", steps=len(plan), max=hello.plan_max
        )
    reports: list[StepReport] = []
    if plan:
        await session.stop()
        await session.set_pose(board.start)
        await session.upload([(p.code, p.stmt.number) for p in plan])
        await session.arm()

        def on_step(index: int, report: StepReport) -> None:
            if index != len(reports) or index >= len(plan):
                return  # a repeated or impossible event
            reports.append(report)
            emit.done(plan[index].stmt, act_report(report, board.grid))
            if index + 1 < len(plan):
                emit.start(plan[index + 1].stmt)

        emit.start(plan[0].stmt)
        count, _ = await session.run_plan(on_step)
        if count != len(reports):
            raise ProtocolError(b"", f"the robot ran {count} steps but reported {len(reports)}")
    return replay(program, board, goals, reports, max_ticks=max_ticks, trace=trace)


def replay(
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    reports: list[StepReport],
    *,
    max_ticks: int = DEFAULT_MAX_TICKS,
    trace: bool = True,
) -> BoardRun:
    """The run the robot's step reports describe (conditions from the host's map).

    Raises:
        ProtocolError: the robot reported fewer steps than the run needs.
    """
    steps: Steps = run_steps(program, board, goals, max_ticks=max_ticks, trace=trace)
    grid = board.grid
    pose = board.start
    queue = iter(reports)
    try:
        request = next(steps)
        while True:
            if isinstance(request, ActRequest):
                step = next(queue, None)
                if step is None:
                    raise ProtocolError(b"", "the robot stopped before the end of the plan")
                report = act_report(step, grid)
                pose = report.pose
                request = steps.send(report)
            else:
                request = steps.send(read_sensor(grid, pose, request.test))
    except StopIteration as stop:
        result: BoardRun = stop.value
        return result


# -- whole challenges ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RobotReport:
    """A challenge run on a robot: the result from what it reported, and the simulated one.

    ``result`` scores the robot's run of the main map (variants cannot be laid on the mat, so
    they come from the simulation); ``differences`` names what differs from the simulation.
    """

    result: RunResult
    simulated: RunResult
    differences: tuple[str, ...]
    robot: Mapping[str, Any]

    def to_json(self, *, trace: bool = False) -> dict[str, Any]:
        out = self.result.to_json(trace=trace)
        out["robot"] = dict(self.robot)
        if self.differences:
            out["differences"] = list(self.differences)
            out["simulated"] = self.simulated.to_json(trace=trace)
        return out


ProgramSource = Program | str | Path | Mapping[str, Any] | list[Any]


async def run_challenge(
    session: RobotSession,
    challenge: Challenge,
    program: ProgramSource,
    *,
    mode: RunMode = RunMode.STREAMED,
    lang: Lang = "fr",
    on_progress: ProgressCallback | None = None,
) -> RobotReport:
    """Runs a challenge's main map on the robot and scores it like ``robolab run``.

    An invalid program never moves the robot: the report holds the ``error`` result.
    """
    hello = session.hello
    robot = {"name": hello.name, "kind": hello.kind, "firmware": hello.firmware}
    robot.update(url=session.link.transport.url, mode=mode.value)
    simulated = run(challenge, program, lang=lang, trace=True)
    try:
        prog = program if isinstance(program, Program) else load_program(program)
    except ProgramError as err:
        return RobotReport(invalid_result(challenge, err, lang), simulated, (), robot)
    problems = check_allowed(prog, challenge)
    if problems:
        bad = invalid_result(challenge, problems[0], lang, blocks=prog.block_count)
        return RobotReport(bad, simulated, (), robot)
    main = await run_on_robot(
        session,
        prog,
        challenge.board,
        challenge.goals,
        max_ticks=challenge.max_ticks,
        mode=mode,
        on_progress=on_progress,
    )
    compiled = CompiledProgram(prog)
    variants = [
        compiled.run(b, challenge.goals, max_ticks=challenge.max_ticks) for b in challenge.variants
    ]
    result = score(challenge, prog, [main, *variants], lang)
    return RobotReport(result, simulated, differences(main, simulated.main), robot)


def differences(robot: BoardRun, simulated: BoardRun | None) -> tuple[str, ...]:
    """Names of what differs between two runs of the same map: outcome, steps, ticks, pose, trace."""
    if simulated is None:
        return ("outcome",)
    out = []
    if robot.outcome is not simulated.outcome:
        out.append("outcome")
    if robot.steps != simulated.steps:
        out.append("steps")
    if robot.ticks != simulated.ticks:
        out.append("ticks")
    if (robot.x, robot.y, robot.heading) != (simulated.x, simulated.y, simulated.heading):
        out.append("pose")
    if robot.gems_left != simulated.gems_left:
        out.append("gems")
    if robot.trace is not None and simulated.trace is not None and robot.trace != simulated.trace:
        out.append("trace")
    return tuple(out)


__all__ = [
    "Phase",
    "PlannedStep",
    "Progress",
    "RobotReport",
    "RunMode",
    "act_report",
    "differences",
    "plan_program",
    "replay",
    "run_challenge",
    "run_on_robot",
    "step_code",
]
