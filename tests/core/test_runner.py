"""The execution rules of FORMATS §2 and the scoring of §3, on small hand-made challenges."""

from __future__ import annotations

from typing import Any

import pytest

from robolab.challenge import Challenge
from robolab.runner import run
from robolab.vocabulary import Heading, Outcome

F = {"block": "move_forward"}
B = {"block": "move_backward"}
L = {"block": "turn_left"}
R = {"block": "turn_right"}

ALL_BLOCKS = [
    "move_forward",
    "move_backward",
    "turn_left",
    "turn_right",
    "repeat",
    "repeat_until",
    "while",
    "if",
    "call",
]
ALL_SENSORS = ["path_ahead", "path_left", "path_right", "at_goal", "gem_here", "on_color"]


def rep(n: int, *body: Any) -> dict[str, Any]:
    return {"block": "repeat", "times": n, "body": list(body)}


@pytest.fixture
def corridor(make_challenge) -> Challenge:  # type: ignore[no-untyped-def]
    return make_challenge(blocks=ALL_BLOCKS, sensors=ALL_SENSORS, map="#######\n#S...G#\n#######")


def test_success_stops_at_the_goal_even_with_blocks_left(corridor: Challenge) -> None:
    result = run(corridor, [rep(10, F)])
    assert result.outcome is Outcome.SUCCESS and result.solved
    assert (result.steps, result.ticks) == (4, 5)  # the repeat itself costs one tick
    assert result.main is not None and (result.main.x, result.main.y) == (5, 1)


def test_crash_leaves_the_robot_in_place_and_names_the_block(corridor: Challenge) -> None:
    result = run(corridor, [L, F, R], lang="fr")
    assert result.outcome is Outcome.CRASH
    assert result.main is not None and (result.main.x, result.main.y) == (1, 1)
    assert result.steps == 2 and result.stars == 0
    assert result.message == "Aïe ! Le robot s'est cogné contre un mur au bloc 2 « avancer »."
    assert result.to_json()["block"] == {"number": 2, "id": None, "name": "move_forward"}


def test_fall_enters_the_water(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        map="#####\n#S~G#\n#####", solution=[L, L, L, L], blocks=["move_forward", "turn_left"]
    )
    result = run(challenge, [{"block": "move_forward", "id": "w"}], lang="en")
    assert result.outcome is Outcome.FALL
    assert result.main is not None and (result.main.x, result.main.y) == (2, 1)
    assert result.message == "Splash! The robot fell into the water at block 1 (move forward)."


def test_incomplete_and_empty_programs(corridor: Challenge) -> None:
    short = run(corridor, [F], lang="fr")
    assert short.outcome is Outcome.INCOMPLETE
    assert short.message == (
        "Le programme s'est arrêté à 3 pas du but. Il manque encore des blocs, ou des répétitions !"
    )
    assert run(corridor, [L], lang="en").message.startswith("The program stopped 5 steps away")
    empty = run(corridor, [], lang="fr")
    assert empty.outcome is Outcome.INCOMPLETE and "vide" in empty.message


def test_timeout_counts_condition_tests(corridor: Challenge) -> None:
    spin = [{"block": "while", "cond": {"sensor": "path_right"}, "body": []}]
    assert run(corridor, spin).outcome is Outcome.INCOMPLETE  # no path to the right: 2 ticks
    result = run(
        corridor, [{"block": "while", "cond": {"not": {"sensor": "at_goal"}}, "body": [L]}]
    )
    assert result.outcome is Outcome.TIMEOUT
    assert result.ticks == corridor.max_ticks == 10_000


def test_ticks_of_if_and_loops(corridor: Challenge) -> None:
    # if: 1 tick for the statement + 1 for its test; then the move: 1 tick
    result = run(corridor, [{"block": "if", "cond": {"sensor": "path_ahead"}, "then": [F]}])
    assert (result.steps, result.ticks) == (1, 3)
    # repeat_until: 1 + tests (5) + moves (4)
    until = run(corridor, [{"block": "repeat_until", "cond": {"sensor": "at_goal"}, "body": [F]}])
    assert until.outcome is Outcome.SUCCESS and (until.steps, until.ticks) == (4, 1 + 4 + 4)


