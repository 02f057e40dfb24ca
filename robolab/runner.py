"""Running and scoring a program against a challenge (FORMATS §2–4)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from robolab.board import Board
from robolab.challenge import Challenge
from robolab.compiler import CompiledProgram
from robolab.errors import ProgramError
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.program import Call, Program
from robolab.program_loader import load_program
from robolab.program_rules import check_allowed
from robolab.results import BoardRun, RunResult
from robolab.robot import Pose
from robolab.scoring import (
    explain_failure,
    stars_for,
    success_message,
    unused_procedures_note,
    variant_failure,
)
from robolab.solver import SearchTooLarge, solve_board
from robolab.vocabulary import Goal, Outcome

ProgramSource = Program | str | Path | Mapping[str, Any] | list[Any]


def run(
    challenge: Challenge, program: ProgramSource, *, lang: Lang = "fr", trace: bool = False
) -> RunResult:
    """Runs ``program`` on the challenge's main map and every variant, and scores it.

    An invalid program is not an exception: the result has outcome ``error``, 0 stars and a
    message naming the block; ``result.error`` holds the details.
    """
    try:
        prog = program if isinstance(program, Program) else load_program(program)
    except ProgramError as err:
        return invalid_result(challenge, err, lang)
    problems = check_allowed(prog, challenge)
    if problems:
        return invalid_result(challenge, problems[0], lang, blocks=prog.block_count)
    compiled = CompiledProgram(prog)
    runs = [
        compiled.run(board, challenge.goals, max_ticks=challenge.max_ticks, trace=trace and i == 0)
        for i, board in enumerate(challenge.boards)
    ]
    return score(challenge, prog, runs, lang)


def score(challenge: Challenge, program: Program, runs: list[BoardRun], lang: Lang) -> RunResult:
    """Stars and message for the runs of ``program`` on every board (main map first)."""
    main, variants = runs[0], runs[1:]
    solved = all(r.outcome is Outcome.SUCCESS for r in runs)
    blocks = program.block_count
    par_blocks, par_steps = challenge.par_blocks, challenge.par_steps
    stars = stars_for(solved, blocks, main.steps, par_blocks, par_steps)
    if solved:
        message = success_message(blocks, main.steps, par_blocks, par_steps, lang)
    elif main.outcome is not Outcome.SUCCESS:
        empty = not program.main and not program.procedures
        remaining = steps_to_goal(challenge, challenge.board, main)
        message = explain_failure(
            main,
            challenge.goals,
            lang,
            empty=empty,
            remaining=remaining,
            on_goal=stopped_on_goal(challenge.board, main),
        )
    else:
        index, failed = next(
            (i, r) for i, r in enumerate(variants, 1) if r.outcome is not Outcome.SUCCESS
        )
        board = challenge.variants[index - 1]
        remaining = steps_to_goal(challenge, board, failed)
        message = variant_failure(
            index,
            failed,
            challenge.goals,
            lang,
            remaining=remaining,
            on_goal=stopped_on_goal(board, failed),
        )
    note = unused_procedures_note(unused_procedures(program), lang)
    if note:
        message = f"{message} {note}"
    deciding = next((r for r in runs if r.outcome is not Outcome.SUCCESS), main)
    return RunResult(
        challenge=challenge.id,
        solved=solved,
        outcome=deciding.outcome,
        stars=stars,
        steps=main.steps,
        ticks=main.ticks,
        blocks=blocks,
        par_blocks=par_blocks,
        par_steps=par_steps,
        variants=tuple(variants),
        message=message,
        main=main,
        deciding=deciding,
    )


def stopped_on_goal(board: Board, run: BoardRun) -> bool:
    return (run.x, run.y) in board.grid.goals


def unused_procedures(program: Program) -> list[str]:
    """Procedures that no block calls (they can never run)."""
    called = {s.name for s in program.statements() if isinstance(s, Call)}
    return [p.name for p in program.procedures if p.name not in called]


def steps_to_goal(challenge: Challenge, board: Board, run: BoardRun) -> int | None:
    """How many steps a robot that stopped early still needed (reach goals only), else ``None``."""
    if run.outcome is not Outcome.INCOMPLETE or Goal.COLLECT_ALL in challenge.goals:
        return None
    try:
        best = solve_board(
            board, challenge.goals, challenge.actions, start=Pose(run.x, run.y, run.heading)
        )
    except SearchTooLarge:
        return None
    return best.steps if best is not None else None


def invalid_result(
    challenge: Challenge, err: ProgramError, lang: Lang, *, blocks: int | None = None
) -> RunResult:
    """The result of a program that cannot run: outcome ``error``, nothing executed."""
    return RunResult(
        challenge=challenge.id,
        solved=False,
        outcome=Outcome.ERROR,
        stars=0,
        steps=0,
        ticks=0,
        blocks=blocks,
        par_blocks=challenge.par_blocks,
        par_steps=challenge.par_steps,
        variants=(),
        message=translate("run.invalid", lang, why=err.message(lang)),
        error=err.to_json(lang),
    )
