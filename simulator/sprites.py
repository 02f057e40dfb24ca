"""The robot and the short animations (gem sparkle, crash, splash, win, sensor reading).

Everything is drawn with shapes at the wanted size and angle (no bitmap rotation, so it stays sharp
on a projector). Positions are in pixels; ``cell`` is the size of a cell in pixels.
"""

from __future__ import annotations

import math

from robolab import palette
from robolab.palette import RGB
from simulator import theme
from simulator.draw_map import gem_points, paint, star_points
from simulator.pg import pygame
from simulator.timeline import Effect

Point = tuple[float, float]


def _rotate(points: list[Point], centre: Point, angle: float) -> list[Point]:
    """Points given in the robot's frame (``-y`` forward) turned by ``angle`` degrees clockwise."""
    cx, cy = centre
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in points]


def draw_robot(
    surface: pygame.Surface,
    centre: Point,
    angle: float,
    cell: int,
    *,
    scale: float = 1.0,
    body: RGB = palette.ROBOT,
) -> None:
    """The robot seen from above: round body, two wheels, eyes and a nose showing its heading.

    The centre is the body colour; the nose (a quarter cell ahead) is white.
    """
    if scale <= 0.02:
        return
    r = cell * 0.36 * scale
    wheel_w, wheel_l = r * 0.32, r * 0.95
    for side in (-1, 1):
        x0 = side * (r * 0.92)
        wheel = [
            (x0 - wheel_w / 2, -wheel_l / 2),
            (x0 + wheel_w / 2, -wheel_l / 2),
            (x0 + wheel_w / 2, wheel_l / 2),
            (x0 - wheel_w / 2, wheel_l / 2),
        ]
        paint(surface, theme.WHEEL, _rotate(wheel, centre, angle))
    edge = palette.ROBOT_EDGE if body == palette.ROBOT else theme.darker(body, 0.5)
    pygame.draw.circle(surface, edge, centre, r)
    pygame.draw.circle(surface, body, centre, r * 0.86)
    nose = [(0, -r * 0.98), (r * 0.36, -r * 0.5), (-r * 0.36, -r * 0.5)]
    paint(surface, theme.EYE, _rotate(nose, centre, angle))
    for side in (-1, 1):
        (ex, ey) = _rotate([(side * r * 0.38, -r * 0.12)], centre, angle)[0]
        pygame.draw.circle(surface, theme.EYE, (ex, ey), r * 0.2)
        (px, py) = _rotate([(side * r * 0.38, -r * 0.2)], centre, angle)[0]
        pygame.draw.circle(surface, theme.PUPIL, (px, py), r * 0.1)


def draw_effect(surface: pygame.Surface, fx: Effect, origin: Point, cell: int) -> None:
    """One effect; ``origin`` is the pixel of the map's top-left corner."""
    x = origin[0] + fx.x * cell
    y = origin[1] + fx.y * cell
    p = min(1.0, max(0.0, fx.progress))
    if fx.kind == "gem":
        _sparkle(surface, (x, y), cell, p)
    elif fx.kind == "crash":
        _bump(surface, (x, y), cell, p)
    elif fx.kind == "splash":
        _splash(surface, (x, y), cell, p)
    elif fx.kind == "win":
        _confetti(surface, (x, y), cell, p)
    elif fx.kind == "sense":
        target = (origin[0] + fx.tx * cell, origin[1] + fx.ty * cell)
        _sense(surface, (x, y), target, cell, p, fx.ok)


