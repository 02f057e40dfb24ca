"""The facilitator's side in a real browser, with a teen's tablet next to it.

Two browser contexts on one real ``robolab serve``: a facilitator's laptop and a teen's tablet.
The teen's run shows up live on the dashboard; "pause everyone" blocks the teen's Run button (and
the server refuses); locking hides a challenge; messages reach the tablet as text; exports contain
the attempt; deleting removes everything. Then a restart: SIGKILL mid-session, start again on the
same data and port, and the tablet and the dashboard reconnect by themselves.

Screenshots of the main screens go to ``artifacts/facilitator/`` (git-ignored).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet, add_moves
from tests.server.conftest import LINE, LiveServer, run_body, start_server, stop_server

SHOTS = ARTIFACTS / "facilitator"
XSS = '<img src=x id=pwned onerror="document.title=1">'

pytestmark = BROWSER_TESTS


def laptop_for(browser: Any, server: LiveServer) -> Tablet:
    laptop = Tablet(browser, server, shots=SHOTS, laptop=True)
    laptop.page.goto(server.facilitator)
    laptop.page.get_by_test_id("sessions").wait_for()
    return laptop


def teen_for(browser: Any, server: LiveServer) -> Tablet:
    return Tablet(browser, server, shots=SHOTS)


def teen_fetch(teen: Tablet, method: str, path: str, body: Any = None) -> int:
    """The status of an API call made from the teen's page with the teen's own token."""
    return int(
        teen.page.evaluate(
            """async ([method, path, body]) => (await fetch(path, { method, headers: {
                 'Content-Type': 'application/json',
                 Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('robolab.team')).token },
                 body: body === null ? undefined : JSON.stringify(body) })).status""",
            [method, path, body],
        )
    )


def run_on_tablet(teen: Tablet, moves: int) -> None:
    add_moves(teen, moves)
    teen.page.get_by_test_id("speed").fill("10")
    teen.page.get_by_test_id("run").click()
    teen.page.get_by_test_id("result").wait_for()


def test_a_session_seen_from_the_facilitators_laptop(browser: Any, live_server: LiveServer) -> None:
    laptop, teen = laptop_for(browser, live_server), teen_for(browser, live_server)
    fac, tab = laptop.page, teen.page
    # the refusals this test provokes on purpose (paused, locked, deleted)
    teen.expected += [f"responded with a status of {code}" for code in (401, 403, 409)]
    try:
        laptop.shot("01-sessions")
        fac.get_by_test_id("open-dashboard").click()
        fac.wait_for_selector("html[data-live=open]")
        fac.get_by_test_id("no-teams").wait_for()
        session_id = int(fac.url.rsplit("/", 1)[1])

        # a team joins: its row appears on the dashboard without reloading
        name = teen.join()
        row = fac.locator("[data-testid=team-row]")
        row.filter(has_text=name).wait_for()

        # the teen's run appears on the dashboard within a second
        teen.open("tiny/line")
        add_moves(teen, 4)
        tab.get_by_test_id("speed").fill("10")
        started = time.monotonic()
        tab.get_by_test_id("run").click()
        cell = row.locator("td.cell[data-challenge='tiny/line'][data-attempts='1']")
        cell.wait_for(timeout=1000)
        assert time.monotonic() - started < 1.0
        assert cell.get_attribute("data-stars") == "2"
        assert row.locator("[data-testid=total]").inner_text() == "2 ★"
        assert row.locator(".online.on").count() == 1  # its tablet is connected
        tab.get_by_test_id("result").wait_for()
        laptop.shot("02-dashboard")

        # pause everyone: the tablet freezes, Run is disabled, the server refuses runs
        fac.get_by_test_id("pause-all").click()
        tab.get_by_test_id("room-overlay").wait_for()
        assert "Pause" in tab.get_by_test_id("room-overlay").inner_text()
        tab.wait_for_selector("[data-testid=run][disabled]", state="attached")
        status = teen_fetch(teen, "POST", "/api/team/run", run_body(LINE))
        assert status == 409
        fac.get_by_test_id("paused-banner").wait_for()
        laptop.shot("03-dashboard-paused")
        teen.shot("t1-tablet-paused")
        fac.get_by_test_id("resume-all").click()
        tab.get_by_test_id("room-overlay").wait_for(state="detached")
        tab.wait_for_selector("[data-testid=run]:not([disabled])")

        # a message to everyone shows on the tablet, as text (never as HTML)
        fac.get_by_test_id("message-all").click()
        fac.get_by_test_id("message-text").fill(f"Rangez ! {XSS}")
        laptop.shot("04-message")
        fac.get_by_test_id("message-send").click()
        message = tab.get_by_test_id("room-message")
        message.wait_for()
        assert message.locator("p").inner_text() == f"Rangez ! {XSS}"
        assert tab.locator("#pwned").count() == 0
        fac.get_by_test_id("message-log").filter(has_text="Rangez").wait_for()
        assert fac.locator("#pwned").count() == 0
        teen.shot("t2-tablet-message")
        message.get_by_role("button").click()

        # locking a challenge takes it away from the tablet at once
        tab.get_by_test_id("back").click()
        teen.open("tiny/gems")
        fac.locator("[data-testid=lock][data-challenge='tiny/gems']").click()
        tab.get_by_test_id("ladder").wait_for()
        gems = tab.locator("[data-testid=challenge][data-id='tiny/gems']")
        assert gems.get_attribute("data-locked") == "true"
        assert teen_fetch(teen, "GET", "/api/team/challenges/tiny/gems") == 403
        fac.locator("[data-testid=lock][data-challenge='tiny/gems'][data-access=locked]").wait_for()
        fac.locator("[data-testid=lock][data-challenge='tiny/gems']").click()
        tab.locator("[data-testid=challenge][data-id='tiny/gems'][data-locked=false]").wait_for()

        # a team's page: its attempts, the program as text and a replay in the browser
        row.locator("th.team a").click()
        fac.get_by_test_id("team-page").wait_for()
        replay = fac.get_by_test_id("replay")
        replay.wait_for()
        assert fac.get_by_test_id("program-text").inner_text().count("avancer") == 4
        fac.wait_for_selector("[data-testid=program-text] .line.running")
        fac.wait_for_selector("[data-testid=replay][data-state=done]", timeout=10_000)
        robot = fac.locator("#robot").get_attribute("transform") or ""
        assert robot.startswith("translate(220 60)")  # on the flag, as on the tablet
        laptop.shot("05-team")

        # "watch this run": the projector shows it big next to the leaderboard
        projector = laptop.context.new_page()
        projector.goto(f"{live_server.base}/facilitator/#/s/{session_id}/projector")
        projector.get_by_test_id("leaderboard").wait_for()
        assert projector.get_by_test_id("rank").first.inner_text().count("2 ★") == 1
        fac.get_by_test_id("to-projector").click()
        projector.get_by_test_id("watch").wait_for()
        projector.wait_for_selector("[data-testid=watch] [data-testid=replay][data-state=done]")
        projector.screenshot(path=str(SHOTS / "06-projector.png"))
        projector.close()

        # exports contain the attempt
        base = f"{live_server.base}/api/facilitator/sessions/{session_id}"
        csv_text = laptop.context.request.get(f"{base}/export.csv").text()
        (line,) = [r for r in csv_text.splitlines() if ",tiny/line," in r]
        assert name in line and ",1,2,oui," in line
        exported = json.loads(laptop.context.request.get(f"{base}/export.json").text())
        (attempt,) = exported["attempts"]
        assert [s["block"] for s in attempt["program"]["main"]] == ["move_forward"] * 4

        # deleting the session removes it everywhere
        fac.get_by_test_id("nav-sessions").click()
        card = fac.locator(f"[data-testid=session][data-id='{session_id}']")
        card.get_by_test_id("delete-session").click()
        laptop.shot("07-delete")
        fac.get_by_test_id("confirm").click()
        card.wait_for(state="detached")
        tab.get_by_test_id("room-overlay").wait_for()
        assert laptop.context.request.get(f"{base}/export.json").status == 404
        assert teen_fetch(teen, "GET", "/api/team/ladder") == 401
    finally:
        teen.close()
        laptop.close()


def test_create_a_session_order_and_lock_its_challenges(
    browser: Any, live_server: LiveServer
) -> None:
    laptop = laptop_for(browser, live_server)
    fac = laptop.page
    try:
        fac.get_by_test_id("new-session").click()
        fac.get_by_test_id("session-title").fill(f"Mercredi {XSS}")
        fac.locator("[data-testid=order] li[data-id='tiny/maze'] [data-testid=remove]").click()
        fac.locator("[data-testid=order] li[data-id='tiny/gems'] [data-testid=up]").click()
        laptop.shot("08-new-session")
        fac.get_by_test_id("create").click()
        fac.get_by_test_id("no-teams").wait_for()
        assert fac.get_by_test_id("session-title").inner_text() == f"Mercredi {XSS}"
        assert fac.locator("#pwned").count() == 0
        code = fac.get_by_test_id("join-code").inner_text()
        assert len(code) == 6 and code.isdigit()
        heads = fac.locator("th.challenge-head").evaluate_all(
            "(els) => els.map((e) => e.dataset.challenge)"
        )
        assert heads == ["tiny/gems", "tiny/line"]

        fac.get_by_test_id("nav-ladder").click()
        fac.get_by_test_id("setup-page").wait_for()
        fac.get_by_test_id("all-locked").click()
        fac.locator(
            "[data-testid=order] li[data-id='tiny/line'] [data-testid=access-locked][aria-pressed=true]"
        ).wait_for()
        fac.locator("[data-testid=order] li[data-id='tiny/line'] [data-testid=access-open]").click()
        fac.locator(
            "[data-testid=order] li[data-id='tiny/line'] [data-testid=access-open][aria-pressed=true]"
        ).wait_for()
        laptop.shot("09-challenges")
        joined = httpx.post(
            f"{live_server.base}/api/join", json={"code": code, "animal": "owl", "color": "blue"}
        ).json()
        ladder = httpx.get(
            f"{live_server.base}/api/team/ladder",
            headers={"Authorization": f"Bearer {joined['token']}"},
        ).json()["challenges"]
        assert [(c["id"], c["locked"]) for c in ladder] == [
            ("tiny/gems", True),
            ("tiny/line", False),
        ]

        fac.get_by_test_id("delete-session").click()
        fac.get_by_test_id("confirm").click()
        fac.get_by_test_id("sessions").wait_for()
        assert fac.locator("[data-testid=session]").filter(has_text=code).count() == 0
    finally:
        laptop.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_after_a_hard_kill_nothing_acknowledged_is_lost_and_everyone_reconnects(
    browser: Any, tmp_path: Path
) -> None:
    data, port = tmp_path / "data", free_port()
    server = start_server(data, port=port)
    laptop, teen = laptop_for(browser, server), teen_for(browser, server)
    fac, tab = laptop.page, teen.page
    # the dropped connections are what this test is about
    for ctx in (laptop, teen):
        ctx.expected += ["net::ERR_", "WebSocket connection"]
    acknowledged: list[int] = []
    try:
        teen.join()
        fac.get_by_test_id("open-dashboard").click()
        fac.wait_for_selector("html[data-live=open]")
        fac.locator("[data-testid=team-row] .online.on").wait_for()
        tab.wait_for_selector("html[data-socket=open]")
        token = tab.evaluate("() => JSON.parse(localStorage.getItem('robolab.team')).token")
        headers = {"Authorization": f"Bearer {token}"}
        stop = threading.Event()

        def keep_running() -> None:
            with httpx.Client(timeout=5) as http:
                while not stop.is_set():
                    try:
                        answer = http.post(
                            f"{server.base}/api/team/run", json=run_body(LINE), headers=headers
                        )
                    except httpx.HTTPError:
                        return
                    if answer.status_code == 200:
                        acknowledged.append(answer.json()["attempt"])

        runner = threading.Thread(target=keep_running)
        runner.start()
        while len(acknowledged) < 20:
            time.sleep(0.01)
        server.kill()  # mid-session, runs in flight
        stop.set()
        runner.join(timeout=10)
        tab.wait_for_selector("html[data-socket=closed]")
        fac.wait_for_selector("html[data-live=closed]")
        laptop.shot("10-reconnecting")

        server = start_server(data, port=port)
        tab.wait_for_selector("html[data-socket=open]", timeout=15_000)
        fac.wait_for_selector("html[data-live=open]", timeout=15_000)
        fac.locator("[data-testid=team-row] .online.on").wait_for()
        session_id = int(fac.url.rsplit("/", 1)[1])
        exported = laptop.context.request.get(
            f"{server.base}/api/facilitator/sessions/{session_id}/export.json"
        ).json()
        stored = {a["id"] for a in exported["attempts"]}
        assert set(acknowledged) <= stored
        cell = fac.locator("td.cell[data-challenge='tiny/line']")
        assert int(cell.get_attribute("data-attempts") or 0) == len(stored)

        # and the room goes on: a new run from the tablet shows up on the dashboard
        teen.open("tiny/line")
        run_on_tablet(teen, 4)
        fac.locator(
            f"td.cell[data-challenge='tiny/line'][data-attempts='{len(stored) + 1}']"
        ).wait_for()
    finally:
        teen.close()
        laptop.close()
        stop_server(server)
