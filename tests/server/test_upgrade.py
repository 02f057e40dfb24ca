"""A data folder written by the previous RoboLab (schema 3) upgrades in place to schema 4: its
sessions, teams and runs stay, its facilitator link keeps working but its secret is no longer
stored in plain text, and the robots' memory and queue work at once."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from starlette.testclient import TestClient

from firmware_bridge.fleet import Fleet
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.server import ServerConfig, create_app
from robolab.server.db import connect, schema_version
from robolab.server.guard import csrf_token
from robolab.server.robots import RobotRoom
from robolab.server.schema import MIGRATIONS, SCHEMA_VERSION
from tests.server.conftest import PACKS
from tests.server.test_robots import TIMING

OLD_KEY = "Old-facilitator-key-of-schema-3-0123"


def schema_3(path: Path) -> None:
    """What RoboLab wrote before: a session, a team, a solved run, the plain facilitator key."""
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, script in enumerate(MIGRATIONS[:3], start=1):
        conn.executescript(
            f"BEGIN; {script}; DELETE FROM schema_version; "
            f"INSERT INTO schema_version VALUES ({number}); COMMIT;"
        )
    now = time.time()
    conn.execute("INSERT INTO meta VALUES ('facilitator_token', ?)", (OLD_KEY,))
    conn.execute(
        "INSERT INTO sessions (id, code, title, state, demo, created_at) "
        "VALUES (5, '654321', 'Mercredi', 'open', 0, ?)",
        (now,),
    )
    conn.execute("INSERT INTO session_challenges VALUES (5, 'tiny/line', 0, 'open')")
    conn.execute("INSERT INTO teams VALUES (9, 5, 'fox', 'orange', ?, ?)", (now, now))
    conn.close()


def test_a_schema_3_data_folder_upgrades_in_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    schema_3(data / "robolab.sqlite3")
    config = ServerConfig(data_dir=data, pack_roots=[PACKS], join_limit=1000)
    robot = VirtualRobot("Robo-1", grid=None, sensors=False, move_ms=40)
    room = RobotRoom(Fleet(timing=TIMING), virtual=[robot])
    with TestClient(create_app(config, room=room)) as client:
        for path in data.rglob("*"):  # the plain key is gone from every file, the log included
            if path.is_file():
                assert OLD_KEY.encode() not in path.read_bytes(), path
        # the old link and the browsers that hold it still get in
        entry = client.get(f"/facilitator?token={OLD_KEY}", follow_redirects=False)
        assert entry.status_code == 303
        csrf = {"X-RoboLab-CSRF": csrf_token(OLD_KEY)}
        sessions = client.get("/api/facilitator/sessions").json()["sessions"]
        assert [(s["id"], s["title"]) for s in sessions] == [(5, "Mercredi")]
        # the old team goes on, and the robots' tables work
        team = client.post(
            "/api/resume", json={"code": "654321", "animal": "fox", "color": "orange"}
        )
        assert team.status_code == 200, team.text
        fox = {"Authorization": f"Bearer {team.json()['token']}"}
        run = {"challenge": "tiny/line", "program": [{"block": "move_forward"}] * 4}
        assert client.post("/api/team/run", json=run, headers=fox).json()["solved"] is True
        robots = client.get("/api/facilitator/robots").json()["robots"]
        given = client.post(
            f"/api/facilitator/robots/{robots[0]['id']}/team",
            json={"session": 5, "team": 9},
            headers=csrf,
        )
        assert given.status_code == 200, given.text
        sent = client.post("/api/team/robot", json={"challenge": "tiny/line"}, headers=fox)
        assert sent.status_code == 201, sent.text
    conn = connect(data / "robolab.sqlite3")
    assert schema_version(conn) == SCHEMA_VERSION == 4
    assert (
        conn.execute("SELECT count(*) FROM meta WHERE key = 'facilitator_token'").fetchone()[0] == 0
    )
    robots = conn.execute("SELECT team_id, session_id FROM robots").fetchall()
    assert [tuple(r) for r in robots] == [(9, 5)]
    jobs = conn.execute("SELECT team_id, status FROM robot_jobs").fetchall()
    assert [tuple(j) for j in jobs] == [(9, "waiting")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
