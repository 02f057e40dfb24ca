"""Programs as readable text ("show me the code"), in French or English, and back.

The words are the blocks' labels (``robolab.messages``). Nesting is shown by indentation, as in
Python; docs/program-text.md describes the syntax. :func:`parse_text` builds FORMATS data and lets
:func:`robolab.program_loader.parse_program` check it, so limits and messages are the core's; every
error names its line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from robolab.errors import ProgramError
from robolab.i18n import LANGS, Lang, plural
from robolab.messages import label, translate
from robolab.program import (
    FORMAT,
    Call,
    Condition,
    If,
    Move,
    Not,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    While,
)
from robolab.program_loader import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NAME_LENGTH,
    MAX_STATEMENTS,
    parse_program,
)
from robolab.vocabulary import ACTIONS, COLORS, SENSORS

INDENT = "    "
COLON: dict[Lang, str] = {"fr": " :", "en": ":"}
_BARE_NAME = re.compile(r"[\w-]+")
_NUMBERED = re.compile(r" *\d* \| ?")
_LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines() splits there


class TextError(ProgramError):
    """An error in a program text; :attr:`line` is 1-based and the message starts with it."""

    def __init__(self, key: str, /, *, line: int, **params: Any) -> None:
        self.line = line
        super().__init__(key, **params)

    def reason(self, lang: Lang) -> str:
        """The explanation without the line number."""
        return translate(self.key, lang, **self.params)

    def message(self, lang: Lang) -> str:
        return translate("text.line", lang, line=self.line, text=self.reason(lang))


def _word(key: str, lang: Lang) -> str:
    return translate(f"text.{key}", lang)


# --- rendering -----------------------------------------------------------------------------


def render_text(program: Program, lang: Lang, *, numbered: bool = False) -> str:
    """The program as indented pseudo-code; ``numbered`` prefixes block numbers ("au bloc 4")."""
    lines = list(_lines(program, lang))
    if not numbered:
        return "\n".join(INDENT * depth + text if text else "" for _, depth, text in lines)
    width = max((len(str(n)) for n, _, _ in lines if n is not None), default=1)
    out = []
    for number, depth, text in lines:
        tag = "" if number is None else str(number)
        out.append(f"{tag:>{width}} | {INDENT * depth}{text}" if text else "")
    return "\n".join(out)


def _lines(program: Program, lang: Lang) -> Iterator[tuple[int | None, int, str]]:
    """``(number or None, depth, text)`` in reading order; numbers follow the core's rule."""
    number = 0
    sections: list[tuple[str | None, tuple[Statement, ...]]] = [(None, program.main)]
    sections += [(p.name, p.body) for p in program.procedures]
    for index, (name, block) in enumerate(sections):
        todo: list[tuple[int, Statement | str]] = []
        if name is not None:
            if index > 1 or program.main:
                yield None, 0, ""
            number += 1
            yield number, 0, f"{label('procedure')[lang]} {_name_text(name)}{COLON[lang]}"
            _push(todo, block, 1, lang)
        elif block or not program.procedures:
            _push(todo, block, 0, lang)
        while todo:
            depth, item = todo.pop()
            if isinstance(item, str):
                yield None, depth, item
                continue
            number += 1
            yield number, depth, _header(item, lang)
            if isinstance(item, If) and item.orelse is not None:
                _push(todo, item.orelse, depth + 1, lang)
                todo.append((depth, _word("else", lang) + COLON[lang]))
            if isinstance(item, Repeat | RepeatUntil | While):
                _push(todo, item.body, depth + 1, lang)
            elif isinstance(item, If):
                _push(todo, item.then, depth + 1, lang)


def _push(
    todo: list[tuple[int, Statement | str]], block: tuple[Statement, ...], depth: int, lang: Lang
) -> None:
    if not block:
        todo.append((depth, _word("nothing", lang)))
    todo.extend((depth, stmt) for stmt in reversed(block))


