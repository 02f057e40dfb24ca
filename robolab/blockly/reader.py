"""Blockly workspace JSON (``Blockly.serialization.workspaces.save``) to a RoboLab program.

The workspace is turned into FORMATS §2 data (block ids become statement ids), then checked and
built by :func:`robolab.program_loader.parse_program`, so limits and messages are the core's.
Blockly nests each ``next`` block inside the previous one: every walk here is iterative and
bounded, whatever the input's shape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from robolab.blockly.mapping import (
    CONDITIONS,
    MAX_VISITED,
    NOT,
    PREFIX,
    PROCEDURES,
    START,
    STATEMENTS,
    VALUE_INPUTS,
    XML_NAME,
)
from robolab.errors import ProgramError
from robolab.messages import label
from robolab.program import (
    FORMAT,
    Program,
)
from robolab.program_loader import (
    MAX_DEPTH,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_STATEMENTS,
    parse_program,
)
from robolab.vocabulary import COLORS


def parse_workspace(data: Mapping[str, Any]) -> Program:
    """Builds the program of a Blockly workspace (``Blockly.serialization.workspaces.save``).

    Raises:
        ProgramError: the first problem, with the Blockly id of the faulty block in ``block_id``.
    """
    tops = _top_blocks(data)
    walker = _Walker()
    main_head, procs = walker.classify(tops)
    main = walker.chain(main_head, 1)
    bodies: dict[str, list[dict[str, Any]]] = {}
    proc_ids: dict[str, str | None] = {}
    numbers: dict[str, int] = {}
    for node in procs:
        name, block_id, head = walker.procedure(node)
        if name in bodies:
            raise ProgramError("procedure.duplicate", block_id=block_id, name=name[:60])
        walker.number += 1
        numbers[name], proc_ids[name] = walker.number, block_id
        bodies[name] = walker.chain(head, 1)
    data_out: dict[str, Any] = {"format": FORMAT, "main": main, "procedures": bodies}
    try:
        program = parse_program(data_out)
    except ProgramError as err:
        raise _relocate(err, proc_ids, numbers) from None
    procedures = tuple(replace(p, id=proc_ids.get(p.name)) for p in program.procedures)
    return Program(main=program.main, procedures=procedures)


def _relocate(
    err: ProgramError, proc_ids: Mapping[str, str | None], numbers: Mapping[str, int]
) -> ProgramError:
    """The core's error without its FORMATS path (meaningless here), naming the procedure block."""
    block_id, number = err.block_id, err.number
    if block_id is None and len(err.at) == 2 and err.at[0] == "procedures":
        name = str(err.at[1])
        block_id, number = proc_ids.get(name), numbers.get(name)
    return ProgramError(err.key, block_id=block_id, number=number, **err.params)


def _top_blocks(data: Mapping[str, Any]) -> list[Any]:
    blocks = data.get("blocks")
    if blocks is None:
        return []
    if not isinstance(blocks, Mapping):
        raise ProgramError("blockly.bad_workspace")
    tops = blocks.get("blocks", [])
    if not isinstance(tops, list):
        raise ProgramError("blockly.bad_workspace")
    return tops


