"""The parsers that read what others wrote, as fuzz targets: bytes in, and only their own
"bad input" error may come out. Any other exception is a bug (a crash, a 500 on the server).

Shared by the Hypothesis tests (``test_fuzz_targets.py``, in ``make test``) and the
coverage-guided run (``python -m tests.fuzz.run``, atheris when it is installed; ``make fuzz``).
Each target has seeds (valid inputs of its kind) for the fuzzers to start from.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = Path(__file__).parent / "regressions"


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], object]
    expected: tuple[type[BaseException], ...]
    seeds: Callable[[], list[bytes]]

    def check(self, data: bytes) -> None:
        """Runs the parser; the target's own errors are fine, anything else propagates."""
        with contextlib.suppress(self.expected):
            self.run(data)


def _program_json(data: bytes) -> object:
    from robolab.program_loader import parse_program_text

    return parse_program_text(data)


def _program_text(data: bytes) -> object:
    from robolab.program_text import parse_text

    return parse_text(data.decode("utf-8", "replace")[:20_000])


def _challenge(data: bytes) -> object:
    from robolab.challenge_loader import parse_challenge_text

    challenge, problems = parse_challenge_text(data)
    for problem in problems:  # every problem can be said, in both languages
        problem.located("fr")
        problem.located("en")
    return challenge


def _map(data: bytes) -> object:
    from robolab.grid import parse_map

    return parse_map(data.decode("utf-8", "replace")[:5000])


def _robot_line(data: bytes) -> object:
    from firmware_bridge.codec import decode_line

    return decode_line(data)


def _host_frame(data: bytes) -> object:
    from firmware_bridge.codec import decode_frame

    return decode_frame(data)


def _robot_core(data: bytes) -> object:
    """What a robot's firmware does with any bytes: never raise, answer only valid lines."""
    from firmware_bridge.codec import decode_line
    from firmware_bridge.firmware.micropython import robocore
    from firmware_bridge.virtual_robot import SimBody

    out: list[bytes] = []
    body = SimBody(grid=None, sensors=False, battery=(7400, 80), clock=lambda: 0.0)
    body.output = out.append
    core = robocore.Core(body, "Fuzz")
    body.core = core
    core.feed(data)
    core.poll()
    for line in b"".join(out).splitlines():
        decode_line(line)  # the robot's own lines always follow the protocol
    return core


def _json_text(data: bytes) -> object:
    from robolab import json_text

    return json_text.loads(data.decode("utf-8", "replace"))


def _manifest(data: bytes) -> object:
    from robolab.pack_archive.manifest import parse_manifest

    return parse_manifest(data)


def _pack_archive(data: bytes) -> object:
    from robolab.pack_archive.install import read_manifest

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pack.zip"
        path.write_bytes(data)
        return read_manifest(path)


def _errors() -> dict[str, tuple[type[BaseException], ...]]:
    from firmware_bridge.errors import ProtocolError
    from robolab.errors import ChallengeError, ProgramError
    from robolab.pack_archive.manifest import ArchiveError

    return {
        "program_json": (ProgramError,),
        "program_text": (ProgramError,),
        "challenge": (),
        "map": (ChallengeError,),
        "robot_line": (ProtocolError,),
        "host_frame": (ProtocolError,),
        "robot_core": (),
        "json_text": (ValueError,),  # json.JSONDecodeError is one
        "manifest": (ArchiveError,),
        "pack_archive": (ArchiveError,),
    }


# -- seeds ---------------------------------------------------------------------------------


def _challenge_files() -> list[Path]:
    return sorted((ROOT / "challenges").glob("*/*.yaml"))[:40] + sorted(
        (ROOT / "tests" / "server" / "packs").glob("*/*.yaml")
    )


def _challenge_seeds() -> list[bytes]:
    return [p.read_bytes() for p in _challenge_files() if p.name != "pack.yaml"][:30]


