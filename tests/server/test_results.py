"""Results and privacy: CSV and JSON exports, deleting a session, purging old ones."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from starlette.testclient import TestClient

from robolab.cli import build_parser
from robolab.server import ServerConfig, create_app, store
from robolab.server.admin_store import DAY, purge_sessions
from robolab.server.db import connect
from tests.server.conftest import LINE, LINE_BEST, demo_id, join, login, run_body

BASE = "/api/facilitator/sessions"


def _rows(text: str, sep: str = ",") -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # spreadsheets then read the accents right
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=sep))


def test_csv_has_one_row_per_team_and_challenge(client: TestClient, fac: dict[str, str]) -> None:
    session = demo_id(client)
    fox, panda = join(client, "fox", "orange"), join(client, "panda", "pink")
    client.post("/api/team/run", json=run_body(LINE), headers=fox)
    client.post("/api/team/run", json=run_body(LINE_BEST), headers=fox)
    client.post("/api/team/run", json=run_body([{"block": "turn_left"}]), headers=panda)
    answer = client.get(f"{BASE}/{session}/export.csv?lang=en")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = _rows(answer.text)
    assert len(rows) == 2 * 3
    fox_line = next(r for r in rows if r["team"] == "Orange Fox" and r["challenge"] == "tiny/line")
    assert fox_line["attempts"] == "2"
    assert fox_line["stars"] == "3"
    assert fox_line["solved"] == "yes"
    assert fox_line["fewest blocks"] == "2" and fox_line["fewest steps"] == "4"
    assert fox_line["par blocks"] == "2" and fox_line["last outcome"] == "solved"
    assert fox_line["solved at"][:4].isdigit()  # ISO 8601 local time
    panda_line = next(r for r in rows if r["animal"] == "panda" and r["position"] == "1")
    assert (panda_line["attempts"], panda_line["solved"]) == ("1", "no")
    untried = next(r for r in rows if r["animal"] == "panda" and r["challenge"] == "tiny/maze")
    assert (untried["attempts"], untried["stars"], untried["first attempt"]) == ("0", "0", "")

    french = _rows(client.get(f"{BASE}/{session}/export.csv?sep=semicolon").text, ";")
    assert french[0]["équipe"] in ("Renard orange", "Panda rose")
    assert {r["accès"] for r in french} == {"dans l'ordre"}


def test_csv_cells_are_never_formulas(client: TestClient, fac: dict[str, str]) -> None:
    made = client.post(
        BASE, json={"title": "=HYPERLINK(1)", "challenges": ["tiny/line"]}, headers=fac
    )
    session = made.json()
    code = session["code"]
    team = client.post("/api/join", json={"code": code, "animal": "fox", "color": "red"}).json()
    assert team["team"]
    rows = _rows(client.get(f"{BASE}/{session['id']}/export.csv?lang=en").text)
    assert rows[0]["session"] == "'=HYPERLINK(1)"


def test_json_export_has_everything_including_programs(
    client: TestClient, fac: dict[str, str]
) -> None:
    session = demo_id(client)
    fox = join(client)
    client.put("/api/team/workspaces/tiny/line", json={"workspace": {"k": 1}}, headers=fox)
    run = client.post("/api/team/run", json=run_body(LINE_BEST), headers=fox).json()
    client.post(f"{BASE}/{session}/messages", json={"text": "Bravo"}, headers=fac)
    data = client.get(f"{BASE}/{session}/export.json").json()
    assert data["format"] == "robolab/session-export@1"
    assert data["session"]["title"] == "Séance de démonstration"
    assert [c["id"] for c in data["challenges"]] == ["tiny/line", "tiny/gems", "tiny/maze"]
    (team,) = data["teams"]
    assert team["name"] == {"fr": "Renard orange", "en": "Orange Fox"}
    (attempt,) = data["attempts"]
    assert attempt["id"] == run["attempt"]
    assert attempt["program"]["main"][0]["block"] == "repeat"
    assert attempt["result"]["trace"] == run["trace"]
    assert data["workspaces"][0]["workspace"] == {"k": 1}
    assert [e["type"] for e in data["events"]] == ["team.joined", "attempt", "room.message"]
    assert "token" not in str(data).lower()


def test_deleting_a_session_erases_all_its_data(config: ServerConfig) -> None:
    marker = "ZEBRA-4242-NOT-IN-THE-FILE"
    with TestClient(create_app(config)) as client:
        csrf = login(client)
        session = demo_id(client)
        keep = client.post(BASE, json={"challenges": ["tiny/line"]}, headers=csrf).json()
        fox = join(client)
        client.put("/api/team/workspaces/tiny/line", json={"workspace": {marker: 1}}, headers=fox)
        client.post("/api/team/run", json=run_body(LINE), headers=fox)
        with client.websocket_connect("/ws") as tablet:
            tablet.send_json({"type": "hello", "token": fox["Authorization"].split()[1]})
            tablet.receive_json()
            deleted = client.delete(f"{BASE}/{session}", headers=csrf)
            assert deleted.json() == {"deleted": session}
            assert tablet.receive_json()["event"]["type"] == "session.deleted"
        assert client.get(f"{BASE}/{session}").status_code == 404
        assert client.get(f"{BASE}/{session}/export.json").status_code == 404
        assert client.get("/api/team/ladder", headers=fox).status_code == 401
        assert [s["id"] for s in client.get(BASE).json()["sessions"]] == [keep["id"]]
        assert client.delete(f"{BASE}/{session}", headers=csrf).status_code == 404
    conn = connect(config.db_path)
    for table in ("teams", "attempts", "progress", "workspaces", "team_tokens"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    left = conn.execute("SELECT count(*) FROM events WHERE session_id = ?", (session,))
    assert left.fetchone()[0] == 0
    conn.close()
    for path in config.data_dir.iterdir():  # the bytes themselves are gone (secure_delete)
        assert marker.encode() not in path.read_bytes(), path


def test_old_sessions_are_purged(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    old = store.create_session(conn, "Old", ["a/b"])
    fresh = store.create_session(conn, "Fresh", ["a/b"])
    team, _, _ = store.create_team(conn, fresh.id, "fox", "red")
    now = time.time()
    conn.execute("UPDATE sessions SET created_at = ?", (now - 40 * DAY,))
    conn.execute("UPDATE events SET at = ?", (now - 40 * DAY,))
    conn.execute("UPDATE teams SET last_change = ?", (now - 2 * DAY,))  # fresh was used lately
    assert purge_sessions(conn, 0) == []  # 0: never
    assert purge_sessions(conn, 30) == [old.id]
    assert store.session_by_id(conn, old.id) is None
    assert store.session_by_id(conn, fresh.id) is not None
    assert purge_sessions(conn, 1) == [fresh.id]
    assert store.teams_of(conn, fresh.id) == [] and team.id
    conn.close()


def test_the_server_purges_at_start(config: ServerConfig) -> None:
    conn = connect(config.db_path)
    old = store.create_session(conn, "Old", ["tiny/line"])
    conn.execute("UPDATE sessions SET created_at = ?", (time.time() - 31 * DAY,))
    conn.close()
    with TestClient(create_app(config)) as client:
        login(client)
        titles = [s["title"] for s in client.get(BASE).json()["sessions"]]
    assert titles == ["Séance de démonstration"]
    assert old.id


def test_keep_days_is_an_option_of_serve() -> None:
    parser = build_parser()
    assert parser.parse_args(["serve"]).keep_days == 30
    assert parser.parse_args(["serve", "--keep-days", "7"]).keep_days == 7
    assert parser.parse_args(["serve", "--keep-days", "0"]).keep_days == 0
