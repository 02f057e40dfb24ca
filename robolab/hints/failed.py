"""Advice for programs that fail on a board: where the run went wrong, and what to change."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from robolab.challenge import Challenge
from robolab.hints.context import BoardAnalysis
from robolab.hints.distance import DistanceMap
from robolab.hints.edits import Edit, innermost, locate, outermost
from robolab.hints.fixes import (
    MAX_CANDIDATES,
    after_end,
    after_procedure,
    around_step,
    at_call,
    best_fix,
    into_loop,
)
from robolab.hints.levels import (
    Advice,
    Level,
    after_text,
    at_step,
    call_step,
    fix_level,
    make_advice,
    next_block,
    procedure_end,
    procedure_next,
    reference_sensor,
    uses_sensors,
    wrong_step,
)
from robolab.hints.procedures import InProcedure, place_of
from robolab.hints.words import Say, action_label, count_text, sensor_of, stmt_label
from robolab.program import Call, Program, Repeat, RepeatUntil, Statement, While
from robolab.scoring import explain_failure
from robolab.vocabulary import Outcome


def failed_advice(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    run: BoardAnalysis,
) -> Advice:
    outcome = run.run.outcome
    if run.dmap is None:
        return _plain(challenge, run)
    if outcome is Outcome.ERROR:
        levels = _too_many_calls(program, run)
        kind = "too_many_calls"
    elif outcome is Outcome.TIMEOUT:
        kind, levels = _timeout(challenge, program, runs, dmaps, run)
    else:
        kind, levels = _wrong_way(challenge, program, runs, dmaps, run)
    if run.index == 0:
        return make_advice(challenge, kind, levels)
    return _variant(challenge, program, run, levels)


def _wrong_way(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    run: BoardAnalysis,
) -> tuple[str, tuple[Level, Level, Level]]:
    i = run.went_wrong()
    outcome = run.run.outcome
    if i is None:  # stopped on the right track: some blocks are missing
        gems = run.states[-1].mask.bit_count() if run.dmap and run.dmap.collect else 0
        stopped = (
            Say("hint.nudge.stopped_gems", gems=count_text(gems, "gem"))
            if gems
            else Say("hint.nudge.stopped")
        )
        left = run.dist(len(run.trace)) or 0
        if not run.trace:
            second = Level((Say("hint.no_move"),))
        else:
            last = run.trace[-1]
            where = after_text(run, last.number, len(run.trace) - 1)
            second = at_step(
                last, Say("hint.stopped_at", where=where, steps=count_text(left, "step"))
            )
        fix = best_fix(challenge, program, runs, dmaps, after_end(program, run), focus=run.index)
        third = fix_level(program, fix) if fix else next_block(run, len(run.trace), second)
        return "stopped_early", (Level((stopped,)), second, third)
    kind = {Outcome.CRASH: "crash", Outcome.FALL: "fall"}.get(outcome, "off_path")
    nudge = Level((Say(f"hint.nudge.{kind}"),))
    gems = run.states[-1].mask.bit_count() if run.dmap and run.dmap.collect else 0
    if kind == "off_path" and gems:  # it stopped, gems still on the mat: that is the news
        nudge = Level((Say("hint.nudge.gems_left", gems=count_text(gems, "gem")),))
    place = place_of(run, i)
    if place is not None and place.every:  # one procedure's mistake, whatever the call
        nudge = Level((*nudge.says, Say("hint.nudge.every_call", name=place.procedure.name)))
    if place is not None and place.ends:
        second, third = _after_procedure(challenge, program, runs, dmaps, run, i, place)
        return kind, (nudge, second, third)
    every = place is not None and place.every
    second = wrong_step(run, i, every=every)
    edits: Iterable[Edit] = around_step(program, run, i)
    limit = MAX_CANDIDATES
    if place is not None and not every and place.activation.first == i:
        # the call went wrong at once: maybe the robot was not ready to call it
        edits = chain(edits, at_call(program, run, i, place.activation.call))
        limit += 4
    fix = best_fix(challenge, program, runs, dmaps, edits, focus=run.index, limit=limit)
    if place is not None and fix is not None and fix.number == place.activation.call.number:
        second = call_step(run, i, place.activation, second)  # the call was the mistake
    if fix is not None:
        third = fix_level(program, fix)
    elif place is not None and place.varies and challenge.sensors:
        # the procedure worked for an earlier call: a sensor can adapt it to every call
        third = reference_sensor(challenge, program) or next_block(run, i, second)
    else:
        third = next_block(run, i, second, every=every)
    return kind, (nudge, second, third)


def _after_procedure(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    run: BoardAnalysis,
    i: int,
    place: InProcedure,
) -> tuple[Level, Level]:
    """The run went wrong right after a procedure returned: the procedure may end too early
    (a block or a loop missing at its end), or the block after the call may be wrong.

    When every call ended that way, it is the procedure's problem; otherwise the change that
    works best says which of the two it is."""
    proc = place.procedure
    edits: Iterable[Edit] = after_procedure(program, run, i, proc)
    limit = MAX_CANDIDATES
    if not place.every:
        edits = chain(edits, around_step(program, run, i))
        limit += MAX_CANDIDATES // 2
    fix = best_fix(challenge, program, runs, dmaps, edits, focus=run.index, limit=limit)
    if place.every or (fix is not None and run.procedure_of(fix.number) is proc):
        second = procedure_end(run, i, proc, every=place.every)
        third = fix_level(program, fix) if fix else procedure_next(run, i, proc, second)
        return second, third
    second = wrong_step(run, i)
    third = fix_level(program, fix) if fix else next_block(run, i, second)
    return second, third


def _timeout(
    challenge: Challenge,
    program: Program,
    runs: list[BoardAnalysis],
    dmaps: list[DistanceMap | None],
    run: BoardAnalysis,
) -> tuple[str, tuple[Level, Level, Level]]:
    last = run.run.last
    where = locate(program).get(last.number) if last is not None else None
    conditional = (While, RepeatUntil)
    if run.run.steps * 10 < run.run.ticks:  # a loop that tests without moving the robot
        loop: Statement | None = None
        if where is not None:
            loop = (
                where.stmt if isinstance(where.stmt, conditional) else innermost(where, conditional)
            )
        nudge = Level((Say("hint.nudge.stuck"),))
        if not isinstance(loop, While | RepeatUntil):
            number = last.number if last is not None else None
            block_id = last.id if last is not None else None
            second = Level((Say("hint.stuck_block", number=number),), number, block_id)
            return "stuck_loop", (nudge, second, second)
        sensor = sensor_of(loop)
        second = Level(
            (Say("hint.stuck_loop", number=loop.number, label=stmt_label(loop), sensor=sensor),),
            loop.number,
            loop.id,
        )
        fix = best_fix(
            challenge, program, runs, dmaps, into_loop(loop.number, run), focus=run.index
        )
        if fix is not None:
            return "stuck_loop", (nudge, second, fix_level(program, fix))
        best = run.best_actions(len(run.trace))
        third = second
        if best:
            say = Say("hint.stuck_fix", number=loop.number, action=action_label(best[0]))
            third = Level((say,), loop.number, loop.id, best[0])
        return "stuck_loop", (nudge, second, third)
    nudge = Level((Say("hint.nudge.endless"),))
    outer: Statement | None = None
    if where is not None:
        outer = outermost(where, conditional) or outermost(where, (Repeat,))
        if outer is None and isinstance(where.stmt, While | RepeatUntil | Repeat):
            outer = where.stmt
    if outer is None:
        second = nudge
    else:
        say = Say("hint.endless_loop", number=outer.number, label=stmt_label(outer))
        second = Level((say,), outer.number, outer.id)
    i = run.first_off()
    fix = None
    if i is not None:
        fix = best_fix(
            challenge, program, runs, dmaps, around_step(program, run, i), focus=run.index
        )
    if fix is not None:
        third = fix_level(program, fix)
    else:
        third = reference_sensor(challenge, program) or (
            wrong_step(run, i) if i is not None else second
        )
    return "endless_loop", (nudge, second, third)


def _too_many_calls(program: Program, run: BoardAnalysis) -> tuple[Level, Level, Level]:
    nudge = Level((Say("hint.nudge.calls"),))
    last = run.run.last
    stmt = locate(program).get(last.number) if last is not None else None
    if stmt is None or not isinstance(stmt.stmt, Call):
        return nudge, nudge, nudge
    call = stmt.stmt
    second = Level(
        (Say("hint.calls_at", number=call.number, name=call.name),), call.number, call.id
    )
    third = Level((Say("hint.calls_fix", number=call.number),), call.number, call.id, "if")
    return nudge, second, third


def _variant(
    challenge: Challenge, program: Program, run: BoardAnalysis, levels: tuple[Level, Level, Level]
) -> Advice:
    """A failure on a variant only: say so first, and push towards sensors."""
    sensor_hint = bool(challenge.sensors) and not uses_sensors(program)
    says = [Say("hint.nudge.variant", n=run.index)]
    if sensor_hint:
        says.append(Say("hint.nudge.use_sensor"))
    first = Level(tuple(says))
    third = levels[2]
    if sensor_hint:  # counting squares cannot work on every map: name the sensor to use
        third = reference_sensor(challenge, program) or third
    return make_advice(challenge, "variant", (first, levels[1], third), board=run.index)


def _plain(challenge: Challenge, run: BoardAnalysis) -> Advice:
    """Without distances (a board too big to search): the run's own message, at every level."""
    text = {lang: explain_failure(run.run, challenge.goals, lang) for lang in ("fr", "en")}
    last = run.run.last
    says: tuple[Say, ...] = (Say("hint.text", text=text),)
    if run.index:
        says = (Say("hint.nudge.variant", n=run.index), *says)
    level = Level(says, last.number if last else None, last.id if last else None)
    kind = "variant" if run.index else run.run.outcome.value
    return make_advice(challenge, kind, (level, level, level), board=run.index)
