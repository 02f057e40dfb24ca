"""Pixel checks of the drawing, and deterministic frames, GIFs and PNGs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest
from PIL import Image

from robolab import palette
from robolab.challenge import Challenge
from robolab.pack import load_packs
from robolab.program_loader import parse_program
from robolab.vocabulary import Heading
from simulator import theme
from simulator.beats import SimRun, simulate
from simulator.kinematics import PhysicsConfig
from simulator.noise import NoiseModel
from simulator.recording import Recorder, record, render_map
from simulator.scene import Scene
from simulator.timeline import Timeline
from tests.simulator.conftest import fixture

CELL = 40


def centre(x: float, y: float, cell: int = CELL) -> tuple[int, int]:
    return int((x + 0.5) * cell), int((y + 0.5) * cell)


def rgb(surface: pygame.Surface, point: tuple[int, int]) -> tuple[int, int, int]:
    r, g, b, _ = surface.get_at(point)
    return r, g, b


def count(surface: pygame.Surface, color: tuple[int, int, int]) -> int:
    w, h = surface.get_size()
    return sum(rgb(surface, (x, y)) == color for x in range(0, w, 2) for y in range(0, h, 2))


def test_every_map_element_has_its_colour() -> None:
    tour = fixture("tour")  # #S.*r..~# / #~#g#b#.# / #..y*..G#
    picture = render_map(tour.board.grid, 9 * CELL, robot=tour.board.start)
    robot_at(picture, 1, 1, Heading.EAST)
    assert picture.get_size() == (9 * CELL, 5 * CELL)
    expected = {
        (0, 0): palette.WALL,
        (2, 1): palette.FLOOR,
        (7, 3): palette.GOAL,
        (3, 1): palette.GEM,
        (7, 1): palette.WATER,
        (1, 2): palette.WATER,
        (4, 1): palette.PAINT["red"],
        (3, 2): palette.PAINT["green"],
        (5, 2): palette.PAINT["blue"],
        (3, 3): palette.PAINT["yellow"],
    }
    for (x, y), color in expected.items():
        assert rgb(picture, centre(x, y)) == color, (x, y)
    assert rgb(picture, (int(1.15 * CELL), int(1.15 * CELL))) == palette.START
    flag = (int((7 + 0.36) * CELL), int((3 + 0.30) * CELL))
    assert rgb(picture, flag) == palette.FLAG
    wave = [
        rgb(picture, (int(7.5 * CELL) + dx, int(1.3 * CELL) + dy))
        for dx in range(-8, 8)
        for dy in range(-4, 5)
    ]
    assert palette.WATER_WAVE in wave


def test_render_size_is_the_longer_side() -> None:
    maze = fixture("maze")  # 7 x 7
    assert render_map(maze.board.grid, 300).get_size() == (294, 294)
    drift = fixture("drift")  # 12 x 5
    assert render_map(drift.board.grid, 300).get_size() == (300, 125)


def robot_at(surface: pygame.Surface, x: int, y: int, heading: Heading) -> None:
    """The robot's body colour at the cell's centre and its white nose towards ``heading``."""
    cx, cy = centre(x, y)
    assert rgb(surface, (cx, cy)) == palette.ROBOT
    dx, dy = heading.delta
    reach = int(CELL * 0.27)
    assert rgb(surface, (cx + dx * reach, cy + dy * reach)) == theme.EYE
    back = heading.back().delta
    assert rgb(surface, (cx + back[0] * reach, cy + back[1] * reach)) == palette.ROBOT
    side = heading.left().delta  # beside and a little behind the eyes
    point = (cx + side[0] * 8 + back[0] * 6, cy + side[1] * 8 + back[1] * 6)
    assert rgb(surface, point) == palette.ROBOT


def test_the_robot_is_drawn_in_the_expected_cell_and_heading_after_each_step() -> None:
    tour = fixture("tour")
    sim = simulate(tour, tour.solution)
    timeline = Timeline(sim)
    scene = Scene(tour.board.grid, CELL)
    robot_at(scene.draw(timeline.view_at(0)), 1, 1, Heading.EAST)
    expected = {
        0: (2, 1, Heading.EAST),
        2: (3, 1, Heading.SOUTH),
        4: (3, 3, Heading.SOUTH),
        5: (3, 3, Heading.EAST),
        6: (4, 3, Heading.EAST),
    }
    ends = timeline.boundaries
    for index, (x, y, heading) in expected.items():
        surface = scene.draw(timeline.view_at(ends[index + 1]))
        robot_at(surface, x, y, heading)


def test_a_turn_is_interpolated_smoothly() -> None:
    tour = fixture("tour")
    timeline = Timeline(simulate(tour, tour.solution))
    turn = 2  # move, move, turn right
    start, end = timeline.boundaries[turn], timeline.boundaries[turn + 1]
    angles = [timeline.view_at(start + (end - start) * k / 8).robot.angle for k in range(9)]
    assert angles[0] == 90 and angles[-1] == 180
    assert all(a < b for a, b in itertools.pairwise(angles))


def test_falling_shrinks_the_robot_and_a_gem_sparkles() -> None:
    tour = fixture("tour")
    fall = simulate(tour, parse_program([{"block": "turn_right"}, {"block": "move_forward"}]))
    timeline, scene = Timeline(fall), Scene(tour.board.grid, CELL)
    start, end = timeline.boundaries[1], timeline.boundaries[2]
    early = count(scene.draw(timeline.view_at(start + 0.2 * (end - start))), palette.ROBOT)
    late = count(scene.draw(timeline.view_at(start + 0.9 * (end - start))), palette.ROBOT)
    assert early > 3 * max(late, 1)
    assert count(scene.draw(timeline.view_at(timeline.total)), palette.ROBOT) == 0
    gem = Timeline(simulate(tour, tour.solution))
    shine = count(scene.draw(gem.view_at(gem.boundaries[2] - 0.05)), theme.GEM_SHINE)
    still = count(scene.draw(gem.view_at(0)), theme.GEM_SHINE)
    assert shine > still


def noisy(seed: int) -> SimRun:
    maze = fixture("maze")
    noise = NoiseModel(wheel_mismatch=0.01, turn_noise_deg=3.0)
    return simulate(maze, maze.solution, physics=PhysicsConfig(), noise=noise, seed=seed)


def frames(run: SimRun) -> list[bytes]:
    recorder = Recorder(run, size=200)
    return [pygame.image.tobytes(f, "RGB") for f in recorder.frames(fps=5)]


def test_the_same_seed_gives_identical_frames_and_another_seed_does_not() -> None:
    first, again, other = frames(noisy(11)), frames(noisy(11)), frames(noisy(12))
    assert len(first) > 10 and first == again
    assert first != other


def test_gif_recording_is_deterministic_and_animated(tmp_path: Path) -> None:
    tour = fixture("tour")
    sim = simulate(tour, tour.solution)
    a, b = tmp_path / "a.gif", tmp_path / "b.gif"
    written = record(sim, a, size=240)
    record(sim, b, size=240)
    assert a.read_bytes() == b.read_bytes()
    with Image.open(a) as gif:
        assert gif.format == "GIF" and gif.is_animated
        assert 10 < gif.n_frames <= written
        assert gif.size[0] == 234  # 9 cells of 26 px
        gif.seek(gif.n_frames - 1)
        assert gif.info["duration"] == 2000
        last = gif.convert("RGB")  # unchanged pixels are transparent: Pillow composes them
    assert last.getpixel((int(7.5 * 26), int(3.5 * 26))) == palette.ROBOT  # at the flag
    assert last.getpixel((int(2.5 * 26), int(2.5 * 26))) == palette.WALL


def test_png_recording_is_the_last_frame(tmp_path: Path) -> None:
    tour = fixture("tour")
    sim = simulate(tour, tour.solution)
    path = tmp_path / "end.png"
    assert record(sim, path, size=9 * CELL) == 1
    picture = pygame.image.load(str(path))
    assert picture.get_height() > 5 * CELL  # the caption bar under the map
    assert rgb(picture, centre(7, 3)) == palette.ROBOT
    with pytest.raises(ValueError, match="gif"):
        record(sim, tmp_path / "end.bmp")


BUNDLED = [c for p in load_packs() for c in p.challenges]


@pytest.mark.parametrize("challenge", BUNDLED, ids=[c.id for c in BUNDLED])
def test_every_bundled_challenge_has_a_thumbnail(challenge: Challenge) -> None:
    """The ladder's thumbnails: the right size, with the robot, the goals and the gems drawn."""
    picture = render_map(challenge.board.grid, 128, robot=challenge.board.start)
    width, height = picture.get_size()
    assert max(width, height) <= 128 and min(width, height) >= 16
    grid = challenge.board.grid
    assert count(picture, palette.ROBOT) > 0
    assert count(picture, palette.WALL) > 0
    if grid.goals:
        assert count(picture, palette.GOAL) > 0, challenge.id
    if grid.gems:
        assert count(picture, palette.GEM) > 0, challenge.id
