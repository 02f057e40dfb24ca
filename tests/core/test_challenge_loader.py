from __future__ import annotations

from pathlib import Path

import pytest

from robolab.challenge_loader import load_challenge, read_challenge
from robolab.errors import ProblemList
from robolab.vocabulary import Goal, Heading
from tests.core.conftest import challenge_yaml

GOOD = """\
format: robolab/challenge@1
id: test/zigzag
title: {fr: "Zigzag", en: "Zigzag"}
tier: 2
map: |
  #######
  #S.#..#
  ##...G#
  #######
goal: [reach]
blocks: [move_forward, turn_left, turn_right]
solution:
  - {block: move_forward}
"""


def problems_of(path: Path) -> list[str]:
    _challenge, problems = read_challenge(path)
    return [p.located("en") for p in problems]


def test_a_minimal_file_loads_with_defaults(write_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = load_challenge(write_challenge(GOOD))
    assert challenge.id == "test/zigzag"
    assert challenge.board.heading is Heading.EAST
    assert challenge.goals == frozenset({Goal.REACH})
    assert challenge.max_ticks == 10_000 and challenge.max_blocks is None
    assert challenge.title_in("en") == "Zigzag" and challenge.story_in("fr") == ""
    assert challenge.line_of("map") == 6


def test_map_errors_point_at_the_line_of_the_map_row(write_challenge) -> None:  # type: ignore[no-untyped-def]
    path = write_challenge(GOOD.replace("##...G#", "##..?G#"))
    assert problems_of(path) == [
        f'{path}:8: unknown character "?" in the map (column 4); legend: # . S G * ~ r g b y'
    ]


def test_every_problem_is_reported_with_its_line(write_challenge) -> None:  # type: ignore[no-untyped-def]
    text = (
        GOOD.replace("tier: 2", "tier: 9")
        .replace("[reach]", "[reach, fly]")
        .replace(
            "blocks: [move_forward, turn_left, turn_right]",
            "blocks: [move_forward, jump]\ncolour: red",
        )
    )
    path = write_challenge(text)
    found = problems_of(path)
    assert f'{path}:4: "tier" must be a whole number from 1 to 6 (got: 9)' in found
    assert any(p.startswith(f'{path}:10: unknown goal "fly"') for p in found)
    assert any(p.startswith(f'{path}:11: unknown block "jump"') for p in found)
    assert any(p.startswith(f'{path}:12: unknown field "colour"') for p in found)
    assert len(found) == 4


def test_solution_errors_point_into_the_solution(write_challenge) -> None:  # type: ignore[no-untyped-def]
    path = write_challenge(GOOD + "  - {block: repeat, times: 500, body: []}\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:14: solution: Block 2: the number of repetitions")


def test_messages_in_french(write_challenge) -> None:  # type: ignore[no-untyped-def]
    path = write_challenge(GOOD.replace("format: robolab/challenge@1\n", ""))
    with pytest.raises(ProblemList) as info:
        load_challenge(path)
    assert info.value.problems[0].located("fr") == f"{path}: il manque le champ « format »"


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"id": "Bad Id"}, "invalid id"),
        ({"title": 3}, '"title" must be a text'),
        ({"title": {"de": "Hallo"}}, 'unknown language "de"'),
        ({"start": {"heading": "up"}}, 'unknown heading "up"'),
        ({"map": "#####\n#S..#\n#####"}, "needs at least one goal cell G"),
        ({"goal": ["collect_all"]}, "needs at least one gem"),
        ({"goal": []}, "at least one goal"),
        ({"par": {"blocks": 0}}, '"blocks" must be a whole number'),
        ({"par": {"moves": 3}}, '"par" must be'),
        ({"max_ticks": 0}, '"max_ticks" must be'),
        ({"variants": [{"map": "S."}]}, "needs at least one goal cell G"),
        ({"variants": {"map": "S.G"}}, '"variants" must be a list'),
        ({"hints": ["ok", 3]}, '"1" must be a text'),
        ({"blocks": None}, 'the field "blocks" is missing'),
    ],
)
def test_schema_problems(write_challenge, overrides, needle) -> None:  # type: ignore[no-untyped-def]
    found = problems_of(write_challenge(challenge_yaml(**overrides)))
    assert any(needle in p for p in found), found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- just\n- a list\n",
        "key: [unclosed",
        "a: &a [*a]",
        "\x00\x01",
        "a: " + "[" * 5000 + "]" * 5000,
        "x" * (300 * 1024),
    ],
)
def test_garbage_files_never_crash(write_challenge, text: str) -> None:  # type: ignore[no-untyped-def]
    challenge, problems = read_challenge(write_challenge(text))
    assert challenge is None and problems
    assert all(p.file and p.message("fr") for p in problems)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert read_challenge(binary)[1][0].key == "file.not_utf8"
    assert read_challenge(tmp_path / "none.yaml")[1][0].key == "file.unreadable"


def test_texts_fall_back_to_the_other_language(write_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = load_challenge(
        write_challenge(
            challenge_yaml(title={"fr": "Seulement en français"}, hints=[{"en": "Only English"}])
        )
    )
    assert challenge.title_in("en") == "Seulement en français"
    assert challenge.hints_in("fr") == ["Only English"]


@pytest.mark.parametrize("ident", ["test/zig\n", "test/zig\nx", "Test/zig", "test/", "/zig"])
def test_ids_are_matched_whole(write_challenge, ident: str) -> None:  # type: ignore[no-untyped-def]
    found = problems_of(write_challenge(challenge_yaml(id=ident)))
    assert any("invalid id" in p for p in found), found
