"""A challenge (FORMATS §1): maps, toolbox, goals, par and the reference solution."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from robolab.board import Board
from robolab.i18n import Lang, Text, pick
from robolab.program import Program
from robolab.solver import Solution, solve_board
from robolab.vocabulary import ACTIONS, Action, Goal

FORMAT = "robolab/challenge@1"
DEFAULT_MAX_TICKS = 10_000


@dataclass(frozen=True, eq=False)
class Challenge:
    """A loaded, schema-valid challenge. Use :func:`robolab.load_challenge` to get one."""

    id: str
    title: Text
    story: Text
    tier: int
    concepts: tuple[str, ...]
    board: Board
    goals: frozenset[Goal]
    blocks: frozenset[str]
    sensors: frozenset[str]
    max_blocks: int | None
    max_ticks: int
    par_blocks_given: int | None
    par_steps_given: int | None
    solution: Program
    variants: tuple[Board, ...] = ()
    hints: tuple[Text, ...] = ()
    path: Path | None = None
    map_text: str = ""
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, repr=False)

    @property
    def boards(self) -> tuple[Board, ...]:
        """The main board first, then every variant."""
        return (self.board, *self.variants)

    @property
    def actions(self) -> tuple[Action, ...]:
        """The action blocks of the toolbox, the only moves the solver may use."""
        return tuple(Action(b) for b in ACTIONS if b in self.blocks)

    @property
    def par_blocks(self) -> int:
        """``par.blocks``, or the block count of the reference solution."""
        return (
            self.par_blocks_given
            if self.par_blocks_given is not None
            else self.solution.block_count
        )

    @cached_property
    def optimum(self) -> Solution | None:
        """The solver's optimal run on the main map (``None`` when unsolvable)."""
        return solve_board(self.board, self.goals, self.actions)

    @property
    def par_steps(self) -> int | None:
        """``par.steps``, or the solver's optimum on the main map; ``None`` when unsolvable."""
        if self.par_steps_given is not None:
            return self.par_steps_given
        return self.optimum.steps if self.optimum is not None else None

    def title_in(self, lang: Lang) -> str:
        return pick(self.title, lang) or self.id

    def story_in(self, lang: Lang) -> str:
        return pick(self.story, lang)

    def hints_in(self, lang: Lang) -> list[str]:
        return [pick(h, lang) for h in self.hints]

    def line_of(self, *at: str | int) -> int | None:
        """The file line of a key path, or of its nearest parent that has one."""
        from robolab.yaml_lines import nearest_line

        return nearest_line(self.lines, at)
