"""The challenges the server knows: every loaded pack, by id, with what tablets need to show them.

The reference solution never leaves the server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from robolab.challenge import Challenge
from robolab.i18n import Lang
from robolab.pack import Pack, load_packs
from robolab.server.mapsvg import board_svg
from robolab.vocabulary import SENSORS, STATEMENT_BLOCKS


@dataclass
class Catalog:
    packs: list[Pack]
    challenges: dict[str, Challenge] = field(default_factory=dict)
    pack_of: dict[str, str] = field(default_factory=dict)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    _svg: dict[str, tuple[bytes, str]] = field(default_factory=dict, repr=False)
    _json: dict[tuple[str, Lang], dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, roots: Sequence[Path] | None = None) -> Catalog:
        """Loads the packs (default: the bundled ones), skipping broken challenges (see
        :meth:`problems`) and ids already taken by an earlier pack (``duplicates``).

        Each challenge's par is computed now, so that no run ever waits on the solver.
        """
        catalog = cls(load_packs(list(roots) if roots else None))
        for pack in catalog.packs:
            for challenge in pack.challenges:
                if challenge.id in catalog.challenges:
                    catalog.duplicates.append((challenge.id, pack.id))
                    continue
                catalog.challenges[challenge.id] = challenge
                catalog.pack_of[challenge.id] = pack.id
                _ = challenge.par_steps
        return catalog

    def problems(self, lang: Lang) -> list[str]:
        """What could not be loaded, as ``FILE:LINE: message`` lines."""
        out = [p.located(lang) for pack in self.packs for p in pack.problems]
        out += [f"{pack}: {cid} (duplicate id)" for cid, pack in self.duplicates]
        return out

    @property
    def ids(self) -> list[str]:
        """Every challenge id, in pack and ladder order."""
        return list(self.challenges)

    def get(self, challenge_id: str) -> Challenge | None:
        return self.challenges.get(challenge_id)

    def map_svg(self, challenge_id: str) -> tuple[bytes, str] | None:
        """The map picture and its ETag."""
        cached = self._svg.get(challenge_id)
        if cached is None:
            challenge = self.challenges.get(challenge_id)
            if challenge is None:
                return None
            body = board_svg(challenge.board, title=challenge.title_in("fr")).encode("utf-8")
            cached = (body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"')
            self._svg[challenge_id] = cached
        return cached

    def summary(self, challenge_id: str, lang: Lang) -> dict[str, Any]:
        full = self.describe(challenge_id, lang)
        keys = ("id", "pack", "title", "tier", "concepts", "map_svg")
        return {k: full[k] for k in keys}

    def describe(self, challenge_id: str, lang: Lang) -> dict[str, Any]:
        """What a tablet needs to show and edit a challenge (no solution)."""
        key = (challenge_id, lang)
        cached = self._json.get(key)
        if cached is None:
            cached = self._describe(self.challenges[challenge_id], lang)
            self._json[key] = cached
        return cached

    def _describe(self, c: Challenge, lang: Lang) -> dict[str, Any]:
        x, y = c.board.grid.start
        return {
            "id": c.id,
            "pack": self.pack_of.get(c.id, ""),
            "title": c.title_in(lang),
            "story": c.story_in(lang),
            "tier": c.tier,
            "concepts": list(c.concepts),
            "goals": sorted(g.value for g in c.goals),
            "blocks": [b for b in STATEMENT_BLOCKS if b in c.blocks],
            "sensors": [s for s in SENSORS if s in c.sensors],
            "max_blocks": c.max_blocks,
            "max_ticks": c.max_ticks,
            "par": {"blocks": c.par_blocks, "steps": c.par_steps},
            "hints": c.hints_in(lang),
            "variants": len(c.variants),
            "map": {
                "width": c.board.grid.width,
                "height": c.board.grid.height,
                "rows": list(c.board.grid.rows),
                "start": {"x": x, "y": y, "heading": c.board.heading.label},
            },
            "map_svg": f"/api/challenges/{quote(c.id)}/map.svg",
        }
