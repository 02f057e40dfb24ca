"""The database cannot write: a full disk, a lock held by another program, a commit that fails.

What must survive: a clear 503 for the tablet and the facilitator (never a 500, never a
traceback), a notice on the facilitators' pages and in the terminal, every acknowledged attempt,
a database that passes ``PRAGMA integrity_check``, and a server that works again by itself once
the disk has room or the lock is gone.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.server import ServerConfig, create_app, db
from robolab.server.guard import csrf_token
from tests.server.conftest import LINE, demo_id, join, login, run_body, start_server, stop_server

FAC = "/api/facilitator/sessions"


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _on_db(client: TestClient, sql: str) -> Any:
    state = client.app.state.robolab  # type: ignore[attr-defined]

    def run(conn: sqlite3.Connection) -> Any:
        return conn.execute(sql).fetchone()

    return client.portal.call(state.db.run, run)  # type: ignore[union-attr]


def _next_event(ws: Any, kind: str) -> dict[str, Any]:
    for _ in range(1000):
        event: dict[str, Any] = ws.receive_json()["event"]
        if event["type"] == kind:
            return event
    raise AssertionError(f"no {kind} event")


def _stored_attempts(client: TestClient, csrf: dict[str, str]) -> set[int]:
    exported = client.get(f"{FAC}/{demo_id(client)}/export.json", headers=csrf).json()
    return {a["id"] for a in exported["attempts"]}


def test_a_commit_that_fails_leaves_no_transaction_open(tmp_path: Path) -> None:
    """SQLite may keep the transaction open when COMMIT fails: the next BEGIN must still work."""
    conn = db.connect(tmp_path / "x.sqlite3")
    conn.executescript(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);"
    )
    with pytest.raises(sqlite3.IntegrityError), db.transaction(conn):
        conn.execute("INSERT INTO child VALUES (42)")  # checked only at COMMIT
    assert not conn.in_transaction
    with db.transaction(conn):
        conn.execute("INSERT INTO parent VALUES (1)")
    assert conn.execute("SELECT count(*) FROM parent").fetchone()[0] == 1
    conn.close()


def test_a_full_database_is_a_clear_503_and_nothing_is_lost(client: TestClient) -> None:
    csrf = login(client)
    team = join(client)
    first = client.post("/api/team/run", json=run_body(LINE), headers=team)
    assert first.status_code == 200
    session = demo_id(client)
    with client.websocket_connect("/ws/facilitator") as dashboard:
        dashboard.send_json({"type": "hello", "session": session})
        assert dashboard.receive_json()["type"] == "snapshot"
        pages = _on_db(client, "PRAGMA page_count")[0]
        _on_db(client, f"PRAGMA max_page_count = {pages}")  # as if the disk were full now
        acked = [first.json()["attempt"]]
        for _ in range(200):  # until a page is needed that the disk does not have
            run = client.post("/api/team/run", json=run_body(LINE, lang="en"), headers=team)
            if run.status_code != 200:
                break
            acked.append(run.json()["attempt"])
        assert run.status_code == 503
        assert run.json()["error"]["code"] == "db.full"
        assert "disk is full" in run.json()["error"]["message"]
        assert run.headers["retry-after"] == "5"
        saved = client.put(
            "/api/team/workspaces/tiny/line", json={"workspace": {"k": 1}}, headers=team
        )
        assert saved.status_code in (200, 503)  # a small change may still fit in a page
        assert saved.status_code == 200 or saved.json()["error"]["code"] == "db.full"
        for n in range(200):  # the facilitator's actions too, until one needs a new page
            said = client.post(f"{FAC}/{session}/messages", json={"text": f"M{n}"}, headers=csrf)
            if said.status_code != 201:
                break
        assert said.status_code == 503
        assert "disque" in said.json()["error"]["message"]  # French first
        notice = _next_event(dashboard, "server.problem")  # after the runs that still fitted
        assert notice["data"]["code"] == "db.full"
        assert "plein" in notice["data"]["message"]["fr"]

        # reading still works, and nothing acknowledged is gone
        attempts = client.get("/api/team/attempts", headers=team).json()["attempts"]
        assert sorted(a["id"] for a in attempts) == acked

        _on_db(client, "PRAGMA max_page_count = 1073741823")  # room again
        again = client.post("/api/team/run", json=run_body(LINE), headers=team)
        assert again.status_code == 200
    assert _stored_attempts(client, csrf) == {*acked, again.json()["attempt"]}
    assert _on_db(client, "PRAGMA integrity_check")[0] == "ok"


@pytest.fixture
def quick_lock(monkeypatch: pytest.MonkeyPatch, config: ServerConfig) -> Iterator[TestClient]:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # a write waits 0.2 s for a lock, not 5 s
    with TestClient(create_app(config)) as c:
        yield c


def test_a_database_locked_by_another_program_is_a_clear_503(
    quick_lock: TestClient, config: ServerConfig
) -> None:
    client = quick_lock
    csrf = login(client)
    team = join(client)
    first = client.post("/api/team/run", json=run_body(LINE), headers=team).json()["attempt"]
    other = sqlite3.connect(config.db_path, isolation_level=None)  # a backup tool, a 2nd server
    other.execute("BEGIN IMMEDIATE")
    try:
        run = client.post("/api/team/run", json=run_body(LINE, lang="en"), headers=team)
        assert run.status_code == 503
        assert run.json()["error"]["code"] == "db.busy"
        assert "locked by another program" in run.json()["error"]["message"]
        pause = client.post(
            f"{FAC}/{demo_id(client)}/state", json={"state": "paused"}, headers=csrf
        )
        assert (pause.status_code, pause.json()["error"]["code"]) == (503, "db.busy")
        assert client.get("/api/team/ladder", headers=team).status_code == 200  # reads go on
    finally:
        other.execute("ROLLBACK")
        other.close()
    again = client.post("/api/team/run", json=run_body(LINE), headers=team)
    assert again.status_code == 200
    assert _stored_attempts(client, csrf) == {first, again.json()["attempt"]}
    assert _integrity(config.db_path) == "ok"


def test_a_bug_in_a_query_is_not_taken_for_a_disk_problem() -> None:
    """Only the machine's problems are 503s: a wrong query is a bug, and says so."""
    from robolab.server.db_problems import is_machine_problem

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    conn.execute("INSERT INTO t VALUES (1, 'x')")
    for bug in ("INSERT INTO t VALUES (1)", "SELECT nope FROM t", "INSERT INTO t VALUES (1, 'y')"):
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute(bug)
        assert not is_machine_problem(raised.value), bug
    conn.execute("PRAGMA max_page_count = 1")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.execute("INSERT INTO t VALUES (2, ?)", ("x" * 100_000,))
    assert is_machine_problem(full.value)
    conn.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB filesystem (tmpfs), where the machine allows mounting one."""
    where = tmp_path / "disk"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> Path:
    """Fills the disk up, leaving a few KiB; returns the file to delete to make room."""
    filler = disk / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:  # no space left
        pass
    finally:
        os.close(fd)
    return filler


def test_a_real_full_disk_under_a_real_server(tiny_disk: Path) -> None:
    data = tiny_disk / "data"
    server = start_server(data)
    try:
        joined = httpx.post(
            f"{server.base}/api/join",
            json={"code": server.code, "animal": "lynx", "color": "blue"},
        ).json()
        team = {"Authorization": f"Bearer {joined['token']}"}
        acked = [
            httpx.post(f"{server.base}/api/team/run", json=run_body(LINE), headers=team).json()[
                "attempt"
            ]
        ]
        token = server.facilitator.split("token=")[1]
        fac = {"Cookie": f"robolab_facilitator={token}", "X-RoboLab-CSRF": csrf_token(token)}
        session = httpx.get(f"{server.base}/api/facilitator/sessions", headers=fac).json()[
            "sessions"
        ][0]["id"]

        async def full_disk() -> tuple[list[int], dict[str, Any]]:
            url = server.base.replace("http", "ws") + "/ws/facilitator"
            async with websockets.connect(url, additional_headers=fac) as ws:
                await ws.send(json.dumps({"type": "hello", "session": session}))
                assert json.loads(await ws.recv())["type"] == "snapshot"
                filler = _fill(tiny_disk)
                statuses = []
                async with httpx.AsyncClient(base_url=server.base) as http:
                    for _ in range(40):  # until the WAL needs a page it cannot get
                        long_run = run_body([{"block": "move_forward"}] * 40, lang="en")
                        answer = await http.post("/api/team/run", json=long_run, headers=team)
                        statuses.append(answer.status_code)
                        if answer.status_code == 200:
                            acked.append(answer.json()["attempt"])
                        else:
                            assert answer.json()["error"]["code"] == "db.full", answer.text
                            break
                    said = await http.post(
                        f"/api/facilitator/sessions/{session}/messages",
                        json={"text": "Pause"},
                        headers=fac,
                    )
                    statuses.append(said.status_code)
                while True:
                    event = json.loads(await asyncio.wait_for(ws.recv(), 5))
                    if event.get("event", {}).get("type") == "server.problem":
                        break
                filler.unlink()
                return statuses, event["event"]["data"]

        statuses, notice = asyncio.run(full_disk())
        assert statuses[-2:] == [503, 503], statuses
        assert notice["code"] == "db.full"
        again = httpx.post(f"{server.base}/api/team/run", json=run_body(LINE), headers=team)
        assert again.status_code == 200  # room again: no restart needed
        acked.append(again.json()["attempt"])
        exported = httpx.get(
            f"{server.base}/api/facilitator/sessions/{session}/export.json", headers=fac
        ).json()
        assert set(acked) <= {a["id"] for a in exported["attempts"]}
    finally:
        stop_server(server)
    out = "".join(server.lines)
    assert "Database problem: The facilitator's computer disk is full" in out
    assert "Traceback" not in out
    assert _integrity(data / "robolab.sqlite3") == "ok"


def test_sockets_close_with_try_again_when_the_database_cannot_answer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from robolab.server import store
    from robolab.server.routes import dashboard_ws

    team = join(client)
    token = team["Authorization"].split()[1]
    login(client)

    def broken(*args: object) -> None:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = sqlite3.SQLITE_IOERR_READ  # type: ignore[attr-defined]
        raise error

    with monkeypatch.context() as patch:
        patch.setattr(store, "team_by_token", broken)
        patch.setattr(dashboard_ws, "dashboard_rows", broken)
        for path, hello in (("/ws", {"token": token}), ("/ws/facilitator", {"session": 1})):
            with client.websocket_connect(path) as ws:
                ws.send_json({"type": "hello", **hello})
                with pytest.raises(WebSocketDisconnect) as closed:
                    ws.receive_json()
            assert closed.value.code == 1013  # try again later: the page reconnects by itself
    with client.websocket_connect("/ws") as ws:
        ws.send_json({"type": "hello", "token": token})
        assert ws.receive_json()["type"] == "welcome"
