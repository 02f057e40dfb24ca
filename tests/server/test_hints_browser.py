"""Hints in a real browser: a teen's run fails, the tablet asks for hints up to level 3 (level 2
selects and lights the block it names), and the facilitator's dashboard counts them live.

Screenshots of the tablet's hint panel and the dashboard go to ``artifacts/hints/``.
"""

from __future__ import annotations

from typing import Any

from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet
from tests.server.conftest import LiveServer

SHOTS = ARTIFACTS / "hints"

pytestmark = BROWSER_TESTS


def add_blocks(tablet: Tablet, kinds: list[str]) -> list[str]:
    """Appends blocks under "when run"; returns their Blockly ids."""
    return list(
        tablet.page.evaluate(
            """(kinds) => {
              const ws = Blockly.getMainWorkspace();
              let last = ws.getBlocksByType('robolab_start', false)[0];
              while (last.getNextBlock()) last = last.getNextBlock();
              return kinds.map((kind) => {
                const b = ws.newBlock('robolab_' + kind);
                b.initSvg(); b.render();
                last.nextConnection.connect(b.previousConnection);
                last = b;
                return b.id;
              });
            }""",
            kinds,
        )
    )


def quiet(tablet: Tablet) -> None:
    """Before a screenshot: no toast over the panel, the smooth scroll finished."""
    tablet.page.evaluate("() => { document.getElementById('toast').hidden = true; }")
    tablet.page.wait_for_timeout(500)


def test_a_failed_run_hints_up_to_level_3_and_the_dashboard_counts_them(
    browser: Any, live_server: LiveServer
) -> None:
    laptop = Tablet(browser, live_server, shots=SHOTS, laptop=True)
    teen = Tablet(browser, live_server, shots=SHOTS)
    fac, tab = laptop.page, teen.page
    try:
        fac.goto(live_server.facilitator)
        fac.get_by_test_id("open-dashboard").click()
        fac.wait_for_selector("html[data-live=open]")
        name = teen.join()
        row = fac.locator("[data-testid=team-row]").filter(has_text=name)
        row.wait_for()

        # A wrong program: the robot turns at block 2 and bumps into the wall.
        teen.open("tiny/line")
        ids = add_blocks(teen, ["move_forward", "turn_left", "move_forward"])
        tab.get_by_test_id("speed").fill("10")
        tab.get_by_test_id("run").click()
        result = tab.get_by_test_id("result")
        result.wait_for(timeout=20_000)
        assert result.get_attribute("data-outcome") == "crash"
        ask = tab.get_by_test_id("need-hint")
        assert ask.inner_text().strip() == "Besoin d'un indice ?"
        quiet(teen)
        teen.shot("00-tablet-failed-run")
        cell = row.locator("td.cell[data-challenge='tiny/line']")
        assert cell.get_attribute("data-hints") == "0"

        # Level 1: a nudge, with the challenge's written tip; no block named.
        ask.click()
        one = tab.locator("[data-testid=hint-card][data-level='1']")
        one.wait_for()
        assert "se cogne contre un mur" in one.get_by_test_id("hint-text").inner_text()
        assert "Compte les cases" in one.get_by_test_id("hint-written").inner_text()
        assert one.get_attribute("data-block") is None
        assert tab.get_by_test_id("hints").locator("li").count() == 1  # the tip joined the list
        row.locator("td.cell[data-challenge='tiny/line'][data-hints='1']").wait_for(timeout=2000)
        assert ask.inner_text().strip() == "Encore un indice"

        # Level 2: the block where it went wrong is selected and lit in the workspace.
        ask.click()
        two = tab.locator("[data-testid=hint-card][data-level='2']")
        two.wait_for()
        assert "Au bloc 2" in two.get_by_test_id("hint-text").inner_text()
        assert two.get_attribute("data-block") == ids[1]
        selected = tab.evaluate("() => Blockly.common.getSelected()?.id")
        assert selected == ids[1]
        lit = tab.evaluate(
            """(id) => Blockly.getMainWorkspace().getBlockById(id).getSvgRoot()
                 .matches('.blocklyHighlighted, .blocklyHighlighted *, :has(.blocklyHighlighted)')""",
            ids[1],
        )
        assert lit
        quiet(teen)
        teen.shot("01-tablet-hint-level-2")
        tab.evaluate(  # the teen taps elsewhere, then "Show me the block" again
            "() => Blockly.common.setSelected("
            "Blockly.getMainWorkspace().getBlocksByType('robolab_start')[0])"
        )
        assert tab.evaluate("() => Blockly.common.getSelected()?.id") != ids[1]
        two.get_by_test_id("hint-show-block").click()
        assert tab.evaluate("() => Blockly.common.getSelected()?.id") == ids[1]

        # Level 3: the block to use instead; then nothing more for this run.
        ask.click()
        three = tab.locator("[data-testid=hint-card][data-level='3']")
        three.wait_for()
        assert "Essaie « avancer » à la place du bloc 2" in three.inner_text()
        tab.get_by_test_id("hint-done").wait_for()
        assert ask.is_hidden()
        quiet(teen)
        teen.shot("02-tablet-hint-level-3")

        # The dashboard counted the three hints live; the team page lists them with their texts.
        hinted = row.locator("td.cell[data-challenge='tiny/line'][data-hints='3']")
        hinted.wait_for(timeout=2000)
        assert hinted.get_by_test_id("cell-hints").inner_text().strip().endswith("3")
        laptop.shot("03-dashboard-hints")
        row.locator("th.team a").click()
        fac.get_by_test_id("team-page").wait_for()
        assert "3 indices" in fac.get_by_test_id("chip-hints").inner_text()
        hints = fac.get_by_test_id("attempt-hints").locator("li[data-level]")
        hints.nth(2).wait_for()
        assert "Au bloc 2" in hints.nth(1).inner_text()
        laptop.shot("04-team-page-hints")
    finally:
        teen.close()
        laptop.close()
