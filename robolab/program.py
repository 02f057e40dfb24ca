"""The program model of FORMATS §2: statements, conditions, procedures.

Programs are immutable trees. Every statement carries the editor's ``id`` (if any) and its
``number``: its position in reading order (main first, then each procedure after its definition),
which messages use ("au bloc 4").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from robolab.vocabulary import Action, Color, Sensor

FORMAT = "robolab/program@1"


@dataclass(frozen=True, slots=True)
class Test:
    """A sensor reading; ``color`` only for ``on_color``."""

    __test__ = False  # not a pytest test class

    sensor: Sensor
    color: Color | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sensor": self.sensor.value}
        if self.color is not None:
            out["color"] = self.color.value
        return out


@dataclass(frozen=True, slots=True)
class Not:
    cond: Condition

    def to_json(self) -> dict[str, Any]:
        return {"not": self.cond.to_json()}


Condition: TypeAlias = Test | Not


@dataclass(frozen=True, slots=True)
class Move:
    """``move_forward``, ``move_backward``, ``turn_left`` or ``turn_right``."""

    action: Action
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class Repeat:
    times: int
    body: Block
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class RepeatUntil:
    cond: Condition
    body: Block
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class While:
    cond: Condition
    body: Block
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class If:
    """``orelse`` is ``None`` when the block has no ``else`` (kept apart from an empty ``else``)."""

    cond: Condition
    then: Block
    orelse: Block | None = None
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    id: str | None = None
    number: int = 0


Statement: TypeAlias = Move | Repeat | RepeatUntil | While | If | Call
Block: TypeAlias = tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Procedure:
    name: str
    body: Block
    id: str | None = None
    number: int = 0


@dataclass(frozen=True, slots=True)
class Program:
    main: Block
    procedures: tuple[Procedure, ...] = ()
    _by_name: dict[str, Procedure] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({p.name: p for p in self.procedures})

    def procedure(self, name: str) -> Procedure | None:
        return self._by_name.get(name)

    @property
    def block_count(self) -> int:
        """Statements in main and in every procedure, plus one per procedure definition."""
        return sum(1 for _ in self.statements()) + len(self.procedures)

    def statements(self) -> Iterator[Statement]:
        """Every statement, in reading order (main, then each procedure)."""
        yield from walk(self.main)
        for proc in self.procedures:
            yield from walk(proc.body)

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON form (FORMATS §2)."""
        out: dict[str, Any] = {"format": FORMAT, "main": block_to_json(self.main)}
        if self.procedures:
            out["procedures"] = {p.name: block_to_json(p.body) for p in self.procedures}
        return out


def walk(block: Block) -> Iterator[Statement]:
    """Pre-order walk of the statements of ``block``, iterative (no recursion limit)."""
    stack: list[Iterator[Statement]] = [iter(block)]
    while stack:
        stmt = next(stack[-1], None)
        if stmt is None:
            stack.pop()
            continue
        yield stmt
        for child in reversed(children(stmt)):
            stack.append(iter(child))


def children(stmt: Statement) -> tuple[Block, ...]:
    """The nested blocks of a statement, in reading order."""
    if isinstance(stmt, Repeat | RepeatUntil | While):
        return (stmt.body,)
    if isinstance(stmt, If):
        return (stmt.then,) if stmt.orelse is None else (stmt.then, stmt.orelse)
    return ()


def conditions(cond: Condition) -> Iterator[Test]:
    """The sensor tests inside a condition."""
    while isinstance(cond, Not):
        cond = cond.cond
    yield cond


def block_to_json(block: Block) -> list[dict[str, Any]]:
    return [statement_to_json(s) for s in block]


def statement_to_json(stmt: Statement) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(stmt, Move):
        out = {"block": stmt.action.value}
    elif isinstance(stmt, Repeat):
        out = {"block": "repeat", "times": stmt.times, "body": block_to_json(stmt.body)}
    elif isinstance(stmt, RepeatUntil):
        out = {
            "block": "repeat_until",
            "cond": stmt.cond.to_json(),
            "body": block_to_json(stmt.body),
        }
    elif isinstance(stmt, While):
        out = {"block": "while", "cond": stmt.cond.to_json(), "body": block_to_json(stmt.body)}
    elif isinstance(stmt, If):
        out = {"block": "if", "cond": stmt.cond.to_json(), "then": block_to_json(stmt.then)}
        if stmt.orelse is not None:
            out["else"] = block_to_json(stmt.orelse)
    else:
        out = {"block": "call", "name": stmt.name}
    if stmt.id is not None:
        out["id"] = stmt.id
    return out
