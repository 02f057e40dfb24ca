"""The level editor's file writer: what it writes loads back to the same challenge, reads like the
bundled packs, and nothing an author types can add a key to the file."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab import load_challenge
from robolab.challenge import Challenge
from robolab.challenge_loader import parse_challenge_text
from robolab.checker import check_challenge
from robolab.pack import bundled_packs_root, load_packs
from robolab.program_loader import parse_program
from robolab.server.editor_model import Draft, MapDraft, draft_from_challenge
from robolab.server.editor_yaml import challenge_yaml, program_data, quoted, scalar
from robolab.vocabulary import SENSORS, STATEMENT_BLOCKS, Heading
from tests.strategies import programs

TRICKY_WORDS = [
    "yes", "No", "on", "null", "~", "12", "1.5", "0x1f", "1e3", "a: b", "#x", "-x", "[x]",
    "{x}", "é", "x y", "'q'", '"q"', "a,b", "*ref", "&anchor", "!tag", "%x", "@x", "`x`",
    "a #b", "trailing ", " leading", "line\nbreak", "tab\tin", "\u2028", "…", "🙂",
]  # fmt: skip


@pytest.mark.parametrize("word", TRICKY_WORDS)
def test_scalars_and_quoted_texts_read_back_unchanged(word: str) -> None:
    assert yaml.safe_load(f"k: {scalar(word)}") == {"k": word}
    assert yaml.safe_load(f"k: {quoted(word)}") == {"k": word}
    assert yaml.safe_load(f"k: [{scalar(word)}, x]") == {"k": [word, "x"]}
    assert "\n" not in quoted(word)


def test_plain_words_stay_plain() -> None:
    assert scalar("loops/zigzag") == "loops/zigzag"
    assert scalar("robolab/program@1") == "robolab/program@1"
    assert scalar("yes") == '"yes"'


def corridor(title: dict[str, str] | None = None, **changes: Any) -> Draft:
    base = Draft(
        id="mine/corridor",
        title=title if title is not None else {"fr": "Le couloir", "en": "The corridor"},
        story={"fr": "Va au drapeau.", "en": "Go to the flag."},
        main=MapDraft(("S...G",), Heading.EAST),
        goals=("reach",),
        blocks=("move_forward", "repeat"),
        solution=parse_program(
            [{"block": "repeat", "times": 4, "body": [{"block": "move_forward"}]}]
        ),
    )
    return replace(base, **changes)


def test_a_texts_injection_stays_one_text() -> None:
    evil = 'x"\nid: evil/id\nblocks: [call]\n#'
    draft = corridor({"fr": evil, "en": "ok"}, hints=({"fr": evil},), concepts=(evil,))
    text = challenge_yaml(draft)
    data = yaml.safe_load(text)
    assert data["id"] == "mine/corridor"
    assert data["blocks"] == ["move_forward", "repeat"]
    challenge, problems = parse_challenge_text(text)
    assert problems == []
    assert challenge is not None
    assert challenge.title["fr"] == evil.strip()
    assert challenge.hints[0]["fr"] == evil.strip()
    assert challenge.concepts == (evil,)


def test_map_rows_can_only_hold_map_characters() -> None:
    with pytest.raises(ValueError):
        challenge_yaml(corridor(main=MapDraft(("S..G", "x: 1"), Heading.EAST)))


def test_the_file_reads_like_the_bundled_packs() -> None:
    text = challenge_yaml(corridor())
    assert text == (
        "format: robolab/challenge@1\n"
        "id: mine/corridor\n"
        'title: {fr: "Le couloir", en: "The corridor"}\n'
        "story:\n"
        '  fr: "Va au drapeau."\n'
        '  en: "Go to the flag."\n'
        "tier: 1\n"
        "map: |\n"
        "  S...G\n"
        "start: {heading: east}\n"
        "goal: [reach]\n"
        "blocks: [move_forward, repeat]\n"
        "solution:\n"
        "  - block: repeat\n"
        "    times: 4\n"
        "    body:\n"
        "      - {block: move_forward}\n"
    )


def test_procedures_conditions_variants_and_hints_are_written_in_block_style() -> None:
    solution = parse_program(
        {
            "main": [
                {"block": "call", "name": "mon motif"},
                {"block": "if", "cond": {"not": {"sensor": "path_ahead"}}, "then": [], "else": []},
            ],
            "procedures": {
                "mon motif": [
                    {"block": "while", "cond": {"sensor": "on_color", "color": "red"}, "body": []}
                ]
            },
        }
    )
    draft = corridor(
        solution=solution,
        blocks=("move_forward", "while", "if", "call"),
        sensors=("path_ahead", "on_color"),
        variants=(MapDraft(("G...S",), Heading.WEST), MapDraft(("S.G",), None)),
        hints=({"fr": "Un", "en": "One"}, {"fr": "Deux"}),
        max_blocks=6,
        max_ticks=500,
        par_blocks=5,
        par_steps=4,
        concepts=("procedures", "yes"),
    )
    text = challenge_yaml(draft)
    assert '  procedures:\n    "mon motif":\n      - block: while\n' in text
    assert "        cond: {sensor: on_color, color: red}\n        body: []\n" in text
    assert "      cond: {not: {sensor: path_ahead}}\n      then: []\n      else: []\n" in text
    assert '    - {block: call, name: "mon motif"}\n' in text
    assert (
        "variants:\n  - map: |\n      G...S\n    start: {heading: west}\n  - map: |\n      S.G\nhints:"
        in text
    )
    assert 'hints:\n  - fr: "Un"\n    en: "One"\n  - fr: "Deux"\n' in text
    assert "par: {blocks: 5, steps: 4}\n" in text
    assert 'concepts: [procedures, "yes"]\n' in text
    challenge, problems = parse_challenge_text(text)
    assert problems == [] and challenge is not None
    assert fields(challenge) == draft_fields(draft)


# --- round trip --------------------------------------------------------------------------------


def fields(c: Challenge) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": dict(c.title),
        "story": dict(c.story),
        "tier": c.tier,
        "concepts": tuple(c.concepts),
        "boards": [(b.grid.rows, b.heading) for b in c.boards],
        "goals": sorted(g.value for g in c.goals),
        "blocks": sorted(c.blocks),
        "sensors": sorted(c.sensors),
        "max_blocks": c.max_blocks,
        "max_ticks": c.max_ticks,
        "par": (c.par_blocks_given, c.par_steps_given),
        "solution": program_data(c.solution),
        "hints": [dict(h) for h in c.hints],
    }


def draft_fields(d: Draft) -> dict[str, Any]:
    assert d.solution is not None
    return {
        "id": d.id,
        "title": d.title,
        "story": d.story,
        "tier": d.tier,
        "concepts": d.concepts,
        "boards": [(m.rows, d.heading if m.heading is None else m.heading) for m in d.maps],
        "goals": sorted(d.goals),
        "blocks": sorted(d.blocks),
        "sensors": sorted(d.sensors),
        "max_blocks": d.max_blocks,
        "max_ticks": d.max_ticks if d.max_ticks is not None else 10_000,
        "par": (d.par_blocks, d.par_steps),
        "solution": program_data(d.solution),
        "hints": list(d.hints),
    }


NAMES = ["mon motif", "yes", "12", "a: b", "zig", "é-tape", "#1", "x,y"]
words = st.text(min_size=1, max_size=40).map(str.strip).filter(bool)
texts = st.dictionaries(st.sampled_from(["fr", "en"]), words, min_size=1)
optional_texts = st.dictionaries(st.sampled_from(["fr", "en"]), words)


@st.composite
def grids(draw: st.DrawFn) -> tuple[str, ...]:
    """A map with one start, at least one goal and at most 16 gems."""
    width, height = draw(st.integers(2, 12)), draw(st.integers(1, 8))
    cells = [
        [draw(st.sampled_from(list("....#~*rgbyG"))) for _ in range(width)] for _ in range(height)
    ]
    sx, sy = draw(st.integers(0, width - 1)), draw(st.integers(0, height - 1))
    cells[sy][sx] = "S"
    cells[sy][(sx + 1) % width] = "G"
    rows = ["".join(r) for r in cells]
    gems = 0
    for y, row in enumerate(rows):  # at most 16 gems
        keep = []
        for ch in row:
            gems += ch == "*"
            keep.append("." if ch == "*" and gems > 16 else ch)
        rows[y] = "".join(keep)
    return tuple(rows)


def rename(data: Any, names: dict[str, str]) -> Any:
    if isinstance(data, list):
        return [rename(x, names) for x in data]
    if isinstance(data, dict):
        out = {k: rename(v, names) for k, v in data.items()}
        if out.get("block") == "call":
            out["name"] = names[out["name"]]
        if "procedures" in out:
            out["procedures"] = {names[k]: v for k, v in out["procedures"].items()}
        return out
    return data


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    maps = [draw(grids()) for _ in range(draw(st.integers(1, 3)))]
    goals = ["reach"]
    if all("*" in "".join(m) for m in maps) and draw(st.booleans()):
        goals.append("collect_all")
    tricky = dict(zip(["zig", "zag", "turn", "go"], draw(st.permutations(NAMES))[:4], strict=True))
    solution = parse_program(rename(draw(programs(max_depth=2)), tricky))
    optional_int = lambda low, high: st.none() | st.integers(low, high)  # noqa: E731
    return Draft(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}/[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)),
        title=draw(texts),
        story=draw(optional_texts),
        tier=draw(st.integers(1, 6)),
        concepts=tuple(
            dict.fromkeys(
                " ".join(w.split()) for w in draw(st.lists(words, max_size=4)) if len(w) <= 40
            )
        ),
        main=MapDraft(maps[0], draw(st.sampled_from(list(Heading)))),
        variants=tuple(
            MapDraft(m, draw(st.none() | st.sampled_from(list(Heading)))) for m in maps[1:]
        ),
        goals=tuple(goals),
        blocks=tuple(draw(st.lists(st.sampled_from(STATEMENT_BLOCKS), min_size=1, unique=True))),
        sensors=tuple(draw(st.lists(st.sampled_from(SENSORS), unique=True))),
        max_blocks=draw(optional_int(1, 1000)),
        max_ticks=draw(optional_int(1, 1_000_000)),
        par_blocks=draw(optional_int(1, 1000)),
        par_steps=draw(optional_int(1, 1_000_000)),
        solution=solution,
        hints=tuple(draw(st.lists(texts, max_size=3))),
    )


@given(drafts())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_written_file_loads_back_to_an_equal_challenge(draft: Draft) -> None:
    text = challenge_yaml(draft)
    assert "\nmap: |\n" in text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "level.yaml"
        path.write_text(text, encoding="utf-8")
        challenge = load_challenge(path)
    expected = draft_fields(draft)
    expected["concepts"] = tuple(draft.concepts)
    assert fields(challenge) == expected


def test_every_bundled_challenge_survives_the_editor() -> None:
    """Open, write back: same challenge, and `robolab check` still accepts it."""
    packs = load_packs([bundled_packs_root()])
    challenges = [c for p in packs for c in p.challenges]
    assert len(challenges) >= 15
    for original in challenges:
        draft = draft_from_challenge(original)
        text = challenge_yaml(draft)
        again, problems = parse_challenge_text(text, name=original.id)
        assert problems == [] and again is not None, original.id
        assert fields(again) == fields(original), original.id
        found, _ = check_challenge(again)
        assert found == [], (original.id, [p.message("en") for p in found])


def test_a_robot_facing_north_stays_north() -> None:
    """``Heading.NORTH`` is 0: it must never be taken for "no heading"."""
    draft = corridor(
        main=MapDraft(("G", ".", "S"), Heading.NORTH),
        variants=(MapDraft(("S.G",), Heading.EAST), MapDraft(("G", "S"), None)),
        solution=parse_program([{"block": "move_forward"}, {"block": "move_forward"}]),
    )
    text = challenge_yaml(draft)
    assert "start: {heading: north}\n" in text
    challenge, problems = parse_challenge_text(text)
    assert problems == [] and challenge is not None
    assert [b.heading for b in challenge.boards] == [Heading.NORTH, Heading.EAST, Heading.NORTH]
