"""The arena view: several recorded runs replayed side by side or overlaid, each labelled."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from PIL import Image

from robolab.program_loader import parse_program
from robolab.results import RunResult
from robolab.runner import run
from simulator import theme
from simulator.arena import Arena
from tests.simulator.conftest import fixture

F = {"block": "move_forward"}


@pytest.fixture
def results() -> list[tuple[str, RunResult]]:
    tour = fixture("tour")
    crash = parse_program([F, {"block": "turn_right"}, F])
    return [
        ("Renard", run(tour, tour.solution, trace=True)),
        ("Hibou", run(tour, crash, trace=True)),
        ("Loutre", run(tour, parse_program([{"block": "turn_right"}, F]), trace=True)),
    ]


def colours(surface: pygame.Surface) -> set[tuple[int, int, int]]:
    w, h = surface.get_size()
    return {tuple(surface.get_at((x, y))[:3]) for x in range(0, w, 3) for y in range(0, h, 3)}  # type: ignore[misc]


@pytest.mark.parametrize("layout", ["side", "overlay"])
def test_each_team_has_its_robot_colour(results: list[tuple[str, RunResult]], layout: str) -> None:
    arena = Arena.for_challenge(fixture("tour"), results, layout=layout, size=(960, 540))
    seen = colours(arena.frame(0.0))
    assert {theme.TEAMS[0], theme.TEAMS[1], theme.TEAMS[2]} <= seen
    assert arena.total == max(e.timeline.total for e in arena.entries)
    assert arena.frame(arena.total).get_size() == (960, 540)


def test_finished_runs_are_labelled_with_their_outcome(
    results: list[tuple[str, RunResult]],
) -> None:
    arena = Arena.for_challenge(fixture("tour"), results, lang="en")
    statuses = [arena._status(e, e.timeline.view_at(arena.total)) for e in arena.entries]
    assert statuses == ["solved · Steps: 10", "crash · Steps: 3", "fall · Steps: 2"]
    assert [e.label for e in arena.entries] == ["Renard", "Hibou", "Loutre"]


def test_bare_traces_replay_too() -> None:
    tour = fixture("tour")
    result = run(tour, tour.solution, trace=True)
    assert result.main is not None and result.main.trace is not None
    arena = Arena.for_challenge(tour, [("Renard", result.main.trace)], layout="overlay")
    assert arena.entries[0].timeline.run.outcome is not None
    assert arena.entries[0].timeline.run.outcome.value == "success"


def test_arena_saves_a_gif_and_a_png(results: list[tuple[str, RunResult]], tmp_path: Path) -> None:
    arena = Arena.for_challenge(fixture("tour"), results, size=(480, 270))
    count = arena.save(tmp_path / "arena.gif")
    with Image.open(tmp_path / "arena.gif") as gif:
        assert gif.size == (480, 270) and 10 < gif.n_frames <= count
    assert arena.save(tmp_path / "arena.png") == 1
    with pytest.raises(ValueError, match="gif"):
        arena.save(tmp_path / "arena.jpg")


def test_bad_arguments_are_refused(results: list[tuple[str, RunResult]]) -> None:
    tour = fixture("tour")
    with pytest.raises(ValueError, match="layout"):
        Arena.for_challenge(tour, results, layout="grid")
    with pytest.raises(ValueError, match="at least one"):
        Arena.for_challenge(tour, [])
