"""The names of the block language: headings, actions, statement blocks, sensors and colours.

These strings are the contract of FORMATS §1–2; enums keep them in one place.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Heading(IntEnum):
    """Where the robot faces; values turn clockwise so ``(h + 1) % 4`` is a right turn."""

    NORTH = 0
    EAST = 1
    SOUTH = 2
    WEST = 3

    @property
    def label(self) -> str:
        """The FORMATS name: ``north``, ``east``, ``south`` or ``west``."""
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Heading:
        """``"east"`` -> ``Heading.EAST``; raises ``KeyError`` for anything else."""
        return cls[name.upper()]

    def left(self) -> Heading:
        return Heading((self + 3) % 4)

    def right(self) -> Heading:
        return Heading((self + 1) % 4)

    def back(self) -> Heading:
        return Heading((self + 2) % 4)

    @property
    def delta(self) -> tuple[int, int]:
        """``(dx, dy)`` of one cell forward, ``y`` growing downwards."""
        return _DELTAS[self]


_DELTAS = {
    Heading.NORTH: (0, -1),
    Heading.EAST: (1, 0),
    Heading.SOUTH: (0, 1),
    Heading.WEST: (-1, 0),
}


class Action(StrEnum):
    """A statement that moves the robot; each one is one step."""

    MOVE_FORWARD = "move_forward"
    MOVE_BACKWARD = "move_backward"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


ACTIONS: tuple[str, ...] = tuple(a.value for a in Action)
CONTROL_BLOCKS: tuple[str, ...] = ("repeat", "repeat_until", "while", "if", "call")
STATEMENT_BLOCKS: tuple[str, ...] = ACTIONS + CONTROL_BLOCKS


class Sensor(StrEnum):
    """A condition the robot can test."""

    PATH_AHEAD = "path_ahead"
    PATH_LEFT = "path_left"
    PATH_RIGHT = "path_right"
    AT_GOAL = "at_goal"
    GEM_HERE = "gem_here"
    ON_COLOR = "on_color"


SENSORS: tuple[str, ...] = tuple(s.value for s in Sensor)


class Color(StrEnum):
    """Floor paint, read by the ``on_color`` sensor; the value is the map character's name."""

    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    YELLOW = "yellow"


COLORS: tuple[str, ...] = tuple(c.value for c in Color)
COLOR_OF_CHAR: dict[str, Color] = {
    "r": Color.RED,
    "g": Color.GREEN,
    "b": Color.BLUE,
    "y": Color.YELLOW,
}


class Goal(StrEnum):
    """What must hold for a run to succeed (all of a challenge's goals)."""

    REACH = "reach"
    COLLECT_ALL = "collect_all"


class Outcome(StrEnum):
    """How a run ended (FORMATS §2)."""

    SUCCESS = "success"
    CRASH = "crash"
    FALL = "fall"
    TIMEOUT = "timeout"
    INCOMPLETE = "incomplete"
    ERROR = "error"
