"""JSON decoding and encoding without a nesting limit.

Blockly saves a chain of blocks as ``next`` objects nested two levels per block, so a valid
1,000-block workspace is about 2,000 levels deep, beyond what the standard decoder's and
encoder's recursion allows. ``loads`` and ``dumps`` use the fast standard functions and, only
when they run out of recursion, iterative versions with an explicit stack (same results).
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Callable
from typing import Any

# The standard decoder's (C-accelerated) string scanner; typeshed does not list it.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_SPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = {"true": True, "false": False, "null": None}


def loads(text: str) -> Any:
    """Decodes JSON text; raises ``json.JSONDecodeError`` for malformed text."""
    try:
        return json.loads(text)
    except RecursionError:
        return iterative_loads(text)


def dumps(value: Any) -> str:
    """Compact JSON text (``separators=(",", ":")``, UTF-8 kept), at any nesting depth."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except RecursionError:
        return iterative_dumps(value)


class _Token(str):
    """Literal JSON punctuation on the work stack (never a value)."""

    __slots__ = ()


def iterative_dumps(value: Any) -> str:
    """``dumps`` with an explicit stack; scalars are encoded by the standard encoder."""
    out: list[str] = []
    todo: list[Any] = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, _Token):
            out.append(item)
        elif isinstance(item, dict):
            parts: list[Any] = [_Token("{")]
            for i, (key, child) in enumerate(item.items()):
                name = json.dumps(key if isinstance(key, str) else str(key), ensure_ascii=False)
                parts += [_Token(("," if i else "") + name + ":"), child]
            todo += reversed([*parts, _Token("}")])
        elif isinstance(item, list | tuple):
            parts = [_Token("[")]
            for i, child in enumerate(item):
                parts += [_Token(","), child] if i else [child]
            todo += reversed([*parts, _Token("]")])
        else:
            out.append(json.dumps(item, ensure_ascii=False, allow_nan=False))
    return "".join(out)


def iterative_loads(text: str) -> Any:
    """A JSON decoder with an explicit stack: any nesting depth, for documents the standard
    decoder cannot nest into."""
    stack: list[tuple[list[Any] | dict[str, Any], str | None]] = []
    pos = _skip(text, 0)
    value: Any
    while True:
        value, pos, container = _scalar_or_open(text, pos)
        if container is not None:
            pos = _skip(text, pos)
            closing = "]" if isinstance(container, list) else "}"
            if text.startswith(closing, pos):
                value, pos = container, pos + 1
            else:
                key = None
                if isinstance(container, dict):
                    key, pos = _key(text, pos)
                stack.append((container, key))
                continue
        while True:  # attach value to the open containers, closing them as they end
            if not stack:
                end = _skip(text, pos)
                if end != len(text):
                    raise json.JSONDecodeError("Extra data", text, end)
                return value
            container, key = stack[-1]
            if isinstance(container, list):
                container.append(value)
            else:
                assert key is not None
                container[key] = value
            pos = _skip(text, pos)
            closing = "]" if isinstance(container, list) else "}"
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
                if isinstance(container, dict):
                    key, pos = _key(text, pos)
                    stack[-1] = (container, key)
                break
            if text.startswith(closing, pos):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise json.JSONDecodeError(f"Expecting ',' delimiter or '{closing}'", text, pos)


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _key(text: str, pos: int) -> tuple[str, int]:
    if not text.startswith('"', pos):
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
    key, pos = scanstring(text, pos + 1)
    pos = _skip(text, pos)
    if not text.startswith(":", pos):
        raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
    return key, _skip(text, pos + 1)


def _scalar_or_open(text: str, pos: int) -> tuple[Any, int, list[Any] | dict[str, Any] | None]:
    """A scalar value, or a new empty container to fill."""
    char = text[pos : pos + 1]
    if char == "[":
        return None, pos + 1, []
    if char == "{":
        return None, pos + 1, {}
    if char == '"':
        value, end = scanstring(text, pos + 1)
        return value, end, None
    for word, literal in _LITERALS.items():
        if text.startswith(word, pos):
            return literal, pos + len(word), None
    match = _NUMBER.match(text, pos)
    if match:
        number = match.group()
        parsed: float | int = float(number) if match.group(1) or match.group(2) else int(number)
        return parsed, match.end(), None
    raise json.JSONDecodeError("Expecting value", text, pos)
