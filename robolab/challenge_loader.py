"""Reading challenge files (FORMATS §1) with every problem reported as ``FILE:LINE: message``."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml

from robolab.board import Board
from robolab.challenge import DEFAULT_MAX_TICKS, FORMAT, Challenge
from robolab.errors import ChallengeError, ProblemList, ProgramError
from robolab.grid import Grid, MapError, parse_map
from robolab.i18n import LANGS, Text
from robolab.program import Program
from robolab.program_loader import MAX_STATEMENTS, parse_program
from robolab.vocabulary import SENSORS, STATEMENT_BLOCKS, Goal, Heading
from robolab.yaml_lines import line_index, nearest_line

MAX_FILE_BYTES = 256 * 1024
MAX_TEXT = 2000
MAX_TICKS_LIMIT = 1_000_000
MAX_VARIANTS = 20
MAX_HINTS = 20
MAX_TIER = 6
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+\Z")

_KEYS = frozenset(
    {
        "format", "id", "title", "story", "tier", "concepts", "map", "start", "goal", "blocks",
        "sensors", "max_blocks", "max_ticks", "par", "solution", "variants", "hints",
    }
)  # fmt: skip
_REQUIRED = ("format", "id", "title", "tier", "map", "goal", "blocks", "solution")

T = TypeVar("T")
At = tuple[str | int, ...]


def load_challenge(path: str | Path) -> Challenge:
    """Loads one challenge file.

    Raises:
        ProblemList: every problem found, each as a located error (``FILE:LINE: message``).
    """
    challenge, problems = read_challenge(path)
    if problems or challenge is None:
        raise ProblemList(problems)
    return challenge


def read_challenge(path: str | Path) -> tuple[Challenge | None, list[ChallengeError]]:
    """Loads a challenge file and returns it (``None`` if unusable) with every problem found."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            ChallengeError("file.unreadable", file=str(path), reason=exc.strerror or str(exc))
        ]
    return parse_challenge_text(raw, name=str(path), path=path)


def parse_challenge_text(
    raw: bytes | str, *, name: str = "<challenge>", path: Path | None = None
) -> tuple[Challenge | None, list[ChallengeError]]:
    """Parses the text of a challenge file; see :func:`read_challenge`."""
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    if size > MAX_FILE_BYTES:
        return None, [
            ChallengeError("challenge.too_large", file=name, size=size, max=MAX_FILE_BYTES)
        ]
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        return None, [ChallengeError("file.not_utf8", file=name)]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [ChallengeError("challenge.bad_yaml", file=name, line=line, reason=reason)]
    except RecursionError:
        return None, [ChallengeError("challenge.too_deep", file=name)]
    reader = _Reader(name, line_index(text))
    challenge = reader.read(data, path)
    problems = sorted(reader.problems, key=lambda p: p.line or 0)
    return challenge, problems


