"""The window's side panel: title, the program with the running block lit, counters, stars."""

from __future__ import annotations

from dataclasses import dataclass, field

from robolab import palette
from simulator import theme
from simulator.pg import pygame
from simulator.program_lines import Line, line_of
from simulator.widgets import draw_stars, draw_text, wrap


@dataclass
class PanelInfo:
    """What the panel shows for one frame (already in the chosen language)."""

    title: str
    subtitle: str
    heading: str
    lines: list[Line]
    highlight: int | None
    counters: str
    par: str = ""
    stars: int | None = None
    message: str = ""
    help: list[str] = field(default_factory=list)


class SidePanel:
    """Draws :class:`PanelInfo`; keeps the program scrolled so the lit line stays visible."""

    def __init__(self) -> None:
        self.scroll = 0
        self.line_rects: list[tuple[int, pygame.Rect]] = []

    def draw(self, target: pygame.Surface, rect: pygame.Rect, info: PanelInfo) -> None:
        pygame.draw.rect(target, theme.PANEL, rect, border_radius=12)
        pad = max(10, rect.width // 24)
        size = max(16, min(30, rect.height // 24))
        x, y = rect.x + pad, rect.y + pad
        width = rect.width - 2 * pad
        title = draw_text(target, info.title, (x, y), size + 8, palette.TEXT, max_width=width)
        y = title.bottom + 4
        if info.subtitle:
            y = draw_text(target, info.subtitle, (x, y), size - 2, theme.TEXT_DIM).bottom + 4
        y += size // 2
        for text in wrap(info.heading, size, width):
            y = draw_text(target, text, (x, y), size, theme.TEXT_DIM).bottom + 2
        y += 4
        footer = self._footer_height(info, size, width)
        box = pygame.Rect(x - pad // 2, y, width + pad, rect.bottom - pad - footer - y)
        if info.lines:
            self._program(target, box, info, size)
        else:
            self._help(target, box, info, size)
        self._draw_footer(target, pygame.Rect(x, box.bottom + 8, width, footer), info, size)

    def _program(
        self, target: pygame.Surface, box: pygame.Rect, info: PanelInfo, size: int
    ) -> None:
        pygame.draw.rect(target, theme.darker(theme.PANEL, 0.25), box, border_radius=8)
        step = round(size * 1.4)
        visible = max(1, (box.height - 8) // step)
        lit = line_of(info.lines, info.highlight)
        if lit is not None and not self.scroll <= lit < self.scroll + visible:
            self.scroll = max(0, lit - visible // 3)
        self.scroll = max(0, min(self.scroll, len(info.lines) - visible))
        gutter = size * 2
        clip = target.get_clip()
        target.set_clip(box)
        self.line_rects = []
        for row, index in enumerate(
            range(self.scroll, min(len(info.lines), self.scroll + visible))
        ):
            line = info.lines[index]
            top = box.y + 4 + row * step
            line_rect = pygame.Rect(box.x + 4, top, box.width - 8, step)
            self.line_rects.append((index, line_rect))
            color = palette.TEXT
            if index == lit:
                pygame.draw.rect(target, palette.HIGHLIGHT, line_rect, border_radius=6)
                color = palette.BACKGROUND
            if line.number is not None:
                tag_color = color if index == lit else theme.TEXT_DIM
                draw_text(
                    target,
                    str(line.number),
                    (line_rect.x + gutter - 8, line_rect.centery),
                    size - 2,
                    tag_color,
                    anchor="midright",
                )
            indent = line_rect.x + gutter + line.depth * size
            draw_text(
                target,
                line.text,
                (indent, line_rect.centery),
                size,
                color,
                anchor="midleft",
                max_width=line_rect.right - indent - 4,
            )
        target.set_clip(clip)

    def _help(self, target: pygame.Surface, box: pygame.Rect, info: PanelInfo, size: int) -> None:
        y = box.y + 4
        for paragraph in info.help:
            for text in wrap(paragraph, size, box.width - 16):
                y = draw_text(target, text, (box.x + 8, y), size, palette.TEXT).bottom + 2
            y += size // 2

    def _footer_height(self, info: PanelInfo, size: int, width: int) -> int:
        rows = 1 + bool(info.par) + (info.stars is not None)
        message = len(wrap(info.message, size - 2, width)) if info.message else 0
        return rows * round(size * 1.5) + message * round(size * 1.15) + 8

    def _draw_footer(
        self, target: pygame.Surface, area: pygame.Rect, info: PanelInfo, size: int
    ) -> None:
        y = area.y
        y = draw_text(target, info.counters, (area.x, y), size, palette.TEXT).bottom + size // 3
        if info.par:
            y = draw_text(target, info.par, (area.x, y), size - 4, theme.TEXT_DIM).bottom + 6
        if info.stars is not None:
            star = size * 0.6
            draw_stars(target, (area.x + star * 3.4, y + star + 2), info.stars, star)
            y += round(size * 1.5)
        for text in wrap(info.message, size - 2, area.width) if info.message else []:
            y = draw_text(target, text, (area.x, y), size - 2, palette.HIGHLIGHT).bottom + 2
