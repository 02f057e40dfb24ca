"""The simulator agrees with the core: exactly in grid mode, on outcome and cell in physical mode.

Every bundled challenge (whatever packs exist under challenges/) and the simulator's own fixture
challenges are checked, with the reference solution and with programs that fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from robolab.board import GridRobot
from robolab.challenge import Challenge
from robolab.program import Program
from robolab.program_loader import parse_program
from robolab.runner import run
from robolab.stepper import drive, run_steps
from robolab.vocabulary import Outcome
from simulator.beats import run_program, simulate
from simulator.env import SimEnv
from simulator.kinematics import PhysicsConfig
from tests.simulator.conftest import every_challenge, fixture, fixture_challenges
from tests.strategies import programs

CHALLENGES = every_challenge()
IDS = [c.id for c in CHALLENGES]


def other_programs(challenge: Challenge) -> list[Program]:
    """Programs that stop short, crash into walls or fall, built from the allowed actions."""
    out: list[Program] = []
    best = challenge.optimum
    if best is not None and best.actions:
        out.append(parse_program([{"block": a.value} for a in best.actions[:-1]]))
    for action in challenge.actions:
        out.append(parse_program([{"block": action.value, "id": f"x{i}"} for i in range(12)]))
    return out


def test_the_fixture_challenges_cover_every_map_element() -> None:
    chars = {
        ch
        for c in fixture_challenges()
        for board in c.boards
        for row in board.grid.rows
        for ch in row
    }
    assert chars == set("#.SG*~rgby")
    assert len(CHALLENGES) >= len(fixture_challenges())


@pytest.mark.parametrize("challenge", CHALLENGES, ids=IDS)
def test_grid_mode_gives_exactly_the_cores_result(challenge: Challenge) -> None:
    for program in [challenge.solution, *other_programs(challenge)]:
        for lang in ("fr", "en"):
            sim = simulate(challenge, program, lang=lang)
            core = run(challenge, program, lang=lang, trace=True)
            assert sim.result is not None
            assert sim.result.to_json(trace=True) == core.to_json(trace=True)
        if sim.run is not None:
            assert sim.run.trace is not None
            assert [b.ticks for b in sim.beats if b.kind == "act"] == [
                s.tick for s in sim.run.trace
            ]


@pytest.mark.parametrize("challenge", CHALLENGES, ids=IDS)
def test_physical_mode_without_noise_ends_like_the_grid(challenge: Challenge) -> None:
    physics = PhysicsConfig()
    for program in [challenge.solution, *other_programs(challenge)]:
        for board in challenge.boards:
            grid = run_program(
                SimEnv(board, challenge.goals), program, max_ticks=challenge.max_ticks
            )
            body = run_program(
                SimEnv(board, challenge.goals, physics=physics),
                program,
                max_ticks=challenge.max_ticks,
            )
            assert body.outcome == grid.outcome
            assert body.final_pose == grid.final_pose
            assert (body.steps, body.ticks) == (grid.steps, grid.ticks)
    solved = simulate(challenge, challenge.solution, physics=physics)
    assert solved.result is not None and solved.result.solved


def test_sensor_reads_are_beats_with_the_running_condition() -> None:
    maze = fixture("maze")
    sim = simulate(maze, maze.solution)
    senses = [b for b in sim.beats if b.kind == "sense"]
    assert senses and {b.block_id for b in senses} == {"loop", "right", "ahead", "go"}
    ticks = [b.ticks for b in sim.beats]
    assert ticks == sorted(ticks) and ticks[-1] <= sim.ticks
    assert sim.outcome is Outcome.SUCCESS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=programs(max_depth=3))
def test_random_programs_agree_in_both_modes(data: dict[str, Any]) -> None:
    program = parse_program(data)
    for challenge in fixture_challenges():
        board, goals = challenge.board, challenge.goals
        core = drive(run_steps(program, board, goals, max_ticks=300, trace=True), GridRobot(board))
        grid = run_program(SimEnv(board, goals), program, max_ticks=300)
        assert grid.run == core
        body = run_program(SimEnv(board, goals, physics=PhysicsConfig()), program, max_ticks=300)
        assert (body.outcome, body.final_pose, body.ticks) == (
            core.outcome,
            grid.final_pose,
            core.ticks,
        )
