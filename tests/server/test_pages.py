"""The HTML pages: the tablet shell (language, embedded texts) and the facilitator link."""

from __future__ import annotations

import json
import re

from starlette.testclient import TestClient

from robolab.cli import build_parser
from robolab.server.routes.pages import embed_json


def _config(html: str) -> dict[str, object]:
    found = re.search(r'<script id="config" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_the_tablet_page_is_french_first(client: TestClient) -> None:
    page = client.get("/", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert "/static/vendor/blockly/msg/fr.js" in page.text
    config = _config(page.text)
    assert config["lang"] == "fr"
    assert config["texts"]["run"] == "Lancer"  # type: ignore[index]
    assert config["texts"]["label.move_forward"] == "avancer"  # type: ignore[index]


def test_switching_to_english_is_remembered(client: TestClient) -> None:
    page = client.get("/j/123456?lang=en")
    assert "/static/vendor/blockly/msg/en.js" in page.text
    assert page.cookies.get("robolab_lang") == "en"
    again = client.get("/")
    assert _config(again.text)["texts"]["run"] == "Run"  # type: ignore[index]


def test_embedded_json_cannot_close_the_script_tag() -> None:
    text = embed_json({"x": "</script><script>alert(1)</script>&"})
    assert "<" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>&"}


def test_static_files_are_served_with_cache_rules(client: TestClient) -> None:
    js = client.get("/static/js/main.js")
    assert js.status_code == 200
    assert js.headers["cache-control"] == "no-cache"
    assert "javascript" in js.headers["content-type"]
    css = client.get("/static/app.css")
    assert css.status_code == 200


def test_the_facilitator_page_needs_the_token(client: TestClient) -> None:
    token = client.app.state.robolab.facilitator_token  # type: ignore[attr-defined]
    assert client.get("/facilitator/").status_code == 403
    assert client.get("/facilitator?token=nope", follow_redirects=False).status_code == 403
    entry = client.get(f"/facilitator?token={token}", follow_redirects=False)
    assert entry.status_code == 303
    assert "httponly" in entry.headers["set-cookie"].lower()
    home = client.get("/facilitator/")
    assert home.status_code == 200
    assert "/static/js/fac/main.js" in home.text
    sessions = client.get("/api/facilitator/sessions").json()["sessions"]
    assert [s["title"] for s in sessions] == ["Séance de démonstration"]


def test_serve_is_a_command() -> None:
    args = build_parser().parse_args(["serve", "--port", "0", "--pack", "a", "--pack", "b"])
    assert args.port == 0
    assert [str(p) for p in args.pack] == ["a", "b"]
    assert args.host == "0.0.0.0"
