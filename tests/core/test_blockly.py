"""Blockly workspaces <-> programs (robolab/blockly/, docs/blockly.md)."""

from __future__ import annotations

import copy
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robolab.blockly import dumps_workspace, parse_workspace, program_to_workspace
from robolab.errors import ProgramError
from robolab.program_loader import load_program, parse_program
from tests.strategies import programs

# --- helpers ---------------------------------------------------------------------------------


def ws(*tops: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A workspace as ``Blockly.serialization.workspaces.save`` writes it."""
    return {"blocks": {"languageVersion": 0, "blocks": list(tops)}, **extra}


def start(head: dict[str, Any] | None = None, block_id: str = "Start#1") -> dict[str, Any]:
    node: dict[str, Any] = {"type": "robolab_start", "id": block_id, "x": 38, "y": 63}
    if head is not None:
        node["next"] = {"block": head}
    return node


def chain(*blocks: dict[str, Any]) -> dict[str, Any]:
    """Links blocks through ``next`` (without recursion, like Blockly nests them)."""
    for before, after in pairwise(blocks):
        before["next"] = {"block": after}
    return blocks[0]


def b(kind: str, block_id: str, **parts: Any) -> dict[str, Any]:
    return {"type": f"robolab_{kind}", "id": block_id, **parts}


def sensor(name: str, block_id: str, color: str | None = None) -> dict[str, Any]:
    node = b(name, block_id)
    if color is not None:
        node["fields"] = {"color": color}
    return node


def strip_ids(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [strip_ids(v) for v in data]
    return data


def error_of(workspace: Any) -> ProgramError:
    with pytest.raises(ProgramError) as info:
        parse_workspace(workspace)
    err = info.value
    fr, en = err.message("fr"), err.message("en")
    assert fr and en and fr != en, (fr, en)
    assert err.key not in fr and err.key not in en  # the key exists in the catalogue
    return err


# A workspace written the way Blockly 12/13 saves one (x/y only on top blocks, empty inputs
# left out, a Boolean input holding a "not" holding a sensor, the procedure to the side).
SAVED = {
    "blocks": {
        "languageVersion": 0,
        "blocks": [
            {
                "type": "robolab_start",
                "id": "q]8O%w5d@2JX~hG|c!y1",
                "x": 40,
                "y": 30,
                "next": {
                    "block": {
                        "type": "robolab_repeat",
                        "id": "v4m,Vu?q@G3Fk9]Rd}(N",
                        "fields": {"times": 3},
                        "inputs": {
                            "body": {
                                "block": {
                                    "type": "robolab_move_forward",
                                    "id": "A1",
                                    "next": {
                                        "block": {
                                            "type": "robolab_if_else",
                                            "id": "A2",
                                            "inputs": {
                                                "cond": {
                                                    "block": {
                                                        "type": "robolab_not",
                                                        "id": "A3",
                                                        "inputs": {
                                                            "cond": {
                                                                "block": {
                                                                    "type": "robolab_path_ahead",
                                                                    "id": "A4",
                                                                }
                                                            }
                                                        },
                                                    }
                                                },
                                                "then": {
                                                    "block": {
                                                        "type": "robolab_turn_left",
                                                        "id": "A5",
                                                    }
                                                },
                                                "else": {
                                                    "block": {
                                                        "type": "robolab_call",
                                                        "id": "A6",
                                                        "fields": {"name": "zig"},
                                                    }
                                                },
                                            },
                                        }
                                    },
                                }
                            }
                        },
                        "next": {
                            "block": {
                                "type": "robolab_while",
                                "id": "A7",
                                "inputs": {
                                    "cond": {
                                        "block": {
                                            "type": "robolab_on_color",
                                            "id": "A8",
                                            "fields": {"color": "blue"},
                                        }
                                    }
                                },
                            }
                        },
                    }
                },
            },
            {
                "type": "robolab_procedure",
                "id": "P1",
                "x": 420,
                "y": 30,
                "fields": {"name": "zig"},
                "inputs": {
                    "body": {
                        "block": {
                            "type": "robolab_turn_right",
                            "id": "P2",
                            "next": {"block": {"type": "robolab_move_backward", "id": "P3"}},
                        }
                    }
                },
            },
        ],
    },
    "variables": [],
}


# --- reading workspaces ----------------------------------------------------------------------


def test_saved_workspace_gives_the_formats_program() -> None:
    program = parse_workspace(SAVED)
    assert program.to_json() == {
        "format": "robolab/program@1",
        "main": [
            {
                "block": "repeat",
                "times": 3,
                "id": "v4m,Vu?q@G3Fk9]Rd}(N",
                "body": [
                    {"block": "move_forward", "id": "A1"},
                    {
                        "block": "if",
                        "id": "A2",
                        "cond": {"not": {"sensor": "path_ahead"}},
                        "then": [{"block": "turn_left", "id": "A5"}],
                        "else": [{"block": "call", "name": "zig", "id": "A6"}],
                    },
                ],
            },
            {
                "block": "while",
                "id": "A7",
                "cond": {"sensor": "on_color", "color": "blue"},
                "body": [],
            },
        ],
        "procedures": {
            "zig": [{"block": "turn_right", "id": "P2"}, {"block": "move_backward", "id": "P3"}]
        },
    }
    # Numbers follow the core's reading order; the definition keeps its Blockly id.
    assert [s.number for s in program.statements()] == [1, 2, 3, 4, 5, 6, 8, 9]
    assert program.procedures[0].id == "P1" and program.procedures[0].number == 7
    assert program.block_count == 9


def test_parse_program_and_load_program_dispatch_to_blockly(tmp_path: Path) -> None:
    assert parse_program(SAVED).to_json() == parse_workspace(SAVED).to_json()
    path = tmp_path / "workspace.json"
    path.write_text(json.dumps(SAVED), encoding="utf-8")
    assert load_program(path).to_json() == parse_workspace(SAVED).to_json()


def test_blockly_builtin_procedure_blocks() -> None:
    definition = {
        "type": "procedures_defnoreturn",
        "id": "def1",
        "x": 300,
        "y": 10,
        "icons": {"comment": {"text": "zigzag", "pinned": False, "height": 80, "width": 160}},
        "fields": {"NAME": "faire un zig"},
        "inputs": {"STACK": {"block": b("turn_left", "d2")}},
    }
    calls = chain(
        {"type": "procedures_callnoreturn", "id": "c1", "extraState": {"name": "faire un zig"}},
        {"type": "procedures_callnoreturn", "id": "c2", "fields": {"NAME": "faire un zig"}},
        {
            "type": "procedures_callnoreturn",
            "id": "c3",
            "extraState": '<mutation name="faire un zig"></mutation>',
        },
    )
    program = parse_workspace(ws(definition, start(calls)))
    assert program.to_json()["main"] == [
        {"block": "call", "name": "faire un zig", "id": c} for c in ("c1", "c2", "c3")
    ]
    assert program.to_json()["procedures"] == {"faire un zig": [{"block": "turn_left", "id": "d2"}]}
    assert program.procedures[0].id == "def1"


def test_without_start_the_single_stack_is_main() -> None:
    program = parse_workspace(ws(chain(b("move_forward", "m1"), b("turn_right", "m2"))))
    assert [s.id for s in program.main] == ["m1", "m2"]


def test_empty_workspaces() -> None:
    assert parse_workspace({"blocks": {"languageVersion": 0}}).to_json()["main"] == []
    assert parse_workspace(ws(start())).to_json() == {"format": "robolab/program@1", "main": []}


def test_disabled_blocks_are_skipped_with_what_is_inside() -> None:
    skipped_repeat = b(
        "repeat",
        "off1",
        disabledReasons=["MANUALLY_DISABLED"],
        fields={"times": "not even a number"},
        inputs={"body": {"block": b("mystery", "x")}},
    )
    legacy = b("turn_left", "off2", enabled=False)
    orphans = chain(
        b("move_forward", "o1", disabledReasons=["ORPHANED_BLOCK"]),
        b("turn_left", "o2", disabledReasons=["ORPHANED_BLOCK"]),
    )
    head = chain(b("move_forward", "m1"), skipped_repeat, legacy, b("turn_right", "m2"))
    program = parse_workspace(ws(start(head), orphans))
    assert [s.id for s in program.statements()] == ["m1", "m2"]
    assert [s.number for s in program.statements()] == [1, 2]


def test_disabled_procedure_definition_is_not_a_procedure() -> None:
    off = b("procedure", "p", enabled=False, fields={"name": "zig"})
    err = error_of(ws(off, start(b("call", "c", fields={"name": "zig"}))))
    assert (err.key, err.block_id) == ("call.unknown", "c")


def test_loose_condition_blocks_are_ignored() -> None:
    loose = b("not", "n1", x=500, y=500, inputs={"cond": {"block": sensor("at_goal", "s1")}})
    program = parse_workspace(ws(loose, start(b("move_forward", "m1")), sensor("gem_here", "g")))
    assert program.block_count == 1


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ({"fields": {"times": 4}}, 4),
        ({"fields": {"times": 4.0}}, 4),
        ({"fields": {"times": " 7 "}}, 7),
        (
            {
                "inputs": {
                    "times": {"shadow": {"type": "math_number", "id": "n", "fields": {"NUM": 5}}}
                }
            },
            5,
        ),
        (
            {
                "inputs": {
                    "times": {
                        "shadow": {"type": "math_number", "id": "n", "fields": {"NUM": 5}},
                        "block": {"type": "math_number", "id": "m", "fields": {"NUM": 9}},
                    }
                }
            },
            9,
        ),
    ],
)
def test_repeat_times_field_or_number_input(times: dict[str, Any], expected: int) -> None:
    program = parse_workspace(ws(start(b("repeat", "r", **times))))
    assert program.to_json()["main"][0]["times"] == expected


def test_shadow_condition_counts_when_no_block_covers_it() -> None:
    node = b("while", "w", inputs={"cond": {"shadow": sensor("path_left", "s")}})
    assert parse_workspace(ws(start(node))).to_json()["main"][0]["cond"] == {"sensor": "path_left"}


def test_json_text_of_a_saved_workspace() -> None:
    text = json.dumps(SAVED)
    assert parse_program(json.loads(text)).block_count == 9


# --- errors, each naming its Blockly block ---------------------------------------------------


def _call(block_id: str, name: str) -> dict[str, Any]:
    return b("call", block_id, fields={"name": name})


ERRORS: list[tuple[str, dict[str, Any], str, str | None]] = [
    (
        "unknown type",
        ws(start(chain(b("move_forward", "a"), b("jump", "j")))),
        "blockly.unknown_type",
        "j",
    ),
    ("unknown top type", ws({"type": "controls_if", "id": "t"}), "blockly.unknown_type", "t"),
    ("empty cond", ws(start(b("while", "w"))), "cond.missing", "w"),
    (
        "empty cond under not",
        ws(start(b("if", "i", inputs={"cond": {"block": b("not", "n")}}))),
        "cond.missing",
        "n",
    ),
    (
        "disabled cond",
        ws(
            start(
                b(
                    "if",
                    "i",
                    inputs={"cond": {"block": sensor("at_goal", "s") | {"enabled": False}}},
                )
            )
        ),
        "cond.missing",
        "i",
    ),
    ("empty times", ws(start(b("repeat", "r"))), "blockly.empty_times", "r"),
    ("blank times", ws(start(b("repeat", "r", fields={"times": " "}))), "blockly.empty_times", "r"),
    ("text times", ws(start(b("repeat", "r", fields={"times": "trois"}))), "repeat.not_int", "r"),
    ("fraction times", ws(start(b("repeat", "r", fields={"times": 2.5}))), "repeat.not_int", "r"),
    ("bool times", ws(start(b("repeat", "r", fields={"times": True}))), "repeat.not_int", "r"),
    ("times over 100", ws(start(b("repeat", "r", fields={"times": 101}))), "repeat.range", "r"),
    ("negative times", ws(start(b("repeat", "r", fields={"times": -1}))), "repeat.range", "r"),
    ("unknown procedure", ws(start(_call("c", "nowhere"))), "call.unknown", "c"),
    (
        "detached stack",
        ws(start(b("move_forward", "a")), chain(b("turn_left", "d1"), b("turn_left", "d2"))),
        "blockly.detached",
        "d1",
    ),
    (
        "detached after a disabled block",
        ws(start(), chain(b("turn_left", "d1", enabled=False), b("turn_left", "d2"))),
        "blockly.detached",
        "d2",
    ),
    ("two stacks", ws(b("move_forward", "s1"), b("turn_left", "s2")), "blockly.many_stacks", "s2"),
    ("two starts", ws(start(block_id="one"), start(block_id="two")), "blockly.many_starts", "two"),
    (
        "duplicate procedure",
        ws(
            b("procedure", "p1", fields={"name": "zig"}),
            b("procedure", "p2", fields={"name": "zig"}),
        ),
        "procedure.duplicate",
        "p2",
    ),
    ("empty procedure name", ws(b("procedure", "p", fields={"name": ""})), "program.bad_name", "p"),
    ("no procedure name", ws(b("procedure", "p")), "program.bad_name", "p"),
    (
        "list procedure name",
        ws(b("procedure", "p", fields={"name": ["z"]})),
        "program.bad_name",
        "p",
    ),
    (
        "procedure parameters",
        ws(
            {
                "type": "procedures_defnoreturn",
                "id": "p",
                "extraState": {"params": [{"name": "x", "id": "v"}]},
                "fields": {"NAME": "zig"},
            }
        ),
        "blockly.procedure_params",
        "p",
    ),
    ("condition as statement", ws(start(sensor("path_ahead", "s"))), "blockly.misplaced", "s"),
    ("start inside", ws(start(b("start", "s2"))), "blockly.misplaced", "s2"),
    (
        "procedure inside",
        ws(
            start(
                b(
                    "repeat",
                    "r",
                    fields={"times": 2},
                    inputs={"body": {"block": b("procedure", "p")}},
                )
            )
        ),
        "blockly.misplaced",
        "p",
    ),
    (
        "statement in a condition",
        ws(start(b("while", "w", inputs={"cond": {"block": b("turn_left", "t")}}))),
        "blockly.misplaced",
        "t",
    ),
    (
        "unknown condition type",
        ws(
            start(b("while", "w", inputs={"cond": {"block": {"type": "logic_boolean", "id": "l"}}}))
        ),
        "blockly.unknown_type",
        "l",
    ),
    (
        "bad colour",
        ws(start(b("while", "w", inputs={"cond": {"block": sensor("on_color", "c", "purple")}}))),
        "cond.bad_color",
        "c",
    ),
    (
        "missing colour",
        ws(start(b("while", "w", inputs={"cond": {"block": sensor("on_color", "c")}}))),
        "cond.bad_color",
        "c",
    ),
    (
        "unknown input",
        ws(start(b("move_forward", "m", inputs={"body": {"block": b("turn_left", "t")}}))),
        "blockly.bad_block",
        "m",
    ),
    (
        "inputs not an object",
        ws(start(b("repeat", "r", fields={"times": 1}, inputs=[]))),
        "blockly.bad_block",
        "r",
    ),
    ("fields not an object", ws(start(b("repeat", "r", fields=[3]))), "blockly.bad_block", "r"),
    ("next not an object", ws(start(b("move_forward", "m", next=[1]))), "blockly.bad_block", "m"),
    (
        "next block not an object",
        ws(start(b("move_forward", "m", next={"block": "x"}))),
        "blockly.bad_block",
        "m",
    ),
    ("type not text", ws(start({"type": 7, "id": "m"})), "blockly.bad_block", "m"),
    ("id not text", ws(start({"type": "robolab_turn_left", "id": 7})), "block.bad_id", None),
    ("id too long", ws(start(b("turn_left", "x" * 300))), "block.bad_id", None),
    (
        "top block not an object",
        {"blocks": {"blocks": ["robolab_start"]}},
        "blockly.bad_block",
        None,
    ),
    ("blocks not an object", {"blocks": []}, "blockly.bad_workspace", None),
    (
        "blocks list not a list",
        {"blocks": {"languageVersion": 0, "blocks": {}}},
        "blockly.bad_workspace",
        None,
    ),
]


@pytest.mark.parametrize(
    ("workspace", "key", "block_id"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_errors_name_the_block(workspace: dict[str, Any], key: str, block_id: str | None) -> None:
    err = error_of(workspace)
    assert (err.key, err.block_id) == (key, block_id)
    assert err.at == ()  # FORMATS paths mean nothing to the tablet


def test_error_numbers_are_the_programs_numbers() -> None:
    head = chain(
        b("move_forward", "a"), b("turn_left", "b"), b("repeat", "r", fields={"times": 500})
    )
    err = error_of(ws(start(head)))
    assert err.number == 3
    assert err.message("fr").startswith("Bloc 3 : ")
    assert err.message("en").startswith("Block 3: ")
    assert err.to_json("en")["id"] == "r"


# --- hostile workspaces ----------------------------------------------------------------------


def test_a_5000_long_next_chain_is_rejected_without_recursion() -> None:
    blocks = [b("move_forward", f"m{i}") for i in range(5000)]
    err = error_of(ws(start(chain(*blocks))))
    assert err.key == "program.too_many"


def test_a_long_disabled_chain_is_walked_without_recursion() -> None:
    blocks = [b("move_forward", f"m{i}", enabled=False) for i in range(5000)]
    assert parse_workspace(ws(start(chain(*blocks)))).block_count == 0
    blocks = [b("move_forward", f"m{i}", enabled=False) for i in range(15000)]
    err = error_of(ws(start(chain(*blocks))))  # the whole walk is bounded, not only statements
    assert err.key == "program.too_many"


def test_a_cycle_built_in_python_ends() -> None:
    first = b("move_forward", "m1", enabled=False)
    first["next"] = {"block": first}
    assert error_of(ws(start(first))).key == "program.too_many"


def test_a_1000_block_chain_is_accepted() -> None:
    blocks = [b("move_forward", f"m{i}") for i in range(1000)]
    program = parse_workspace(ws(start(chain(*blocks))))
    assert program.block_count == 1000
    assert [s.number for s in program.main][-1] == 1000


def _nested(depth: int) -> dict[str, Any]:
    inner: dict[str, Any] = b("move_forward", "leaf")
    for i in range(depth):
        inner = b("repeat", f"r{i}", fields={"times": 1}, inputs={"body": {"block": inner}})
    return inner


def test_nesting_100_deep_is_accepted_101_is_not() -> None:
    assert parse_workspace(ws(start(_nested(99)))).block_count == 100
    err = error_of(ws(start(_nested(100))))
    assert (err.key, err.block_id) == ("program.too_deep", "leaf")


def test_very_deep_nesting_raises_no_recursion_error() -> None:
    err = error_of(ws(start(_nested(20000))))
    assert err.key == "program.too_deep"


def test_very_long_not_chain() -> None:
    cond: dict[str, Any] = sensor("at_goal", "s")
    for i in range(5000):
        cond = b("not", f"n{i}", inputs={"cond": {"block": cond}})
    err = error_of(ws(start(b("while", "w", inputs={"cond": {"block": cond}}))))
    assert err.key == "program.too_deep"


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    [
        "type",
        "id",
        "fields",
        "inputs",
        "next",
        "block",
        "shadow",
        "cond",
        "body",
        "then",
        "else",
        "times",
        "name",
        "color",
        "enabled",
        "disabledReasons",
        "extraState",
        "blocks",
        "NAME",
        "STACK",
    ]
)


def _paths(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in ``data``, iteratively."""
    out: list[tuple[Any, Any]] = []
    todo = [data]
    while todo:
        node = todo.pop()
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, value in items:
            out.append((node, key))
            todo.append(value)
    return out


def _must_parse_or_explain(workspace: Any) -> None:
    try:
        program = parse_workspace(workspace)
    except ProgramError as err:
        assert err.key not in err.message("fr") and err.key not in err.message("en")
    else:
        assert program.block_count <= 1000


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.data())
def test_mutated_workspaces_never_crash(raw: dict[str, Any], data: st.DataObject) -> None:
    workspace = program_to_workspace(parse_program(raw))
    paths = _paths(workspace)
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = data.draw(st.sampled_from(paths))
        if data.draw(st.booleans()):
            container[key] = data.draw(JUNK)
        elif isinstance(container, dict):
            container[data.draw(KEYS)] = data.draw(JUNK)
    _must_parse_or_explain(workspace)


