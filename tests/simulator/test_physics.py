"""Differential-drive kinematics, footprint collisions and the seeded drift model."""

from __future__ import annotations

import math
import random

import pytest

from robolab.board import Board, GridRobot
from robolab.grid import parse_map
from robolab.robot import Motion, Pose
from robolab.vocabulary import Action, Heading
from simulator.kinematics import BodyPose, PhysicsConfig, integrate, wheel_plan
from simulator.noise import NoiseModel
from simulator.physics import PhysicalRobot, touches_wall

ROOM = parse_map("#######\n#S...~#\n#.#...#\n#######")
ALL_ACTIONS = list(Action)


def test_integrate_straight_and_in_place_turn() -> None:
    start = BodyPose(100.0, 100.0, math.pi / 2)  # facing east
    moved = integrate(start, 200.0, 200.0, 110.0, 0.5)
    assert moved.x == pytest.approx(200.0) and moved.y == pytest.approx(100.0)
    turned = integrate(start, 100.0, -100.0, 110.0, 0.1)  # left wheel forward: clockwise
    assert (turned.x, turned.y) == pytest.approx((100.0, 100.0))
    assert turned.theta == pytest.approx(math.pi / 2 + 200.0 * 0.1 / 110.0)


def test_integrate_arc_matches_small_euler_steps() -> None:
    pose = exact = BodyPose(0.0, 0.0, 0.3)
    for _ in range(10_000):
        pose = BodyPose(
            pose.x + 150.0 * math.sin(pose.theta) * 1e-4,
            pose.y - 150.0 * math.cos(pose.theta) * 1e-4,
            pose.theta + (160.0 - 140.0) / 100.0 * 1e-4,
        )
    exact = integrate(exact, 160.0, 140.0, 100.0, 1.0)
    assert (exact.x, exact.y, exact.theta) == pytest.approx((pose.x, pose.y, pose.theta), abs=0.05)


def test_wheel_plan_rolls_a_cell_or_a_quarter_turn() -> None:
    config = PhysicsConfig(cell_mm=250.0, wheel_base_mm=100.0)
    assert wheel_plan(Action.MOVE_FORWARD, config) == (250.0, 250.0)
    assert wheel_plan(Action.MOVE_BACKWARD, config) == (-250.0, -250.0)
    left, right = wheel_plan(Action.TURN_RIGHT, config)
    assert left == pytest.approx(math.pi / 2 * 50.0) and right == -left


@pytest.mark.parametrize(
    ("field", "value"), [("cell_mm", 0), ("dt_s", -1), ("body_mm", 300), ("speed_mm_s", math.inf)]
)
def test_physics_config_rejects_impossible_bodies(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        PhysicsConfig(**{field: value})


def test_noise_model_rejects_out_of_range_values() -> None:
    with pytest.raises(ValueError, match="wheel_mismatch"):
        NoiseModel(wheel_mismatch=0.9)
    with pytest.raises(ValueError, match="turn_noise_deg"):
        NoiseModel(turn_noise_deg=-1)


@pytest.mark.parametrize("seed", range(12))
def test_zero_noise_robot_matches_the_grid_rules_step_by_step(seed: int) -> None:
    rng = random.Random(seed)
    board = Board(ROOM, Heading(seed % 4))
    physical, grid = PhysicalRobot(board), GridRobot(board)
    for _ in range(30):
        action = rng.choice(ALL_ACTIONS)
        a, b = physical.act(action), grid.act(action)
        assert a == b, action
        if a.motion is not Motion.OK:  # a run ends on a crash or a fall
            break
        body = physical.body
        assert (body.x % 200, body.y % 200) == pytest.approx((100, 100), abs=1e-6)
        quarters = body.theta / (math.pi / 2)
        assert quarters == pytest.approx(round(quarters), abs=1e-9)


def test_a_crash_stops_the_body_at_contact_in_its_own_cell() -> None:
    robot = PhysicalRobot(Board(ROOM, Heading.NORTH))
    report = robot.act(Action.MOVE_FORWARD)
    assert report.motion is Motion.CRASH and report.pose == Pose(1, 1, Heading.NORTH)
    config = robot.config
    gap = robot.body.y - config.cell_mm - config.body_mm / 2  # wall's bottom edge is y = 200
    assert 0 <= gap < config.speed_mm_s * config.dt_s
    assert len(robot.last_path) > 5  # it really moved before touching
    assert not touches_wall(ROOM, robot.body, config)


def test_a_fall_happens_when_the_centre_is_over_water() -> None:
    robot = PhysicalRobot(Board(ROOM, Heading.EAST))
    for _ in range(3):
        assert robot.act(Action.MOVE_FORWARD).motion is Motion.OK
    report = robot.act(Action.MOVE_FORWARD)
    assert report.motion is Motion.FALL and (report.pose.x, report.pose.y) == (5, 1)
    assert 1000 <= robot.body.x < 1000 + robot.config.speed_mm_s * robot.config.dt_s


def _drift(seed: int, noise: NoiseModel) -> BodyPose:
    board = Board(parse_map("#" * 12 + "\n#S" + "." * 9 + "#\n" + "#" * 12), Heading.EAST)
    robot = PhysicalRobot(board, noise=noise, seed=seed)
    for action in [Action.MOVE_FORWARD] * 3 + [Action.TURN_LEFT, Action.TURN_RIGHT] * 2:
        robot.act(action)
    return robot.body


def test_noise_gives_the_same_drift_for_the_same_seed_and_another_for_another() -> None:
    noise = NoiseModel(turn_noise_deg=4.0, drive_noise=0.02)
    assert _drift(7, noise) == _drift(7, noise)
    assert _drift(7, noise) != _drift(8, noise)
    perfect = _drift(7, NoiseModel())
    assert perfect.x == pytest.approx(900.0) and perfect.y == pytest.approx(300.0)


def test_wheel_mismatch_curves_a_straight_line_to_the_left() -> None:
    body = _drift(0, NoiseModel(wheel_mismatch=0.02))
    assert body.y < 300.0 - 10  # the right wheel rolls more: the robot veers north (left)
    assert 80 < math.degrees(body.theta) < 85


def test_turn_bias_over_turns_every_quarter() -> None:
    robot = PhysicalRobot(Board(ROOM, Heading.NORTH), noise=NoiseModel(turn_bias=0.1))
    robot.act(Action.TURN_RIGHT)
    assert math.degrees(robot.body.theta) == pytest.approx(99.0, abs=0.01)
    assert robot.pose.heading is Heading.EAST