def _sparkle(surface: pygame.Surface, c: Point, cell: int, p: float) -> None:
    """The gem pops out above the robot's head, shrinking, with rays around it."""
    size = cell * 0.3 * (1 - 0.5 * p)
    centre = (c[0], c[1] - cell * (0.45 + 0.45 * p))
    pygame.draw.polygon(surface, palette.GEM, gem_points(centre, size))
    for i in range(8):
        a = math.radians(i * 45 + 20 * p)
        d1, d2 = cell * (0.18 + 0.2 * p), cell * (0.26 + 0.28 * p)
        start = (centre[0] + d1 * math.sin(a), centre[1] - d1 * math.cos(a))
        end = (centre[0] + d2 * math.sin(a), centre[1] - d2 * math.cos(a))
        color = theme.GEM_SHINE if i % 2 else palette.GEM
        pygame.draw.line(surface, color, start, end, max(2, cell // 16))


def _bump(surface: pygame.Surface, c: Point, cell: int, p: float) -> None:
    """Little stars turning around the point of contact."""
    for i in range(3):
        a = math.radians(p * 360 + i * 120)
        d = cell * 0.28
        centre = (c[0] + d * math.sin(a), c[1] - cell * 0.2 - d * 0.5 * math.cos(a))
        paint(surface, theme.STAR_ON, star_points(centre, cell * 0.13, turn=p * 90))
    width = max(2, cell // 14)
    for i in (-1, 0, 1):
        a = math.radians(i * 35)
        d1, d2 = cell * 0.12, cell * (0.22 + 0.1 * math.sin(p * math.pi))
        pygame.draw.line(
            surface,
            palette.FLAG,
            (c[0] + d1 * math.sin(a), c[1] - d1 * math.cos(a)),
            (c[0] + d2 * math.sin(a), c[1] - d2 * math.cos(a)),
            width,
        )


def _splash(surface: pygame.Surface, c: Point, cell: int, p: float) -> None:
    width = max(2, cell // 16)
    for k in range(3):
        q = p - k * 0.2
        if 0 < q <= 1:
            r = cell * (0.1 + 0.45 * q)
            pygame.draw.circle(surface, palette.WATER_WAVE, c, r, width)
    for i in range(6):
        a = math.radians(i * 60 + 30)
        d = cell * 0.5 * p
        h = cell * 0.4 * math.sin(p * math.pi)
        drop = (c[0] + d * math.sin(a), c[1] - d * math.cos(a) * 0.6 - h)
        pygame.draw.circle(surface, theme.GEM_SHINE, drop, max(2, cell // 18) * (1 - p * 0.5))


def _confetti(surface: pygame.Surface, c: Point, cell: int, p: float) -> None:
    """Confetti bursting from the robot; positions come from the index, not from a random draw."""
    for i in range(24):
        a = math.radians(i * 137.5)
        speed = 0.6 + (i * 7 % 10) / 12
        d = cell * speed * (1.2 * p)
        x = c[0] + d * math.sin(a)
        y = c[1] - d * math.cos(a) + cell * 0.9 * p * p
        color = theme.CONFETTI[i % len(theme.CONFETTI)]
        size = cell * 0.07
        spin = math.radians(i * 40 + p * 540)
        piece = [
            (x + size * math.cos(spin), y + size * math.sin(spin)),
            (x - size * math.sin(spin), y + size * math.cos(spin)),
            (x - size * math.cos(spin), y - size * math.sin(spin)),
            (x + size * math.sin(spin), y - size * math.cos(spin)),
        ]
        pygame.draw.polygon(surface, color, piece)
    if p > 0.1:
        paint(surface, theme.STAR_ON, star_points((c[0], c[1] - cell * 0.75), cell * 0.32))


def _sense(surface: pygame.Surface, c: Point, t: Point, cell: int, p: float, ok: bool) -> None:
    """A dotted beam to the cell a sensor looks at, then a green tick or a red cross there."""
    answer = theme.YES if ok else theme.NO
    color = theme.SCAN if p < 0.45 else answer
    reach = min(1.0, p / 0.45)
    dots = 6
    radius = max(2, cell // 18)
    same = abs(c[0] - t[0]) + abs(c[1] - t[1]) < 1
    if same:
        pygame.draw.circle(surface, color, c, cell * (0.25 + 0.2 * reach), max(2, cell // 14))
    else:
        for k in range(1, dots + 1):
            f = k / dots
            if f <= reach:
                pos = (c[0] + (t[0] - c[0]) * f, c[1] + (t[1] - c[1]) * f)
                pygame.draw.circle(surface, color, pos, radius)
    if p >= 0.45:
        _mark(surface, t if not same else (c[0], c[1] - cell * 0.55), cell, ok)


def _mark(surface: pygame.Surface, c: Point, cell: int, ok: bool) -> None:
    r = cell * 0.2
    width = max(3, cell // 10)
    pygame.draw.circle(surface, (255, 255, 255), c, r * 1.25)
    if ok:
        pts = [
            (c[0] - r * 0.6, c[1]),
            (c[0] - r * 0.1, c[1] + r * 0.5),
            (c[0] + r * 0.65, c[1] - r * 0.5),
        ]
        pygame.draw.lines(surface, theme.YES, False, pts, width)
    else:
        for sx in (-1, 1):
            pygame.draw.line(
                surface,
                theme.NO,
                (c[0] - r * 0.55, c[1] - sx * r * 0.55),
                (c[0] + r * 0.55, c[1] + sx * r * 0.55),
                width,
            )
