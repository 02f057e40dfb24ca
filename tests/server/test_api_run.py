"""POST /api/run, /api/code, the catalogue, errors and languages (Starlette's TestClient)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.testclient import TestClient

from robolab.blockly import dumps_workspace, program_to_workspace
from robolab.program_loader import parse_program
from robolab.server.http import accept_language
from tests.server.conftest import LINE, LINE_BEST, run_body
from tests.strategies import programs


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True}


def test_openapi_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    documented = {path.replace("{challenge_id}", "{challenge_id:path}") for path in spec["paths"]}
    routes = {
        r.path
        for r in client.app.routes
        if isinstance(r, Route | WebSocketRoute)  # type: ignore[attr-defined]
    }
    assert routes == documented
    assert any(isinstance(r, Mount) for r in client.app.routes)  # type: ignore[attr-defined]


def test_run_solves_and_scores_with_trace(client: TestClient) -> None:
    response = client.post("/api/run", json=run_body(LINE_BEST))
    assert response.status_code == 200
    result = response.json()
    assert result["solved"] is True
    assert result["stars"] == 3
    assert result["blocks"] == 2
    assert result["par"] == {"blocks": 2, "steps": 4}
    assert [(s["x"], s["y"], s["heading"]) for s in result["trace"]] == [
        (2, 1, "east"),
        (3, 1, "east"),
        (4, 1, "east"),
        (5, 1, "east"),
    ]
    assert result["trace"][0] == {
        "tick": 2,
        "id": None,
        "block": 2,
        "action": "move_forward",
        "x": 2,
        "y": 1,
        "heading": "east",
    }


def test_run_matches_the_core_runner(client: TestClient) -> None:
    from robolab.pack import load_packs
    from robolab.runner import run
    from tests.server.conftest import PACKS

    challenge = next(c for p in load_packs([PACKS]) for c in p.challenges if c.id == "tiny/gems")
    program = challenge.solution.to_json()
    expected = run(challenge, program, trace=True).to_json(trace=True)
    assert client.post("/api/run", json=run_body(program, "tiny/gems")).json() == expected


def test_the_server_computes_blocks_and_stars(client: TestClient) -> None:
    body = run_body(LINE, stars=3, blocks=1, solved=True)
    response = client.post("/api/run", json=body)
    assert response.status_code == 200
    assert response.json()["stars"] == 2
    assert response.json()["blocks"] == 4


def test_run_accepts_a_blockly_workspace_and_keeps_block_ids(client: TestClient) -> None:
    workspace = program_to_workspace(parse_program(LINE_BEST))
    result = client.post("/api/run", json=run_body(workspace)).json()
    assert result["solved"] is True
    ids = {s["id"] for s in result["trace"]}
    assert len(ids) == 1 and None not in ids  # the move block inside the repeat


def test_invalid_program_is_a_result_naming_the_block(client: TestClient) -> None:
    program = [{"block": "move_forward", "id": "a"}, {"block": "fly", "id": "b"}]
    response = client.post("/api/run", json=run_body(program), headers={"Accept-Language": "en"})
    assert response.status_code == 200
    result = response.json()
    assert result["outcome"] == "error"
    assert result["stars"] == 0
    assert result["error"]["id"] == "b"
    assert "fly" in result["message"] and "Block 2" in result["message"]


def test_over_max_blocks_is_refused_by_the_server(client: TestClient) -> None:
    program = [{"block": "move_forward"}] * 7  # tiny/line allows 6
    result = client.post("/api/run", json=run_body(program)).json()
    assert result["outcome"] == "error"
    assert result["error"]["code"] == "program.over_max_blocks"


def test_a_text_program_is_never_read_as_a_file(client: TestClient) -> None:
    response = client.post("/api/run", json=run_body("/etc/passwd"))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "api.bad_field"


def test_unknown_challenge_is_404(client: TestClient) -> None:
    response = client.post("/api/run", json=run_body([], "tiny/nope"))
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "défi « tiny/nope » inconnu"


def test_errors_follow_the_request_language(client: TestClient) -> None:
    bad = b'{"challenge": '
    fr = client.post("/api/run", content=bad).json()["error"]["message"]
    en = client.post("/api/run", content=bad, headers={"Accept-Language": "en-GB,en;q=0.9"})
    query = client.post("/api/run?lang=en", content=bad).json()["error"]["message"]
    field = client.post("/api/run", json={"lang": "en", "program": []}).json()["error"]["message"]
    assert fr.startswith("JSON invalide")
    assert en.json()["error"]["message"].startswith("invalid JSON")
    assert query.startswith("invalid JSON")
    assert field == 'the field "challenge" is missing'


def test_accept_language_weights() -> None:
    assert accept_language("de-DE,en;q=0.5,fr;q=0.8") == "fr"
    assert accept_language("en-US,en;q=0.9,fr;q=0.8") == "en"
    assert accept_language("de, es") is None
    assert accept_language("fr;q=0, en;q=0.1") == "en"
    assert accept_language("") is None


def test_malformed_bodies_are_400(client: TestClient) -> None:
    cases: list[tuple[bytes, str]] = [
        (b"[1, 2]", "api.not_object"),
        (b"\xff\xfe", "api.not_utf8"),
        (b"[" * 5000 + b"]" * 5000, "api.not_object"),
        (b'{"challenge": 3, "program": []}', "api.bad_field"),
        (b'{"challenge": "tiny/line"}', "api.missing_field"),
        (b'{"challenge": "tiny/line", "program": 1' + b"0" * 5000 + b"}", "api.bad_json"),
    ]
    for body, code in cases:
        response = client.post("/api/run", content=body)
        assert response.status_code == 400, (body[:40], response.text)
        assert response.json()["error"]["code"] == code


def test_long_blockly_chains_nest_deeper_than_json_recursion_allows(client: TestClient) -> None:
    # Blockly nests each next block two levels deeper: 600 blocks are ~1,200 levels of JSON
    program = parse_program([{"block": "turn_left", "id": f"b{i}"} for i in range(600)])
    body = (
        '{"challenge": "tiny/line", "program": '
        + dumps_workspace(program_to_workspace(program))
        + "}"
    )
    response = client.post("/api/run", content=body.encode())
    assert response.status_code == 200, response.text[:200]
    assert response.json()["blocks"] == 600


def test_bodies_over_64_kib_are_413(client: TestClient) -> None:
    big = json.dumps(run_body([{"block": "turn_left"}] * 5000)).encode()
    assert len(big) > 64 * 1024
    response = client.post("/api/run", content=big)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "api.too_large"

    def chunks() -> Any:  # no Content-Length: the bytes are counted while reading
        for i in range(0, len(big), 4096):
            yield big[i : i + 4096]

    response = client.post("/api/run", content=chunks())
    assert response.status_code == 413


def test_a_strange_content_length_is_refused() -> None:
    from types import SimpleNamespace

    import anyio

    from robolab.server.http import ApiError, read_body

    async def refused(value: str) -> int:
        async def stream() -> Any:
            yield b"{}"

        request = SimpleNamespace(headers={"content-length": value}, stream=stream)
        try:
            await read_body(request)  # type: ignore[arg-type]
        except ApiError as err:
            return err.status
        return 200

    assert anyio.run(refused, "²") == 400
    assert anyio.run(refused, "-1") == 400
    assert anyio.run(refused, "9" * 30) == 413
    assert anyio.run(refused, "2") == 200


def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert client.get("/api/nothing").status_code == 404
    response = client.get("/api/run", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert response.json()["error"]["message"] == "method GET is not allowed here"


def test_show_the_code(client: TestClient) -> None:
    response = client.post("/api/code", json={"program": LINE_BEST, "lang": "en"})
    assert response.status_code == 200
    assert response.json()["blocks"] == 2
    assert "repeat" in response.json()["text"]
    bad = client.post("/api/code", json={"program": [{"block": "fly", "id": "x"}]})
    assert bad.status_code == 400
    assert bad.json()["error"]["id"] == "x"


def test_catalogue_and_map_pictures(client: TestClient) -> None:
    listing = client.get("/api/challenges?lang=en").json()
    assert [c["id"] for c in listing["challenges"]] == ["tiny/line", "tiny/gems", "tiny/maze"]
    detail = client.get("/api/challenges/tiny/maze").json()
    assert detail["title"] == "Le labyrinthe"
    assert "solution" not in json.dumps(detail)
    assert detail["blocks"] == [
        "move_forward",
        "turn_left",
        "turn_right",
        "repeat_until",
        "if",
        "call",
    ]
    svg = client.get(detail["map_svg"])
    assert svg.headers["content-type"].startswith("image/svg+xml")
    again = client.get(detail["map_svg"], headers={"If-None-Match": svg.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/api/challenges/tiny/nope").status_code == 404


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)
_keys = st.sampled_from(["challenge", "program", "lang", "blocks", "main", "type", "inputs"])
_bodies = st.one_of(
    st.binary(max_size=300),
    _json.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(_keys, _json, max_size=4).map(lambda v: json.dumps(v).encode()),
    st.builds(
        lambda program, cid: json.dumps({"challenge": cid, "program": program}).encode(),
        _json,
        st.sampled_from(["tiny/line", "tiny/maze", "nope"]),
    ),
    st.builds(
        lambda blocks: json.dumps(
            {"challenge": "tiny/maze", "program": {"blocks": blocks}}
        ).encode(),
        _json,
    ),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=_bodies)
def test_no_client_input_is_a_500(client: TestClient, body: bytes) -> None:
    response = client.post("/api/run", content=body)
    assert response.status_code in (200, 400, 404), response.text
    data = response.json()
    if response.status_code == 200:
        assert data["outcome"] in ("success", "crash", "fall", "timeout", "incomplete", "error")
    else:
        # the catch-all for parser bugs must never be needed
        assert data["error"]["code"] != "api.program_unreadable", body


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(program=programs())
def test_generated_programs_run(client: TestClient, program: dict[str, Any]) -> None:
    response = client.post("/api/run", json=run_body(program, "tiny/maze"))
    assert response.status_code == 200
    assert response.json()["challenge"] == "tiny/maze"
