"""Seeded 20x20 maps for benchmarks (perfect mazes, open rooms) and the program they run."""

from __future__ import annotations

import random


def maze(seed: int, size: int = 20) -> str:
    """A perfect maze (recursive backtracker), start top-left, goal bottom-right."""
    rng = random.Random(seed)
    cells = [["#"] * size for _ in range(size)]
    rooms = [(x, y) for y in range(1, size - 1, 2) for x in range(1, size - 1, 2)]
    stack = [rooms[0]]
    cells[1][1] = "."
    seen = {rooms[0]}
    while stack:
        x, y = stack[-1]
        options = [
            (x + dx, y + dy, x + dx // 2, y + dy // 2)
            for dx, dy in ((2, 0), (-2, 0), (0, 2), (0, -2))
            if (x + dx, y + dy) not in seen and 0 < x + dx < size - 1 and 0 < y + dy < size - 1
        ]
        if not options:
            stack.pop()
            continue
        nx, ny, wx, wy = rng.choice(options)
        cells[wy][wx] = cells[ny][nx] = "."
        seen.add((nx, ny))
        stack.append((nx, ny))
    last_x, last_y = rooms[-1]
    cells[1][1] = "S"
    cells[last_y][last_x] = "G"
    return "\n".join("".join(row) for row in cells)


def open_room(seed: int, size: int = 20, walls: float = 0.22, gems: int = 0) -> str:
    """A bordered room with random walls; start and goal in opposite corners (kept clear)."""
    rng = random.Random(seed)
    cells = [
        [
            "#" if x in (0, size - 1) or y in (0, size - 1) or rng.random() < walls else "."
            for x in range(size)
        ]
        for y in range(size)
    ]
    cells[1][1], cells[size - 2][size - 2] = "S", "G"
    free = [(x, y) for y in range(size) for x in range(size) if cells[y][x] == "."]
    for x, y in rng.sample(free, gems):
        cells[y][x] = "*"
    return "\n".join("".join(row) for row in cells)


# Right-hand wall follower (FORMATS program data): the classic maze program of the ladder's last tiers.
WALL_FOLLOWER = {
    "main": [
        {
            "block": "repeat_until",
            "cond": {"sensor": "at_goal"},
            "body": [
                {
                    "block": "if",
                    "cond": {"sensor": "path_right"},
                    "then": [{"block": "turn_right"}, {"block": "move_forward"}],
                    "else": [
                        {
                            "block": "if",
                            "cond": {"sensor": "path_ahead"},
                            "then": [{"block": "move_forward"}],
                            "else": [{"block": "turn_left"}],
                        }
                    ],
                }
            ],
        }
    ]
}
