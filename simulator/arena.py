"""The arena view for the projector: several teams' runs of one challenge, replayed together.

Runs come from recorded traces (``RunResult``/``BoardRun`` made with ``trace=True``, or a list of
:class:`~robolab.results.TraceStep`), each labelled with a team's pseudonym. ``layout="side"``
puts one small map per team side by side; ``layout="overlay"`` puts every robot on one map, each
in its team colour, with a legend.

Example::

    arena = Arena.for_challenge(challenge, [("Renard", result1), ("Hibou", result2)])
    arena.save("replay.gif")          # or arena.frame(t), or arena.show() for a window
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image

from robolab import palette
from robolab.board import Board, goal_holds
from robolab.challenge import Challenge
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label
from robolab.palette import RGB
from robolab.results import BoardRun, RunResult, TraceStep
from robolab.robot import Motion
from robolab.vocabulary import Goal, Outcome
from simulator import theme
from simulator.beats import Beat, SimRun, beats_from_trace, replay
from simulator.pg import init_headless, pygame
from simulator.recording import GIF_FPS, HOLD_LAST_MS, save_gif, save_png
from simulator.scene import Scene, fit_cell
from simulator.timeline import Timeline, View
from simulator.widgets import draw_text

Layout = Literal["side", "overlay"]
Recorded = RunResult | BoardRun | SimRun | Sequence[TraceStep]


@dataclass(frozen=True)
class Entry:
    """One team's run in the arena."""

    label: str
    timeline: Timeline
    color: RGB


