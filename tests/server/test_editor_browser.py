"""The level editor in a real browser (Debian's chromium): a facilitator draws a level with the
mouse and the keyboard, picks the toolbox, writes the texts, solves it by dragging blocks, saves
it, and ``robolab check`` accepts the file; then reopens and saves it again. A tablet paints with
a finger. Screenshots go to ``artifacts/editor/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from robolab import load_challenge
from tests.server.browsing import ARTIFACTS, BROWSER_TESTS, Tablet
from tests.server.conftest import PACKS, REPO, LiveServer, start_server, stop_server

SHOTS = ARTIFACTS / "editor"

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("editor")


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[LiveServer]:
    packs = root / "packs"
    shutil.copytree(PACKS, packs)  # --pack folders are writable: never the repository's
    live = start_server(root / "data", packs=packs)
    yield live
    stop_server(live)


def cell_point(page: Any, x: int, y: int) -> tuple[float, float]:
    grid = page.get_by_test_id("ed-grid")
    box = grid.bounding_box()
    width = int(grid.get_attribute("data-width"))
    height = int(grid.get_attribute("data-height"))
    return box["x"] + (x + 0.5) * box["width"] / width, box["y"] + (y + 0.5) * box[
        "height"
    ] / height


def stroke(page: Any, cells: list[tuple[int, int]]) -> None:
    """One mouse stroke over the cells (press, move through them, release)."""
    page.mouse.move(*cell_point(page, *cells[0]))
    page.mouse.down()
    for cell in cells[1:]:
        page.mouse.move(*cell_point(page, *cell), steps=3)
    page.mouse.up()


def rows(page: Any) -> list[str]:
    return str(page.get_by_test_id("ed-grid").get_attribute("data-rows")).split("/")


def drag_block(page: Any, block_type: str, target: str) -> None:
    """Drags a block from the flyout with the mouse onto ``target``: ``end`` (under the last
    block of "when run") or ``<type>.<input>`` (a statement input); retries once if the first
    drop did not connect (Blockly may still be settling after the previous drop)."""
    for _ in range(2):
        time.sleep(0.25)
        geo = page.evaluate(
            """([type, target]) => {
              const ws = Blockly.getMainWorkspace();
              const flyoutWs = ws.getFlyout().getWorkspace();
              const source = flyoutWs.getTopBlocks(false).find((b) => b.type === type);
              let conn;
              if (target === 'end') {
                let last = ws.getBlocksByType('robolab_start', false)[0];
                while (last.getNextBlock()) last = last.getNextBlock();
                conn = last.nextConnection;
              } else {
                const [owner, input] = target.split('.');
                conn = ws.getBlocksByType(owner, false)[0].getInput(input).connection;
              }
              const screen = (w, c) => Blockly.utils.svgMath.wsToScreenCoordinates(w, c);
              const at = (c) => new Blockly.utils.Coordinate(c.x, c.y);
              const from = screen(flyoutWs, at(source.previousConnection));
              const to = screen(ws, at(conn));
              const box = source.getSvgRoot().getBoundingClientRect();
              const grab = { x: box.left + Math.min(40, box.width * 0.3), y: box.top + 14 };
              const hit = document.elementFromPoint(grab.x, grab.y);
              return { grab, dx: to.x - from.x, dy: to.y - from.y,
                       onBlock: !!(hit && source.getSvgRoot().contains(hit)),
                       before: ws.getAllBlocks(false).length };
            }""",
            [block_type, target],
        )
        assert geo["onBlock"], "the grab point is covered by something else"
        x, y = geo["grab"]["x"], geo["grab"]["y"]
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + geo["dx"], y + geo["dy"], steps=12)
        page.mouse.up()
        connected = page.evaluate(
            """(type) => Blockly.getMainWorkspace().getBlocksByType(type, false)
                 .some((b) => !!b.getParent())""",
            block_type,
        )
        if connected:
            return
        page.evaluate(  # remove a block that fell beside the stack, then try again
            """(type) => { for (const b of Blockly.getMainWorkspace().getBlocksByType(type, false))
                 if (!b.getParent()) b.dispose(); }""",
            block_type,
        )
    raise AssertionError(f"{block_type} did not connect to {target}")


def checked(page: Any) -> None:
    """Waits for the server's check of the latest change (the checklist's "checking…")."""
    page.wait_for_function("() => document.querySelector('.ed-checklist .busy').hidden")


def open_editor(laptop: Tablet) -> Any:
    page = laptop.page
    page.goto(laptop.server.facilitator)
    page.get_by_test_id("sessions").wait_for()
    page.get_by_test_id("nav-editor").click()
    page.get_by_test_id("ed-open-page").wait_for()
    return page


def test_draw_solve_save_check_and_reopen_a_level(
    browser: Any, server: LiveServer, root: Path
) -> None:
    laptop = Tablet(browser, server, shots=SHOTS, laptop=True)
    page = open_editor(laptop)
    assert page.get_by_test_id("ed-pack").count() == 1  # the (copied) test pack
    laptop.shot("01-open")
    page.get_by_test_id("ed-new").click()
    page.get_by_test_id("ed-page").wait_for()
    assert rows(page)[1] == "#S.....#"

    # 1. the map: walls with the keyboard's tool 1 (the default tool), the goal (0), a gem (8),
    # water from the palette, one column less; undo and redo
    for y in (2, 3, 4):
        stroke(page, [(x, y) for x in range(1, 7)])
    page.keyboard.press("0")
    stroke(page, [(5, 1)])
    page.keyboard.press("8")
    stroke(page, [(3, 1)])
    page.get_by_test_id("tool-water").click()
    stroke(page, [(6, 1)])
    assert rows(page)[1] == "#S.*.G~#"
    page.keyboard.press("Control+z")
    assert rows(page)[1] == "#S.*.G.#"
    page.keyboard.press("Control+y")
    page.get_by_test_id("ed-w-minus").click()
    assert rows(page) == ["#######", "#S.*.G~", "#######", "#######", "#######", "#######"]
    checked(page)
    assert page.get_by_test_id("ed-check-solvable").get_attribute("data-state") == "ok"
    assert " 4 " in page.get_by_test_id("ed-check-solvable").inner_text()
    laptop.shot("02-map")

    # 2. the rules: the "loops" toolbox, both goals, at most 3 blocks
    page.get_by_test_id("ed-step-rules").click()
    page.get_by_role("button", name="Boucles", exact=True).click()
    page.get_by_test_id("ed-goal-collect_all").check()
    page.get_by_test_id("ed-max-blocks").fill("3")
    assert page.get_by_test_id("ed-block-repeat").is_checked()
    assert not page.get_by_test_id("ed-block-if").is_checked()
    laptop.shot("03-rules")

    # 3. the texts, French and English
    page.get_by_test_id("ed-step-texts").click()
    page.get_by_test_id("ed-title-fr").fill("Le couloir aux gemmes")
    page.get_by_test_id("ed-title-en").fill("The gem corridor")
    page.get_by_test_id("ed-story-fr").fill("Ramasse la gemme, puis va jusqu'au drapeau.")
    page.get_by_test_id("ed-story-en").fill("Pick up the gem, then go to the flag.")
    page.get_by_test_id("ed-add-hint").click()
    page.get_by_test_id("ed-hint-0-fr").fill("Compte les cases jusqu'au drapeau.")
    page.get_by_test_id("ed-hint-0-en").fill("Count the cells up to the flag.")
    checked(page)
    assert page.get_by_test_id("ed-check-texts").get_attribute("data-state") == "ok"
    laptop.shot("04-texts")

    # 4. the solution, with real drags in the tablet's Blockly editor and toolbox
    page.get_by_test_id("ed-step-solution").click()
    page.wait_for_function("() => typeof Blockly !== 'undefined' && !!Blockly.getMainWorkspace()")
    flyout = page.evaluate(
        """() => Blockly.getMainWorkspace().getFlyout().getWorkspace().getTopBlocks(false)
             .map((b) => b.type)"""
    )
    assert flyout == [
        "robolab_move_forward",
        "robolab_turn_left",
        "robolab_turn_right",
        "robolab_repeat",
    ]
    drag_block(page, "robolab_repeat", "end")
    drag_block(page, "robolab_move_forward", "robolab_repeat.body")
    page.evaluate(
        """() => Blockly.getMainWorkspace().getBlocksByType('robolab_repeat', false)[0]
             .setFieldValue(4, 'times')"""
    )
    assert page.get_by_test_id("ed-counter").get_attribute("data-used") == "2"
    page.get_by_test_id("ed-speed").fill("10")  # the robot jumps to the end
    page.get_by_test_id("ed-test").click()
    result = page.get_by_test_id("ed-result")
    result.wait_for()
    assert result.get_attribute("data-stars") == "3"
    checked(page)
    assert page.get_by_test_id("ed-checklist").get_attribute("data-ready") == "true"
    page.wait_for_selector("svg.robolab-map[data-state=done]")
    laptop.shot("05-solution")

    # 5. save into a new pack of the data folder
    page.get_by_test_id("ed-save").click()
    page.get_by_test_id("ed-save-pack").select_option("")
    page.get_by_test_id("ed-new-pack-id").fill("mes-niveaux")
    assert page.get_by_test_id("ed-save-name").input_value() == "le-couloir-aux-gemmes"
    laptop.shot("06-save")
    page.get_by_test_id("ed-save-go").click()
    page.wait_for_function("() => !!document.body.dataset.edSaved")
    saved = Path(page.evaluate("() => document.body.dataset.edSaved"))
    assert saved == root / "data" / "packs" / "mes-niveaux" / "le-couloir-aux-gemmes.yaml"
    assert str(saved) in page.get_by_test_id("ed-file").inner_text()
    laptop.shot("07-saved")
    done = subprocess.run(
        [sys.executable, "-m", "robolab", "check", "--strict", str(saved)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    level = load_challenge(saved)
    assert level.id == "mes-niveaux/le-couloir-aux-gemmes"
    assert level.title == {"fr": "Le couloir aux gemmes", "en": "The gem corridor"}
    assert sorted(g.value for g in level.goals) == ["collect_all", "reach"]
    assert level.max_blocks == 3 and level.par_steps == 4 and level.par_blocks == 2
    assert level.board.grid.rows[1] == "#S.*.G~"
    assert "map: |\n  #######\n  #S.*.G~\n" in saved.read_text()

    # the new level is offered to new sessions at once
    page.goto(f"{server.base}/facilitator/#/new")
    page.locator("[data-testid=pick] input[data-id='mes-niveaux/le-couloir-aux-gemmes']").wait_for()

    # reopen it from the list, change the title, save over it
    page.goto(f"{server.base}/facilitator/#/editor")
    page.locator(
        "[data-testid=ed-level][data-id='mes-niveaux/le-couloir-aux-gemmes']"
    ).get_by_test_id("ed-open").click()
    page.get_by_test_id("ed-page").wait_for()
    assert page.get_by_test_id("ed-grid").get_attribute("data-rows").startswith("#######/#S.*.G~")
    page.get_by_test_id("ed-step-texts").click()
    page.get_by_test_id("ed-title-fr").fill("Le couloir aux trésors")
    checked(page)
    assert page.get_by_test_id("ed-checklist").get_attribute("data-ready") == "true"
    page.evaluate("() => { delete document.body.dataset.edSaved; }")
    page.get_by_test_id("ed-save").click()
    page.wait_for_function("() => !!document.body.dataset.edSaved")
    assert load_challenge(saved).title["fr"] == "Le couloir aux trésors"
    laptop.shot("08-reopened")
    laptop.close()


def test_paint_with_a_finger_and_read_it_in_english(browser: Any, server: LiveServer) -> None:
    tablet = Tablet(browser, server, shots=SHOTS, locale="en-GB")
    page = tablet.page
    page.goto(server.facilitator)
    page.goto(f"{server.base}/facilitator/?lang=en#/editor/new")
    page.get_by_test_id("ed-page").wait_for()
    assert page.get_by_test_id("ed-step-map").inner_text().strip().endswith("Map")
    cdp = tablet.context.new_cdp_session(page)

    def touch(cells: list[tuple[int, int]]) -> None:
        points = [cell_point(page, *c) for c in cells]
        x, y = points[0]
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for x, y in points[1:]:
            cdp.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    page.get_by_test_id("tool-water").tap()
    touch([(2, 2), (3, 2), (4, 2), (5, 2)])
    assert rows(page)[2] == "#.~~~~.#"
    touch([(3, 2)])  # a tap on water with the water tool takes it away
    assert rows(page)[2] == "#.~.~~.#"
    page.get_by_test_id("tool-start").tap()
    touch([(1, 1)])  # a tap on the robot turns it
    page.get_by_test_id("ed-heading-south").wait_for()
    assert page.get_by_test_id("ed-heading-south").get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        """() => document.querySelector('[data-testid=ed-yaml]').textContent
             .includes('start: {heading: south}')"""
    )
    tablet.shot("09-tablet-en")
    cdp.detach()
    tablet.close()
