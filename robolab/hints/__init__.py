"""Hints from the learner's own run: what happened, where, and which block to use next.

After a failed or over-budget run, :func:`hint_for` explains in a teen's words what went wrong
and points at the block where it happened, using the solver's view of the board::

    from robolab.hints import hint_for, hints_for
    hint = hint_for(challenge, program, level=2, lang="fr")
    hint.text          # "Au bloc 5, le robot a tourné à droite : ici, le chemin continue à gauche."
    hint.block_id      # the editor's id of block 5, to highlight it
    [h.text for h in hints_for(challenge, program, lang="en")]   # the three levels

Levels: 1 a nudge (no block named), 2 targeted (names the block and what went wrong there),
3 the next block to use (a one-block change that was checked to take the robot further, or the
next action of an optimal path). Deterministic, and a few milliseconds: see docs/hints.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from robolab.challenge import Challenge
from robolab.hints.advice import advise
from robolab.hints.levels import Advice
from robolab.i18n import Lang, pick

LEVELS: tuple[int, ...] = (1, 2, 3)

KINDS: tuple[str, ...] = (
    "perfect",  # 3 stars: nothing to improve
    "fewer_blocks",  # solved, more blocks than par
    "shorter_path",  # solved, more steps than par
    "crash",  # drove into a wall
    "fall",  # fell into the water
    "off_path",  # stopped away from the right path
    "stopped_early",  # stopped on the right path: blocks missing
    "stuck_loop",  # a loop spins without moving the robot
    "endless_loop",  # the robot goes round in circles until the tick budget runs out
    "too_many_calls",  # a procedure calls itself without end
    "variant",  # the main map works, a variant does not (``board`` says which)
    "too_many_blocks",  # over max_blocks: cannot run
    "invalid",  # malformed, or a block/sensor not in the toolbox: cannot run
    "empty",  # no block at all
)


@dataclass(frozen=True)
class Hint:
    """One hint for one run.

    Attributes:
        level: 1 (nudge), 2 (targeted) or 3 (the next block to use).
        text: what to show, in the requested language.
        block_id: the editor's id of the block to highlight (``None``: no block, or no id).
        block_number: that block's number in reading order ("au bloc 5").
        kind: what happened, one of :data:`KINDS`.
        board: 0 for the main map, ``n`` for variant ``n`` (where the run failed).
        action: the block proposed (level 3), e.g. ``"turn_left"`` or ``"repeat"``.
        written: the challenge's own written hint for this level (``hints`` in the file), if any.
    """

    level: int
    text: str
    block_id: str | None
    block_number: int | None
    kind: str
    board: int = 0
    action: str | None = None
    written: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "kind": self.kind,
            "text": self.text,
            "block": {"id": self.block_id, "number": self.block_number}
            if self.block_number is not None or self.block_id is not None
            else None,
            "board": self.board,
            "action": self.action,
            "written": self.written,
        }


def hint_for(challenge: Challenge, program: Any, level: int = 1, lang: Lang = "fr") -> Hint:
    """The hint of ``level`` (1–3, clamped) for running ``program`` on ``challenge``.

    ``program`` is what :func:`robolab.run` accepts: a Program, a file path, or the JSON data
    (dict, bare list or Blockly workspace). Never raises for a bad program: the hint explains it.
    """
    return render(advise(challenge, program), level, lang)


def hints_for(challenge: Challenge, program: Any, lang: Lang = "fr") -> tuple[Hint, Hint, Hint]:
    """The three levels at once (one analysis)."""
    advice = advise(challenge, program)
    one, two, three = (render(advice, level, lang) for level in LEVELS)
    return one, two, three


def render(advice: Advice, level: int, lang: Lang) -> Hint:
    """One level of an :class:`~robolab.hints.advice.Advice` in ``lang``."""
    level = min(max(level, 1), len(LEVELS))
    chosen = advice.levels[level - 1]
    written = None
    if advice.written:
        written = pick(advice.written[min(level, len(advice.written)) - 1], lang) or None
    return Hint(
        level=level,
        text=" ".join(s.say(lang) for s in chosen.says),
        block_id=chosen.block_id,
        block_number=chosen.number,
        kind=advice.kind,
        board=advice.board,
        action=str(chosen.action) if chosen.action is not None else None,
        written=written,
    )


__all__ = ["KINDS", "LEVELS", "Advice", "Hint", "advise", "hint_for", "hints_for", "render"]
