from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge


def challenge_yaml(**overrides: Any) -> str:
    """A small valid challenge file, with fields replaced or removed (value None)."""
    data: dict[str, Any] = {
        "format": "robolab/challenge@1",
        "id": "test/corridor",
        "title": {"fr": "Couloir", "en": "Corridor"},
        "story": {"fr": "Va au drapeau.", "en": "Go to the flag."},
        "tier": 1,
        "concepts": ["sequence"],
        "map": "#####\n#S.G#\n#####\n",
        "start": {"heading": "east"},
        "goal": ["reach"],
        "blocks": ["move_forward", "turn_left", "turn_right", "repeat"],
        "solution": [{"block": "move_forward"}, {"block": "move_forward"}],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=None)


@pytest.fixture
def write_challenge(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "challenge.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_challenge(write_challenge):  # type: ignore[no-untyped-def]
    def make(**overrides: Any) -> Challenge:
        return load_challenge(write_challenge(challenge_yaml(**overrides)))

    return make
