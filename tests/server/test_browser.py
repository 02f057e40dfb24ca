"""The tablet app in a real browser: Debian's chromium driven by Playwright, tablet-sized, touch.

Every test fails if the page makes a request that leaves the server or logs an error. Screenshots
of the main screens go to ``artifacts/server/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet, add_moves
from tests.server.conftest import LiveServer

SHOTS = ARTIFACTS / "server"

pytestmark = BROWSER_TESTS


@pytest.fixture
def tablet(browser: Any, live_server: LiveServer) -> Iterator[Tablet]:
    t = Tablet(browser, live_server)
    yield t
    t.close()


def touch_drag_from_flyout(tablet: Tablet, block_type: str) -> None:
    """Drags a block from the toolbox with a finger (CDP touch events) and drops it so that it
    snaps under the last block of the "when run" stack."""
    page = tablet.page
    geometry = page.evaluate(
        """(type) => {
          const ws = Blockly.getMainWorkspace();
          const flyoutWs = ws.getFlyout().getWorkspace();
          const source = flyoutWs.getTopBlocks(false).find((b) => b.type === type);
          let last = ws.getBlocksByType('robolab_start', false)[0];
          while (last.getNextBlock()) last = last.getNextBlock();
          const screen = (w, c) => Blockly.utils.svgMath.wsToScreenCoordinates(w, c);
          const from = screen(flyoutWs, new Blockly.utils.Coordinate(source.previousConnection.x, source.previousConnection.y));
          const to = screen(ws, new Blockly.utils.Coordinate(last.nextConnection.x, last.nextConnection.y));
          const box = source.getSvgRoot().getBoundingClientRect();
          // grab the middle of the block's left half, where the finger really lands on it
          const grab = { x: box.left + box.width * 0.35, y: box.top + box.height * 0.5 };
          const hit = document.elementFromPoint(grab.x, grab.y);
          return { grab, dx: to.x - from.x, dy: to.y - from.y, onBlock: !!(hit && source.getSvgRoot().contains(hit)) };
        }""",
        block_type,
    )
    assert geometry["onBlock"], "the grab point is covered by something else"
    cdp = tablet.context.new_cdp_session(page)
    x, y = geometry["grab"]["x"], geometry["grab"]["y"]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 13):
        k = i / 12
        point = {"x": x + geometry["dx"] * k, "y": y + geometry["dy"] * k}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_join_build_run_see_it_move_and_find_the_work_again(tablet: Tablet) -> None:
    page = tablet.page
    page.goto(tablet.server.base + "/")
    page.get_by_test_id("code").wait_for()
    tablet.shot("01-join")
    name = tablet.join()
    tablet.shot("02-ladder")
    assert page.get_by_test_id("team").inner_text().strip() == name
    assert page.locator("[data-testid=challenge][data-locked=true]").count() == 2

    tablet.open("tiny/line")
    assert page.get_by_test_id("counter").inner_text() == "Blocs restants : 6"
    touch_drag_from_flyout(tablet, "robolab_move_forward")
    page.wait_for_function(
        "() => Blockly.getMainWorkspace().getBlocksByType('robolab_start')[0].getNextBlock()"
    )
    assert page.get_by_test_id("counter").inner_text() == "Blocs restants : 5"
    add_moves(tablet, 3)
    tablet.shot("03-challenge")

    page.evaluate(
        """() => {
          const ws = Blockly.getMainWorkspace();
          const original = ws.highlightBlock.bind(ws);
          window.highlighted = [];
          ws.highlightBlock = (id, state) => { window.highlighted.push(id); return original(id, state); };
        }"""
    )
    page.get_by_test_id("speed").fill("7")
    page.get_by_test_id("run").click()
    page.wait_for_function("() => document.querySelectorAll('.blocklyHighlighted').length === 1")
    page.wait_for_function("() => window.highlighted.filter(Boolean).length >= 2")
    tablet.shot("04-running")
    page.get_by_test_id("result").wait_for(timeout=20_000)
    tablet.shot("05-result")

    moved = page.evaluate("() => [...new Set(window.highlighted.filter(Boolean))]")
    order = page.evaluate(
        """() => { const out = []; let b = Blockly.getMainWorkspace()
             .getBlocksByType('robolab_start')[0].getNextBlock();
           while (b) { out.push(b.id); b = b.getNextBlock(); } return out; }"""
    )
    assert moved == order  # the highlight went down the stack, block by block
    result = page.get_by_test_id("result")
    assert result.get_attribute("data-stars") == "2"
    assert result.locator(".stars .on").count() == 2
    assert "Bravo" in page.get_by_test_id("message").inner_text()
    robot = page.locator("#robot").get_attribute("transform")
    assert robot is not None and robot.startswith("translate(220 60)")  # on the flag, cell (5, 1)

    page.get_by_test_id("show-code").click()
    page.get_by_test_id("code-text").wait_for()
    assert page.get_by_test_id("code-text").inner_text().count("avancer") == 4
    page.get_by_test_id("saved").filter(has_text="Enregistré").wait_for()

    page.reload()
    page.locator("[data-testid=challenge-page][data-id='tiny/line']").wait_for()
    page.wait_for_function("() => !!Blockly.getMainWorkspace()")
    assert tablet.blocks("robolab_move_forward") == 4
    page.get_by_test_id("back").click()
    page.get_by_test_id("ladder").wait_for()
    first = page.locator("[data-testid=challenge][data-id='tiny/line'] .stars")
    assert first.get_attribute("data-stars") == "2"
    assert (
        page.locator("[data-testid=challenge][data-id='tiny/gems']").get_attribute("data-locked")
        == "false"
    )
    assert any("/static/vendor/blockly/media/" in url for url in tablet.requests)


def test_switch_tablets_with_code_and_pseudonym_then_english(
    browser: Any, live_server: LiveServer
) -> None:
    first = Tablet(browser, live_server)
    second = Tablet(browser, live_server)
    try:
        first.join()
        team = first.page.evaluate("() => JSON.parse(localStorage.getItem('robolab.team')).team")
        first.open("tiny/line")
        add_moves(first, 2)
        first.page.get_by_test_id("saved").filter(has_text="Enregistré").wait_for()

        page = second.page
        page.goto(f"{live_server.base}/j/{live_server.code}")
        page.get_by_test_id("have-one").click()
        page.locator(f".pickers.animals [data-key={team['animal']}]").click()
        page.locator(f".pickers.colors [data-key={team['color']}]").click()
        second.shot("06-resume")
        page.get_by_test_id("resume-go").click()
        page.get_by_test_id("ladder").wait_for()
        second.open("tiny/line")
        assert second.blocks("robolab_move_forward") == 2
        page.wait_for_timeout(300)
        assert page.get_by_test_id("saved").inner_text() == ""  # opening is not an edit

        page.get_by_test_id("lang").click()
        page.get_by_test_id("run").filter(has_text="Run").wait_for()
        page.wait_for_function("() => !!Blockly.getMainWorkspace()")
        assert second.blocks("robolab_move_forward") == 2
        page.get_by_test_id("counter").filter(has_text="Blocks left: 4").wait_for()
        flyout = page.locator(".blocklyFlyout:not(.blocklyTrashcanFlyout)").text_content() or ""
        assert "move forward" in flyout.replace("\xa0", " ")
        second.shot("07-english")
    finally:
        first.close()
        second.close()


def test_offline_edits_budget_errors_and_falls(tablet: Tablet) -> None:
    page = tablet.page
    tablet.join()
    tablet.open("tiny/line")

    # Wi-Fi drops: the edit stays on the tablet and reaches the server after a reload
    tablet.expected.append("net::ERR_INTERNET_DISCONNECTED")
    tablet.context.set_offline(True)
    add_moves(tablet, 2)
    page.get_by_test_id("saved").filter(has_text="Connexion perdue").wait_for()
    tablet.context.set_offline(False)
    tablet.expected.clear()
    page.reload()
    page.locator("[data-testid=challenge-page][data-id='tiny/line']").wait_for()
    page.wait_for_function("() => !!Blockly.getMainWorkspace()")
    assert tablet.blocks("robolab_move_forward") == 2
    page.get_by_test_id("saved").filter(has_text="Enregistré").wait_for()
    stored = page.evaluate(
        """async () => (await (await fetch('/api/team/challenges/tiny/line', { headers: {
             Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('robolab.team')).token }
           })).json()).workspace"""
    )
    assert str(stored).count("robolab_move_forward") == 2

    add_moves(tablet, 4)
    counter = page.get_by_test_id("counter")
    counter.filter(has_text="Blocs restants : 0").wait_for()
    assert "full" in (counter.get_attribute("class") or "")
    page.wait_for_function(
        """() => Blockly.getMainWorkspace().getFlyout().getWorkspace().getTopBlocks(false)
             .every((b) => !b.isEnabled())"""
    )
    tablet.shot("08-budget")

    # a block left beside the program: the server names it, the tablet selects it
    page.evaluate(
        """() => { const ws = Blockly.getMainWorkspace();
             ws.getBlocksByType('robolab_start')[0].getNextBlock().dispose(false);
             const lone = ws.newBlock('robolab_turn_left', 'lonely'); lone.initSvg(); lone.render();
             lone.moveBy(300, 300); }"""
    )
    page.get_by_test_id("run").click()
    result = page.get_by_test_id("result")
    result.wait_for()
    assert result.get_attribute("data-outcome") == "error"
    assert page.evaluate("() => Blockly.getSelected() && Blockly.getSelected().id") == "lonely"
    tablet.shot("09-error")

    page.get_by_test_id("back").click()
    page.get_by_test_id("ladder").wait_for()
    page.evaluate(
        """async () => { await fetch('/api/team/run', { method: 'POST', headers: {
             'Content-Type': 'application/json',
             Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('robolab.team')).token },
             body: JSON.stringify({ challenge: 'tiny/line', program: [{block: 'repeat', times: 4,
               body: [{block: 'move_forward'}]}] }) }); }"""
    )
    page.reload()
    tablet.open("tiny/gems")
    page.evaluate(
        """() => { const ws = Blockly.getMainWorkspace();
             const start = ws.getBlocksByType('robolab_start')[0];
             const r = ws.newBlock('robolab_turn_right'); r.initSvg(); r.render();
             const m = ws.newBlock('robolab_move_forward'); m.initSvg(); m.render();
             start.nextConnection.connect(r.previousConnection);
             r.nextConnection.connect(m.previousConnection); }"""
    )
    page.get_by_test_id("speed").fill("10")
    page.get_by_test_id("run").click()
    page.get_by_test_id("result").wait_for()
    assert page.get_by_test_id("result").get_attribute("data-outcome") == "fall"
    page.wait_for_function("() => document.querySelector('#robot').classList.contains('fall')")
    page.get_by_test_id("hint").click() if page.get_by_test_id("hint").is_enabled() else None
    tablet.shot("10-fall")
