"""Fixtures for the classroom server: an app on a real SQLite file, teams, and a real server process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from robolab.server import ServerConfig, create_app

PACKS = Path(__file__).parent / "packs"
REPO = Path(__file__).resolve().parents[2]
LINE = [{"block": "move_forward"}] * 4  # solves tiny/line with 2 stars
LINE_BEST = [{"block": "repeat", "times": 4, "body": [{"block": "move_forward"}]}]


@pytest.fixture
def config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "data", pack_roots=[PACKS], demo=True, join_limit=1000)


@pytest.fixture
def client(config: ServerConfig) -> Iterator[TestClient]:
    with TestClient(create_app(config)) as c:
        yield c


def demo_code(client: TestClient) -> str:
    from robolab.server import store

    state = client.app.state.robolab  # type: ignore[attr-defined]
    sessions = client.portal.call(state.db.run, store.open_sessions)  # type: ignore[union-attr]
    return str(sessions[0].code)


def join(client: TestClient, animal: str = "fox", color: str = "orange") -> dict[str, str]:
    """Joins the demo session; returns the Authorization header of the new team."""
    response = client.post(
        "/api/join", json={"code": demo_code(client), "animal": animal, "color": color}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def team(client: TestClient) -> dict[str, str]:
    return join(client)


def login(client: TestClient) -> dict[str, str]:
    """Follows the facilitator link (the client keeps the cookie); returns the CSRF header."""
    from robolab.server.guard import csrf_token

    token = client.app.state.robolab.facilitator_token  # type: ignore[attr-defined]
    assert client.get(f"/facilitator?token={token}", follow_redirects=False).status_code == 303
    return {"X-RoboLab-CSRF": csrf_token(token)}


@pytest.fixture
def fac(client: TestClient) -> dict[str, str]:
    return login(client)


def demo_id(client: TestClient) -> int:
    from robolab.server import store

    state = client.app.state.robolab  # type: ignore[attr-defined]
    sessions = client.portal.call(state.db.run, store.open_sessions)  # type: ignore[union-attr]
    return int(sessions[0].id)


@dataclass
class LiveServer:
    process: subprocess.Popen[str]
    reader: threading.Thread
    base: str
    code: str
    facilitator: str
    output: str
    lines: list[str] = field(default_factory=list)
    """Everything the server printed so far (the reader thread appends to it)."""

    def kill(self) -> None:
        """SIGKILL, as a power cut or a crash would (nothing is flushed by the server)."""
        self.process.kill()
        self._reap()

    def _reap(self) -> None:
        self.process.wait()
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_server(
    data: Path, *extra: str, timeout: float = 20.0, port: int = 0, packs: Path = PACKS
) -> LiveServer:
    """Starts ``robolab serve`` on ``port`` (0: a free one) and reads what it prints."""
    cmd = [sys.executable, "-m", "robolab", "serve", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--data", str(data), "--pack", str(packs), "--demo", "--lang", "en", *extra]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO, env=env
    )
    lines: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not any("Ctrl+C" in line for line in lines):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            reader.join(timeout=5)
            if proc.stdout is not None:
                proc.stdout.close()
            raise AssertionError("server did not start:\n" + "".join(lines))
        time.sleep(0.05)
    text = "".join(lines)
    base = re.search(r"(http://127\.0\.0\.1:\d+)/", text)
    code = re.search(r"code (\d{6})", text)
    facilitator = re.search(r"(http://\S+/facilitator\?token=\S+)", text)
    assert base and code and facilitator, text
    server = LiveServer(
        proc, reader, base.group(1), code.group(1), facilitator.group(1), text, lines
    )
    wait_healthy(server.base)
    return server


def wait_healthy(base: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).json() == {"ok": True}:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{base} is not healthy")
        time.sleep(0.05)


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
    server._reap()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(tmp_path_factory.mktemp("live") / "data")
    yield server
    stop_server(server)


def run_body(program: Any, challenge: str = "tiny/line", **extra: Any) -> dict[str, Any]:
    return {"challenge": challenge, "program": program, **extra}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless and offline, shared by a real-browser test module."""
    from tests.server.browsing import launch

    with launch() as chromium:
        yield chromium
