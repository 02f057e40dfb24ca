"""The tablets' WebSocket: hello with the token, then pushes for the team and the room."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.server import store
from robolab.server.models import SessionState
from tests.server.conftest import LINE, demo_code, join, run_body


def _token(headers: dict[str, str]) -> str:
    return headers["Authorization"].split()[1]


def test_a_team_hears_its_runs_and_the_room_but_not_other_teams(
    client: TestClient, team: dict[str, str]
) -> None:
    other = join(client, "panda", "pink")
    with client.websocket_connect("/ws") as mine, client.websocket_connect("/ws") as theirs:
        mine.send_json({"type": "hello", "token": _token(team)})
        theirs.send_json({"type": "hello", "token": _token(other)})
        welcome = mine.receive_json()
        assert welcome["type"] == "welcome"
        assert welcome["team"]["animal"] == "fox"
        assert welcome["session"]["state"] == "open"
        assert theirs.receive_json()["type"] == "welcome"

        attempt = client.post("/api/team/run", json=run_body(LINE), headers=team).json()["attempt"]
        pushed = mine.receive_json()
        assert pushed["type"] == "event"
        assert pushed["event"]["type"] == "attempt"
        assert pushed["event"]["data"]["attempt"] == attempt
        assert pushed["event"]["data"]["stars"] == 2

        state = client.app.state.robolab  # type: ignore[attr-defined]
        session = client.portal.call(state.db.run, store.session_by_code, demo_code(client))  # type: ignore[union-attr]
        event = client.portal.call(
            state.db.run, store.set_session_state, session.id, SessionState.PAUSED
        )  # type: ignore[union-attr]
        client.portal.call(lambda: state.hub.publish(event))  # type: ignore[union-attr, arg-type]
        for ws in (mine, theirs):  # the other team heard nothing before the pause
            message = ws.receive_json()
            assert message["event"]["type"] == "session.state"
            assert message["event"]["data"] == {"state": "paused"}

        mine.send_json({"type": "ping"})
        assert mine.receive_json() == {"type": "pong"}


def test_a_bad_token_is_closed_with_4401(client: TestClient) -> None:
    with client.websocket_connect("/ws") as ws:
        ws.send_json({"type": "hello", "token": "nope"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4401


def test_junk_before_hello_is_refused(client: TestClient) -> None:
    with client.websocket_connect("/ws") as ws:
        ws.send_bytes(b"\x00\x01")
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4401


def test_a_foreign_origin_is_refused(client: TestClient, team: dict[str, str]) -> None:
    with pytest.raises(WebSocketDisconnect) as closed:  # noqa: SIM117
        with client.websocket_connect("/ws", headers={"Origin": "http://evil.example"}) as ws:
            ws.receive_json()
    assert closed.value.code == 4403
