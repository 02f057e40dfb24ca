"""The pieces every kind of advice is made of: levels, and the sentences that name a block."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from robolab.challenge import Challenge
from robolab.hints.calls import Activation
from robolab.hints.context import BoardAnalysis
from robolab.hints.edits import Edit, locate
from robolab.hints.words import (
    Say,
    action_label,
    both,
    nth,
    ordinal,
    path_key,
    sensor_of,
    stmt_label,
)
from robolab.program import If, Procedure, Program, RepeatUntil, Statement, While, conditions
from robolab.results import TraceStep
from robolab.stepper import block_ref
from robolab.vocabulary import Action


@dataclass(frozen=True)
class Level:
    """One level of help: what to say, which block to highlight, which block to propose."""

    says: tuple[Say, ...]
    number: int | None = None
    block_id: str | None = None
    action: str | None = None


@dataclass(frozen=True)
class Advice:
    """The three levels of help for one run; ``board`` is 0 (main map) or a variant number."""

    kind: str
    levels: tuple[Level, Level, Level]
    board: int = 0
    written: tuple[Mapping[str, str], ...] = field(default=())


def where_text(run: BoardAnalysis, i: int, *, every: bool = False) -> dict[str, str]:
    """The place of step ``i``: « Au bloc 5 (3e passage) », « Sur la variante n°2, au bloc 5 »,
    « Dans la procédure « arbre » (2e appel), au bloc 14 ». With ``every`` the mistake happens at
    every call of the procedure: « …, au bloc 14, à chaque appel »."""
    step = run.trace[i]
    proc = run.procedure_of(step.number)
    if proc is not None:
        which = both("hint.every_call") if every else _call_nth(run, i, proc.name)
        key = "hint.in_proc_variant" if run.index else "hint.in_proc"
        return both(key, n=run.index, name=proc.name, number=step.number, nth=which)
    passes = run.passes(i)
    again = nth(passes) if passes > 1 else NOTHING
    if run.index:
        return both("hint.at_block_variant", n=run.index, number=step.number, nth=again)
    return both("hint.at_block", number=step.number, nth=again)


NOTHING = {"fr": "", "en": ""}


def _call_nth(run: BoardAnalysis, i: int, name: str) -> dict[str, str]:
    """`` (2e appel, 3e passage)``: which call of the procedure, which time in that call."""
    calls = run.calls
    here = calls.innermost(i)
    if here is None:  # not in the call map: count every time the block ran
        passes = run.passes(i)
        return nth(passes) if passes > 1 else NOTHING
    passes = calls.pass_in_call(i, [step.number for step in run.trace])
    several = len(calls.calls_of(name)) > 1
    if several and passes > 1:
        return both("hint.nth_call_pass", call=ordinal(here.nth), ord=ordinal(passes))
    if several:
        return both("hint.nth_call", ord=ordinal(here.nth))
    return nth(passes) if passes > 1 else NOTHING


def after_text(
    run: BoardAnalysis, number: int, i: int | None = None, *, every: bool = False
) -> dict[str, str]:
    """« Après le bloc 5 »; in a procedure « Dans la procédure « arbre » (2e appel), après le
    bloc 14 » (``i``: the last step run in that call, to say which call; ``every``: at each)."""
    proc = run.procedure_of(number)
    if proc is None:
        if run.index:
            return both("hint.after_block_variant", n=run.index, number=number)
        return both("hint.after_block", number=number)
    which = NOTHING
    if every:
        which = both("hint.every_call")
    elif (
        i is not None
        and (call := run.calls.innermost(i)) is not None
        and len(run.calls.calls_of(proc.name)) > 1
    ):
        which = both("hint.nth_call", ord=ordinal(call.nth))
    key = "hint.after_proc_variant" if run.index else "hint.after_proc"
    return both(key, n=run.index, name=proc.name, number=number, nth=which)


def wrong_step(run: BoardAnalysis, i: int, *, every: bool = False) -> Level:
    """Level 2 for the step where the run went wrong: what the robot did, where the path goes
    (``every``: a procedure that goes wrong there at each call, named once)."""
    step = run.trace[i]
    event = step.event if step.event in ("crash", "fall") else "move"
    action = Action(step.action)
    if action in (Action.TURN_LEFT, Action.TURN_RIGHT):
        did = both(f"hint.did.{action.value}")
    else:
        way = "forward" if action is Action.MOVE_FORWARD else "backward"
        did = both(f"hint.did.{event}_{way}")
    best = run.best_actions(i)
    where = where_text(run, i, every=every)
    if best:
        say = Say("hint.wrong_step", where=where, did=did, path=both(path_key(best)))
    else:
        say = Say("hint.wrong_step_lost", where=where, did=did)
    return at_step(step, say)


def call_step(run: BoardAnalysis, i: int, call: Activation, otherwise: Level) -> Level:
    """Level 2 when a call went wrong at its first step because of where the robot was:
    « Au bloc 4, le programme appelle la procédure « zigzag » alors qu'ici, … »."""
    best = run.best_actions(i)
    if not best:
        return otherwise
    stmt = call.call
    same = [a for a in run.calls.activations if a.call.number == stmt.number]
    passes = next((n for n, a in enumerate(same, 1) if a is call), 1)
    again = nth(passes) if passes > 1 else NOTHING
    outer = run.procedure_of(stmt.number)
    if outer is not None:
        key = "hint.in_proc_variant" if run.index else "hint.in_proc"
        where = both(key, n=run.index, name=outer.name, number=stmt.number, nth=again)
    elif run.index:
        where = both("hint.at_block_variant", n=run.index, number=stmt.number, nth=again)
    else:
        where = both("hint.at_block", number=stmt.number, nth=again)
    say = Say("hint.call_wrong", where=where, name=stmt.name, path=both(path_key(best)))
    return Level((say,), stmt.number, stmt.id)


