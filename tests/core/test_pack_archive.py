"""``robolab pack export | import``: round trips, and hand-made hostile archives refused."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from robolab import pack_archive
from robolab.checker import check_paths
from robolab.cli import main
from robolab.pack_archive import (
    ARCHIVE_FORMAT,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_FILES,
    ArchiveError,
    export_pack,
    import_pack,
    read_manifest,
)
from tests.core.conftest import challenge_yaml

F = {"block": "move_forward"}
PACK_YAML = """format: robolab/pack@1
id: tiny
title: {fr: "Mini", en: "Tiny"}
description: {fr: "Deux défis", en: "Two challenges"}
order: [one, two]
"""


def challenge(name: str, steps: int) -> bytes:
    row = "S" + "." * (steps - 1) + "G"
    text = challenge_yaml(id=f"tiny/{name}", map=f"#{row}#", solution=[F] * steps)
    return text.encode("utf-8")


def tiny_files(version: str | None = None) -> dict[str, bytes]:
    meta = PACK_YAML + (f'version: "{version}"\n' if version else "")
    return {
        "pack.yaml": meta.encode(),
        "one.yaml": challenge("one", 2),
        "two.yaml": challenge("two", 3),
    }


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "src" / "tiny"
    folder.mkdir(parents=True)
    for name, data in tiny_files().items():
        (folder / name).write_bytes(data)
    (folder / "notes.txt").write_text("not part of the pack", encoding="utf-8")
    return folder


def manifest_for(contents: dict[str, bytes], pack: str = "tiny", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": ARCHIVE_FORMAT,
        "pack": pack,
        "version": "1.0",
        "robolab": "0.1.0",
        "title": {"fr": "Mini", "en": "Tiny"},
        "files": [
            {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
            for n, d in contents.items()
        ],
    }
    data.update(changes)
    return data


def write_zip(
    path: Path,
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    manifest: dict[str, Any] | bytes | None,
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we make
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            if manifest is not None:
                raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
                zf.writestr(MANIFEST, raw)
            for name, data in entries:
                zf.writestr(name, data)
    return path


def hostile(tmp_path: Path, extra: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    """A valid tiny archive plus ``extra`` entries (not in the manifest)."""
    files = tiny_files()
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/{n}", d) for n, d in files.items()
    ]
    return write_zip(tmp_path / "hostile.zip", entries + extra, manifest_for(files))


def refused(archive: Path, into: Path, key: str, *, keep: bool = False) -> ArchiveError:
    """Imports ``archive``, expecting refusal ``key``; nothing is left in ``into``."""
    with pytest.raises(ArchiveError) as caught:
        import_pack(archive, into)
    assert caught.value.key == key, caught.value.message("en")
    for lang in ("fr", "en"):
        text = caught.value.message(lang)
        assert text and "{" not in text
    leftovers = sorted(p.name for p in into.iterdir()) if into.exists() else []
    assert "tiny" not in leftovers or keep
    assert not [n for n in leftovers if n.startswith(".robolab-import-")]
    return caught.value


# --- round trip ---------------------------------------------------------------------------------


def test_export_then_import_gives_the_same_pack(pack: Path, tmp_path: Path) -> None:
    done = export_pack(pack, tmp_path / "out" / "tiny.zip")
    assert done.skipped == ("notes.txt",)
    assert [f.path for f in done.manifest.files] == ["one.yaml", "pack.yaml", "two.yaml"]
    with zipfile.ZipFile(done.archive) as zf:
        assert zf.namelist() == [MANIFEST, "tiny/one.yaml", "tiny/pack.yaml", "tiny/two.yaml"]
        manifest = json.loads(zf.read(MANIFEST))
    assert manifest["format"] == "robolab/pack-archive@1"
    assert manifest["pack"] == "tiny" and manifest["robolab"] == "0.1.0"
    assert len(manifest["version"]) == 10  # no version in pack.yaml: the date
    assert read_manifest(done.archive) == done.manifest

    into = tmp_path / "packs"
    installed = import_pack(done.archive, into)
    assert installed.folder == into / "tiny" and not installed.replaced
    for name, data in tiny_files().items():
        assert (into / "tiny" / name).read_bytes() == data
    assert not (into / "tiny" / "notes.txt").exists()
    assert sorted(p.name for p in into.iterdir()) == ["tiny"]
    assert check_paths([into]).ok(strict=True)


def test_archives_are_reproducible_and_carry_the_pack_version(pack: Path, tmp_path: Path) -> None:
    (pack / "pack.yaml").write_bytes(tiny_files("2.1")["pack.yaml"])
    assert check_paths([pack]).ok(strict=True)  # `version` is a pack.yaml field
    first = export_pack(pack, tmp_path / "a.zip")
    export_pack(pack, tmp_path / "b.zip")
    assert first.manifest.version == "2.1"
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_an_installed_pack_is_replaced_only_when_asked(pack: Path, tmp_path: Path) -> None:
    archive = export_pack(pack, tmp_path / "tiny.zip").archive
    into = tmp_path / "packs"
    import_pack(archive, into)
    (into / "tiny" / "local.yaml").write_text("kept?", encoding="utf-8")
    err = refused(archive, into, "archive.exists", keep=True)
    assert "--replace" in err.message("en")
    assert (into / "tiny" / "local.yaml").exists()
    again = import_pack(archive, into, replace=True)
    assert again.replaced
    assert not (into / "tiny" / "local.yaml").exists()
    assert sorted(p.name for p in into.iterdir()) == ["tiny"]


def test_a_broken_pack_is_not_exported(pack: Path, tmp_path: Path) -> None:
    (pack / "two.yaml").write_text("format: robolab/challenge@1\nid: tiny/two\n", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        export_pack(pack, tmp_path / "tiny.zip")
    assert caught.value.key == "archive.pack_invalid"
    assert any("two.yaml" in p.located("en") for p in caught.value.problems)
    assert not (tmp_path / "tiny.zip").exists()
    with pytest.raises(ArchiveError) as caught:
        export_pack(tmp_path, tmp_path / "x.zip")
    assert caught.value.key == "archive.not_a_pack"


# --- hostile archives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.yaml",
        "tiny/../../evil.yaml",
        "/tmp/evil.yaml",
        "C:/evil.yaml",
        "C:evil.yaml",
        "tiny\\..\\evil.yaml",
        "tiny/./one2.yaml",
        "tiny//one2.yaml",
    ],
)
def test_path_traversal_is_refused(tmp_path: Path, name: str) -> None:
    archive = hostile(tmp_path, [(name, b"x: 1\n")])
    refused(archive, tmp_path / "packs", "archive.unsafe_path")
    assert not (tmp_path / "evil.yaml").exists()


def test_symlinks_are_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("tiny/link.yaml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = hostile(tmp_path, [(link, b"/etc/passwd")])
    refused(archive, tmp_path / "packs", "archive.symlink")


def test_devices_and_encrypted_entries_are_refused(tmp_path: Path) -> None:
    fifo = zipfile.ZipInfo("tiny/fifo.yaml")
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    refused(hostile(tmp_path, [(fifo, b"")]), tmp_path / "packs", "archive.not_regular")
    archive = hostile(tmp_path, [("tiny/secret.yaml", b"x")])
    raw = bytearray(archive.read_bytes())
    _patch(raw, b"tiny/secret.yaml", local=(6, 1), central=(8, 1))  # flag bit 0: encrypted
    archive.write_bytes(bytes(raw))
    refused(archive, tmp_path / "packs", "archive.encrypted")


def test_too_many_files_are_refused(tmp_path: Path) -> None:
    extra: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/c{i}.yaml", b"x") for i in range(MAX_FILES + 2)
    ]
    refused(hostile(tmp_path, extra), tmp_path / "packs", "archive.too_many_files")


def test_declared_sizes_are_checked_before_reading(tmp_path: Path) -> None:
    big = b"#" * (MAX_FILE_BYTES + 1)
    refused(hostile(tmp_path, [("tiny/big.yaml", big)]), tmp_path / "packs", "archive.file_too_big")
    many = [(f"tiny/c{i}.yaml", b"#" * MAX_FILE_BYTES) for i in range(40)]  # 10 MiB in all
    archive = hostile(tmp_path, list(many))
    assert archive.stat().st_size < 200_000  # it compresses well: that is the danger
    refused(archive, tmp_path / "packs", "archive.too_big")


def test_a_zip_bomb_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """The directory says 2 bytes; the data inflates to 4 MiB. Counting stops it."""
    files = tiny_files()
    files["bomb.yaml"] = b"a: 1"
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/{n}", d) for n, d in files.items() if n != "bomb.yaml"
    ]
    path = write_zip(
        tmp_path / "bomb.zip",
        [*entries, ("tiny/bomb.yaml", b"\n" * (4 * 1024 * 1024))],
        manifest_for(files),
    )
    raw = bytearray(path.read_bytes())
    _patch(raw, b"tiny/bomb.yaml", local=(22, 4), central=(24, 4))  # uncompressed size
    path.write_bytes(bytes(raw))
    err = refused(path, tmp_path / "packs", "archive.corrupt")
    assert "bomb.yaml" in err.message("en")


def _patch(
    raw: bytearray, name: bytes, *, local: tuple[int, int], central: tuple[int, int]
) -> None:
    """Overwrites a little-endian field (offset, value) of entry ``name`` in its local header
    (4 bytes wide at offset 22, else 2) and in its central directory record."""
    at = 0
    while (at := raw.find(b"PK", at)) >= 0:
        sig = bytes(raw[at : at + 4])
        for want, start, (offset, value) in (
            (b"PK\x03\x04", 30, local),
            (b"PK\x01\x02", 46, central),
        ):
            if sig == want and raw[at + start : at + start + len(name)] == name:
                width = 4 if offset in (22, 24) else 2
                raw[at + offset : at + offset + width] = value.to_bytes(width, "little")
        at += 2


def test_non_yaml_files_are_refused(tmp_path: Path) -> None:
    archive = hostile(tmp_path, [("tiny/run.sh", b"#!/bin/sh\nrm -rf /\n")])
    refused(archive, tmp_path / "packs", "archive.not_yaml")


@pytest.mark.parametrize("name", ["tiny/sub/", "tiny/sub/x.yaml", "other/one.yaml", "top.yaml"])
def test_anything_outside_the_pack_folder_is_refused(tmp_path: Path, name: str) -> None:
    refused(hostile(tmp_path, [(name, b"")]), tmp_path / "packs", "archive.unexpected")


def test_files_must_match_the_manifest(tmp_path: Path) -> None:
    into = tmp_path / "packs"
    refused(hostile(tmp_path, [("tiny/extra.yaml", b"x: 1\n")]), into, "archive.not_in_manifest")
    files = tiny_files()
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/{n}", d) for n, d in files.items() if n != "two.yaml"
    ]
    missing = write_zip(tmp_path / "missing.zip", entries, manifest_for(files))
    refused(missing, into, "archive.missing_file")
    changed = dict(files, **{"two.yaml": files["two.yaml"].replace(b"Corridor", b"Corridoz")})
    entries = [(f"tiny/{n}", d) for n, d in changed.items()]
    tampered = write_zip(tmp_path / "tampered.zip", entries, manifest_for(files))
    refused(tampered, into, "archive.checksum")


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    into = tmp_path / "packs"
    refused(hostile(tmp_path, [("tiny/one.yaml", b"x: 2\n")]), into, "archive.duplicate")
    refused(hostile(tmp_path, [("tiny/ONE.yaml", b"x: 2\n")]), into, "archive.duplicate")


@pytest.mark.parametrize(
    ("manifest", "key"),
    [
        (None, "archive.no_manifest"),
        (b"{not json", "archive.bad_manifest"),
        (b"[]", "archive.bad_format"),
        ({"format": "robolab/pack-archive@9"}, "archive.bad_format"),
        ({"pack": "../x"}, "archive.bad_manifest"),
        ({"version": "1.0; rm -rf /"}, "archive.bad_manifest"),
        ({"files": "all"}, "archive.bad_manifest"),
        ({"files": [{"path": "../one.yaml", "size": 1, "sha256": "0" * 64}]}, "archive.not_yaml"),
        ({"pack": "other"}, "archive.unexpected"),
    ],
)
def test_broken_manifests_are_refused(
    tmp_path: Path, manifest: dict[str, Any] | bytes | None, key: str
) -> None:
    files = tiny_files()
    data: dict[str, Any] | bytes | None = manifest
    if isinstance(manifest, dict):
        data = manifest_for(files, **manifest)
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/{n}", d) for n, d in files.items()
    ]
    refused(write_zip(tmp_path / "m.zip", entries, data), tmp_path / "packs", key)


def test_an_archive_of_a_broken_pack_is_refused_after_the_checks(tmp_path: Path) -> None:
    files = tiny_files()
    files["two.yaml"] = challenge("two", 3).replace(b"G#", b"##")  # no goal any more
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"tiny/{n}", d) for n, d in files.items()
    ]
    archive = write_zip(tmp_path / "broken.zip", entries, manifest_for(files))
    err = refused(archive, tmp_path / "packs", "archive.pack_invalid")
    assert any(p.located("en").startswith("tiny/two.yaml") for p in err.problems)
    other = dict(tiny_files())
    other["pack.yaml"] = other["pack.yaml"].replace(b"id: tiny", b"id: tony")
    entries = [(f"tiny/{n}", d) for n, d in other.items()]
    archive = write_zip(tmp_path / "id.zip", entries, manifest_for(other))
    refused(archive, tmp_path / "packs", "archive.id_mismatch")


def test_what_is_not_a_zip_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    refused(junk, tmp_path / "packs", "archive.not_zip")
    refused(tmp_path / "nothing.zip", tmp_path / "packs", "file.unreadable")
    archive = hostile(tmp_path, [])
    monkeypatch.setattr(pack_archive.zipcheck, "MAX_ARCHIVE_BYTES", 100)
    refused(archive, tmp_path / "packs", "archive.too_big")


# --- command line -------------------------------------------------------------------------------


def test_cli_export_and_import(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "tiny.zip"
    assert main(["pack", "export", str(pack), "-o", str(archive), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Paquet « tiny »" in out and "notes.txt" in out
    into = tmp_path / "packs"
    assert main(["pack", "import", str(archive), "--into", str(into), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert 'Pack "tiny"' in out and f"robolab serve --pack {into}" in out
    assert main(["pack", "import", str(archive), "--into", str(into), "--lang", "fr"]) == 1
    assert "--replace" in capsys.readouterr().err
    args = ["pack", "import", str(archive), "--into", str(into), "--replace", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["replaced"] is True and data["pack"] == "tiny"


def test_cli_refuses_hostile_archives_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = hostile(tmp_path, [("../evil.yaml", b"x")])
    assert (
        main(["pack", "import", str(archive), "--into", str(tmp_path / "p"), "--lang", "fr"]) == 1
    )
    err = capsys.readouterr().err
    assert "archive refusée : chemin dangereux dans l'archive : ../evil.yaml" in err
    assert "Traceback" not in err


def test_cli_import_defaults_to_the_user_packs_folder(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    archive = export_pack(pack, tmp_path / "tiny.zip").archive
    code = subprocess.run(
        [sys.executable, "-m", "robolab", "pack", "import", str(archive)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert code.returncode == 0, code.stderr
    assert (tmp_path / "data" / "robolab" / "packs" / "tiny" / "pack.yaml").is_file()
