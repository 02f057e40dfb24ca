"""Joining a session: codes, pseudonyms, resuming on another tablet, rate limits."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from robolab.server import ServerConfig, create_app, pseudonyms, store
from robolab.server.models import SessionState
from tests.server.conftest import PACKS, demo_code, join


def test_session_lookup_offers_free_pseudonyms(client: TestClient) -> None:
    code = demo_code(client)
    info = client.get(f"/api/sessions/{code}?lang=en").json()
    assert info["session"]["code"] == code
    assert info["session"]["state"] == "open"
    assert len(info["suggestions"]) == 4
    assert len({s["animal"] for s in info["suggestions"]}) == 4
    assert all(s["name"]["en"] and s["name"]["fr"] for s in info["suggestions"])
    assert {"key": "fox", "name": "Fox"} in info["choices"]["animals"]


def test_unknown_code_is_404(client: TestClient) -> None:
    response = client.get("/api/sessions/000000", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == 'no open session has the code "000000"'


def test_join_gives_a_token_that_opens_the_team(client: TestClient) -> None:
    code = demo_code(client)
    response = client.post("/api/join", json={"code": code, "animal": "turtle", "color": "green"})
    assert response.status_code == 201
    joined = response.json()
    assert joined["team"]["name"] == {"fr": "Tortue verte", "en": "Green Turtle"}
    me = client.get("/api/team", headers={"Authorization": f"Bearer {joined['token']}"})
    assert me.json()["team"]["animal"] == "turtle"
    assert me.json()["session"]["code"] == code


def test_a_taken_pseudonym_is_409_with_other_ideas(client: TestClient) -> None:
    join(client, "fox", "orange")
    response = client.post(
        "/api/join", json={"code": demo_code(client), "animal": "fox", "color": "orange"}
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "team.taken"
    assert ("fox", "orange") not in {(s["animal"], s["color"]) for s in error["suggestions"]}
    info = client.get(f"/api/sessions/{demo_code(client)}").json()
    assert ("fox", "orange") not in {(s["animal"], s["color"]) for s in info["suggestions"]}


def test_invented_pseudonyms_are_refused(client: TestClient) -> None:
    response = client.post(
        "/api/join", json={"code": demo_code(client), "animal": "Kevin", "color": "orange"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "team.bad_pseudonym"


def test_resume_on_another_tablet_keeps_both_tablets_in(client: TestClient) -> None:
    first = join(client, "owl", "blue")
    response = client.post(
        "/api/resume", json={"code": demo_code(client), "animal": "owl", "color": "blue"}
    )
    assert response.status_code == 200
    second = {"Authorization": f"Bearer {response.json()['token']}"}
    assert second != first
    assert client.get("/api/team", headers=first).status_code == 200
    assert client.get("/api/team", headers=second).json()["team"]["color"] == "blue"


def test_resume_with_a_wrong_pseudonym_is_404(client: TestClient) -> None:
    join(client, "owl", "blue")
    response = client.post(
        "/api/resume",
        json={"code": demo_code(client), "animal": "owl", "color": "red", "lang": "en"},
    )
    assert response.status_code == 404
    assert "unknown pseudonym" in response.json()["error"]["message"]


def test_guessing_pseudonyms_is_rate_limited(tmp_path: Path) -> None:
    config = ServerConfig(data_dir=tmp_path, pack_roots=[PACKS], demo=True, join_limit=5)
    with TestClient(create_app(config)) as client:
        code = demo_code(client)
        statuses = [
            client.post(
                "/api/resume", json={"code": code, "animal": a.key, "color": "red"}
            ).status_code
            for a in pseudonyms.ANIMALS[:8]
        ]
    assert statuses[:5] == [404] * 5
    assert statuses[5:] == [429] * 3


def test_an_ended_session_cannot_be_joined(client: TestClient) -> None:
    code = demo_code(client)
    state = client.app.state.robolab  # type: ignore[attr-defined]
    session = client.portal.call(state.db.run, store.session_by_code, code)  # type: ignore[union-attr]
    client.portal.call(state.db.run, store.set_session_state, session.id, SessionState.ENDED)  # type: ignore[union-attr]
    assert client.get(f"/api/sessions/{code}").status_code == 404
    response = client.post("/api/join", json={"code": code, "animal": "fox", "color": "red"})
    assert response.status_code == 404


def test_pseudonyms_agree_in_french() -> None:
    assert pseudonyms.pseudonym("turtle", "green", "fr") == "Tortue verte"
    assert pseudonyms.pseudonym("fox", "green", "fr") == "Renard vert"
    assert pseudonyms.pseudonym("whale", "silver", "fr") == "Baleine argentée"
    assert pseudonyms.pseudonym("whale", "silver", "en") == "Silver Whale"


def test_suggestions_avoid_taken_pseudonyms() -> None:
    every = {(a.key, c.key) for a in pseudonyms.ANIMALS for c in pseudonyms.COLOURS}
    free = next(iter(every))
    assert pseudonyms.suggest(every - {free}) == [free]
    assert pseudonyms.suggest(every) == []
    picks = pseudonyms.suggest(set(), count=6)
    assert len(picks) == 6 and len({a for a, _ in picks}) == 6