def test_max_ticks_of_the_challenge_is_the_budget(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(max_ticks=3, map="#######\n#S...G#\n#######", solution=[F, F, F, F])
    result = run(challenge, [F, F, F, F])
    assert result.outcome is Outcome.TIMEOUT and result.ticks == 3 and result.steps == 3


def test_recursion_deeper_than_64_is_an_error(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(blocks=ALL_BLOCKS, map="#####\n#S.G#\n#####")
    program = {
        "main": [{"block": "call", "name": "spin"}],
        "procedures": {"spin": [L, {"block": "call", "name": "spin"}]},
    }
    result = run(challenge, program, lang="en")
    assert result.outcome is Outcome.ERROR
    assert result.steps == 64
    assert "procedure" in result.message
    # 64 nested calls are fine: a chain of procedures p0 -> p1 -> ... -> p63
    procs = {f"p{i}": [{"block": "call", "name": f"p{i + 1}"}] for i in range(63)}
    procs["p63"] = [F, F]
    ok = run(challenge, {"main": [{"block": "call", "name": "p0"}], "procedures": procs})
    assert ok.outcome is Outcome.SUCCESS


def test_gems_are_picked_on_entering_and_collect_all(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(map="#####\n#S**#\n#####", goal=["collect_all"], solution=[F, F])
    assert run(challenge, [F, F]).outcome is Outcome.SUCCESS
    partial = run(challenge, [F], lang="fr")
    assert partial.outcome is Outcome.INCOMPLETE
    assert partial.message == "Le programme s'est arrêté, mais il reste 1 gemme à ramasser."
    assert (
        run(challenge, [F], lang="en").message
        == "The program stopped, but 1 gem is still to be picked up."
    )
    assert "2 gems are still" in run(challenge, [L], lang="en").message


def test_reach_and_collect_needs_both(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        map="#####\n#S.G#\n#..*#\n#####",
        goal=["reach", "collect_all"],
        solution=[R, F, L, F, F, L, F],
    )
    assert run(challenge, [F, F]).outcome is Outcome.INCOMPLETE  # on G but the gem is left
    result = run(challenge, [R, F, L, F, F, L, F], trace=True)
    assert result.outcome is Outcome.SUCCESS
    assert result.main is not None and result.main.trace is not None
    assert [s.event for s in result.main.trace].count("gem") == 1


def test_gem_here_reads_the_mark_on_the_mat(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        blocks=ALL_BLOCKS,
        sensors=ALL_SENSORS,
        map="#######\n#S.*.G#\n#######",
        solution=[F, F, F, F],
    )
    program = [
        {"block": "repeat_until", "cond": {"sensor": "gem_here"}, "body": [F]},
        L,
        L,
        L,
        L,
        F,
        F,
    ]
    result = run(challenge, program)
    assert result.outcome is Outcome.SUCCESS and result.steps == 8


def test_on_color_sensor(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        blocks=ALL_BLOCKS,
        sensors=ALL_SENSORS,
        map="#####\n#S.r#\n###G#\n#####",
        solution=[F, F, R, F],
    )
    turn_on_red = [
        {
            "block": "repeat_until",
            "cond": {"sensor": "at_goal"},
            "body": [
                {"block": "if", "cond": {"sensor": "on_color", "color": "red"}, "then": [R]},
                F,
            ],
        }
    ]
    assert run(challenge, turn_on_red).outcome is Outcome.SUCCESS


def test_stars_follow_the_par(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(map="#######\n#S...G#\n#######", solution=[rep(4, F)])
    assert challenge.par_blocks == 2 and challenge.par_steps == 4
    perfect = run(challenge, [rep(4, F)], lang="fr")
    assert perfect.stars == 3 and "Trois étoiles" in perfect.message
    long_hand = run(challenge, [F, F, F, F], lang="fr")
    assert long_hand.stars == 2
    assert long_hand.message == "Bravo ! Tu peux encore gagner une étoile avec 2 blocs de moins."
    detour = run(challenge, [L, L, L, L, rep(4, F)], lang="en")
    assert detour.stars == 1
    assert "Two more stars" in detour.message
    wobble = run(challenge, [rep(2, L, R), rep(4, F)], lang="en")
    assert wobble.stars == 1 and wobble.blocks == 5


def test_variants_must_all_be_solved(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        blocks=ALL_BLOCKS,
        sensors=ALL_SENSORS,
        map="#####\n#S.G#\n#####",
        variants=[
            {"map": "######\n#S..G#\n######"},
            {"map": "###\n#S#\n#.#\n#G#\n###", "start": {"heading": "south"}},
        ],
        solution=[{"block": "repeat_until", "cond": {"sensor": "at_goal"}, "body": [F]}],
    )
    assert challenge.variants[1].heading is Heading.SOUTH
    hard_coded = run(challenge, [F, F], lang="fr")
    # outcome is success only when solved: here it is the failed variant's
    assert (
        hard_coded.outcome is Outcome.INCOMPLETE and not hard_coded.solved and hard_coded.stars == 0
    )
    assert hard_coded.main is not None and hard_coded.main.outcome is Outcome.SUCCESS
    assert [v.outcome for v in hard_coded.variants] == [Outcome.INCOMPLETE, Outcome.SUCCESS]
    assert hard_coded.message.startswith(
        "Ça marche sur cette carte, mais pas sur la variante n°1 : "
    )
    assert "à 1 pas du but" in hard_coded.message
    general = run(challenge, challenge.solution)
    assert general.solved and general.stars == 3
    assert general.to_json()["variants"] == [
        {"outcome": "success", "steps": 3, "ticks": 7},
        {"outcome": "success", "steps": 2, "ticks": 5},
    ]


def test_invalid_programs_run_nothing(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(blocks=["move_forward", "turn_left"], max_blocks=3, solution=[F, F])
    not_allowed = run(challenge, [F, {"block": "turn_right", "id": "r1"}], lang="fr")
    assert not_allowed.outcome is Outcome.ERROR and not_allowed.steps == 0
    assert not_allowed.error is not None and not_allowed.error["id"] == "r1"
    assert "tourner à droite" in not_allowed.message
    too_many = run(challenge, [F, F, F, F], lang="en")
    assert too_many.error is not None and too_many.error["code"] == "program.over_max_blocks"
    no_sensor = run(challenge, [{"block": "move_forward"}], lang="en")
    assert no_sensor.outcome is Outcome.SUCCESS or no_sensor.outcome is Outcome.INCOMPLETE
    malformed = run(challenge, {"main": "nope"}, lang="en")
    assert malformed.outcome is Outcome.ERROR and malformed.blocks is None


def test_sensor_not_in_toolbox_is_refused(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        blocks=["move_forward", "while"], sensors=["path_ahead"], solution=[F, F]
    )
    result = run(
        challenge, [{"block": "while", "cond": {"sensor": "at_goal"}, "body": [F]}], lang="fr"
    )
    assert result.error is not None and result.error["code"] == "sensor.not_allowed"
    assert "sur l'arrivée" in result.message


def test_procedures_need_the_call_block(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(blocks=["move_forward"], solution=[F, F])
    result = run(challenge, {"main": [F, F], "procedures": {"unused": []}})
    assert result.error is not None and result.error["code"] == "procedure.not_allowed"


def test_result_json_has_the_formats_fields(corridor: Challenge) -> None:
    data = run(corridor, [rep(4, F)], trace=True).to_json(trace=True)
    for key in (
        "challenge",
        "solved",
        "outcome",
        "stars",
        "steps",
        "ticks",
        "blocks",
        "par",
        "variants",
        "message",
        "trace",
    ):
        assert key in data
    assert data["par"] == {"blocks": 2, "steps": 4}
    assert data["trace"][0] == {
        "tick": 2,
        "id": None,
        "block": 2,
        "action": "move_forward",
        "x": 2,
        "y": 1,
        "heading": "east",
    }
    assert "trace" not in run(corridor, [F]).to_json()


def test_stopping_on_the_flag_with_gems_left_says_so(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(
        map="#####\n#S.G#\n#*..#\n#####",
        goal=["reach", "collect_all"],
        solution=[R, F, L, F, F, L, F],
    )
    on_flag = run(challenge, [F, F], lang="en")
    assert on_flag.message == (
        "The robot reached the flag, but 1 gem is still to be picked up: it must take them all before arriving."
    )
    assert run(challenge, [F], lang="en").message.startswith("The program stopped, but 1 gem")


def test_procedures_never_called_are_pointed_out(make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(blocks=ALL_BLOCKS, map="#####\n#S.G#\n#####", solution=[F, F])
    program = {"main": [F, F], "procedures": {"zig": [L], "zag": [R], "used": [F]}}
    result = run(challenge, {**program, "main": [{"block": "call", "name": "used"}, F]}, lang="fr")
    assert result.solved
    assert result.message.endswith(
        "(Les procédures « zig », « zag » ne sont jamais appelées : elles ne servent à rien pour l'instant.)"
    )
    assert "zig" not in run(challenge, [F, F], lang="fr").message
