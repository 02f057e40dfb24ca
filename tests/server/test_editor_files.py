"""Where the level editor may write: names, paths inside the pack, atomic writes, new packs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from robolab.pack import load_pack
from robolab.pack_rules import check_pack
from robolab.server.editor_files import (
    PackPlace,
    challenge_file,
    create_pack,
    file_sha,
    pack_places,
    pack_yaml,
    write_atomic,
)
from robolab.server.editor_model import valid_name
from robolab.server.http import ApiError
from robolab.server.state import ServerConfig
from tests.server.conftest import PACKS


@pytest.mark.parametrize(
    "name",
    ["", "..", "../x", "a/b", "a\\b", "A", "é", "-a", "a b", "a.yaml", "a\x00", "a" * 51, "ok\n"],
)
def test_names_outside_the_id_rule_are_refused(name: str) -> None:
    assert not valid_name(name)
    place = PackPlace("p", Path("/nonexistent"), {}, True)
    with pytest.raises(ApiError) as err:
        challenge_file(place, name)
    assert err.value.status == 400


def test_good_names() -> None:
    assert valid_name("mon-niveau-2")
    assert valid_name("a" * 50)
    assert not valid_name(12)


def test_a_symbolic_link_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    outside = tmp_path / "secret.yaml"
    outside.write_text("x")
    (pack / "evil.yaml").symlink_to(outside)
    with pytest.raises(ApiError) as err:
        challenge_file(PackPlace("pack", pack, {}, True), "evil")
    assert err.value.status == 403
    assert err.value.code == "editor.outside"


def test_the_existing_yml_file_is_the_one_edited(tmp_path: Path) -> None:
    (tmp_path / "old.yml").write_text("x")
    place = PackPlace("p", tmp_path, {}, True)
    assert challenge_file(place, "old") == (tmp_path / "old.yml", True)
    assert challenge_file(place, "new") == (tmp_path / "new.yaml", False)


def test_atomic_write_never_overwrites_when_exclusive(tmp_path: Path) -> None:
    target = tmp_path / "level.yaml"
    write_atomic(target, b"first\n", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second\n", exclusive=True)
    assert target.read_bytes() == b"first\n"
    write_atomic(target, b"third\n", exclusive=False)
    assert target.read_bytes() == b"third\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["level.yaml"]  # no temporary left
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "level.yaml"
    target.write_bytes(b"old\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new\n", exclusive=False)
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["level.yaml"]


def test_a_new_pack_has_a_pack_yaml_that_check_accepts(tmp_path: Path) -> None:
    place = create_pack(tmp_path, "mes-niveaux", {"fr": "Mes niveaux", "en": "My levels"})
    assert place.folder == tmp_path / "mes-niveaux"
    assert place.writable
    problems, warnings = check_pack(place.folder, {"un": "mes-niveaux/un"})
    assert problems == [] and warnings == []
    assert load_pack(place.folder).title == {"fr": "Mes niveaux", "en": "My levels"}
    with pytest.raises(ApiError) as err:
        create_pack(tmp_path, "mes-niveaux", {})
    assert err.value.status == 409
    assert 'title: {fr: "x: y", en: "x: y"}' in pack_yaml("p", {"fr": "x: y", "en": "x: y"})
    assert "title: {fr: p, en: p}" in pack_yaml("p", {}).replace('"', "")


def test_places_bundled_read_only_user_and_extra_writable(tmp_path: Path) -> None:
    bundled = pack_places(ServerConfig(data_dir=tmp_path / "data"))
    assert bundled and all(not p.writable and p.source == "bundled" for p in bundled)
    create_pack(tmp_path / "data" / "packs", "mine", {"fr": "À moi"})
    extra = tmp_path / "extra"
    shutil.copytree(PACKS, extra)
    places = pack_places(ServerConfig(data_dir=tmp_path / "data", pack_roots=[extra]))
    assert [(p.id, p.writable, p.source) for p in places] == [
        ("tiny", True, "extra"),
        ("mine", True, "user"),
    ]
    assert file_sha(extra / "tiny" / "line.yaml") == file_sha(PACKS / "tiny" / "line.yaml")
    assert file_sha(extra / "tiny" / "nothing.yaml") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_the_server_cannot_write_is_read_only(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    shutil.copytree(PACKS, extra)
    (extra / "tiny").chmod(0o555)
    try:
        places = pack_places(ServerConfig(data_dir=tmp_path / "data", pack_roots=[extra]))
        assert [(p.id, p.writable) for p in places] == [("tiny", False)]
    finally:
        (extra / "tiny").chmod(0o755)
