"""The level editor's draft: a challenge being drawn in the facilitator's page.

The page sends its draft as JSON (:func:`draft_from_json`); the server turns it into the text
of a challenge file (:mod:`robolab.server.editor_yaml`) and checks that text with the same code
as ``robolab check``. Opening a file goes the other way (:func:`draft_to_json`).

Only the shape is checked here (types, sizes, map characters: nothing may break the YAML);
every rule of the format (ranges, goals on the map, solvable, 3 stars...) is left to the loader
and the checker, so their messages and line numbers are the ones authors see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from robolab.blockly import program_to_workspace
from robolab.challenge import DEFAULT_MAX_TICKS, Challenge
from robolab.errors import ProgramError
from robolab.grid import LEGEND, MAX_SIDE
from robolab.i18n import LANGS
from robolab.program import Program
from robolab.program_loader import parse_program
from robolab.server.http import ApiError
from robolab.server.texts import both
from robolab.vocabulary import SENSORS, STATEMENT_BLOCKS, Goal, Heading

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
MAX_PACK_ID = 40
MAX_NAME = 50
MAX_TEXT = 4000  # the loader refuses more than 2,000 with its own message
MAX_HINTS = 30
MAX_VARIANTS = 30
MAX_CONCEPTS = 60
MAX_WORD = 60
MAX_INT = 10**9
PLACEHOLDER_ID = "brouillon/niveau"
GOALS: tuple[str, ...] = tuple(g.value for g in Goal)
HEADINGS: tuple[str, ...] = tuple(h.label for h in Heading)


@dataclass(frozen=True)
class MapDraft:
    """One map: its rows, and its start heading (``None`` on a variant: the main map's)."""

    rows: tuple[str, ...]
    heading: Heading | None = None


@dataclass(frozen=True)
class Draft:
    """A challenge being edited; the texts are ``{lang: text}`` with only non-empty languages."""

    id: str
    title: dict[str, str]
    main: MapDraft
    goals: tuple[str, ...]
    blocks: tuple[str, ...]
    story: dict[str, str] = field(default_factory=dict)
    tier: int = 1
    concepts: tuple[str, ...] = ()
    variants: tuple[MapDraft, ...] = ()
    sensors: tuple[str, ...] = ()
    max_blocks: int | None = None
    max_ticks: int | None = None
    par_blocks: int | None = None
    par_steps: int | None = None
    solution: Program | None = None
    hints: tuple[dict[str, str], ...] = ()
    solution_error: ProgramError | None = field(default=None, compare=False)

    @property
    def maps(self) -> tuple[MapDraft, ...]:
        return (self.main, *self.variants)

    @property
    def heading(self) -> Heading:
        return Heading.EAST if self.main.heading is None else self.main.heading  # NORTH is 0


def valid_name(value: Any, *, longest: int = MAX_NAME) -> bool:
    """A pack id or a challenge's file name: lowercase letters, digits and '-' (FORMATS ids)."""
    return isinstance(value, str) and len(value) <= longest and NAME_RE.fullmatch(value) is not None


def _want(key: str) -> dict[str, str]:
    return both(key)


def _bad(name: str, want: str) -> ApiError:
    return ApiError(400, "api.bad_field", field=name, want=_want(want))


def _text(value: Any, name: str) -> dict[str, str]:
    """``{"fr": "...", "en": "..."}`` (or one string for both), stripped, empty ones dropped."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {"fr": value}
    if not isinstance(value, Mapping):
        raise _bad(name, "editor.want_texts")
    out: dict[str, str] = {}
    for lang in LANGS:
        words = value.get(lang)
        if words is None:
            continue
        if not isinstance(words, str) or len(words) > MAX_TEXT:
            raise _bad(f"{name}.{lang}", "editor.want_texts")
        try:
            words.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(400, "api.not_utf8") from None
        words = words.strip()
        if words:
            out[lang] = words
    return out


def _int(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT:
        raise _bad(name, "editor.want_number")
    return value


def _names(value: Any, name: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """Known names, in the vocabulary's order (the file lists them as the format does)."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 4 * len(known):
        raise _bad(name, "editor.want_names")
    for item in value:
        if item not in known:
            raise ApiError(400, "editor.unknown_name", field=name, name=str(item)[:40])
    return tuple(n for n in known if n in value)


def _heading(value: Any, name: str, *, optional: bool) -> Heading | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in HEADINGS:
        raise _bad(name, "editor.want_heading")
    return Heading.parse(value)


def _map(value: Any, name: str, *, optional_heading: bool) -> MapDraft:
    if not isinstance(value, Mapping):
        raise _bad(name, "api.want_object")
    rows = value.get("rows")
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_SIDE:
        raise ApiError(400, "editor.bad_rows", field=f"{name}.rows", max=MAX_SIDE)
    for y, row in enumerate(rows):
        if not isinstance(row, str) or not 1 <= len(row) <= MAX_SIDE:
            raise ApiError(400, "editor.bad_rows", field=f"{name}.rows", max=MAX_SIDE)
        for x, ch in enumerate(row):
            if ch not in LEGEND:
                raise ApiError(400, "editor.bad_cell", x=x, y=y, char=repr(ch)[:12])
    heading = _heading(value.get("heading"), f"{name}.heading", optional=optional_heading)
    return MapDraft(tuple(rows), heading)


def _solution(value: Any) -> tuple[Program | None, ProgramError | None]:
    """The reference solution (a Blockly workspace or FORMATS data); a broken one is kept as
    its error so that the page can point at the block."""
    if value is None:
        return None, None
    if not isinstance(value, dict | list):
        raise _bad("solution", "api.want_program")
    try:
        return parse_program(value), None
    except ProgramError as err:
        return None, err
    except (RecursionError, MemoryError):
        raise ApiError(400, "api.too_deep") from None


def draft_from_json(data: Any, ident: str = PLACEHOLDER_ID) -> Draft:
    """The draft sent by the page.

    Raises:
        ApiError: 400 when a field has the wrong shape (never for a rule of the format: those
            are the loader's and the checker's problems, reported with their messages).
    """
    if not isinstance(data, Mapping):
        raise _bad("draft", "api.want_object")
    variants_raw = data.get("variants") or []
    if not isinstance(variants_raw, list) or len(variants_raw) > MAX_VARIANTS:
        raise ApiError(400, "api.too_many", field="variants", max=MAX_VARIANTS)
    hints_raw = data.get("hints") or []
    if not isinstance(hints_raw, list) or len(hints_raw) > MAX_HINTS:
        raise ApiError(400, "api.too_many", field="hints", max=MAX_HINTS)
    concepts_raw = data.get("concepts") or []
    if not isinstance(concepts_raw, list) or len(concepts_raw) > MAX_CONCEPTS:
        raise ApiError(400, "api.too_many", field="concepts", max=MAX_CONCEPTS)
    concepts: list[str] = []
    for word in concepts_raw:
        if not isinstance(word, str) or len(word) > MAX_WORD:
            raise _bad("concepts", "editor.want_names")
        word = " ".join(word.split())
        if word and word not in concepts:
            concepts.append(word)
    par = data.get("par") or {}
    if not isinstance(par, Mapping):
        raise _bad("par", "api.want_object")
    solution, solution_error = _solution(data.get("solution"))
    hints = tuple(h for i, item in enumerate(hints_raw) if (h := _text(item, f"hints[{i}]")))
    tier = _int(data.get("tier"), "tier")
    return Draft(
        id=ident,
        title=_text(data.get("title"), "title"),
        story=_text(data.get("story"), "story"),
        tier=1 if tier is None else tier,
        concepts=tuple(concepts),
        main=_map(data.get("map"), "map", optional_heading=False),
        variants=tuple(
            _map(v, f"variants[{i}]", optional_heading=True) for i, v in enumerate(variants_raw)
        ),
        goals=_names(data.get("goals"), "goals", GOALS),
        blocks=_names(data.get("blocks"), "blocks", STATEMENT_BLOCKS),
        sensors=_names(data.get("sensors"), "sensors", SENSORS),
        max_blocks=_int(data.get("max_blocks"), "max_blocks"),
        max_ticks=_int(data.get("max_ticks"), "max_ticks"),
        par_blocks=_int(par.get("blocks"), "par.blocks"),
        par_steps=_int(par.get("steps"), "par.steps") if par.get("steps") != "auto" else None,
        solution=solution,
        hints=hints,
        solution_error=solution_error,
    )


def draft_from_challenge(challenge: Challenge) -> Draft:
    """The draft of a loaded challenge (to edit a file)."""
    main_heading = challenge.board.heading
    return Draft(
        id=challenge.id,
        title=dict(challenge.title),
        story=dict(challenge.story),
        tier=challenge.tier,
        concepts=challenge.concepts,
        main=MapDraft(challenge.board.grid.rows, main_heading),
        variants=tuple(
            MapDraft(b.grid.rows, None if b.heading == main_heading else b.heading)
            for b in challenge.variants
        ),
        goals=tuple(g for g in GOALS if Goal(g) in challenge.goals),
        blocks=tuple(b for b in STATEMENT_BLOCKS if b in challenge.blocks),
        sensors=tuple(s for s in SENSORS if s in challenge.sensors),
        max_blocks=challenge.max_blocks,
        max_ticks=None if challenge.max_ticks == DEFAULT_MAX_TICKS else challenge.max_ticks,
        par_blocks=challenge.par_blocks_given,
        par_steps=challenge.par_steps_given,
        solution=challenge.solution,
        hints=tuple(dict(h) for h in challenge.hints),
    )


def _map_json(m: MapDraft) -> dict[str, Any]:
    return {"rows": list(m.rows), "heading": None if m.heading is None else m.heading.label}


def draft_to_json(draft: Draft) -> dict[str, Any]:
    """The draft as the page edits it; the solution is a Blockly workspace."""
    return {
        "title": dict(draft.title),
        "story": dict(draft.story),
        "tier": draft.tier,
        "concepts": list(draft.concepts),
        "map": _map_json(draft.main),
        "variants": [_map_json(v) for v in draft.variants],
        "goals": list(draft.goals),
        "blocks": list(draft.blocks),
        "sensors": list(draft.sensors),
        "max_blocks": draft.max_blocks,
        "max_ticks": draft.max_ticks,
        "par": {"blocks": draft.par_blocks, "steps": draft.par_steps},
        "solution": program_to_workspace(draft.solution) if draft.solution else None,
        "hints": [dict(h) for h in draft.hints],
    }
