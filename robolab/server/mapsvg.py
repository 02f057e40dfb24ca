"""A map as SVG, drawn with the shared palette (``robolab.palette``) like the simulator.

The tablet shows this picture and animates it: the robot is the group ``#robot`` (drawn facing
north at the origin, placed with ``translate(cx cy) rotate(90 * heading)``), gems are
``.gem`` groups with ``data-x``/``data-y``, and ``#trail`` is an empty polyline for the path.
"""

from __future__ import annotations

from html import escape

from robolab import palette
from robolab.board import Board
from robolab.grid import GEM, GOAL, START, WALL, WATER
from robolab.vocabulary import COLOR_OF_CHAR

CELL = 40
_H = palette.hex_color


def board_svg(board: Board, *, title: str = "", robot: bool = True) -> str:
    """The whole board; ``robot=False`` for thumbnails."""
    grid = board.grid
    width, height = grid.width * CELL, grid.height * CELL
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="robolab-map" role="img" '
        f'data-cell="{CELL}" data-width="{grid.width}" data-height="{grid.height}" '
        f'data-start-x="{grid.start[0]}" data-start-y="{grid.start[1]}" '
        f'data-start-heading="{int(board.heading)}">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(f'<rect width="{width}" height="{height}" fill="{_H(palette.BACKGROUND)}"/>')
    gems: list[str] = []
    for y, row in enumerate(grid.rows):
        for x, ch in enumerate(row):
            out.append(_cell(x, y, ch))
            if ch == GEM:
                gems.append(_gem(x, y))
    out.extend(gems)
    out.append(
        f'<polyline id="trail" points="" fill="none" stroke="{_H(palette.TRAIL)}" '
        f'stroke-width="{CELL // 6}" stroke-linecap="round" stroke-linejoin="round" '
        'stroke-dasharray="2 8" opacity="0.9"/>'
    )
    if robot:
        x, y = grid.start
        out.append(_robot(x, y, int(board.heading)))
    out.append("</svg>")
    return "".join(out)


def _rect(x: int, y: int, fill: str, stroke: str = "", inset: int = 0) -> str:
    size = CELL - 2 * inset
    line = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
    return (
        f'<rect x="{x * CELL + inset}" y="{y * CELL + inset}" width="{size}" height="{size}" '
        f'fill="{fill}"{line}/>'
    )


def _cell(x: int, y: int, ch: str) -> str:
    if ch == WALL:
        return _rect(x, y, _H(palette.WALL), _H(palette.WALL_EDGE))
    floor = _rect(x, y, _H(palette.FLOOR), _H(palette.FLOOR_LINE))
    if ch == WATER:
        return _rect(x, y, _H(palette.WATER)) + _waves(x, y)
    color = COLOR_OF_CHAR.get(ch)
    if color is not None:
        return floor + _rect(x, y, _H(palette.PAINT[color.value]), inset=3)
    if ch == START:
        return floor + _rect(x, y, _H(palette.START), inset=3)
    if ch == GOAL:
        return floor + _rect(x, y, _H(palette.GOAL), inset=3) + _flag(x, y)
    return floor


def _waves(x: int, y: int) -> str:
    left, top = x * CELL, y * CELL
    paths = []
    for row in (0.35, 0.7):
        yy = top + CELL * row
        paths.append(
            f"M{left + 6} {yy:.0f} q{CELL / 8:.0f} -5 {CELL / 4:.0f} 0 "
            f"t{CELL / 4:.0f} 0 t{CELL / 4:.0f} 0"
        )
    return (
        f'<path d="{" ".join(paths)}" fill="none" stroke="{_H(palette.WATER_WAVE)}" '
        'stroke-width="3" stroke-linecap="round"/>'
    )


def _flag(x: int, y: int) -> str:
    left, top = x * CELL, y * CELL
    pole_x = left + CELL * 0.32
    return (
        f'<line x1="{pole_x:.0f}" y1="{top + CELL * 0.18:.0f}" x2="{pole_x:.0f}" '
        f'y2="{top + CELL * 0.85:.0f}" stroke="{_H(palette.WALL_EDGE)}" stroke-width="3" '
        'stroke-linecap="round"/>'
        f'<polygon points="{pole_x:.0f},{top + CELL * 0.18:.0f} {left + CELL * 0.8:.0f},'
        f'{top + CELL * 0.32:.0f} {pole_x:.0f},{top + CELL * 0.48:.0f}" '
        f'fill="{_H(palette.FLAG)}"/>'
    )


def _gem(x: int, y: int) -> str:
    cx, cy, r = x * CELL + CELL / 2, y * CELL + CELL / 2, CELL * 0.28
    return (
        f'<g class="gem" data-x="{x}" data-y="{y}">'
        f'<polygon points="{cx:.0f},{cy - r:.0f} {cx + r:.0f},{cy:.0f} {cx:.0f},{cy + r:.0f} '
        f'{cx - r:.0f},{cy:.0f}" fill="{_H(palette.GEM)}" stroke="{_H(palette.TEXT)}" '
        'stroke-width="2"/></g>'
    )


def _robot(x: int, y: int, heading: int) -> str:
    cx, cy = x * CELL + CELL // 2, y * CELL + CELL // 2
    half = CELL * 0.34
    wheel = CELL * 0.1
    body = _H(palette.ROBOT)
    edge = _H(palette.ROBOT_EDGE)
    return (
        f'<g id="robot" transform="translate({cx} {cy}) rotate({90 * heading})">'
        f'<g class="robot-body">'
        f'<rect x="{-half - wheel:.0f}" y="{-half * 0.8:.0f}" width="{wheel:.0f}" '
        f'height="{half * 1.6:.0f}" rx="2" fill="{edge}"/>'
        f'<rect x="{half:.0f}" y="{-half * 0.8:.0f}" width="{wheel:.0f}" '
        f'height="{half * 1.6:.0f}" rx="2" fill="{edge}"/>'
        f'<rect x="{-half:.0f}" y="{-half:.0f}" width="{2 * half:.0f}" height="{2 * half:.0f}" '
        f'rx="{half / 3:.0f}" fill="{body}" stroke="{edge}" stroke-width="2"/>'
        f'<polygon points="0,{-half - 4:.0f} {half * 0.6:.0f},{-half * 0.2:.0f} '
        f'{-half * 0.6:.0f},{-half * 0.2:.0f}" fill="{_H(palette.TEXT)}" stroke="{edge}" '
        'stroke-width="1.5"/>'
        "</g></g>"
    )
