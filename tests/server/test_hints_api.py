"""Hints in the classroom: a team asks about its own last run, level by level; the server
computes them from the stored attempt, records them, and the dashboards and exports count them."""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from robolab.blockly import program_to_workspace
from robolab.program_loader import parse_program
from robolab.server import ServerConfig, create_app
from robolab.server.db import connect, schema_version
from robolab.server.hinting import HintDesk
from robolab.server.schema import MIGRATIONS, SCHEMA_VERSION
from tests.server.conftest import LINE_BEST, PACKS, demo_id, join, login, run_body

BASE = "/api/facilitator/sessions"
HINTS = "/api/team/hints"
# tiny/line: the robot starts facing east, the flag is 4 cells ahead. Block 2 turns: a crash.
WRONG = [
    {"block": "move_forward", "id": "b1"},
    {"block": "turn_left", "id": "b2"},
    {"block": "move_forward", "id": "b3"},
]


def workspace(program: Any) -> dict[str, Any]:
    """What the tablet sends: a Blockly workspace whose blocks keep the given ids."""
    return program_to_workspace(parse_program(program))


def run(client: TestClient, team: dict[str, str], program: Any = WRONG, **extra: Any) -> int:
    answer = client.post("/api/team/run", json=run_body(workspace(program), **extra), headers=team)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["attempt"])


def ask(client: TestClient, team: dict[str, str], **body: Any) -> Any:
    return client.post(HINTS, json={"challenge": "tiny/line", **body}, headers=team)


def _code(answer: Any) -> str:
    return str(answer.json()["error"]["code"])


def test_levels_come_in_order_and_level_2_names_the_block(
    client: TestClient, team: dict[str, str]
) -> None:
    attempt = run(client, team)
    early = ask(client, team, level=2)
    assert early.status_code == 409 and _code(early) == "hints.order"
    assert early.json()["error"]["message"] == "Demande d'abord l'indice 1."

    one = ask(client, team).json()
    assert (one["attempt"], one["level"], one["more"], one["new"]) == (attempt, 1, True, True)
    assert one["hint"]["kind"] == "crash"
    assert one["hint"]["block"] is None  # a nudge names no block
    assert one["hint"]["text"].startswith("Aïe, le robot se cogne")
    assert one["hint"]["written"] == "Compte les cases jusqu'au drapeau."  # the file's own hint

    two = ask(client, team, lang="en").json()
    assert two["level"] == 2 and two["seen"] == [1, 2]
    assert two["hint"]["block"] == {"id": "b2", "number": 2}  # the id Blockly gave the block
    assert (
        two["hint"]["text"] == "At block 2, the robot turned left: here, the path goes straight on."
    )

    three = ask(client, team).json()
    assert (three["level"], three["more"], three["used"]) == (3, False, 3)
    assert three["hint"]["action"] == "move_forward"
    assert three["hint"]["text"] == "Essaie « avancer » à la place du bloc 2."

    again = ask(client, team).json()  # no level 4: the last one again, not a new hint
    assert (again["level"], again["new"], again["used"]) == (3, False, 3)
    assert ask(client, team, level=1).json()["new"] is False
    too_high = ask(client, team, level=4)
    assert too_high.status_code == 400 and _code(too_high) == "api.bad_field"

    # A new run starts again at level 1, from that run.
    second = run(client, team, [{"block": "move_forward", "id": "m1"}])
    fresh = ask(client, team).json()
    assert (fresh["attempt"], fresh["level"], fresh["used"]) == (second, 1, 4)
    assert fresh["hint"]["kind"] == "stopped_early"
    by_number = ask(client, team, attempt=attempt, level=2).json()  # an older one of its own
    assert by_number["attempt"] == attempt and by_number["new"] is False


def test_hints_come_from_the_stored_attempt_not_from_the_request(
    client: TestClient, team: dict[str, str]
) -> None:
    run(client, team)
    # Whatever the tablet claims about its run or program is ignored.
    body = {"program": workspace(LINE_BEST), "stars": 3, "outcome": "success", "level": 1}
    answer = ask(client, team, **body).json()
    assert answer["hint"]["kind"] == "crash"


