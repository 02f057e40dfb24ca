"""Breadth-first search for the shortest action sequence (``par.steps: auto``, ``robolab solve``).

States are (cell, heading, gems left) packed into one integer; only the action blocks the challenge
allows are tried. Crashes and falls end a run, so they are never part of a solution.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from robolab.board import Board
from robolab.grid import FREE
from robolab.robot import Pose
from robolab.vocabulary import Action, Goal

MAX_STATES = 2_000_000


@dataclass(frozen=True, slots=True)
class Solution:
    """An optimal run: its length in steps and one sequence of actions achieving it."""

    steps: int
    actions: tuple[Action, ...]

    def to_json(self) -> dict[str, object]:
        return {"steps": self.steps, "actions": [a.value for a in self.actions]}


class SearchTooLarge(Exception):
    """The search would visit more than ``MAX_STATES`` states (a map with too many gems)."""


def solve_board(
    board: Board, goals: frozenset[Goal], actions: Iterable[Action], *, start: Pose | None = None
) -> Solution | None:
    """The shortest sequence of ``actions`` that makes every goal hold on ``board``, or ``None``.

    ``start`` replaces the board's start pose (all gems still to take), for example to measure
    how far a robot that stopped is from the goal.

    Raises:
        SearchTooLarge: the state space is too big to search.
    """
    allowed = [a for a in Action if a in set(actions)]
    grid = board.grid
    kinds = grid.kinds
    goal_flags = grid.goal_flags
    gem_bits = grid.gem_bits
    reach = Goal.REACH in goals
    collect = Goal.COLLECT_ALL in goals
    if not reach and not collect:
        return None
    deltas = tuple(grid.step_delta(h) for h in range(4))
    cell_bits = (len(kinds) * 4).bit_length()
    low = (1 << cell_bits) - 1
    start = start or board.start
    start_mask = ((1 << len(grid.gems)) - 1) if collect else 0
    start_key = (start_mask << cell_bits) | (grid.index(start.x, start.y) << 2) | int(start.heading)
    codes = [_CODES[a] for a in allowed]
    parents: dict[int, int] = {start_key: -1}
    frontier = [start_key]
    found = -1
    while frontier and found < 0:
        if len(parents) > MAX_STATES:
            raise SearchTooLarge
        following: list[int] = []
        for key in frontier:
            h = key & 3
            cell = (key & low) >> 2
            mask = key >> cell_bits
            for code in codes:
                if code >= 2:  # a turn: same cell, same gems
                    new = (key & ~3) | ((h + code) & 3)  # code 3 = left (+3), code 5 = right (+1)
                    if new in parents:
                        continue
                    parents[new] = key << 3 | code
                    following.append(new)
                    if not reach and not mask:  # only when the goal already held at the start
                        found = new
                        break
                    continue
                target = cell + deltas[h] if code == 0 else cell - deltas[h]
                if kinds[target] != FREE:
                    continue
                new_mask = mask & ~gem_bits[target] if mask else 0
                new = (new_mask << cell_bits) | (target << 2) | h
                if new in parents:
                    continue
                parents[new] = key << 3 | code
                if (goal_flags[target] or not reach) and not new_mask:
                    found = new
                    break
                following.append(new)
            if found >= 0:
                break
        frontier = following
    if found < 0:
        return None
    path: list[Action] = []
    key = found
    while parents[key] != -1:
        link = parents[key]
        path.append(_ACTION_OF_CODE[link & 7])
        key = link >> 3
    path.reverse()
    return Solution(len(path), tuple(path))


# 0: forward, 1: backward, 3: left (+3 mod 4), 5: right (+1 mod 4 written as 5 to stay >= 2)
_CODES = {
    Action.MOVE_FORWARD: 0,
    Action.MOVE_BACKWARD: 1,
    Action.TURN_LEFT: 3,
    Action.TURN_RIGHT: 5,
}
_ACTION_OF_CODE = {code: action for action, code in _CODES.items()}
