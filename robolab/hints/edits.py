"""Small changes to a program (one block replaced, added, removed, a loop count changed).

Level-3 hints propose the next block to use. Rather than guess, the hints try a few one-block
changes around the place where the run went wrong and only propose one that actually takes the
robot further (see :mod:`robolab.hints.advice`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from robolab.program import (
    Block,
    If,
    Move,
    Procedure,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    While,
    children,
)
from robolab.vocabulary import Action

MAX_TIMES = 100  # the loader's limit for ``repeat``

Rewrite = Callable[[Statement], tuple[Statement, ...] | None]  # None: keep the statement


@dataclass(frozen=True)
class Edit:
    """A one-block change; ``kind`` is replace, insert_before, insert_after, remove, times,
    append, into_loop or mirror (a copy of the loop ``source`` added after block ``number``).
    ``number`` is the block it is about (for ``append``: the last block)."""

    kind: str
    number: int
    action: Action | None = None
    times: int | None = None
    old_times: int | None = None
    source: int | None = None


@dataclass(frozen=True)
class Located:
    """A statement with the chain of statements it is nested in (outermost first)."""

    stmt: Statement
    parents: tuple[Statement, ...]
    procedure: Procedure | None


def locate(program: Program) -> dict[int, Located]:
    """Every statement by its number, with where it sits."""
    out: dict[int, Located] = {}
    roots: list[tuple[Block, Procedure | None]] = [(program.main, None)]
    roots += [(p.body, p) for p in program.procedures]
    for block, proc in roots:
        stack: list[tuple[Block, tuple[Statement, ...]]] = [(block, ())]
        while stack:
            items, parents = stack.pop()
            for stmt in items:
                out[stmt.number] = Located(stmt, parents, proc)
                for child in children(stmt):
                    stack.append((child, (*parents, stmt)))
    return out


def innermost(located: Located, kinds: tuple[type, ...]) -> Statement | None:
    """The closest enclosing statement of one of ``kinds``."""
    return next((p for p in reversed(located.parents) if isinstance(p, kinds)), None)


def outermost(located: Located, kinds: tuple[type, ...]) -> Statement | None:
    return next((p for p in located.parents if isinstance(p, kinds)), None)


def block_list(program: Program, located: Located) -> Block:
    """The list of blocks ``located`` sits in (main, a procedure's body, a loop's body…)."""
    if located.parents:
        for items in children(located.parents[-1]):
            if any(s is located.stmt for s in items):
                return items
        return ()
    return located.procedure.body if located.procedure is not None else program.main


def apply(program: Program, edit: Edit) -> Program:
    """The program with ``edit`` made (numbers of new blocks are 0; they are never shown)."""
    if edit.kind == "append":
        assert edit.action is not None
        return Program((*program.main, Move(edit.action)), program.procedures)
    if edit.kind == "mirror":
        source = locate(program).get(edit.source) if edit.source is not None else None
        if source is None:
            return program
        copy = fresh(source.stmt)
        return rewrite(program, edit.number, lambda stmt: (stmt, copy))
    return rewrite(program, edit.number, _rewriter(edit))


def fresh(stmt: Statement) -> Statement:
    """A copy of ``stmt`` and everything inside it as new blocks (no id, number 0)."""
    if isinstance(stmt, Repeat | RepeatUntil | While):
        body = tuple(fresh(s) for s in stmt.body)
        return dataclasses.replace(stmt, body=body, id=None, number=0)
    if isinstance(stmt, If):
        then = tuple(fresh(s) for s in stmt.then)
        orelse = tuple(fresh(s) for s in stmt.orelse) if stmt.orelse is not None else None
        return dataclasses.replace(stmt, then=then, orelse=orelse, id=None, number=0)
    return dataclasses.replace(stmt, id=None, number=0)


def _rewriter(edit: Edit) -> Rewrite:
    move = Move(edit.action) if edit.action is not None else None

    def change(stmt: Statement) -> tuple[Statement, ...] | None:
        if edit.kind == "replace" and move is not None:
            return (move,)
        if edit.kind == "insert_before" and move is not None:
            return (move, stmt)
        if edit.kind == "insert_after" and move is not None:
            return (stmt, move)
        if edit.kind == "remove":
            return ()
        if edit.kind == "times" and isinstance(stmt, Repeat) and edit.times is not None:
            return (dataclasses.replace(stmt, times=edit.times),)
        if edit.kind == "into_loop" and isinstance(stmt, While | RepeatUntil | Repeat) and move:
            return (dataclasses.replace(stmt, body=(*stmt.body, move)),)
        return None

    return change


def rewrite(program: Program, number: int, change: Rewrite) -> Program:
    """A copy of ``program`` where the statement numbered ``number`` is replaced by
    ``change(stmt)`` (several statements, or none)."""

    def block(items: Block) -> Block:
        out: list[Statement] = []
        for stmt in items:
            if stmt.number == number:
                new = change(stmt)
                if new is not None:
                    out.extend(new)
                    continue
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
    return Program(block(program.main), procedures)
