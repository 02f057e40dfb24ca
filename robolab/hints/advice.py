"""What to tell a learner after a run, in three levels, before choosing a language.

:func:`advise` runs the program, finds what went wrong and where (see
:mod:`robolab.hints.context`), and returns an :class:`Advice`: for each level the sentences to
say (message keys with their parameters), the block to highlight and the block proposed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from robolab.challenge import Challenge
from robolab.errors import ProgramError
from robolab.hints.context import analyse_runs, distance_maps
from robolab.hints.distance import DistanceMap
from robolab.hints.failed import failed_advice
from robolab.hints.levels import Advice, Level, make_advice
from robolab.hints.solved import solved_advice, too_many_blocks
from robolab.hints.words import Say, action_label
from robolab.program import Program
from robolab.program_loader import load_program, parse_program
from robolab.program_rules import check_allowed


def advise(challenge: Challenge, source: Any) -> Advice:
    """The help for ``source`` (a Program, a file path, a dict or list) on ``challenge``."""
    try:
        if isinstance(source, Program):
            program = source
        elif isinstance(source, str | Path):
            program = load_program(source)
        else:  # decoded data from a tablet: anything may come
            program = parse_program(source)
    except ProgramError as err:
        return _invalid(challenge, err)
    problems = check_allowed(program, challenge)
    if problems:
        if problems[0].key == "program.over_max_blocks":
            return too_many_blocks(challenge, program, problems[0])
        return _invalid(challenge, problems[0])
    dmaps = distance_maps(challenge)
    if not program.main and not program.procedures:
        return _empty(challenge, dmaps)
    runs = analyse_runs(challenge, program, dmaps)
    failed = next((r for r in runs if not r.solved), None)
    if failed is None:
        return solved_advice(challenge, program, runs, dmaps)
    return failed_advice(challenge, program, runs, dmaps, failed)


def _invalid(challenge: Challenge, err: ProgramError) -> Advice:
    why = {lang: err.message(lang) for lang in ("fr", "en")}
    level = Level((Say("run.invalid", why=why),), err.number, err.block_id)
    return make_advice(challenge, "invalid", (level, level, level))


def _empty(challenge: Challenge, dmaps: list[DistanceMap | None]) -> Advice:
    first = Level((Say("run.empty"),))
    second = Level((Say("hint.empty_look"),))
    dmap, start = dmaps[0], challenge.board.start
    best = dmap.best_actions(start.x, start.y, start.heading, dmap.full_mask) if dmap else ()
    third = second
    if best:
        third = Level((Say("hint.start_with", action=action_label(best[0])),), action=best[0])
    return make_advice(challenge, "empty", (first, second, third))
