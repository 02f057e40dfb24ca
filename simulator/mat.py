"""Printable floor mats: a level at real scale for the robots, over A4/A3 pages or one big page.

:func:`plan_mat` cuts the mat into pages (portrait or landscape, whichever needs fewer pages);
:func:`write_mat` draws each page with the simulator's look (:mod:`robolab.palette`) and writes
a PDF whose pages have the exact paper size, so that a cell printed at 100 % measures
``cell_mm``. Pillow draws (no pygame, no display needed).

Assembly: every page but the last of its row has a hatched *overlap strip* on its right, and
every page but the last of its column one at its bottom. The next page is cut along its dotted
line and laid on that strip; the half-triangles in the margins of both pages then make whole
triangles, and the grid continues across the seam.

Less ink: ``walls="light"`` or ``"outline"`` prints walls pale or as a line, and
:func:`without_border` drops the map's outer ring of walls (the mat is then the playable area).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from robolab.board import Board
from simulator.mat_layout import (
    MARGIN_MM,
    OVERLAP_MM,
    PAPERS,
    MatError,
    MatPlan,
    MatText,
    Page,
    plan_mat,
    without_border,
)
from simulator.mat_marks import WHITE, Sheet, draw_cover, draw_page_marks
from simulator.mat_tiles import WALL_STYLES, WallStyle, draw_region
from simulator.pdf import PdfWriter

DEFAULT_DPI = 150
MAX_PIXELS = 60_000_000  # one big page is drawn at a lower resolution past this


def write_mat(
    board: Board,
    plan: MatPlan,
    path: str | Path,
    text: MatText,
    *,
    dpi: int = DEFAULT_DPI,
    walls: WallStyle = "full",
) -> int:
    """Draws every sheet of ``plan`` and writes the PDF; returns the resolution used (dpi).

    ``walls``: ``full`` (the screen's look), ``light`` or ``outline`` (less ink).

    Raises:
        OSError: the file cannot be written.
    """
    dpi = usable_dpi(plan, dpi)
    with PdfWriter(path, title=f"{text.challenge} — {text.title}") as pdf:
        for picture in render_pages(board, plan, text, dpi=dpi, walls=walls):
            pdf.add_page(picture, *plan.page_mm)
    return dpi


def usable_dpi(plan: MatPlan, dpi: int) -> int:
    """``dpi``, lowered for a huge single page so that it stays under :data:`MAX_PIXELS`."""
    w, h = plan.page_mm
    pixels = (w / 25.4 * dpi) * (h / 25.4 * dpi)
    if pixels <= MAX_PIXELS:
        return dpi
    return max(30, int(dpi * math.sqrt(MAX_PIXELS / pixels)))


def render_pages(
    board: Board,
    plan: MatPlan,
    text: MatText,
    *,
    dpi: int = DEFAULT_DPI,
    walls: WallStyle = "full",
) -> Iterator[Image.Image]:
    """The sheets as pictures, one at a time (a mat may be many pages): first the assembly
    plan when there are several pages, then the pages in reading order."""
    scale = dpi / 25.4  # pixels per mm
    size = (round(plan.page_mm[0] * scale), round(plan.page_mm[1] * scale))
    if plan.has_cover:
        cover = Sheet(Image.new("RGB", size, WHITE), scale)
        draw_cover(cover, board, plan, text, walls)
        yield cover.picture
    for number, page in enumerate(plan.pages, 1):
        sheet = Sheet(Image.new("RGB", size, WHITE), scale)
        x0, y0, x1, y1 = page.region
        content = Image.new("RGB", (sheet.px(x1 - x0), sheet.px(y1 - y0)), WHITE)
        draw_region(content, board, page.region, plan.cell_mm, scale, walls=walls)
        sheet.picture.paste(content, (sheet.px(plan.margin_mm), sheet.px(plan.margin_mm)))
        draw_page_marks(sheet, plan, page, number, text)
        yield sheet.picture


__all__ = [
    "DEFAULT_DPI",
    "MARGIN_MM",
    "OVERLAP_MM",
    "PAPERS",
    "WALL_STYLES",
    "MatError",
    "MatPlan",
    "MatText",
    "Page",
    "WallStyle",
    "plan_mat",
    "render_pages",
    "usable_dpi",
    "without_border",
    "write_mat",
]
