"""``robolab robots``, ``robolab robot run`` and ``robolab virtual-robot`` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from robolab.cli import main
from tests.firmware_bridge.helpers import CORNER_MAP, SEQUENCE, WALL_FOLLOWER, challenge_file


def start_virtual_robot(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "robolab", "virtual-robot", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    return process, first


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    _, err = process.communicate(timeout=5)
    return err


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    challenge = challenge_file(tmp_path)
    follower = tmp_path / "follower.json"
    follower.write_text(json.dumps(WALL_FOLLOWER), encoding="utf-8")
    sequence = tmp_path / "sequence.json"
    sequence.write_text(json.dumps(SEQUENCE), encoding="utf-8")
    return challenge, follower, sequence


@pytest.fixture
def pty_robot(files: tuple[Path, Path, Path]) -> Iterator[str]:
    process, path = start_virtual_robot("--pty", "--challenge", str(files[0]), "--move-ms", "5")
    try:
        yield path
    finally:
        err = stop(process)
        assert process.returncode == 0, err


def test_virtual_robot_prints_its_device_first_and_robot_run_prints_the_result(
    pty_robot: str, files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert pty_robot.startswith("/dev/")
    challenge, follower, _ = files
    code = main(["robot", "run", "--port", pty_robot, str(challenge), str(follower), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["outcome"] == "success" and out["stars"] == 3 and out["steps"] == 5
    assert out["robot"]["name"] == "Virtuel-1" and out["robot"]["mode"] == "streamed"
    assert "simulated" not in out
    code = main(
        [
            "robot",
            "run",
            "--port",
            pty_robot,
            str(challenge),
            str(follower),
            "--mode",
            "upload",
            "--lang",
            "en",
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "robot Virtuel-1 (virtual, upload)" in text and "the robot did as the simulation" in text


def test_robot_run_shows_the_simulation_beside_a_robot_that_differs(
    tmp_path: Path, files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    walled = challenge_file(
        tmp_path, map_text=CORNER_MAP.replace("#S..##", "#S.#.#"), id="robots/walled"
    )
    process, url = start_virtual_robot("--tcp", "0", "--challenge", str(walled), "--move-ms", "5")
    try:
        assert url.startswith("socket://127.0.0.1:")
        challenge, _, sequence = files
        code = main(["robot", "run", "--port", url, str(challenge), str(sequence)])
        text = capsys.readouterr().out
    finally:
        stop(process)
    assert code == 1  # not solved: the robot crashed
    assert "[simulation]" in text and "le robot et la simulation diffèrent : outcome" in text
    assert text.index("mur") < text.index("[simulation]") < text.index("réussi")


def test_robots_test_and_calibrate(pty_robot: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["robots", "test", pty_robot, "--count", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["hello"]["name"] == "Virtuel-1" and out["identified"] is True
    assert 0 < out["rtt_ms"]["min"] <= out["rtt_ms"]["median"] <= out["rtt_ms"]["max"] < 100
    assert main(["robots", "calibrate", pty_robot, "--cell", "180", "--trim", "-3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cell"] == 180
    assert main(["robots", "calibrate", pty_robot, "--show", "--lang", "en"]) == 0
    assert "cell 180 mm" in capsys.readouterr().out  # stored in the robot, across connections


def test_interactive_calibration_asks_for_measurements(
    pty_robot: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    # Enter; the robot drove 20 mm of its 25 mm cell; Enter; it turned 36 degrees too far
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nabc\n20\n\n36\n"))
    assert main(["robots", "calibrate", pty_robot, "--json", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    values = json.loads(captured.out)
    assert values["speed"] == 4000  # it is slower than it thought: 5000 * 20 / 25
    assert values["trim"] == -9  # turn for 360/396 of the time
    assert "Distance driven in mm" in captured.err and "a whole number is expected" in captured.err


def test_scan_lists_a_robot_and_explains_missing_bluetooth(
    pty_robot: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["robots", "scan", "--timeout", "0.3", "--port", pty_robot, "--no-serial"])
    captured = capsys.readouterr()
    assert code == 0
    assert "Virtuel-1" in captured.out and "virtual" in captured.out
    if "Bluetooth" in captured.err:  # this container has no D-Bus: one clear line, no traceback
        assert "Traceback" not in captured.err and "USB" in captured.err


def test_unreachable_robots_are_one_clear_line(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    challenge, follower, _ = files
    code = main(
        [
            "robot",
            "run",
            "--port",
            "/dev/ttyUSB-none",
            str(challenge),
            str(follower),
            "--lang",
            "en",
        ]
    )
    err = capsys.readouterr().err
    assert code == 3
    assert err.strip() == (
        "port /dev/ttyUSB-none does not exist: is the robot plugged in? "
        "(robolab robots scan lists the ports)"
    )
    assert main(["robot", "run", "--port", "/dev/null", "nope.yaml", str(follower)]) == 2


def test_robots_demo_runs_solutions_on_virtual_robots(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    pack = files[0].parent
    (pack / "pack.yaml").write_text(
        "id: robots\ntitle: {fr: Robots, en: Robots}\n", encoding="utf-8"
    )
    code = main(["robots", "demo", "--pack", str(pack), "--lang", "en"])
    out = capsys.readouterr().out
    assert "robots/corner: solved on virtual robot Demo-1 (5 steps)" in out
    assert code == 0


def test_a_faulty_virtual_robot_still_passes_the_robot_test(
    capsys: pytest.CaptureFixture[str],
) -> None:
    process, path = start_virtual_robot(
        "--pty", "--drop", "0.2", "--duplicate", "0.3", "--delay", "5", "--seed", "3"
    )
    try:
        assert main(["robots", "test", path, "--count", "10", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["rtt_ms"]["max"] >= 5  # every reply waited for the injected delay
    finally:
        stop(process)