def _header(stmt: Statement, lang: Lang) -> str:
    colon = COLON[lang]
    if isinstance(stmt, Move):
        return label(stmt.action.value)[lang]
    if isinstance(stmt, Repeat):
        times = plural(stmt.times, _word("time", lang), _word("times", lang), lang)
        return f"{label('repeat')[lang]} {times}{colon}"
    if isinstance(stmt, Call):
        return f"{_word('call', lang)} {_name_text(stmt.name)}"
    kind = "if" if isinstance(stmt, If) else "while" if isinstance(stmt, While) else "repeat_until"
    return f"{label(kind)[lang]} {condition_text(stmt.cond, lang)}{colon}"


def condition_text(cond: Condition, lang: Lang) -> str:
    """``non chemin à gauche``, ``on the colour red``…"""
    prefix = ""
    while isinstance(cond, Not):
        prefix += label("not")[lang] + " "
        cond = cond.cond
    text = label(cond.sensor.value)[lang]
    if cond.color is not None:
        text += " " + label(cond.color.value)[lang]
    return prefix + text


def _name_text(name: str) -> str:
    """Simple names as they are, others in double quotes (JSON string syntax)."""
    if _BARE_NAME.fullmatch(name):
        return name
    quoted = json.dumps(name, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if c in _LINE_BREAKS else c for c in quoted)


