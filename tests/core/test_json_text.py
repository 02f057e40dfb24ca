from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robolab.json_text import dumps, iterative_dumps, iterative_loads, loads

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=40,
)


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_iterative_decoder_matches_the_standard_one(value: Any) -> None:
    for text in (
        json.dumps(value),
        json.dumps(value, indent=2),
        json.dumps(value, ensure_ascii=False),
    ):
        assert iterative_loads(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    ["", "[1,]", '{"a" 1}', "[1 2]", "{1: 2}", "[tru]", "[1]x", '"open', '{"a":1,}', "[01]", "-"],
)
def test_malformed_text_raises_like_the_standard_decoder(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        iterative_loads(text)


def test_deep_documents_decode_beyond_the_recursion_limit() -> None:
    depth = 20_000
    text = '{"next": ' * depth + "1" + "}" * depth
    value = loads(text)
    for _ in range(depth):
        value = value["next"]
    assert value == 1
    assert loads("[" * 5000 + "]" * 5000) is not None


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_iterative_encoder_matches_the_standard_one(value: Any) -> None:
    assert iterative_dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_deep_documents_encode_and_decode_back() -> None:
    value: Any = 1
    for _ in range(20_000):
        value = {"next": {"block": value}}
    text = dumps(value)
    assert text.startswith('{"next":{"block":{"next"')
    assert dumps(loads(text)) == text  # (== on such deep dicts would itself recurse)
