"""The manifest of a pack archive (``robolab-pack.json``), its limits and its errors."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from robolab.errors import ChallengeError, RoboLabError
from robolab.pack import PACK_FILE
from robolab.pack_rules import PACK_ID

ARCHIVE_FORMAT = "robolab/pack-archive@1"
MANIFEST = "robolab-pack.json"
INSTALLED_MANIFEST = ".robolab-pack.json"  # kept in an installed pack folder
MAX_FILES = 256
MAX_FILE_BYTES = 256 * 1024  # the size limit of a challenge file
MAX_TOTAL_BYTES = 8 * 1024 * 1024
MAX_ARCHIVE_BYTES = 8 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(yaml|yml)\Z")
VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}\Z")


class ArchiveError(RoboLabError):
    """A pack archive cannot be written or installed; ``problems`` lists check failures."""

    def __init__(
        self, key: str, /, *, problems: list[ChallengeError] | None = None, **params: Any
    ) -> None:
        self.problems = problems or []
        super().__init__(key, **params)


@dataclass(frozen=True)
class ArchiveFile:
    path: str  # the file's name inside the pack folder
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    pack: str
    version: str
    robolab: str
    files: tuple[ArchiveFile, ...]
    title: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": ARCHIVE_FORMAT,
            "pack": self.pack,
            "version": self.version,
            "robolab": self.robolab,
            "title": dict(self.title),
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }


def parse_manifest(raw: bytes) -> Manifest:
    """Reads and checks a manifest.

    Raises:
        ArchiveError: not JSON, not the right format, or a field is wrong.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ArchiveError("archive.bad_manifest", why="JSON") from None
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        got = data.get("format") if isinstance(data, dict) else None
        raise ArchiveError("archive.bad_format", got=str(got)[:60], want=ARCHIVE_FORMAT)
    pack, version, files = data.get("pack"), data.get("version"), data.get("files")
    if not isinstance(pack, str) or not PACK_ID.match(pack) or len(pack) > 64:
        raise ArchiveError("archive.bad_manifest", why="pack")
    if not isinstance(version, str) or not VERSION.match(version):
        raise ArchiveError("archive.bad_manifest", why="version")
    robolab = data.get("robolab")
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise ArchiveError("archive.bad_manifest", why="files")
    entries = []
    names: set[str] = set()
    for item in files:
        entry = _manifest_file(item)
        if entry.path.lower() in names:
            raise ArchiveError("archive.duplicate", name=shown(entry.path))
        names.add(entry.path.lower())
        entries.append(entry)
    if PACK_FILE not in names:
        raise ArchiveError("archive.missing_file", name=f"{pack}/{PACK_FILE}")
    title = data.get("title")
    return Manifest(
        pack=pack,
        version=version,
        robolab=robolab if isinstance(robolab, str) else "?",
        files=tuple(entries),
        title={k: v for k, v in title.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(title, dict)
        else {},
    )


def _manifest_file(item: Any) -> ArchiveFile:
    if not isinstance(item, dict):
        raise ArchiveError("archive.bad_manifest", why="files")
    path, size, digest = item.get("path"), item.get("size"), item.get("sha256")
    if not isinstance(path, str) or not FILE_NAME.match(path):
        raise ArchiveError("archive.not_yaml", name=shown(str(path)))
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_FILE_BYTES:
        raise ArchiveError("archive.bad_manifest", why=f"{path}: size")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ArchiveError("archive.bad_manifest", why=f"{path}: sha256")
    return ArchiveFile(path, size, digest)


def shown(name: str) -> str:
    """An archive name as it can be printed safely (no control characters, not too long)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 80 else clean[:77] + "…"
