"""Design checks for challenge authors: can a hard-coded path beat the variants?

A challenge with variants is meant to be solved by a program that decides with its sensors. If one
fixed sequence of moves solves the main map *and* every variant (the run stops on success, so a
sequence may go on after one map is done), the variants do not force the sensors.
:func:`hard_coded_path` searches for the shortest such sequence, breadth-first over the states of all
boards at once, with the same grid rules as :mod:`robolab.solver`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from robolab.board import Board
from robolab.grid import FREE
from robolab.solver import SearchTooLarge, Solution
from robolab.vocabulary import Action, Goal

MAX_STATES = 500_000

# One board's state: (flat cell index, heading, gems still to take), or None once it succeeded.
_State = tuple[int, int, int] | None
_TURN = {Action.TURN_LEFT: 3, Action.TURN_RIGHT: 1}


def hard_coded_path(
    boards: Sequence[Board],
    goals: frozenset[Goal],
    actions: Iterable[Action],
    *,
    max_states: int = MAX_STATES,
) -> Solution | None:
    """The shortest fixed action sequence that solves every board, or ``None`` if there is none.

    ``None`` means the boards together force a program to use its sensors (or procedures and loops
    that read them); a result means a program without conditions can solve them all.

    Raises:
        SearchTooLarge: more than ``max_states`` joint states would be visited.
    """
    allowed = [a for a in Action if a in set(actions)]
    if not boards or (Goal.REACH not in goals and Goal.COLLECT_ALL not in goals):
        return None
    start = tuple(_start(board, goals) for board in boards)
    parents: dict[tuple[_State, ...], tuple[tuple[_State, ...], Action] | None] = {start: None}
    frontier = [start]
    while frontier:
        following: list[tuple[_State, ...]] = []
        for joint in frontier:
            for action in allowed:
                moved = _step_all(boards, goals, joint, action)
                if moved is None or moved in parents:
                    continue
                parents[moved] = (joint, action)
                if all(state is None for state in moved):
                    return Solution(*_path(parents, moved))
                if len(parents) > max_states:
                    raise SearchTooLarge
                following.append(moved)
        frontier = following
    return None


def _start(board: Board, goals: frozenset[Goal]) -> _State:
    """The goal is never checked before the first step, so no board starts solved."""
    grid = board.grid
    pose = board.start
    mask = (1 << len(grid.gems)) - 1 if Goal.COLLECT_ALL in goals else 0
    return (grid.index(pose.x, pose.y), int(pose.heading), mask)


def _step_all(
    boards: Sequence[Board], goals: frozenset[Goal], joint: tuple[_State, ...], action: Action
) -> tuple[_State, ...] | None:
    """Every board after ``action``; ``None`` when it crashes or falls on any board."""
    out: list[_State] = []
    for board, state in zip(boards, joint, strict=True):
        if state is None:
            out.append(None)
            continue
        ok, moved = _step(board, goals, state, action)
        if not ok:
            return None
        out.append(moved)
    return tuple(out)


def _step(
    board: Board, goals: frozenset[Goal], state: tuple[int, int, int], action: Action
) -> tuple[bool, _State]:
    """One board after ``action``: ``(False, None)`` on a crash or a fall, else ``(True, state)``
    where the state is ``None`` once every goal holds."""
    grid = board.grid
    cell, heading, mask = state
    if action in _TURN:
        return True, (cell, (heading + _TURN[action]) % 4, mask)
    delta = grid.step_delta(heading)
    target = cell + delta if action is Action.MOVE_FORWARD else cell - delta
    if grid.kinds[target] != FREE:
        return False, None
    mask &= ~grid.gem_bits[target]
    if not mask and (Goal.REACH not in goals or grid.goal_flags[target]):
        return True, None
    return True, (target, heading, mask)


def _path(
    parents: dict[tuple[_State, ...], tuple[tuple[_State, ...], Action] | None],
    end: tuple[_State, ...],
) -> tuple[int, tuple[Action, ...]]:
    steps: list[Action] = []
    link = parents[end]
    while link is not None:
        joint, action = link
        steps.append(action)
        link = parents[joint]
    steps.reverse()
    return len(steps), tuple(steps)