def procedure_end(run: BoardAnalysis, i: int, proc: Procedure, *, every: bool) -> Level:
    """Level 2 when a procedure returned just before step ``i``, where the run went wrong:
    « Dans la procédure « arbre », après le bloc 19, la procédure se termine alors qu'ici… »."""
    last = end_block(run, i, proc)
    where = after_text(run, last.number, i - 1, every=every)
    best = run.best_actions(i)
    if best:
        say = Say("hint.proc_ends", where=where, path=both(path_key(best)))
    else:
        say = Say("hint.proc_ends_lost", where=where)
    return Level((say,), last.number, last.id)


def procedure_next(run: BoardAnalysis, i: int, proc: Procedure, otherwise: Level) -> Level:
    """Unchecked level 3 at the end of a procedure: the first action of an optimal path."""
    best = run.best_actions(i)
    if not best:
        return otherwise
    last = end_block(run, i, proc)
    where = after_text(run, last.number, i - 1)
    say = Say("hint.next_block", where=where, action=action_label(best[0]))
    return Level((say,), last.number, last.id, best[0])


def end_block(run: BoardAnalysis, i: int, proc: Procedure) -> Statement:
    """The block a procedure ended with before step ``i``: the last block that moved the robot
    when it is part of the procedure's last block (in an ``if``…), else that last block."""
    last = proc.body[-1]
    moved = run.located.get(run.trace[i - 1].number) if i > 0 else None
    if moved is not None and (moved.stmt is last or last in moved.parents):
        return moved.stmt
    return last


def next_block(run: BoardAnalysis, i: int, otherwise: Level, *, every: bool = False) -> Level:
    """Unchecked level 3: the first action of an optimal path from before step ``i``."""
    best = run.best_actions(i)
    if not best:
        return otherwise
    action = best[0]
    if i < len(run.trace):
        say = Say(
            "hint.next_block", where=where_text(run, i, every=every), action=action_label(action)
        )
        return Level((say,), otherwise.number, otherwise.block_id, action)
    number = run.trace[-1].number if run.trace else None
    say = Say("hint.then_block", action=action_label(action))
    return Level((say,), number, otherwise.block_id, action)


def fix_level(program: Program, edit: Edit) -> Level:
    """Level 3 for a checked change: « Essaie « tourner à droite » à la place du bloc 3. »,
    « Dans la procédure « arbre », ajoute … » when the block is in a procedure."""
    located = locate(program)
    ref = block_of(program, edit.number)
    action = edit.action.value if edit.action is not None else None
    params: dict[str, Any] = {"number": edit.number}
    if edit.action is not None:
        params["action"] = action_label(edit.action)
    if edit.kind == "times":
        params.update(times=edit.times, old=edit.old_times)
        action = "repeat"
    if edit.kind == "remove":
        stmt = located.get(edit.number)
        params["label"] = stmt_label(stmt.stmt) if stmt else ""
    if edit.kind == "mirror":
        source = located.get(edit.source) if edit.source is not None else None
        params.update(source=edit.source, label=stmt_label(source.stmt) if source else "")
        action = block_ref(source.stmt).block if source else None
    where = located.get(edit.number)
    key = f"hint.edit.{edit.kind}"
    if edit.kind != "append" and where is not None and where.procedure is not None:
        key = f"hint.edit_in.{edit.kind}"
        params["name"] = where.procedure.name
    return Level((Say(key, **params),), *ref, action)


def block_of(program: Program, number: int) -> tuple[int | None, str | None]:
    found = locate(program).get(number)
    if found is None:
        return None, None
    return number, found.stmt.id


def at_step(step: TraceStep, say: Say) -> Level:
    return Level((say,), step.number, step.id)


def make_advice(
    challenge: Challenge,
    kind: str,
    levels: tuple[Level, Level, Level],
    *,
    board: int = 0,
    written: bool = True,
) -> Advice:
    return Advice(kind, levels, board, challenge.hints if written else ())


def uses_sensors(program: Program) -> bool:
    return any(isinstance(s, If | While | RepeatUntil) for s in program.statements())


def reference_sensor(challenge: Challenge, program: Program) -> Level | None:
    """A condition block of the reference solution with a sensor the program does not use
    (the first condition block when the program uses no sensor at all)."""
    used = {
        t
        for s in program.statements()
        if isinstance(s, If | While | RepeatUntil)
        for t in conditions(s.cond)
    }
    for stmt in challenge.solution.statements():
        if isinstance(stmt, If | While | RepeatUntil) and not set(conditions(stmt.cond)) <= used:
            key = "hint.try_sensor_more" if used else "hint.try_sensor"
            say = Say(key, block=stmt_label(stmt), sensor=sensor_of(stmt))
            return Level((say,), action=block_ref(stmt).block)
    return None
