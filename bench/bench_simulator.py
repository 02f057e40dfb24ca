"""Simulator speed: headless frames per second on a 20x20 map, and writing a 100-step GIF.

Goals (issue 3): at least 1,000 frames/s headless, and a 100-step GIF in under 2 s. Baselines
measured side by side in this process: blitting the bare mat (the least a frame can cost) and
drawing the GIF's frames without encoding them.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.maps import WALL_FOLLOWER as WALL_FOLLOWER_DATA
from bench.maps import maze
from robolab.board import Board
from robolab.grid import parse_map
from robolab.program_loader import parse_program
from robolab.vocabulary import Goal, Heading
from simulator.beats import SimRun, run_program
from simulator.env import SimEnv
from simulator.kinematics import PhysicsConfig
from simulator.recording import Recorder, write_gif
from simulator.scene import Scene
from simulator.timeline import Timeline

REACH = frozenset({Goal.REACH})
CELL = 32  # 640 x 640 pixels for a 20 x 20 map
FRAMES = 2000

WALL_FOLLOWER = parse_program(WALL_FOLLOWER_DATA)
F, R = {"block": "move_forward"}, {"block": "turn_right"}
SQUARES = parse_program(  # 5 x 4 x (4 moves + 1 turn) = 100 steps
    [
        {
            "block": "repeat",
            "times": 5,
            "body": [{"block": "repeat", "times": 4, "body": [F] * 4 + [R]}],
        }
    ]
)


def room() -> Board:
    rows = [["#"] * 20] + [["#"] + ["."] * 18 + ["#"] for _ in range(18)] + [["#"] * 20]
    rows[1][1], rows[18][18] = "S", "G"
    for x, y, ch in [
        (8, 8, "r"),
        (9, 8, "g"),
        (10, 8, "b"),
        (11, 8, "y"),
        (3, 12, "~"),
        (6, 3, "*"),
    ]:
        rows[y][x] = ch
    return Board(parse_map("\n".join("".join(r) for r in rows)), Heading.EAST)


def per_second(work: Callable[[], int], repeats: int = 3) -> float:
    """Best-of-``repeats`` rate of ``work`` (which returns how many items it did)."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = work()
        rates.append(done / (time.perf_counter() - start))
    return max(rates)


def frames_per_second(run: SimRun) -> tuple[float, float]:
    timeline = Timeline(run)
    scene = Scene(run.board.grid, CELL, physics=run.physics)
    times = [timeline.total * k / FRAMES for k in range(FRAMES)]

    def draw() -> int:
        for t in times:
            scene.draw(timeline.view_at(t))
        return len(times)

    def bare() -> int:
        for _ in times:
            scene.draw_mat(scene.surface)
        return len(times)

    return per_second(draw), per_second(bare)


def main() -> None:
    board = Board(parse_map(maze(3)), Heading.EAST)
    grid_run = run_program(SimEnv(board, REACH), WALL_FOLLOWER)
    body_run = run_program(SimEnv(board, REACH, physics=PhysicsConfig()), WALL_FOLLOWER)
    print(f"20x20 maze, wall follower: {grid_run.steps} steps, {len(grid_run.beats)} beats")
    for name, sim in (("grid", grid_run), ("physical", body_run)):
        fps, bare = frames_per_second(sim)
        print(
            f"  headless frames/s ({name} mode, {CELL * 20}x{CELL * 20} px): {fps:,.0f}"
            f"  (bare mat blit: {bare:,.0f}/s, a frame costs {bare / fps:.1f}x a blit)"
            f"  goal >= 1,000: {'ok' if fps >= 1000 else 'MISSED'}"
        )

    squares = run_program(SimEnv(room(), REACH), SQUARES)
    print(f"100-step GIF ({squares.steps} steps, 480 px, 10 frames/s):")
    timings, drawing = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            recorder = Recorder(squares, size=480)
            start = time.perf_counter()
            count = sum(1 for _ in recorder.frames())
            drawing.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_gif(Path(folder) / "run.gif", Recorder(squares, size=480))
            timings.append(time.perf_counter() - start)
        size = (Path(folder) / "run.gif").stat().st_size
    best = min(timings)
    print(
        f"  {count} frames, {size / 1024:.0f} KiB: {best:.2f} s (median {statistics.median(timings):.2f} s)"
        f"  (drawing alone {min(drawing):.2f} s, encoding costs {best / min(drawing):.1f}x drawing)"
        f"  goal < 2 s: {'ok' if best < 2 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