def test_a_team_only_gets_hints_about_its_own_attempts(client: TestClient) -> None:
    fox, panda = join(client, "fox", "orange"), join(client, "panda", "pink")
    attempt = run(client, fox)
    stolen = client.post(HINTS, json={"attempt": attempt}, headers=panda)
    assert stolen.status_code == 404
    none_yet = ask(client, panda)
    assert none_yet.status_code == 409 and _code(none_yet) == "hints.no_attempt"
    assert client.post(HINTS, json={"attempt": attempt}).status_code == 401
    mixed = client.post(HINTS, json={"attempt": attempt, "challenge": "tiny/gems"}, headers=fox)
    assert mixed.status_code == 404  # the attempt is not on that challenge
    assert client.post(HINTS, json={}, headers=fox).status_code == 400
    bad = client.post(HINTS, json={"attempt": "1; DROP TABLE"}, headers=fox)
    assert bad.status_code == 400 and _code(bad) == "api.bad_field"
    assert client.post(HINTS, json={"attempt": attempt}, headers=fox).status_code == 200

    # Facilitators see what the team was shown; a team's token does not open it.
    path = f"{BASE}/{demo_id(client)}/attempts/{attempt}/hints"
    assert client.get(path, headers=fox).status_code == 403
    login(client)
    seen = client.get(path + "?lang=en").json()
    assert seen["attempt"] == attempt and seen["challenge"] == "tiny/line"
    (first,) = seen["hints"]
    assert (first["level"], first["kind"], first["shown"]) == (1, "crash", 1)
    assert first["text"].startswith("Ouch, the robot bumps into a wall")
    assert client.get(f"{BASE}/{demo_id(client) + 1}/attempts/{attempt}/hints").status_code == 404


def test_three_stars_need_no_hint_and_a_bad_program_gets_one(
    client: TestClient, team: dict[str, str]
) -> None:
    run(client, team, LINE_BEST)
    perfect = ask(client, team)
    assert perfect.status_code == 409 and _code(perfect) == "hints.perfect"

    # A block the challenge does not allow: the run is refused, the hint says why and where.
    run(
        client, team, [{"block": "move_forward", "id": "ok"}, {"block": "move_backward", "id": "x"}]
    )
    answer = ask(client, team, level=1).json()
    invalid = answer["hint"]
    assert invalid["kind"] == "invalid"
    assert invalid["block"]["id"] == "x"
    assert answer["more"] is False  # the same message at every level: nothing more to ask
    # Over max_blocks (6): the hint is about the repetition, not an error.
    run(client, team, [{"block": "move_forward", "id": f"m{i}"} for i in range(7)])
    assert ask(client, team).json()["hint"]["kind"] == "too_many_blocks"
    # A program that is not even readable, sent as plain JSON: its stored error is the hint.
    bad = client.post("/api/team/run", json=run_body([{"block": "fly"}]), headers=team)
    assert bad.json()["outcome"] == "error"
    assert ask(client, team).json()["hint"]["kind"] == "invalid"


