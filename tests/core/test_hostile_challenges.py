"""Whatever a challenge file holds, loading, checking and running it never crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab.challenge_loader import parse_challenge_text
from robolab.checker import check_challenge
from robolab.runner import run
from tests.core.conftest import challenge_yaml

KEYS = [
    "format",
    "id",
    "title",
    "story",
    "tier",
    "map",
    "start",
    "goal",
    "blocks",
    "sensors",
    "max_blocks",
    "max_ticks",
    "par",
    "solution",
    "variants",
    "hints",
    "concepts",
]

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.text(max_size=12)
    | st.sampled_from(["reach", "collect_all", "move_forward", "auto", "S.G", "#S~*G#", "north"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*KEYS, "block", "heading", "fr", "en"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(KEYS), junk, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_challenges_load_or_explain(changes: dict[str, Any]) -> None:
    base = yaml.safe_load(challenge_yaml())
    base.update(changes)
    text = yaml.safe_dump(base, allow_unicode=True)
    challenge, problems = parse_challenge_text(text, name="mutant.yaml")
    for problem in problems:
        assert problem.located("fr").startswith("mutant.yaml")
        assert problem.message("en")
    if challenge is not None and not problems:
        check_challenge(challenge)
        result = run(challenge, challenge.solution)
        assert result.outcome.value in {
            "success",
            "crash",
            "fall",
            "timeout",
            "incomplete",
            "error",
        }


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_is_handled(text: str) -> None:
    challenge, problems = parse_challenge_text(text, name="t.yaml")
    assert challenge is None or not problems or all(p.message("fr") for p in problems)


def test_alias_bombs_and_cycles_are_harmless(tmp_path: Path) -> None:
    # nine levels of nine aliases: about 9**9 blocks if anything expanded them
    bomb = "xa: &a [" + ", ".join(["{block: turn_left}"] * 9) + "]\n"
    bomb += "".join(
        f"x{c}: &{c} [" + ", ".join([f"{{block: repeat, times: 1, body: *{p}}}"] * 9) + "]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    text = challenge_yaml(solution=None) + bomb + "solution: {main: *i}\n"
    challenge, problems = parse_challenge_text(text, name="bomb.yaml")
    assert challenge is None
    assert any(
        p.key == "challenge.bad_solution" and "too many blocks" in p.message("en") for p in problems
    )
    cyclic = challenge_yaml().replace(
        "solution:", "solution: &s\n- {block: repeat, times: 2, body: *s}\nold:"
    )
    challenge, problems = parse_challenge_text(cyclic, name="cycle.yaml")
    assert challenge is None and problems
