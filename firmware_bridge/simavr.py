"""The reference AVR firmware, built with avr-gcc and run inside simavr on a pseudo-terminal.

:func:`build_firmware` runs the firmware's Makefile (incremental: a second call costs a few
milliseconds); :class:`SimavrRobot` starts the C harness and watches the motor pins it reports,
so tests and benchmarks can check that the *real binary* stops its motors when the host goes quiet.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

AVR_DIR = Path(__file__).parent / "firmware" / "avr"
SIMAVR_INCLUDE = Path("/usr/include/simavr")


@dataclass(frozen=True, slots=True)
class FirmwareBuild:
    elf: Path
    hex: Path
    harness: Path


def missing_tools() -> list[str]:
    """What is missing to build and simulate the firmware (empty when all is there)."""
    missing = [
        tool for tool in ("make", "avr-gcc", "avr-objcopy", "cc") if shutil.which(tool) is None
    ]
    if not (SIMAVR_INCLUDE / "sim_avr.h").exists():
        missing.append("libsimavr-dev")
    return missing


def default_build_dir() -> Path:
    """``firmware/avr/build`` (git-ignored) when writable, else a per-user cache directory."""
    here = AVR_DIR / "build"
    if os.access(AVR_DIR, os.W_OK):
        return here
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("robolab")) / "avr-build"


def build_firmware(build_dir: Path | None = None) -> FirmwareBuild:
    """Builds (or brings up to date) the firmware and the simavr harness.

    Raises:
        RuntimeError: a tool is missing or the build failed (with the compiler's output).
    """
    missing = missing_tools()
    if missing:
        raise RuntimeError(f"cannot build the AVR firmware, missing: {', '.join(missing)}")
    build = build_dir or default_build_dir()
    build.mkdir(parents=True, exist_ok=True)
    with open(build / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # tests and benchmarks may build at the same time
        done = subprocess.run(
            ["make", "-s", "-C", str(AVR_DIR), f"BUILD={build}", "all", "sim"],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"AVR firmware build failed:\n{done.stdout}{done.stderr}")
    return FirmwareBuild(build / "robolab.elf", build / "robolab.hex", build / "harness")


class SimavrRobot:
    """The firmware in simavr. ``start()`` returns the pseudo-terminal to open with pyserial.

    Attributes:
        motors: ``(monotonic seconds, left, right)`` for every change of the motor direction pins.
        led: ``(monotonic seconds, on)`` for every change of the identify light.
        opened / closed: when the host opened / closed the device.
    """

    def __init__(self, build: FirmwareBuild, *, battery_mv: int = 7400, boot_ms: int = 20) -> None:
        self.build = build
        self.battery_mv = battery_mv
        self.boot_ms = boot_ms
        self.path = ""
        self.motors: list[tuple[float, int, int]] = []
        self.led: list[tuple[float, bool]] = []
        self.opened: list[float] = []
        self.closed: list[float] = []
        self._process: subprocess.Popen[str] | None = None
        self._changed = threading.Condition()
        self._reader: threading.Thread | None = None

    def start(self) -> str:
        process = subprocess.Popen(
            [
                str(self.build.harness),
                str(self.build.elf),
                "--battery-mv",
                str(self.battery_mv),
                "--boot-ms",
                str(self.boot_ms),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        self.path = process.stdout.readline().strip()
        if not self.path.startswith("/dev/"):
            process.kill()
            raise RuntimeError(f"the simavr harness did not start (got {self.path!r})")
        self._process = process
        self._reader = threading.Thread(target=self._read, daemon=True, name="simavr-harness")
        self._reader.start()
        return self.path

    def _read(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for line in process.stdout:
            words = line.split()
            if not words:
                continue
            with self._changed:
                if words[0] == "MOTORS" and len(words) >= 4:
                    self.motors.append((int(words[3]) / 1e9, int(words[1]), int(words[2])))
                elif words[0] == "LED" and len(words) >= 3:
                    self.led.append((int(words[2]) / 1e9, words[1] == "1"))
                elif words[0] == "OPEN" and len(words) >= 2:
                    self.opened.append(int(words[1]) / 1e9)
                elif words[0] == "CLOSE" and len(words) >= 2:
                    self.closed.append(int(words[1]) / 1e9)
                self._changed.notify_all()

    @property
    def motors_running(self) -> bool:
        with self._changed:
            return bool(self.motors) and self.motors[-1][1:] != (0, 0)

    def wait_motors(self, running: bool, timeout: float = 3.0) -> float:
        """Blocks until the motors are running (or stopped); returns when that happened."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (bool(self.motors) and self.motors[-1][1:] != (0, 0)) != running:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"motors not {'running' if running else 'stopped'}")
                self._changed.wait(left)
            return self.motors[-1][0] if self.motors else time.monotonic()

    async def wait_motors_async(self, running: bool, timeout: float = 3.0) -> float:
        return await asyncio.get_running_loop().run_in_executor(
            None, self.wait_motors, running, timeout
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=1)
        if process.stdout is not None:
            process.stdout.close()

    def __enter__(self) -> SimavrRobot:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
