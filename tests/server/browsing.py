"""Shared by the real-browser tests: Debian's chromium through Playwright, and a browser context
(a tablet, or a facilitator's laptop) that records what must never happen: a request leaving the
server, a page error, a console error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.server.conftest import REPO, LiveServer

CHROMIUM = Path("/usr/lib/chromium/chromium")
BROWSER_TESTS = [  # pytestmark of every real-browser test module
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
    pytest.mark.timeout(120),
]
BLOCKLY = REPO / "robolab" / "server" / "static" / "vendor" / "blockly" / "blockly_compressed.js"
ARTIFACTS = REPO / "artifacts"


@contextmanager
def launch() -> Iterator[Any]:
    """Chromium, headless and offline (no DNS lookups either)."""
    from playwright.sync_api import sync_playwright

    assert BLOCKLY.is_file(), "Blockly is not copied: run `make web`"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
        )
        try:
            yield browser
        finally:
            browser.close()


class Tablet:
    """A tablet-sized, touch, French browser context that records what must never happen.

    ``laptop=True`` makes it a facilitator's laptop (1366x768, mouse) instead.
    """

    def __init__(
        self,
        browser: Any,
        server: LiveServer,
        locale: str = "fr-FR",
        *,
        shots: Path = ARTIFACTS / "server",
        laptop: bool = False,
    ) -> None:
        self.server = server
        self.shots = shots
        shots.mkdir(parents=True, exist_ok=True)
        if laptop:
            self.context = browser.new_context(
                viewport={"width": 1366, "height": 768}, locale=locale
            )
        else:
            self.context = browser.new_context(
                viewport={"width": 1024, "height": 768},
                has_touch=True,
                is_mobile=True,
                locale=locale,
            )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.expected: list[str] = []  # console errors a test provokes on purpose
        self.requests: list[str] = []
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("console", self._console)

    def _console(self, msg: Any) -> None:
        if msg.type == "error" and not any(text in msg.text for text in self.expected):
            self.problems.append(f"console error: {msg.text}")

    def _request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        base = self.server.base.replace("http", "ws", 1)
        if not url.startswith((self.server.base + "/", base + "/", "data:", "blob:")):
            self.problems.append(f"request outside the server: {url}")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"))

    def join(self) -> str:
        """Opens the QR code's address and picks the first pseudonym; returns its name."""
        page = self.page
        page.goto(f"{self.server.base}/j/{self.server.code}")
        card = page.get_by_test_id("pseudonym").first
        name = card.inner_text().strip()
        card.click()
        page.get_by_test_id("pick-go").click()
        page.get_by_test_id("ladder").wait_for()
        return name

    def open(self, challenge: str) -> None:
        self.page.locator(f"[data-testid=challenge][data-id='{challenge}']").click()
        self.page.locator(f"[data-testid=challenge-page][data-id='{challenge}']").wait_for()
        self.page.wait_for_function("() => !!Blockly.getMainWorkspace()")

    def blocks(self, kind: str) -> int:
        return int(
            self.page.evaluate(
                "(t) => Blockly.getMainWorkspace().getBlocksByType(t, false).length", kind
            )
        )

    def close(self) -> None:
        self.context.close()
        assert self.problems == [], self.problems


def add_moves(tablet: Tablet, count: int) -> None:
    tablet.page.evaluate(
        """(count) => {
          const ws = Blockly.getMainWorkspace();
          let last = ws.getBlocksByType('robolab_start', false)[0];
          while (last.getNextBlock()) last = last.getNextBlock();
          for (let i = 0; i < count; i++) {
            const b = ws.newBlock('robolab_move_forward');
            b.initSvg(); b.render();
            last.nextConnection.connect(b.previousConnection);
            last = b;
          }
        }""",
        count,
    )
