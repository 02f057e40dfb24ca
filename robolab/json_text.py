"""JSON decoding without a nesting limit below the 64 KiB size limit.

Blockly saves a chain of blocks as ``next`` objects nested two levels per block, so a valid
1,000-block workspace is about 2,000 levels deep, beyond what the standard decoder's recursion
allows. ``loads`` uses the fast standard decoder and, only when it runs out of recursion, an
iterative decoder with an explicit stack (same results, same errors).
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
