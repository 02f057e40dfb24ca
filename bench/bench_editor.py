"""The level editor's live check: how long an author waits after each stroke.

Baseline: what ``robolab check`` does with the saved file (load the text, ``check_challenge``).
Measured side by side in this process: the editor's writer alone, the live check
(``editor_check.analyse``: writer + one solve per map + the same load and check + a run of the
reference solution), and the whole ``POST /api/facilitator/editor/check`` through the app.
Maps: 16x12 rooms (the editor's usual size) with 0, 4 and 8 gems.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.maps import open_room
from robolab.board import Board
from robolab.challenge_loader import parse_challenge_text
from robolab.checker import check_challenge
from robolab.grid import parse_map
from robolab.program_loader import parse_program
from robolab.server.editor_check import analyse
from robolab.server.editor_model import Draft, MapDraft, draft_to_json
from robolab.server.editor_yaml import challenge_yaml
from robolab.solver import solve_board
from robolab.vocabulary import Action, Goal, Heading

ROUNDS = 15


def room(seed: int, gems: int) -> Draft:
    """A 16x12 room (the first seed from ``seed`` whose room can be solved)."""
    goals = frozenset({Goal.REACH, Goal.COLLECT_ALL} if gems else {Goal.REACH})
    while True:
        rows = open_room(seed, size=16, walls=0.2, gems=gems).replace("G", ".").split("\n")[:12]
        rows[10] = rows[10][:14] + "G#"
        rows[11] = "#" * 16
        best = solve_board(Board(parse_map("\n".join(rows)), Heading.EAST), goals, list(Action))
        if best is not None and rows[0].count("S") + rows[1].count("S") == 1:
            break
        seed += 100
    return Draft(
        id="bench/room",
        title={"fr": "Salle", "en": "Room"},
        story={"fr": "Va au drapeau.", "en": "Go to the flag."},
        main=MapDraft(tuple(rows), Heading.EAST),
        goals=tuple(g.value for g in sorted(goals)),
        blocks=("move_forward", "move_backward", "turn_left", "turn_right", "repeat"),
        solution=parse_program([{"block": a.value} for a in best.actions]),
    )


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check_file(text: str) -> None:
    challenge, problems = parse_challenge_text(text)
    assert challenge is not None and not problems
    found, _ = check_challenge(challenge)
    assert not found, [p.message("en") for p in found]


def main() -> None:
    from starlette.testclient import TestClient

    from robolab.server import ServerConfig, create_app
    from tests.server.conftest import login

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(ServerConfig(data_dir=Path(folder)))
        with TestClient(app) as client:
            csrf = login(client)
            print(f"{'gems':>5} {'writer':>9} {'robolab check':>14} {'live check':>11} "
                  f"{'ratio':>6} {'HTTP check':>11}")  # fmt: skip
            for gems in (0, 4, 8):
                draft = room(7 + gems, gems)
                text = challenge_yaml(draft)
                body = {"draft": draft_to_json(draft)}
                writer = median_ms(lambda d=draft: challenge_yaml(d))  # type: ignore[misc]
                base = median_ms(lambda t=text: check_file(t))  # type: ignore[misc]
                live = median_ms(lambda d=draft: analyse(d, "fr"))  # type: ignore[misc]
                http = median_ms(
                    lambda b=body: client.post(  # type: ignore[misc]
                        "/api/facilitator/editor/check", json=b, headers=csrf
                    ).raise_for_status()
                )
                print(
                    f"{gems:>5} {writer:>7.2f}ms {base:>12.2f}ms {live:>9.2f}ms "
                    f"{live / base:>5.2f}x {http:>9.2f}ms"
                )


if __name__ == "__main__":
    main()
