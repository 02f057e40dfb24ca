"""Running a program sent by a tablet: parse it (never from a file path), run it, score it.

The server computes blocks and stars itself; nothing the client says about them is read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from robolab.challenge import Challenge
from robolab.errors import ProgramError
from robolab.i18n import Lang
from robolab.program import Program
from robolab.program_loader import parse_program
from robolab.runner import invalid_result, run
from robolab.server.http import ApiError
from robolab.server.texts import both

log = logging.getLogger("robolab.server")


@dataclass(frozen=True)
class Graded:
    """A scored run: the FORMATS §4 result (with its trace) and the program it ran, if valid."""

    result: dict[str, Any]
    program: Program | None


def read_program(raw: Any) -> Program:
    """A program from request JSON: a list of blocks, an object with ``main`` or a Blockly
    workspace. A text is refused: ``robolab.load_program`` would read it as a file path.

    Raises:
        ProgramError: the program is invalid (a 200 answer with outcome ``error``).
        ApiError: not a program at all (400).
    """
    if not isinstance(raw, dict | list):
        raise ApiError(400, "api.bad_field", field="program", want=both("api.want_program"))
    try:
        return parse_program(raw)
    except ProgramError:
        raise
    except (RecursionError, MemoryError):
        raise ApiError(400, "api.too_deep") from None
    except Exception:
        # A bug in a parser must not become a 500 for the teen; it is logged for us.
        log.exception("unexpected error while reading a program")
        raise ApiError(400, "api.program_unreadable") from None


def grade(challenge: Challenge, raw: Any, lang: Lang) -> Graded:
    """Runs ``raw`` on the challenge (main map and variants) and scores it, with the trace."""
    try:
        program = read_program(raw)
    except ProgramError as err:
        return Graded(invalid_result(challenge, err, lang).to_json(trace=True), None)
    return Graded(run(challenge, program, lang=lang, trace=True).to_json(trace=True), program)
