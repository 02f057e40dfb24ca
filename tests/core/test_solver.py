from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from robolab.board import Board, apply_action, goal_holds
from robolab.grid import parse_map
from robolab.robot import Motion, Pose
from robolab.solver import Solution, solve_board
from robolab.vocabulary import Action, Goal, Heading
from tests.strategies import maps

REACH = frozenset({Goal.REACH})


def reference_steps(board: Board, goals: frozenset[Goal], actions: list[Action]) -> int | None:
    """A slow, obviously correct BFS over (pose, gems taken) using the grid rules."""
    grid = board.grid
    start = (board.start, frozenset[tuple[int, int]]())
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        (pose, taken), depth = queue.popleft()
        for action in actions:
            report = apply_action(grid, pose, action)
            if report.motion is not Motion.OK:
                continue
            cell = (report.pose.x, report.pose.y)
            now = taken | {cell} if cell in grid.gems else taken
            if goal_holds(goals, grid, cell[0], cell[1], len(grid.gems) - len(now)):
                return depth + 1
            state = (report.pose, now)
            if state not in seen:
                seen.add(state)
                queue.append((state, depth + 1))
    return None


def replay(board: Board, goals: frozenset[Goal], solution: Solution) -> bool:
    pose: Pose = board.start
    taken: set[tuple[int, int]] = set()
    for action in solution.actions:
        report = apply_action(board.grid, pose, action)
        assert report.motion is Motion.OK
        pose = report.pose
        if (pose.x, pose.y) in board.grid.gems:
            taken.add((pose.x, pose.y))
    return goal_holds(goals, board.grid, pose.x, pose.y, len(board.grid.gems) - len(taken))


def test_corridor_and_turns() -> None:
    board = Board(parse_map("#####\n#S.##\n##.G#\n#####"), Heading.EAST)
    solution = solve_board(board, REACH, list(Action))
    assert solution is not None
    assert solution.steps == 5  # forward, turn, forward, turn, forward
    assert solution.to_json()["steps"] == 5
    assert len(solution.to_json()["actions"]) == 5  # type: ignore[arg-type]
    assert replay(board, REACH, solution)


def test_only_allowed_actions_are_used() -> None:
    board = Board(parse_map("#####\n#G.S#\n#####"), Heading.EAST)
    with_back = solve_board(
        board, REACH, [Action.MOVE_FORWARD, Action.MOVE_BACKWARD, Action.TURN_LEFT]
    )
    assert with_back is not None and with_back.actions == (
        Action.MOVE_BACKWARD,
        Action.MOVE_BACKWARD,
    )
    turning = solve_board(board, REACH, [Action.MOVE_FORWARD, Action.TURN_LEFT])
    assert turning is not None and turning.steps == 4
    assert solve_board(board, REACH, [Action.MOVE_FORWARD]) is None
    assert solve_board(board, REACH, []) is None


def test_gems_change_the_best_path() -> None:
    board = Board(parse_map("#######\n#*.S.G#\n#######"), Heading.EAST)
    assert solve_board(board, REACH, list(Action)) == Solution(2, (Action.MOVE_FORWARD,) * 2)
    both = solve_board(board, frozenset(Goal), list(Action))
    assert both is not None and both.steps == 2 + 4  # back twice, then forward four times
    assert replay(board, frozenset(Goal), both)


def test_water_is_never_crossed() -> None:
    board = Board(parse_map("S~G"), Heading.EAST)
    assert solve_board(board, REACH, list(Action)) is None


@given(maps(max_side=7), st.sampled_from(list(Heading)), st.booleans(), st.booleans())
@settings(max_examples=150, deadline=None)
def test_optimal_like_a_reference_search(
    text: str, heading: Heading, collect: bool, backward: bool
) -> None:
    board = Board(parse_map(text), heading)
    goals = frozenset({Goal.REACH, Goal.COLLECT_ALL}) if collect and board.grid.gems else REACH
    actions = [Action.MOVE_FORWARD, Action.TURN_LEFT, Action.TURN_RIGHT] + (
        [Action.MOVE_BACKWARD] if backward else []
    )
    solution = solve_board(board, goals, actions)
    expected = reference_steps(board, goals, actions)
    assert (solution.steps if solution else None) == expected
    if solution is not None:
        assert set(solution.actions) <= set(actions)
        assert replay(board, goals, solution)
