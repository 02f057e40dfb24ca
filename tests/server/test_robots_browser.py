"""A real robot run seen in real browsers: ``robolab serve --demo`` (two virtual robots in the
fleet), a facilitator's laptop and a teen's tablet.

The facilitator gives a robot to the team on the fleet panel; the teen solves the challenge in the
simulator, the "send to the robot" button lights up and is pressed; the facilitator starts the
program from the dashboard's queue; the tablet lights up the blocks the robot is running, moves
the robot on the map and shows the robot's result. The delay from each progress event leaving the
server to the tablet receiving it is measured (printed with ``-s``).

Screenshots go to ``artifacts/robots/`` (git-ignored).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet, add_moves
from tests.server.conftest import REPO, LiveServer, start_server, stop_server

SHOTS = ARTIFACTS / "robots"

pytestmark = BROWSER_TESTS

# Records when each robot event reaches the page, beside the server's time stamp (`at`).
RECORD_EVENTS = """
(() => {
  const Native = window.WebSocket;
  window.robotEvents = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (message) => {
        const now = Date.now() / 1000;
        try {
          const data = JSON.parse(message.data);
          if (data.type === 'event' && data.event.type.startsWith('robot.')) {
            window.robotEvents.push({ type: data.event.type, at: data.event.at, got: now, data: data.event.data });
          }
        } catch (err) { /* not JSON */ }
      });
    }
  };
})();
"""


def start_tcp_robot(port: int = 0) -> tuple[subprocess.Popen[str], str]:
    """``robolab virtual-robot --tcp PORT``: a robot in its own process; returns it and its URL."""
    cmd = [sys.executable, "-m", "robolab", "virtual-robot", "--tcp", str(port)]
    cmd += ["--name", "Tcp-1", "--no-sensors", "--move-ms", "250"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("socket://127.0.0.1:"), url
    return proc, url


def end(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@pytest.fixture(scope="module")
def tcp_robot() -> Iterator[dict[str, Any]]:
    proc, url = start_tcp_robot()
    robot = {"proc": proc, "url": url}
    yield robot
    end(robot["proc"])


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, tcp_robot: dict[str, Any]
) -> Iterator[LiveServer]:
    # --demo: two virtual robots in the server; --robot: one more, in its own process.
    live = start_server(tmp_path_factory.mktemp("robots") / "data", "--robot", tcp_robot["url"])
    yield live
    stop_server(live)


def test_a_program_goes_from_the_tablet_to_a_robot_and_back(
    browser: Any, server: LiveServer
) -> None:
    laptop = Tablet(browser, server, shots=SHOTS, laptop=True)
    teen = Tablet(browser, server, shots=SHOTS)
    fac, tab = laptop.page, teen.page
    tab.add_init_script(RECORD_EVENTS)

    fac.goto(server.facilitator)
    fac.get_by_test_id("sessions").wait_for()
    name = teen.join()
    teen.open("tiny/line")
    box = tab.get_by_test_id("robot-box")
    box.wait_for()
    assert "Pas encore de robot" in box.inner_text()
    assert tab.get_by_test_id("robot-send").is_disabled()

    # The fleet panel: both demo robots are there and connected; one goes to the team.
    fac.goto(f"{server.base}/facilitator/#/s/1/robots")
    cards = fac.get_by_test_id("robot-card")
    cards.nth(1).wait_for()
    fac.locator("[data-testid=robot-link][data-link=ready]").nth(2).wait_for()
    names = [c.get_attribute("data-name") for c in cards.all()]
    assert names == ["Virtuel-1", "Virtuel-2", "Tcp-1"]
    cards.first.get_by_test_id("robot-team").select_option(label=name)
    # Calibration from the panel: a faster robot (250 ms a cell instead of 500).
    cards.first.locator("summary").click()
    cards.first.get_by_test_id("cal-speed").fill("600")
    cards.first.get_by_test_id("cal-save").click()
    fac.locator("#toast:not([hidden])").wait_for()
    assert "Enregistré" in fac.locator("#toast").inner_text()
    tab.wait_for_function(
        "() => document.querySelector('[data-testid=robot-name]').textContent.includes('Virtuel-1')"
    )
    laptop.shot("fleet-panel")
    assert tab.get_by_test_id("robot-send").is_disabled()  # not solved yet

    # Solved in the simulator: the server says yes, the button lights up; the teen sends.
    tab.evaluate(
        """() => {
          const ws = Blockly.getMainWorkspace();
          const original = ws.highlightBlock.bind(ws);
          window.highlighted = [];
          ws.highlightBlock = (id, state) => { window.highlighted.push(id); return original(id, state); };
        }"""
    )
    add_moves(teen, 4)
    tab.get_by_test_id("speed").fill("10")
    tab.get_by_test_id("run").click()
    tab.get_by_test_id("result").wait_for()
    tab.locator("[data-testid=robot-box][data-can-send=true]").wait_for(timeout=10_000)
    tab.get_by_test_id("robot-send").click()
    tab.locator("[data-testid=robot-box][data-job=waiting]").wait_for()

    # The facilitator starts it from the dashboard's queue.
    fac.get_by_test_id("nav-dashboard").click()
    job = fac.locator("[data-testid=robot-job][data-status=waiting]")
    job.wait_for()
    assert name in job.inner_text()
    tab.evaluate("() => { window.highlighted = []; }")
    job.get_by_test_id("job-approve").click()

    # Live on the tablet: the blocks light up one by one, the robot moves on the map.
    tab.locator("[data-testid=robot-box][data-job=running]").wait_for()
    tab.wait_for_function(
        "() => window.robotEvents.filter((e) => e.data.phase === 'done').length >= 2"
    )
    tab.wait_for_timeout(250)  # the map's robot glides to the cell the robot reported
    tab.locator("svg.robot-live").wait_for()
    fac.locator("[data-testid=robot-job][data-status=running] [data-testid=job-map] svg").wait_for()
    teen.shot("tablet-robot-running")
    laptop.shot("dashboard-robot-running")
    tab.locator("[data-testid=robot-box][data-job=finished]").wait_for(timeout=20_000)
    note = tab.get_by_test_id("robot-status").inner_text()
    assert "Virtuel-1 a fini ton programme" in note and "réussi" in note
    ids = tab.evaluate(
        """() => Blockly.getMainWorkspace().getBlocksByType('robolab_move_forward', false)
                 .map((b) => b.id)"""
    )
    lit = [i for i in dict.fromkeys(tab.evaluate("() => window.highlighted")) if i]
    assert [i for i in lit if i in ids] == ids  # every block, in order, as the robot ran them
    robot_x = tab.evaluate("() => document.querySelector('#robot').getAttribute('transform')")
    assert robot_x.startswith("translate(")
    fac.locator("[data-testid=robot-job][data-status=finished]").wait_for()
    assert "le robot a réussi" in fac.locator("[data-testid=robot-job]").first.inner_text()
    teen.shot("tablet-robot-finished")

    events = tab.evaluate("() => window.robotEvents")
    progress = [e for e in events if e["type"] == "robot.progress"]
    assert {e["data"]["id"] for e in progress if e["data"]["phase"] == "start"} == set(ids)
    delays = sorted((e["got"] - e["at"]) * 1000 for e in progress)
    print(
        f"\nprogress event -> tablet: {len(delays)} events, median {statistics.median(delays):.1f} ms,"
        f" p95 {delays[int(0.95 * (len(delays) - 1))]:.1f} ms, max {delays[-1]:.1f} ms"
    )
    assert delays[-1] < 500
    Path(SHOTS / "delays.txt").write_text(" ".join(f"{d:.1f}" for d in delays) + "\n")
    laptop.close()
    teen.close()


def test_a_robot_lost_mid_run_tells_the_team_and_the_run_can_be_tried_again(
    browser: Any, server: LiveServer, tcp_robot: dict[str, Any]
) -> None:
    laptop = Tablet(browser, server, shots=SHOTS, laptop=True)
    teen = Tablet(browser, server, shots=SHOTS)
    fac, tab = laptop.page, teen.page
    # the link drop is on purpose: the server answers 409 while the robot is away
    laptop.expected.append("status of 409")
    fac.goto(server.facilitator)
    fac.get_by_test_id("sessions").wait_for()
    name = teen.join()
    teen.open("tiny/line")
    fac.goto(f"{server.base}/facilitator/#/s/1/robots")
    card = fac.locator("[data-testid=robot-card][data-name=Tcp-1]")
    card.locator("[data-testid=robot-link][data-link=ready]").wait_for()
    card.get_by_test_id("robot-team").select_option(label=name)
    tab.wait_for_function(
        "() => document.querySelector('[data-testid=robot-name]').textContent.includes('Tcp-1')"
    )
    add_moves(teen, 4)
    tab.get_by_test_id("speed").fill("10")
    tab.get_by_test_id("run").click()
    tab.locator("[data-testid=robot-box][data-can-send=true]").wait_for(timeout=10_000)
    tab.get_by_test_id("robot-send").click()
    fac.locator("[data-testid=robot-job][data-status=waiting] [data-testid=job-approve]").click()
    tab.locator("[data-testid=robot-box][data-job=running]").wait_for()
    tab.wait_for_function(
        "() => document.querySelector('[data-testid=robot-status]').textContent.includes('2')"
    )

    end(tcp_robot["proc"])  # the robot's process dies mid-run: its link is gone
    tab.locator("[data-testid=robot-box][data-job=lost]").wait_for(timeout=10_000)
    note = tab.get_by_test_id("robot-status").inner_text()
    assert "perdu la connexion" in note and "Ton programme est gardé" in note
    assert tab.get_by_test_id("robot-send").inner_text().strip() == "Renvoyer"
    teen.shot("tablet-robot-lost")
    # lost, then "connecting…" while the fleet looks for it again (fresh tries, back-off)
    card.locator("[data-testid=robot-link]:not([data-link=ready])").wait_for()
    laptop.shot("fleet-robot-lost")
    # Nothing of the team's work is lost: its run is still there.
    attempts = tab.evaluate(
        """async () => (await (await fetch('/api/team/attempts', { headers: {
             Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('robolab.team')).token },
           })).json()).attempts"""
    )
    assert len(attempts) == 1 and attempts[0]["solved"] is True

    # The robot comes back on the same address: the fleet finds it again by itself.
    port = int(tcp_robot["url"].rsplit(":", 1)[1])
    tcp_robot["proc"], _ = start_tcp_robot(port)
    card.locator("[data-testid=robot-link][data-link=ready]").wait_for(timeout=15_000)
    fac.locator("[data-testid=robot-job][data-status=lost] [data-testid=job-retry]").click()
    tab.locator("[data-testid=robot-box][data-job=finished]").wait_for(timeout=15_000)
    assert "a fini" in tab.get_by_test_id("robot-status").inner_text()
    laptop.close()
    teen.close()
