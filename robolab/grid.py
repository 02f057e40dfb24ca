"""The mat as a grid of cells (FORMATS §1 map legend) and its rules for moving.

Cells are stored in a flat array with a border of walls around the map, so that "off the map" and
"into a wall" are the same test. ``index``/``coords`` convert between ``(x, y)`` and that array.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from robolab.errors import ChallengeError
from robolab.vocabulary import COLOR_OF_CHAR, Color, Heading

WALL = "#"
FLOOR = "."
START = "S"
GOAL = "G"
GEM = "*"
WATER = "~"
LEGEND = frozenset("#.SG*~rgby")

MAX_SIDE = 64
MAX_GEMS = 16

# Cell kinds in the flat array: what happens when the robot tries to enter.
FREE = 0
BLOCKED = 1  # wall or outside: a crash, the robot stays
HOLE = 2  # water: a fall, the robot goes in


class MapError(ChallengeError):
    """A map breaks the legend; ``row``/``column`` are 0-based within the map text."""

    def __init__(
        self, key: str, /, *, row: int | None = None, column: int | None = None, **params: Any
    ) -> None:
        self.row = row
        self.column = column
        super().__init__(key, **params)


@dataclass(frozen=True, eq=False)
class Grid:
    """A parsed map. Build it with :func:`parse_map`."""

    rows: tuple[str, ...]
    start: tuple[int, int]
    goals: frozenset[tuple[int, int]]
    gems: tuple[tuple[int, int], ...]
    stride: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stride", self.width + 2)

    @property
    def width(self) -> int:
        return len(self.rows[0])

    @property
    def height(self) -> int:
        return len(self.rows)

    def char(self, x: int, y: int) -> str:
        """The map character at ``(x, y)``; outside the map is a wall."""
        if 0 <= x < self.width and 0 <= y < self.height:
            return self.rows[y][x]
        return WALL

    def index(self, x: int, y: int) -> int:
        """Position of ``(x, y)`` in the flat arrays (valid one cell outside the map too)."""
        return (y + 1) * self.stride + (x + 1)

    def coords(self, index: int) -> tuple[int, int]:
        y, x = divmod(index, self.stride)
        return x - 1, y - 1

    def step_delta(self, heading: int) -> int:
        """Offset in the flat arrays of one cell in ``heading``."""
        return (-self.stride, 1, self.stride, -1)[heading]

    @cached_property
    def kinds(self) -> bytes:
        """For each flat index: FREE, BLOCKED or HOLE."""
        out = bytearray([BLOCKED]) * ((self.height + 2) * self.stride)
        for y, row in enumerate(self.rows):
            for x, ch in enumerate(row):
                if ch != WALL:
                    out[self.index(x, y)] = HOLE if ch == WATER else FREE
        return bytes(out)

    @cached_property
    def goal_flags(self) -> bytes:
        out = bytearray((self.height + 2) * self.stride)
        for x, y in self.goals:
            out[self.index(x, y)] = 1
        return bytes(out)

    @cached_property
    def gem_bits(self) -> tuple[int, ...]:
        """For each flat index: the bit of the gem there (``1 << n`` for gem ``n``), else 0."""
        out = [0] * ((self.height + 2) * self.stride)
        for n, (x, y) in enumerate(self.gems):
            out[self.index(x, y)] = 1 << n
        return tuple(out)

    @cached_property
    def colors(self) -> bytes:
        """For each flat index: 0, or 1 + the position of its colour in :class:`Color`."""
        order = list(Color)
        out = bytearray((self.height + 2) * self.stride)
        for y, row in enumerate(self.rows):
            for x, ch in enumerate(row):
                color = COLOR_OF_CHAR.get(ch)
                if color is not None:
                    out[self.index(x, y)] = 1 + order.index(color)
        return bytes(out)

    def color_at(self, x: int, y: int) -> Color | None:
        return COLOR_OF_CHAR.get(self.char(x, y))

    def is_open(self, x: int, y: int) -> bool:
        """True when a robot may stand there: neither wall, hole nor outside (the path sensors)."""
        return self.kinds[self.index(x, y)] == FREE

    def neighbour(self, x: int, y: int, heading: Heading) -> tuple[int, int]:
        dx, dy = heading.delta
        return x + dx, y + dy


def parse_map(text: str) -> Grid:
    """Parses a map: pads short lines with walls and checks the legend and the start cell.

    Raises:
        MapError: an unknown character, no start or several starts, or a map too large.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    first = 0
    while first < len(lines) and not lines[first]:
        first += 1
    lines = lines[first:]
    if not lines:
        raise MapError("map.empty")
    width = max(len(line) for line in lines)
    if width > MAX_SIDE or len(lines) > MAX_SIDE:
        raise MapError("map.too_big", width=width, height=len(lines), max=MAX_SIDE)
    starts: list[tuple[int, int]] = []
    goals: set[tuple[int, int]] = set()
    gems: list[tuple[int, int]] = []
    for y, line in enumerate(lines):
        for x, ch in enumerate(line):
            if ch not in LEGEND:
                raise MapError("map.bad_char", row=first + y, column=x, char=ch, x=x, y=y)
            if ch == START:
                starts.append((x, y))
            elif ch == GOAL:
                goals.add((x, y))
            elif ch == GEM:
                gems.append((x, y))
    if not starts:
        raise MapError("map.no_start")
    if len(starts) > 1:
        x, y = starts[1]
        raise MapError("map.many_starts", row=first + y, column=x, count=len(starts))
    if len(gems) > MAX_GEMS:
        x, y = gems[MAX_GEMS]
        raise MapError("map.too_many_gems", row=first + y, column=x, count=len(gems), max=MAX_GEMS)
    rows = tuple(line.ljust(width, WALL) for line in lines)
    return Grid(rows=rows, start=starts[0], goals=frozenset(goals), gems=tuple(gems))
