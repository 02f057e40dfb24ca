"""What a run produces: per-board runs (:class:`BoardRun`) and the scored :class:`RunResult`.

``RunResult.to_json`` is the object ``robolab run --json`` prints (FORMATS §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from robolab.vocabulary import Heading, Outcome


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One step of a run: which block, which action, and the pose after it.

    ``event`` is ``"crash"``, ``"fall"`` or ``"gem"`` when something happened on that step.
    """

    tick: int
    id: str | None
    number: int
    action: str
    x: int
    y: int
    heading: Heading
    event: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "tick": self.tick,
            "id": self.id,
            "block": self.number,
            "action": self.action,
            "x": self.x,
            "y": self.y,
            "heading": self.heading.label,
        }
        if self.event:
            out["event"] = self.event
        return out


@dataclass(frozen=True, slots=True)
class BlockRef:
    """The statement a run ended on (for "au bloc 4" messages and highlighting)."""

    number: int
    id: str | None
    block: str


@dataclass(frozen=True, slots=True)
class BoardRun:
    """A program run on one board (the main map or a variant)."""

    outcome: Outcome
    steps: int
    ticks: int
    x: int
    y: int
    heading: Heading
    gems_left: int
    last: BlockRef | None = None
    trace: tuple[TraceStep, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "outcome": self.outcome.value,
            "steps": self.steps,
            "ticks": self.ticks,
        }
        if self.last is not None:
            out["block"] = {"number": self.last.number, "id": self.last.id, "name": self.last.block}
        return out


@dataclass(frozen=True)
class RunResult:
    """A program scored against a challenge (FORMATS §3–4).

    ``outcome`` is ``success`` exactly when ``solved``: otherwise it is the outcome of the main
    map, or of the first variant that failed when the main map succeeded. ``steps`` and ``ticks``
    are always the main map's.
    """

    challenge: str
    solved: bool
    outcome: Outcome
    stars: int
    steps: int
    ticks: int
    blocks: int | None
    par_blocks: int
    par_steps: int | None
    variants: tuple[BoardRun, ...]
    message: str
    main: BoardRun | None = None
    deciding: BoardRun | None = None  # the run that decided the outcome: main, or a failed variant
    error: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, *, trace: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "challenge": self.challenge,
            "solved": self.solved,
            "outcome": self.outcome.value,
            "stars": self.stars,
            "steps": self.steps,
            "ticks": self.ticks,
            "blocks": self.blocks,
            "par": {"blocks": self.par_blocks, "steps": self.par_steps},
            "variants": [v.to_json() for v in self.variants],
            "message": self.message,
        }
        if self.deciding is not None and self.deciding.last is not None:
            last = self.deciding.last
            out["block"] = {"number": last.number, "id": last.id, "name": last.block}
        if self.error is not None:
            out["error"] = self.error
        out.update(self.extra)
        if trace:
            steps = self.main.trace if self.main is not None and self.main.trace else ()
            out["trace"] = [s.to_json() for s in steps]
        return out
