from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robolab.errors import ProgramError
from robolab.program import If, Move, Not, Test
from robolab.program_loader import (
    MAX_BYTES,
    load_program,
    parse_program,
    parse_program_text,
)
from robolab.vocabulary import Action, Color, Sensor
from tests.strategies import programs


def error_of(data: Any) -> ProgramError:
    with pytest.raises(ProgramError) as info:
        parse_program(data)
    return info.value


def test_bare_list_is_main_and_blocks_are_numbered_in_reading_order() -> None:
    program = parse_program(
        {
            "main": [
                {"block": "move_forward", "id": "a"},
                {"block": "repeat", "times": 2, "body": [{"block": "turn_left", "id": "b"}]},
                {"block": "call", "name": "zig"},
            ],
            "procedures": {"zig": [{"block": "move_forward"}]},
        }
    )
    numbers = [s.number for s in program.statements()]
    assert numbers == [1, 2, 3, 4, 6]  # the definition of zig is block 5
    assert program.procedures[0].number == 5
    assert program.block_count == 6
    assert parse_program([{"block": "turn_right"}]).main == (Move(Action.TURN_RIGHT, None, 1),)


def test_conditions_and_else() -> None:
    program = parse_program(
        [
            {
                "block": "if",
                "cond": {"not": {"sensor": "on_color", "color": "red"}},
                "then": [],
                "else": [{"block": "move_forward"}],
            }
        ]
    )
    stmt = program.main[0]
    assert isinstance(stmt, If)
    assert stmt.cond == Not(Test(Sensor.ON_COLOR, Color.RED))
    assert stmt.then == ()
    assert stmt.orelse == (Move(Action.MOVE_FORWARD, None, 2),)
    assert (
        parse_program([{"block": "if", "cond": {"sensor": "at_goal"}, "then": []}]).main[0].orelse
        is None
    )  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "key", "number", "path"),
    [
        ("move", "program.not_program", None, ""),
        ({"format": "robolab/program@9", "main": []}, "program.bad_format", None, "format"),
        ({"main": [], "extra": 1}, "program.unknown_key", None, ""),
        ({"procedures": {}}, "program.no_main", None, ""),
        ([{"block": "jump", "id": "b7"}], "block.unknown", 1, "main[0]"),
        ([{"id": "x"}], "block.no_kind", 1, "main[0]"),
        ([42], "block.not_object", 1, "main[0]"),
        ([{"block": "move_forward", "speed": 3}], "block.unknown_field", 1, "main[0]"),
        ([{"block": "repeat", "body": []}], "block.missing_field", 1, "main[0]"),
        ([{"block": "repeat", "times": 101, "body": []}], "repeat.range", 1, "main[0]"),
        ([{"block": "repeat", "times": -1, "body": []}], "repeat.range", 1, "main[0]"),
        ([{"block": "repeat", "times": "3", "body": []}], "repeat.not_int", 1, "main[0]"),
        ([{"block": "repeat", "times": True, "body": []}], "repeat.not_int", 1, "main[0]"),
        ([{"block": "repeat", "times": 2.5, "body": []}], "repeat.not_int", 1, "main[0]"),
        ([{"block": "call", "name": "nope"}], "call.unknown", 1, "main[0]"),
        (
            [{"block": "while", "cond": {"sensor": "radar"}, "body": []}],
            "cond.unknown_sensor",
            1,
            "main[0].cond",
        ),
        (
            [{"block": "while", "cond": "path_ahead", "body": []}],
            "cond.malformed",
            1,
            "main[0].cond",
        ),
        (
            [{"block": "if", "cond": {"sensor": "on_color"}, "then": []}],
            "cond.no_color",
            1,
            "main[0].cond",
        ),
        (
            [{"block": "if", "cond": {"sensor": "on_color", "color": "pink"}, "then": []}],
            "cond.bad_color",
            1,
            "main[0].cond",
        ),
        (
            [{"block": "if", "cond": {"sensor": "at_goal", "color": "red"}, "then": []}],
            "cond.color_not_allowed",
            1,
            "main[0].cond",
        ),
        (
            [{"block": "repeat", "times": 2, "body": {"block": "turn_left"}}],
            "program.not_list",
            None,
            "main[0].body",
        ),
        ({"main": [], "procedures": {"": []}}, "program.bad_name", None, "procedures."),
        ({"main": [], "procedures": ["zig"]}, "program.bad_procedures", None, "procedures"),
        ([{"block": "turn_left", "id": 12}], "block.bad_id", 1, "main[0]"),
    ],
)
def test_errors_name_the_block_and_why(data: Any, key: str, number: int | None, path: str) -> None:
    err = error_of(data)
    assert err.key == key
    assert err.number == number
    assert err.path == path
    fr, en = err.message("fr"), err.message("en")
    assert fr and en and fr != en
    assert "{" not in fr.replace("{{", "") or key == "cond.malformed"


