"""How far the goal is from every robot state of a board: one backward breadth-first search.

A state is (cell, heading, gems still to take), packed in one integer like :mod:`robolab.solver`
does. Searching backwards from every state where the goal holds gives, in one pass, the optimal
number of steps left from *any* state, which is what the hints need for every step of a trace
(one forward search per step would be quadratic on long runs).
"""

from __future__ import annotations

from collections.abc import Iterable

from robolab.board import Board
from robolab.grid import FREE
from robolab.vocabulary import Action, Goal, Heading

MAX_STATES = 100_000  # about 0.1 s to search; past it (many gems) hints use the run's message


class TooLarge(Exception):
    """The board has too many states to search (too many gems on a big map)."""


class DistanceMap:
    """Optimal steps to the goal from every state of ``board``, using only ``actions``.

    Raises:
        TooLarge: the state space is larger than :data:`MAX_STATES`.
    """

    def __init__(self, board: Board, goals: frozenset[Goal], actions: Iterable[Action]) -> None:
        grid = board.grid
        self.board = board
        self.actions = tuple(a for a in Action if a in set(actions))
        self.collect = Goal.COLLECT_ALL in goals
        self.reach = Goal.REACH in goals
        self.full_mask = (1 << len(grid.gems)) - 1 if self.collect else 0
        free = sum(1 for kind in grid.kinds if kind == FREE)
        if (self.full_mask + 1) * free * 4 > MAX_STATES:
            raise TooLarge
        self._bits = (len(grid.kinds) * 4).bit_length()
        self._dist: dict[int, int] = {}
        self._search()

    def key(self, x: int, y: int, heading: Heading, mask: int) -> int:
        cell = self.board.grid.index(x, y)
        return (mask << self._bits) | (cell << 2) | int(heading)

    def dist(self, x: int, y: int, heading: Heading, mask: int) -> int | None:
        """Steps still needed from this state, ``None`` when the goal cannot be reached."""
        if not self.board.grid.is_open(x, y):
            return None
        return self._dist.get(self.key(x, y, heading, mask & self.full_mask))

    def mask_after(self, mask: int, x: int, y: int) -> int:
        """The gems left after the robot entered ``(x, y)``."""
        return mask & ~self.board.grid.gem_bits[self.board.grid.index(x, y)] & self.full_mask

    def best_actions(self, x: int, y: int, heading: Heading, mask: int) -> tuple[Action, ...]:
        """The allowed actions that start an optimal path from this state (in Action order)."""
        here = self.dist(x, y, heading, mask)
        if here is None or here == 0:
            return ()
        grid = self.board.grid
        out = []
        for action in self.actions:
            if action is Action.TURN_LEFT:
                after = self.dist(x, y, heading.left(), mask)
            elif action is Action.TURN_RIGHT:
                after = self.dist(x, y, heading.right(), mask)
            else:
                way = heading if action is Action.MOVE_FORWARD else heading.back()
                nx, ny = grid.neighbour(x, y, way)
                after = self.dist(nx, ny, heading, self.mask_after(mask, nx, ny))
            if after is not None and after == here - 1:
                out.append(action)
        return tuple(out)

    def _search(self) -> None:
        grid = self.board.grid
        kinds = grid.kinds
        bits = self._bits
        low = (1 << bits) - 1
        gem_bits = grid.gem_bits if self.collect else (0,) * len(kinds)
        deltas = tuple(grid.step_delta(h) for h in range(4))
        frontier: list[int] = []
        for cell, kind in enumerate(kinds):
            if kind != FREE or (self.reach and not grid.goal_flags[cell]):
                continue
            for h in range(4):
                frontier.append((cell << 2) | h)  # every goal state has no gem left (mask 0)
        dist = self._dist
        for key in frontier:
            dist[key] = 0
        forward = Action.MOVE_FORWARD in self.actions
        backward = Action.MOVE_BACKWARD in self.actions
        turns = [t for t, a in ((1, Action.TURN_LEFT), (3, Action.TURN_RIGHT)) if a in self.actions]
        depth = 0
        while frontier:
            depth += 1
            following: list[int] = []
            for key in frontier:
                h = key & 3
                cell = (key & low) >> 2
                mask = key >> bits
                for t in turns:  # turning left from h+1 (or right from h+3) faces h
                    prev = (key & ~3) | ((h + t) & 3)
                    if prev not in dist:
                        dist[prev] = depth
                        following.append(prev)
                gem = gem_bits[cell]
                if mask & gem:
                    continue  # entering this cell would have taken its gem
                masks = (mask, mask | gem) if gem else (mask,)
                for sign, allowed in ((-1, forward), (1, backward)):
                    if not allowed:
                        continue
                    source = cell + sign * deltas[h]
                    if kinds[source] != FREE:
                        continue
                    for before in masks:
                        prev = (before << bits) | (source << 2) | h
                        if prev not in dist:
                            dist[prev] = depth
                            following.append(prev)
            frontier = following