class _Reader:
    """Validates decoded data field by field, collecting problems instead of stopping at the first."""

    def __init__(self, name: str, lines: dict[At, int]) -> None:
        self.name = name
        self.lines = lines
        self.problems: list[ChallengeError] = []

    def problem(self, code: str, at: At = (), line: int | None = None, **params: Any) -> None:
        if line is None:
            line = nearest_line(self.lines, at) if at else None
        self.problems.append(ChallengeError(code, file=self.name, line=line, **params))

    def read(self, data: Any, path: Path | None) -> Challenge | None:
        if not isinstance(data, Mapping):
            self.problem("challenge.not_mapping", line=1)
            return None
        for key in sorted(str(k) for k in data if k not in _KEYS):
            self.problem(
                "challenge.unknown_key", (key,), key=key[:60], known=", ".join(sorted(_KEYS))
            )
        for key in _REQUIRED:
            if data.get(key) is None:
                self.problem("challenge.missing", field=key)
        if data.get("format", FORMAT) != FORMAT:
            self.problem(
                "challenge.bad_format", ("format",), got=str(data["format"])[:60], want=FORMAT
            )
        ident = self.field(data, "id", self.ident) or ""
        title: Text = self.field(data, "title", self.text) or {}
        story: Text = self.field(data, "story", self.text) or {}
        tier = self.field(data, "tier", self.tier) or 1
        concepts = self.field(data, "concepts", self.words) or ()
        heading = self.heading(data.get("start"), ("start",), Heading.EAST)
        grid = self.field(data, "map", self.grid)
        goals = self.field(data, "goal", self.goals) or frozenset()
        blocks = self.field(data, "blocks", self.block_names) or ()
        sensors = self.field(data, "sensors", self.sensor_names) or ()
        max_blocks = self.field(data, "max_blocks", self.block_budget)
        max_ticks = self.field(data, "max_ticks", self.tick_budget) or DEFAULT_MAX_TICKS
        par_blocks, par_steps = self.par(data.get("par"))
        solution = self.field(data, "solution", self.program)
        variants = self.field(data, "variants", lambda v, at: self.variants(v, at, heading)) or []
        hints = self.field(data, "hints", self.hints) or []
        if grid is None or solution is None or not goals or not blocks or not ident:
            return None
        self.map_rules(grid, goals, ("map",))
        for i, board in enumerate(variants):
            self.map_rules(board.grid, goals, ("variants", i, "map"))
        return Challenge(
            id=ident,
            title=title,
            story=story,
            tier=tier,
            concepts=tuple(concepts),
            board=Board(grid, heading),
            goals=goals,
            blocks=frozenset(blocks),
            sensors=frozenset(sensors),
            max_blocks=max_blocks,
            max_ticks=max_ticks,
            par_blocks_given=par_blocks,
            par_steps_given=par_steps,
            solution=solution,
            variants=tuple(variants),
            hints=tuple(hints),
            path=path,
            map_text=data["map"] if isinstance(data.get("map"), str) else "",
            lines=self.lines,
        )

    # -- field readers: each returns None after recording a problem -------------------------------

    def field(
        self, data: Mapping[str, Any], key: str, read: Callable[[Any, At], T | None]
    ) -> T | None:
        """``read(value)`` when the field is present, else ``None``."""
        value = data.get(key)
        return None if value is None else read(value, (key,))

    def ident(self, value: Any, at: At) -> str | None:
        if not isinstance(value, str) or len(value) > 100 or not ID_RE.match(value):
            self.problem("challenge.bad_id", at, got=str(value)[:100])
            return None
        return value

    def text(self, value: Any, at: At) -> Text | None:
        if isinstance(value, str):
            value = {lang: value for lang in LANGS}
        if not isinstance(value, Mapping) or not value:
            self.problem("challenge.bad_text", at, field=at[-1])
            return None
        out = {}
        for lang, words in value.items():
            if lang not in LANGS:
                self.problem(
                    "challenge.bad_lang", (*at, str(lang)), lang=str(lang)[:20], field=at[-1]
                )
            elif not isinstance(words, str) or not words.strip() or len(words) > MAX_TEXT:
                self.problem("challenge.bad_text", (*at, lang), field=f"{at[-1]}.{lang}")
            else:
                out[lang] = words.strip()
        return out or None

    def tier(self, value: Any, at: At) -> int | None:
        return self.integer(value, at, 1, MAX_TIER)

    def integer(self, value: Any, at: At, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(
                "challenge.bad_int", at, field=at[-1], low=low, high=high, got=str(value)[:30]
            )
            return None
        return value

    def block_names(self, value: Any, at: At) -> tuple[str, ...] | None:
        return self.names(value, at, STATEMENT_BLOCKS, "block")

    def sensor_names(self, value: Any, at: At) -> tuple[str, ...] | None:
        return self.names(value, at, SENSORS, "sensor")

    def block_budget(self, value: Any, at: At) -> int | None:
        return self.integer(value, at, 1, MAX_STATEMENTS)

    def tick_budget(self, value: Any, at: At) -> int | None:
        return self.integer(value, at, 1, MAX_TICKS_LIMIT)

    def words(self, value: Any, at: At) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not all(
            isinstance(w, str) and len(w) <= 40 for w in value
        ):
            self.problem("challenge.bad_words", at, field=at[-1])
            return None
        return tuple(value[:50])

    def names(
        self, value: Any, at: At, known: tuple[str, ...], what: str
    ) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem("challenge.bad_list", at, field=at[-1])
            return None
        out = []
        for i, name in enumerate(value[: len(known) * 4]):
            if isinstance(name, str) and name in known:
                out.append(name)
            else:
                self.problem(
                    f"challenge.unknown_{what}",
                    (*at, i),
                    name=str(name)[:60],
                    known=", ".join(known),
                )
        return tuple(dict.fromkeys(out))

    def heading(self, value: Any, at: At, default: Heading) -> Heading:
        if value is None:
            return default
        name = value.get("heading") if isinstance(value, Mapping) else None
        if isinstance(value, Mapping) and name is None and not (set(value) - {"heading"}):
            return default
        try:
            if (
                not isinstance(value, Mapping)
                or set(value) - {"heading"}
                or not isinstance(name, str)
            ):
                raise KeyError(name)
            return Heading.parse(name)
        except KeyError:
            self.problem("challenge.bad_heading", (*at, "heading"), got=str(name)[:30])
            return default

    def grid(self, value: Any, at: At) -> Grid | None:
        if not isinstance(value, str):
            self.problem("challenge.bad_map", at)
            return None
        try:
            return parse_map(value)
        except MapError as err:
            first = nearest_line(self.lines, at)
            line = first + err.row if first is not None and err.row is not None else first
            self.problems.append(ChallengeError(err.key, file=self.name, line=line, **err.params))
            return None

    def goals(self, value: Any, at: At) -> frozenset[Goal] | None:
        names = self.names(value, at, tuple(g.value for g in Goal), "goal")
        if not names:
            if names is not None:
                self.problem("challenge.no_goal", at)
            return None
        return frozenset(Goal(n) for n in names)

    def par(self, value: Any) -> tuple[int | None, int | None]:
        if value is None:
            return None, None
        if not isinstance(value, Mapping) or set(value) - {"blocks", "steps"}:
            self.problem("challenge.bad_par", ("par",))
            return None, None
        blocks = value.get("blocks")
        steps = value.get("steps", "auto")
        par_blocks = (
            None if blocks is None else self.integer(blocks, ("par", "blocks"), 1, MAX_STATEMENTS)
        )
        par_steps = None
        if steps not in ("auto", None):
            par_steps = self.integer(steps, ("par", "steps"), 1, MAX_TICKS_LIMIT)
        return par_blocks, par_steps

    def program(self, value: Any, at: At) -> Program | None:
        try:
            return parse_program(value)
        except ProgramError as err:
            where = (*at, *err.at[1:]) if err.at[:1] == ("main",) else (*at, *err.at)
            text = {lang: err.message(lang) for lang in LANGS}
            self.problem("challenge.bad_solution", where, text=text)
            return None

    def variants(self, value: Any, at: At, heading: Heading) -> list[Board] | None:
        if not isinstance(value, list) or len(value) > MAX_VARIANTS:
            self.problem("challenge.bad_variants", at, max=MAX_VARIANTS)
            return None
        boards = []
        for i, item in enumerate(value):
            here = (*at, i)
            if not isinstance(item, Mapping) or "map" not in item or set(item) - {"map", "start"}:
                self.problem("challenge.bad_variant", here)
                continue
            grid = self.grid(item["map"], (*here, "map"))
            start = self.heading(item.get("start"), (*here, "start"), heading)
            if grid is not None:
                boards.append(Board(grid, start))
        return boards

    def hints(self, value: Any, at: At) -> list[Text] | None:
        if not isinstance(value, list) or len(value) > MAX_HINTS:
            self.problem("challenge.bad_hints", at, max=MAX_HINTS)
            return None
        out = []
        for i, item in enumerate(value):
            text = self.text(item, (*at, i))
            if text:
                out.append(text)
        return out

    def map_rules(self, grid: Grid, goals: frozenset[Goal], at: At) -> None:
        if Goal.REACH in goals and not grid.goals:
            self.problem("map.no_goal", at)
        if Goal.COLLECT_ALL in goals and not grid.gems:
            self.problem("map.no_gems", at)
