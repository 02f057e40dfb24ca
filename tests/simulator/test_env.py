"""The Gymnasium-style contract: reset/step, termination vs truncation, render modes, seeds."""

from __future__ import annotations

import subprocess
import sys

import pytest

from robolab.board import Board
from robolab.grid import parse_map
from robolab.program import Test
from robolab.robot import Motion, Pose
from robolab.vocabulary import Action, Goal, Heading, Outcome, Sensor
from simulator.env import REWARD_GOAL, REWARD_LOST, RGBArray, SimEnv, TickBudget
from simulator.kinematics import PhysicsConfig
from simulator.noise import NoiseModel
from tests.simulator.conftest import fixture

LANE = Board(parse_map("#######\n#S.*.G#\n#~....#\n#######"), Heading.EAST)
BOTH = frozenset({Goal.REACH, Goal.COLLECT_ALL})


def test_reset_and_step_return_the_gymnasium_tuples() -> None:
    env = SimEnv(LANE, BOTH)
    obs, info = env.reset(seed=3)
    assert (obs.x, obs.y, obs.heading, obs.gems_left, obs.body) == (1, 1, Heading.EAST, 1, None)
    assert info["pose"] == Pose(1, 1, Heading.EAST)
    obs, reward, terminated, truncated, info = env.step(Action.MOVE_FORWARD)
    assert (obs.x, reward, terminated, truncated) == (2, 0.0, False, False)
    assert info["motion"] is Motion.OK and info["event"] is None
    obs, _, _, _, info = env.step("move_forward")
    assert info["event"] == "gem" and obs.gems_left == 0


def test_the_goal_terminates_with_a_reward() -> None:
    env = SimEnv(LANE, BOTH)
    for _ in range(3):
        env.step(Action.MOVE_FORWARD)
    _, reward, terminated, truncated, info = env.step(Action.MOVE_FORWARD)
    assert (reward, terminated, truncated, info["outcome"]) == (
        REWARD_GOAL,
        True,
        False,
        Outcome.SUCCESS,
    )
    with pytest.raises(RuntimeError, match="reset"):
        env.step(Action.TURN_LEFT)
    obs, _ = env.reset()
    assert (obs.x, obs.gems_left) == (1, 1)


@pytest.mark.parametrize(
    ("actions", "outcome"),
    [
        ([Action.MOVE_BACKWARD], Outcome.CRASH),
        ([Action.TURN_RIGHT, Action.MOVE_FORWARD], Outcome.FALL),
    ],
)
def test_crash_and_fall_terminate_with_a_penalty(actions: list[Action], outcome: Outcome) -> None:
    for physics in (None, PhysicsConfig()):
        env = SimEnv(LANE, BOTH, physics=physics)
        for action in actions:
            _, reward, terminated, _, info = env.step(action)
        assert (reward, terminated, info["outcome"]) == (REWARD_LOST, True, outcome)


def test_sense_reads_the_core_sensors() -> None:
    env = SimEnv(LANE, BOTH)
    assert env.sense(Test(Sensor.PATH_AHEAD)) is True
    assert env.sense(Test(Sensor.PATH_RIGHT)) is False  # water to the south
    env.step(Action.MOVE_FORWARD)
    env.step(Action.MOVE_FORWARD)
    assert env.sense(Test(Sensor.GEM_HERE)) is True


def test_tick_budget_wrapper_truncates_and_is_not_a_termination() -> None:
    env = TickBudget(SimEnv(LANE, BOTH), max_ticks=3)
    env.reset()
    results = [env.step(Action.TURN_LEFT) for _ in range(3)]
    assert [r[3] for r in results] == [False, False, True]
    assert [r[2] for r in results] == [False, False, False]
    assert results[-1][4]["outcome"] is Outcome.TIMEOUT
    with pytest.raises(RuntimeError):
        env.step(Action.TURN_LEFT)
    env.reset()
    env.sense(Test(Sensor.AT_GOAL))
    assert env.ticks == 1 and env.board is LANE  # other attributes reach the wrapped env


def test_physical_observations_are_deterministic_per_seed() -> None:
    noise = NoiseModel(turn_noise_deg=5.0, drive_noise=0.03)
    plan = [Action.TURN_LEFT, Action.TURN_RIGHT, Action.MOVE_FORWARD]

    def bodies(seed: int) -> list[object]:
        env = SimEnv(LANE, BOTH, physics=PhysicsConfig(), noise=noise)
        env.reset(seed=seed)
        return [env.step(a)[0].body for a in plan]

    assert bodies(5) == bodies(5)
    assert bodies(5) != bodies(6)


def test_render_modes_are_fixed_at_construction() -> None:
    assert SimEnv(LANE, BOTH).render() is None
    frame = SimEnv(LANE, BOTH, render_mode="rgb_array", cell_px=20).render()
    assert isinstance(frame, RGBArray)
    assert (frame.width, frame.height, len(frame.data)) == (140, 80, 140 * 80 * 3)
    with pytest.raises(ValueError, match="render_mode"):
        SimEnv(LANE, BOTH, render_mode="window")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="physical mode"):
        SimEnv(LANE, BOTH, noise=NoiseModel(turn_bias=0.1))


def test_human_render_mode_draws_into_a_window() -> None:
    import pygame

    env = SimEnv(LANE, BOTH, render_mode="human", cell_px=20)
    env.step(Action.MOVE_FORWARD)
    surface = pygame.display.get_surface()
    assert surface is not None and surface.get_size() == (140, 80)
    assert surface.get_at((50, 30))[:3] != (0, 0, 0)
    env.close()
    assert pygame.display.get_surface() is None


def test_from_challenge_picks_the_variant() -> None:
    maze = fixture("maze")
    env = SimEnv.from_challenge(maze, variant=1)
    assert env.board is maze.variants[0]
    with pytest.raises(ValueError, match="variant"):
        SimEnv.from_challenge(maze, variant=5)


def test_importing_the_simulator_needs_no_pygame() -> None:
    code = "import sys, simulator; from simulator import SimEnv; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
