"""A program as numbered lines of text, for the window's program panel and the GIF caption."""

from __future__ import annotations

import re
from dataclasses import dataclass

from robolab.i18n import Lang
from robolab.program import Program
from robolab.program_text import INDENT, render_text

_NUMBERED = re.compile(r"^ *(\d*) \| ?(.*)$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line: the block ``number`` it shows (``None`` for ``else``, blank lines…)."""

    number: int | None
    depth: int
    text: str


def program_lines(program: Program, lang: Lang) -> list[Line]:
    """The program as :func:`robolab.program_text.render_text` writes it, line by line."""
    lines = []
    for raw in render_text(program, lang, numbered=True).splitlines():
        found = _NUMBERED.match(raw)
        if found is None:
            lines.append(Line(None, 0, raw.strip()))
            continue
        number = int(found.group(1)) if found.group(1) else None
        body = found.group(2)
        stripped = body.lstrip(" ")
        lines.append(Line(number, (len(body) - len(stripped)) // len(INDENT), stripped))
    return lines


def line_of(lines: list[Line], number: int | None) -> int | None:
    """The index of the line of block ``number``."""
    if number is None:
        return None
    return next((i for i, line in enumerate(lines) if line.number == number), None)
