"""The cells of a printed mat, drawn with Pillow in the simulator's look (:mod:`simulator.draw_map`).

Same colours and shapes as the screen: raised walls with bricks, water with waves, painted
floor, the start and the goal framed, a flag on the goal, gems. The start also gets an arrow:
on the floor it tells where to put the robot and which way it must face.

Walls can be printed lighter (``walls``): ``full`` is the screen's dark blue, ``light`` a pale
tint with faint bricks, ``outline`` white with a thick line where a wall meets the floor. The
line is drawn inside the wall cell, so every cell keeps its exact size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from robolab import palette
from robolab.board import Board
from robolab.grid import GEM, GOAL, START, WALL, WATER, Grid
from robolab.palette import RGB
from robolab.vocabulary import COLOR_OF_CHAR, Heading
from simulator import theme

WallStyle = Literal["full", "light", "outline"]
WALL_STYLES: tuple[WallStyle, ...] = ("full", "light", "outline")
WHITE: RGB = (255, 255, 255)
LIGHT_WALL: RGB = theme.mix(palette.WALL, WHITE, 0.84)  # a pale tint of the wall blue
OUTLINE_MM = 6.0  # the thick line of ``outline`` walls, at most a tenth of a cell


@dataclass(frozen=True)
class Box:
    """A cell's rectangle in pixels (right and bottom excluded)."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def size(self) -> int:
        return max(1, min(self.right - self.left, self.bottom - self.top))

    def at(self, fx: float, fy: float) -> tuple[float, float]:
        """The point at fractions ``fx``, ``fy`` of the cell."""
        return (
            self.left + fx * (self.right - self.left),
            self.top + fy * (self.bottom - self.top),
        )


