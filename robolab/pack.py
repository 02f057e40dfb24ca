"""Challenge packs: a folder of challenge files with a ``pack.yaml`` (title, order, audience)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from robolab.challenge import Challenge
from robolab.challenge_loader import read_challenge
from robolab.errors import ChallengeError
from robolab.i18n import Lang, Text, pick

PACK_FILE = "pack.yaml"
PACK_FORMAT = "robolab/pack@1"
CHALLENGE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Pack:
    """A loaded pack; ``challenges`` are in ladder order, ``problems`` lists what could not load."""

    id: str
    title: Text
    folder: Path
    description: Text = field(default_factory=dict)
    ages: str = ""
    duration_minutes: int | None = None
    position: int | None = None  # place of the pack in the ladder across packs (lower first)
    challenges: list[Challenge] = field(default_factory=list)
    problems: list[ChallengeError] = field(default_factory=list)

    def title_in(self, lang: Lang) -> str:
        return pick(self.title, lang) or self.id


def bundled_packs_root() -> Path:
    """The folder of the packs shipped with RoboLab (in the wheel or in a source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "_bundled_challenges"
    return installed if installed.is_dir() else here.parent / "challenges"


def pack_folders(root: Path) -> list[Path]:
    """Every pack folder under ``root`` (``root`` itself when it is a pack), sorted."""
    if (root / PACK_FILE).is_file():
        return [root]
    return sorted(p.parent for p in root.glob(f"*/{PACK_FILE}"))


def challenge_files(folder: Path) -> list[Path]:
    """The challenge files of a folder (not ``pack.yaml``), sorted by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in CHALLENGE_SUFFIXES and p.name != PACK_FILE and p.is_file()
    )


def load_pack(folder: Path) -> Pack:
    """Loads ``pack.yaml`` and every challenge of the folder, collecting problems."""
    meta, problems = read_pack_meta(folder)
    pack = Pack(
        id=str(meta.get("id") or folder.name),
        title=_text(meta.get("title")) or {"fr": folder.name, "en": folder.name},
        folder=folder,
        description=_text(meta.get("description")),
        ages=str(meta.get("ages", "")),
        duration_minutes=_whole(meta.get("duration_minutes")),
        position=_whole(meta.get("position")),
        problems=problems,
    )
    by_name: dict[str, Challenge] = {}
    for path in challenge_files(folder):
        challenge, found = read_challenge(path)
        pack.problems.extend(found)
        if challenge is not None and not found:
            by_name[path.stem] = challenge
    order = meta.get("order")
    names = (
        [n for n in order if isinstance(n, str) and n in by_name] if isinstance(order, list) else []
    )
    rest = sorted(
        (n for n in by_name if n not in names), key=lambda n: (by_name[n].tier, by_name[n].id)
    )
    pack.challenges = [by_name[n] for n in names + rest]
    return pack


def load_packs(roots: list[Path] | None = None) -> list[Pack]:
    """The packs under each root (default: the bundled packs), in ladder order: by ``position``
    in ``pack.yaml``, then packs without one by id, root by root."""
    packs = []
    for root in roots or [bundled_packs_root()]:
        found = [load_pack(folder) for folder in pack_folders(root)]
        packs += sorted(found, key=lambda p: (p.position is None, p.position or 0, p.id))
    return packs


def iter_challenges(packs: list[Pack]) -> Iterator[Challenge]:
    for pack in packs:
        yield from pack.challenges


def read_pack_meta(folder: Path) -> tuple[Mapping[str, Any], list[ChallengeError]]:
    path = folder / PACK_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, [
            ChallengeError("pack.unreadable", file=str(path), reason=str(exc).splitlines()[0])
        ]
    if not isinstance(data, Mapping):
        return {}, [ChallengeError("pack.not_mapping", file=str(path), line=1)]
    return data, []


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"fr": value, "en": value}
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
    return {}
