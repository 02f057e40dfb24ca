"""The learner's run seen by the hints: every board run with its trace, measured against the goal.

For each step of a trace we know how far the goal was before and after it (a
:class:`~robolab.hints.distance.DistanceMap`). A step is *on track* when it brings the robot one
step closer to the goal, i.e. when it could be part of an optimal path from where the robot was.
"""

from __future__ import annotations

import dataclasses
import weakref
from functools import cached_property
from typing import NamedTuple

from robolab.board import Board, GridRobot
from robolab.challenge import Challenge
from robolab.compiler import CompiledProgram
from robolab.hints.calls import EMPTY, CallMap, call_map
from robolab.hints.distance import DistanceMap, TooLarge
from robolab.hints.edits import Located, locate
from robolab.program import Procedure, Program
from robolab.results import BoardRun, TraceStep
from robolab.stepper import drive, run_steps
from robolab.vocabulary import Action, Goal, Heading, Outcome

TRACE_TICKS = 2000  # a run that times out is traced this far only


class State(NamedTuple):
    """The robot before (or after) a step: where, facing where, which gems are still to take."""

    x: int
    y: int
    heading: Heading
    mask: int


class BoardAnalysis:
    """One board's run of a program, step by step, against the optimal distance to the goal."""

    def __init__(
        self,
        index: int,
        board: Board,
        run: BoardRun,
        dmap: DistanceMap | None,
        program: Program | None = None,
        goals: frozenset[Goal] = frozenset(),
    ) -> None:
        self.index = index  # 0: the main map; n: variant n
        self.board = board
        self.run = run
        self.dmap = dmap
        self.program = program
        self.goals = goals
        self.trace: tuple[TraceStep, ...] = run.trace or ()
        start = board.start
        mask = dmap.full_mask if dmap is not None else 0
        states = [State(start.x, start.y, start.heading, mask)]
        for step in self.trace:
            if dmap is not None and step.event == "gem":
                mask = dmap.mask_after(mask, step.x, step.y)
            states.append(State(step.x, step.y, step.heading, mask))
        self.states = states  # states[i] is before step i; states[-1] is where the run ended

    @property
    def solved(self) -> bool:
        return self.run.outcome is Outcome.SUCCESS

    def dist(self, i: int) -> int | None:
        """Optimal steps left before step ``i`` (``len(trace)``: at the end), ``None``: lost."""
        if self.dmap is None:
            return None
        s = self.states[i]
        return self.dmap.dist(s.x, s.y, s.heading, s.mask)

    def on_track(self, i: int) -> bool:
        """Whether step ``i`` brought the robot one step closer to the goal."""
        if self.trace[i].event in ("crash", "fall"):
            return False
        before, after = self.dist(i), self.dist(i + 1)
        return before is not None and after is not None and after == before - 1

    def first_off(self) -> int | None:
        """The first step that was not on track (``None``: every step was)."""
        return next((i for i in range(len(self.trace)) if not self.on_track(i)), None)

    def went_wrong(self) -> int | None:
        """Where the run left the track for good: the first of the off-track steps that end it.

        ``None`` when the last step was on track (or there was no step). A detour the robot
        recovered from does not count: the culprit of a crash is the crash itself, or the wrong
        turn just before it.
        """
        i = len(self.trace)
        while i > 0 and not self.on_track(i - 1):
            i -= 1
        return i if i < len(self.trace) else None

    def best_actions(self, i: int) -> tuple[Action, ...]:
        """The actions that start an optimal path from the state before step ``i``."""
        if self.dmap is None:
            return ()
        s = self.states[i]
        return self.dmap.best_actions(s.x, s.y, s.heading, s.mask)

    @cached_property
    def closest(self) -> int | None:
        """The smallest distance to the goal the robot reached (0 when solved)."""
        if self.solved:
            return 0
        if self.dmap is None:
            return None
        dist = self.dmap.dist
        known = [
            d for s in set(self.states) if (d := dist(s.x, s.y, s.heading, s.mask)) is not None
        ]
        return min(known) if known else None

    def passes(self, i: int) -> int:
        """How many times the block of step ``i`` had already moved the robot before it (+1)."""
        number = self.trace[i].number
        return 1 + sum(1 for step in self.trace[:i] if step.number == number)

    @cached_property
    def located(self) -> dict[int, Located]:
        """The program's statements by number, with the procedure each one is in."""
        return locate(self.program) if self.program is not None else {}

    def procedure_of(self, number: int) -> Procedure | None:
        """The procedure whose body holds block ``number`` (``None``: the main program)."""
        found = self.located.get(number)
        return found.procedure if found is not None else None

    @cached_property
    def calls(self) -> CallMap:
        """Which procedure call every step ran in (computed when a hint needs it)."""
        if self.program is None or not self.program.procedures or not self.trace:
            return EMPTY
        ticks = self.run.ticks
        if self.run.outcome is Outcome.TIMEOUT:  # traced for its first ticks only
            ticks = self.trace[-1].tick
        return call_map(self.program, self.board, self.goals, len(self.trace), ticks)


