"""The mat, drawn once per size: walls, floor, start, goal flags, water and painted floor.

Gems are not part of the mat picture (they disappear when taken): see :func:`draw_gem`. Every
tile keeps its own colour at its centre, which the pixel tests rely on.
"""

from __future__ import annotations

import math

from robolab import palette
from robolab.grid import GEM, GOAL, START, WALL, WATER, Grid
from robolab.palette import RGB
from robolab.vocabulary import COLOR_OF_CHAR
from simulator import theme
from simulator.pg import pygame


def draw_map(grid: Grid, cell: int) -> pygame.Surface:
    """A picture of the map with ``cell`` pixels per cell."""
    surface = pygame.Surface((grid.width * cell, grid.height * cell))
    surface.fill(palette.FLOOR)
    for y in range(grid.height):
        for x in range(grid.width):
            draw_tile(surface, grid, x, y, cell)
    return surface


def draw_tile(surface: pygame.Surface, grid: Grid, x: int, y: int, cell: int) -> None:
    ch = grid.char(x, y)
    rect = pygame.Rect(x * cell, y * cell, cell, cell)
    if ch == WALL:
        _wall(surface, grid, x, y, rect)
        return
    if ch == WATER:
        _water(surface, rect)
        return
    surface.fill(palette.FLOOR, rect)
    line = max(1, cell // 32)
    pygame.draw.rect(surface, palette.FLOOR_LINE, rect, line)
    inset = rect.inflate(-max(2, cell // 8), -max(2, cell // 8))
    radius = max(2, cell // 8)
    color = COLOR_OF_CHAR.get(ch)
    if color is not None:
        pygame.draw.rect(surface, palette.PAINT[color.value], inset, border_radius=radius)
    elif ch == START:
        pygame.draw.rect(surface, palette.START, inset, border_radius=radius)
        pygame.draw.rect(surface, theme.darker(palette.START, 0.25), inset, line * 2, radius)
    elif ch == GOAL:
        pygame.draw.rect(surface, palette.GOAL, inset, border_radius=radius)
        pygame.draw.rect(surface, theme.darker(palette.GOAL, 0.25), inset, line * 2, radius)
        _flag(surface, rect)
    elif ch == GEM:
        _gem_mark(surface, rect)


def _wall(surface: pygame.Surface, grid: Grid, x: int, y: int, rect: pygame.Rect) -> None:
    """A raised block: lighter top edge, darker front edge where the wall meets the floor."""
    cell = rect.width
    surface.fill(palette.WALL, rect)
    if cell >= 16:  # bricks, so a wall reads as a wall (the centre stays plain wall colour)
        mortar = theme.mix(palette.WALL, palette.WALL_EDGE, 0.6)
        line = max(1, cell // 32)
        for row in (0.25, 0.75):
            y0 = rect.y + round(row * cell)
            pygame.draw.line(surface, mortar, (rect.x, y0), (rect.right - 1, y0), line)
        for col, top, bottom in ((0.25, 0.25, 0.75), (0.75, 0.0, 0.25), (0.75, 0.75, 1.0)):
            x0 = rect.x + round(col * cell)
            y0, y1 = rect.y + round(top * cell), rect.y + round(bottom * cell) - 1
            pygame.draw.line(surface, mortar, (x0, y0), (x0, y1), line)
    edge = max(2, cell // 7)
    if grid.char(x, y + 1) != WALL:
        surface.fill(palette.WALL_EDGE, pygame.Rect(rect.x, rect.bottom - edge, cell, edge))
    if grid.char(x, y - 1) != WALL:
        light = theme.lighter(palette.WALL, 0.18)
        surface.fill(light, pygame.Rect(rect.x, rect.y, cell, max(1, edge // 2)))


def _water(surface: pygame.Surface, rect: pygame.Rect) -> None:
    cell = rect.width
    surface.fill(palette.WATER, rect)
    width = max(1, cell // 20)
    amplitude = cell / 14
    for row in (0.3, 0.72):
        base = rect.y + row * cell
        points = [
            (rect.x + cell * (0.15 + 0.7 * i / 12), base + amplitude * math.sin(i * math.pi / 3))
            for i in range(13)
        ]
        pygame.draw.lines(surface, palette.WATER_WAVE, False, points, width)


def _flag(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """A red flag on a pole, in the top-left part of the tile (the centre stays goal yellow)."""
    cell = rect.width
    pole_x = rect.x + int(cell * 0.3)
    top = rect.y + int(cell * 0.18)
    bottom = rect.y + int(cell * 0.82)
    width = max(2, cell // 18)
    pygame.draw.line(surface, theme.FLAG_POLE, (pole_x, top), (pole_x, bottom), width)
    flag = [(pole_x, top), (pole_x + cell * 0.36, top + cell * 0.12), (pole_x, top + cell * 0.26)]
    pygame.draw.polygon(surface, palette.FLAG, flag)
    base = pygame.Rect(0, 0, cell // 4, max(2, cell // 14))
    base.midtop = (pole_x, bottom - base.height // 2)
    pygame.draw.rect(surface, theme.FLAG_POLE, base, border_radius=base.height // 2)


def _gem_mark(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The mark a gem leaves on the mat (the ``gem_here`` sensor still sees it when taken)."""
    pygame.draw.polygon(surface, theme.GEM_MARK, gem_points(rect.center, rect.width * 0.3), 2)


def gem_points(centre: tuple[float, float], size: float) -> list[tuple[float, float]]:
    """A cut-gem outline (a diamond with a flat top), ``size`` pixels from centre to tip."""
    cx, cy = centre
    return [
        (cx - size * 0.55, cy - size * 0.55),
        (cx + size * 0.55, cy - size * 0.55),
        (cx + size, cy - size * 0.15),
        (cx, cy + size),
        (cx - size, cy - size * 0.15),
    ]


def draw_gem(surface: pygame.Surface, centre: tuple[float, float], cell: int) -> None:
    """A gem waiting to be picked up: teal, with a shine."""
    size = cell * 0.3
    points = gem_points(centre, size)
    pygame.draw.polygon(surface, palette.GEM, points)
    pygame.draw.polygon(surface, theme.darker(palette.GEM, 0.35), points, max(1, cell // 28))
    cx, cy = centre
    shine = [
        (cx - size * 0.35, cy - size * 0.4),
        (cx - size * 0.05, cy - size * 0.4),
        (cx - size * 0.45, cy + size * 0.05),
    ]
    pygame.draw.polygon(surface, theme.GEM_SHINE, shine)


def star_points(
    centre: tuple[float, float], outer: float, inner: float | None = None, turn: float = 0.0
) -> list[tuple[float, float]]:
    """A five-pointed star, point up."""
    cx, cy = centre
    inner = outer * 0.45 if inner is None else inner
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.radians(turn + i * 36)
        points.append((cx + r * math.sin(a), cy - r * math.cos(a)))
    return points


def paint(surface: pygame.Surface, color: RGB, points: list[tuple[float, float]]) -> None:
    """A filled polygon with smooth edges."""
    pygame.draw.polygon(surface, color, points)
    pygame.draw.aalines(surface, color, True, points)
