"""Shared test data for the robot link tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CORNER_MAP = "######\n#S..##\n###.##\n###G##\n"
WALL_FOLLOWER: dict[str, Any] = {
    "main": [
        {
            "block": "while",
            "id": "loop",
            "cond": {"not": {"sensor": "at_goal"}},
            "body": [
                {
                    "block": "if",
                    "id": "ask",
                    "cond": {"sensor": "path_ahead"},
                    "then": [{"block": "move_forward", "id": "go"}],
                    "else": [{"block": "turn_right", "id": "turn"}],
                }
            ],
        }
    ]
}
SEQUENCE = [
    {"block": "move_forward", "id": "a"},
    {"block": "move_forward", "id": "b"},
    {"block": "turn_right", "id": "c"},
    {"block": "move_forward", "id": "d"},
    {"block": "move_forward", "id": "e"},
]


def challenge_file(folder: Path, *, map_text: str = CORNER_MAP, **overrides: Any) -> Path:
    data: dict[str, Any] = {
        "format": "robolab/challenge@1",
        "id": "robots/corner",
        "title": {"fr": "Le coin", "en": "The corner"},
        "story": {"fr": "Tourne au bon moment.", "en": "Turn at the right time."},
        "tier": 2,
        "map": map_text,
        "start": {"heading": "east"},
        "goal": ["reach"],
        "blocks": [
            "move_forward",
            "move_backward",
            "turn_left",
            "turn_right",
            "repeat",
            "while",
            "if",
        ],
        "sensors": ["path_ahead", "path_left", "path_right", "at_goal", "gem_here", "on_color"],
        "solution": SEQUENCE,
    }
    data.update(overrides)
    path = folder / f"{data['id'].split('/')[-1]}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
