"""The look of a map, shared by the simulator (pygame) and the tablets (SVG): high contrast, large shapes.

Colours are RGB tuples; ``hex_color`` gives the CSS form.
"""

from __future__ import annotations

RGB = tuple[int, int, int]

WALL: RGB = (52, 62, 94)
WALL_EDGE: RGB = (33, 40, 64)
FLOOR: RGB = (238, 232, 214)
FLOOR_LINE: RGB = (206, 198, 176)
START: RGB = (150, 205, 255)
GOAL: RGB = (255, 214, 64)
FLAG: RGB = (230, 57, 70)
GEM: RGB = (0, 184, 169)
WATER: RGB = (38, 120, 215)
WATER_WAVE: RGB = (140, 200, 250)
PAINT: dict[str, RGB] = {
    "red": (235, 87, 87),
    "green": (76, 187, 90),
    "blue": (86, 140, 245),
    "yellow": (250, 205, 50),
}
ROBOT: RGB = (255, 122, 0)
ROBOT_EDGE: RGB = (120, 50, 0)
TRAIL: RGB = (255, 150, 60)
BACKGROUND: RGB = (24, 28, 44)
TEXT: RGB = (250, 250, 250)
HIGHLIGHT: RGB = (255, 230, 90)


def hex_color(rgb: RGB) -> str:
    """``(255, 0, 0)`` -> ``"#ff0000"``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
