"""Every sentence the pages use exists in French and in English, with the same parameters."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from robolab.server.texts import CATALOG, facilitator_texts, ui_texts

JS = Path(__file__).resolve().parents[2] / "robolab" / "server" / "static" / "js"
DYNAMIC = {  # keys built in the code (`access_${a}`...)
    "access_": ("locked", "auto", "open"),
    "all_": ("locked", "auto", "open"),
    "state_": ("open", "paused", "ended"),
    "outcome_": ("success", "crash", "fall", "timeout", "incomplete", "error"),
}
PRESETS = ("preset_listen", "preset_save", "preset_robot", "preset_five")


def _params(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    fr, en = CATALOG[key]
    assert fr and en
    assert _params(fr) == _params(en), key


def _used(folder: Path) -> set[str]:
    keys: set[str] = set()
    for path in folder.glob("*.js"):
        keys |= set(re.findall(r"\btn?\('([a-z_]+)'", path.read_text()))
    return keys


def test_the_facilitator_pages_have_every_sentence_they_use() -> None:
    used = _used(JS / "fac") | set(PRESETS)
    used |= {prefix + name for prefix, names in DYNAMIC.items() for name in names}
    for lang in ("fr", "en"):
        texts = facilitator_texts(lang)
        assert used - set(texts) == set(), lang
        assert texts["nav_sessions"] == ("Séances" if lang == "fr" else "Sessions")


def test_the_tablet_has_every_sentence_it_uses() -> None:
    used = _used(JS)
    for lang in ("fr", "en"):
        assert used - set(ui_texts(lang)) == set(), lang
