"""Engine speed: compiled grading vs a hand-written Python loop, and the solver on 20x20 maps.

Both sides of each ratio run interleaved in this process, so machine noise hits them alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.maps import WALL_FOLLOWER, maze, open_room
from robolab import compiler
from robolab.board import Board, GridRobot
from robolab.compiler import CompiledProgram
from robolab.grid import Grid, parse_map
from robolab.program_loader import parse_program
from robolab.solver import SearchTooLarge, solve_board
from robolab.stepper import drive, run_steps
from robolab.vocabulary import Action, Goal, Heading

REACH = frozenset({Goal.REACH})
MAX_TICKS = 10_000


def hand_written_wall_follower(grid: Grid, heading: int, max_ticks: int) -> tuple[str, int, int]:
    """The same program written directly in Python over the same flat grid, with the same rules
    (one tick per statement and per condition test, goal checked after each step). Tick checks
    are inlined, as a careful programmer would write a hot loop."""
    kinds, goals = grid.kinds, grid.goal_flags
    w = grid.stride
    delta = (-w, 1, w, -1)
    cell = grid.index(*grid.start)
    h = heading
    ticks = 1  # the repeat_until statement
    steps = 0
    while True:
        if ticks + 3 > max_ticks:  # the loop test, the if and its test
            return "timeout", steps, max_ticks
        ticks += 1
        if goals[cell]:
            return "incomplete", steps, ticks
        ticks += 2
        if not kinds[cell + delta[(h + 1) & 3]]:
            if ticks + 2 > max_ticks:
                return "timeout", steps + (ticks < max_ticks), max_ticks
            ticks += 2
            h = (h + 1) & 3
            steps += 2
            cell += delta[h]
            if goals[cell]:
                return "success", steps, ticks
        else:
            if ticks + 2 > max_ticks:
                return "timeout", steps, max_ticks
            ticks += 2
            if not kinds[cell + delta[h]]:
                if ticks >= max_ticks:
                    return "timeout", steps, ticks
                ticks += 1
                steps += 1
                cell += delta[h]
                if goals[cell]:
                    return "success", steps, ticks
            else:
                if ticks >= max_ticks:
                    return "timeout", steps, ticks
                ticks += 1
                h = (h + 3) & 3
                steps += 1


def _per_call(fn: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def grading_ratio() -> None:
    program = parse_program(WALL_FOLLOWER)
    compiled = CompiledProgram(program)
    boards = [Board(parse_map(maze(seed)), Heading.EAST) for seed in range(20)]
    for board in boards:  # same answers, or the comparison means nothing
        mine = compiled.run(board, REACH, max_ticks=MAX_TICKS)
        theirs = hand_written_wall_follower(board.grid, int(board.heading), MAX_TICKS)
        assert (mine.outcome.value, mine.steps, mine.ticks) == theirs, (mine, theirs)
        stepped = drive(run_steps(program, board, REACH, max_ticks=MAX_TICKS), GridRobot(board))
        assert stepped == mine
    steps = statistics.mean(compiled.run(b, REACH, max_ticks=MAX_TICKS).steps for b in boards)
    ratios, compiled_times, hand_times = [], [], []
    for _ in range(7):
        t_hand = sum(
            _per_call(lambda b=b: hand_written_wall_follower(b.grid, 1, MAX_TICKS), 20)
            for b in boards
        )
        t_comp = sum(
            _per_call(lambda b=b: compiled.run(b, REACH, max_ticks=MAX_TICKS), 20) for b in boards
        )
        ratios.append(t_comp / t_hand)
        compiled_times.append(t_comp / len(boards))
        hand_times.append(t_hand / len(boards))
    step_time = sum(
        _per_call(
            lambda b=b: drive(run_steps(program, b, REACH, max_ticks=MAX_TICKS), GridRobot(b)), 3
        )
        for b in boards
    ) / len(boards)

    def cold() -> None:
        compiler._SHARED.clear()  # as if no program of this shape had been graded yet
        CompiledProgram(program).run(boards[0], REACH, max_ticks=MAX_TICKS)

    t_cold = _per_call(cold, 50)
    t_warm = _per_call(
        lambda: CompiledProgram(program).run(boards[0], REACH, max_ticks=MAX_TICKS), 50
    )
    print(
        f"grading: wall follower on 20 perfect 20x20 mazes ({steps:.0f} steps per run on average)"
    )
    print(f"  hand-written Python loop : {statistics.median(hand_times) * 1e6:8.1f} us per run")
    print(f"  compiled program         : {statistics.median(compiled_times) * 1e6:8.1f} us per run")
    print(f"  step-by-step runner      : {step_time * 1e6:8.1f} us per run (for reference)")
    print(f"  compile + first run      : {t_cold * 1e6:8.1f} us (a new program shape)")
    print(f"  same shape again + run   : {t_warm * 1e6:8.1f} us (compiled code shared by shape)")
    print(
        f"  ratio compiled / hand-written: median {statistics.median(ratios):.2f}x "
        f"(min {min(ratios):.2f}, max {max(ratios):.2f}; goal <= 2x)"
    )


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def solver_timing() -> None:
    actions = [Action.MOVE_FORWARD, Action.TURN_LEFT, Action.TURN_RIGHT]
    cases = {
        "perfect mazes": [Board(parse_map(maze(s)), Heading.EAST) for s in range(100)],
        "open rooms": [Board(parse_map(open_room(s)), Heading.EAST) for s in range(100)],
    }
    for name, boards in cases.items():
        samples = []
        for board in boards:
            for _ in range(5):
                start = time.perf_counter()
                solve_board(board, REACH, actions)
                samples.append(time.perf_counter() - start)
        print(
            f"solver, 20x20 {name}: p50 {statistics.median(samples) * 1e3:.3f} ms, "
            f"p95 {_p95(samples) * 1e3:.3f} ms, max {max(samples) * 1e3:.3f} ms (goal p95 < 1 ms)"
        )
    gem_boards = [Board(parse_map(open_room(s, gems=4)), Heading.EAST) for s in range(30)]
    samples = []
    for board in gem_boards:
        start = time.perf_counter()
        try:
            solve_board(board, frozenset(Goal), actions)
        except SearchTooLarge:
            continue
        samples.append(time.perf_counter() - start)
    print(
        f"solver, 20x20 open rooms with 4 gems (reach + collect_all): p50 "
        f"{statistics.median(samples) * 1e3:.2f} ms, p95 {_p95(samples) * 1e3:.2f} ms (for reference)"
    )


def main() -> None:
    grading_ratio()
    solver_timing()