def test_error_carries_the_editor_id_and_block_number_in_the_message() -> None:
    err = error_of([{"block": "move_forward"}, {"block": "teleport", "id": "b7"}])
    assert err.block_id == "b7"
    assert err.message("fr").startswith("Bloc 2 : bloc « teleport » inconnu")
    assert err.message("en").startswith('Block 2: unknown block "teleport"')
    assert err.to_json("en")["id"] == "b7"


def test_limits_are_enforced_before_building() -> None:
    assert error_of([{"block": "turn_left"}] * 1001).key == "program.too_many"
    parse_program([{"block": "turn_left"}] * 1000)
    nested: Any = [{"block": "turn_left"}]
    for _ in range(99):
        nested = [{"block": "repeat", "times": 1, "body": nested}]
    parse_program(nested)  # 100 levels are fine
    assert error_of([{"block": "repeat", "times": 1, "body": nested}]).key == "program.too_deep"


def test_shared_subtrees_cannot_blow_up_the_count() -> None:
    block: Any = [{"block": "turn_left"}]
    for _ in range(40):
        block = [
            {"block": "repeat", "times": 2, "body": block},
            {"block": "repeat", "times": 2, "body": block},
        ]
    assert error_of(block).key == "program.too_many"


def test_long_not_chains_are_bounded() -> None:
    cond: Any = {"sensor": "at_goal"}
    for _ in range(101):
        cond = {"not": cond}
    assert error_of([{"block": "while", "cond": cond, "body": []}]).key == "program.too_deep"


def test_text_size_and_encoding_limits(tmp_path: Path) -> None:
    big = json.dumps([{"block": "turn_left"}] * 4000)
    assert len(big) > MAX_BYTES
    with pytest.raises(ProgramError) as info:
        parse_program_text(big)
    assert info.value.key == "program.too_large"
    with pytest.raises(ProgramError) as info:
        parse_program_text(b"\xff\xfe[]")
    assert info.value.key == "file.not_utf8"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[{"block": "move_forward"', "file.bad_json"),
        ("main: [\n  - x", "file.bad_yaml"),
        ("[" * 30000 + "]" * 30000, "block.not_object"),
        (
            '{"main": [' + '{"block": "repeat", "times": 1, "body": [' * 150 + "]}" * 150 + "]}",
            "program.too_deep",
        ),
        ("- " * 20000 + "x", "program.too_deep"),
    ],
)
def test_broken_text_gives_a_clear_error(text: str, key: str) -> None:
    with pytest.raises(ProgramError) as info:
        parse_program_text(text)
    assert info.value.key == key


def test_yaml_program_file_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("main:\n  - block: move_forward\n    id: m1\n", encoding="utf-8")
    program = load_program(path)
    assert program.main[0].id == "m1"
    with pytest.raises(ProgramError) as info:
        load_program(tmp_path / "missing.json")
    assert info.value.key == "file.unreadable"


@given(programs(max_depth=3))
@settings(max_examples=60, deadline=None)
def test_canonical_json_round_trips(data: dict[str, Any]) -> None:
    program = parse_program(data)
    again = parse_program(json.loads(json.dumps(program.to_json())))
    assert again == program
    assert again.to_json() == program.to_json()


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "block",
                        "body",
                        "times",
                        "cond",
                        "main",
                        "then",
                        "else",
                        "name",
                        "not",
                        "sensor",
                        "id",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=30,
    )
)
@settings(max_examples=400, deadline=None)
def test_junk_never_crashes_the_loader(data: Any) -> None:
    try:
        parse_program(data)
    except ProgramError as err:
        assert err.message("fr") and err.message("en")


def test_procedure_names_cannot_end_with_a_newline() -> None:
    assert error_of({"main": [], "procedures": {"zig\n": []}}).key == "program.bad_name"
