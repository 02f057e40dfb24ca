"""What every command does with its CHALLENGE and PROGRAM arguments, and how it reports a result.

Broken input is printed as ``FILE:LINE: message`` (or ``FILE: message``) on stderr, in the chosen
language, and the command exits with :data:`INVALID`; these helpers return ``None`` in that case.
"""

from __future__ import annotations

import sys
from pathlib import Path

from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge
from robolab.errors import ChallengeError, ProblemList, ProgramError
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label, stars_text
from robolab.pack import bundled_packs_root, load_packs
from robolab.program import Program
from robolab.program_loader import load_program
from robolab.program_text import TextError
from robolab.results import RunResult
from robolab.yaml_lines import line_index, nearest_line

SOLVED, NOT_SOLVED, INVALID = 0, 1, 2


def find_challenge(ref: str) -> Challenge:
    """A challenge from a file path, or from its id in the bundled packs.

    Raises:
        ProblemList: the file is broken, or no bundled challenge has that id.
    """
    path = Path(ref)
    if path.exists() or ref.endswith((".yaml", ".yml")):
        return load_challenge(path)
    for pack in load_packs([bundled_packs_root()]):
        for challenge in pack.challenges:
            if challenge.id == ref:
                return challenge
    raise ProblemList([ChallengeError("challenge.not_found", file=ref)])


def read_program(ref: str) -> Program:
    """Loads a program file (FORMATS JSON/YAML or a Blockly workspace).

    Raises:
        ProgramError: unreadable, malformed or over a limit.
    """
    return load_program(ref)


def where_in_program(ref: str, err: ProgramError) -> str:
    """``FILE:LINE`` of a program error when its line can be found, else ``FILE``."""
    if isinstance(err, TextError):
        return f"{ref}:{err.line}"
    if not err.at:
        return ref
    try:
        lines = line_index(Path(ref).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ref
    line = nearest_line(lines, err.at)
    if line is None and err.at[:1] == ("main",):  # a bare list is main
        line = nearest_line(lines, err.at[1:])
    return f"{ref}:{line}" if line else ref


def program_error_text(ref: str, err: ProgramError, lang: Lang) -> str:
    """``FILE:LINE: message`` for a program that could not be loaded."""
    why = err.reason(lang) if isinstance(err, TextError) else err.message(lang)
    return f"{where_in_program(ref, err)}: {why}"


def open_challenge(ref: str, lang: Lang) -> Challenge | None:
    """The challenge named on the command line, or ``None`` after printing every problem."""
    try:
        return find_challenge(ref)
    except ProblemList as err:
        for problem in err.problems:
            print(problem.located(lang), file=sys.stderr)
        return None


def open_program(ref: str, lang: Lang) -> Program | None:
    """The program named on the command line, or ``None`` after printing why it is broken."""
    try:
        return read_program(ref)
    except ProgramError as err:
        print(program_error_text(ref, err, lang), file=sys.stderr)
        return None


def result_lines(result: RunResult, lang: Lang) -> list[str]:
    """A scored run for people: outcome and stars, steps and blocks against par, the message."""
    lines = [
        f"{result.challenge}: {outcome_label(result.outcome, lang)}  {stars_text(result.stars)}",
        translate(
            "cli.steps_blocks",
            lang,
            steps=result.steps,
            par_steps=result.par_steps if result.par_steps is not None else "?",
            blocks=result.blocks if result.blocks is not None else "?",
            par_blocks=result.par_blocks,
            ticks=result.ticks,
        ),
    ]
    if result.variants:
        ok = sum(v.outcome.value == "success" for v in result.variants)
        lines.append(translate("cli.variants", lang, ok=ok, total=len(result.variants)))
    lines.append(result.message)
    return lines
