"""The Blockly block types of RoboLab and how they map to FORMATS blocks (docs/blockly.md)."""

from __future__ import annotations

import re

from robolab.program_loader import (
    MAX_STATEMENTS,
)
from robolab.vocabulary import ACTIONS, SENSORS

PREFIX = "robolab_"
START = "robolab_start"
NOT = "robolab_not"
# Blockly type -> (FORMATS block, statement inputs as (Blockly input, FORMATS key)).
STATEMENTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    **{PREFIX + a: (a, ()) for a in ACTIONS},
    "robolab_repeat": ("repeat", (("body", "body"),)),
    "robolab_repeat_until": ("repeat_until", (("body", "body"),)),
    "robolab_while": ("while", (("body", "body"),)),
    "robolab_if": ("if", (("then", "then"),)),
    "robolab_if_else": ("if", (("then", "then"), ("else", "else"))),
    "robolab_call": ("call", ()),
    "procedures_callnoreturn": ("call", ()),
}
# Blockly type -> (name field, body input).
PROCEDURES: dict[str, tuple[str, str]] = {
    "robolab_procedure": ("name", "body"),
    "procedures_defnoreturn": ("NAME", "STACK"),
}
CONDITIONS: frozenset[str] = frozenset({NOT, *(PREFIX + s for s in SENSORS)})
# FORMATS block -> its value inputs (``times`` may be a number block instead of a field).
VALUE_INPUTS: dict[str, set[str]] = {
    "repeat": {"times"},
    **{name: {"cond"} for name in ("repeat_until", "while", "if")},
}
# Disabled blocks and detached stacks are walked too: bound the whole walk, not only statements.
MAX_VISITED = 10 * MAX_STATEMENTS
XML_NAME = re.compile(r'\bname="([^"]*)"')
