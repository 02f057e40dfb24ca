"""Hypothesis strategies for programs and maps, shared by the property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ACTIONS = ["move_forward", "move_backward", "turn_left", "turn_right"]
SENSORS = ["path_ahead", "path_left", "path_right", "at_goal", "gem_here"]
COLORS = ["red", "green", "blue", "yellow"]


def conditions() -> st.SearchStrategy[dict[str, Any]]:
    base = st.one_of(
        st.sampled_from(SENSORS).map(lambda s: {"sensor": s}),
        st.sampled_from(COLORS).map(lambda c: {"sensor": "on_color", "color": c}),
    )
    return st.recursive(base, lambda inner: inner.map(lambda c: {"not": c}), max_leaves=3)


def statements(procedures: list[str], max_depth: int = 4) -> st.SearchStrategy[dict[str, Any]]:
    action = st.sampled_from(ACTIONS).map(lambda a: {"block": a})
    if max_depth <= 0:
        return action
    body = st.lists(st.deferred(lambda: statements(procedures, max_depth - 1)), max_size=4)
    options = [
        action,
        action,
        st.builds(lambda n, b: {"block": "repeat", "times": n, "body": b}, st.integers(0, 6), body),
        st.builds(lambda c, b: {"block": "while", "cond": c, "body": b}, conditions(), body),
        st.builds(lambda c, b: {"block": "repeat_until", "cond": c, "body": b}, conditions(), body),
        st.builds(lambda c, t: {"block": "if", "cond": c, "then": t}, conditions(), body),
        st.builds(
            lambda c, t, e: {"block": "if", "cond": c, "then": t, "else": e},
            conditions(),
            body,
            body,
        ),
    ]
    if procedures:
        options.append(st.sampled_from(procedures).map(lambda n: {"block": "call", "name": n}))
    return st.one_of(*options)


@st.composite
def programs(draw: st.DrawFn, max_depth: int = 4) -> dict[str, Any]:
    """A valid FORMATS program (as decoded JSON), without block ids."""
    names = draw(st.lists(st.sampled_from(["zig", "zag", "turn", "go"]), max_size=3, unique=True))
    block = st.lists(statements(names, max_depth), max_size=6)
    program: dict[str, Any] = {"format": "robolab/program@1", "main": draw(block)}
    if names:
        program["procedures"] = {n: draw(block) for n in names}
    return program


@st.composite
def maps(draw: st.DrawFn, max_side: int = 9) -> str:
    """A random map with exactly one start and at least one goal."""
    width = draw(st.integers(2, max_side))
    height = draw(st.integers(1, max_side))
    cells = draw(
        st.lists(
            st.lists(st.sampled_from(list("....#~*rgby")), min_size=width, max_size=width),
            min_size=height,
            max_size=height,
        )
    )
    sx, sy = draw(st.integers(0, width - 1)), draw(st.integers(0, height - 1))
    cells[sy][sx] = "S"
    gx, gy = draw(st.integers(0, width - 1)), draw(st.integers(0, height - 1))
    if (gx, gy) == (sx, sy):
        gx = (gx + 1) % width
        if (gx, gy) == (sx, sy):
            gy = (gy + 1) % height
    if (gx, gy) != (sx, sy):
        cells[gy][gx] = "G"
    return "\n".join("".join(row) for row in cells)
