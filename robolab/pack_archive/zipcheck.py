"""Opening a pack archive without trusting it: every entry is checked before anything is read."""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from pathlib import Path

from robolab.pack_archive.manifest import (
    FILE_NAME,
    MANIFEST,
    MAX_ARCHIVE_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_MANIFEST_BYTES,
    MAX_TOTAL_BYTES,
    ArchiveError,
    Manifest,
    parse_manifest,
    shown,
)
from robolab.pack_rules import PACK_ID

_CHUNK = 64 * 1024


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArchiveError(
            "file.unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    if size > MAX_ARCHIVE_BYTES:
        raise ArchiveError("archive.too_big", max=MAX_ARCHIVE_BYTES)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # NotImplementedError: a (zip64) end record claiming a zip version Python does not read
        # (found by the fuzzer: tests/fuzz/regressions/pack_archive/)
        raise ArchiveError("archive.not_zip", file=str(path)) from None


def checked_manifest(zf: zipfile.ZipFile) -> Manifest:
    """Checks every entry, reads the manifest and matches it with the entries."""
    infos = zf.infolist()
    if len(infos) > MAX_FILES + 2:
        raise ArchiveError("archive.too_many_files", count=len(infos), max=MAX_FILES)
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_entry(info)
        folded = info.filename.lower()
        if folded in seen:
            raise ArchiveError("archive.duplicate", name=shown(info.filename))
        seen.add(folded)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ArchiveError("archive.too_big", max=MAX_TOTAL_BYTES)
    manifest = parse_manifest(_read_manifest_bytes(zf))
    expected = {f"{manifest.pack}/{f.path}": f for f in manifest.files}
    for info in infos:
        name = info.filename
        if name == MANIFEST or name == f"{manifest.pack}/":
            continue
        if not name.startswith(f"{manifest.pack}/"):
            raise ArchiveError("archive.unexpected", name=shown(name))
        entry = expected.pop(name, None)
        if entry is None:
            raise ArchiveError("archive.not_in_manifest", name=shown(name))
        if info.file_size != entry.size:
            raise ArchiveError("archive.size_mismatch", name=shown(name))
    if expected:
        raise ArchiveError("archive.missing_file", name=shown(next(iter(expected))))
    return manifest


def _check_entry(info: zipfile.ZipInfo) -> None:
    name = info.filename
    printable = shown(name)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ArchiveError("archive.symlink", name=printable)
    if not name or "\\" in name or ":" in name or name.startswith("/") or "\x00" in name:
        raise ArchiveError("archive.unsafe_path", name=printable)
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in (".", ".."):
        raise ArchiveError("archive.unsafe_path", name=printable)
    if info.is_dir():
        if len(parts) != 2 or parts[1] != "" or not PACK_ID.match(parts[0]):
            raise ArchiveError("archive.unexpected", name=printable)
        return
    if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        raise ArchiveError("archive.not_regular", name=printable)
    if info.flag_bits & 0x1:
        raise ArchiveError("archive.encrypted", name=printable)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ArchiveError("archive.compression", name=printable)
    if name == MANIFEST:
        if info.file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError("archive.file_too_big", name=printable, max=MAX_MANIFEST_BYTES)
        return
    if len(parts) != 2 or not PACK_ID.match(parts[0]):
        raise ArchiveError("archive.unexpected", name=printable)
    if not FILE_NAME.match(parts[1]):
        raise ArchiveError("archive.not_yaml", name=printable)
    if info.file_size > MAX_FILE_BYTES:
        raise ArchiveError("archive.file_too_big", name=printable, max=MAX_FILE_BYTES)


def _read_manifest_bytes(zf: zipfile.ZipFile) -> bytes:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise ArchiveError("archive.no_manifest") from None
    data, _ = read_limited(zf, info, MAX_MANIFEST_BYTES)
    return data


def read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[bytes, str]:
    """The entry's bytes and their sha256, counting while decompressing (zip bombs lie)."""
    chunks = []
    digest = hashlib.sha256()
    count = 0
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                count += len(chunk)
                if count > min(limit, info.file_size):
                    raise ArchiveError("archive.file_too_big", name=shown(info.filename), max=limit)
                digest.update(chunk)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
        # a damaged entry (bad CRC, truncated data, header and directory disagree…)
        raise ArchiveError("archive.corrupt", name=shown(info.filename)) from None
    return b"".join(chunks), digest.hexdigest()