def _program_seeds() -> list[bytes]:
    from robolab.challenge_loader import read_challenge

    out = [b'[{"block": "move_forward"}]', b"main: [turn_left]\n"]
    for path in _challenge_files()[:30]:
        challenge, _ = read_challenge(path)
        if challenge is not None:
            out.append(json.dumps(challenge.solution.to_json()).encode())
    return out


def _text_seeds() -> list[bytes]:
    from robolab.challenge_loader import read_challenge
    from robolab.program_text import render_text

    out = []
    for path in _challenge_files()[:20]:
        challenge, _ = read_challenge(path)
        if challenge is not None:
            for lang in ("fr", "en"):
                out.append(render_text(challenge.solution, lang, numbered=True).encode())
    return out


def _map_seeds() -> list[bytes]:
    import yaml

    out = []
    for raw in _challenge_seeds():
        data = yaml.safe_load(raw)
        board = data.get("board") if isinstance(data, dict) else None
        if isinstance(board, dict) and isinstance(board.get("map"), str):
            out.append(board["map"].encode())
    return out or [b"#####\n#S.G#\n#####\n"]


def _line_seeds() -> list[bytes]:
    return [
        b"HELLO robolab/1 kind=uno name=RoboLab-Uno fw=1.0.0 caps=battery,crc,identify,name,upload wd=400 plan=96*63",
        b"1 DONE*BB",
        b"5 ACK",
        b"5 DONE m=ok x=2 y=1 h=E",
        b"7 ERR range key=cell min=20 max=2000",
        b"EV STEP i=3 b=12 m=ok x=1 y=2 h=N",
        b"EV WD",
        b"6 DONE st=busy",
    ]


def _frame_seeds() -> list[bytes]:
    return [
        b"1 HELLO",
        b"2 STOP*F5",
        b"3 POSE 1 1 E",
        b"5 MOVE F3",
        b"9 CAL cell=150 speed=150",
        b"4 PLAN 3",
        b"5 ADD 0 F1 L2 R3",
        b"7 RUN",
        b"8 NAME Robi",
    ]


def _manifest_seeds() -> list[bytes]:
    return [_archive_parts()[0]]


def _archive_parts() -> tuple[bytes, bytes]:
    """A real pack archive of a test pack: its manifest and the whole zip."""
    from robolab.pack_archive.export import export_pack

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "starter.zip"
        export_pack(ROOT / "challenges" / "starter", target)
        raw = target.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        manifest = zf.read("robolab-pack.json")
    return manifest, raw


def _archive_seeds() -> list[bytes]:
    return [_archive_parts()[1]]


def _json_seeds() -> list[bytes]:
    return [b'{"a": [1, 2.5, "x", null, true]}', b"[[[[[]]]]]", b'"\\u00e9"']


_SEEDS: dict[str, Callable[[], list[bytes]]] = {
    "program_json": _program_seeds,
    "program_text": _text_seeds,
    "challenge": _challenge_seeds,
    "map": _map_seeds,
    "robot_line": _line_seeds,
    "host_frame": _frame_seeds,
    "robot_core": _frame_seeds,
    "json_text": _json_seeds,
    "manifest": _manifest_seeds,
    "pack_archive": _archive_seeds,
}
_RUN: dict[str, Callable[[bytes], object]] = {
    "program_json": _program_json,
    "program_text": _program_text,
    "challenge": _challenge,
    "map": _map,
    "robot_line": _robot_line,
    "host_frame": _host_frame,
    "robot_core": _robot_core,
    "json_text": _json_text,
    "manifest": _manifest,
    "pack_archive": _pack_archive,
}


NAMES = tuple(sorted(_RUN))
"""The targets' names (known without importing what they parse: atheris must import it first)."""


def targets() -> dict[str, Target]:
    errors = _errors()
    return {name: Target(name, _RUN[name], errors[name], _SEEDS[name]) for name in _RUN}


def regressions(name: str) -> list[tuple[str, bytes]]:
    """Inputs that once crashed a target (kept in ``regressions/<target>/``)."""
    folder = REGRESSIONS / name
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*")) if p.is_file()]
