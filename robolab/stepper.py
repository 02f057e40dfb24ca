"""The step-by-step runner: a generator that pauses at every action and sensor read.

This is the reference semantics of FORMATS §2. It never recurses (an explicit stack holds the
running blocks), so no program can raise ``RecursionError``; the tick budget bounds every loop.

Use :func:`run_steps` to get the generator, and :func:`drive` to answer it with a synchronous
:class:`~robolab.robot.Robot`. An asyncio robot session sends the replies itself.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Final

from robolab.board import Board, goal_holds
from robolab.program import (
    Block,
    Call,
    Condition,
    If,
    Move,
    Not,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    While,
)
from robolab.results import BlockRef, BoardRun, TraceStep
from robolab.robot import ActReport, ActRequest, Motion, Pose, Reply, Request, Robot, SenseRequest
from robolab.vocabulary import Goal, Outcome

MAX_CALL_DEPTH: Final = 64
DEFAULT_MAX_TICKS: Final = 10_000

_SEQ, _REPEAT, _LOOP, _RETURN = range(4)

Steps = Generator[Request, Reply, BoardRun]


def block_ref(stmt: Statement) -> BlockRef:
    name = stmt.action.value if isinstance(stmt, Move) else _NAMES[type(stmt)]
    return BlockRef(stmt.number, stmt.id, name)


_NAMES: dict[type, str] = {
    Repeat: "repeat",
    RepeatUntil: "repeat_until",
    While: "while",
    If: "if",
    Call: "call",
}


def run_steps(
    program: Program,
    board: Board,
    goals: frozenset[Goal],
    *,
    max_ticks: int = DEFAULT_MAX_TICKS,
    trace: bool = False,
) -> Steps:
    """Runs ``program`` one request at a time; returns the :class:`BoardRun` when it stops."""
    grid = board.grid
    gem_cells = {cell: n for n, cell in enumerate(grid.gems)}
    gems_left = (1 << len(grid.gems)) - 1
    pose: Pose = board.start
    ticks = steps = depth = 0
    log: list[TraceStep] | None = [] if trace else None
    stack: list[tuple[int, object, int]] = [(_SEQ, program.main, 0)]

    def finish(outcome: Outcome, stmt: Statement | None = None) -> BoardRun:
        return BoardRun(
            outcome=outcome,
            steps=steps,
            ticks=ticks,
            x=pose.x,
            y=pose.y,
            heading=pose.heading,
            gems_left=gems_left.bit_count(),
            last=block_ref(stmt) if stmt is not None else None,
            trace=tuple(log) if log is not None else None,
        )

    def test(cond: Condition, stmt: Statement) -> Generator[Request, Reply, bool]:
        negate = False
        while isinstance(cond, Not):
            negate = not negate
            cond = cond.cond
        answer = yield SenseRequest(cond, stmt, ticks)
        return bool(answer) != negate

    while stack:
        kind, item, count = stack[-1]
        if kind == _SEQ:
            block: Block = item  # type: ignore[assignment]
            if count >= len(block):
                stack.pop()
                continue
            stack[-1] = (_SEQ, block, count + 1)
            stmt = block[count]
            if ticks >= max_ticks:
                return finish(Outcome.TIMEOUT, stmt)
            ticks += 1
            if isinstance(stmt, Move):
                reply = yield ActRequest(stmt.action, stmt, ticks)
                if not isinstance(reply, ActReport):
                    raise TypeError("an ActRequest must be answered with an ActReport")
                steps += 1
                pose = reply.pose
                event = None if reply.motion is Motion.OK else reply.motion.value
                bit = gem_cells.get((pose.x, pose.y))
                if event is None and bit is not None and gems_left >> bit & 1:
                    gems_left &= ~(1 << bit)
                    event = "gem"
                if log is not None:
                    log.append(
                        TraceStep(
                            ticks,
                            stmt.id,
                            stmt.number,
                            stmt.action.value,
                            pose.x,
                            pose.y,
                            pose.heading,
                            event,
                        )
                    )
                if reply.motion is Motion.CRASH:
                    return finish(Outcome.CRASH, stmt)
                if reply.motion is Motion.FALL:
                    return finish(Outcome.FALL, stmt)
                if goal_holds(goals, grid, pose.x, pose.y, gems_left):
                    return finish(Outcome.SUCCESS)
            elif isinstance(stmt, Repeat):
                if stmt.times and stmt.body:
                    stack.append((_REPEAT, stmt, stmt.times))
            elif isinstance(stmt, While | RepeatUntil):
                stack.append((_LOOP, stmt, 0))
            elif isinstance(stmt, If):
                if ticks >= max_ticks:
                    return finish(Outcome.TIMEOUT, stmt)
                ticks += 1
                chosen = stmt.then if (yield from test(stmt.cond, stmt)) else stmt.orelse
                if chosen:
                    stack.append((_SEQ, chosen, 0))
            else:
                proc = program.procedure(stmt.name)
                if proc is None or depth >= MAX_CALL_DEPTH:
                    return finish(Outcome.ERROR, stmt)
                depth += 1
                stack.append((_RETURN, stmt, 0))
                stack.append((_SEQ, proc.body, 0))
        elif kind == _REPEAT:
            loop: Repeat = item  # type: ignore[assignment]
            if count == 0:
                stack.pop()
                continue
            stack[-1] = (_REPEAT, loop, count - 1)
            stack.append((_SEQ, loop.body, 0))
        elif kind == _LOOP:
            cond_loop: While | RepeatUntil = item  # type: ignore[assignment]
            if ticks >= max_ticks:
                return finish(Outcome.TIMEOUT, cond_loop)
            ticks += 1
            holds = yield from test(cond_loop.cond, cond_loop)
            if holds != isinstance(cond_loop, While):
                stack.pop()
                continue
            if cond_loop.body:
                stack.append((_SEQ, cond_loop.body, 0))
        else:
            depth -= 1
            stack.pop()
    return finish(Outcome.INCOMPLETE)


def drive(steps: Steps, robot: Robot) -> BoardRun:
    """Answers every request of ``steps`` with ``robot`` and returns the run."""
    try:
        request = next(steps)
        while True:
            reply: Reply
            if isinstance(request, ActRequest):
                reply = robot.act(request.action)
            else:
                reply = robot.sense(request.test)
            request = steps.send(reply)
    except StopIteration as stop:
        result: BoardRun = stop.value
        return result
