"""Errors for broken input: programs, challenge files, packs.

Outcomes of a run (crash, fall, timeout…) are data, never exceptions. Only misuse and broken input
raise, and every error can say what is wrong in French and in English, naming the block or the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from robolab.i18n import Lang
from robolab.messages import translate


class RoboLabError(ValueError):
    """Base class of every input error; :meth:`message` gives the text in a language."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        """The explanation in ``lang``."""
        return translate(self.key, lang, **self.params)


class ProgramError(RoboLabError):
    """A program is malformed, too big, or not allowed by a challenge.

    Attributes:
        at: where in the program, as keys from the top (``("main", 2, "body", 0)``).
        block_id: the editor's id of the block, when it has one.
        number: the block's number in reading order (1-based), when known.
    """

    def __init__(
        self,
        key: str,
        /,
        *,
        at: tuple[str | int, ...] = (),
        block_id: str | None = None,
        number: int | None = None,
        **params: Any,
    ) -> None:
        self.at = at
        self.block_id = block_id
        self.number = number
        super().__init__(key, **params)

    @property
    def path(self) -> str:
        """``at`` written like ``main[2].body[0]``."""
        return format_path(self.at)

    def message(self, lang: Lang) -> str:
        text = translate(self.key, lang, **self.params)
        if self.number is not None:
            return translate("where.block", lang, number=self.number, text=text)
        if self.path:
            return translate("where.path", lang, path=self.path, text=text)
        return text

    def to_json(self, lang: Lang) -> dict[str, Any]:
        """The error as the ``error`` field of a result object."""
        return {
            "code": self.key,
            "message": self.message(lang),
            "id": self.block_id,
            "number": self.number,
            "path": self.path,
        }


class LocatedError(RoboLabError):
    """An error in a file, printed as ``FILE:LINE: message`` so editors can jump to it."""

    def __init__(self, key: str, /, *, file: str = "", line: int | None = None, **params: Any):
        self.file = file
        self.line = line
        super().__init__(key, **params)

    def located(self, lang: Lang) -> str:
        """``FILE:LINE: message`` (or ``FILE: message`` when the line is unknown)."""
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message(lang)}"


class ChallengeError(LocatedError):
    """A challenge file or a pack is broken."""


class ProblemList(RoboLabError):
    """Several problems found at once (``robolab check`` prints them all)."""

    def __init__(self, problems: Sequence[LocatedError]) -> None:
        self.problems = list(problems)
        super().__init__("problems.many", count=len(problems))

    def message(self, lang: Lang) -> str:
        return "\n".join(p.located(lang) for p in self.problems)


def format_path(at: tuple[str | int, ...]) -> str:
    """``("main", 2, "body", 0)`` -> ``main[2].body[0]``."""
    out = ""
    for key in at:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else key
    return out