# --- parsing -------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: how keywords are compared."""
    text = unicodedata.normalize("NFD", text.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


class _Words:
    """The keywords of one language, folded, from the same labels that :func:`render_text` uses."""

    def __init__(self, lang: Lang) -> None:
        def phrase(text: str) -> tuple[str, ...]:
            return tuple(fold(text).split())

        self.moves = {phrase(label(a)[lang]): a for a in ACTIONS} | {(a,): a for a in ACTIONS}
        self.headers: list[tuple[tuple[str, ...], str]] = sorted(
            [
                *((phrase(label(k)[lang]), k) for k in ("repeat", "repeat_until", "while", "if")),
                (phrase(_word("else", lang)), "else"),
                (phrase(_word("call", lang)), "call"),
                (phrase(label("procedure")[lang]), "procedure"),
            ],
            key=lambda item: -len(item[0]),
        )
        self.nots = {fold(label("not")[lang]), "not"}
        self.nothing = fold(_word("nothing", lang))
        plain = [s for s in SENSORS if s != "on_color"]
        self.sensors = {" ".join(phrase(label(s)[lang])): s for s in plain} | {s: s for s in plain}
        self.on_color = {" ".join(phrase(label("on_color")[lang])), "on_color"}
        if lang == "en":
            self.on_color.add("on the color")
        self.colors = {fold(label(c)[lang]): c for c in COLORS} | {c: c for c in COLORS}
        if lang == "fr":
            self.colors |= {"verte": "green", "bleue": "blue"}
        times = "|".join(re.escape(fold(_word(k, lang))) for k in ("time", "times"))
        self.repeat = re.compile(rf"(\d{{1,6}})\s*(?:{times})?")


_WORDS: dict[Lang, _Words] = {}


def _words(lang: Lang) -> _Words:
    if lang not in _WORDS:
        _WORDS[lang] = _Words(lang)
    return _WORDS[lang]


def parse_text(text: str, lang: Lang | None = None) -> Program:
    """Reads a program written like :func:`render_text` writes it (``lang=None``: either language).

    Raises:
        ProgramError: too large; or :class:`TextError` naming the line and what is wrong.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise ProgramError("program.too_large", size=size, max=MAX_BYTES)
    lines = _clean_lines(text)
    errors: list[TextError] = []
    for candidate in (lang,) if lang is not None else LANGS:
        try:
            return _Parser(_words(candidate)).parse(lines)
        except TextError as err:
            errors.append(err)
    # The language that understood the most: the later line, then a line it could read.
    raise max(errors, key=lambda err: (err.line, err.key != "text.unknown"))


def _clean_lines(text: str) -> list[tuple[int, str]]:
    """Numbered, tab-expanded, right-stripped lines without blanks, comments and number columns."""
    raw = text.removeprefix("\ufeff").splitlines()
    content = [(n, line.expandtabs(4).rstrip()) for n, line in enumerate(raw, 1)]
    content = [(n, line) for n, line in content if line.strip()]
    if content and _NUMBERED.match(content[0][1]):
        content = [(n, _strip_number(line)) for n, line in content]
    return [(n, line) for n, line in content if not line.lstrip().startswith("#")]


def _strip_number(line: str) -> str:
    found = _NUMBERED.match(line)
    return line[found.end() :] if found else line


class _Frame:
    __slots__ = ("depth", "indent", "items", "last")

    def __init__(self, indent: int, items: list[dict[str, Any]], depth: int) -> None:
        self.indent = indent
        self.items = items
        self.depth = depth
        self.last: dict[str, Any] | None = None


class _Parser:
    """One pass over the lines with a stack of open blocks (no recursion, whatever the nesting)."""

    def __init__(self, words: _Words) -> None:
        self.words = words
        self.main: list[dict[str, Any]] = []
        self.procedures: dict[str, list[dict[str, Any]]] = {}
        self.lines: dict[int, int] = {}  # id() of a statement dict -> its line
        self.procedure_lines: dict[str, int] = {}
        self.count = 0

    def parse(self, lines: list[tuple[int, str]]) -> Program:
        base = len(lines[0][1]) - len(lines[0][1].lstrip()) if lines else 0
        stack = [_Frame(base, self.main, 1)]
        pending: tuple[list[dict[str, Any]], int] | None = None  # a body waiting for its lines
        for number, line in lines:
            indent = len(line) - len(line.lstrip())
            if pending is not None and indent > stack[-1].indent:
                if pending[1] > MAX_DEPTH:
                    raise TextError("program.too_deep", line=number, max=MAX_DEPTH)
                stack.append(_Frame(indent, *pending))
            elif indent > stack[-1].indent:
                raise TextError("text.unexpected_indent", line=number)
            pending = None
            while len(stack) > 1 and indent < stack[-1].indent:
                stack.pop()
            if indent != stack[-1].indent:
                raise TextError("text.bad_indent", line=number)
            pending = self.line(line.strip(), number, stack)
        return self.build()

    def line(self, text: str, number: int, stack: list[_Frame]) -> tuple[list[Any], int] | None:
        """Adds one line to the innermost open block; returns the body it opens, if any."""
        frame = stack[-1]
        stripped = re.sub(r"\s*:$", "", text)
        spans = list(re.finditer(r"\S+", stripped))
        folded = tuple(fold(m.group()) for m in spans)
        if " ".join(folded) == self.words.nothing:
            return None
        if folded in self.words.moves:
            return self.add(frame, {"block": self.words.moves[folded]}, number, None)
        for keyword, kind in self.words.headers:
            if folded[: len(keyword)] == keyword:
                rest = stripped[spans[len(keyword) - 1].end() :].strip()
                if kind == "else" and rest:  # "sinon si …" is not a block
                    break
                return self.header(kind, rest, number, stack)
        raise TextError("text.unknown", line=number, got=text[:60])

    def header(
        self, kind: str, rest: str, number: int, stack: list[_Frame]
    ) -> tuple[list[Any], int] | None:
        frame = stack[-1]
        if kind == "else":
            stmt = frame.last
            if stmt is None or stmt.get("block") != "if" or "else" in stmt:
                raise TextError("text.else_without_if", line=number)
            stmt["else"] = []
            return stmt["else"], frame.depth + 1
        if kind == "procedure":
            if len(stack) > 1:
                raise TextError("text.nested_procedure", line=number)
            name = self.name(rest, number)
            if name in self.procedures:
                raise TextError("procedure.duplicate", line=number, name=name[:60])
            self.counted(number)
            self.procedures[name] = []
            self.procedure_lines[name] = number
            frame.last = None
            return self.procedures[name], 1
        if kind == "call":
            return self.add(frame, {"block": "call", "name": self.name(rest, number)}, number, None)
        if kind == "repeat":
            found = self.words.repeat.fullmatch(fold(rest))
            if not found:
                raise TextError("repeat.not_int", line=number, got=rest[:30])
            stmt = {"block": "repeat", "times": int(found.group(1)), "body": []}
            return self.add(frame, stmt, number, "body")
        stmt = {"block": kind, "cond": self.condition(rest, number)}
        stmt["then" if kind == "if" else "body"] = []
        return self.add(frame, stmt, number, "then" if kind == "if" else "body")

    def add(
        self, frame: _Frame, stmt: dict[str, Any], number: int, body: str | None
    ) -> tuple[list[Any], int] | None:
        self.counted(number)
        frame.items.append(stmt)
        frame.last = stmt
        self.lines[id(stmt)] = number
        return None if body is None else (stmt[body], frame.depth + 1)

    def counted(self, number: int) -> None:
        """Counts one block (statements and procedure definitions, like the core)."""
        self.count += 1
        if self.count > MAX_STATEMENTS:
            raise TextError("program.too_many", line=number, max=MAX_STATEMENTS)

    def condition(self, rest: str, number: int) -> dict[str, Any]:
        words = fold(rest).split()
        nots = 0
        while words and words[0] in self.words.nots:
            nots += 1
            words = words[1:]
        if nots > MAX_DEPTH:
            raise TextError("program.too_deep", line=number, max=MAX_DEPTH)
        phrase = " ".join(words)
        cond: dict[str, Any]
        if phrase in self.words.sensors:
            cond = {"sensor": self.words.sensors[phrase]}
        elif (
            words and " ".join(words[:-1]) in self.words.on_color and words[-1] in self.words.colors
        ):
            cond = {"sensor": "on_color", "color": self.words.colors[words[-1]]}
        else:
            raise TextError("text.bad_condition", line=number, got=rest[:60])
        for _ in range(nots):
            cond = {"not": cond}
        return cond

    def name(self, rest: str, number: int) -> str:
        if rest.startswith('"'):
            try:
                name = json.loads(rest)
            except ValueError:
                name = None
            if isinstance(name, str):
                return name
        elif _BARE_NAME.fullmatch(rest):
            return rest
        raise TextError("program.bad_name", line=number, name=rest[:60], max=MAX_NAME_LENGTH)

    def build(self) -> Program:
        self.resolve_calls()
        data = {"format": FORMAT, "main": self.main, "procedures": self.procedures}
        try:
            return parse_program(data)
        except ProgramError as err:
            raise TextError(err.key, line=self.line_of(err.at, data), **err.params) from None

    def resolve_calls(self) -> None:
        """``appeler Zig`` calls ``zig`` when exactly one procedure has that name up to case/accents."""
        by_fold: dict[str, list[str]] = {}
        for name in self.procedures:
            by_fold.setdefault(fold(name), []).append(name)
        todo: list[list[dict[str, Any]]] = [self.main, *self.procedures.values()]
        while todo:
            for stmt in todo.pop():
                if stmt["block"] == "call" and stmt["name"] not in self.procedures:
                    matches = by_fold.get(fold(stmt["name"]), [])
                    if len(matches) == 1:
                        stmt["name"] = matches[0]
                todo += [stmt[k] for k in ("body", "then", "else") if k in stmt]

    def line_of(self, at: tuple[str | int, ...], data: Mapping[str, Any]) -> int:
        """The line of the deepest statement on the core's error path ``at``."""
        line = 1
        if len(at) >= 2 and at[0] == "procedures":
            line = self.procedure_lines.get(str(at[1]), line)
        node: Any = data
        for key in at:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
            line = self.lines.get(id(node), line)
        return line
