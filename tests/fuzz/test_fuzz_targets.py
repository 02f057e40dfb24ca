"""Every parser of outside input, fed random and mutated bytes: only its own error comes out.

The same targets run coverage-guided, for longer, in ``make fuzz`` (``tests/fuzz/run.py``).
Inputs that ever crashed a target are kept in ``regressions/<target>/`` and replayed here.
``ROBOLAB_FUZZ_EXAMPLES`` sets how many random inputs each target gets.
"""

from __future__ import annotations

import functools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.targets import Target, regressions, targets

TARGETS = targets()
EXAMPLES = int(os.environ.get("ROBOLAB_FUZZ_EXAMPLES", "60"))


@functools.cache
def _seeds(name: str) -> tuple[bytes, ...]:
    return tuple(TARGETS[name].seeds())


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """A seed with a few bytes flipped, inserted, deleted, or cut, or one spliced with another."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut", "splice", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "cut":
            del data[at:]
        elif kind == "splice":
            other = draw(st.sampled_from(seeds))
            data[at:] = other[draw(st.integers(0, len(other))) :]
        elif kind == "repeat":
            data[at:at] = data[at : at + 4] * draw(st.integers(2, 50))
    return bytes(data)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_seed_is_accepted_or_explained(name: str) -> None:
    target = TARGETS[name]
    seeds = _seeds(name)
    assert seeds, name
    for seed in seeds:
        target.check(seed)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_inputs_that_once_crashed_stay_fixed(name: str) -> None:
    for _, data in regressions(name):
        TARGETS[name].check(data)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_random_and_mutated_bytes_never_crash(name: str) -> None:
    target: Target = TARGETS[name]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(data=st.binary(max_size=400) | mutated(_seeds(name)))
    def fuzz(data: bytes) -> None:
        target.check(data)

    fuzz()
