"""Small drawing helpers for the window: cached text, buttons with drawn icons, stars."""

from __future__ import annotations

from dataclasses import dataclass

from robolab.palette import RGB
from simulator import theme
from simulator.draw_map import paint, star_points
from simulator.pg import font, pygame

_TEXT_CACHE: dict[tuple[str, int, RGB], pygame.Surface] = {}


def text_surface(text: str, size: int, color: RGB) -> pygame.Surface:
    """A rendered line of text (cached: the panel redraws the same lines every frame)."""
    key = (text, size, color)
    surface = _TEXT_CACHE.get(key)
    if surface is None:
        if len(_TEXT_CACHE) > 2000:
            _TEXT_CACHE.clear()
        surface = font(size).render(text, True, color)
        _TEXT_CACHE[key] = surface
    return surface


def draw_text(
    target: pygame.Surface,
    text: str,
    pos: tuple[float, float],
    size: int,
    color: RGB,
    *,
    anchor: str = "topleft",
    max_width: int | None = None,
) -> pygame.Rect:
    """Draws one line; ``anchor`` is a pygame.Rect attribute name (``"center"``, ``"midleft"``…)."""
    surface = text_surface(text, size, color)
    if max_width is not None and surface.get_width() > max_width:
        while len(text) > 1 and text_surface(text + "…", size, color).get_width() > max_width:
            text = text[:-1]
        surface = text_surface(text + "…", size, color)
    rect = surface.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    target.blit(surface, rect)
    return rect


def wrap(text: str, size: int, width: int) -> list[str]:
    """Splits ``text`` into lines that fit ``width`` pixels."""
    lines: list[str] = []
    current = ""
    words: list[str] = []
    for word in text.split():
        if words and all(ch in "!?:;»" for ch in word):
            words[-1] += "\u00a0" + word  # French spacing: never start a line with "!"
        else:
            words.append(word)
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and font(size).size(candidate)[0] > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def draw_stars(
    target: pygame.Surface, centre: tuple[float, float], earned: int, size: float
) -> None:
    """Three stars in a row, ``earned`` of them lit."""
    for i in range(3):
        c = (centre[0] + (i - 1) * size * 2.3, centre[1])
        color = theme.STAR_ON if i < earned else theme.STAR_OFF
        paint(target, color, star_points(c, size))


@dataclass
class Button:
    """A clickable control with a drawn icon and a label under it."""

    name: str
    rect: pygame.Rect
    label: str = ""
    active: bool = False

    def hit(self, pos: tuple[int, int]) -> bool:
        return bool(self.rect.collidepoint(pos))

    def draw(self, target: pygame.Surface, icon: str, hot: bool = False) -> None:
        color = theme.BUTTON_HOT if hot or self.active else theme.BUTTON
        pygame.draw.rect(target, color, self.rect, border_radius=self.rect.height // 5)
        label_size = max(12, self.rect.height // 5)
        icon_box = pygame.Rect(self.rect)
        if self.label:
            icon_box.height -= label_size
            draw_text(
                target,
                self.label,
                (self.rect.centerx, self.rect.bottom - label_size // 2 - 4),
                label_size,
                theme.TEXT_DIM,
                anchor="center",
                max_width=self.rect.width - 4,
            )
        draw_icon(target, icon, icon_box.center, min(icon_box.width, icon_box.height) * 0.32)


def draw_icon(target: pygame.Surface, icon: str, c: tuple[int, int], s: float) -> None:
    """Play, pause, step, back, restart, plus and minus, drawn as shapes (``s``: half size)."""
    x, y = c
    white = (250, 250, 250)
    bar = max(3.0, s * 0.35)
    if icon == "play":
        paint(target, white, [(x - s * 0.6, y - s), (x + s, y), (x - s * 0.6, y + s)])
    elif icon == "pause":
        for dx in (-s * 0.45, s * 0.45):
            pygame.draw.rect(target, white, pygame.Rect(x + dx - bar / 2, y - s, bar, 2 * s))
    elif icon == "step":
        paint(target, white, [(x - s * 0.8, y - s), (x + s * 0.5, y), (x - s * 0.8, y + s)])
        pygame.draw.rect(target, white, pygame.Rect(x + s * 0.55, y - s, bar, 2 * s))
    elif icon == "back":
        paint(target, white, [(x + s * 0.8, y - s), (x - s * 0.5, y), (x + s * 0.8, y + s)])
        pygame.draw.rect(target, white, pygame.Rect(x - s * 0.55 - bar, y - s, bar, 2 * s))
    elif icon == "restart":
        paint(target, white, [(x + s * 0.9, y - s), (x - s * 0.1, y), (x + s * 0.9, y + s)])
        paint(target, white, [(x, y - s), (x - s, y), (x, y + s)])
    elif icon in ("plus", "minus"):
        pygame.draw.rect(target, white, pygame.Rect(x - s * 0.8, y - bar / 2, s * 1.6, bar))
        if icon == "plus":
            pygame.draw.rect(target, white, pygame.Rect(x - bar / 2, y - s * 0.8, bar, s * 1.6))
