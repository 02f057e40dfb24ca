"""The physical robot: a round differential-drive body on the mat, stepped at a fixed time step.

Each block becomes a wheel command (:func:`~simulator.kinematics.wheel_plan`) that runs until the
wheels' encoders report the commanded travel; the noise model decides how far the wheels really
roll. After every time step the footprint is tested: touching a wall (or the edge of the map) is a
crash and the robot stops right before the contact; its centre over water is a fall.

With zero noise the body ends every block exactly on a cell centre, square to the grid, so the run
matches the grid rules (tested on every bundled challenge).
"""

from __future__ import annotations

import math
import random

from robolab.board import Board, read_sensor
from robolab.grid import BLOCKED, HOLE, Grid
from robolab.program import Test
from robolab.robot import ActReport, Motion, Pose
from robolab.vocabulary import Action
from simulator.kinematics import BodyPose, PhysicsConfig, integrate, wheel_plan
from simulator.noise import NO_NOISE, NoiseModel


class PhysicalRobot:
    """A :class:`~robolab.robot.Robot` driven by physics; ``last_path`` holds the latest motion.

    Args:
        board: the map and the starting pose.
        config: body and motor parameters.
        noise: the drift model (default: none).
        seed: seed of the random noise; the same seed gives the same drift.
    """

    def __init__(
        self,
        board: Board,
        config: PhysicsConfig | None = None,
        noise: NoiseModel | None = None,
        *,
        seed: int | None = None,
    ) -> None:
        self.board = board
        self.config = config or PhysicsConfig()
        self.noise = noise or NO_NOISE
        self.rng = random.Random(seed)
        self.body = self.config.start_pose(board.start)
        self.last_path: tuple[BodyPose, ...] = (self.body,)
        self.time_s = 0.0

    @property
    def pose(self) -> Pose:
        """The cell under the body's centre and the nearest grid heading."""
        return self.body.grid_pose(self.config.cell_mm)

    def act(self, action: Action) -> ActReport:
        """Runs one block to its end, a wall contact or a fall."""
        config = self.config
        left, right = wheel_plan(action, config)
        k_left, k_right = self.noise.wheel_factors(action, self.rng)
        travel = abs(left)
        speed = config.speed_mm_s
        v_left = math.copysign(speed * k_left, left)
        v_right = math.copysign(speed * k_right, right)
        duration = travel / speed
        substeps = max(1, math.ceil(duration / config.dt_s - 1e-9))
        path = [self.body]
        body = self.body
        motion = Motion.OK
        for n in range(substeps):
            dt = min(config.dt_s, duration - n * config.dt_s)
            moved = integrate(body, v_left, v_right, config.wheel_base_mm, dt)
            if touches_wall(self.board.grid, moved, config):
                motion = Motion.CRASH
                break
            body = moved
            path.append(body)
            self.time_s += dt
            if over_water(self.board.grid, body, config):
                motion = Motion.FALL
                break
        self.body = body
        self.last_path = tuple(path)
        return ActReport(motion, self.pose)

    def sense(self, test: Test) -> bool:
        """Reads a sensor on the cell under the centre, facing the nearest grid heading."""
        return read_sensor(self.board.grid, self.pose, test)


def touches_wall(grid: Grid, body: BodyPose, config: PhysicsConfig) -> bool:
    """True when the round footprint overlaps a wall cell or leaves the map."""
    cell = config.cell_mm
    radius = config.body_mm / 2
    x0, x1 = math.floor((body.x - radius) / cell), math.floor((body.x + radius) / cell)
    y0, y1 = math.floor((body.y - radius) / cell), math.floor((body.y + radius) / cell)
    kinds = grid.kinds
    for cy in range(y0, y1 + 1):
        for cx in range(x0, x1 + 1):
            outside = not (-1 <= cx <= grid.width and -1 <= cy <= grid.height)
            if not outside and kinds[grid.index(cx, cy)] != BLOCKED:
                continue
            nearest_x = min(max(body.x, cx * cell), (cx + 1) * cell)
            nearest_y = min(max(body.y, cy * cell), (cy + 1) * cell)
            if (body.x - nearest_x) ** 2 + (body.y - nearest_y) ** 2 < radius * radius:
                return True
    return False


def over_water(grid: Grid, body: BodyPose, config: PhysicsConfig) -> bool:
    """True when the body's centre (its centre of mass) is over a water cell."""
    x, y = body.cell(config.cell_mm)
    inside = 0 <= x < grid.width and 0 <= y < grid.height
    return inside and grid.kinds[grid.index(x, y)] == HOLE
