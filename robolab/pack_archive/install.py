"""Installing a pack from an archive (``robolab pack import``): check, extract, check, rename.

The installed folder keeps the archive's manifest as ``.robolab-pack.json`` (hidden: pack
loaders and ``robolab check`` ignore it), so a later import can say which version is there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from robolab.checker import check_paths
from robolab.errors import ChallengeError
from robolab.pack import read_pack_meta
from robolab.pack_archive.manifest import (
    INSTALLED_MANIFEST,
    MAX_FILE_BYTES,
    ArchiveError,
    ArchiveFile,
    Manifest,
    shown,
)
from robolab.pack_archive.zipcheck import checked_manifest, open_zip, read_limited


@dataclass(frozen=True)
class Installed:
    manifest: Manifest
    folder: Path
    replaced: bool
    warnings: tuple[ChallengeError, ...] = ()


def read_manifest(archive: str | Path) -> Manifest:
    """The manifest of an archive, after checking every entry of the zip (nothing extracted).

    Raises:
        ArchiveError: the archive is broken or unsafe.
    """
    with open_zip(Path(archive)) as zf:
        return checked_manifest(zf)


def import_pack(archive: str | Path, into: str | Path, *, replace: bool = False) -> Installed:
    """Installs the pack of ``archive`` as ``into/<pack id>``.

    Raises:
        ArchiveError: the archive is broken or unsafe, the pack fails the checks of
            ``robolab check``, or the pack is already installed and ``replace`` is false.
    """
    into = Path(into)
    with open_zip(Path(archive)) as zf:
        manifest = checked_manifest(zf)
        target = into / manifest.pack
        if (target.exists() or target.is_symlink()) and not replace:
            version = _installed_version(target)
            key = "archive.exists" if version else "archive.exists_unknown"
            raise ArchiveError(key, pack=manifest.pack, folder=str(target), version=version)
        try:
            into.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".robolab-import-", dir=into))
        except OSError as exc:
            raise ArchiveError(
                "file.unreadable", file=str(into), reason=exc.strerror or str(exc)
            ) from None
        try:
            folder = staging / manifest.pack
            folder.mkdir()
            for entry in manifest.files:
                _extract(zf, f"{manifest.pack}/{entry.path}", folder / entry.path, entry)
            warnings = _check_extracted(folder, manifest)
            text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2) + "\n"
            (folder / INSTALLED_MANIFEST).write_text(text, encoding="utf-8")
            replaced = _move_into_place(folder, target, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Installed(manifest, target, replaced, tuple(warnings))


def _extract(zf: zipfile.ZipFile, name: str, dest: Path, entry: ArchiveFile) -> None:
    data, digest = read_limited(zf, zf.getinfo(name), MAX_FILE_BYTES)
    if len(data) != entry.size or digest != entry.sha256:
        raise ArchiveError("archive.checksum", name=shown(name))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(dest, flags, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise ArchiveError(
            "file.unreadable", file=str(dest), reason=exc.strerror or str(exc)
        ) from None


def _check_extracted(folder: Path, manifest: Manifest) -> list[ChallengeError]:
    meta, problems = read_pack_meta(folder)
    if not problems and meta.get("id") != manifest.pack:
        raise ArchiveError("archive.id_mismatch", pack=manifest.pack, got=str(meta.get("id"))[:60])
    report = check_paths([folder])
    shown = [_relocated(p, folder, manifest) for p in problems + report.problems]
    if shown:
        raise ArchiveError("archive.pack_invalid", folder=manifest.pack, problems=shown)
    return [_relocated(w, folder, manifest) for w in report.warnings]


def _relocated(err: ChallengeError, folder: Path, manifest: Manifest) -> ChallengeError:
    """The error with the file named as inside the archive, not in the temporary folder."""
    with contextlib.suppress(ValueError):
        err.file = f"{manifest.pack}/{Path(err.file).relative_to(folder).as_posix()}"
    return err


def _move_into_place(folder: Path, target: Path, staging: Path) -> bool:
    """Renames ``folder`` to ``target``; an existing ``target`` is swapped out, then removed."""
    old = staging / "previous"
    replaced = target.exists() or target.is_symlink()
    try:
        if replaced:
            os.rename(target, old)
        try:
            os.rename(folder, target)
        except OSError:
            if replaced:
                os.rename(old, target)  # put the installed pack back
            raise
    except OSError as exc:
        raise ArchiveError(
            "file.unreadable", file=str(target), reason=exc.strerror or str(exc)
        ) from None
    return replaced


def _installed_version(target: Path) -> str | None:
    """The version of an installed pack: from its install record, else from its pack.yaml."""
    with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
        data = json.loads((target / INSTALLED_MANIFEST).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("version"), str):
            return shown(data["version"][:40])
    meta, _ = read_pack_meta(target)
    version = meta.get("version")
    return shown(str(version)[:40]) if version is not None else None