def test_no_hints_while_the_room_is_paused_and_a_rate_limit(
    client: TestClient, team: dict[str, str]
) -> None:
    csrf = login(client)
    state = f"{BASE}/{demo_id(client)}/state"
    run(client, team)
    assert client.post(state, json={"state": "paused"}, headers=csrf).status_code == 200
    paused = ask(client, team)
    assert paused.status_code == 409 and _code(paused) == "session.paused"
    assert client.post(state, json={"state": "open"}, headers=csrf).status_code == 200
    assert ask(client, team).status_code == 200

    client.app.state.robolab_hints = HintDesk(limit=3)  # type: ignore[attr-defined]
    answers = [ask(client, team).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert _code(ask(client, team, lang="en")) == "hints.rate_limited"
    other = join(client, "panda", "pink")  # per team: another team is not slowed down
    run(client, other)
    assert ask(client, other).status_code == 200

    assert client.post(state, json={"state": "ended"}, headers=csrf).status_code == 200
    assert _code(ask(client, other)) == "session.ended"


def test_the_dashboard_counts_hints_live_and_the_exports_have_them(
    client: TestClient, fac: dict[str, str]
) -> None:
    session = demo_id(client)
    fox = join(client)
    run(client, fox)
    with client.websocket_connect("/ws/facilitator") as ws:
        ws.send_json({"type": "hello", "session": session, "lang": "en"})
        snapshot = ws.receive_json()["snapshot"]
        assert snapshot["cells"][0]["hints"] == 0
        ask(client, fox)
        event = ws.receive_json()["event"]
        assert event["type"] == "hint" and event["id"] > snapshot["seq"]
        assert event["data"] == {
            "challenge": "tiny/line",
            "attempt": event["data"]["attempt"],
            "level": 1,
            "kind": "crash",
            "hints": 1,
        }
        ask(client, fox)
        assert ws.receive_json()["event"]["data"]["hints"] == 2
        ask(client, fox, level=2)  # shown again: not a new hint, no event
        run(client, fox)
        assert ws.receive_json()["event"]["type"] == "attempt"  # the hint made no event
    (cell,) = client.get(f"{BASE}/{session}").json()["cells"]
    assert cell["hints"] == 2

    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{BASE}/{session}/export.csv?lang=en").text[1:]))
    )
    line = next(r for r in rows if r["challenge"] == "tiny/line")
    assert line["hints"] == "2"
    assert next(r for r in rows if r["challenge"] == "tiny/gems")["hints"] == "0"
    french = client.get(f"{BASE}/{session}/export.csv?sep=semicolon").text[1:]
    assert "indices" in french.splitlines()[0].split(";")

    data = client.get(f"{BASE}/{session}/export.json").json()
    assert [(h["level"], h["kind"], h["shown"]) for h in data["hints"]] == [
        (1, "crash", 1),
        (2, "crash", 2),
    ]
    assert data["hints"][0]["at"][:4].isdigit()
    assert data["progress"][0]["hints"] == 2
    assert [e["type"] for e in data["events"]].count("hint") == 2


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.dictionaries(st.sampled_from(["challenge", "attempt", "level", "lang"]), JSON))
def test_any_body_gets_an_answer_never_a_500(
    client: TestClient, team: dict[str, str], body: dict[str, Any]
) -> None:
    client.app.state.robolab_hints = HintDesk(limit=10_000)  # type: ignore[attr-defined]
    if not client.get("/api/team/attempts", headers=team).json()["attempts"]:
        run(client, team)
    answer = client.post(HINTS, json=body, headers=team)
    assert answer.status_code in (200, 400, 404, 409), answer.text
    assert answer.status_code == 200 or "error" in answer.json()


def test_deleting_a_session_deletes_its_hints(client: TestClient, fac: dict[str, str]) -> None:
    fox = join(client)
    run(client, fox)
    ask(client, fox)
    db = client.app.state.robolab.db  # type: ignore[attr-defined]
    count = "SELECT count(*) FROM hints"
    assert client.portal.call(db.run, lambda c: c.execute(count).fetchone()[0]) == 1  # type: ignore[union-attr]
    assert client.delete(f"{BASE}/{demo_id(client)}", headers=fac).status_code == 200
    assert client.portal.call(db.run, lambda c: c.execute(count).fetchone()[0]) == 0  # type: ignore[union-attr]


def _schema_1(path: Path) -> None:
    """A data folder written by the previous RoboLab (schema 1): a session, a team, a run."""
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        f"BEGIN; {MIGRATIONS[0]} INSERT INTO schema_version VALUES (1); COMMIT;"
    )
    now = time.time()
    conn.execute(
        "INSERT INTO sessions (id, code, title, state, demo, created_at) "
        "VALUES (1, '123456', 'Old', 'open', 1, ?)",
        (now,),
    )
    conn.execute(
        "INSERT INTO session_challenges VALUES (1, 'tiny/line', 0, 'auto'), "
        "(1, 'tiny/gems', 1, 'auto'), (1, 'tiny/maze', 2, 'auto')"
    )
    conn.execute("INSERT INTO teams VALUES (7, 1, 'fox', 'orange', ?, ?)", (now, now))
    conn.close()


def test_a_data_folder_from_schema_1_upgrades_in_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _schema_1(data / "robolab.sqlite3")
    config = ServerConfig(data_dir=data, pack_roots=[PACKS], demo=True, join_limit=1000)
    with TestClient(create_app(config)) as client:
        team = client.post(
            "/api/resume", json={"code": "123456", "animal": "fox", "color": "orange"}
        )
        assert team.status_code == 200, team.text  # the old team is still there
        headers = {"Authorization": f"Bearer {team.json()['token']}"}
        run(client, headers)
        assert ask(client, headers).json()["hint"]["kind"] == "crash"
        login(client)
        assert client.get(f"{BASE}/1").json()["cells"][0]["hints"] == 1
    conn = connect(data / "robolab.sqlite3")
    assert schema_version(conn) == SCHEMA_VERSION >= 3  # 3: ids never given again (issue 8)
    assert conn.execute("SELECT title FROM sessions WHERE id = 1").fetchone()[0] == "Old"
    assert conn.execute("SELECT count(*) FROM hints").fetchone()[0] == 1
    conn.close()
