"""``make fuzz``: the parsers, coverage-guided, for a bounded time (``python -m tests.fuzz.run``).

With atheris installed (libFuzzer for Python; ``make fuzz`` installs it when it can), each target
of :mod:`tests.fuzz.targets` runs in its own process for ``--seconds``, starting from its seeds,
with RoboLab's modules instrumented for coverage. Without atheris, Hypothesis runs the same
targets with many more examples than in ``make test``.

A crash is an input that raised something else than the target's own "bad input" error; it is
copied to ``tests/fuzz/regressions/<target>/`` (replayed by ``make test`` from then on) and the
run fails. Exit code 0: no crash.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.targets import NAMES, REGRESSIONS, targets

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENTED = (
    "robolab.json_text",
    "robolab.program_loader",
    "robolab.program_text",
    "robolab.blockly.reader",
    "robolab.challenge_loader",
    "robolab.grid",
    "robolab.pack_archive.manifest",
    "robolab.pack_archive.zipcheck",
    "firmware_bridge.codec",
    "firmware_bridge.firmware.micropython.robocore",
)


def have_atheris() -> bool:
    try:
        import atheris  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def child(name: str, corpus: Path, artifacts: Path, seconds: int) -> None:
    """Runs one target under atheris until the time is up (never returns)."""
    import importlib

    import atheris

    with atheris.instrument_imports(include=["robolab", "firmware_bridge"]):
        for module in INSTRUMENTED:
            importlib.import_module(module)
    target = targets()[name]

    def one(data: bytes) -> None:
        target.check(data)

    args = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-artifact_prefix={artifacts}/",
        "-max_len=65536",
        "-rss_limit_mb=2048",
        "-timeout=10",
        "-print_final_stats=1",
    ]
    atheris.Setup(args, one)
    atheris.Fuzz()


def run_atheris(names: list[str], seconds: int, work: Path) -> list[tuple[str, Path]]:
    crashes: list[tuple[str, Path]] = []
    for name in names:
        corpus, artifacts = work / name / "corpus", work / name / "crashes"
        corpus.mkdir(parents=True)
        artifacts.mkdir(parents=True)
        for seed in targets()[name].seeds():
            (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        started = time.monotonic()
        cmd = [sys.executable, "-m", "tests.fuzz.run", "--child", name, "--seconds", str(seconds)]
        cmd += ["--corpus", str(corpus), "--artifacts", str(artifacts)]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        stats = [line for line in done.stderr.splitlines() if line.startswith("stat::")]
        runs = next(
            (line.split(":")[-1].strip() for line in stats if "number_of_executed_units" in line),
            "?",
        )
        found = sorted(artifacts.glob("*"))
        print(
            f"{name:14s} {time.monotonic() - started:5.1f} s  {runs:>9s} inputs  "
            f"corpus {len(list(corpus.glob('*'))):5d}  crashes {len(found)}",
            flush=True,
        )
        if done.returncode != 0 and not found:
            print(done.stderr[-3000:], file=sys.stderr)
            crashes.append((name, Path("?")))
        crashes += [(name, path) for path in found]
    return crashes


def run_hypothesis(names: list[str], seconds: int) -> int:
    examples = max(200, seconds * 100)
    env = dict(os.environ, ROBOLAB_FUZZ_EXAMPLES=str(examples))
    selected = " or ".join(names)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/fuzz",
        "-k",
        selected,
    ]
    print(f"atheris is not installed: Hypothesis, {examples} inputs per target", flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def keep(crashes: list[tuple[str, Path]]) -> None:
    """Every crash becomes a regression input (replayed by ``make test``)."""
    for name, path in crashes:
        if not path.is_file():
            continue
        folder = REGRESSIONS / name
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"crash-{hashlib.sha1(path.read_bytes()).hexdigest()[:12]}"
        shutil.copyfile(path, kept)
        print(f"crash in {name}: kept as {kept.relative_to(ROOT)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run")
    parser.add_argument("--seconds", type=int, default=30, help="per target (default 30)")
    parser.add_argument("--target", action="append", choices=NAMES, default=[])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 3600:
        parser.error("--seconds: 1 to 3600")
    if args.child:
        child(args.child, args.corpus, args.artifacts, args.seconds)
        return 0
    names = args.target or list(NAMES)
    if not have_atheris():
        return run_hypothesis(names, args.seconds)
    with tempfile.TemporaryDirectory(prefix="robolab-fuzz-") as tmp:
        crashes = run_atheris(names, args.seconds, Path(tmp))
        keep(crashes)
    print(f"{len(names)} targets, {args.seconds} s each: {len(crashes)} crash(es)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
