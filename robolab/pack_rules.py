"""What ``robolab check`` verifies in a ``pack.yaml`` (format, id, texts, order, challenge ids)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from robolab.errors import ChallengeError
from robolab.i18n import LANGS
from robolab.pack import PACK_FILE, PACK_FORMAT, challenge_files, read_pack_meta
from robolab.yaml_lines import line_index, nearest_line

PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
PACK_KEYS = frozenset(
    {
        "format",
        "id",
        "title",
        "description",
        "ages",
        "duration_minutes",
        "order",
        "version",
        "position",
    }
)


def check_pack(
    folder: Path, challenge_ids: Mapping[str, str]
) -> tuple[list[ChallengeError], list[ChallengeError]]:
    """Problems and warnings of a pack folder's ``pack.yaml``.

    ``challenge_ids`` maps each challenge file stem of the folder to its id.
    """
    path = folder / PACK_FILE
    meta, problems = read_pack_meta(folder)
    if problems or not path.is_file():
        return problems, []
    try:
        lines = line_index(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        lines = {}
    warnings: list[ChallengeError] = []

    def add(bucket: list[ChallengeError], code: str, *at: str | int, **params: Any) -> None:
        bucket.append(
            ChallengeError(
                code, file=str(path), line=nearest_line(lines, at) if at else None, **params
            )
        )

    for key in sorted(str(k) for k in meta if k not in PACK_KEYS):
        add(
            problems, "challenge.unknown_key", key, key=key[:60], known=", ".join(sorted(PACK_KEYS))
        )
    if meta.get("format") != PACK_FORMAT:
        add(
            problems,
            "challenge.bad_format",
            "format",
            got=str(meta.get("format"))[:60],
            want=PACK_FORMAT,
        )
    pack_id = meta.get("id")
    if not isinstance(pack_id, str) or not PACK_ID.match(pack_id):
        add(problems, "pack.bad_id", "id", got=str(pack_id)[:60])
    else:
        for stem, ident in sorted(challenge_ids.items()):
            if not ident.startswith(pack_id + "/"):
                add(problems, "pack.foreign_id", "id", id=ident, name=stem, pack=pack_id)
    for field in ("title", "description"):
        text = meta.get(field)
        if field == "title" and not isinstance(text, Mapping | str):
            add(problems, "challenge.bad_text", field, field=field)
        elif isinstance(text, Mapping):
            missing = [
                lang for lang in LANGS if not isinstance(text.get(lang), str) or not text[lang]
            ]
            if missing:
                add(
                    warnings,
                    "check.missing_translation",
                    field,
                    field=field,
                    lang=", ".join(missing),
                )
    position = meta.get("position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int)):
        add(
            problems,
            "challenge.bad_int",
            "position",
            field="position",
            low=0,
            high=999,
            got=str(position)[:30],
        )
    duration = meta.get("duration_minutes")
    if duration is not None and (
        isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0
    ):
        add(
            problems,
            "challenge.bad_int",
            "duration_minutes",
            field="duration_minutes",
            low=1,
            high=600,
            got=str(duration)[:30],
        )
    order = meta.get("order")
    if order is not None:
        stems = {p.stem for p in challenge_files(folder)}
        if not isinstance(order, list):
            add(problems, "challenge.bad_list", "order", field="order")
        else:
            for i, name in enumerate(order):
                if name not in stems:
                    add(problems, "pack.unknown_in_order", "order", i, name=str(name)[:60])
    return problems, warnings