class Arena:
    """Replays several runs of the same board together.

    Args:
        board: the map the runs were made on (usually ``challenge.board``).
        goals: the challenge's goals.
        runs: ``(pseudonym, recorded run)`` pairs, in the order to show them.
        layout: ``"side"`` (one map per team) or ``"overlay"`` (one map, a legend).
        size: the picture size in pixels.
        lang: the language of the labels.
    """

    def __init__(
        self,
        board: Board,
        goals: frozenset[Goal],
        runs: Sequence[tuple[str, Recorded]],
        *,
        layout: Layout = "side",
        size: tuple[int, int] = (1280, 720),
        lang: Lang = "fr",
    ) -> None:
        if layout not in ("side", "overlay"):
            raise ValueError(f"layout must be 'side' or 'overlay', got {layout!r}")
        if not runs:
            raise ValueError("the arena needs at least one run")
        init_headless()
        self.board, self.goals, self.layout, self.lang = board, goals, layout, lang
        self.entries = [
            Entry(
                name, Timeline(_as_run(board, goals, recorded)), theme.TEAMS[i % len(theme.TEAMS)]
            )
            for i, (name, recorded) in enumerate(runs)
        ]
        self.total = max(e.timeline.total for e in self.entries)
        self.surface = pygame.Surface(size)
        self._header = max(24, size[1] // 18)
        self._place()

    @classmethod
    def for_challenge(
        cls, challenge: Challenge, runs: Sequence[tuple[str, Recorded]], **options: object
    ) -> Arena:
        """The arena of a challenge's main map."""
        return cls(challenge.board, challenge.goals, runs, **options)  # type: ignore[arg-type]

    # -- layout -------------------------------------------------------------------------------

    def _place(self) -> None:
        width, height = self.surface.get_size()
        grid = self.board.grid
        pad = max(6, min(width, height) // 80)
        if self.layout == "overlay":
            legend = max(180, width // 4)
            area = pygame.Rect(pad, pad, width - legend - 3 * pad, height - 2 * pad)
            self.scene = Scene(grid, fit_cell(grid, area.width, area.height))
            self.legend = pygame.Rect(area.right + pad, pad, legend, height - 2 * pad)
            self.slots = [self._centre(area)]
            return
        n = len(self.entries)
        best: tuple[int, int] = (0, 1)
        for cols in range(1, n + 1):
            rows = math.ceil(n / cols)
            cell = fit_cell(
                grid, width // cols - 2 * pad, height // rows - self._header - 2 * pad, minimum=1
            )
            if cell > best[0]:
                best = (cell, cols)
        cell, cols = max(4, best[0]), best[1]
        rows = math.ceil(n / cols)
        self.scene = Scene(grid, cell)
        self.boxes: list[pygame.Rect] = []
        self.slots = []
        for i in range(n):
            box = pygame.Rect(
                (i % cols) * width // cols,
                (i // cols) * height // rows,
                width // cols,
                height // rows,
            )
            self.boxes.append(box)
            area = pygame.Rect(
                box.x + pad,
                box.y + self._header + pad,
                box.width - 2 * pad,
                box.height - self._header - 2 * pad,
            )
            self.slots.append(self._centre(area))

    def _centre(self, area: pygame.Rect) -> tuple[int, int]:
        w, h = self.scene.size
        return area.x + (area.width - w) // 2, area.y + (area.height - h) // 2

    # -- drawing ------------------------------------------------------------------------------

    def frame(self, t: float) -> pygame.Surface:
        """The arena ``t`` seconds after every run started (finished runs hold their end)."""
        surface = self.surface
        surface.fill(palette.BACKGROUND)
        views = [e.timeline.view_at(t) for e in self.entries]
        if self.layout == "overlay":
            self._overlay(surface, views)
        else:
            for entry, view, box, slot in zip(
                self.entries, views, self.boxes, self.slots, strict=True
            ):
                self._panel(surface, entry, view, box, slot)
        return surface

    def _panel(
        self,
        surface: pygame.Surface,
        entry: Entry,
        view: View,
        box: pygame.Rect,
        origin: tuple[int, int],
    ) -> None:
        scene = self.scene
        scene.draw_mat(surface, origin)
        scene.draw_gems(surface, view.gems_taken, origin)
        scene.draw_trail(surface, view.trail, origin, entry.color)
        scene.draw_robot(surface, view.robot, origin, entry.color)
        scene.draw_effects(surface, view.effects, origin)
        size = self._header * 3 // 4
        chip = pygame.Rect(box.x + 8, box.y + 6, size, size)
        pygame.draw.rect(surface, entry.color, chip, border_radius=size // 4)
        status = self._status(entry, view)
        right = draw_text(
            surface, status, (box.right - 8, chip.centery), size, theme.TEXT_DIM, anchor="midright"
        )
        draw_text(
            surface,
            entry.label,
            (chip.right + 8, chip.centery),
            size,
            palette.TEXT,
            anchor="midleft",
            max_width=max(10, right.left - chip.right - 16),
        )

    def _overlay(self, surface: pygame.Surface, views: list[View]) -> None:
        scene, origin = self.scene, self.slots[0]
        scene.draw_mat(surface, origin)
        left = 0
        for view in views:
            left |= ~view.gems_taken
        scene.draw_gems(surface, ~left, origin)
        n = len(self.entries)
        for i, (entry, view) in enumerate(zip(self.entries, views, strict=True)):
            shift = (0.0, 0.0)
            if n > 1:
                a = 2 * math.pi * i / n
                shift = (0.12 * math.cos(a), 0.12 * math.sin(a))
            scene.draw_trail(surface, view.trail, origin, entry.color, width=0.08, shift=shift)
        for entry, view in zip(self.entries, views, strict=True):
            scene.draw_robot(surface, view.robot, origin, entry.color)
            scene.draw_effects(surface, view.effects, origin)
        self._legend(surface, views)

    def _legend(self, surface: pygame.Surface, views: list[View]) -> None:
        box = self.legend
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=10)
        size = max(16, min(30, box.height // max(8, 2 * len(self.entries) + 2)))
        y = box.y + size // 2
        for entry, view in zip(self.entries, views, strict=True):
            chip = pygame.Rect(box.x + 10, y, size, size)
            pygame.draw.rect(surface, entry.color, chip, border_radius=size // 4)
            draw_text(
                surface, entry.label, (chip.right + 8, chip.centery), size, palette.TEXT,
                anchor="midleft", max_width=box.right - chip.right - 16,
            )  # fmt: skip
            y = chip.bottom + 2
            status = self._status(entry, view)
            y = draw_text(surface, status, (chip.right + 8, y), size - 4, theme.TEXT_DIM).bottom
            y += size // 2

    def _status(self, entry: Entry, view: View) -> str:
        steps = translate("sim.steps", self.lang, steps=view.steps)
        outcome = entry.timeline.run.outcome
        if view.outcome is not None and outcome is not None:
            return f"{outcome_label(outcome, self.lang)} · {steps}"
        return steps

    # -- output -------------------------------------------------------------------------------

    def times(self, fps: int = GIF_FPS, speed: float = 1.0) -> list[float]:
        count = max(1, math.ceil(self.total * fps / speed))
        return [min(k * speed / fps, self.total) for k in range(count + 1)]

    def frames(self, fps: int = GIF_FPS, speed: float = 1.0) -> Iterator[pygame.Surface]:
        for t in self.times(fps, speed):
            yield self.frame(t)

    def save(self, path: str | Path, *, fps: int = GIF_FPS, speed: float = 1.0) -> int:
        """Writes an animated GIF, or for ``.png`` the final picture; returns the frame count."""
        suffix = Path(path).suffix.lower()
        if suffix == ".png":
            save_png(self.frame(self.total), path)
            return 1
        if suffix != ".gif":
            raise ValueError(f"unsupported picture format {suffix!r} (use .gif or .png)")
        size = self.surface.get_size()
        images = [
            Image.frombytes("RGB", size, pygame.image.tobytes(f, "RGB"))
            for f in self.frames(fps, speed)
        ]
        durations = [round(1000 / fps)] * len(images)
        durations[-1] = HOLD_LAST_MS
        save_gif(path, images, durations)
        return len(images)

    def show(self, *, speed: float = 1.0) -> int:
        """Plays the arena in a window (Space pause, R restart, Esc quit); returns 0.

        Raises:
            simulator.display.DisplayUnavailable: no screen.
        """
        from simulator.display import open_window

        screen = open_window(self.surface.get_size(), resizable=False, title="RoboLab — arena")
        clock = pygame.time.Clock()
        t, playing = 0.0, True
        while True:
            for event in pygame.event.get():
                if event.type == pygame.QUIT or (
                    event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_q)
                ):
                    pygame.display.quit()
                    return 0
                if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
                    playing = not playing
                if event.type == pygame.KEYDOWN and event.key == pygame.K_r:
                    t = 0.0
            dt = clock.tick(60) / 1000
            if playing:
                t = min(self.total, t + dt * speed)
            screen.blit(self.frame(t), (0, 0))
            pygame.display.flip()


def _as_run(board: Board, goals: frozenset[Goal], recorded: Recorded) -> SimRun:
    if isinstance(recorded, SimRun):
        return recorded
    if isinstance(recorded, RunResult | BoardRun):
        return replay(board, goals, recorded)
    beats = beats_from_trace(board, tuple(recorded))
    return SimRun(board, goals, beats, _trace_outcome(board, goals, beats))


def _trace_outcome(board: Board, goals: frozenset[Goal], beats: tuple[Beat, ...]) -> Outcome | None:
    """How a bare trace ended, when the trace shows it (``None``: unknown, no ending shown)."""
    if not beats:
        return None
    last = beats[-1]
    if last.motion is Motion.CRASH:
        return Outcome.CRASH
    if last.motion is Motion.FALL:
        return Outcome.FALL
    gems_left = len(board.grid.gems) - last.gems_taken.bit_count()
    if goal_holds(goals, board.grid, last.after.x, last.after.y, gems_left):
        return Outcome.SUCCESS
    return None
