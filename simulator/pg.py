"""The one place that imports pygame (quietly, and without needing a screen or a sound card)."""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

__all__ = ["font", "init_headless", "pygame"]


def init_headless() -> None:
    """What drawing needs without a window: fonts only (no display, no audio)."""
    if not pygame.font.get_init():
        pygame.font.init()


def font(size: int) -> pygame.font.Font:
    """pygame's bundled bold sans font (it has the French accents), cached by size.

    It has no symbols (stars, play/pause): those are drawn as shapes.
    """
    cached = _FONTS.get(size)
    if cached is None:
        init_headless()
        cached = pygame.font.Font(None, max(6, size))
        _FONTS[size] = cached
    return cached


_FONTS: dict[int, pygame.font.Font] = {}
