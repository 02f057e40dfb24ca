"""Colours the simulator adds to the shared look (:mod:`robolab.palette`), and a few helpers."""

from __future__ import annotations

from robolab import palette
from robolab.palette import RGB

WHEEL: RGB = (40, 40, 48)
EYE: RGB = (255, 255, 255)
PUPIL: RGB = (30, 30, 40)
YES: RGB = (60, 200, 90)
NO: RGB = (235, 70, 80)
SCAN: RGB = (255, 255, 255)
STAR_ON: RGB = palette.HIGHLIGHT
STAR_OFF: RGB = (90, 98, 130)
PANEL: RGB = (36, 42, 64)
PANEL_LINE: RGB = (60, 68, 98)
BUTTON: RGB = (58, 66, 100)
BUTTON_HOT: RGB = (84, 96, 146)
TEXT_DIM: RGB = (170, 178, 205)
GEM_SHINE: RGB = (200, 255, 248)
GEM_MARK: RGB = (190, 182, 160)
FLAG_POLE: RGB = (90, 70, 60)
CONFETTI: tuple[RGB, ...] = (
    palette.FLAG,
    palette.GOAL,
    palette.GEM,
    palette.PAINT["blue"],
    palette.PAINT["green"],
    (255, 255, 255),
)
# Team colours for the arena view: distinct, bright, and readable on the floor colour.
TEAMS: tuple[RGB, ...] = (
    palette.ROBOT,
    (46, 134, 222),
    (155, 89, 182),
    (39, 174, 96),
    (231, 76, 60),
    (22, 160, 133),
    (241, 196, 15),
    (52, 73, 94),
)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def darker(c: RGB, t: float = 0.45) -> RGB:
    return mix(c, (0, 0, 0), t)


def lighter(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (255, 255, 255), t)
