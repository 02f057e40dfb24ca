"""Level-3 hints: the next block to use, checked by running the program with that block.

Candidate fixes are one-block changes around the place where the run went wrong (the block the
robot should have used instead, a turn added before a move, a loop count changed…). Each one is
run on every board with the step-by-step runner; a fix is proposed only when it takes the robot
strictly closer to the goal without breaking a board that already worked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from robolab.challenge import Challenge
from robolab.hints.context import BoardAnalysis, analyse_board
from robolab.hints.distance import DistanceMap
from robolab.hints.edits import MAX_TIMES, Edit, Located, apply, block_list, innermost, locate
from robolab.program import Call, Procedure, Program, Repeat, RepeatUntil, While
from robolab.vocabulary import Action

# A fix is judged on a tick budget that fits the board: generous for a good program (many
# ticks per step of the optimal path, at least what the boards that worked needed) but far
# below the 10,000 of an endless loop, which keeps hints fast.
TICKS_PER_STEP = 16
MIN_TICKS = 300
MAX_CANDIDATES = 24
TIMES_TRIED = (-1, 1, -2, 2, 3, 4, 5, -3, 6, 8, 10)

Score = tuple[int, int, int, int]


def score(runs: list[BoardAnalysis], blocks: int) -> Score:
    """Boards solved, then how close the robot came to the goal overall, then fewer blocks,
    then fewer steps on the main map."""
    far = 0
    for run in runs:
        closest = run.closest
        far += closest if closest is not None else 10_000
    return (sum(r.solved for r in runs), -far, -blocks, -runs[0].run.steps)


def best_fix(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    edits: Iterable[Edit],
    *,
    focus: int = 0,
    shorter: bool = False,
    limit: int = MAX_CANDIDATES,
) -> Edit | None:
    """The candidate edit that improves the run most (``None``: none does).

    A candidate must first do better on board ``focus`` (the one the hint is about), then it is
    run on the other boards. With ``shorter`` the program already solves every board and a fix
    must keep solving them with fewer steps on the main map.
    """
    base = score(runs, program.block_count)
    ticks = _budget(challenge, runs, focus)
    most = challenge.max_blocks
    best: tuple[Score, Edit] | None = None
    seen: set[Edit] = set()
    for edit in edits:
        if edit in seen:
            continue
        seen.add(edit)
        if len(seen) > limit:
            break
        changed = apply(program, edit)
        if changed == program or (most is not None and changed.block_count > most):
            continue
        # Once a fix solves every board, only one that solves them all too, with no more
        # blocks, can beat it: the others are dropped at their first unsolved board.
        solve_all = best is not None and best[0][0] == len(runs)
        if solve_all and best is not None and changed.block_count > -best[0][2]:
            continue
        tried = _better_on(
            challenge, changed, dmaps, runs, focus, ticks, shorter=shorter, solve_all=solve_all
        )
        if tried is None:
            continue
        result = score(tried, changed.block_count)
        if shorter and (result[0] < len(runs) or result[3] <= base[3]):
            continue
        if result > base and (best is None or result > best[0]):
            best = (result, edit)
    return best[1] if best is not None else None


def _better_on(
    challenge: Challenge,
    program: Program,
    dmaps: list[DistanceMap | None],
    runs: list[BoardAnalysis],
    focus: int,
    ticks: int,
    *,
    shorter: bool,
    solve_all: bool = False,
) -> list[BoardAnalysis] | None:
    """The runs of a changed program, or ``None`` as soon as it is not better on ``focus``,
    breaks a board that worked, or (``solve_all``) does not solve a board."""
    tried: list[BoardAnalysis | None] = [None] * len(runs)
    before = runs[focus]
    now = analyse_board(challenge, program, dmaps, focus, max_ticks=ticks, compiled=False)
    if solve_all and not now.solved:
        return None
    if shorter:
        if not now.solved or now.run.steps >= before.run.steps:
            return None
    elif _closeness(now) <= _closeness(before):
        return None
    tried[focus] = now
    for i, run in enumerate(runs):
        if i == focus:
            continue
        other = analyse_board(challenge, program, dmaps, i, max_ticks=ticks, compiled=False)
        if (run.solved or solve_all) and not other.solved:
            return None  # never trade a board that worked
        tried[i] = other
    return [t for t in tried if t is not None]


def _budget(challenge: Challenge, runs: list[BoardAnalysis], focus: int) -> int:
    optimal = runs[focus].dist(0) or 0
    needed = max((r.run.ticks for r in runs if r.solved), default=0)
    return min(challenge.max_ticks, max(MIN_TICKS, TICKS_PER_STEP * optimal, 2 * needed))


def _closeness(run: BoardAnalysis) -> tuple[bool, int]:
    closest = run.closest
    return run.solved, -(closest if closest is not None else 10_000)


def around_step(program: Program, run: BoardAnalysis, i: int) -> Iterator[Edit]:
    """Fixes for step ``i`` of ``run`` (the step where it went wrong)."""
    step = run.trace[i]
    where = locate(program).get(step.number)
    if where is None:
        return
    did = Action(step.action)
    best = run.best_actions(i)
    for action in best:
        if action is not did:
            yield Edit("replace", step.number, action)
    for action in best:
        yield Edit("insert_before", step.number, action)
    yield from _loop_counts(where)
    if i > 0:  # a loop that ended just before, one turn too early or too late
        before = locate(program).get(run.trace[i - 1].number)
        if before is not None and innermost(before, (Repeat,)) not in where.parents:
            yield from _loop_counts(before)
    yield Edit("remove", step.number)


def after_end(program: Program, run: BoardAnalysis) -> Iterator[Edit]:
    """Fixes for a run that stopped on track: more of the same, or the next block."""
    best = run.best_actions(len(run.trace))
    if run.trace:
        number = run.trace[-1].number
        where = locate(program).get(number)
        if where is not None:
            yield from _loop_counts(where, grow_only=True)
            for action in best:
                yield Edit("insert_after", number, action)
            if where.procedure is not None:  # the procedure ended, then the program did
                yield from _procedure_end(program, where.procedure, best)
    for action in best:
        yield Edit("append", _last_main_number(program), action)


def after_procedure(
    program: Program, run: BoardAnalysis, i: int, proc: Procedure
) -> Iterator[Edit]:
    """Fixes for a procedure that returned just before step ``i`` went wrong: its last move
    changed, what was missing at its end (a block, or a loop like one before it), or a block
    added further up."""
    if i > 0 and run.dmap is not None:
        last = run.trace[i - 1]
        if run.procedure_of(last.number) is proc:
            for action in run.dmap.actions:
                if action.value != last.action:
                    yield Edit("replace", last.number, action)
    yield from _procedure_end(program, proc, run.best_actions(i))


def _procedure_end(program: Program, proc: Procedure, best: tuple[Action, ...]) -> Iterator[Edit]:
    if not proc.body:
        return
    last = proc.body[-1].number
    for action in best:
        yield Edit("insert_after", last, action)
    yield from mirrors(program, last)
    for stmt in reversed(proc.body[:-1]):
        for action in best:
            yield Edit("insert_after", stmt.number, action)


def mirrors(program: Program, number: int, most: int = 2) -> Iterator[Edit]:
    """A copy of a loop that comes before block ``number`` in the same list, added after it
    (the nearest loops first): the way back often mirrors the way there."""
    where = locate(program).get(number)
    if where is None:
        return
    items = block_list(program, where)
    position = next((k for k, s in enumerate(items) if s is where.stmt), 0)
    loops = [s for s in items[:position] if isinstance(s, Repeat | While | RepeatUntil)]
    for loop in reversed(loops[-most:]):
        yield Edit("mirror", number, source=loop.number)


def at_call(program: Program, run: BoardAnalysis, i: int, call: Call) -> Iterator[Edit]:
    """Fixes for a call whose procedure went wrong at once: turn before calling, or no call."""
    if locate(program).get(call.number) is None:
        return
    for action in run.best_actions(i):
        yield Edit("insert_before", call.number, action)
    yield Edit("remove", call.number)


def into_loop(loop_number: int, run: BoardAnalysis) -> Iterator[Edit]:
    """Fixes for a loop that spins without moving the robot: something that moves it."""
    for action in run.best_actions(len(run.trace)):
        yield Edit("into_loop", loop_number, action)


def _loop_counts(where: Located, *, grow_only: bool = False) -> Iterator[Edit]:
    loop = innermost(where, (Repeat, While, RepeatUntil))
    if not isinstance(loop, Repeat):
        return
    for delta in TIMES_TRIED:
        times = loop.times + delta
        if (grow_only and delta < 0) or not 1 <= times <= MAX_TIMES:
            continue
        yield Edit("times", loop.number, times=times, old_times=loop.times)


def _last_main_number(program: Program) -> int:
    return program.main[-1].number if program.main else 0
