"""Hints from the learner's own run: recorded wrong programs, distances, fixes, the CLI."""

from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge
from robolab.cli import main
from robolab.hints import KINDS, LEVELS, hint_for, hints_for
from robolab.hints.context import analyse_runs, distance_maps
from robolab.hints.distance import DistanceMap, TooLarge
from robolab.hints.edits import Edit, apply, locate
from robolab.hints.repetition import find_repetition
from robolab.pack import load_packs
from robolab.program import While
from robolab.program_loader import parse_program
from robolab.runner import run
from robolab.solver import solve_board
from robolab.vocabulary import ACTIONS, SENSORS, STATEMENT_BLOCKS, Action, Goal
from tests.core.conftest import challenge_yaml
from tests.strategies import maps, programs

FIXTURES = Path(__file__).parent / "fixtures" / "hints"
CASES: list[dict[str, Any]] = [
    case
    for name in ("cases.yaml", "procedures.yaml")  # procedures.yaml: programs with procedures
    for case in yaml.safe_load((FIXTURES / name).read_text("utf-8"))
]
F = {"block": "move_forward"}


def fixture(name: str) -> Challenge:
    return load_challenge(FIXTURES / f"{name}.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_recorded_wrong_programs_get_the_expected_hints(case: dict[str, Any]) -> None:
    challenge = fixture(case["challenge"])
    for lang in ("fr", "en"):
        hints = hints_for(challenge, case["program"], lang)
        assert [h.level for h in hints] == list(LEVELS)
        for hint, want in zip(hints, case["levels"], strict=True):
            assert hint.kind == case["kind"]
            assert hint.board == case["board"]
            assert hint.text == want[lang]
            assert hint.block_number == want["block"]
            assert hint.block_id == want["id"]
            assert (str(hint.action) if hint.action else None) == want["action"]
            assert hint_for(challenge, case["program"], hint.level, lang) == hint


def test_the_recorded_cases_cover_every_kind_of_failure() -> None:
    covered = {c["kind"] for c in CASES}
    assert covered <= set(KINDS)
    assert {"crash", "fall", "stopped_early", "variant", "stuck_loop", "endless_loop"} <= covered


def test_a_level_3_fix_really_takes_the_robot_further() -> None:
    """Applying the proposed change solves these one-mistake programs."""
    fixed = {
        "wrong turn, then a wall": [F, F, {"block": "turn_right"}, F, F],
        "loop count too small": [{"block": "repeat", "times": 9, "body": [F]}],
        "inner loop one turn too many": [
            {
                "block": "repeat",
                "times": 3,
                "body": [{"block": "repeat", "times": 6, "body": [F]}, {"block": "turn_right"}],
            }
        ],
    }
    for case in CASES:
        if case["case"] in fixed:
            challenge = fixture(case["challenge"])
            assert not run(challenge, case["program"]).solved
            assert run(challenge, fixed[case["case"]]).solved


def _orchard_noreturn() -> dict[str, Any]:
    case = next(c for c in CASES if c["case"] == "a procedure that ends too early at every call")
    program: dict[str, Any] = case["program"]
    return program


def test_the_call_map_tells_which_call_every_step_ran_in() -> None:
    challenge = fixture("orchard")
    program = parse_program(_orchard_noreturn())
    runs = analyse_runs(challenge, program, distance_maps(challenge))
    calls = runs[0].calls
    assert len(calls.stacks) == len(runs[0].trace)
    assert [a.nth for a in calls.activations] == list(range(1, len(calls.activations) + 1))
    first = calls.activations[0]
    assert (first.call.name, first.call.number, first.procedure.name) == ("tree", 4, "tree")
    numbers = [step.number for step in runs[0].trace]
    for i, number in enumerate(numbers):  # a step runs in a call exactly when its block is in
        in_tree = 12 <= number <= 19  # the procedure's body (blocks 12 to 19)
        assert (calls.innermost(i) is not None) == in_tree, i
    # the first call ran steps first..end-1, then returned before step ``end``
    assert all(calls.innermost(i) is first for i in range(first.first, first.end))
    assert calls.returned_before(first.end) is first
    assert calls.returned_before(first.first) is None
    # nested calls: the stack lists the outer call first
    nested = parse_program(
        {
            "main": [{"block": "call", "name": "a"}, F],
            "procedures": {"a": [{"block": "call", "name": "b"}], "b": [F]},
        }
    )
    corridor = fixture("long-corridor")
    run_ = analyse_runs(corridor, nested, distance_maps(corridor))[0]
    stacks = run_.calls.stacks
    assert [len(s) for s in stacks] == [2, 0]
    assert [a.procedure.name for a in run_.calls.activations] == ["a", "b"]
    assert run_.calls.activations[1].end == 1 and run_.calls.activations[0].end == 1


def test_a_procedure_fix_is_a_real_fix_and_respects_max_blocks() -> None:
    challenge = fixture("orchard")
    program = parse_program(_orchard_noreturn())
    fixed = apply(program, Edit("mirror", 19, source=12))
    loop = fixed.procedures[0].body[-1]
    assert fixed.block_count == program.block_count + 2
    assert (loop.id, loop.number) == (None, 0) and isinstance(loop, While)
    assert run(challenge, fixed).solved  # the level-3 hint solves every orchard
    # with no room for two more blocks, the loop is not proposed
    tight = dataclasses.replace(challenge, max_blocks=program.block_count + 1)
    three = hint_for(tight, program, level=3, lang="en")
    assert "loop like the one" not in three.text
    assert apply(program, Edit("mirror", 19, source=99)) == program  # no such loop: no change


def test_a_procedure_on_a_variant_is_named_with_its_call(make_challenge: Any) -> None:
    step = {"block": "call", "name": "step"}
    challenge = make_challenge(
        map="#######\n#S...G#\n#######",
        variants=[{"map": "#########\n#S.....G#\n#########"}],
        blocks=["move_forward", "turn_left", "turn_right", "call"],
        solution={"main": [step, step], "procedures": {"step": [F, F]}},
    )
    hints = hints_for(challenge, {"main": [step, step], "procedures": {"step": [F, F]}}, "fr")
    assert [h.kind for h in hints] == ["variant"] * 3 and hints[1].board == 1
    assert hints[1].text == (
        "Sur la variante n°1, dans la procédure « step », après le bloc 5 (2e appel), le "
        "programme s'arrête alors que le robot est encore à 2 pas du but."
    )
    assert hints[1].block_number == 5


def test_bundled_procedures_with_a_mistake_get_hints_about_their_blocks() -> None:
    """Every turn of a bundled procedure swapped, or its last block dropped: level 2 names the
    procedure exactly when the block it highlights is in that procedure."""
    checked = 0
    for pack in load_packs():
        for challenge in pack.challenges:
            data = challenge.solution.to_json()
            for name, body in (data.get("procedures") or {}).items():
                for k in range(len(body)):
                    wrong = copy.deepcopy(data)
                    stmt = wrong["procedures"][name][k]
                    swap = {"turn_left": "turn_right", "turn_right": "turn_left"}
                    if stmt["block"] in swap:
                        stmt["block"] = swap[stmt["block"]]
                    elif k == len(body) - 1:
                        wrong["procedures"][name].pop()
                    else:
                        continue
                    program = parse_program(wrong)
                    if run(challenge, program).solved:
                        continue
                    located = locate(program)
                    for lang in ("fr", "en"):
                        for hint in hints_for(challenge, program, lang):
                            assert "{" not in hint.text and "hint." not in hint.text
                            if hint.level == 1 or hint.block_number is None:
                                continue
                            where = located[hint.block_number].procedure
                            if where is not None:  # a block inside a procedure: named with it
                                named = f"« {where.name} »" if lang == "fr" else f'"{where.name}"'
                                assert named in hint.text, hint.text
                    checked += 1
    assert checked >= 10


def test_written_hints_come_with_each_level() -> None:
    challenge = fixture("first-turn")
    hints = hints_for(challenge, [F, F, F], "en")
    assert [h.written for h in hints] == challenge.hints_in("en")
    perfect = hints_for(challenge, challenge.solution, "fr")
    assert perfect[0].kind == "perfect" and perfect[0].written is None


def test_levels_are_clamped_and_hints_serialise() -> None:
    challenge = fixture("first-turn")
    assert hint_for(challenge, [F, F, F], level=0).level == 1
    assert hint_for(challenge, [F, F, F], level=9).level == 3
    data = hint_for(challenge, [F, F, F], level=2, lang="en").to_json()
    assert data == {
        "level": 2,
        "kind": "crash",
        "text": "At block 3, the robot drove into a wall: here, the path goes on to the right.",
        "block": {"id": None, "number": 3},
        "board": 0,
        "action": None,
        "written": challenge.hints_in("en")[1],
    }
    assert json.loads(json.dumps(hint_for(challenge, [F], level=3).to_json()))["action"] == (
        "move_forward"
    )


def test_broken_programs_get_a_hint_not_an_exception() -> None:
    challenge = fixture("first-turn")
    for bad in ({"main": "nope"}, [{"block": "fly", "id": "x"}], 42, "/no/such/file.json"):
        hint = hint_for(challenge, bad, level=2, lang="en")
        assert hint.kind == "invalid"
        assert hint.text.startswith("This program cannot run")


def test_hints_name_where_a_too_big_program_repeats_itself() -> None:
    program = parse_program([F, F, {"block": "turn_left"}, F, F, {"block": "turn_left"}, F])
    found = find_repetition(program)
    assert found is not None
    assert (found.first, found.last, found.times, found.saved) == (1, 6, 2, 2)
    assert find_repetition(parse_program([F, {"block": "turn_left"}])) is None
    # 2 copies of one block: a loop would not be shorter
    assert find_repetition(parse_program([F, F])) is None


def test_edits_change_one_block() -> None:
    program = parse_program(
        [F, {"block": "repeat", "times": 3, "body": [F, {"block": "turn_left"}]}]
    )
    left, right = Action.TURN_LEFT, Action.TURN_RIGHT
    assert apply(program, Edit("replace", 4, right)).to_json()["main"][1]["body"][1] == {
        "block": "turn_right"
    }
    assert [s["block"] for s in apply(program, Edit("insert_before", 1, left)).to_json()["main"]][
        :2
    ] == ["turn_left", "move_forward"]
    assert apply(program, Edit("times", 2, times=5, old_times=3)).to_json()["main"][1]["times"] == 5
    assert len(apply(program, Edit("remove", 1)).main) == 1
    assert apply(program, Edit("append", 4, left)).block_count == program.block_count + 1
    into = apply(program, Edit("into_loop", 2, right)).to_json()["main"][1]["body"]
    assert into[-1] == {"block": "turn_right"}


def test_distances_match_the_solver_on_every_bundled_board() -> None:
    count = 0
    for pack in load_packs():
        for challenge in pack.challenges:
            for board in challenge.boards:
                try:
                    dmap = DistanceMap(board, challenge.goals, challenge.actions)
                except TooLarge:  # many gems: hints fall back to the run's own message
                    continue
                best = solve_board(board, challenge.goals, challenge.actions)
                start = board.start
                got = dmap.dist(start.x, start.y, start.heading, dmap.full_mask)
                assert got == (best.steps if best else None), challenge.id
                count += 1
    assert count >= 15


@settings(max_examples=80, deadline=None)
@given(
    text=maps(max_side=7),
    goal=st.sampled_from([["reach"], ["collect_all"], ["reach", "collect_all"]]),
    actions=st.sets(st.sampled_from(ACTIONS), min_size=1),
)
def test_distances_match_the_solver_on_random_maps(
    text: str, goal: list[str], actions: set[str]
) -> None:
    from robolab.board import Board
    from robolab.grid import parse_map
    from robolab.vocabulary import Heading

    grid = parse_map(text)
    if "collect_all" in goal and not grid.gems:
        return
    board = Board(grid, Heading.EAST)
    goals = frozenset(Goal(g) for g in goal)
    allowed = [Action(a) for a in sorted(actions)]
    try:
        dmap = DistanceMap(board, goals, allowed)
    except TooLarge:  # many gems: the hints fall back to the run's own message
        return
    best = solve_board(board, goals, allowed)
    start = board.start
    assert dmap.dist(start.x, start.y, start.heading, dmap.full_mask) == (
        best.steps if best else None
    )
    if best is not None:  # following the best actions from the start reaches the goal
        x, y, heading, mask = start.x, start.y, start.heading, dmap.full_mask
        for _ in range(best.steps):
            action = dmap.best_actions(x, y, heading, mask)[0]
            if action is Action.TURN_LEFT:
                heading = heading.left()
            elif action is Action.TURN_RIGHT:
                heading = heading.right()
            else:
                way = heading if action is Action.MOVE_FORWARD else heading.back()
                x, y = grid.neighbour(x, y, way)
                mask = dmap.mask_after(mask, x, y)
        assert dmap.dist(x, y, heading, mask) == 0


def test_a_board_too_big_to_search_still_gets_a_hint(
    make_challenge: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from robolab.hints import distance

    monkeypatch.setattr(distance, "MAX_STATES", 10)
    challenge = make_challenge(map="#######\n#S...G#\n#######", solution=[F, F, F, F])
    hints = hints_for(challenge, [F, {"block": "turn_left"}, F], "en")
    assert [h.kind for h in hints] == ["crash"] * 3
    assert hints[1].text == "Ouch! The robot bumped into a wall at block 3 (move forward)."
    assert hints[1].block_number == 3


@pytest.fixture(scope="module")
def open_challenge(tmp_path_factory: pytest.TempPathFactory) -> Challenge:
    """Every block and sensor allowed, water, colours and gems: any random program may run."""
    path = tmp_path_factory.mktemp("hints") / "open.yaml"
    path.write_text(
        challenge_yaml(
            map="#######\n#S.*..#\n#.#~#.#\n#r..*G#\n#######",
            blocks=list(STATEMENT_BLOCKS),
            sensors=list(SENSORS),
            goal=["reach", "collect_all"],
            max_ticks=500,
            solution=[F, F, F, F, {"block": "turn_right"}, F, F, {"block": "turn_left"}],
        ),
        encoding="utf-8",
    )
    return load_challenge(path)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=programs(max_depth=3))
def test_any_program_gets_three_deterministic_hints(
    open_challenge: Challenge, data: dict[str, Any]
) -> None:
    program = parse_program(data)
    numbers = {s.number for s in program.statements()} | {p.number for p in program.procedures}
    for lang in ("fr", "en"):
        hints = hints_for(open_challenge, program, lang)
        assert hints == hints_for(open_challenge, program, lang)
        for hint in hints:
            assert hint.kind in KINDS
            assert hint.text and "{" not in hint.text
            assert hint.block_number is None or hint.block_number in numbers


def test_hints_take_a_few_milliseconds() -> None:
    """Mean over the recorded cases; a plain run is measured alongside for scale."""
    loaded = [(fixture(c["challenge"]), parse_program(c["program"])) for c in CASES]
    for challenge, program in loaded:  # warm caches (compiled kernels, distance maps)
        hints_for(challenge, program)
    start = time.perf_counter()
    for challenge, program in loaded:
        hints_for(challenge, program)
    per_hint = (time.perf_counter() - start) / len(loaded)
    assert per_hint < 0.02, f"{per_hint * 1000:.1f} ms per hint"


def test_cli_hint_prints_every_level_or_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    program = tmp_path / "p.json"
    program.write_text(json.dumps([F, F, {"block": "turn_left"}, F]), encoding="utf-8")
    challenge = str(FIXTURES / "first-turn.yaml")
    assert main(["hint", challenge, str(program), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Indice 2 : Au bloc 3, le robot a tourné à gauche" in out
    assert "Indice du défi : Mets-toi à la place du robot" in out
    assert main(["hint", challenge, str(program), "--level", "3", "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["challenge"] == "starter/first-turn"
    assert [h["text"] for h in data["hints"]] == ['Try "turn right" instead of block 3.']
    assert data["hints"][0]["action"] == "turn_right"


def test_cli_hint_bad_input_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    challenge = str(FIXTURES / "first-turn.yaml")
    assert main(["hint", challenge, str(broken), "--lang", "en"]) == 2
    assert "broken.json" in capsys.readouterr().err
    assert main(["hint", "nope/nothing", str(broken)]) == 2
    assert "nope/nothing" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["hint", challenge, str(broken), "--level", "4"])


def test_the_hints_stay_in_the_core() -> None:
    code = (
        "import sys, robolab.hints, robolab.cli.hint\n"
        "bad = {'pygame', 'PIL', 'simulator', 'firmware_bridge', 'starlette'} & set(sys.modules)\n"
        "print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert out.stdout.strip() == "[]"
