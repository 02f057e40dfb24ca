"""The SQLite database: schema versions, WAL, persistence, the event stream."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from robolab.server import store
from robolab.server.db import SchemaTooNew, connect, migrate, schema_version
from robolab.server.models import Access, Progress, SessionState, ladder
from robolab.server.schema import SCHEMA_VERSION


def test_a_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrate(conn) == SCHEMA_VERSION  # idempotent
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_a_database_from_a_newer_robolab_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    connect(path).execute("UPDATE schema_version SET version = 999").connection.close()
    with pytest.raises(SchemaTooNew):
        connect(path)


def test_everything_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = connect(path)
    session = store.create_session(conn, "Matin", ["a/one", "a/two", "a/one"])
    team, token, _ = store.create_team(conn, session.id, "fox", "red")
    store.save_workspace(conn, team.id, "a/one", '{"blocks": {}}')
    result = {"challenge": "a/one", "solved": True, "outcome": "success", "stars": 3,
              "steps": 4, "ticks": 5, "blocks": 2, "trace": []}  # fmt: skip
    attempt, progress, event = store.record_attempt(
        conn, team, result, program=None, workspace=None
    )
    assert progress == Progress(
        "a/one", attempts=1, best_stars=3, solved=True, last_outcome="success"
    )
    conn.close()

    again = connect(path)
    found = store.team_by_token(again, token)
    assert found is not None and found[0].id == team.id and found[1].code == session.code
    assert store.session_challenges(again, session.id) == [
        ("a/one", Access.AUTO),
        ("a/two", Access.AUTO),
    ]
    assert store.load_workspace(again, team.id, "a/one") == '{"blocks": {}}'
    assert store.attempt_of(again, team.id, attempt)["result"] == result  # type: ignore[index]
    assert [e.type for e in store.events_since(again, session.id)] == ["team.joined", "attempt"]
    assert store.events_since(again, session.id, after=event.id or 0) == []


def test_tokens_are_stored_hashed(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    session = store.create_session(conn, "S", ["a/one"])
    _, token, _ = store.create_team(conn, session.id, "fox", "red")
    dump = "\n".join(conn.iterdump())
    assert token not in dump
    assert store.token_hash(token) in dump


def test_the_demo_session_keeps_its_code_and_grows(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    first = store.ensure_demo_session(conn, "Démo", ["a/one"])
    again = store.ensure_demo_session(conn, "Démo", ["a/one", "a/two"])
    assert again.code == first.code
    assert [cid for cid, _ in store.session_challenges(conn, first.id)] == ["a/one", "a/two"]
    store.set_session_state(conn, first.id, SessionState.ENDED)
    assert store.ensure_demo_session(conn, "Démo", ["a/one"]).code != first.code


def test_a_pseudonym_is_unique_in_a_session(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    one = store.create_session(conn, "A", ["a/one"])
    two = store.create_session(conn, "B", ["a/one"])
    store.create_team(conn, one.id, "fox", "red")
    store.create_team(conn, two.id, "fox", "red")
    with pytest.raises(store.PseudonymTaken):
        store.create_team(conn, one.id, "fox", "red")
    assert conn.execute("SELECT count(*) FROM teams").fetchone()[0] == 2
    assert not conn.in_transaction


def test_failed_transactions_roll_back(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    session = store.create_session(conn, "A", ["a/one"])
    team, _, _ = store.create_team(conn, session.id, "fox", "red")
    with pytest.raises(sqlite3.IntegrityError):
        store.record_attempt(
            conn,
            team,
            {
                "challenge": "a/one",
                "solved": False,
                "outcome": None,
                "stars": 0,
                "steps": 0,
                "ticks": 0,
                "blocks": 0,
            },
            program=None,
            workspace=None,
        )
    assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0
    assert not conn.in_transaction


def test_ladder_rule() -> None:
    entries = [("a", Access.AUTO), ("b", Access.AUTO), ("c", Access.AUTO), ("d", Access.OPEN)]
    solved = {"a": Progress("a", 1, 1, True), "c": Progress("c", 2, 0, False)}
    assert [e.locked for e in ladder(entries, solved)] == [False, False, False, False]
    assert [e.locked for e in ladder(entries, {})] == [False, True, True, False]
    locked = [("a", Access.LOCKED), ("b", Access.AUTO)]
    assert [e.locked for e in ladder(locked, {"a": Progress("a", 1, 3, True)})] == [True, False]
