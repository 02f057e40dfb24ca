"""The text of a challenge file (FORMATS §1) written from an editor's draft.

Written to be read and edited by hand, like the bundled packs: the map as a ``|`` block scalar,
short lists in flow style (``blocks: [move_forward, repeat]``), texts in double quotes, the
solution as a list of FORMATS statements (one-line ``{block: move_forward}`` for simple ones).
Every text goes through ``yaml.safe_dump`` for its quoting; words that YAML would read as
something else (``yes``, ``12``, ``a: b``...) are quoted too. Nothing typed by an author can add
a key to the file: each value is one YAML scalar, and map rows only hold map characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from robolab.challenge import FORMAT as CHALLENGE_FORMAT
from robolab.grid import LEGEND
from robolab.i18n import LANGS
from robolab.program import FORMAT as PROGRAM_FORMAT
from robolab.program import Program, block_to_json
from robolab.server.editor_model import Draft, MapDraft

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_/@.-]*\Z")
_INDENT = "  "


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line (escapes done by PyYAML)."""
    out = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=2**31 - 1)
    return out.rstrip("\n")


@lru_cache(maxsize=4096)
def scalar(word: str) -> str:
    """A word plain when YAML reads it back unchanged as a string, else double-quoted."""
    if _PLAIN.fullmatch(word) and yaml.safe_load(word) == word:
        return word
    return quoted(word)


def text_flow(text: dict[str, str]) -> str:
    """``{fr: "…", en: "…"}``."""
    return "{" + ", ".join(f"{lang}: {quoted(text[lang])}" for lang in LANGS if lang in text) + "}"


def text_block(text: dict[str, str], indent: str) -> list[str]:
    """One line per language, ``fr: "…"``, at ``indent``."""
    return [f"{indent}{lang}: {quoted(text[lang])}" for lang in LANGS if lang in text]


def program_data(program: Program) -> list[Any] | dict[str, Any]:
    """FORMATS data of a program without the editor's block ids: a bare list of statements, or
    ``{format, main, procedures}`` when it has procedures."""
    main = _strip_ids(block_to_json(program.main))
    if not program.procedures:
        return main
    return {
        "format": PROGRAM_FORMAT,
        "main": main,
        "procedures": {p.name: _strip_ids(block_to_json(p.body)) for p in program.procedures},
    }


def _strip_ids(block: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for stmt in block:
        clean = {}
        for key, value in stmt.items():
            if key == "id":
                continue
            clean[key] = _strip_ids(value) if isinstance(value, list) else value
        out.append(clean)
    return out


def _simple(value: Any) -> bool:
    """A value written on one line: no list inside (conditions, ``{block: call, name: x}``)."""
    if isinstance(value, list):
        return False
    if isinstance(value, dict):
        return all(_simple(v) for v in value.values())
    return True


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return scalar(value)
    raise TypeError(f"cannot write {type(value).__name__}")  # pragma: no cover


def _mapping(data: dict[str, Any], indent: int, first: str | None = None) -> list[str]:
    """A block mapping; ``first`` replaces the indentation of its first line (``- ``)."""
    lines: list[str] = []
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        head = (first if n == 0 and first is not None else pad) + scalar(str(key)) + ":"
        if isinstance(value, list):
            if value:
                lines.append(head)
                lines.extend(_sequence(value, indent + 2))
            else:
                lines.append(head + " []")
        elif isinstance(value, dict) and not _simple(value):
            lines.append(head)
            lines.extend(_mapping(value, indent + 2))
        else:
            lines.append(f"{head} {_flow(value)}")
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    """A block sequence of statements (``- {block: …}`` or a block mapping after ``- ``)."""
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if _simple(item):
            lines.append(f"{pad}- {_flow(item)}")
        else:
            lines.extend(_mapping(item, indent + 2, first=pad + "- "))
    return lines


def solution_lines(program: Program) -> list[str]:
    data = program_data(program)
    if isinstance(data, list):
        return ["solution:", *_sequence(data, 2)] if data else ["solution: []"]
    return ["solution:", *_mapping(data, 2)]


def map_lines(m: MapDraft, key_indent: str) -> list[str]:
    """``map: |`` and the rows, one deeper than the key."""
    for row in m.rows:
        if not row or set(row) - LEGEND:
            raise ValueError("a map row holds only map characters")
    return [f"{key_indent}map: |", *(f"{key_indent}{_INDENT}{row}" for row in m.rows)]


def challenge_yaml(draft: Draft) -> str:
    """The whole file. The result is checked by the caller with the loader and the checker."""
    lines = [f"format: {CHALLENGE_FORMAT}", f"id: {scalar(draft.id)}"]
    if draft.title:
        lines.append(f"title: {text_flow(draft.title)}")
    if draft.story:
        lines += ["story:", *text_block(draft.story, _INDENT)]
    lines.append(f"tier: {draft.tier}")
    if draft.concepts:
        lines.append("concepts: [" + ", ".join(scalar(c) for c in draft.concepts) + "]")
    lines += map_lines(draft.main, "")
    lines.append(f"start: {{heading: {draft.heading.label}}}")
    lines.append("goal: [" + ", ".join(draft.goals) + "]")
    if draft.blocks:  # an empty list would make the loader give up without a message
        lines.append("blocks: [" + ", ".join(draft.blocks) + "]")
    if draft.sensors:
        lines.append("sensors: [" + ", ".join(draft.sensors) + "]")
    if draft.max_blocks is not None:
        lines.append(f"max_blocks: {draft.max_blocks}")
    if draft.max_ticks is not None:
        lines.append(f"max_ticks: {draft.max_ticks}")
    par = []
    if draft.par_blocks is not None:
        par.append(f"blocks: {draft.par_blocks}")
    if draft.par_steps is not None:
        par.append(f"steps: {draft.par_steps}")
    if par:
        lines.append("par: {" + ", ".join(par) + "}")
    if draft.solution is not None:
        lines += solution_lines(draft.solution)
    if draft.variants:
        lines.append("variants:")
        for variant in draft.variants:
            item = map_lines(variant, "    ")
            item[0] = "  - " + item[0].lstrip()
            lines += item
            if variant.heading is not None:
                lines.append(f"    start: {{heading: {variant.heading.label}}}")
    if draft.hints:
        lines.append("hints:")
        for hint in draft.hints:
            item = text_block(hint, "    ")
            item[0] = "  - " + item[0].lstrip()
            lines += item
    return "\n".join(lines) + "\n"
