"""Simulator tests run headless: SDL's dummy video driver (windows open invisibly), no audio."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest

from robolab.challenge import Challenge
from robolab.pack import load_packs

FIXTURES = Path(__file__).parent / "challenges"


def fixture_challenges() -> list[Challenge]:
    """The simulator's own test challenges (every map element, sensors, variants, water)."""
    packs = load_packs([FIXTURES])
    assert packs and not any(p.problems for p in packs)
    return [c for p in packs for c in p.challenges]


def every_challenge() -> list[Challenge]:
    """Every bundled challenge (whatever packs exist) plus the simulator's fixtures."""
    bundled = [c for p in load_packs() for c in p.challenges]
    return bundled + fixture_challenges()


def fixture(name: str) -> Challenge:
    return next(c for c in fixture_challenges() if c.id == f"simfix/{name}")


@pytest.fixture(autouse=True)
def _quit_display() -> Iterator[None]:
    """Each test starts without a window left open by another one."""
    yield
    import pygame

    if pygame.display.get_init():
        pygame.display.quit()
