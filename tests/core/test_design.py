"""robolab.design: the search for one fixed action sequence that solves every board."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from robolab.board import Board
from robolab.challenge import Challenge
from robolab.design import hard_coded_path
from robolab.grid import parse_map
from robolab.pack import load_packs
from robolab.runner import run
from robolab.solver import SearchTooLarge, solve_board
from robolab.vocabulary import ACTIONS, Action, Goal, Heading
from tests.strategies import maps

REACH = frozenset({Goal.REACH})
BOTH = frozenset({Goal.REACH, Goal.COLLECT_ALL})
MOVES = (Action.MOVE_FORWARD, Action.TURN_LEFT, Action.TURN_RIGHT)
ACTIONS_ALL = tuple(Action(a) for a in ACTIONS)


def board(text: str, heading: Heading = Heading.EAST) -> Board:
    return Board(parse_map(text), heading)


def as_program(actions: tuple[Action, ...]) -> list[dict[str, Any]]:
    return [{"block": a.value} for a in actions]


@settings(max_examples=150, deadline=None)
@given(text=maps(max_side=6))
def test_on_one_board_it_is_the_solvers_optimum(text: str) -> None:
    one = board(text)
    for goals in (REACH, BOTH):
        best = solve_board(one, goals, ACTIONS_ALL)
        fixed = hard_coded_path([one], goals, ACTIONS_ALL)
        assert (fixed.steps if fixed else None) == (best.steps if best else None)


def test_a_sequence_may_go_on_after_a_shorter_map_is_solved() -> None:
    short = board("#####\n#S.G#\n#####")
    long = board("#######\n#S...G#\n#######")
    found = hard_coded_path([short, long], REACH, MOVES)
    assert found is not None
    assert found.actions == (Action.MOVE_FORWARD,) * 4


def test_turns_at_different_places_need_the_sensors() -> None:
    early = board("#####\n#S..#\n#.###\n#G###\n#####")
    late = board("#####\n#S..#\n###.#\n###G#\n#####")
    assert hard_coded_path([early, late], REACH, MOVES) is None
    assert hard_coded_path([early], REACH, MOVES) is not None


def test_the_path_found_solves_every_map_when_run(make_challenge: Any) -> None:
    challenge: Challenge = make_challenge(
        map="#######\n#S..*G#\n#######\n",
        goal=["reach", "collect_all"],
        variants=[{"map": "#####\n#S*G#\n#####\n"}, {"map": "#####\n#S.G*\n#####\n"}],
        solution=[{"block": "move_forward"}] * 4,
    )
    found = hard_coded_path(challenge.boards, challenge.goals, challenge.actions)
    assert found is not None
    result = run(challenge, as_program(found.actions))
    assert result.solved, result.message


def test_a_huge_search_stops_with_search_too_large() -> None:
    open_field = board("S" + "." * 30 + "\n" + "." * 31 + "\n" + "." * 30 + "G")
    other = board("." * 30 + "S\n" + "." * 31 + "\nG" + "." * 30, Heading.WEST)
    with pytest.raises(SearchTooLarge):
        hard_coded_path([open_field, other], REACH, MOVES, max_states=50)


def bundled_with_variants() -> list[Challenge]:
    return [c for p in load_packs() for c in p.challenges if c.variants]


@pytest.mark.parametrize("challenge", bundled_with_variants(), ids=lambda c: c.id)
def test_no_bundled_challenge_with_variants_has_a_hard_coded_solution(
    challenge: Challenge,
) -> None:
    assert hard_coded_path(challenge.boards, challenge.goals, challenge.actions) is None
