"""Where the level editor reads and writes challenge files: the packs it may change, safe paths,
atomic writes.

- Writable packs: the packs in ``packs/`` of the data folder (by default platformdirs'
  ``user_data_dir("robolab")/packs``, see :attr:`ServerConfig.user_packs_dir`), and the packs
  under the folders given to ``robolab serve --pack`` when the server may write there. The
  bundled packs (used when no ``--pack`` is given) are read-only: they open as "save a copy".
- New packs are created in the data folder's ``packs/``, with a ``pack.yaml``.
- Pack ids and file names follow the FORMATS id rule (lowercase letters, digits, ``-``); every
  path is resolved and must stay in its pack's folder (no ``..``, no symbolic link out).
- A file is written to a temporary file in the same folder, flushed, then renamed over the
  target (readers see the old or the new file, never half of one). A new file never replaces
  an existing one, even one created a moment before (hard link, which fails if the name exists).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from robolab.challenge_loader import read_challenge
from robolab.i18n import Lang, pick
from robolab.pack import PACK_FILE, PACK_FORMAT, challenge_files, pack_folders, read_pack_meta
from robolab.server.editor_model import MAX_PACK_ID, valid_name
from robolab.server.editor_yaml import scalar, text_flow
from robolab.server.http import ApiError
from robolab.server.state import ServerConfig

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PackPlace:
    """A pack the editor knows. ``source``: ``user`` (data folder), ``extra`` (``--pack``) or
    ``bundled``."""

    id: str
    folder: Path
    title: Mapping[str, str] = field(default_factory=dict)
    writable: bool = False
    source: str = "user"

    def title_in(self, lang: Lang) -> str:
        return pick(self.title, lang) or self.id


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def pack_places(config: ServerConfig) -> list[PackPlace]:
    """Every pack the server loads, plus the data folder's packs; the first of an id wins."""
    user_dir = config.user_packs_dir
    roots = config.catalog_roots
    if not any(_same(user_dir, r) for r in roots):
        roots.append(user_dir)
    places: list[PackPlace] = []
    seen: set[str] = set()
    for root in roots:
        if not root.is_dir():
            continue
        source = "user" if _same(root, user_dir) else "extra" if config.pack_roots else "bundled"
        for folder in pack_folders(root):
            meta, problems = read_pack_meta(folder)
            pack_id = str(meta.get("id") or folder.name)
            if pack_id in seen:
                continue
            seen.add(pack_id)
            title = meta.get("title")
            text = (
                {k: str(v) for k, v in title.items() if isinstance(v, str)}
                if isinstance(title, Mapping)
                else {"fr": title, "en": title}
                if isinstance(title, str)
                else {}
            )
            writable = (
                source != "bundled"
                and not problems
                and valid_name(pack_id, longest=MAX_PACK_ID)
                and _writable(folder)
            )
            places.append(PackPlace(pack_id, folder, text, writable, source))
    return places


def find_place(places: list[PackPlace], pack_id: str) -> PackPlace | None:
    return next((p for p in places if p.id == pack_id), None)


def inside(folder: Path, path: Path) -> Path:
    """``path`` when it really is a file name directly in ``folder`` (403 otherwise)."""
    real_folder = folder.resolve()
    if path.resolve().parent != real_folder or path.parent.resolve() != real_folder:
        raise ApiError(403, "editor.outside")
    return path


def challenge_file(place: PackPlace, name: str) -> tuple[Path, bool]:
    """The file of challenge ``name`` in the pack (``.yaml``, or ``.yml`` if that one exists)
    and whether it exists."""
    if not valid_name(name):
        raise ApiError(400, "editor.bad_name", name=name[:60])
    folder = place.folder
    for suffix in SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.exists() or path.is_symlink():
            return inside(folder, path), True
    return inside(folder, folder / f"{name}.yaml"), False


def file_sha(path: Path) -> str | None:
    """A fingerprint of a file's bytes (``None`` when it does not exist or cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    except OSError:
        return None


def place_challenges(place: PackPlace, lang: Lang) -> list[dict[str, Any]]:
    """The challenge files of a pack, for the editor's "open" list (broken ones say why)."""
    out = []
    for path in challenge_files(place.folder):
        challenge, problems = read_challenge(path)
        ok = challenge is not None and not problems
        out.append(
            {
                "name": path.stem,
                "file": path.name,
                "id": challenge.id if challenge is not None else None,
                "title": challenge.title_in(lang) if challenge is not None else path.stem,
                "tier": challenge.tier if challenge is not None else None,
                "openable": ok and valid_name(path.stem),
                "problem": problems[0].located(lang) if problems else None,
            }
        )
    return out


def pack_yaml(pack_id: str, title: Mapping[str, str]) -> str:
    """The ``pack.yaml`` of a new pack."""
    text = {k: v for k, v in title.items() if v} or {"fr": pack_id, "en": pack_id}
    return f"format: {PACK_FORMAT}\nid: {scalar(pack_id)}\ntitle: {text_flow(dict(text))}\n"


def write_atomic(path: Path, data: bytes, *, exclusive: bool) -> None:
    """Writes ``data`` to ``path`` through a temporary file in the same folder.

    Raises:
        FileExistsError: ``exclusive`` and the file exists.
        OSError: the folder is not writable, the disk is full...
    """
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        if exclusive:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists() or path.is_symlink():
                    raise FileExistsError(str(path)) from None
                os.replace(tmp, path)
        else:
            os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _sync_folder(folder: Path) -> None:
    """Makes the rename durable (best effort: not every system opens folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_pack(home: Path, pack_id: str, title: Mapping[str, str]) -> PackPlace:
    """A new pack folder ``home/<pack_id>`` with its ``pack.yaml``.

    Raises:
        ApiError: 409 when that folder already holds a pack.
        OSError: the folder cannot be made.
    """
    if not valid_name(pack_id, longest=MAX_PACK_ID):
        raise ApiError(400, "editor.bad_pack", name=pack_id[:60])
    home.mkdir(parents=True, exist_ok=True)
    folder = inside(home, home / pack_id)
    folder.mkdir(exist_ok=True)
    try:
        write_atomic(folder / PACK_FILE, pack_yaml(pack_id, title).encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise ApiError(409, "editor.pack_exists", pack=pack_id) from None
    return PackPlace(pack_id, folder, dict(title), True, "user")
