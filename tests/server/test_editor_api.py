"""The level editor's API: facilitators only, the live check, trying a solution, saving a file
exactly as ``robolab check`` wants it, reopening it, and the rules that keep files safe."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.testclient import TestClient

from robolab import load_challenge
from robolab.checker import check_paths
from robolab.server import ServerConfig, create_app
from tests.server.conftest import PACKS, REPO, join, login

CHECK = "/api/facilitator/editor/check"
TRY = "/api/facilitator/editor/try"
SAVE = "/api/facilitator/editor/save"
SOLUTION = [{"block": "repeat", "times": 4, "body": [{"block": "move_forward"}]}]


def draft(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": {"fr": "Le couloir", "en": "The corridor"},
        "story": {"fr": "Va au drapeau.", "en": "Go to the flag."},
        "tier": 1,
        "map": {"rows": ["######", "#S...G", "######"], "heading": "east"},
        "goals": ["reach"],
        "blocks": ["move_forward", "turn_left", "turn_right", "repeat"],
        "sensors": [],
        "max_blocks": 4,
        "par": {"blocks": None, "steps": None},
        "solution": SOLUTION,
        "hints": [{"fr": "Compte les cases.", "en": "Count the cells."}],
    }
    base.update(changes)
    return base


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A copy of the test packs: the server may write there (``--pack`` folders are writable)."""
    folder = tmp_path / "packs"
    shutil.copytree(PACKS, folder)
    return folder


