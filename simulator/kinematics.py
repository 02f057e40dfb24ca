"""Differential-drive kinematics in millimetres, integrated at a fixed time step.

Coordinates follow the map: ``x`` grows to the east, ``y`` to the south, both in millimetres from
the top-left corner of the map. ``theta`` is the heading in radians, 0 facing north and growing
clockwise, so ``theta / (pi / 2)`` is a :class:`~robolab.vocabulary.Heading` when the robot is
square to the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from robolab.robot import Pose
from robolab.vocabulary import Action, Heading

QUARTER = math.pi / 2


@dataclass(frozen=True, slots=True)
class BodyPose:
    """Where the robot's body is: centre in millimetres and heading in radians (clockwise)."""

    x: float
    y: float
    theta: float

    def cell(self, cell_mm: float) -> tuple[int, int]:
        """The map cell under the body's centre."""
        return math.floor(self.x / cell_mm), math.floor(self.y / cell_mm)

    @property
    def heading(self) -> Heading:
        """The grid heading nearest to ``theta``."""
        return Heading(round(self.theta / QUARTER) % 4)

    def grid_pose(self, cell_mm: float) -> Pose:
        """The cell under the centre with the nearest grid heading."""
        x, y = self.cell(cell_mm)
        return Pose(x, y, self.heading)


@dataclass(frozen=True, slots=True)
class PhysicsConfig:
    """The robot's body and motors.

    Attributes:
        cell_mm: side of a map cell on the mat.
        wheel_base_mm: distance between the two wheels (sets how far a wheel rolls in a turn).
        body_mm: diameter of the round footprint used for collisions; less than ``cell_mm``.
        speed_mm_s: wheel speed while a block runs.
        dt_s: the fixed physics time step.
    """

    cell_mm: float = 200.0
    wheel_base_mm: float = 110.0
    body_mm: float = 120.0
    speed_mm_s: float = 200.0
    dt_s: float = 0.01

    def __post_init__(self) -> None:
        for name in ("cell_mm", "wheel_base_mm", "body_mm", "speed_mm_s", "dt_s"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"PhysicsConfig.{name} must be a positive number, got {value!r}")
        if self.body_mm >= self.cell_mm:
            raise ValueError(
                f"PhysicsConfig.body_mm ({self.body_mm}) must be smaller than cell_mm ({self.cell_mm})"
            )

    def start_pose(self, pose: Pose) -> BodyPose:
        """The body centred on a grid pose's cell, square to the grid."""
        return BodyPose(
            (pose.x + 0.5) * self.cell_mm, (pose.y + 0.5) * self.cell_mm, pose.heading * QUARTER
        )

    @property
    def turn_travel_mm(self) -> float:
        """How far each wheel rolls (in opposite directions) for a 90 degree turn in place."""
        return QUARTER * self.wheel_base_mm / 2


def wheel_plan(action: Action, config: PhysicsConfig) -> tuple[float, float]:
    """The commanded travel of the (left, right) wheels for one block, in millimetres."""
    if action is Action.MOVE_FORWARD:
        return config.cell_mm, config.cell_mm
    if action is Action.MOVE_BACKWARD:
        return -config.cell_mm, -config.cell_mm
    turn = config.turn_travel_mm
    return (turn, -turn) if action is Action.TURN_RIGHT else (-turn, turn)


def integrate(
    pose: BodyPose, v_left: float, v_right: float, wheel_base: float, dt: float
) -> BodyPose:
    """The pose after ``dt`` seconds with constant wheel speeds (exact arc, no Euler drift)."""
    v = (v_left + v_right) / 2
    omega = (v_left - v_right) / wheel_base  # clockwise
    theta = pose.theta
    if abs(omega) < 1e-12:
        return BodyPose(pose.x + v * math.sin(theta) * dt, pose.y - v * math.cos(theta) * dt, theta)
    after = theta + omega * dt
    radius = v / omega
    return BodyPose(
        pose.x + radius * (math.cos(theta) - math.cos(after)),
        pose.y + radius * (math.sin(theta) - math.sin(after)),
        after,
    )