def draw_tile(
    draw: ImageDraw.ImageDraw,
    grid: Grid,
    x: int,
    y: int,
    box: Box,
    walls: WallStyle = "full",
    outline: int = 0,
) -> None:
    """One cell; ``outline`` is the width in pixels of the line of ``outline`` walls."""
    ch = grid.char(x, y)
    if ch == WALL:
        if walls == "outline":
            _wall_outline(draw, grid, x, y, box, outline or max(2, box.size // 12))
        elif walls == "light":
            _wall(draw, grid, x, y, box, light=True)
        else:
            _wall(draw, grid, x, y, box)
        return
    if ch == WATER:
        _water(draw, box)
        return
    cell = box.size
    line = max(1, cell // 32)
    draw.rectangle(
        (box.left, box.top, box.right - 1, box.bottom - 1),
        fill=palette.FLOOR,
        outline=palette.FLOOR_LINE,
        width=line,
    )
    inset = max(2, cell // 16)
    radius = max(2, cell // 8)
    inner = (box.left + inset, box.top + inset, box.right - 1 - inset, box.bottom - 1 - inset)
    color = COLOR_OF_CHAR.get(ch)
    if color is not None:
        draw.rounded_rectangle(inner, radius, fill=palette.PAINT[color.value])
    elif ch == START:
        edge = theme.darker(palette.START, 0.25)
        draw.rounded_rectangle(inner, radius, fill=palette.START, outline=edge, width=line * 2)
    elif ch == GOAL:
        edge = theme.darker(palette.GOAL, 0.25)
        draw.rounded_rectangle(inner, radius, fill=palette.GOAL, outline=edge, width=line * 2)
        _flag(draw, box)
    elif ch == GEM:
        _gem(draw, box)


def draw_start_arrow(draw: ImageDraw.ImageDraw, box: Box, heading: Heading) -> None:
    """An arrow on the start cell: where the robot starts and which way it faces."""
    shaft, head, tip = 0.09, 0.2, 0.34  # in cells, from the centre
    points = [(-tip, 0), (head - tip, -head), (head - tip, -shaft), (tip, -shaft), (tip, shaft)]
    points += [(head - tip, shaft), (head - tip, head)]
    points = [(-px, py) for px, py in points]  # pointing towards +x (east)
    angle = {Heading.EAST: 0, Heading.SOUTH: 90, Heading.WEST: 180, Heading.NORTH: 270}[heading]
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    cx, cy = box.at(0.5, 0.5)
    cell = box.size
    shape = [(cx + (px * c - py * s) * cell, cy + (px * s + py * c) * cell) for px, py in points]
    draw.polygon(shape, fill=theme.darker(palette.START, 0.45))


def _wall(
    draw: ImageDraw.ImageDraw, grid: Grid, x: int, y: int, box: Box, *, light: bool = False
) -> None:
    """A raised block: lighter top edge, darker front edge where the wall meets the floor
    (``light``: the same in a pale tint, the bricks faint)."""
    cell = box.size
    fill = LIGHT_WALL if light else palette.WALL
    draw.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=fill)
    if cell >= 16:
        if light:
            mortar = theme.mix(fill, palette.WALL, 0.18)
        else:
            mortar = theme.mix(palette.WALL, palette.WALL_EDGE, 0.6)
        line = max(1, cell // 32)
        for row in (0.25, 0.75):
            _, y0 = box.at(0, row)
            draw.line((box.left, y0, box.right - 1, y0), fill=mortar, width=line)
        for col, top, bottom in ((0.25, 0.25, 0.75), (0.75, 0.0, 0.25), (0.75, 0.75, 1.0)):
            x0, y0 = box.at(col, top)
            _, y1 = box.at(col, bottom)
            draw.line((x0, y0, x0, y1 - 1), fill=mortar, width=line)
    edge = max(2, cell // 7)
    if grid.char(x, y + 1) != WALL:
        front = theme.mix(fill, palette.WALL_EDGE, 0.3) if light else palette.WALL_EDGE
        draw.rectangle((box.left, box.bottom - edge, box.right - 1, box.bottom - 1), fill=front)
    if grid.char(x, y - 1) != WALL:
        shine = theme.lighter(fill, 0.18)
        draw.rectangle(
            (box.left, box.top, box.right - 1, box.top + max(1, edge // 2) - 1), fill=shine
        )


def _wall_outline(
    draw: ImageDraw.ImageDraw, grid: Grid, x: int, y: int, box: Box, width: int
) -> None:
    """White, with a thick line on each side where the wall meets a cell the robot may enter
    (or water): the outline of the walls, drawn inside them."""
    draw.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=WHITE)
    width = max(1, min(width, box.size // 3))
    left, top, right, bottom = box.left, box.top, box.right - 1, box.bottom - 1
    sides = {
        (0, -1): (left, top, right, top + width - 1),
        (0, 1): (left, bottom - width + 1, right, bottom),
        (-1, 0): (left, top, left + width - 1, bottom),
        (1, 0): (right - width + 1, top, right, bottom),
    }
    for (dx, dy), rect in sides.items():
        if _open(grid, x + dx, y + dy):
            draw.rectangle(rect, fill=palette.WALL)
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):  # close the line around corners
        if _open(grid, x + dx, y + dy):
            cx = left if dx < 0 else right - width + 1
            cy = top if dy < 0 else bottom - width + 1
            draw.rectangle((cx, cy, cx + width - 1, cy + width - 1), fill=palette.WALL)


def _open(grid: Grid, x: int, y: int) -> bool:
    """A cell of the map that is not a wall (outside the map counts as wall)."""
    return 0 <= x < grid.width and 0 <= y < grid.height and grid.char(x, y) != WALL


def _water(draw: ImageDraw.ImageDraw, box: Box) -> None:
    cell = box.size
    draw.rectangle((box.left, box.top, box.right - 1, box.bottom - 1), fill=palette.WATER)
    width = max(1, cell // 20)
    for row in (0.3, 0.72):
        points = [
            box.at(0.15 + 0.7 * i / 12, row + math.sin(i * math.pi / 3) / 14) for i in range(13)
        ]
        draw.line(points, fill=palette.WATER_WAVE, width=width, joint="curve")


def _flag(draw: ImageDraw.ImageDraw, box: Box) -> None:
    """A red flag on a pole, in the top-left part of the tile (the centre stays goal yellow)."""
    cell = box.size
    pole_x, top = box.at(0.3, 0.18)
    _, bottom = box.at(0.3, 0.82)
    width = max(2, cell // 18)
    draw.line((pole_x, top, pole_x, bottom), fill=theme.FLAG_POLE, width=width)
    flag = [(pole_x, top), (pole_x + cell * 0.36, top + cell * 0.12), (pole_x, top + cell * 0.26)]
    draw.polygon(flag, fill=palette.FLAG)
    half, height = cell / 8, max(2, cell // 14)
    draw.rounded_rectangle(
        (pole_x - half, bottom - height / 2, pole_x + half, bottom + height / 2),
        radius=height / 2,
        fill=theme.FLAG_POLE,
    )


def _gem(draw: ImageDraw.ImageDraw, box: Box) -> None:
    """A gem to pick up: teal, with a shine (the colour sensor of a real robot sees it)."""
    cell = box.size
    cx, cy = box.at(0.5, 0.5)
    size = cell * 0.3
    points = [
        (cx - size * 0.55, cy - size * 0.55),
        (cx + size * 0.55, cy - size * 0.55),
        (cx + size, cy - size * 0.15),
        (cx, cy + size),
        (cx - size, cy - size * 0.15),
    ]
    outline: RGB = theme.darker(palette.GEM, 0.35)
    draw.polygon(points, fill=palette.GEM, outline=outline, width=max(1, cell // 28))
    shine = [
        (cx - size * 0.35, cy - size * 0.4),
        (cx - size * 0.05, cy - size * 0.4),
        (cx - size * 0.45, cy + size * 0.05),
    ]
    draw.polygon(shine, fill=theme.GEM_SHINE)


def draw_region(
    content: Image.Image,
    board: Board,
    region: tuple[float, float, float, float],
    cell_mm: float,
    scale: float,
    offset: tuple[int, int] = (0, 0),
    walls: WallStyle = "full",
) -> None:
    """The cells of ``board`` that show in ``region`` (millimetres of the mat), drawn on
    ``content`` at ``scale`` pixels per mm with the region's corner at ``offset`` (pixels);
    what overflows the picture is clipped. ``walls``: how walls are printed."""
    grid = board.grid
    x0, y0, x1, y1 = region
    draw = ImageDraw.Draw(content)
    first_x, last_x = int(x0 // cell_mm), min(grid.width - 1, math.ceil(x1 / cell_mm) - 1)
    first_y, last_y = int(y0 // cell_mm), min(grid.height - 1, math.ceil(y1 / cell_mm) - 1)

    def px(mm: float, origin: float) -> int:
        return round((mm - origin) * scale)

    ox, oy = offset
    outline = max(2, round(min(OUTLINE_MM, cell_mm / 10) * scale))  # the same on every page
    for y in range(first_y, last_y + 1):
        for x in range(first_x, last_x + 1):
            box = Box(
                ox + px(x * cell_mm, x0),
                oy + px(y * cell_mm, y0),
                ox + px((x + 1) * cell_mm, x0),
                oy + px((y + 1) * cell_mm, y0),
            )
            draw_tile(draw, grid, x, y, box, walls, outline)
            if (x, y) == grid.start:
                draw_start_arrow(draw, box, board.heading)
