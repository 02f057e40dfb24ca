"""The pieces every kind of advice is made of: levels, and the sentences that name a block."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from robolab.challenge import Challenge
from robolab.hints.context import BoardAnalysis
from robolab.hints.edits import Edit, locate
from robolab.hints.words import Say, action_label, both, nth, path_key, sensor_of, stmt_label
from robolab.program import If, Program, RepeatUntil, While, conditions
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


def where_text(run: BoardAnalysis, i: int) -> dict[str, str]:
    """The place of step ``i``: « Au bloc 5 (3e passage) », « Sur la variante n°2, au bloc 5 »."""
    step = run.trace[i]
    passes = run.passes(i)
    again = nth(passes) if passes > 1 else {"fr": "", "en": ""}
    if run.index:
        return both("hint.at_block_variant", n=run.index, number=step.number, nth=again)
    return both("hint.at_block", number=step.number, nth=again)


def after_text(run: BoardAnalysis, number: int) -> dict[str, str]:
    if run.index:
        return both("hint.after_block_variant", n=run.index, number=number)
    return both("hint.after_block", number=number)


def wrong_step(run: BoardAnalysis, i: int) -> Level:
    step = run.trace[i]
    event = step.event if step.event in ("crash", "fall") else "move"
    action = Action(step.action)
    if action in (Action.TURN_LEFT, Action.TURN_RIGHT):
        did = both(f"hint.did.{action.value}")
    else:
        way = "forward" if action is Action.MOVE_FORWARD else "backward"
        did = both(f"hint.did.{event}_{way}")
    best = run.best_actions(i)
    where = where_text(run, i)
    if best:
        say = Say("hint.wrong_step", where=where, did=did, path=both(path_key(best)))
    else:
        say = Say("hint.wrong_step_lost", where=where, did=did)
    return at_step(step, say)


def next_block(run: BoardAnalysis, i: int, otherwise: Level) -> Level:
    """Unchecked level 3: the first action of an optimal path from before step ``i``."""
    best = run.best_actions(i)
    if not best:
        return otherwise
    action = best[0]
    if i < len(run.trace):
        say = Say("hint.next_block", where=where_text(run, i), action=action_label(action))
        return Level((say,), otherwise.number, otherwise.block_id, action)
    number = run.trace[-1].number if run.trace else None
    say = Say("hint.then_block", action=action_label(action))
    return Level((say,), number, otherwise.block_id, action)


def fix_level(program: Program, edit: Edit) -> Level:
    ref = block_of(program, edit.number)
    action = edit.action.value if edit.action is not None else None
    params: dict[str, Any] = {"number": edit.number}
    if edit.action is not None:
        params["action"] = action_label(edit.action)
    if edit.kind == "times":
        params.update(times=edit.times, old=edit.old_times)
        action = "repeat"
    if edit.kind == "remove":
        stmt = locate(program).get(edit.number)
        params["label"] = stmt_label(stmt.stmt) if stmt else ""
    return Level((Say(f"hint.edit.{edit.kind}", **params),), *ref, action)


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
