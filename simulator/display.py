"""Whether a window can open, and opening it; pygame is imported only when a window is wanted."""

from __future__ import annotations

import os
import sys
from typing import Any

from robolab.i18n import Lang
from robolab.messages import translate

HEADLESS_DRIVERS = ("dummy", "offscreen")


class DisplayUnavailable(RuntimeError):
    """No screen to open a window on (``message(lang)`` says what to do instead)."""

    def __init__(self, reason: str = "") -> None:
        self.reason = reason
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        return translate("sim.no_display", lang)


def display_available() -> bool:
    """False when there is clearly no screen (a Linux machine without X11 or Wayland).

    ``SDL_VIDEODRIVER=dummy`` (or ``offscreen``) counts as a screen: windows open, invisibly.
    """
    driver = os.environ.get("SDL_VIDEODRIVER", "").strip().lower()
    if driver in HEADLESS_DRIVERS:
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def open_window(size: tuple[int, int], *, resizable: bool = True, title: str = "RoboLab") -> Any:
    """Opens the window and returns its surface.

    Raises:
        DisplayUnavailable: no screen, or SDL could not open one.
    """
    if not display_available():
        raise DisplayUnavailable("no DISPLAY or WAYLAND_DISPLAY")
    from simulator.pg import pygame

    try:
        pygame.display.init()
        pygame.font.init()
        flags = pygame.RESIZABLE if resizable else 0
        surface = pygame.display.set_mode(size, flags)
    except pygame.error as exc:
        raise DisplayUnavailable(str(exc)) from None
    pygame.display.set_caption(title)
    pygame.key.set_repeat(350, 120)
    return surface


def present() -> None:
    """Shows what was drawn and keeps the window responsive."""
    from simulator.pg import pygame

    pygame.event.pump()
    pygame.display.flip()


def close_window() -> None:
    from simulator.pg import pygame

    pygame.display.quit()
