"""A real ``robolab serve`` process for the load generator: start, kill, start again, measure.

The server listens on the loopback address only. Its CPU time and resident memory are read from
``/proc`` (Linux); elsewhere they are reported as unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
_BASE = re.compile(r"(http://127\.0\.0\.1:(\d+))/")
_TOKEN = re.compile(r"/facilitator\?token=(\S+)")


class ServerError(RuntimeError):
    """The server did not start (its output says why)."""


@dataclass(frozen=True)
class ProcStats:
    """CPU seconds used so far (user + system) and resident memory (KiB) of a process."""

    cpu_seconds: float
    rss_kib: int


def proc_stats(pid: int) -> ProcStats | None:
    """The process's CPU time and memory from ``/proc`` (``None`` where there is no ``/proc``)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)
    rss = re.search(r"VmRSS:\s+(\d+) kB", status)
    return ProcStats(cpu, int(rss.group(1)) if rss else 0)


class ServerProcess:
    """``robolab serve`` on ``127.0.0.1``; the same port (and data) when started again.

    Args:
        data: the server's data folder.
        packs: pack folders (``--pack``); none: the bundled packs.
        robots: robot URLs to connect at start (``--robot``).
        port: 0 for any free port on the first start.
    """

    def __init__(
        self, data: Path, packs: Sequence[Path] = (), robots: Sequence[str] = (), port: int = 0
    ) -> None:
        self.data = data
        self.packs = list(packs)
        self.robots = list(robots)
        self.port = port
        self.token = ""
        self.output: list[str] = []
        self.starts = 0
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "robolab", "serve", "--host", HOST, "--port", str(self.port)]
        cmd += ["--data", str(self.data), "--lang", "en", "--keep-days", "0"]
        for pack in self.packs:
            cmd += ["--pack", str(pack)]
        for url in self.robots:
            cmd += ["--robot", url]
        return cmd

    async def start(self, timeout: float = 60.0) -> None:
        """Starts the server and waits until it has printed its addresses (its banner).

        Raises:
            ServerError: it stopped or said nothing within ``timeout`` seconds.
        """
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        process = await asyncio.create_subprocess_exec(
            *self.command(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            stdin=asyncio.subprocess.DEVNULL,
            env=env,
        )
        self._process = process
        self.starts += 1
        first = len(self.output)
        ready = asyncio.Event()
        self._reader = asyncio.create_task(self._read(process, ready))
        try:
            await asyncio.wait_for(ready.wait(), timeout)
        except TimeoutError:
            await self.stop()
            raise ServerError("".join(self.output[first:])) from None
        text = "".join(self.output[first:])
        base, token = _BASE.search(text), _TOKEN.search(text)
        if process.returncode is not None or base is None or token is None:
            await self.stop()
            raise ServerError(text)
        self.port = int(base.group(2))
        self.token = token.group(1)

    async def _read(self, process: asyncio.subprocess.Process, ready: asyncio.Event) -> None:
        assert process.stdout is not None
        while line := await process.stdout.readline():
            text = line.decode("utf-8", "replace")
            self.output.append(text)
            if "Ctrl+C" in text:
                ready.set()
        ready.set()  # it stopped: start() sees the return code

    def stats(self) -> ProcStats | None:
        pid = self.pid
        return proc_stats(pid) if pid is not None and self.running else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def kill(self) -> None:
        """SIGKILL, as a power cut or a crash would: the server flushes nothing."""
        await self._end(signal.SIGKILL, 10.0)

    async def stop(self) -> None:
        """SIGTERM (a clean stop, as Ctrl+C), then SIGKILL after 10 s."""
        await self._end(signal.SIGTERM, 10.0)

    async def _end(self, how: signal.Signals, grace: float) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(how)
            try:
                await asyncio.wait_for(process.wait(), grace)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._reader, 5.0)
        self._process = None

    def problems(self) -> list[str]:
        """What the server logged that shows a bug: each error line, with the last line of the
        traceback that follows it (the exception)."""
        found: list[str] = []
        for i, line in enumerate(self.output):
            if not (line.startswith("ERROR") or " ERROR" in line):
                continue
            cause = ""
            for after in self.output[i + 1 : i + 200]:
                if after.startswith("ERROR") or " ERROR" in after:
                    break
                if after.strip() and not after.startswith((" ", "Traceback", "\t")):
                    cause = after.strip()
            found.append(f"{line.strip()} {cause}".strip())
        return found