@settings(max_examples=150)
@given(
    st.dictionaries(st.sampled_from(["blocks", "variables"]), JUNK, max_size=2),
    st.lists(JUNK, max_size=3),
)
def test_junk_workspaces_never_crash(top: dict[str, Any], tops: list[Any]) -> None:
    _must_parse_or_explain(top | {"blocks": top.get("blocks", {})})
    _must_parse_or_explain(ws(*tops))
    _must_parse_or_explain(
        {"blocks": {"blocks": [{"type": "robolab_start", "next": {"block": t}} for t in tops]}}
    )


# --- program -> workspace --------------------------------------------------------------------


def _with_ids(raw: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    todo = [out["main"], *out.get("procedures", {}).values()]
    count = 0
    while todo:
        for stmt in todo.pop():
            count += 1
            stmt["id"] = f"id-{count}"
            todo += [stmt[k] for k in ("body", "then", "else") if k in stmt]
    return out


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_round_trips_program_workspace_program(raw: dict[str, Any]) -> None:
    program = parse_program(raw)
    workspace = program_to_workspace(program)
    back = parse_workspace(workspace)
    assert strip_ids(back.to_json()) == strip_ids(program.to_json())
    assert back.block_count == program.block_count
    # Fresh ids are b<number>: "b4" is the block that messages call "block 4".
    assert all(s.id == f"b{s.number}" for s in back.statements())
    # Ids that exist are kept, so the round trip is exact.
    with_ids = parse_program(_with_ids(raw))
    assert parse_workspace(program_to_workspace(with_ids)).to_json() == with_ids.to_json()
    # The same program always gives the same workspace, as valid JSON with unique ids.
    assert program_to_workspace(back) == workspace
    assert json.loads(dumps_workspace(workspace)) == workspace
    ids = [node["id"] for node, key in _paths(workspace) if key == "type"]
    assert len(ids) == len(set(ids))  # Blockly refuses duplicate ids


def test_workspace_layout_and_block_shapes() -> None:
    program = parse_program(
        {
            "main": [
                {"block": "if", "cond": {"sensor": "gem_here"}, "then": [], "id": "i"},
                {"block": "if", "cond": {"sensor": "at_goal"}, "then": [], "else": [], "id": "e"},
                {"block": "call", "name": "a", "id": "start"},
            ],
            "procedures": {
                "a": [{"block": "repeat", "times": 2, "body": [{"block": "turn_left"}]}],
                "b": [],
            },
        }
    )
    tops = program_to_workspace(program)["blocks"]["blocks"]
    main, proc_a, proc_b = tops
    assert main["type"] == "robolab_start" and main["id"] == "start_"  # no clash with a block id
    first = main["next"]["block"]
    assert first == {
        "type": "robolab_if",
        "id": "i",
        "inputs": {"cond": {"block": {"type": "robolab_gem_here", "id": "i/c1"}}},
        "next": first["next"],
    }
    assert first["next"]["block"]["type"] == "robolab_if_else"
    assert proc_a["fields"] == {"name": "a"} and proc_a["inputs"]["body"]["block"]["fields"] == {
        "times": 2
    }
    assert (
        proc_a["x"] == proc_b["x"] > main["x"] + 300
    )  # definitions to the side, one above the other
    assert proc_b["y"] > proc_a["y"] + 4 * 30
    assert "inputs" not in proc_b


def test_duplicate_ids_become_unique() -> None:
    program = parse_program([{"block": "turn_left", "id": "x"}, {"block": "turn_left", "id": "x"}])
    head = program_to_workspace(program)["blocks"]["blocks"][0]["next"]["block"]
    assert (head["id"], head["next"]["block"]["id"]) == ("x", "x_")


def test_big_programs_serialize_where_json_dumps_cannot() -> None:
    program = parse_program([{"block": "move_forward"}] * 1000)
    workspace = program_to_workspace(program)
    text = dumps_workspace(workspace)
    assert text.count('"robolab_move_forward"') == 1000
    expected = [{"block": "move_forward", "id": f"b{i}"} for i in range(1, 1001)]
    assert parse_workspace(workspace).to_json() == parse_program(expected).to_json()
