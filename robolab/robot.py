"""The small robot interface shared by the grid model, the simulator and real robots.

The step-by-step runner (:mod:`robolab.stepper`) yields :class:`ActRequest` and :class:`SenseRequest`
objects and receives an :class:`ActReport` or a ``bool`` back. A synchronous :class:`Robot` answers
them directly (see :func:`robolab.stepper.drive`); an asyncio robot session drives the same
generator itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeAlias

from robolab.program import Move, Statement, Test
from robolab.vocabulary import Action, Heading


@dataclass(frozen=True, slots=True)
class Pose:
    """A cell (0-based, from the top-left of the map) and a heading."""

    x: int
    y: int
    heading: Heading


class Motion(StrEnum):
    """What happened when the robot tried an action."""

    OK = "ok"
    CRASH = "crash"  # it hit a wall or the edge and stayed where it was
    FALL = "fall"  # it entered water


@dataclass(frozen=True, slots=True)
class ActRequest:
    """Please perform ``action`` (for the statement ``stmt``, at tick ``tick``)."""

    action: Action
    stmt: Move
    tick: int = 0


@dataclass(frozen=True, slots=True)
class SenseRequest:
    """Please read ``test`` (for the loop or ``if`` statement ``stmt``, at tick ``tick``)."""

    test: Test
    stmt: Statement
    tick: int = 0


@dataclass(frozen=True, slots=True)
class ActReport:
    """The robot's answer to an :class:`ActRequest`: what happened and where it now is."""

    motion: Motion
    pose: Pose


Request: TypeAlias = ActRequest | SenseRequest
Reply: TypeAlias = ActReport | bool


class Robot(Protocol):
    """A robot that answers requests synchronously (the grid model, the simulator)."""

    def act(self, action: Action) -> ActReport:
        """Performs one action and reports the outcome and the new pose."""
        ...

    def sense(self, test: Test) -> bool:
        """Reads one sensor."""
        ...
