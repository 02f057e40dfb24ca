"""A new secret link, in real browsers: the facilitator's laptop asks for it (and confirms), reads
the new link and its QR code; the projector's window, let in with the old link, is let out at
once; the laptop goes on working (its page's anti-forgery value follows the new key).

Screenshots go to ``artifacts/facilitator/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet
from tests.server.conftest import LiveServer, start_server, stop_server

SHOTS = ARTIFACTS / "facilitator"

pytestmark = BROWSER_TESTS


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(tmp_path / "data")  # its own: the link it prints will not work after
    yield live
    stop_server(live)


def test_a_new_secret_link_lets_the_other_windows_out(browser: Any, server: LiveServer) -> None:
    laptop = Tablet(browser, server, shots=SHOTS, laptop=True)
    projector = Tablet(browser, server, shots=SHOTS, laptop=True)
    projector.expected += ["403", "WebSocket"]  # let out: the refused page and the closed socket
    fac, big = laptop.page, projector.page
    try:
        big.goto(server.facilitator)
        big.get_by_test_id("open-dashboard").click()
        big.wait_for_selector("html[data-live=open]")
        fac.goto(server.facilitator)
        fac.get_by_test_id("new-link").click()
        fac.get_by_test_id("cancel").click()  # asked first: nothing happens without a yes
        assert big.evaluate("document.documentElement.dataset.live") == "open"
        fac.get_by_test_id("new-link").click()
        fac.get_by_test_id("confirm").click()
        url = fac.get_by_test_id("new-link-url")
        url.wait_for()
        link = url.input_value()
        assert link.startswith(server.base + "/facilitator?token=") and link != server.facilitator
        qr = fac.get_by_test_id("new-link-qr")
        assert fac.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
        laptop.shot("20-new-secret-link")
        fac.get_by_test_id("new-link-close").click()
        # the projector's window is out at once: its page reloads and says how to get in
        big.get_by_text("réservé aux animateurs", exact=False).first.wait_for()
        projector.shot("21-let-out")
        # the laptop goes on: its dashboard connects, and a change is accepted
        fac.get_by_test_id("open-dashboard").click()
        fac.wait_for_selector("html[data-live=open]")
        fac.get_by_test_id("pause-all").click()
        fac.get_by_test_id("paused-banner").wait_for()
        # the new link lets the projector in again
        big.goto(link)
        big.get_by_test_id("sessions").wait_for()
    finally:
        laptop.close()
        projector.close()
