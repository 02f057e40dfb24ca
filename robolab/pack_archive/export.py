"""Writing a pack folder to a zip archive (``robolab pack export``)."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import stat
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from robolab.checker import check_paths
from robolab.pack import CHALLENGE_SUFFIXES, PACK_FILE, read_pack_meta
from robolab.pack_archive.manifest import (
    FILE_NAME,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    VERSION,
    ArchiveError,
    ArchiveFile,
    Manifest,
)
from robolab.pack_rules import PACK_ID

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same pack gives the same archive


@dataclass(frozen=True)
class Exported:
    manifest: Manifest
    archive: Path
    skipped: tuple[str, ...]  # names in the folder that are not part of a pack


def export_pack(
    folder: str | Path, archive: str | Path, *, today: datetime.date | None = None
) -> Exported:
    """Writes ``folder`` (a pack: ``pack.yaml`` and challenge files) to the zip ``archive``.

    The pack is checked first, like ``robolab check`` does. Files that are not YAML, hidden
    files, sub-folders and symbolic links are left out (``skipped``).

    Raises:
        ArchiveError: not a pack, a broken pack, too big, or the archive cannot be written.
    """
    folder = Path(folder)
    if not (folder / PACK_FILE).is_file():
        raise ArchiveError("archive.not_a_pack", folder=str(folder))
    meta, problems = read_pack_meta(folder)
    pack_id = meta.get("id")
    if problems or not isinstance(pack_id, str) or not PACK_ID.match(pack_id):
        raise ArchiveError("archive.pack_invalid", folder=str(folder), problems=problems)
    report = check_paths([folder])
    if not report.ok():
        raise ArchiveError("archive.pack_invalid", folder=str(folder), problems=report.problems)
    names, skipped = _pack_files(folder)
    if len(names) > MAX_FILES:
        raise ArchiveError("archive.too_many_files", count=len(names), max=MAX_FILES)
    contents: list[tuple[str, bytes]] = []
    for name in names:
        data = (folder / name).read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise ArchiveError("archive.file_too_big", name=name, max=MAX_FILE_BYTES)
        contents.append((name, data))
    if sum(len(d) for _, d in contents) > MAX_TOTAL_BYTES:
        raise ArchiveError("archive.too_big", max=MAX_TOTAL_BYTES)
    manifest = Manifest(
        pack=pack_id,
        version=_version_of(meta, today or datetime.date.today()),
        robolab=_robolab_version(),
        title=_title(meta),
        files=tuple(
            ArchiveFile(name, len(data), hashlib.sha256(data).hexdigest())
            for name, data in contents
        ),
    )
    _write_zip(Path(archive), manifest, contents)
    return Exported(manifest, Path(archive), tuple(skipped))


def _pack_files(folder: Path) -> tuple[list[str], list[str]]:
    names, skipped = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue  # hidden: an install record, editor files…
        regular = entry.is_file() and not entry.is_symlink()
        if regular and entry.suffix in CHALLENGE_SUFFIXES:
            if not FILE_NAME.match(entry.name):
                raise ArchiveError("archive.bad_file_name", name=entry.name)
            names.append(entry.name)
        else:
            skipped.append(entry.name)
    return names, skipped


def _write_zip(archive: Path, manifest: Manifest, contents: list[tuple[str, bytes]]) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".robolab-pack-", suffix=".zip", dir=archive.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2) + "\n"
            zf.writestr(_entry(MANIFEST), text.encode("utf-8"))
            for name, data in contents:
                zf.writestr(_entry(f"{manifest.pack}/{name}"), data)
        os.replace(tmp, archive)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ArchiveError(
            "file.unreadable", file=str(archive), reason=exc.strerror or str(exc)
        ) from None


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _version_of(meta: Mapping[str, Any], today: datetime.date) -> str:
    given = meta.get("version")
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        text = str(given).strip()
        if VERSION.match(text):
            return text
    return today.isoformat()


def _title(meta: Mapping[str, Any]) -> dict[str, str]:
    title = meta.get("title")
    if isinstance(title, str):
        return {"fr": title[:200], "en": title[:200]}
    if isinstance(title, Mapping):
        return {str(k): v[:200] for k, v in title.items() if isinstance(v, str)}
    return {}


def _robolab_version() -> str:
    from robolab import __version__

    return __version__
