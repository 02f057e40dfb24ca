"""``robolab sim`` and ``robolab render``: exit codes, messages, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pygame
import pytest
from PIL import Image

from robolab.cli import main
from robolab.pack import load_packs
from tests.simulator.conftest import FIXTURES

TOUR = str(FIXTURES / "simfix" / "tour.yaml")
DRIFT = str(FIXTURES / "simfix" / "drift.yaml")
F = {"block": "move_forward"}


@pytest.fixture
def programs(tmp_path: Path) -> dict[str, str]:
    out = {}
    for name, data in {
        "win": [{"block": "repeat", "times": 9, "body": [F]}],
        "crash": [{"block": "turn_left"}, F],
        "bad": [F, {"block": "fly", "id": "x9"}],
        "forbidden": [{"block": "turn_left"}],
    }.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        out[name] = str(path)
    return out


def test_headless_run_prints_the_result(
    programs: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sim", DRIFT, programs["win"], "--headless"]) == 0
    out = capsys.readouterr().out
    assert "simfix/drift: réussi" in out and "Bravo" in out
    assert main(["sim", TOUR, programs["crash"], "--headless", "--lang", "en"]) == 1
    assert "crash" in capsys.readouterr().out


def test_headless_json_has_the_physical_pose(
    programs: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sim", DRIFT, programs["win"], "--headless", "--json", "--physics"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["solved"] and data["body"]["off"] == 0.0
    code = main(["sim", DRIFT, programs["win"], "--headless", "--json", "--wheel-mismatch", "0.05"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["outcome"] in ("crash", "fall") and data["body"]["off"] > 10


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["sim", "no/such-challenge", "--headless"], "aucun fichier"),
        (["sim", TOUR, "--headless"], "robolab render"),
        (["sim", TOUR, "{bad}", "--headless"], "fly"),
        (["sim", DRIFT, "{forbidden}", "--headless"], "tourner à gauche"),
        (["sim", TOUR, "{win}", "--headless", "--variant", "3"], "variante 3"),
        (["sim", TOUR, "{win}", "--record", "run.txt"], ".gif, .png"),
        (["render", TOUR, "-o", "map.gif"], ".png"),
    ],
)
def test_invalid_input_exits_2_with_a_message(
    args: list[str],
    needle: str,
    programs: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = [a.format(**programs) if a.startswith("{") else a for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_bad_noise_values_are_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["sim", TOUR, "--headless", "--turn-bias", "7"])
    assert stop.value.code == 2
    assert "from -0.5 to 0.5" in capsys.readouterr().err


def test_record_writes_a_gif_or_the_last_frame(
    programs: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gif, png = tmp_path / "run.gif", tmp_path / "run.png"
    assert main(["sim", DRIFT, programs["win"], "--headless", "--record", str(gif)]) == 0
    with Image.open(gif) as picture:
        assert picture.is_animated and picture.size[0] == 480
    assert main(["sim", DRIFT, programs["win"], "--record", str(png), "--size", "240"]) == 0
    assert pygame.image.load(str(png)).get_width() == 240
    assert str(gif) in capsys.readouterr().err
    nowhere = tmp_path / "missing" / "run.gif"
    assert main(["sim", DRIFT, programs["win"], "--record", str(nowhere)]) == 2
    assert "impossible d'écrire" in capsys.readouterr().err


def test_render_draws_the_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.png"
    assert main(["render", TOUR, "-o", str(out), "--size", "180"]) == 0
    assert pygame.image.load(str(out)).get_size() == (180, 100)
    assert main(["render", TOUR, "-o", str(tmp_path / "no" / "map.png")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_render_finds_a_bundled_challenge_by_id(tmp_path: Path) -> None:
    bundled = [c for p in load_packs() for c in p.challenges]
    if not bundled:
        pytest.skip("no bundled pack yet")
    out = tmp_path / "thumb.png"
    assert main(["render", bundled[0].id, "-o", str(out), "--size", "128"]) == 0
    assert max(pygame.image.load(str(out)).get_size()) <= 128


def test_without_a_display_the_window_says_to_use_headless(programs: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "sim", TOUR, programs["win"], "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "No display" in done.stderr and "Pas d'écran" in done.stderr
    assert "--headless" in done.stderr and "Traceback" not in done.stderr


def test_the_window_gets_the_challenge_program_and_options(
    programs: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.app import SimApp

    seen: dict[str, Any] = {}

    def fake_run(self: SimApp) -> int:
        self.tick(0.0)
        seen.update(
            lang=self.lang, program=self.program, physics=self.physics, speed=self.player.speed
        )
        return 0

    monkeypatch.setattr(SimApp, "run", fake_run)
    assert main(["sim", DRIFT, programs["win"], "--lang", "en", "--physics", "--speed", "2"]) == 0
    assert seen["lang"] == "en" and seen["program"] is not None
    assert seen["physics"] is not None and seen["speed"] == 2.0
    assert main(["sim", DRIFT]) == 0
    assert seen["program"] is None
