"""Reading programs: canonical JSON/YAML (FORMATS §2) and Blockly workspaces, with limits.

Limits are enforced before anything is built or run: at most 1,000 statements, nesting at most
100 deep, ``repeat`` 0..100 times, 64 KiB of text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from robolab import json_text
from robolab.errors import ProgramError
from robolab.program import (
    FORMAT,
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
)
from robolab.vocabulary import ACTIONS, COLORS, SENSORS, STATEMENT_BLOCKS, Action, Color, Sensor

MAX_STATEMENTS = 1000
MAX_DEPTH = 100
MAX_REPEAT = 100
MAX_BYTES = 64 * 1024
MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 40

_FIELDS: dict[str, frozenset[str]] = {
    **{a: frozenset() for a in ACTIONS},
    "repeat": frozenset({"times", "body"}),
    "repeat_until": frozenset({"cond", "body"}),
    "while": frozenset({"cond", "body"}),
    "if": frozenset({"cond", "then", "else"}),
    "call": frozenset({"name"}),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "repeat": ("times", "body"),
    "repeat_until": ("cond", "body"),
    "while": ("cond", "body"),
    "if": ("cond", "then"),
    "call": ("name",),
}
_NAME_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,40}\Z")

At = tuple[str | int, ...]


def parse_program(data: Any) -> Program:
    """Builds a :class:`Program` from decoded JSON/YAML data (a dict, or a bare list as ``main``).

    Blockly workspace JSON (a dict with ``blocks``) is accepted too.

    Raises:
        ProgramError: the first problem found, naming the block and why.
    """
    if isinstance(data, Mapping) and not data:
        return Program(main=())  # Blockly saves an empty workspace as {}
    if isinstance(data, Mapping) and "blocks" in data and "main" not in data:
        from robolab.blockly import parse_workspace

        return parse_workspace(data)
    main_raw, procs_raw = _split_top(data)
    _check_shape(main_raw, procs_raw)
    return _Builder(procs_raw).build(main_raw)


TEXT_SUFFIXES = (".txt", ".text")


def load_program(source: str | Path | Mapping[str, Any] | list[Any]) -> Program:
    """Loads a program from a file path, or from already-decoded data.

    Files may hold FORMATS JSON or YAML, a Blockly workspace, or (``.txt``) the program as text
    in French or English (docs/program-text.md).

    Raises:
        ProgramError: unreadable, too large, malformed or over a limit (a
            :class:`robolab.program_text.TextError`, with its line, for text files).
    """
    if isinstance(source, Mapping | list):
        return parse_program(source)
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgramError(
            "file.unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    if path.suffix.lower() in TEXT_SUFFIXES:
        from robolab.program_text import parse_text

        return parse_text(_decode(raw, ProgramError))
    return parse_program_text(raw, name=str(path))


def parse_program_text(raw: bytes | str, *, name: str = "") -> Program:
    """Decodes JSON or YAML text (at most 64 KiB) and parses the program in it."""
    data = decode_text(raw, name=name, error=ProgramError)
    return parse_program(data)


def decode_text(raw: bytes | str, *, name: str, error: type[ProgramError]) -> Any:
    """Size check, UTF-8 decoding, then JSON (when it looks like JSON) or ``yaml.safe_load``."""
    text = _decode(raw, error)
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        if stripped[:1] in ("{", "["):
            return json_text.loads(stripped)
        return yaml.safe_load(stripped)
    except json.JSONDecodeError as exc:
        raise error("file.bad_json", line=exc.lineno, column=exc.colno, reason=exc.msg) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise error(
            "file.bad_yaml", line=line, reason=getattr(exc, "problem", None) or "?"
        ) from None
    except RecursionError:
        raise error("program.too_deep", max=MAX_DEPTH) from None


def _decode(raw: bytes | str, error: type[ProgramError]) -> str:
    """The text of a program, at most 64 KiB of UTF-8."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        raise error("program.too_large", size=size, max=MAX_BYTES)
    try:
        return raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise error("file.not_utf8") from None


def _split_top(data: Any) -> tuple[Any, Any]:
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, Mapping):
        raise ProgramError("program.not_program", got=_kind(data))
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise ProgramError("program.bad_format", at=("format",), got=str(fmt)[:60], want=FORMAT)
    unknown = sorted(str(k) for k in data if k not in ("format", "main", "procedures"))
    if unknown:
        raise ProgramError("program.unknown_key", key=unknown[0][:60])
    if "main" not in data:
        raise ProgramError("program.no_main")
    procs = data.get("procedures") or {}
    if not isinstance(procs, Mapping):
        raise ProgramError("program.bad_procedures", at=("procedures",), got=_kind(procs))
    return data["main"], procs


def _check_shape(main_raw: Any, procs_raw: Mapping[Any, Any]) -> None:
    """Counts statements and nesting depth without recursion, before building anything."""
    stack: list[tuple[Any, int, At]] = [(main_raw, 1, ("main",))]
    stack += [(body, 1, ("procedures", str(name))) for name, body in procs_raw.items()]
    count = len(procs_raw)
    while stack:
        block, depth, at = stack.pop()
        if not isinstance(block, list):
            raise ProgramError("program.not_list", at=at, got=_kind(block))
        if depth > MAX_DEPTH:
            raise ProgramError("program.too_deep", at=at, max=MAX_DEPTH)
        count += len(block)
        if count > MAX_STATEMENTS:
            raise ProgramError("program.too_many", max=MAX_STATEMENTS)
        for i, stmt in enumerate(block):
            if isinstance(stmt, Mapping):
                for key in ("body", "then", "else"):
                    if key in stmt and stmt[key] is not None:
                        stack.append((stmt[key], depth + 1, (*at, i, key)))


