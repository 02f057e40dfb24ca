"""Where a run went wrong, as far as procedures go: inside a procedure, or just as one ended.

A block inside a procedure runs once per call. When the step where the run went wrong was made
inside a procedure, or came right after a procedure returned, the hint names the procedure and
the block inside it. When every call that got there on the right path went wrong at the same
place, the mistake is the procedure's own: the hint says so once, instead of naming one call.
"""

from __future__ import annotations

from dataclasses import dataclass

from robolab.hints.calls import Activation
from robolab.hints.context import BoardAnalysis
from robolab.program import Procedure


@dataclass(frozen=True)
class InProcedure:
    """The place of a step in a procedure.

    ``ends``: the step came right after ``activation`` returned (the place is the procedure's
    end); otherwise it was made by a block of the procedure. ``reached``: how many calls got
    there on the right path, ``wrong``: how many of them went wrong there.
    """

    procedure: Procedure
    activation: Activation
    ends: bool
    reached: int
    wrong: int

    @property
    def every(self) -> bool:
        """Each call that got there on the right path went wrong there (two calls at least):
        the procedure's own mistake."""
        return self.reached >= 2 and self.wrong == self.reached

    @property
    def varies(self) -> bool:
        """Some call got past that place on the right path: the procedure works for some calls
        only (counting squares where a sensor would adapt)."""
        return self.wrong < self.reached


def place_of(run: BoardAnalysis, i: int) -> InProcedure | None:
    """The procedure step ``i`` belongs to (``None``: the main program, or no procedure)."""
    if run.program is None or not run.program.procedures or i >= len(run.trace):
        return None
    calls = run.calls
    inside = calls.innermost(i)
    if inside is not None:
        return InProcedure(inside.procedure, inside, False, *_inside(run, i, inside))
    ended = calls.returned_before(i)
    if ended is not None and ended.procedure.body:
        return InProcedure(ended.procedure, ended, True, *_at_end(run, ended))
    return None


def _inside(run: BoardAnalysis, i: int, here: Activation) -> tuple[int, int]:
    """The calls that reached this block (the same time in the call) on the right path, and
    those of them that went wrong there."""
    calls = run.calls
    numbers = [step.number for step in run.trace]
    nth = calls.pass_in_call(i, numbers)
    reached = wrong = 0
    for index, call in enumerate(calls.activations):
        if call.procedure.name != here.procedure.name:
            continue
        seen = 0
        for j in range(call.first, call.end):
            if numbers[j] != numbers[i] or calls.stacks[j][-1:] != (index,):
                continue
            seen += 1
            if seen == nth:
                if _on_track(run, call.first - 1, j):
                    reached += 1
                    wrong += not run.on_track(j)
                break
    return reached, wrong


def _at_end(run: BoardAnalysis, here: Activation) -> tuple[int, int]:
    """The calls that ran on the right path to their end, and those followed by a wrong step."""
    reached = wrong = 0
    for call in run.calls.calls_of(here.procedure.name):
        j = call.end
        if 0 < j < len(run.trace) and _on_track(run, call.first - 1, j):
            reached += 1
            wrong += not run.on_track(j)
    return reached, wrong


def _on_track(run: BoardAnalysis, start: int, stop: int) -> bool:
    """Whether steps ``start`` to ``stop - 1`` were all on track (the robot came on the right
    path into the call, and stayed on it until there)."""
    return all(run.on_track(k) for k in range(max(0, start), stop))
