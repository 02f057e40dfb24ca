"""How a floor mat is cut into pages: paper, orientation, overlap strips, page labels."""

from __future__ import annotations

import math
from dataclasses import dataclass

from robolab.board import Board
from robolab.grid import WALL, Grid
from robolab.i18n import Lang
from robolab.messages import translate
from simulator.pdf import MAX_PAGE_MM

PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
MARGIN_MM = 10.0  # printers cannot print the edge: labels, marks and cut lines go there
OVERLAP_MM = 10.0  # glue strip shared by neighbouring pages


class MatError(ValueError):
    """The mat cannot be made (too large for one PDF page); ``key``/``params`` say why."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(translate(key, "en", **params))

    def message(self, lang: Lang) -> str:
        return translate(self.key, lang, **self.params)


@dataclass(frozen=True)
class Page:
    """One sheet: where it sits in the grid of pages and which part of the mat it shows.

    ``region`` is ``(x0, y0, x1, y1)`` in millimetres of the mat; it is drawn with its top-left
    corner at ``(margin, margin)`` on the sheet.
    """

    col: int
    row: int
    label: str
    region: tuple[float, float, float, float]


@dataclass(frozen=True)
class MatPlan:
    """How a mat is printed: paper, orientation, and the pages in reading order."""

    width_mm: float  # the whole mat
    height_mm: float
    cell_mm: float
    paper: str  # a4, a3 or single
    orientation: str  # portrait, landscape (single: the mat's own shape)
    page_mm: tuple[float, float]
    cols: int
    rows: int
    pages: tuple[Page, ...]
    margin_mm: float = MARGIN_MM
    overlap_mm: float = OVERLAP_MM

    @property
    def step_mm(self) -> tuple[float, float]:
        """How far apart the regions of neighbouring pages start (the printable box less the
        overlap strip)."""
        box_w, box_h = self.box_mm
        return box_w - self.overlap_mm, box_h - self.overlap_mm

    @property
    def has_cover(self) -> bool:
        """Several pages come with an assembly plan first."""
        return self.paper != "single" and len(self.pages) > 1

    @property
    def sheets(self) -> int:
        """Pages in the PDF, the assembly plan included."""
        return len(self.pages) + self.has_cover

    @property
    def box_mm(self) -> tuple[float, float]:
        """The printable box of a page, inside the margins."""
        return self.page_mm[0] - 2 * self.margin_mm, self.page_mm[1] - 2 * self.margin_mm


def plan_mat(board: Board, cell_mm: float, paper: str = "a4") -> MatPlan:
    """Cuts the mat of ``board`` into pages of ``paper`` (``a4``, ``a3`` or ``single``).

    Raises:
        MatError: with ``single``, the mat does not fit on one PDF page (about 5 m).
    """
    width = board.grid.width * cell_mm
    height = board.grid.height * cell_mm
    if paper == "single":
        page = (width + 2 * MARGIN_MM, height + 2 * MARGIN_MM)
        if max(page) > MAX_PAGE_MM:
            raise MatError("mat.too_large", w=cm(width), h=cm(height), max=cm(MAX_PAGE_MM))
        orientation = "landscape" if width > height else "portrait"
        only = Page(0, 0, "A1", (0.0, 0.0, width, height))
        return MatPlan(
            width, height, cell_mm, paper, orientation, page, 1, 1, (only,), MARGIN_MM, 0.0
        )
    short, long = PAPERS[paper]
    options = [
        _tiled(width, height, cell_mm, paper, "portrait", (short, long)),
        _tiled(width, height, cell_mm, paper, "landscape", (long, short)),
    ]
    return min(options, key=lambda p: len(p.pages))  # a tie keeps portrait


def _tiled(
    width: float,
    height: float,
    cell_mm: float,
    paper: str,
    orientation: str,
    page: tuple[float, float],
) -> MatPlan:
    box_w, box_h = page[0] - 2 * MARGIN_MM, page[1] - 2 * MARGIN_MM
    step_w, step_h = box_w - OVERLAP_MM, box_h - OVERLAP_MM
    cols = 1 if width <= box_w else 1 + math.ceil((width - box_w) / step_w - 1e-9)
    rows = 1 if height <= box_h else 1 + math.ceil((height - box_h) / step_h - 1e-9)
    pages = tuple(
        Page(
            col,
            row,
            f"{column_name(col)}{row + 1}",
            (
                col * step_w,
                row * step_h,
                min(width, col * step_w + box_w),
                min(height, row * step_h + box_h),
            ),
        )
        for row in range(rows)
        for col in range(cols)
    )
    return MatPlan(width, height, cell_mm, paper, orientation, page, cols, rows, pages)


def column_name(n: int) -> str:
    """A, B, … Z, AA, AB…"""
    name = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def cm(mm: float) -> str:
    """Millimetres written as centimetres (``1800`` -> ``180``)."""
    return f"{mm / 10:g}"


@dataclass(frozen=True)
class MatText:
    """What is printed in the margins: which challenge, in which language."""

    challenge: str
    title: str
    lang: Lang = "fr"


def without_border(board: Board) -> Board | None:
    """The board without its outer ring of walls, so that the mat is the playable area only
    (``None`` when that ring is not all walls, or nothing would be left).

    The robot sees no difference: outside the map counts as wall. The start, the goals and the
    gems move one cell up and left with the rest of the map.
    """
    grid = board.grid
    rows = grid.rows
    if grid.width < 3 or grid.height < 3:
        return None
    ring = rows[0] + rows[-1] + "".join(row[0] + row[-1] for row in rows)
    if set(ring) != {WALL}:
        return None

    def shift(cell: tuple[int, int]) -> tuple[int, int]:
        return cell[0] - 1, cell[1] - 1

    inner = Grid(
        rows=tuple(row[1:-1] for row in rows[1:-1]),
        start=shift(grid.start),
        goals=frozenset(shift(g) for g in grid.goals),
        gems=tuple(shift(g) for g in grid.gems),
    )
    return Board(inner, board.heading)