class _Builder:
    """Builds statements in reading order, numbering them as it goes (depth is already bounded)."""

    def __init__(self, procs_raw: Mapping[Any, Any]) -> None:
        self.procs_raw = procs_raw
        self.number = 0

    def build(self, main_raw: list[Any]) -> Program:
        main = self.block(main_raw, ("main",))
        procedures = []
        for name, body in self.procs_raw.items():
            at: At = ("procedures", str(name))
            if not isinstance(name, str) or not _NAME_RE.match(name) or not name.strip():
                raise ProgramError(
                    "program.bad_name", at=at, name=str(name)[:60], max=MAX_NAME_LENGTH
                )
            self.number += 1
            number = self.number
            procedures.append(Procedure(name=name, body=self.block(body, at), number=number))
        return Program(main=main, procedures=tuple(procedures))

    def block(self, raw: list[Any], at: At) -> Block:
        return tuple(self.statement(stmt, (*at, i)) for i, stmt in enumerate(raw))

    def statement(self, raw: Any, at: At) -> Statement:
        self.number += 1
        number = self.number
        if not isinstance(raw, Mapping):
            raise ProgramError("block.not_object", at=at, number=number, got=_kind(raw))
        block_id = raw.get("id")
        if block_id is not None and (
            not isinstance(block_id, str) or len(block_id) > MAX_ID_LENGTH
        ):
            raise ProgramError("block.bad_id", at=at, number=number, max=MAX_ID_LENGTH)
        where: dict[str, Any] = {"at": at, "block_id": block_id, "number": number}
        kind = raw.get("block")
        if not isinstance(kind, str) or kind not in STATEMENT_BLOCKS:
            if kind is None:
                raise ProgramError("block.no_kind", **where)
            raise ProgramError(
                "block.unknown", **where, name=str(kind)[:60], known=", ".join(STATEMENT_BLOCKS)
            )
        extra = sorted(str(k) for k in raw if k not in _FIELDS[kind] and k not in ("block", "id"))
        if extra:
            raise ProgramError("block.unknown_field", **where, block=kind, field=extra[0][:60])
        for key in _REQUIRED.get(kind, ()):
            if raw.get(key) is None:
                raise ProgramError("block.missing_field", **where, block=kind, field=key)
        return self._make(kind, raw, at, where)

    def _make(self, kind: str, raw: Mapping[str, Any], at: At, where: dict[str, Any]) -> Statement:
        ident, number = where["block_id"], where["number"]
        if kind in ACTIONS:
            return Move(Action(kind), ident, number)
        if kind == "repeat":
            times = raw["times"]
            if isinstance(times, bool) or not isinstance(times, int):
                raise ProgramError("repeat.not_int", **where, got=str(times)[:30])
            if not 0 <= times <= MAX_REPEAT:
                raise ProgramError("repeat.range", **where, got=times, max=MAX_REPEAT)
            return Repeat(times, self.block(raw["body"], (*at, "body")), ident, number)
        if kind == "call":
            name = raw["name"]
            if not isinstance(name, str) or name not in self.procs_raw:
                raise ProgramError("call.unknown", **where, name=str(name)[:60])
            return Call(name, ident, number)
        cond = parse_condition(raw["cond"], (*at, "cond"), where)
        if kind == "if":
            then = self.block(raw["then"], (*at, "then"))
            orelse = raw.get("else")
            other = None if orelse is None else self.block(orelse, (*at, "else"))
            return If(cond, then, other, ident, number)
        body = self.block(raw["body"], (*at, "body"))
        if kind == "while":
            return While(cond, body, ident, number)
        return RepeatUntil(cond, body, ident, number)


def parse_condition(raw: Any, at: At, where: Mapping[str, Any]) -> Condition:
    """Parses ``{"sensor": …}`` / ``{"not": C}`` iteratively (``not`` chains are bounded too)."""
    nots = 0
    here = dict(where, at=at)
    while isinstance(raw, Mapping) and "not" in raw and len(raw) == 1:
        nots += 1
        if nots > MAX_DEPTH:
            raise ProgramError("program.too_deep", **here, max=MAX_DEPTH)
        raw = raw["not"]
    if not isinstance(raw, Mapping) or "sensor" not in raw:
        raise ProgramError("cond.malformed", **here)
    extra = sorted(str(k) for k in raw if k not in ("sensor", "color"))
    if extra:
        raise ProgramError("cond.unknown_field", **here, field=extra[0][:60])
    sensor = raw["sensor"]
    if not isinstance(sensor, str) or sensor not in SENSORS:
        raise ProgramError(
            "cond.unknown_sensor", **here, name=str(sensor)[:60], known=", ".join(SENSORS)
        )
    color = raw.get("color")
    test: Condition
    if sensor == Sensor.ON_COLOR.value:
        if color is None:
            raise ProgramError("cond.no_color", **here)
        if not isinstance(color, str) or color not in COLORS:
            raise ProgramError(
                "cond.bad_color", **here, got=str(color)[:30], known=", ".join(COLORS)
            )
        test = Test(Sensor.ON_COLOR, Color(color))
    elif color is not None:
        raise ProgramError("cond.color_not_allowed", **here, sensor=sensor)
    else:
        test = Test(Sensor(sensor))
    for _ in range(nots):
        test = Not(test)
    return test


def _kind(value: Any) -> str:
    """A short, language-neutral name of a JSON value's type for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__
