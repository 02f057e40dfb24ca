"""Drawing one moment of a run (a :class:`~simulator.timeline.View`) on top of the mat."""

from __future__ import annotations

from collections.abc import Sequence

from robolab import palette
from robolab.grid import Grid
from robolab.palette import RGB
from simulator.draw_map import draw_gem, draw_map
from simulator.kinematics import PhysicsConfig
from simulator.pg import pygame
from simulator.sprites import draw_effect, draw_robot
from simulator.timeline import Effect, RobotView, View

Point = tuple[float, float]


class Scene:
    """A map at a fixed cell size: the mat is drawn once, then each frame draws what moves.

    Args:
        grid: the map.
        cell: pixels per cell.
        physics: the physical mode's parameters (only used for the robot's size).
    """

    def __init__(self, grid: Grid, cell: int, *, physics: PhysicsConfig | None = None) -> None:
        if cell < 4:
            raise ValueError(f"a cell must be at least 4 pixels, got {cell}")
        self.grid = grid
        self.cell = cell
        self.physics = physics
        self.size = (grid.width * cell, grid.height * cell)
        self.mat = draw_map(grid, cell)
        self.surface = pygame.Surface(self.size)
        self._gem_centres = [((x + 0.5) * cell, (y + 0.5) * cell) for x, y in grid.gems]

    def draw(
        self, view: View, target: pygame.Surface | None = None, origin: Point = (0, 0)
    ) -> pygame.Surface:
        """Draws ``view`` onto ``target`` at ``origin`` (default: the scene's own surface)."""
        surface = target if target is not None else self.surface
        self.draw_mat(surface, origin)
        self.draw_gems(surface, view.gems_taken, origin)
        self.draw_trail(surface, view.trail, origin)
        self.draw_effects(surface, [e for e in view.effects if e.kind == "sense"], origin)
        self.draw_robot(surface, view.robot, origin)
        self.draw_effects(surface, [e for e in view.effects if e.kind != "sense"], origin)
        return surface

    def draw_mat(self, surface: pygame.Surface, origin: Point = (0, 0)) -> None:
        surface.blit(self.mat, origin)

    def draw_gems(self, surface: pygame.Surface, taken: int, origin: Point = (0, 0)) -> None:
        ox, oy = origin
        for n, (x, y) in enumerate(self._gem_centres):
            if not taken >> n & 1:
                draw_gem(surface, (ox + x, oy + y), self.cell)

    def draw_trail(
        self,
        surface: pygame.Surface,
        trail: Sequence[Point],
        origin: Point = (0, 0),
        color: RGB = palette.TRAIL,
        *,
        width: float = 0.14,
        shift: Point = (0.0, 0.0),
    ) -> None:
        """The path so far, as a thick line through cell centres (``shift`` in cells)."""
        if len(trail) < 2:
            return
        cell = self.cell
        ox, oy = origin[0] + shift[0] * cell, origin[1] + shift[1] * cell
        points = [(ox + x * cell, oy + y * cell) for x, y in trail]
        thick = max(2, round(cell * width))
        pygame.draw.lines(surface, color, False, points, thick)
        if len(points) < 400:
            for point in points:
                pygame.draw.circle(surface, color, point, thick / 2)

    def draw_robot(
        self,
        surface: pygame.Surface,
        robot: RobotView,
        origin: Point = (0, 0),
        body: RGB = palette.ROBOT,
    ) -> None:
        centre = (origin[0] + robot.x * self.cell, origin[1] + robot.y * self.cell)
        scale = robot.scale
        if self.physics is not None:
            scale *= self.physics.body_mm / self.physics.cell_mm / 0.72
        draw_robot(surface, centre, robot.angle, self.cell, scale=scale, body=body)

    def draw_effects(
        self, surface: pygame.Surface, effects: Sequence[Effect], origin: Point = (0, 0)
    ) -> None:
        for fx in effects:
            draw_effect(surface, fx, origin, self.cell)


def surface_to_rgb(surface: pygame.Surface) -> bytes:
    """The surface's pixels as RGB bytes, row by row."""
    return pygame.image.tobytes(surface, "RGB")


def fit_cell(grid: Grid, width: int, height: int, *, minimum: int = 4) -> int:
    """The largest cell size that fits the map in ``width`` x ``height`` pixels."""
    return max(minimum, min(width // grid.width, height // grid.height))
