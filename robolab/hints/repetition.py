"""Finding blocks that repeat one after the other ("cherche ce qui se répète").

A program that does ``A B A B A B`` can say ``repeat 3 [A B]``: the best such run of copies
(the one that saves the most blocks) is what a "fewer blocks" hint points at.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass

from robolab.program import (
    Block,
    Call,
    If,
    Move,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    While,
    children,
    walk,
)

MAX_LIST = 200  # longer block lists are not searched (hints stay fast on huge programs)
MAX_PERIOD = 40


@dataclass(frozen=True)
class Repetition:
    """``times`` copies of ``body`` one after the other, from block ``first`` to block ``last``."""

    first: int
    last: int
    times: int
    body: Block
    saved: int  # blocks saved by writing ``repeat times [body]`` instead


def find_repetition(program: Program) -> Repetition | None:
    """The run of identical consecutive blocks whose loop would save the most blocks."""
    best: Repetition | None = None
    for items in _block_lists(program):
        found = _best_in(items)
        if found is not None and (best is None or _better(found, best)):
            best = found
    return best


def _better(a: Repetition, b: Repetition) -> bool:
    return (a.saved, -a.first, -len(a.body)) > (b.saved, -b.first, -len(b.body))


def _best_in(items: Block) -> Repetition | None:
    if len(items) < 2 or len(items) > MAX_LIST:
        return None
    shapes = [shape(s) for s in items]
    sizes = [size(s) for s in items]
    n = len(items)
    best: Repetition | None = None
    for i in range(n):
        for period in range(1, min(MAX_PERIOD, (n - i) // 2) + 1):
            seg = shapes[i : i + period]
            k = 1
            while shapes[i + k * period : i + (k + 1) * period] == seg:
                k += 1
            if k < 2:
                continue
            saved = sum(sizes[i : i + period]) * (k - 1) - 1
            if saved < 1:
                continue
            copies = items[i : i + k * period]
            last = max(s.number for s in walk(copies))
            found = Repetition(items[i].number, last, k, items[i : i + period], saved)
            if best is None or _better(found, best):
                best = found
    return best


def _block_lists(program: Program) -> Iterator[Block]:
    stack: list[Block] = [program.main, *(p.body for p in program.procedures)]
    while stack:
        items = stack.pop()
        yield items
        for stmt in items:
            stack.extend(children(stmt))


def shape(stmt: Statement) -> Hashable:
    """What a statement does, without its id and number (equal shapes behave the same)."""
    if isinstance(stmt, Move):
        return ("move", stmt.action)
    if isinstance(stmt, Repeat):
        return ("repeat", stmt.times, tuple(shape(s) for s in stmt.body))
    if isinstance(stmt, RepeatUntil | While):
        return (type(stmt).__name__, stmt.cond, tuple(shape(s) for s in stmt.body))
    if isinstance(stmt, If):
        orelse = None if stmt.orelse is None else tuple(shape(s) for s in stmt.orelse)
        return ("if", stmt.cond, tuple(shape(s) for s in stmt.then), orelse)
    assert isinstance(stmt, Call)
    return ("call", stmt.name)


def size(stmt: Statement) -> int:
    """The block count of a statement and everything inside it."""
    return sum(1 for _ in walk((stmt,)))
