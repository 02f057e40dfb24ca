"""``robolab run | check | solve | demo`` exactly as FORMATS §4 says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from robolab.cli import main
from tests.core.conftest import challenge_yaml

F = {"block": "move_forward"}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    challenge = tmp_path / "corridor.yaml"
    challenge.write_text(
        challenge_yaml(map="######\n#S..G#\n######", solution=[F, F, F]), encoding="utf-8"
    )
    out = {"challenge": challenge}
    for name, program in {
        "win": [F, F, F],
        "short": [F],
        "crash": [{"block": "turn_left"}, F],
        "bad": [F, {"block": "fly", "id": "x9"}],
    }.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(program), encoding="utf-8")
        out[name] = path
    return out


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_run_exit_codes_and_json(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "run", files["challenge"], files["win"], "--json")
    assert code == 0
    result = json.loads(out)
    assert result == {
        "challenge": "test/corridor",
        "solved": True,
        "outcome": "success",
        "stars": 3,
        "steps": 3,
        "ticks": 3,
        "blocks": 3,
        "par": {"blocks": 3, "steps": 3},
        "variants": [],
        "message": "Bravo ! Trois étoiles : c'est une solution parfaite !",
    }
    code, out, _ = run_cli(
        capsys, "run", files["challenge"], files["short"], "--json", "--lang", "en"
    )
    assert code == 1 and json.loads(out)["outcome"] == "incomplete"
    code, out, _ = run_cli(capsys, "run", files["challenge"], files["crash"], "--json", "--trace")
    data = json.loads(out)
    assert code == 1 and data["outcome"] == "crash"
    assert data["trace"][-1] == {
        "tick": 2,
        "id": None,
        "block": 2,
        "action": "move_forward",
        "x": 1,
        "y": 1,
        "heading": "north",
        "event": "crash",
    }


def test_invalid_program_exit_2_with_file_and_line(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        capsys, "run", files["challenge"], files["bad"], "--json", "--lang", "en"
    )
    assert code == 2
    assert json.loads(out)["error"]["id"] == "x9"
    assert f'{files["bad"]}:1: Block 2: unknown block "fly"' in err
    assert "Traceback" not in err


def test_broken_challenge_exit_2(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: robolab/challenge@1\nid: x/y\ntier: 1\nmap: |\n  S.Q\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "run", broken, files["win"], "--lang", "en")
    assert code == 2 and out == ""
    assert f'{broken}:5: unknown character "Q"' in err
    code, _, err = run_cli(capsys, "run", "no/such-challenge", files["win"], "--lang", "fr")
    assert code == 2 and "aucun fichier" in err


def test_human_output_in_french(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "run", files["challenge"], files["win"], "--lang", "fr", "--trace"
    )
    assert code == 0
    assert "test/corridor: réussi  ★★★" in out
    assert "pas : 3 (par 3)" in out
    assert "move_forward" in out


def test_solve(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "solve", files["challenge"], "--json")
    assert code == 0
    assert json.loads(out) == {"steps": 3, "actions": ["move_forward"] * 3}
    walled = tmp_path / "walled.yaml"
    walled.write_text(challenge_yaml(map="#####\n#S#G#\n#####"), encoding="utf-8")
    code, out, err = run_cli(capsys, "solve", walled, "--lang", "en")
    assert code == 1 and "cannot be solved" in err


def test_check_exit_codes(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "check", files["challenge"], "--lang", "en")
    assert code == 0 and "1 file(s) checked: 0 problem(s)" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(challenge_yaml(id="test/bad", solution=[F]), encoding="utf-8")
    code, out, _err = run_cli(capsys, "check", files["challenge"], bad, "--lang", "en", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["files"] == 2 and len(report["problems"]) == 1


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "robolab" in capsys.readouterr().out


def test_python_dash_m_and_console_script(files: dict[str, Path]) -> None:
    env = {**os.environ, "ROBOLAB_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "run", str(files["challenge"]), str(files["crash"])],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert "Ouch! The robot bumped into a wall at block 2 (move forward)." in done.stdout
    assert done.stderr == ""


def test_run_reads_programs_written_as_text(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "prog.txt"
    text.write_text("répéter 3 fois :\n  avancer\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "run", files["challenge"], text, "--json")
    assert code == 0 and json.loads(out)["blocks"] == 2
    text.write_text("avancer\nsauter\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "run", files["challenge"], text, "--lang", "fr")
    assert code == 2 and out == ""
    assert err.strip() == f"{text}:2: je ne comprends pas « sauter »"
