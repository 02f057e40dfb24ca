"""A real ``robolab serve`` process: what it prints, raw HTTP limits, WebSocket pushes, restarts."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import websockets

from tests.server.conftest import LINE, PACKS, REPO, LiveServer, run_body, start_server, stop_server


def test_it_prints_the_addresses_the_code_a_qr_code_and_the_facilitator_link(
    live_server: LiveServer,
) -> None:
    out = live_server.output
    assert f"{live_server.base}/j/{live_server.code}" in out
    assert "▄" in out or "█" in out  # the terminal QR code
    assert "Facilitator link" in out
    assert "3 challenge(s) loaded from 1 pack(s)" in out


def test_healthz_and_run_over_real_http(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.base}/healthz").json() == {"ok": True}
    result = httpx.post(f"{live_server.base}/api/run", json=run_body(LINE)).json()
    assert result["stars"] == 2
    assert len(result["trace"]) == 4


def test_keep_alive_answers_are_not_delayed(live_server: LiveServer) -> None:
    """Nagle's algorithm with delayed ACKs would add about 40 ms to each answer after the first."""
    with httpx.Client() as http:
        times = []
        for _ in range(6):
            t0 = time.perf_counter()
            assert http.post(f"{live_server.base}/api/run", json=run_body(LINE)).status_code == 200
            times.append(time.perf_counter() - t0)
    assert sorted(times)[3] < 0.025, times


def _raw(base: str, request: bytes) -> bytes:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_chunked_body_over_64_kib_is_413(live_server: LiveServer) -> None:
    head = b"POST /api/run HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    head += b"Content-Type: application/json\r\nConnection: close\r\n\r\n"
    chunk = b"[" * 8192
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(10)) + b"0\r\n\r\n"
    answer = _raw(live_server.base, head + body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"api.too_large" in answer


def test_a_declared_length_over_64_kib_is_refused_before_reading(live_server: LiveServer) -> None:
    head = (
        b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n"
    )
    answer = _raw(live_server.base, head + b"{}")
    assert answer.startswith(b"HTTP/1.1 413")


def test_the_facilitator_link_sets_a_cookie_and_shows_the_join_code(
    live_server: LiveServer,
) -> None:
    with httpx.Client(follow_redirects=True) as browser:
        assert browser.get(f"{live_server.base}/facilitator/").status_code == 403
        page = browser.get(live_server.facilitator)
        assert page.status_code == 200
        assert "/static/js/fac/main.js" in page.text
        sessions = browser.get(f"{live_server.base}/api/facilitator/sessions").json()["sessions"]
        assert [s["code"] for s in sessions] == [live_server.code]
        qr = browser.get(f"{live_server.base}/api/facilitator/sessions/{sessions[0]['id']}/qr.svg")
        assert qr.headers["content-type"].startswith("image/svg+xml")
        assert "<svg" in qr.text  # the session's QR code
    wrong = httpx.get(f"{live_server.base}/facilitator?token=guess")
    assert wrong.status_code == 403


def test_websocket_push_over_a_real_server(live_server: LiveServer) -> None:
    joined = httpx.post(
        f"{live_server.base}/api/join",
        json={"code": live_server.code, "animal": "otter", "color": "gold"},
    ).json()
    headers = {"Authorization": f"Bearer {joined['token']}"}

    async def scenario() -> dict[str, object]:
        url = live_server.base.replace("http", "ws") + "/ws"
        async with websockets.connect(url, origin=live_server.base) as ws:  # type: ignore[arg-type]
            await ws.send(json.dumps({"type": "hello", "token": joined["token"]}))
            assert json.loads(await ws.recv())["type"] == "welcome"
            async with httpx.AsyncClient() as http:
                await http.post(
                    f"{live_server.base}/api/team/run", json=run_body(LINE), headers=headers
                )
            return dict(json.loads(await asyncio.wait_for(ws.recv(), 5)))

    message = asyncio.run(scenario())
    assert message["type"] == "event"
    assert message["event"]["type"] == "attempt"  # type: ignore[index]


def test_work_survives_a_hard_kill_and_restart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = start_server(data)
    try:
        joined = httpx.post(
            f"{server.base}/api/join", json={"code": server.code, "animal": "lynx", "color": "blue"}
        ).json()
        headers = {"Authorization": f"Bearer {joined['token']}"}
        saved = httpx.put(
            f"{server.base}/api/team/workspaces/tiny/line",
            json={"workspace": {"k": 1}},
            headers=headers,
        )
        assert saved.status_code == 200
        run = httpx.post(f"{server.base}/api/team/run", json=run_body(LINE), headers=headers).json()
    finally:
        server.kill()
    again = start_server(data)
    try:
        assert again.code == server.code
        attempts = httpx.get(f"{again.base}/api/team/attempts", headers=headers).json()["attempts"]
        assert [a["id"] for a in attempts] == [run["attempt"]]
        page = httpx.get(f"{again.base}/api/team/challenges/tiny/line", headers=headers).json()
        assert page["workspace"] == {"k": 1}
    finally:
        stop_server(again)


def test_a_busy_port_is_a_clear_message(live_server: LiveServer, tmp_path: Path) -> None:
    port = str(urlsplit(live_server.base).port)
    cmd = [sys.executable, "-m", "robolab", "serve", "--host", "127.0.0.1", "--port", port]
    cmd += ["--data", str(tmp_path), "--pack", str(PACKS), "--lang", "en"]
    done = subprocess.run(
        cmd, capture_output=True, text=True, cwd=REPO, timeout=30, env=dict(os.environ)
    )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_no_challenges_is_a_clear_message(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "robolab", "serve", "--port", "0", "--data", str(tmp_path)]
    cmd += ["--pack", str(tmp_path / "empty"), "--lang", "en"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=30)
    assert done.returncode == 2
    assert "no challenge loaded" in done.stderr


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_lan_addresses_are_printed_for_every_interface(host: str) -> None:
    from robolab.server.netinfo import urls_for

    urls = urls_for(host, 8000)
    assert urls and all(u.startswith("http://") and u.endswith(":8000") for u in urls)
    assert not any("127.0.0.1" in u for u in urls[1:])
    assert urls_for("127.0.0.1", 9) == ["http://127.0.0.1:9"]
