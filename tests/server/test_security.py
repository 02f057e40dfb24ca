"""The security review's checks (docs/security.md), each one a test that would catch a regression.

Routes are read from the app, so a route added tomorrow is checked too: facilitator routes need
the cookie, changes need the CSRF header, cross-site changes are refused, sockets refuse foreign
origins; wrong join codes, pseudonyms, tokens and facilitator links are rate-limited, sockets
included; user text never becomes markup; the compiler's generated source holds no user text.
"""

from __future__ import annotations

import io
import re
import token
import tokenize
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from robolab.compiler import _CodeGen, _Options
from robolab.program_loader import parse_program
from robolab.server import ServerConfig, create_app
from robolab.server.routes import all_routes
from tests.server.conftest import PACKS, demo_code, join, login
from tests.strategies import programs

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _facilitator_routes() -> list[tuple[str, str]]:
    out = []
    for route in all_routes():
        if isinstance(route, Route) and (
            route.path.startswith("/api/facilitator") or route.path == "/facilitator/logout"
        ):
            out += [(m, route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
    return out


def _path(template: str) -> str:
    return re.sub(
        r"\{(\w+)(?::\w+)?\}", lambda m: "tiny/line" if "challenge" in m[1] else "1", template
    )


FACILITATOR_ROUTES = _facilitator_routes()


def test_the_route_list_is_not_empty() -> None:
    assert len(FACILITATOR_ROUTES) > 30
    assert {m for m, _ in FACILITATOR_ROUTES} >= {"GET", "POST", "PUT", "PATCH", "DELETE"}


def test_every_facilitator_route_refuses_teams_and_strangers(client: TestClient) -> None:
    team = join(client)  # a team's token opens nothing here
    for method, template in FACILITATOR_ROUTES:
        answer = client.request(method, _path(template), json={}, headers=team)
        assert answer.status_code == 403, (method, template, answer.text)
        assert answer.json()["error"]["code"] == "facilitator.forbidden"


def test_every_facilitator_change_needs_the_csrf_header(client: TestClient) -> None:
    login(client)  # the cookie, as a browser tricked by another site would send it
    for method, template in [r for r in FACILITATOR_ROUTES if r[0] in UNSAFE]:
        answer = client.request(method, _path(template), json={})
        assert answer.status_code == 403, (method, template, answer.text)
        assert answer.json()["error"]["code"] == "facilitator.csrf"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver:8080"},  # same host, another port: another origin
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_cross_site_changes_are_refused_before_any_route(
    client: TestClient, headers: dict[str, str]
) -> None:
    csrf = login(client)
    changes = [r for r in FACILITATOR_ROUTES if r[0] in UNSAFE]
    for method, template in [*changes, ("POST", "/api/join"), ("POST", "/api/team/run")]:
        answer = client.request(method, _path(template), json={}, headers={**csrf, **headers})
        assert answer.status_code == 403, (method, template, answer.text)
        assert answer.json()["error"]["code"] == "api.cross_site"


@pytest.mark.parametrize("path", ["/ws", "/ws/facilitator"])
def test_sockets_refuse_a_foreign_origin(client: TestClient, path: str) -> None:
    login(client)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(path, headers={"Origin": "http://evil.example"}) as ws,
    ):
        ws.receive_json()
    assert closed.value.code == 4403


@pytest.fixture
def strict(config: ServerConfig) -> Any:
    """The server's real limits (the shared fixture raises them for tests that join a lot)."""
    config.join_limit = 30
    with TestClient(create_app(config)) as c:
        yield c


def test_wrong_tokens_on_the_tablet_socket_are_rate_limited(strict: TestClient) -> None:
    for _ in range(30):
        with strict.websocket_connect("/ws") as ws:
            ws.send_json({"type": "hello", "token": "guess"})
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
            assert closed.value.code == 4401
    with strict.websocket_connect("/ws") as ws:
        ws.send_json({"type": "hello", "token": "guess"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4429  # a minute's wait for this address


def test_the_facilitator_socket_and_link_are_rate_limited(strict: TestClient) -> None:
    for _ in range(30):
        with (
            pytest.raises(WebSocketDisconnect) as closed,
            strict.websocket_connect("/ws/facilitator"),
        ):
            pass
        assert closed.value.code == 4401
    with pytest.raises(WebSocketDisconnect) as closed, strict.websocket_connect("/ws/facilitator"):
        pass
    assert closed.value.code == 4429
    for _ in range(30):
        assert strict.get("/facilitator?token=guess").status_code == 403
    refused = strict.get("/facilitator?token=guess")
    assert refused.status_code == 429
    assert "trop d&#x27;essais" in refused.text and "too many tries" in refused.text


def test_guessing_join_codes_from_many_addresses_is_stopped_for_everyone(
    strict: TestClient,
) -> None:
    """One address is limited to 30 a minute; 120 wrong codes from any addresses together stop
    every look-up for a minute (a right code included: otherwise it would still be found)."""
    state = strict.app.state.robolab  # type: ignore[attr-defined]
    code = demo_code(strict)
    for n in range(120):
        state.limiter._hits.clear()  # as if each guess came from another address
        wrong = f"{(int(code) + 1 + n) % 1_000_000:06d}"
        assert strict.get(f"/api/sessions/{wrong}").status_code == 404
    state.limiter._hits.clear()
    assert strict.get(f"/api/sessions/{code}").status_code == 429
    body = {"code": code, "animal": "fox", "color": "red"}
    assert strict.post("/api/join", json=body).status_code == 429


def test_a_hostile_challenge_title_stays_text_in_the_map_picture(tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "evil"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text("id: evil\ntitle: {fr: Mal, en: Evil}\norder: [x]\n")
    source = (PACKS / "tiny" / "line.yaml").read_text()
    title = "</title><script>alert(1)</script><title>"
    hostile = re.sub(r"(?m)^title:.*$", f"title: {{fr: '{title}', en: x}}", source, count=1)
    hostile = re.sub(r"(?m)^id:.*$", "id: evil/x", hostile, count=1)
    (pack / "x.yaml").write_text(hostile)
    config = ServerConfig(data_dir=tmp_path / "data", pack_roots=[tmp_path / "packs"])
    with TestClient(create_app(config)) as client:
        svg = client.get("/api/challenges/evil/x/map.svg")
    assert svg.status_code == 200, svg.text
    assert "<script" not in svg.text
    root = ET.fromstring(svg.text)
    titles = [e.text for e in root.iter() if e.tag.endswith("title")]
    assert titles == [title]


NAMES = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() == s and "\n" not in s)
ALLOWED_NAMES = {
    "def", "return", "for", "in", "range", "while", "True", "None", "if", "not", "and", "or", "else",
    "break", "pass",
    "_", "c", "h", "t", "s", "g", "d", "r", "n", "k", "b",
    "K", "D", "DL", "DR", "GF", "GB", "CO", "M", "ST", "TR", "_factory", "append",
}  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(
    raw=programs(),
    names=st.lists(NAMES, min_size=1, max_size=3, unique=True),
    ids=st.lists(st.text(max_size=12), max_size=5),
)
def test_the_compiled_source_holds_no_user_text(
    raw: dict[str, Any], names: list[str], ids: list[str]
) -> None:
    """The only ``exec`` in RoboLab runs source built from the validated tree: procedure names
    and block ids (user text) must never reach it, only small numbers and our own names."""
    renames = dict(zip(raw.get("procedures", {}), names, strict=False))

    def rename(block: Any) -> Any:
        if isinstance(block, list):
            return [rename(b) for b in block]
        if isinstance(block, dict):
            out = {k: rename(v) for k, v in block.items()}
            if out.get("block") == "call":
                out["name"] = renames.get(out["name"], out["name"])
            if ids and "block" in out:
                out["id"] = ids[len(str(out)) % len(ids)] or None
            return out
        return block

    data = {**raw, "main": rename(raw["main"])}
    if "procedures" in raw:
        data["procedures"] = {renames.get(k, k): rename(v) for k, v in raw["procedures"].items()}
    try:
        program = parse_program(data)
    except ValueError:
        return  # a name the loader refuses never gets compiled
    for reach, collect, trace in ((True, False, True), (True, True, False), (False, True, True)):
        source = _CodeGen(program, _Options(reach, collect, collect, not reach, trace)).source()
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == token.NAME:
                assert tok.string in ALLOWED_NAMES or re.fullmatch(r"f\d+", tok.string), tok
            elif tok.type == token.STRING:
                assert tok.string in ("'crash'", "'fall'", "'gem'"), tok
            elif tok.type == token.NUMBER:
                assert re.fullmatch(r"\d+", tok.string), tok


def test_no_unsafe_loader_or_eval_in_the_sources() -> None:
    """yaml.safe_load only; exec only in the compiler (``ruff``'s S102/S307/S506 say it too)."""
    root = Path(__file__).resolve().parents[2]
    found = []
    for path in [
        *root.glob("robolab/**/*.py"),
        *root.glob("firmware_bridge/**/*.py"),
        *root.glob("simulator/**/*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        for pattern in (r"yaml\.(load|unsafe_load|full_load)\(", r"yaml\.(Unsafe|Full)?Loader\b",
                        r"\bpickle\b", r"\bmarshal\b", r"(?<![\w.])eval\(", r"shell=True"):  # fmt: skip
            if re.search(pattern, text):
                found.append(f"{path.relative_to(root)}: {pattern}")
        if re.search(r"(?<![\w.])exec\(", text) and path.name != "compiler.py":
            found.append(f"{path.relative_to(root)}: exec")
    assert found == []


def test_a_forwarded_for_header_does_not_choose_the_address_that_limits_count(
    tmp_path: Path,
) -> None:
    """No proxy stands in front of ``robolab serve``: X-Forwarded-For is not believed, even from
    this machine, so it cannot make every try look like it comes from another tablet."""
    import httpx

    from tests.server.conftest import start_server, stop_server

    server = start_server(tmp_path / "data")
    try:
        with httpx.Client(base_url=server.base) as http:
            statuses = [
                http.get(
                    f"/api/sessions/{server.code}", headers={"X-Forwarded-For": f"10.9.8.{n}"}
                ).status_code
                for n in range(31)
            ]
    finally:
        stop_server(server)
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
