"""Animation: turns the beats of a run into what to draw at any moment (a :class:`View`).

Time is in seconds at 1x speed. Grid moves and turns last a fixed time and are eased; in the
physical mode the robot follows its recorded path at its real speed. Frames are pure functions of
the time, so a window at any frame rate, a GIF and a test all see the same pictures.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from robolab.grid import Grid
from robolab.robot import Motion, Pose
from robolab.vocabulary import Action, Heading, Outcome, Sensor
from simulator.beats import Beat, SimRun
from simulator.kinematics import BodyPose, PhysicsConfig

MOVE_S = 0.5
TURN_S = 0.4
SENSE_S = 0.3
CRASH_S = 0.6
FALL_S = 0.9
BUMP_S = 0.35  # physical mode: after the contact
SINK_S = 0.5  # physical mode: after the centre went over water
GEM_S = 0.6  # how long a gem sparkles
WIN_S = 1.6
END_S = 0.6
TRAIL_EVERY = 4  # physical mode: keep one path sample in 4 for the trail

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class RobotView:
    """The robot: centre in cell units (``x + 0.5`` is a cell's centre), angle clockwise."""

    x: float
    y: float
    angle: float
    scale: float = 1.0


@dataclass(frozen=True, slots=True)
class Effect:
    """A short animation at ``(x, y)`` (cell units); ``progress`` goes from 0 to 1.

    Kinds: ``gem`` (sparkle), ``crash`` (bump stars), ``splash`` (fall), ``win`` (confetti),
    ``sense`` (a sensor reading toward ``(tx, ty)``; ``ok`` is its answer).
    """

    kind: str
    x: float
    y: float
    progress: float
    ok: bool = True
    tx: float = 0.0
    ty: float = 0.0


@dataclass(frozen=True, slots=True)
class View:
    """Everything to draw at one moment."""

    robot: RobotView
    trail: Sequence[Point]
    gems_taken: int
    effects: tuple[Effect, ...] = ()
    highlight: int | None = None
    ticks: int = 0
    steps: int = 0
    beat: int = -1
    outcome: Outcome | None = None


def pose_view(pose: Pose) -> RobotView:
    return RobotView(pose.x + 0.5, pose.y + 0.5, pose.heading * 90.0)


def body_view(body: BodyPose, cell_mm: float) -> RobotView:
    return RobotView(body.x / cell_mm, body.y / cell_mm, math.degrees(body.theta))


def still_view(
    pose: Pose,
    body: BodyPose | None,
    physics: PhysicsConfig | None,
    trail: Sequence[Point],
    gems_taken: int,
    event: str | None = None,
) -> View:
    """A still picture of a state (what :meth:`simulator.env.SimEnv.render` draws)."""
    robot = body_view(body, physics.cell_mm) if body and physics else pose_view(pose)
    if event == "fall":
        robot = RobotView(robot.x, robot.y, robot.angle, 0.0)
    return View(robot, tuple(trail), gems_taken)


def ease(f: float) -> float:
    """Smooth start and stop."""
    f = min(1.0, max(0.0, f))
    return f * f * (3 - 2 * f)


class Timeline:
    """The animation of a :class:`~simulator.beats.SimRun`."""

    def __init__(self, run: SimRun) -> None:
        self.run = run
        self.grid: Grid = run.board.grid
        self.physics = run.physics
        self.beats: tuple[Beat, ...] = run.beats
        self.durations = [self._duration(b) for b in self.beats]
        self.starts: list[float] = []
        clock = 0.0
        for d in self.durations:
            self.starts.append(clock)
            clock += d
        self.beats_end = clock
        tail = 0.0
        if run.outcome is Outcome.SUCCESS:
            tail = WIN_S
        elif run.outcome is not None:
            tail = END_S
        self.total = clock + tail
        self._robots = self._robot_starts()
        self._trail, self._trail_after = self._trail_points()

    @property
    def boundaries(self) -> list[float]:
        """The times at which a beat is complete (and 0): where single steps stop."""
        return [0.0, *(s + d for s, d in zip(self.starts, self.durations, strict=True))]

    def beat_at(self, t: float) -> tuple[int, float]:
        """The beat running at ``t`` and how far it is (0..1); ``len(beats)`` after the end."""
        if not self.beats or t >= self.beats_end:
            return len(self.beats), 1.0
        i = max(0, bisect_right(self.starts, t) - 1)
        return i, (t - self.starts[i]) / self.durations[i]

    def view_at(self, t: float) -> View:
        """What to draw ``t`` seconds after the start."""
        t = min(max(t, 0.0), self.total)
        i, f = self.beat_at(t)
        if i >= len(self.beats):
            return self._end_view(t)
        beat = self.beats[i]
        start = self._robots[i]
        effects: list[Effect] = []
        taken = self.beats[i - 1].gems_taken if i else 0
        ticks, steps = beat.ticks, beat.steps
        if beat.kind == "sense":
            robot = start
            effects.append(self._sense_effect(beat, start, f))
        elif beat.path is not None and self.physics is not None:
            robot = self._physical_motion(beat, f, effects)
        else:
            robot = self._grid_motion(beat, start, f, effects)
        if beat.event == "gem":
            taken = beat.gems_taken if f >= 0.6 else taken
            if f >= 0.6:
                effects.append(Effect("gem", beat.after.x + 0.5, beat.after.y + 0.5, (f - 0.6) / 2))
        effects.extend(self._lingering_gem(i, t))
        trail = self._trail[: self._trail_after[i - 1] if i else 1]
        if beat.kind == "act" and _leaves_trail(beat):
            trail = [*trail, (robot.x, robot.y)]
        return View(robot, trail, taken, tuple(effects), beat.number, ticks, steps, i)

    def _end_view(self, t: float) -> View:
        run = self.run
        last = self.beats[-1] if self.beats else None
        robot = self._robots[-1] if self._robots else pose_view(run.board.start)
        effects: list[Effect] = []
        after = t - self.beats_end
        if run.outcome is Outcome.SUCCESS:
            effects.append(Effect("win", robot.x, robot.y, min(1.0, after / WIN_S)))
        if last is not None and last.motion is Motion.FALL:
            robot = RobotView(robot.x, robot.y, robot.angle, 0.0)
        effects.extend(self._lingering_gem(len(self.beats), t))
        return View(
            robot,
            self._trail,
            last.gems_taken if last else 0,
            tuple(effects),
            last.number if last else None,
            run.ticks,
            run.steps,
            len(self.beats),
            run.outcome,
        )

    # -- motion -------------------------------------------------------------------------------

    def _grid_motion(self, beat: Beat, start: RobotView, f: float, fx: list[Effect]) -> RobotView:
        before, after = beat.before, beat.after
        if beat.action in (Action.TURN_LEFT, Action.TURN_RIGHT):
            turn = -90.0 if beat.action is Action.TURN_LEFT else 90.0
            return RobotView(start.x, start.y, start.angle + turn * ease(f))
        if beat.motion is Motion.CRASH:
            dx, dy = _direction(before.heading, beat.action)
            out = ease(f / 0.35) if f < 0.35 else 1 - ease((f - 0.35) / 0.25)
            if f >= 0.3:
                fx.append(Effect("crash", start.x + dx / 2, start.y + dy / 2, (f - 0.3) / 0.7))
            return RobotView(start.x + 0.3 * dx * out, start.y + 0.3 * dy * out, start.angle)
        target = pose_view(after)
        if beat.motion is Motion.FALL:
            p = ease(f / 0.5)
            scale = 1.0 if f < 0.5 else 1 - ease((f - 0.5) / 0.5)
            if f >= 0.45:
                fx.append(Effect("splash", target.x, target.y, (f - 0.45) / 0.55))
            return _lerp(start, target, p, scale)
        return _lerp(start, target, ease(f))

    def _physical_motion(self, beat: Beat, f: float, fx: list[Effect]) -> RobotView:
        assert beat.path is not None and self.physics is not None
        cell = self.physics.cell_mm
        moving = self._move_time(beat)
        total = self._duration(beat)
        u = min(1.0, f * total / moving) if moving else 1.0
        pos = u * (len(beat.path) - 1)
        k = min(int(pos), len(beat.path) - 2) if len(beat.path) > 1 else 0
        a = body_view(beat.path[k], cell)
        b = body_view(beat.path[min(k + 1, len(beat.path) - 1)], cell)
        robot = _lerp(a, b, pos - k)
        extra = (f * total - moving) / (total - moving) if total > moving else 0.0
        if beat.motion is Motion.CRASH and extra >= 0:
            rad = math.radians(robot.angle)
            sign = -1.0 if beat.action is Action.MOVE_BACKWARD else 1.0
            reach = self.physics.body_mm / 2 / cell
            fx.append(
                Effect(
                    "crash",
                    robot.x + sign * math.sin(rad) * reach,
                    robot.y - sign * math.cos(rad) * reach,
                    extra,
                )
            )
        if beat.motion is Motion.FALL and extra >= 0:
            fx.append(Effect("splash", robot.x, robot.y, extra))
            robot = RobotView(robot.x, robot.y, robot.angle, 1 - ease(extra))
        return robot

    def _sense_effect(self, beat: Beat, robot: RobotView, f: float) -> Effect:
        assert beat.test is not None
        sensor = beat.test.sensor
        heading = beat.before.heading
        if sensor in (Sensor.PATH_AHEAD, Sensor.PATH_LEFT, Sensor.PATH_RIGHT):
            if sensor is Sensor.PATH_LEFT:
                heading = heading.left()
            elif sensor is Sensor.PATH_RIGHT:
                heading = heading.right()
            dx, dy = heading.delta
            tx, ty = beat.before.x + 0.5 + dx, beat.before.y + 0.5 + dy
        else:
            tx, ty = robot.x, robot.y
        return Effect("sense", robot.x, robot.y, f, bool(beat.answer), tx, ty)

    def _lingering_gem(self, i: int, t: float) -> list[Effect]:
        """A gem's sparkle goes on a little after the move that took it."""
        if i == 0 or self.beats[i - 1].event != "gem":
            return []
        beat = self.beats[i - 1]
        start = self.starts[i - 1] + 0.6 * self.durations[i - 1]
        progress = (t - start) / GEM_S
        if progress >= 1:
            return []
        return [Effect("gem", beat.after.x + 0.5, beat.after.y + 0.5, progress)]

    # -- precomputed --------------------------------------------------------------------------

    def _duration(self, beat: Beat) -> float:
        if beat.kind == "sense":
            return SENSE_S
        if beat.path is not None and self.physics is not None:
            extra = {Motion.CRASH: BUMP_S, Motion.FALL: SINK_S}.get(beat.motion or Motion.OK, 0.0)
            return max(self._move_time(beat), 0.05) + extra
        if beat.motion is Motion.CRASH:
            return CRASH_S
        if beat.motion is Motion.FALL:
            return FALL_S
        return TURN_S if beat.action in (Action.TURN_LEFT, Action.TURN_RIGHT) else MOVE_S

    def _move_time(self, beat: Beat) -> float:
        assert beat.path is not None and self.physics is not None
        return (len(beat.path) - 1) * self.physics.dt_s

    def _robot_starts(self) -> list[RobotView]:
        """The robot at the start of each beat, and at the end (one more entry)."""
        cell = self.physics.cell_mm if self.physics else 1.0
        if self.physics is not None:
            robot = body_view(self.physics.start_pose(self.run.board.start), cell)
        else:
            robot = pose_view(self.run.board.start)
        out = [robot]
        for beat in self.beats:
            if beat.kind == "act":
                if beat.path is not None and self.physics is not None:
                    robot = body_view(beat.path[-1], cell)
                else:
                    robot = pose_view(beat.after)
            out.append(robot)
        return out

    def _trail_points(self) -> tuple[list[Point], list[int]]:
        start = self._robots[0]
        points: list[Point] = [(start.x, start.y)]
        after: list[int] = []
        for i, beat in enumerate(self.beats):
            if beat.kind == "act" and _leaves_trail(beat):
                if beat.path is not None and self.physics is not None:
                    cell = self.physics.cell_mm
                    samples = beat.path[TRAIL_EVERY::TRAIL_EVERY]
                    points.extend((p.x / cell, p.y / cell) for p in samples)
                end = self._robots[i + 1]
                if points[-1] != (end.x, end.y):
                    points.append((end.x, end.y))
            after.append(len(points))
        return points, after


def _leaves_trail(beat: Beat) -> bool:
    """A grid crash comes back to its cell; a physical one stops where it touched."""
    return beat.motion is not Motion.CRASH or beat.path is not None


def _direction(heading: Heading, action: Action | None) -> tuple[int, int]:
    dx, dy = heading.delta
    return (-dx, -dy) if action is Action.MOVE_BACKWARD else (dx, dy)


def _lerp(a: RobotView, b: RobotView, p: float, scale: float = 1.0) -> RobotView:
    return RobotView(
        a.x + (b.x - a.x) * p, a.y + (b.y - a.y) * p, a.angle + (b.angle - a.angle) * p, scale
    )
