"""Headless pictures: a level as a PNG, a run as an animated GIF (or its last frame as a PNG).

Frames are taken at fixed times of the timeline, so the same run (same seed) always gives the same
frames and the same file. pygame draws; Pillow writes the GIF (pygame cannot), with one palette
for the whole animation so that colours do not flicker between frames.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageChops

from robolab import palette
from robolab.grid import Grid
from robolab.i18n import Lang
from robolab.messages import label, translate
from robolab.outcome_text import outcome_label
from robolab.robot import Pose
from simulator import theme
from simulator.beats import SimRun
from simulator.pg import init_headless, pygame
from simulator.program_lines import Line, program_lines
from simulator.scene import Scene
from simulator.timeline import Timeline, View, pose_view
from simulator.widgets import draw_stars, draw_text

GIF_FPS = 10
HOLD_LAST_MS = 2000
DEFAULT_SIZE = 480


def cell_for(grid: Grid, size: int) -> int:
    """The cell size that makes the longer side of the map ``size`` pixels (at least 4)."""
    return max(4, size // max(grid.width, grid.height))


def render_map(
    grid: Grid, size: int = DEFAULT_SIZE, *, robot: Pose | None = None
) -> pygame.Surface:
    """The level as a picture whose longer side is at most ``size`` pixels (gems shown).

    With ``robot`` (usually ``board.start``) the robot stands there, showing where it faces.
    """
    init_headless()
    scene = Scene(grid, cell_for(grid, size))
    surface = scene.surface
    scene.draw_mat(surface)
    scene.draw_gems(surface, 0)
    if robot is not None:
        scene.draw_robot(surface, pose_view(robot))
    return surface


def save_png(surface: pygame.Surface, path: str | Path) -> None:
    """Writes a PNG (raises ``OSError`` when the file cannot be written)."""
    try:
        pygame.image.save(surface, str(path))
    except pygame.error as exc:
        raise OSError(str(exc)) from None


class Recorder:
    """Frames of a run with a caption bar (running block, counters, then outcome and stars)."""

    def __init__(
        self, run: SimRun, *, size: int = DEFAULT_SIZE, lang: Lang = "fr", caption: bool = True
    ) -> None:
        init_headless()
        self.run = run
        self.lang = lang
        self.timeline = Timeline(run)
        grid = run.board.grid
        self.scene = Scene(grid, cell_for(grid, size), physics=run.physics)
        width, height = self.scene.size
        self.bar = max(28, min(64, width // 12)) if caption else 0
        self.surface = pygame.Surface((width, height + self.bar))
        self.lines: dict[int, Line] = {}
        if run.program is not None:
            self.lines = {
                line.number: line
                for line in program_lines(run.program, lang)
                if line.number is not None
            }

    def frame(self, t: float) -> pygame.Surface:
        """The picture at time ``t`` (seconds at 1x)."""
        view = self.timeline.view_at(t)
        self.scene.draw(view, target=self.surface)
        if self.bar:
            self._caption(view, t >= self.timeline.total)
        return self.surface

    def times(self, fps: int = GIF_FPS, speed: float = 1.0) -> list[float]:
        """The times of the frames of a recording at ``fps`` frames per second of output."""
        count = max(1, math.ceil(self.timeline.total * fps / speed))
        return [min(k * speed / fps, self.timeline.total) for k in range(count + 1)]

    def frames(self, fps: int = GIF_FPS, speed: float = 1.0) -> Iterator[pygame.Surface]:
        for t in self.times(fps, speed):
            yield self.frame(t)

    def _caption(self, view: View, finished: bool) -> None:
        width, height = self.surface.get_size()
        bar = pygame.Rect(0, height - self.bar, width, self.bar)
        self.surface.fill(palette.BACKGROUND, bar)
        size = max(12, self.bar * 11 // 20)
        pad = self.bar // 3
        counters = translate("sim.counters", self.lang, steps=view.steps, ticks=view.ticks)
        right = draw_text(
            self.surface,
            counters,
            (bar.right - pad, bar.centery),
            size,
            theme.TEXT_DIM,
            anchor="midright",
        )
        if finished and self.run.outcome is not None:
            text = outcome_label(self.run.outcome, self.lang)
            left = draw_text(
                self.surface, text, (pad, bar.centery), size, palette.HIGHLIGHT, anchor="midleft"
            )
            if self.run.result is not None:
                star = size * 0.4
                draw_stars(
                    self.surface,
                    (left.right + pad + star * 3.3, bar.centery),
                    self.run.result.stars,
                    star,
                )
            return
        text = self._block_text(view)
        if text:
            draw_text(
                self.surface,
                text,
                (pad, bar.centery),
                size,
                palette.TEXT,
                anchor="midleft",
                max_width=right.left - 2 * pad,
            )

    def _block_text(self, view: View) -> str:
        if view.beat < 0 or view.beat >= len(self.timeline.beats):
            return ""
        beat = self.timeline.beats[view.beat]
        line = self.lines.get(beat.number) if beat.number is not None else None
        if line is not None:
            return f"{beat.number}  {line.text.rstrip(' :')}"
        if beat.action is not None:
            return label(beat.action.value)[self.lang]
        return ""


def write_gif(
    path: str | Path,
    recorder: Recorder,
    *,
    fps: int = GIF_FPS,
    speed: float = 1.0,
) -> int:
    """Writes the whole run as a looping GIF; returns the number of frames drawn.

    Raises:
        OSError: the file cannot be written.
    """
    size = recorder.surface.get_size()
    images = [
        Image.frombytes("RGB", size, pygame.image.tobytes(f, "RGB"))
        for f in recorder.frames(fps, speed)
    ]
    durations = [round(1000 / fps)] * len(images)
    durations[-1] = HOLD_LAST_MS
    save_gif(path, images, durations)
    return len(images)


def save_gif(path: str | Path, images: list[Image.Image], durations: list[int]) -> None:
    """Encodes RGB frames with one shared palette; unchanged pixels become transparent.

    Marking what did not change (instead of letting Pillow's ``optimize`` do it) keeps the file
    small and the encoding fast: most of a frame is the mat, which never moves.
    """
    shared = _palette(images[0], images[-1])
    frames = [im.quantize(palette=shared, dither=Image.Dither.NONE) for im in images]
    out = frames[:1]
    for before, after in itertools.pairwise(frames):
        unchanged = ImageChops.subtract_modulo(after, before).point(_UNCHANGED, "1")
        delta = after.copy()
        delta.paste(CLEAR, mask=unchanged)
        out.append(delta)
    out[0].save(
        str(path),
        format="GIF",
        save_all=True,
        append_images=out[1:],
        duration=durations,
        loop=0,
        transparency=CLEAR,
        disposal=1,
        optimize=False,
    )


CLEAR = 255  # the palette index that means "as in the previous frame"
_UNCHANGED = [255, *(0,) * 255]


def _palette(first: Image.Image, last: Image.Image) -> Image.Image:
    """One 255-colour palette from the first and last frames and the look's own colours."""
    swatches = [
        palette.WALL, palette.WALL_EDGE, palette.FLOOR, palette.FLOOR_LINE, palette.START,
        palette.GOAL, palette.FLAG, palette.GEM, palette.WATER, palette.WATER_WAVE,
        *palette.PAINT.values(), palette.ROBOT, palette.ROBOT_EDGE, palette.TRAIL,
        palette.BACKGROUND, palette.TEXT, palette.HIGHLIGHT, theme.YES, theme.NO,
        theme.STAR_ON, theme.STAR_OFF, theme.GEM_SHINE, *theme.CONFETTI, *theme.TEAMS,
    ]  # fmt: skip
    strip = Image.new("RGB", (len(swatches) * 8, 8))
    for i, color in enumerate(swatches):
        strip.paste(color, (i * 8, 0, i * 8 + 8, 8))
    width = max(first.width, strip.width)
    sample = Image.new("RGB", (width, first.height + last.height + 8))
    sample.paste(first, (0, 0))
    sample.paste(last, (0, first.height))
    sample.paste(strip, (0, first.height + last.height))
    return sample.quantize(colors=CLEAR, method=Image.Quantize.MEDIANCUT)


def record(
    run: SimRun,
    path: str | Path,
    *,
    size: int = DEFAULT_SIZE,
    lang: Lang = "fr",
    fps: int = GIF_FPS,
    speed: float = 1.0,
) -> int:
    """Writes ``path``: an animated GIF of the run, or for ``.png`` its last frame.

    Returns the number of frames written. Raises ``OSError`` when the file cannot be written
    and ``ValueError`` for another suffix.
    """
    recorder = Recorder(run, size=size, lang=lang)
    suffix = Path(path).suffix.lower()
    if suffix == ".gif":
        return write_gif(path, recorder, fps=fps, speed=speed)
    if suffix == ".png":
        save_png(recorder.frame(recorder.timeline.total), path)
        return 1
    raise ValueError(f"unsupported picture format {suffix!r} (use .gif or .png)")
