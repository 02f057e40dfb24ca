"""Which procedure call every step of a run belongs to (for hints about procedures).

A trace says which block moved the robot, not through which ``call``: a block inside a
procedure runs once per call. To tell the calls apart, the program is run again with the
step-by-step runner, with a marker around every ``call`` (an ``if`` with nothing inside, that
only reads a sensor): the markers show when a call starts and when it returns, and the robot
moves exactly as in the real run.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from robolab.board import Board, GridRobot
from robolab.program import (
    Block,
    Call,
    If,
    Procedure,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    Test,
    While,
)
from robolab.robot import ActRequest
from robolab.stepper import run_steps
from robolab.vocabulary import Goal, Sensor

MARK = Test(Sensor.PATH_AHEAD)  # any sensor: the marker's answer changes nothing
COST = 4  # ticks a call's two markers add (two statements, two condition tests)


@dataclass(frozen=True)
class Activation:
    """One call of a procedure during a run.

    ``first`` is the index of the first step after the call started, ``end`` the index of the
    first step after it returned (both ``len(trace)`` when nothing followed); ``nth`` counts the
    calls of that procedure so far (1 for the first one).
    """

    call: Call
    procedure: Procedure
    nth: int
    first: int
    end: int


@dataclass(frozen=True)
class CallMap:
    """For every step, the calls it runs in (indexes into ``activations``, outermost first)."""

    stacks: tuple[tuple[int, ...], ...]
    activations: tuple[Activation, ...]

    def innermost(self, i: int) -> Activation | None:
        """The call that step ``i`` runs in (``None``: the main program)."""
        stack = self.stacks[i] if i < len(self.stacks) else ()
        return self.activations[stack[-1]] if stack else None

    def returned_before(self, i: int) -> Activation | None:
        """The call the step before ``i`` ran in, if it returned before step ``i``."""
        if not 0 < i <= len(self.stacks):
            return None
        stack = self.stacks[i - 1]
        if not stack:
            return None
        later = self.stacks[i] if i < len(self.stacks) else ()
        found = self.activations[stack[-1]]
        return found if stack[-1] not in later and found.end == i else None

    def calls_of(self, name: str) -> list[Activation]:
        return [a for a in self.activations if a.procedure.name == name]

    def pass_in_call(self, i: int, numbers: list[int]) -> int:
        """How many times the block of step ``i`` moved the robot in its call, up to step ``i``."""
        owner = self.stacks[i][-1:]
        start = self.activations[owner[0]].first if owner else 0
        return sum(
            1
            for j in range(start, i + 1)
            if numbers[j] == numbers[i] and self.stacks[j][-1:] == owner
        )


EMPTY = CallMap((), ())


def call_map(
    program: Program, board: Board, goals: frozenset[Goal], steps: int, ticks: int
) -> CallMap:
    """The calls of the first ``steps`` steps of ``program`` on ``board`` (which took ``ticks``
    ticks; a call that returns after the last step is seen only if the run ended by itself)."""
    if not program.procedures:
        return EMPTY
    marked, marks = _instrument(program)
    budget = ticks * (1 + COST) + COST
    run = run_steps(marked, board, goals, max_ticks=budget)
    robot = GridRobot(board)
    stacks: list[tuple[int, ...]] = []
    open_calls: list[int] = []
    found: list[tuple[Call, Procedure, int, int]] = []  # call, procedure, nth, first step
    ends: list[int | None] = []  # the step after each call returned (None: not yet)
    counts: Counter[str] = Counter()
    try:
        request = next(run)
        while True:
            if isinstance(request, ActRequest):
                if len(stacks) == steps:
                    break  # the next step is past the analysed trace
                stacks.append(tuple(open_calls))
                request = run.send(robot.act(request.action))
                continue
            mark = marks.get(request.stmt.number)
            if mark is not None:
                starts, call = mark
                if starts:
                    proc = program.procedure(call.name)
                    if proc is not None:
                        counts[call.name] += 1
                        open_calls.append(len(found))
                        found.append((call, proc, counts[call.name], len(stacks)))
                        ends.append(None)
                elif open_calls:
                    ends[open_calls.pop()] = len(stacks)
            request = run.send(robot.sense(request.test))
    except StopIteration:
        pass
    finally:
        run.close()
    done = len(stacks)
    activations = tuple(
        Activation(*started, done if end is None else end)
        for started, end in zip(found, ends, strict=True)
    )
    return CallMap(tuple(stacks), activations)


def _instrument(program: Program) -> tuple[Program, dict[int, tuple[bool, Call]]]:
    """The program with a marker before and after every call, and what each marker means
    (markers have negative numbers, real blocks keep theirs)."""
    marks: dict[int, tuple[bool, Call]] = {}

    def block(items: Block) -> Block:
        out: list[Statement] = []
        for stmt in items:
            if isinstance(stmt, Call):
                enter, leave = -len(marks) - 1, -len(marks) - 2
                marks[enter] = (True, stmt)
                marks[leave] = (False, stmt)
                out += [If(MARK, (), number=enter), stmt, If(MARK, (), number=leave)]
            else:
                out.append(inner(stmt))
        return tuple(out)

    def inner(stmt: Statement) -> Statement:
        if isinstance(stmt, Repeat | RepeatUntil | While):
            return dataclasses.replace(stmt, body=block(stmt.body))
        if isinstance(stmt, If):
            orelse = block(stmt.orelse) if stmt.orelse is not None else None
            return dataclasses.replace(stmt, then=block(stmt.then), orelse=orelse)
        return stmt

    procedures = tuple(dataclasses.replace(p, body=block(p.body)) for p in program.procedures)
    return Program(block(program.main), procedures), marks
