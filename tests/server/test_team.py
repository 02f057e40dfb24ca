"""A team's own work: ladder and locks, autosave, recorded runs, privacy, pause."""

from __future__ import annotations

from starlette.testclient import TestClient

from robolab.blockly import program_to_workspace
from robolab.program_loader import parse_program
from robolab.server import store
from robolab.server.models import Access, SessionState
from tests.server.conftest import LINE, LINE_BEST, demo_code, join, run_body


def _ladder(client: TestClient, team: dict[str, str]) -> dict[str, dict[str, object]]:
    response = client.get("/api/team/ladder", headers=team)
    assert response.status_code == 200
    return {c["id"]: c for c in response.json()["challenges"]}


def test_requests_without_a_valid_token_are_401(client: TestClient) -> None:
    assert client.get("/api/team/ladder").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    response = client.get("/api/team/ladder", headers={**bad, "Accept-Language": "en"})
    assert response.status_code == 401
    assert "join the session" in response.json()["error"]["message"]
    assert client.post("/api/team/run", json=run_body(LINE), headers=bad).status_code == 401


def test_the_ladder_unlocks_as_challenges_are_solved(
    client: TestClient, team: dict[str, str]
) -> None:
    ladder = _ladder(client, team)
    assert list(ladder) == ["tiny/line", "tiny/gems", "tiny/maze"]
    assert [c["locked"] for c in ladder.values()] == [False, True, True]
    assert client.get("/api/team/challenges/tiny/gems", headers=team).status_code == 403
    run = client.post("/api/team/run", json=run_body(LINE), headers=team)
    assert run.status_code == 200
    assert run.json()["next"] == {"id": "tiny/gems", "locked": False}
    ladder = _ladder(client, team)
    assert ladder["tiny/line"]["progress"] == {
        "attempts": 1,
        "stars": 2,
        "solved": True,
        "last_outcome": "success",
    }
    assert [c["locked"] for c in ladder.values()] == [False, False, True]


def test_a_locked_challenge_cannot_be_run_or_saved(
    client: TestClient, team: dict[str, str]
) -> None:
    response = client.post("/api/team/run", json=run_body(LINE, "tiny/maze"), headers=team)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "team.locked"
    put = client.put("/api/team/workspaces/tiny/maze", json={"workspace": {}}, headers=team)
    assert put.status_code == 403


def test_facilitator_access_overrides_the_rule(client: TestClient, team: dict[str, str]) -> None:
    state = client.app.state.robolab  # type: ignore[attr-defined]
    session = client.portal.call(state.db.run, store.session_by_code, demo_code(client))  # type: ignore[union-attr]
    client.portal.call(state.db.run, store.set_access, session.id, ["tiny/maze"], Access.OPEN)  # type: ignore[union-attr]
    client.portal.call(state.db.run, store.set_access, session.id, ["tiny/line"], Access.LOCKED)  # type: ignore[union-attr]
    ladder = _ladder(client, team)
    assert [c["locked"] for c in ladder.values()] == [True, True, False]


def test_workspace_autosave_round_trip(client: TestClient, team: dict[str, str]) -> None:
    assert client.get("/api/team/challenges/tiny/line", headers=team).json()["workspace"] is None
    workspace = program_to_workspace(parse_program(LINE_BEST))
    saved = client.put(
        "/api/team/workspaces/tiny/line", json={"workspace": workspace}, headers=team
    )
    assert saved.status_code == 200
    page = client.get("/api/team/challenges/tiny/line", headers=team).json()
    assert page["workspace"] == workspace
    assert page["challenge"]["id"] == "tiny/line"
    bad = client.put("/api/team/workspaces/tiny/line", json={"workspace": [1]}, headers=team)
    assert bad.status_code == 400


def test_team_runs_are_recorded_with_program_and_trace(
    client: TestClient, team: dict[str, str]
) -> None:
    workspace = program_to_workspace(parse_program(LINE))
    first = client.post("/api/team/run", json=run_body(workspace), headers=team).json()
    best = client.post("/api/team/run", json=run_body(LINE_BEST), headers=team).json()
    worse = client.post(
        "/api/team/run", json=run_body([{"block": "turn_left"}]), headers=team
    ).json()
    assert (first["stars"], best["stars"], worse["stars"]) == (2, 3, 0)
    assert worse["progress"] == {
        "attempts": 3,
        "stars": 3,
        "solved": True,
        "last_outcome": "incomplete",
    }
    attempts = client.get("/api/team/attempts?challenge=tiny/line", headers=team).json()["attempts"]
    assert [a["stars"] for a in attempts] == [0, 3, 2]
    detail = client.get(f"/api/team/attempts/{first['attempt']}", headers=team).json()
    assert detail["workspace"] == workspace
    assert detail["program"]["main"][0]["block"] == "move_forward"
    assert detail["result"]["trace"] == first["trace"]
    assert client.get("/api/team/attempts/99999999", headers=team).status_code == 404
    assert client.get("/api/team/attempts/x1", headers=team).status_code == 404


def test_a_team_sees_only_its_own_work(client: TestClient, team: dict[str, str]) -> None:
    other = join(client, "panda", "pink")
    attempt = client.post("/api/team/run", json=run_body(LINE), headers=team).json()["attempt"]
    client.put("/api/team/workspaces/tiny/line", json={"workspace": {"mine": 1}}, headers=team)
    assert client.get(f"/api/team/attempts/{attempt}", headers=other).status_code == 404
    assert client.get("/api/team/attempts", headers=other).json()["attempts"] == []
    assert client.get("/api/team/challenges/tiny/line", headers=other).json()["workspace"] is None
    assert _ladder(client, other)["tiny/line"]["progress"]["attempts"] == 0


def test_a_paused_session_refuses_runs_but_keeps_saving(
    client: TestClient, team: dict[str, str]
) -> None:
    state = client.app.state.robolab  # type: ignore[attr-defined]
    session = client.portal.call(state.db.run, store.session_by_code, demo_code(client))  # type: ignore[union-attr]
    client.portal.call(state.db.run, store.set_session_state, session.id, SessionState.PAUSED)  # type: ignore[union-attr]
    response = client.post("/api/team/run", json=run_body(LINE, lang="en"), headers=team)
    assert response.status_code == 409
    assert response.json()["error"]["message"].startswith("The facilitator paused")
    put = client.put("/api/team/workspaces/tiny/line", json={"workspace": {}}, headers=team)
    assert put.status_code == 200


def test_team_run_errors(client: TestClient, team: dict[str, str]) -> None:
    assert client.post("/api/team/run", json=run_body(LINE, "x/y"), headers=team).status_code == 404
    missing = client.post("/api/team/run", json={"challenge": "tiny/line"}, headers=team)
    assert missing.status_code == 400
    text = client.post("/api/team/run", json=run_body("main.json"), headers=team)
    assert text.status_code == 400