def distance_maps(challenge: Challenge) -> list[DistanceMap | None]:
    """A distance map per board (main first), ``None`` where the board is too large to search.

    They depend on the challenge only, so they are kept while the challenge object lives
    (a classroom server asks for many hints on the same challenges).
    """
    cached = _MAPS.get(challenge)
    if cached is not None:
        return cached
    out: list[DistanceMap | None] = []
    for board in challenge.boards:
        try:
            out.append(DistanceMap(board, challenge.goals, challenge.actions))
        except TooLarge:
            out.append(None)
    _MAPS[challenge] = out
    return out


_MAPS: weakref.WeakKeyDictionary[Challenge, list[DistanceMap | None]] = weakref.WeakKeyDictionary()


def analyse_runs(
    challenge: Challenge,
    program: Program,
    dmaps: list[DistanceMap | None],
    *,
    max_ticks: int | None = None,
    compiled: bool = True,
) -> list[BoardAnalysis]:
    """Runs ``program`` on every board with a trace and analyses each run."""
    return [
        analyse_board(challenge, program, dmaps, i, max_ticks=max_ticks, compiled=compiled)
        for i in range(len(challenge.boards))
    ]


def analyse_board(
    challenge: Challenge,
    program: Program,
    dmaps: list[DistanceMap | None],
    index: int,
    *,
    max_ticks: int | None = None,
    compiled: bool = True,
) -> BoardAnalysis:
    """Runs ``program`` on board ``index`` (0: the main map) with a trace and analyses it.

    ``compiled`` uses the fast path (the runner's, same results); otherwise the step-by-step
    runner, which costs nothing to prepare (for the many short runs that test a fix).
    """
    ticks = challenge.max_ticks if max_ticks is None else min(max_ticks, challenge.max_ticks)
    board, goals = challenge.boards[index], challenge.goals
    if not compiled:
        run = drive(run_steps(program, board, goals, max_ticks=ticks, trace=True), GridRobot(board))
        return BoardAnalysis(index, board, run, dmaps[index], program, goals)
    runner = CompiledProgram(program)
    run = runner.run(board, goals, max_ticks=min(ticks, TRACE_TICKS), trace=True)
    if run.outcome is Outcome.TIMEOUT and ticks > TRACE_TICKS:
        # An endless loop: its first ticks say all there is to say, and a 10,000-tick trace
        # costs more than the rest of the hint. The outcome comes from a full untraced run.
        full = runner.run(board, goals, max_ticks=ticks, trace=False)
        if full.outcome is Outcome.TIMEOUT:
            run = dataclasses.replace(full, trace=run.trace)
        else:  # it did end after all: keep its whole trace
            run = runner.run(board, goals, max_ticks=ticks, trace=True)
    return BoardAnalysis(index, board, run, dmaps[index], program, goals)
