"""The facilitator's secret link: kept as hashes only, new at every start, and replaced by "a new
secret link" (the facilitator pages, or ``robolab serve --new-facilitator-link``), which lets
every other facilitator out at once."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.server import ServerConfig, create_app
from robolab.server.db import connect
from robolab.server.fac_keys import DAY, KEY_DAYS, FacilitatorKeys, load_keys, new_key, touch_key
from robolab.server.guard import csrf_token
from tests.server.conftest import demo_id, start_server, stop_server

LINK = "/api/facilitator/link"


def as_facilitator(key: str, csrf: str | None = None) -> dict[str, str]:
    """A browser holding ``key`` in its cookie (and the page's CSRF value, by default its own)."""
    return {"Cookie": f"robolab_facilitator={key}", "X-RoboLab-CSRF": csrf or csrf_token(key)}


def stored_hashes(config: ServerConfig) -> set[str]:
    with sqlite3.connect(config.db_path) as conn:
        return {row[0] for row in conn.execute("SELECT hash FROM facilitator_keys")}


def sha256(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def test_the_secret_is_kept_only_as_a_hash(config: ServerConfig) -> None:
    with TestClient(create_app(config)) as client:
        key = client.app.state.robolab.facilitator_token  # type: ignore[attr-defined]
        assert client.get(f"/facilitator?token={key}", follow_redirects=False).status_code == 303
    assert stored_hashes(config) == {sha256(key)}
    with sqlite3.connect(config.db_path) as conn:
        assert (
            conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'facilitator%'").fetchone()[0]
            == 0
        )
    for path in config.data_dir.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path


def test_a_key_is_compared_whole_and_forgotten_after_30_unused_days(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    key = new_key(conn)
    now = load_keys(conn)[sha256(key)]
    keys = FacilitatorKeys(load_keys(conn))
    assert keys.holds(key) == sha256(key)
    for wrong in ("", key[:-1], key + "x", key.upper(), "x" * 5000):
        assert keys.holds(wrong) is None
    later = now + (KEY_DAYS - 1) * DAY
    touch_key(conn, sha256(key), later)  # its link was opened again: 30 more days
    assert sha256(key) in load_keys(conn, now=later + (KEY_DAYS - 1) * DAY)
    assert load_keys(conn, now=later + (KEY_DAYS + 1) * DAY) == {}
    assert FacilitatorKeys({sha256(key): now}).holds(key, now=now + (KEY_DAYS + 1) * DAY) is None
    conn.close()


def test_a_new_secret_link_lets_every_other_facilitator_out(config: ServerConfig) -> None:
    with TestClient(create_app(config)) as client:
        state = client.app.state.robolab  # type: ignore[attr-defined]
        laptop = state.facilitator_token  # this start's link, opened on the laptop
        earlier = client.portal.call(state.db.run, new_key)  # a link of an earlier start
        state.keys.add(earlier)
        session = demo_id(client)
        assert client.get("/api/facilitator/sessions", headers=as_facilitator(earlier)).is_success
        # refused without the page's CSRF value, or from another site
        no_csrf = client.post(LINK, headers={"Cookie": f"robolab_facilitator={laptop}"})
        assert no_csrf.status_code == 403 and no_csrf.json()["error"]["code"] == "facilitator.csrf"
        other_site = {**as_facilitator(laptop), "Origin": "http://evil.example"}
        assert client.post(LINK, headers=other_site).status_code == 403
        assert stored_hashes(config) == {sha256(laptop), sha256(earlier)}
        with client.websocket_connect(
            "/ws/facilitator", headers={"Cookie": f"robolab_facilitator={earlier}"}
        ) as projector:
            projector.send_json({"type": "hello", "session": session})
            assert projector.receive_json()["type"] == "snapshot"
            answer = client.post(LINK, headers=as_facilitator(laptop), json={"lang": "en"})
            assert answer.status_code == 200, answer.text
            with pytest.raises(WebSocketDisconnect) as closed:
                projector.receive_json()
            assert closed.value.code == 4401  # the page reloads and explains how to get in
        client.cookies.clear()
        made = answer.json()
        new = made["link"].split("token=")[1]
        assert urlsplit(made["link"]).path == "/facilitator" and new not in (laptop, earlier)
        assert f"robolab_facilitator={new}" in answer.headers["set-cookie"]
        assert "httponly" in answer.headers["set-cookie"].lower()
        assert made["qr"].startswith("data:image/svg+xml") and made["csrf"] == csrf_token(new)
        assert state.facilitator_token == new and stored_hashes(config) == {sha256(new)}
        # every other facilitator is out at once: cookies, links, sockets
        for key in (laptop, earlier):
            denied = client.get("/api/facilitator/sessions", headers=as_facilitator(key))
            assert denied.status_code == 403
            assert client.get(f"/facilitator?token={key}").status_code == 403
            with (
                pytest.raises(WebSocketDisconnect) as refused,
                client.websocket_connect(
                    "/ws/facilitator", headers={"Cookie": f"robolab_facilitator={key}"}
                ),
            ):
                pass
            assert refused.value.code == 4401
        # the laptop goes on with the new key (and its page's new CSRF value)
        pause = {"state": "paused"}
        stale = client.post(
            f"/api/facilitator/sessions/{session}/state",
            json=pause,
            headers=as_facilitator(new, csrf_token(laptop)),
        )
        assert stale.status_code == 403
        fine = client.post(
            f"/api/facilitator/sessions/{session}/state", json=pause, headers=as_facilitator(new)
        )
        assert fine.status_code == 200
        assert client.get(f"/facilitator?token={new}", follow_redirects=False).status_code == 303


def opens(base: str, link: str) -> int:
    query = urlsplit(link).query
    return httpx.get(f"{base}/facilitator?{query}", follow_redirects=False).status_code


def test_each_start_prints_a_new_link_and_the_option_cuts_the_old_ones(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start_server(data)
    stop_server(first)
    second = start_server(data)
    try:
        assert second.facilitator != first.facilitator
        assert opens(second.base, first.facilitator) == 303  # links given before still work
    finally:
        stop_server(second)
    third = start_server(data, "--new-facilitator-link")
    try:
        assert "New secret link" in third.output
        assert opens(third.base, third.facilitator) == 303
        assert [opens(third.base, s.facilitator) for s in (first, second)] == [403, 403]
    finally:
        stop_server(third)