@pytest.fixture
def editor(tmp_path: Path, packs: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    config = ServerConfig(data_dir=tmp_path / "data", pack_roots=[packs], join_limit=1000)
    with TestClient(create_app(config)) as client:
        yield client, login(client)


def test_only_facilitators_reach_the_editor(
    editor: tuple[TestClient, dict[str, str]], tmp_path: Path
) -> None:
    client, csrf = editor
    body = {"draft": draft()}
    assert client.post(CHECK, json=body).json()["error"]["code"] == "facilitator.csrf"
    evil = {**csrf, "Origin": "http://evil.example"}
    assert client.post(SAVE, json=body, headers=evil).json()["error"]["code"] == "api.cross_site"
    config = ServerConfig(data_dir=tmp_path / "other", pack_roots=[PACKS], demo=True)
    with TestClient(create_app(config)) as stranger:
        team = join(stranger)
        for path in (
            "/api/facilitator/editor/packs",
            "/api/facilitator/editor/challenges/tiny/line",
        ):
            answer = stranger.get(path, headers=team)
            assert answer.status_code == 403
            assert answer.json()["error"]["code"] == "facilitator.forbidden"
        answer = stranger.post(SAVE, json={**body, "pack": "tiny", "name": "x"}, headers=team)
        assert answer.status_code == 403
    assert not (PACKS / "tiny" / "x.yaml").exists()


def test_packs_list_says_what_can_be_written(editor: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = editor
    data = client.get("/api/facilitator/editor/packs?lang=en").json()
    (tiny,) = data["packs"]
    assert tiny["writable"] is True and tiny["source"] == "extra"
    assert [(c["name"], c["title"], c["openable"]) for c in tiny["challenges"]] == [
        ("gems", "The gems", True),
        ("line", "Straight ahead", True),
        ("maze", "The maze", True),
    ]
    assert data["look"]["wall"].startswith("#") and data["limits"]["width"] >= 16
    assert data["limits"]["height"] >= 12


def test_the_live_check_says_solvable_and_proposes_the_steps(
    editor: tuple[TestClient, dict[str, str]],
) -> None:
    client, csrf = editor
    report = client.post(CHECK, json={"draft": draft(), "lang": "en"}, headers=csrf).json()
    assert report["ready"] is True, report["problems"]
    assert report["best_steps"] == 4
    assert report["maps"][0]["actions"] == ["move_forward"] * 4
    assert report["solution"] == {
        "given": True,
        "blocks": 2,
        "steps": 4,
        "stars": 3,
        "solved": True,
        "message": report["solution"]["message"],
        "par": {"blocks": 2, "steps": 4},
    }
    assert "map: |\n  ######\n  #S...G\n" in report["yaml"]

    walled = draft(map={"rows": ["######", "#S.#.G", "######"], "heading": "east"})
    report = client.post(CHECK, json={"draft": walled, "lang": "fr"}, headers=csrf).json()
    assert report["ready"] is False
    assert report["maps"][0]["kind"] == "unsolvable"
    assert "impossible" in report["maps"][0]["problem"]
    assert any(p["field"] == "map" and p["line"] for p in report["problems"])

    no_start = draft(map={"rows": ["....G"], "heading": "east"}, solution=None)
    report = client.post(CHECK, json={"draft": no_start, "lang": "en"}, headers=csrf).json()
    assert report["maps"][0]["kind"] == "map"
    assert "start" in report["maps"][0]["problem"]
    assert report["solution"] == {"given": False}

    no_moves = draft(blocks=["repeat"])
    report = client.post(CHECK, json={"draft": no_moves, "lang": "en"}, headers=csrf).json()
    assert report["maps"][0]["kind"] == "rules"
    report = client.post(CHECK, json={"draft": draft(blocks=[]), "lang": "en"}, headers=csrf)
    messages = [p["message"] for p in report.json()["problems"]]
    assert "choose at least one allowed block (Rules step)" in messages

    variant = draft(variants=[{"rows": ["G...S"], "heading": None}])
    report = client.post(CHECK, json={"draft": variant, "lang": "en"}, headers=csrf).json()
    assert [m["steps"] for m in report["maps"]] == [4, 6]  # faces east, the goal is west
    assert report["solution"]["solved"] is False
    assert [p["code"] for p in report["problems"]] == ["check.solution_fails_variant"]
    assert report["ready"] is False


def test_a_map_too_big_for_the_solver_is_reported_not_hung(
    editor: tuple[TestClient, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import robolab.solver

    monkeypatch.setattr(robolab.solver, "MAX_STATES", 50)
    client, csrf = editor
    big = draft(map={"rows": ["S*.*.*.*", "........", "*.*.*..G"], "heading": "east"})
    big["goals"] = ["reach", "collect_all"]
    report = client.post(CHECK, json={"draft": big, "lang": "en"}, headers=csrf).json()
    assert report["maps"][0]["kind"] == "too_complex"
    assert report["ready"] is False
    assert any(p["code"] == "check.too_complex" for p in report["problems"])


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("map", {"rows": ["S..G", "x: 1"], "heading": "east"}, "editor.bad_cell"),
        ("map", {"rows": [], "heading": "east"}, "editor.bad_rows"),
        ("map", {"rows": ["S.G"], "heading": "up"}, "api.bad_field"),
        ("blocks", ["move_forward", "teleport"], "editor.unknown_name"),
        ("title", {"fr": 12}, "api.bad_field"),
        ("max_blocks", "6", "api.bad_field"),
        ("solution", "../../etc/passwd", "api.bad_field"),
        ("variants", [{"rows": ["S.G"]}] * 40, "api.too_many"),
    ],
)
def test_malformed_drafts_are_clear_400s(
    editor: tuple[TestClient, dict[str, str]], field: str, value: Any, code: str
) -> None:
    client, csrf = editor
    answer = client.post(CHECK, json={"draft": draft(**{field: value})}, headers=csrf)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == code
    assert "Traceback" not in answer.text


def test_bodies_are_bounded(editor: tuple[TestClient, dict[str, str]]) -> None:
    client, csrf = editor
    huge = draft(story={"fr": "x" * 300_000})
    answer = client.post(CHECK, json={"draft": huge}, headers=csrf)
    assert answer.status_code == 413


def test_trying_a_solution_runs_it_on_every_map(editor: tuple[TestClient, dict[str, str]]) -> None:
    client, csrf = editor
    level = draft(variants=[{"rows": ["S.", ".G"], "heading": None}])
    result = client.post(TRY, json={"draft": level, "program": SOLUTION}, headers=csrf).json()
    assert result["solved"] is False and result["stars"] == 0  # the variant turns
    boards = result["boards"]
    assert [b["outcome"] for b in boards] == ["success", "crash"]
    assert len(boards[0]["trace"]) == 4 and boards[0]["svg"].startswith("<svg")
    assert boards[1]["trace"][-1]["event"] == "crash"
    program = {"main": [{"block": "repeat_until", "id": "b1", "cond": {"sensor": "at_goal"},
                         "body": [{"block": "move_forward"}]}]}  # fmt: skip
    result = client.post(TRY, json={"draft": level, "program": program}, headers=csrf).json()
    assert result["outcome"] == "error" and result["error"]["id"] == "b1"  # not in the toolbox
    answer = client.post(TRY, json={"draft": draft(blocks=["repeat"]), "program": 3}, headers=csrf)
    assert answer.status_code == 400


def test_save_reopen_and_save_again(
    editor: tuple[TestClient, dict[str, str]], tmp_path: Path
) -> None:
    client, csrf = editor
    body = {
        "draft": draft(),
        "pack": "mes-niveaux",
        "name": "couloir",
        "new_pack": {"title": {"fr": "Mes niveaux", "en": "My levels"}},
        "lang": "en",
    }
    answer = client.post(SAVE, json=body, headers=csrf)
    assert answer.status_code == 201, answer.text
    saved = answer.json()
    path = tmp_path / "data" / "packs" / "mes-niveaux" / "couloir.yaml"
    assert saved["file"] == str(path) and saved["created_pack"] is True
    assert saved["in_catalog"] is True and saved["warnings"] == []
    assert yaml.safe_load((path.parent / "pack.yaml").read_text())["id"] == "mes-niveaux"
    report = check_paths([path.parent])
    assert report.problems == [] and report.warnings == []
    assert load_challenge(path).id == "mes-niveaux/couloir"

    # new sessions can use it at once
    packs = client.get("/api/facilitator/packs").json()["packs"]
    assert "mes-niveaux/couloir" in [c["id"] for p in packs for c in p["challenges"]]
    made = client.post(
        "/api/facilitator/sessions", json={"challenges": ["mes-niveaux/couloir"]}, headers=csrf
    )
    assert made.status_code == 201

    # saving under the same name is refused; reopening gives the draft and the file's sha
    again = client.post(SAVE, json={**body, "new_pack": None}, headers=csrf)
    assert again.status_code == 409 and again.json()["error"]["code"] == "editor.exists"
    opened = client.get("/api/facilitator/editor/challenges/mes-niveaux/couloir").json()
    assert opened["writable"] is True and opened["rewritten"] is False
    assert opened["draft"]["title"] == {"fr": "Le couloir", "en": "The corridor"}
    assert opened["draft"]["solution"]["blocks"]["blocks"][0]["type"] == "robolab_start"
    edited = copy.deepcopy(opened["draft"])
    edited["title"]["fr"] = "Le long couloir"
    replace = {"pack": "mes-niveaux", "name": "couloir", "sha": opened["sha"]}
    answer = client.post(
        SAVE,
        json={"draft": edited, "pack": "mes-niveaux", "name": "couloir", "replace": replace},
        headers=csrf,
    )
    assert answer.status_code == 200, answer.text
    assert load_challenge(path).title["fr"] == "Le long couloir"

    # the file changed on disk since it was opened: refused, nothing lost
    stale = client.post(
        SAVE,
        json={"draft": draft(), "pack": "mes-niveaux", "name": "couloir", "replace": replace},
        headers=csrf,
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "editor.changed_on_disk"
    assert load_challenge(path).title["fr"] == "Le long couloir"

    # robolab check, the real command, accepts the file
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "check", "--strict", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_level_that_check_refuses_is_not_written(
    editor: tuple[TestClient, dict[str, str]], packs: Path
) -> None:
    client, csrf = editor
    before = sorted(p.name for p in (packs / "tiny").iterdir())
    slow = [{"block": "move_forward"}, {"block": "turn_left"}, {"block": "turn_right"}] + [
        {"block": "move_forward"}
    ] * 3
    for level, code in [
        (draft(solution=slow, max_blocks=None), "check.solution_steps"),
        (draft(solution=None), "challenge.missing"),
        (draft(title={}), "challenge.missing"),
        (draft(max_blocks=1), "check.par_over_max"),
    ]:
        answer = client.post(
            SAVE, json={"draft": level, "pack": "tiny", "name": "nouveau"}, headers=csrf
        )
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert error["code"] == "editor.invalid"
        assert code in [p["code"] for p in error["problems"]], error["problems"]
    broken = draft(solution={"main": [{"block": "repeat", "times": 4}]})
    answer = client.post(SAVE, json={"draft": broken, "pack": "tiny", "name": "x"}, headers=csrf)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "editor.bad_solution"
    assert sorted(p.name for p in (packs / "tiny").iterdir()) == before


def test_names_and_paths_cannot_leave_the_pack(
    editor: tuple[TestClient, dict[str, str]], packs: Path, tmp_path: Path
) -> None:
    client, csrf = editor
    for pack, name, code in [
        ("../tiny", "x", "editor.bad_pack"),
        ("tiny", "../../x", "editor.bad_name"),
        ("tiny", "x/y", "editor.bad_name"),
        ("tiny", "X", "editor.bad_name"),
        ("/etc", "x", "editor.bad_pack"),
        ("nope", "x", "editor.unknown_pack"),
    ]:
        answer = client.post(
            SAVE, json={"draft": draft(), "pack": pack, "name": name}, headers=csrf
        )
        assert answer.json()["error"]["code"] == code, (pack, name)
    for path in ("..%2F..%2Fetc/passwd", "tiny/..%2Fline", "tiny/LINE", "tiny/line.yaml"):
        answer = client.get(f"/api/facilitator/editor/challenges/{path}")
        assert answer.status_code == 404, path
    (packs / "tiny" / "leak.yaml").symlink_to(tmp_path / "outside.yaml")
    answer = client.post(
        SAVE, json={"draft": draft(), "pack": "tiny", "name": "leak"}, headers=csrf
    )
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "editor.outside"
    assert not (tmp_path / "outside.yaml").exists()


def test_ids_of_other_files_and_existing_packs_are_not_taken(tmp_path: Path, packs: Path) -> None:
    text = (packs / "tiny" / "line.yaml").read_text().replace("id: tiny/line", "id: tiny/fresh")
    (packs / "tiny" / "other-name.yaml").write_text(text)
    config = ServerConfig(data_dir=tmp_path / "data", pack_roots=[packs])
    with TestClient(create_app(config)) as client:
        csrf = login(client)
        answer = client.post(
            SAVE, json={"draft": draft(), "pack": "tiny", "name": "fresh"}, headers=csrf
        )
        assert answer.status_code == 409 and answer.json()["error"]["code"] == "editor.id_taken"
        answer = client.post(
            SAVE,
            json={"draft": draft(), "pack": "tiny", "name": "fresh2", "new_pack": {}},
            headers=csrf,
        )
        assert answer.json()["error"]["code"] == "editor.pack_exists"
    assert not (packs / "tiny" / "fresh.yaml").exists()


def test_bundled_levels_open_read_only_and_save_as_a_copy(tmp_path: Path) -> None:
    with TestClient(create_app(ServerConfig(data_dir=tmp_path / "data"))) as client:
        csrf = login(client)
        opened = client.get("/api/facilitator/editor/challenges/starter/maze").json()
        assert opened["writable"] is False
        assert opened["draft"]["variants"][0]["heading"] == "north"
        refused = client.post(
            SAVE, json={"draft": opened["draft"], "pack": "starter", "name": "maze"}, headers=csrf
        )
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "editor.read_only"
        copy_body = {
            "draft": opened["draft"],
            "pack": "copies",
            "name": "maze",
            "new_pack": {"title": {"fr": "Copies"}},
        }
        answer = client.post(SAVE, json=copy_body, headers=csrf)
        assert answer.status_code == 201, answer.text
        copied = load_challenge(tmp_path / "data" / "packs" / "copies" / "maze.yaml")
        assert copied.id == "copies/maze" and len(copied.variants) == 2


def test_a_broken_file_is_explained_not_opened(
    editor: tuple[TestClient, dict[str, str]], packs: Path
) -> None:
    client, _ = editor
    (packs / "tiny" / "broken.yaml").write_text("format: robolab/challenge@1\nid: [\n")
    answer = client.get("/api/facilitator/editor/challenges/tiny/broken?lang=en")
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "editor.broken_file" and error["problems"][0]["line"] == 3
    listed = client.get("/api/facilitator/editor/packs").json()["packs"][0]["challenges"]
    entry = next(c for c in listed if c["name"] == "broken")
    assert entry["openable"] is False and "broken.yaml" in entry["problem"]
