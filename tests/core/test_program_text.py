"""Programs as text (robolab/program_text.py) and ``robolab show`` (robolab/cli/show.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab.blockly import parse_workspace, program_to_workspace
from robolab.cli import main
from robolab.errors import ProgramError
from robolab.i18n import Lang
from robolab.program_loader import parse_program
from robolab.program_text import TextError, parse_text, render_text
from tests.strategies import programs

SAMPLE = parse_program(
    {
        "main": [
            {"block": "move_forward"},
            {"block": "turn_left"},
            {
                "block": "repeat",
                "times": 3,
                "body": [
                    {"block": "while", "cond": {"sensor": "path_ahead"}, "body": []},
                    {"block": "call", "name": "zig"},
                ],
            },
            {
                "block": "repeat_until",
                "cond": {"sensor": "at_goal"},
                "body": [
                    {
                        "block": "if",
                        "cond": {"not": {"sensor": "path_left"}},
                        "then": [{"block": "turn_right"}],
                        "else": [{"block": "move_backward"}],
                    },
                    {
                        "block": "if",
                        "cond": {"sensor": "on_color", "color": "green"},
                        "then": [],
                    },
                ],
            },
        ],
        "procedures": {"zig": [{"block": "repeat", "times": 1, "body": []}], "mon zag": []},
    }
)

SAMPLE_FR = """\
avancer
tourner à gauche
répéter 3 fois :
    tant que chemin devant :
        (rien)
    appeler zig
répéter jusqu'à sur l'arrivée :
    si non chemin à gauche :
        tourner à droite
    sinon :
        reculer
    si sur la couleur vert :
        (rien)

procédure zig :
    répéter 1 fois :
        (rien)

procédure "mon zag" :
    (rien)"""

SAMPLE_EN_NUMBERED = """\
 1 | move forward
 2 | turn left
 3 | repeat 3 times:
 4 |     while path ahead:
   |         (nothing)
 5 |     call zig
 6 | repeat until at the goal:
 7 |     if not path to the left:
 8 |         turn right
   |     else:
 9 |         move backward
10 |     if on the colour green:
   |         (nothing)

11 | procedure zig:
12 |     repeat 1 time:
   |         (nothing)

