"""Advice for programs that solve every board (fewer blocks, a shorter path) or are too big."""

from __future__ import annotations

from robolab.challenge import Challenge
from robolab.errors import ProgramError
from robolab.hints.context import BoardAnalysis
from robolab.hints.distance import DistanceMap
from robolab.hints.fixes import around_step, best_fix
from robolab.hints.levels import (
    Advice,
    Level,
    at_step,
    block_of,
    fix_level,
    make_advice,
    next_block,
    reference_sensor,
    uses_sensors,
    where_text,
)
from robolab.hints.procedures import place_of
from robolab.hints.repetition import find_repetition
from robolab.hints.words import Say, action_label, both, count_text, path_key, stmt_label
from robolab.program import Move, Program
from robolab.stepper import block_ref


def solved_advice(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
) -> Advice:
    blocks, steps = program.block_count, runs[0].run.steps
    par_steps = challenge.par_steps
    if blocks > challenge.par_blocks:
        more = count_text(blocks - challenge.par_blocks, "block")
        first = Level((Say("hint.fewer_blocks", blocks=more),))
        unused = _unused_move(program, runs)
        if unused is not None:
            first = Level((Say("hint.fewer_blocks_unused", blocks=more),))
            name = stmt_label(unused)
            second = Level(
                (Say("hint.unused", number=unused.number, label=name),),
                *block_of(program, unused.number),
            )
            third = Level(
                (Say("hint.edit.remove", number=unused.number, label=name),),
                *block_of(program, unused.number),
            )
        else:
            second, third = repetition_levels(challenge, program, first)
        return make_advice(challenge, "fewer_blocks", (first, second, third))
    if par_steps is not None and steps > par_steps:
        return _shorter(challenge, program, runs, dmaps, steps - par_steps)
    level = Level((Say("hint.perfect"),))
    return make_advice(challenge, "perfect", (level, level, level), written=False)


def _shorter(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    extra: int,
) -> Advice:
    first = Level((Say("hint.shorter", steps=count_text(extra, "step")),))
    main = runs[0]
    i = main.first_off()
    if i is None or main.dmap is None:
        return make_advice(challenge, "shorter_path", (first, first, first))
    step = main.trace[i]
    best = main.best_actions(i)
    path = both(path_key(best)) if best else None
    place = place_of(main, i)  # a procedure that takes the same detour at every call
    where = where_text(main, i, every=place is not None and place.every and not place.ends)
    second = at_step(step, Say("hint.detour", where=where, path=path))
    edits = around_step(program, main, i)
    fix = best_fix(challenge, program, runs, dmaps, edits, shorter=True)
    if fix is not None:
        third = fix_level(program, fix)
    elif uses_sensors(program):  # a sensor program's detour is a missing condition
        third = reference_sensor(challenge, program) or next_block(main, i, second)
    else:
        third = next_block(main, i, second)
    return make_advice(challenge, "shorter_path", (first, second, third))


def repetition_levels(challenge: Challenge, program: Program, first: Level) -> tuple[Level, Level]:
    found = find_repetition(program) if "repeat" in challenge.blocks else None
    if found is not None:
        ref = block_of(program, found.first)
        second = Level(
            (Say("hint.repeats", first=found.first, last=found.last, times=found.times),),
            *ref,
        )
        if all(isinstance(s, Move) for s in found.body) and len(found.body) <= 6:
            body = {
                lang: ", ".join(
                    action_label(s.action)[lang] for s in found.body if isinstance(s, Move)
                )
                for lang in ("fr", "en")
            }
        else:
            end = max(s.number for s in found.body)  # the last top-level block of one copy
            body = both("hint.blocks_range", first=found.first, last=end)
        say = Say(
            "hint.use_repeat", first=found.first, last=found.last, times=found.times, body=body
        )
        return second, Level((say,), *ref, action="repeat")
    missing = _missing_block(challenge, program)
    if missing is None:
        level = Level((*first.says, Say("hint.fewer_blocks_look")))
        return level, level
    label = stmt_label(missing)
    return (
        Level((Say("hint.reference_uses", block=label),)),
        Level((Say("hint.try_block", block=label),), action=missing),
    )


def _unused_move(program: Program, runs: list[BoardAnalysis]) -> Move | None:
    """The first move block that never ran on any board (the robot had arrived before)."""
    ran = {step.number for run in runs for step in run.trace}
    return next(
        (s for s in program.statements() if isinstance(s, Move) and s.number not in ran), None
    )


def _missing_block(challenge: Challenge, program: Program) -> str | None:
    """A control block the reference solution uses and the program does not."""
    used = {block_ref(s).block for s in program.statements()}
    for stmt in challenge.solution.statements():
        name = block_ref(stmt).block
        if not isinstance(stmt, Move) and name not in used:
            return name
    return None


def too_many_blocks(challenge: Challenge, program: Program, err: ProgramError) -> Advice:
    first = Level((Say("hint.too_many_blocks", **err.params),))
    second, third = repetition_levels(challenge, program, first)
    return make_advice(challenge, "too_many_blocks", (first, second, third))
