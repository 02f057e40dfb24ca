"""The window, driven by real pygame events (keys, clicks, resizes) on SDL's dummy display."""

from __future__ import annotations

import pygame
import pytest

from robolab import palette
from robolab.robot import Pose
from robolab.vocabulary import Heading, Outcome
from simulator.app import SimApp, speed_text
from simulator.kinematics import PhysicsConfig
from simulator.noise import NoiseModel
from simulator.player import SPEEDS
from tests.simulator.conftest import fixture


def key(app: SimApp, *keys: int) -> None:
    for k in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))
    app.tick(0.0)


def click(app: SimApp, name: str) -> None:
    button = next(b for b in app.buttons if b.name == name)
    pos = button.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    app.tick(0.0)


def play(app: SimApp, seconds: float, dt: float = 0.05) -> None:
    for _ in range(round(seconds / dt)):
        app.tick(dt)


@pytest.fixture
def maze_app() -> SimApp:
    maze = fixture("maze")
    app = SimApp(maze, maze.solution, autoplay=False, size=(1000, 640))
    app.tick(0.0)
    return app


def test_space_plays_and_pauses(maze_app: SimApp) -> None:
    assert not maze_app.player.playing
    key(maze_app, pygame.K_SPACE)
    assert maze_app.player.playing
    play(maze_app, 0.5)
    assert maze_app.player.t == pytest.approx(0.5)
    key(maze_app, pygame.K_SPACE)
    assert not maze_app.player.playing
    play(maze_app, 0.5)
    assert maze_app.player.t == pytest.approx(0.5)


def test_right_steps_one_block_and_left_steps_back(maze_app: SimApp) -> None:
    player = maze_app.player
    ends = player.timeline.boundaries
    key(maze_app, pygame.K_RIGHT)
    play(maze_app, 2.0)
    assert player.t == pytest.approx(ends[1]) and not player.playing
    key(maze_app, pygame.K_RIGHT)
    play(maze_app, 2.0)
    assert player.t == pytest.approx(ends[2])
    key(maze_app, pygame.K_LEFT)
    assert player.t == pytest.approx(ends[1])
    key(maze_app, pygame.K_r)
    assert player.t == 0.0


def test_the_running_block_is_highlighted(maze_app: SimApp) -> None:
    beats = maze_app.player.timeline.beats
    for n in range(6):
        key(maze_app, pygame.K_RIGHT)
        play(maze_app, 1.0)
        maze_app.player.t -= 0.01  # inside beat n, not at its end
        maze_app.tick(0.0)
        info = maze_app.panel_info(maze_app.player.view().highlight, 0, 0)
        assert info.highlight == beats[n].number
        lit = [
            r for i, r in maze_app.panel.line_rects if maze_app._lines[i].number == beats[n].number
        ]
        assert (
            lit and maze_app.screen.get_at((lit[0].x + 3, lit[0].centery))[:3] == palette.HIGHLIGHT
        )
        maze_app.player.t += 0.01


def test_speed_keys_go_from_a_quarter_to_eight(maze_app: SimApp) -> None:
    key(maze_app, *[pygame.K_PLUS] * 10)
    assert maze_app.player.speed == 8.0
    key(maze_app, *[pygame.K_MINUS] * 10)
    assert maze_app.player.speed == 0.25
    assert SPEEDS[0] == 0.25 and SPEEDS[-1] == 8.0
    assert speed_text(0.25, "fr") == "×0,25" and speed_text(0.25, "en") == "×0.25"


def test_buttons_respond_to_clicks(maze_app: SimApp) -> None:
    click(maze_app, "play")
    assert maze_app.player.playing
    click(maze_app, "play")
    assert not maze_app.player.playing
    click(maze_app, "faster")
    assert maze_app.player.speed == 2.0
    click(maze_app, "step")
    play(maze_app, 2.0)
    assert maze_app.player.t == pytest.approx(maze_app.player.timeline.boundaries[1])
    click(maze_app, "back")
    assert maze_app.player.t == 0.0
    click(maze_app, "language")
    assert maze_app.lang == "en"


def test_language_key_switches_every_label(maze_app: SimApp) -> None:
    assert maze_app._lines[0].text.startswith("répéter")
    assert {b.label for b in maze_app.buttons} >= {"Lecture", "Retour"}
    key(maze_app, pygame.K_l)
    assert maze_app._lines[0].text.startswith("repeat until")
    assert {b.label for b in maze_app.buttons} >= {"Play", "Back"}
    assert maze_app.panel_info(None, 1, 2).counters == "Steps: 1   Ticks: 2"


def test_the_end_shows_the_stars_and_the_message(maze_app: SimApp) -> None:
    key(maze_app, *[pygame.K_PLUS] * 5, pygame.K_SPACE)
    play(maze_app, 12.0, dt=0.1)
    assert maze_app.player.at_end
    info = maze_app.panel_info(None, 0, 0)
    assert info.stars == 3 and info.message.startswith("Bravo")


def test_arrow_keys_drive_the_robot_without_a_program() -> None:
    app = SimApp(fixture("tour"), None, size=(900, 600))
    assert app.drive is not None
    key(app, pygame.K_UP, pygame.K_UP, pygame.K_RIGHT, pygame.K_UP)
    assert app.drive.env.pose == Pose(3, 2, Heading.SOUTH)
    assert app.drive.env.gems_left == 1
    play(app, 3.0)
    assert app.player.at_end and app.player.view().steps == 4
    key(app, pygame.K_BACKSPACE)
    assert app.drive.env.pose == Pose(3, 1, Heading.SOUTH) and app.drive.env.gems_left == 1
    key(app, pygame.K_DOWN)  # backwards into the wall
    assert app.drive.env.outcome is Outcome.CRASH and app.drive.env.pose == Pose(
        3, 1, Heading.SOUTH
    )
    key(app, pygame.K_UP)  # the run is over: keys do nothing until undo or restart
    assert app.drive.env.pose == Pose(3, 1, Heading.SOUTH)
    key(app, pygame.K_r)
    assert app.drive.env.pose == Pose(1, 1, Heading.EAST) and app.drive.actions == []


def test_window_resizes_and_closes() -> None:
    tour = fixture("tour")
    app = SimApp(tour, tour.solution, size=(1000, 640))
    app.tick(0.0)
    pygame.display.set_mode((700, 450), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(700, 450), w=700, h=450))
    app.tick(0.0)
    map_rect, panel, bar = app.layout()
    assert app.screen.get_size() == (700, 450)
    assert panel.right <= 700 and bar.bottom <= 450 and map_rect.width > 100
    assert max(b.rect.right for b in app.buttons) <= 700
    key(app, pygame.K_ESCAPE)
    assert not app.running


def test_the_main_loop_stops_on_quit() -> None:
    tour = fixture("tour")
    app = SimApp(tour, tour.solution, size=(640, 400))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run() == 0
    assert not pygame.display.get_init()


def test_the_physical_mode_plays_in_the_window() -> None:
    drift = fixture("drift")
    noise = NoiseModel(wheel_mismatch=0.04)
    app = SimApp(drift, drift.solution, physics=PhysicsConfig(), noise=noise, size=(800, 400))
    key(app, *[pygame.K_PLUS] * 5)
    play(app, 3.0, dt=0.1)
    assert app.player.at_end and app.player.run.outcome in (Outcome.FALL, Outcome.CRASH)
    info = app.panel_info(None, 0, 0)
    assert info.stars == 0 and "physique" in info.subtitle