13 | procedure "mon zag":
   |     (nothing)"""


def same(a: Any, b: Any) -> bool:
    return bool(a.to_json() == b.to_json())


# --- rendering -------------------------------------------------------------------------------


def test_render_french() -> None:
    assert render_text(SAMPLE, "fr") == SAMPLE_FR


def test_render_english_numbered_uses_the_message_numbers() -> None:
    assert render_text(SAMPLE, "en", numbered=True) == SAMPLE_EN_NUMBERED
    assert [s.number for s in SAMPLE.statements()] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    assert [p.number for p in SAMPLE.procedures] == [11, 13]


def test_render_small_cases() -> None:
    empty = parse_program([])
    assert render_text(empty, "fr") == "(rien)"
    assert render_text(empty, "en", numbered=True) == "  | (nothing)"
    only_procs = parse_program({"main": [], "procedures": {"a": [{"block": "turn_left"}]}})
    assert render_text(only_procs, "fr") == "procédure a :\n    tourner à gauche"
    assert render_text(parse_program([{"block": "repeat", "times": 0, "body": []}]), "en") == (
        "repeat 0 times:\n    (nothing)"
    )
    deep = {"sensor": "gem_here"}
    for _ in range(3):
        deep = {"not": deep}
    text = render_text(parse_program([{"block": "while", "cond": deep, "body": []}]), "en")
    assert text.startswith("while not not not gem here:")


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [(SAMPLE_FR, "fr"), (SAMPLE_EN_NUMBERED, "en")])
def test_parse_back(text: str, lang: Lang) -> None:
    assert same(parse_text(text), SAMPLE)
    assert same(parse_text(text, lang), SAMPLE)


def test_parse_is_tolerant() -> None:
    messy = (
        "\ufeff\n"
        "# mon programme\n"
        "  AVANCER  \n"
        "\n\n"
        "  Tourner a gauche\n"
        "  REPETER 3 FOIS\n"
        "\tTant Que Chemin Devant:\n"
        "\t\t(Rien)\n"
        "\tappeler Zig  \n"
        "  répéter jusqu’à sur l’arrivée:\n"
        "      si non  chemin a gauche :\n"
        "        tourner à droite\n"
        "      sinon\n"
        "        move_backward\n"
        "      si sur la couleur verte :\n"
        "\n"
        "  procedure zig:\n"
        "      repeter 1 fois:\n"
        '  procédure "mon zag" :\n'
    )
    assert same(parse_text(messy), SAMPLE)


def test_english_spellings() -> None:
    program = parse_text("while on the color red:\n  move forward\nrepeat 1 times\n  turn_left")
    assert program.to_json()["main"] == [
        {
            "block": "while",
            "cond": {"sensor": "on_color", "color": "red"},
            "body": [{"block": "move_forward"}],
        },
        {"block": "repeat", "times": 1, "body": [{"block": "turn_left"}]},
    ]


def test_top_level_statements_after_procedures_are_main() -> None:
    program = parse_text("procedure a:\n  turn left\nmove forward\ncall a")
    assert program.to_json()["main"] == [{"block": "move_forward"}, {"block": "call", "name": "a"}]


def test_empty_text() -> None:
    assert parse_text("").block_count == 0
    assert parse_text("\n\n  \n# nothing\n").block_count == 0


def test_language_can_be_forced() -> None:
    with pytest.raises(TextError) as info:
        parse_text("move forward", "fr")
    assert info.value.key == "text.unknown"
    assert same(parse_text("move forward", "en"), parse_program([{"block": "move_forward"}]))


TEXT_ERRORS = [
    ("avancer\nsauter", 2, "text.unknown"),
    ("avancer\n    avancer", 2, "text.unexpected_indent"),
    ("répéter 2 fois :\n        avancer\n    avancer", 3, "text.bad_indent"),
    ("sinon :\n  avancer", 1, "text.else_without_if"),
    ("si chemin devant :\n  avancer\navancer\nsinon :", 4, "text.else_without_if"),
    ("si chemin devant :\nsinon :\nsinon :", 3, "text.else_without_if"),
    ("sinon si chemin devant :", 1, "text.unknown"),
    ("si chemin :\n  avancer", 1, "text.bad_condition"),
    ("si :\n  avancer", 1, "text.bad_condition"),
    ("tant que sur la couleur violet :", 1, "text.bad_condition"),
    ("avancer\nrépéter trois fois :", 2, "repeat.not_int"),
    ("avancer\nrépéter 101 fois :", 2, "repeat.range"),
    ("repeat 9999999 times:", 1, "repeat.not_int"),
    ("avancer\n\n  \nappeler zog", 4, "call.unknown"),
    ('appeler "zig', 1, "program.bad_name"),
    ("appeler mon zig", 1, "program.bad_name"),
    ('procédure "" :', 1, "program.bad_name"),
    ("procédure " + '"' + "x" * 41 + '"' + " :", 1, "program.bad_name"),
    ("procédure a :\nprocédure a :", 2, "procedure.duplicate"),
    ("répéter 2 fois :\n  procédure a :", 2, "text.nested_procedure"),
    (
        "procedure a:\n  turn left\n  call b\nprocedure b:\n  move forward\n  call c",
        6,
        "call.unknown",
    ),
]


@pytest.mark.parametrize(("text", "line", "key"), TEXT_ERRORS)
def test_errors_name_the_line(text: str, line: int, key: str) -> None:
    with pytest.raises(TextError) as info:
        parse_text(text)
    err = info.value
    assert (err.key, err.line) == (key, line)
    assert err.message("fr").startswith(f"ligne {line} : ")
    assert err.message("en").startswith(f"line {line}: ")
    assert key not in err.message("fr") and key not in err.message("en")
    assert isinstance(err, ProgramError)


def test_calls_are_matched_ignoring_case_and_accents_when_unambiguous() -> None:
    program = parse_text("appeler Etape\nprocédure étape :\n  avancer")
    assert program.to_json()["main"] == [{"block": "call", "name": "étape"}]
    with pytest.raises(TextError):
        parse_text("appeler ZIG\nprocédure zig :\nprocédure Zig :")


def test_limits_name_the_line() -> None:
    deep = "".join("    " * i + "répéter 1 fois :\n" for i in range(101)) + "    " * 101 + "avancer"
    with pytest.raises(TextError) as info:
        parse_text(deep)
    assert (info.value.key, info.value.line) == ("program.too_deep", 101)
    with pytest.raises(TextError) as info:
        parse_text("avancer\n" * 1001)
    assert (info.value.key, info.value.line) == ("program.too_many", 1001)
    with pytest.raises(TextError) as info:
        parse_text("tant que " + "non " * 101 + "chemin devant :")
    assert info.value.key == "program.too_deep"
    with pytest.raises(ProgramError) as too_big:
        parse_text("avancer\n" * 9000)
    assert too_big.value.key == "program.too_large"


def test_deepest_allowed_nesting_reads_back() -> None:
    deep = "".join("  " * i + "répéter 1 fois :\n" for i in range(99)) + "  " * 99 + "avancer"
    assert parse_text(deep).block_count == 100


def test_hostile_deep_indentation_raises_no_recursion_error() -> None:
    text = "".join(" " * i + "si chemin devant :\n" for i in range(5000))
    with pytest.raises(TextError) as info:
        parse_text(text[: 64 * 1024 - 10])
    assert info.value.key == "program.too_deep"


@settings(max_examples=200)
@given(
    st.text(alphabet=st.sampled_from(list("avncerépt :fois12\n\t #\"|sinotqu'àdg")), max_size=80)
)
def test_random_text_never_crashes(text: str) -> None:
    try:
        program = parse_text(text)
    except TextError as err:
        assert 1 <= err.line <= text.count("\n") + 1
    else:
        assert same(parse_text(render_text(program, "en")), program)


# --- round trips -----------------------------------------------------------------------------


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.sampled_from(["fr", "en"]), st.booleans())
def test_round_trip_text(raw: dict[str, Any], lang: Lang, numbered: bool) -> None:
    program = parse_program(raw)
    text = render_text(program, lang, numbered=numbered)
    assert same(parse_text(text), program)
    assert same(parse_text(text, lang), program)
    assert [s.number for s in parse_text(text).statements()] == [
        s.number for s in program.statements()
    ]


NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40
).filter(lambda s: bool(s.strip()))


@settings(max_examples=150)
@given(st.lists(NAMES, min_size=1, max_size=3, unique=True), st.sampled_from(["fr", "en"]))
def test_round_trip_any_procedure_name(names: list[str], lang: Lang) -> None:
    program = parse_program(
        {
            "main": [{"block": "call", "name": n} for n in names],
            "procedures": {n: [{"block": "call", "name": names[0]}] for n in names},
        }
    )
    assert same(parse_text(render_text(program, lang)), program)


@pytest.mark.parametrize(
    "name",
    [
        '"',
        "\\",
        "(rien)",
        "sinon",
        "#x",
        " a ",
        "a:",
        "x\u2028y",
        "x\x85y",
        "é" + "\u0301",
        "a | b",
    ],
)
def test_round_trip_awkward_names(name: str) -> None:
    program = parse_program({"main": [{"block": "call", "name": name}], "procedures": {name: []}})
    for lang in ("fr", "en"):
        text = render_text(program, lang)
        assert len(text.splitlines()) == 4
        assert same(parse_text(text), program)


def test_text_and_blockly_agree() -> None:
    back = parse_workspace(program_to_workspace(parse_text(SAMPLE_FR)))
    assert render_text(back, "fr") == SAMPLE_FR


# --- robolab show ----------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "json": tmp_path / "prog.json",
        "yaml": tmp_path / "prog.yaml",
        "blockly": tmp_path / "workspace.json",
        "text": tmp_path / "prog.txt",
    }
    paths["json"].write_text(json.dumps(SAMPLE.to_json()), encoding="utf-8")
    paths["yaml"].write_text("main:\n  - block: move_forward\n  - block: turn_left\n", "utf-8")
    paths["blockly"].write_text(json.dumps(program_to_workspace(SAMPLE)), encoding="utf-8")
    paths["text"].write_text(SAMPLE_FR, encoding="utf-8")
    return paths


@pytest.mark.parametrize("kind", ["json", "blockly", "text"])
def test_show_text_from_every_kind_of_file(
    kind: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(files[kind]), "--lang", "fr"]) == 0
    assert capsys.readouterr().out == SAMPLE_FR + "\n"
    assert main(["show", str(files[kind]), "--lang", "en", "--numbered"]) == 0
    assert capsys.readouterr().out == SAMPLE_EN_NUMBERED + "\n"


def test_show_json_and_blockly(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(files["text"]), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == SAMPLE.to_json()
    assert main(["show", str(files["yaml"]), "--format", "blockly"]) == 0
    workspace = json.loads(capsys.readouterr().out)
    assert workspace["blocks"]["blocks"][0]["type"] == "robolab_start"
    assert parse_workspace(workspace).to_json()["main"] == [
        {"block": "move_forward", "id": "b1"},
        {"block": "turn_left", "id": "b2"},
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.txt", "avancer\nsauter\n", "bad.txt:2: je ne comprends pas « sauter »"),
        ("bad.json", '{"main": [{"block": "fly"}]}', "bad.json:1: Bloc 1 : bloc « fly » inconnu"),
        (
            "ws.json",
            '{"blocks": {"blocks": [{"type": "robolab_while", "id": "w"}]}}',
            "ws.json: Bloc 1 : il manque la condition",
        ),
        ("broken.json", '{"main": [', "broken.json: JSON invalide"),
        ("latin1.txt", b"avancer\xe9", "latin1.txt: le fichier n'est pas du texte UTF-8"),
        ("missing.txt", None, "missing.txt: impossible de lire"),
    ],
)
def test_show_invalid_input(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes | None,
    expected: str,
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["show", str(path), "--lang", "fr"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(str(tmp_path / expected)), captured.err
    assert "Traceback" not in captured.err


def test_show_in_a_subprocess(files: dict[str, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "show", str(files["blockly"]), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("move forward\nturn left\nrepeat 3 times:\n")
    bad = files["text"].with_name("bad.txt")
    bad.write_text("move forward\n  jump\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "show", str(bad), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        'bad.txt:2: this line is indented but the line before does not open a block (":" at the end)'
    )
    assert "Traceback" not in done.stderr
