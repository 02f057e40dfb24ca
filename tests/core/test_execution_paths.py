"""The compiled grading path and the step-by-step path must agree on everything."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab.board import Board, GridRobot
from robolab.compiler import CompiledProgram
from robolab.grid import parse_map
from robolab.pack import load_packs
from robolab.program_loader import parse_program
from robolab.results import BoardRun
from robolab.stepper import drive, run_steps
from robolab.vocabulary import Goal, Heading, Outcome
from tests.strategies import maps, programs

OUTCOMES = set(Outcome)


def both_ways(
    data: Any, board: Board, goals: frozenset[Goal], max_ticks: int
) -> tuple[BoardRun, BoardRun]:
    program = parse_program(data)
    stepped = drive(
        run_steps(program, board, goals, max_ticks=max_ticks, trace=True), GridRobot(board)
    )
    compiled = CompiledProgram(program).run(board, goals, max_ticks=max_ticks, trace=True)
    return stepped, compiled


@given(
    programs(max_depth=3),
    maps(),
    st.sampled_from(list(Heading)),
    st.sampled_from([frozenset({Goal.REACH}), frozenset({Goal.COLLECT_ALL}), frozenset(Goal)]),
    st.sampled_from([1, 7, 60, 1000]),
)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_programs_agree_and_always_end(
    data: dict[str, Any], text: str, heading: Heading, goals: frozenset[Goal], max_ticks: int
) -> None:
    grid = parse_map(text)
    if not grid.gems:
        goals = frozenset({Goal.REACH})
    stepped, compiled = both_ways(data, Board(grid, heading), goals, max_ticks)
    assert stepped == compiled
    assert compiled.outcome in OUTCOMES
    assert compiled.ticks <= max_ticks
    assert compiled.steps <= compiled.ticks


def test_every_bundled_reference_solution_gives_the_same_trace_both_ways() -> None:
    count = 0
    for pack in load_packs():
        for challenge in pack.challenges:
            for board in challenge.boards:
                stepped, compiled = both_ways(
                    challenge.solution.to_json(), board, challenge.goals, challenge.max_ticks
                )
                assert stepped == compiled, challenge.id
                assert compiled.outcome is Outcome.SUCCESS, challenge.id
                count += 1
    assert count >= 12


def test_deep_programs_compile_despite_python_nesting_limits() -> None:
    board = Board(parse_map("S..G"), Heading.EAST)
    goals = frozenset({Goal.REACH})
    loops: Any = [{"block": "turn_left"}]
    for _ in range(99):
        loops = [{"block": "repeat", "times": 2, "body": loops}]
    ifs: Any = [{"block": "move_forward"}]
    for _ in range(99):
        ifs = [
            {
                "block": "if",
                "cond": {"sensor": "path_ahead"},
                "then": ifs,
                "else": [{"block": "turn_left"}],
            }
        ]
    whiles: Any = [{"block": "move_forward"}]
    for _ in range(99):
        whiles = [{"block": "while", "cond": {"not": {"sensor": "at_goal"}}, "body": whiles}]
    for data in (loops, ifs, whiles):
        stepped, compiled = both_ways(data, board, goals, 10_000)
        assert stepped == compiled


def test_deep_recursion_with_deep_bodies_stays_within_limits() -> None:
    board = Board(parse_map("S..G"), Heading.EAST)
    body: Any = [{"block": "turn_left"}, {"block": "call", "name": "p"}]
    for _ in range(98):
        body = [{"block": "repeat", "times": 1, "body": body}]
    data = {"main": [{"block": "call", "name": "p"}], "procedures": {"p": body}}
    stepped, compiled = both_ways(data, board, frozenset({Goal.REACH}), 1_000_000)
    assert stepped == compiled
    assert compiled.outcome is Outcome.ERROR and compiled.steps == 64


def test_requests_carry_their_tick() -> None:
    board = Board(parse_map("S..G"), Heading.EAST)
    program = parse_program(
        [{"block": "while", "cond": {"sensor": "path_ahead"}, "body": [{"block": "move_forward"}]}]
    )
    steps = run_steps(program, board, frozenset({Goal.REACH}))
    robot = GridRobot(board)
    ticks = []
    request = next(steps)
    try:
        while True:
            ticks.append((type(request).__name__, request.tick))
            request = steps.send(
                robot.act(request.action)
                if hasattr(request, "action")
                else robot.sense(request.test)
            )
    except StopIteration:
        pass
    assert ticks == [
        ("SenseRequest", 2),
        ("ActRequest", 3),
        ("SenseRequest", 4),
        ("ActRequest", 5),
        ("SenseRequest", 6),
        ("ActRequest", 7),
    ]


def test_programs_of_the_same_shape_share_compiled_code_but_keep_their_own_ids() -> None:
    board = Board(parse_map("S..G"), Heading.EAST)
    goals = frozenset({Goal.REACH})

    def program(prefix: str) -> Any:
        return parse_program(
            [
                {
                    "block": "repeat",
                    "times": 3,
                    "id": f"{prefix}1",
                    "body": [{"block": "move_forward", "id": f"{prefix}2"}],
                }
            ]
        )

    first = CompiledProgram(program("a")).run(board, goals, max_ticks=100, trace=True)
    second_program = CompiledProgram(program("b"))
    second = second_program.run(board, goals, max_ticks=100, trace=True)
    assert first.trace is not None and second.trace is not None
    assert [s.id for s in first.trace] == ["a2"] * 3
    assert [s.id for s in second.trace] == ["b2"] * 3
    other_shape = parse_program(
        [{"block": "repeat", "times": 2, "body": [{"block": "move_forward"}]}]
    )
    from robolab.compiler import shape_key

    assert shape_key(program("a")) == shape_key(program("b")) != shape_key(other_shape)
