"""A RoboLab program to a Blockly workspace (to show a solution or a saved attempt in the editor)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from robolab import json_text
from robolab.blockly.mapping import NOT, PREFIX, START
from robolab.program import (
    Block,
    Call,
    Condition,
    If,
    Move,
    Not,
    Procedure,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    Test,
    While,
    children,
    walk,
)

# --- program -> workspace ------------------------------------------------------------------

MAIN_X, MAIN_Y = 20, 20
PROCEDURES_X = 420
LINE_HEIGHT = 40


def program_to_workspace(program: Program) -> dict[str, Any]:
    """A Blockly workspace showing ``program``: a ``robolab_start`` stack, procedures to its right.

    Ids are kept when present; missing ones get fresh ids that only depend on the program, so the
    same program always gives the same workspace.
    """
    ids = _Ids(program)
    start: dict[str, Any] = {"type": START, "id": ids.unique("start"), "x": MAIN_X, "y": MAIN_Y}
    work: list[tuple[Block, dict[str, Any]]] = []
    if program.main:
        start["next"] = {}
        work.append((program.main, start["next"]))
    tops = [start]
    y = MAIN_Y
    for proc in program.procedures:
        node: dict[str, Any] = {
            "type": "robolab_procedure",
            "id": ids.of(proc),
            "x": PROCEDURES_X,
            "y": y,
            "fields": {"name": proc.name},
        }
        if proc.body:
            node["inputs"] = {"body": {}}
            work.append((proc.body, node["inputs"]["body"]))
        tops.append(node)
        y += _height(proc.body)
    while work:
        block, holder = work.pop()
        nodes = [_statement_node(stmt, ids, work) for stmt in block]
        for node, after in pairwise(nodes):
            node["next"] = {"block": after}
        holder["block"] = nodes[0]
    return {"blocks": {"languageVersion": 0, "blocks": tops}}


def _statement_node(
    stmt: Statement, ids: _Ids, work: list[tuple[Block, dict[str, Any]]]
) -> dict[str, Any]:
    block_id = ids.of(stmt)
    node: dict[str, Any] = {"type": "", "id": block_id}
    inputs: dict[str, Any] = {}
    if isinstance(stmt, Move):
        node["type"] = PREFIX + stmt.action.value
    elif isinstance(stmt, Repeat):
        node["type"] = "robolab_repeat"
        node["fields"] = {"times": stmt.times}
    elif isinstance(stmt, Call):
        node["type"] = "robolab_call"
        node["fields"] = {"name": stmt.name}
    else:
        node["type"] = _control_type(stmt)
        inputs["cond"] = {"block": _condition_node(stmt.cond, block_id, ids)}
    names = ("then", "else") if isinstance(stmt, If) else ("body",)
    for name, body in zip(names, children(stmt), strict=False):
        if body:
            inputs[name] = {}
            work.append((body, inputs[name]))
    if inputs:
        node["inputs"] = inputs
    return node


def _control_type(stmt: RepeatUntil | While | If) -> str:
    if isinstance(stmt, If):
        return "robolab_if" if stmt.orelse is None else "robolab_if_else"
    return "robolab_while" if isinstance(stmt, While) else "robolab_repeat_until"


def _condition_node(cond: Condition, owner: str, ids: _Ids) -> dict[str, Any]:
    chain: list[dict[str, Any]] = []
    while isinstance(cond, Not):
        chain.append({"type": NOT, "id": ids.unique(f"{owner}/c{len(chain) + 1}")})
        cond = cond.cond
    test: Test = cond
    leaf: dict[str, Any] = {
        "type": PREFIX + test.sensor.value,
        "id": ids.unique(f"{owner}/c{len(chain) + 1}"),
    }
    if test.color is not None:
        leaf["fields"] = {"color": test.color.value}
    for outer, inner in pairwise([*chain, leaf]):
        outer["inputs"] = {"cond": {"block": inner}}
    return chain[0] if chain else leaf


def _height(body: Block) -> int:
    """A rough rendered height of a procedure definition, to stack definitions without overlap."""
    lines = 3
    for stmt in walk(body):
        lines += 1 + len(children(stmt))
    return lines * LINE_HEIGHT


class _Ids:
    """Fresh ids ``b<reading number>`` ("b4" is "block 4"), never clashing with the program's ids."""

    def __init__(self, program: Program) -> None:
        self.taken = {s.id for s in program.statements() if s.id is not None}
        self.taken |= {p.id for p in program.procedures if p.id is not None}
        self.used: set[str] = set()
        self.numbers: dict[int, int] = {}
        for stmt in walk(program.main):
            self.numbers.setdefault(id(stmt), len(self.numbers) + 1)
        for proc in program.procedures:
            self.numbers.setdefault(id(proc), len(self.numbers) + 1)
            for stmt in walk(proc.body):
                self.numbers.setdefault(id(stmt), len(self.numbers) + 1)

    def of(self, item: Statement | Procedure) -> str:
        """The block id of ``item``: its own (once: Blockly ids are unique), or a fresh one."""
        if item.id is not None and item.id not in self.used:
            self.used.add(item.id)
            return item.id
        return self.unique(item.id or f"b{self.numbers.get(id(item), 0)}")

    def unique(self, candidate: str) -> str:
        while candidate in self.taken:
            candidate += "_"
        self.taken.add(candidate)
        self.used.add(candidate)
        return candidate


def dumps_workspace(workspace: Any) -> str:
    """Compact JSON text of a workspace (``json.dumps`` fails on long chains of blocks)."""
    return json_text.dumps(workspace)
