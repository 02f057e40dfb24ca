"""A board is one map with the robot's starting heading: the main map or a variant."""

from __future__ import annotations

from dataclasses import dataclass

from robolab.grid import BLOCKED, FREE, HOLE, Grid
from robolab.program import Test
from robolab.robot import ActReport, Motion, Pose
from robolab.vocabulary import Action, Goal, Heading, Sensor


@dataclass(frozen=True)
class Board:
    grid: Grid
    heading: Heading

    @property
    def start(self) -> Pose:
        x, y = self.grid.start
        return Pose(x, y, self.heading)


def goal_holds(goals: frozenset[Goal], grid: Grid, x: int, y: int, gems_left: int) -> bool:
    """True when every goal holds with the robot on ``(x, y)`` and ``gems_left`` gems not taken."""
    if Goal.COLLECT_ALL in goals and gems_left:
        return False
    return Goal.REACH not in goals or (x, y) in grid.goals


def apply_action(grid: Grid, pose: Pose, action: Action) -> ActReport:
    """The grid rules for one action (FORMATS §1): crash stays, fall enters the water."""
    if action is Action.TURN_LEFT:
        return ActReport(Motion.OK, Pose(pose.x, pose.y, pose.heading.left()))
    if action is Action.TURN_RIGHT:
        return ActReport(Motion.OK, Pose(pose.x, pose.y, pose.heading.right()))
    heading = pose.heading if action is Action.MOVE_FORWARD else pose.heading.back()
    x, y = grid.neighbour(pose.x, pose.y, heading)
    kind = grid.kinds[grid.index(x, y)]
    if kind == BLOCKED:
        return ActReport(Motion.CRASH, pose)
    moved = Pose(x, y, pose.heading)
    return ActReport(Motion.FALL if kind == HOLE else Motion.OK, moved)


def read_sensor(grid: Grid, pose: Pose, test: Test) -> bool:
    """What the sensor ``test`` reads on ``grid`` at ``pose`` (gem marks stay on the mat)."""
    sensor = test.sensor
    if sensor is Sensor.AT_GOAL:
        return (pose.x, pose.y) in grid.goals
    if sensor is Sensor.GEM_HERE:
        return grid.char(pose.x, pose.y) == "*"
    if sensor is Sensor.ON_COLOR:
        return grid.color_at(pose.x, pose.y) == test.color
    heading = pose.heading
    if sensor is Sensor.PATH_LEFT:
        heading = heading.left()
    elif sensor is Sensor.PATH_RIGHT:
        heading = heading.right()
    x, y = grid.neighbour(pose.x, pose.y, heading)
    return grid.kinds[grid.index(x, y)] == FREE


class GridRobot:
    """The core's own robot: moves on a :class:`Board` by the grid rules, no physics."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.pose = board.start

    def act(self, action: Action) -> ActReport:
        report = apply_action(self.board.grid, self.pose, action)
        self.pose = report.pose
        return report

    def sense(self, test: Test) -> bool:
        return read_sensor(self.board.grid, self.pose, test)