class _Walker:
    """Converts Blockly blocks to FORMATS statements in reading order (numbers match the core's)."""

    def __init__(self) -> None:
        self.number = 0
        self.visited = 0

    def classify(self, tops: list[Any]) -> tuple[Mapping[str, Any] | None, list[Mapping[str, Any]]]:
        """The head of ``main`` and the procedure definitions, in workspace order."""
        starts: list[Mapping[str, Any]] = []
        stacks: list[Mapping[str, Any]] = []
        procs: list[Mapping[str, Any]] = []
        for node in tops:
            self._visit()
            if not isinstance(node, Mapping):
                raise ProgramError("blockly.bad_block", part="blocks")
            kind, block_id = _kind(node), _id(node)
            if kind == START:
                starts.append(node)
            elif kind in PROCEDURES:
                if not _disabled(node):
                    procs.append(node)
            elif kind in STATEMENTS:
                stacks.append(node)
            elif kind not in CONDITIONS:
                raise ProgramError("blockly.unknown_type", block_id=block_id, name=kind[:60])
        if len(starts) > 1:
            raise ProgramError("blockly.many_starts", block_id=_id(starts[1]))
        live = [head for head in map(self._first_enabled, stacks) if head is not None]
        if starts:
            if live:
                raise ProgramError("blockly.detached", block_id=_id(live[0]))
            return _next(starts[0]), procs
        if len(live) > 1:
            raise ProgramError("blockly.many_stacks", block_id=_id(live[1]))
        return (live[0] if live else None), procs

    def _first_enabled(self, node: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        while node is not None:
            self._visit()
            if not _disabled(node):
                return node
            node = _next(node)
        return None

    def procedure(
        self, node: Mapping[str, Any]
    ) -> tuple[str, str | None, Mapping[str, Any] | None]:
        """Name, id and body head of a procedure definition."""
        block_id = _id(node)
        if block_id is not None and len(block_id) > MAX_ID_LENGTH:
            raise ProgramError("block.bad_id", max=MAX_ID_LENGTH)
        name_field, body_input = PROCEDURES[_kind(node)]
        name = _field(node, name_field)
        if not isinstance(name, str):
            raise ProgramError(
                "program.bad_name", block_id=block_id, name=str(name)[:60], max=MAX_NAME_LENGTH
            )
        extra = node.get("extraState")
        if isinstance(extra, Mapping) and extra.get("params"):
            raise ProgramError("blockly.procedure_params", block_id=block_id)
        return name, block_id, _input(node, body_input)

    def chain(self, head: Mapping[str, Any] | None, depth: int) -> list[dict[str, Any]]:
        """The statements of a chain and of everything inside it, depth first, without recursion."""
        out: list[dict[str, Any]] = []
        frames: list[tuple[Mapping[str, Any] | None, list[dict[str, Any]], int]]
        frames = [(head, out, depth)]
        while frames:
            node, target, level = frames[-1]
            if node is None:
                frames.pop()
                continue
            frames[-1] = (_next(node), target, level)
            self._visit()
            if _disabled(node):
                continue
            stmt, inputs = self._statement(node, level)
            target.append(stmt)
            for _, key in inputs:
                stmt[key] = []
            for name, key in reversed(inputs):  # the first input is walked first
                frames.append((_input(node, name), stmt[key], level + 1))
        return out

    def _visit(self) -> None:
        self.visited += 1
        if self.visited > MAX_VISITED:
            raise ProgramError("program.too_many", max=MAX_STATEMENTS)

    def _statement(
        self, node: Mapping[str, Any], depth: int
    ) -> tuple[dict[str, Any], tuple[tuple[str, str], ...]]:
        kind, block_id = _kind(node), _id(node)
        where: dict[str, Any] = {"block_id": block_id, "number": self.number + 1}
        if kind not in STATEMENTS:
            raise _misplaced(kind, where)
        if depth > MAX_DEPTH:
            raise ProgramError("program.too_deep", **where, max=MAX_DEPTH)
        self.number += 1
        if self.number > MAX_STATEMENTS:
            raise ProgramError("program.too_many", max=MAX_STATEMENTS)
        name, inputs = STATEMENTS[kind]
        values = VALUE_INPUTS.get(name, set())
        _check_inputs(node, {n for n, _ in inputs} | values, block_id)
        stmt: dict[str, Any] = {"block": name}
        if block_id is not None:
            stmt["id"] = block_id
        if name == "repeat":
            stmt["times"] = _times(node, where)
        elif name == "call":
            stmt["name"] = _call_name(node)
        elif "cond" in values:
            stmt["cond"] = _condition(node, where)
        return stmt, inputs


def _times(node: Mapping[str, Any], where: Mapping[str, Any]) -> int:
    raw = _field(node, "times")
    if raw is None:  # also accept a value input holding a math_number block or shadow
        number = _input(node, "times")
        raw = None if number is None else _field(number, "NUM")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ProgramError("blockly.empty_times", **where)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?\d{1,9}\s*", raw):
        return int(raw)
    raise ProgramError("repeat.not_int", **where, got=str(raw)[:30])


def _call_name(node: Mapping[str, Any]) -> Any:
    extra = node.get("extraState")
    if isinstance(extra, Mapping) and "name" in extra:
        return extra["name"]
    if isinstance(extra, str):  # an XML mutation, from older saves
        found = XML_NAME.search(extra)
        if found:
            return html.unescape(found.group(1))
    return _field(node, "name" if _kind(node) == "robolab_call" else "NAME")


def _condition(node: Mapping[str, Any], where: Mapping[str, Any]) -> dict[str, Any]:
    """The FORMATS condition plugged into ``node``'s ``cond`` input (``not`` chains iteratively)."""
    nots = 0
    owner, value = node, _input(node, "cond")
    while True:
        if value is None or _disabled(value):
            raise ProgramError("cond.missing", **dict(where, block_id=_id(owner)))
        kind = _kind(value)
        if kind != NOT:
            break
        nots += 1
        if nots > MAX_DEPTH:
            raise ProgramError(
                "program.too_deep", **dict(where, block_id=_id(value)), max=MAX_DEPTH
            )
        owner, value = value, _input(value, "cond")
    if kind not in CONDITIONS:
        raise _misplaced(kind, dict(where, block_id=_id(value)))
    test: dict[str, Any] = {"sensor": kind.removeprefix(PREFIX)}
    if test["sensor"] == "on_color":
        color = _field(value, "color")
        if not isinstance(color, str) or color not in COLORS:
            raise ProgramError(
                "cond.bad_color",
                **dict(where, block_id=_id(value)),
                got=str(color)[:30],
                known=", ".join(COLORS),
            )
        test["color"] = color
    for _ in range(nots):
        test = {"not": test}
    return test


# --- shapes: every accessor checks the type of what it reads -------------------------------


def _kind(node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    if not isinstance(kind, str):
        raise ProgramError("blockly.bad_block", block_id=_id(node), part="type")
    return kind


def _id(node: Mapping[str, Any]) -> str | None:
    block_id = node.get("id")
    if block_id is not None and not isinstance(block_id, str):
        raise ProgramError("block.bad_id", max=MAX_ID_LENGTH)
    return block_id


def _misplaced(kind: str, where: Mapping[str, Any]) -> ProgramError:
    """A known block in the wrong place (named as teens read it), or an unknown type."""
    if kind in PROCEDURES:
        return ProgramError("blockly.misplaced", **where, name=label("procedure"))
    if kind in STATEMENTS:
        return ProgramError("blockly.misplaced", **where, name=label(STATEMENTS[kind][0]))
    if kind in CONDITIONS or kind == START:
        return ProgramError("blockly.misplaced", **where, name=label(kind.removeprefix(PREFIX)))
    return ProgramError("blockly.unknown_type", **where, name=kind[:60])


def _disabled(node: Mapping[str, Any]) -> bool:
    reasons = node.get("disabledReasons")
    return node.get("enabled") is False or (isinstance(reasons, list) and bool(reasons))


def _field(node: Mapping[str, Any], name: str) -> Any:
    fields = node.get("fields")
    if fields is None:
        return None
    if not isinstance(fields, Mapping):
        raise ProgramError("blockly.bad_block", block_id=_id(node), part="fields")
    return fields.get(name)


def _check_inputs(node: Mapping[str, Any], allowed: set[str], block_id: str | None) -> None:
    inputs = node.get("inputs")
    if inputs is None:
        return
    if not isinstance(inputs, Mapping):
        raise ProgramError("blockly.bad_block", block_id=block_id, part="inputs")
    for name in inputs:
        if name not in allowed:
            raise ProgramError("blockly.bad_block", block_id=block_id, part=f"inputs.{name}"[:60])


def _input(node: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """The block plugged into input ``name`` (its shadow when no real block is), or ``None``."""
    inputs = node.get("inputs")
    if inputs is None:
        return None
    if not isinstance(inputs, Mapping):
        raise ProgramError("blockly.bad_block", block_id=_id(node), part="inputs")
    return _connected(node, inputs.get(name), f"inputs.{name}")


def _next(node: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return _connected(node, node.get("next"), "next")


def _connected(node: Mapping[str, Any], conn: Any, part: str) -> Mapping[str, Any] | None:
    if conn is None:
        return None
    if not isinstance(conn, Mapping):
        raise ProgramError("blockly.bad_block", block_id=_id(node), part=part)
    target = conn.get("block")
    if target is None:
        target = conn.get("shadow")
    if target is not None and not isinstance(target, Mapping):
        raise ProgramError("blockly.bad_block", block_id=_id(node), part=part)
    return target
