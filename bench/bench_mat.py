"""Printable mats: the time to draw and write a mat, per sheet, against a baseline measured here.

The baseline is what every sheet costs at least: encoding a blank page of the same size as a
JPEG. The mat is the bundled zigzag (12 x 6 cells) at 150 mm cells, on A4 sheets and on one page;
then the ink (mean coverage of the mat's page, 0 % white to 100 % black) and the A4 sheets of each
``--walls`` style, with and without the border of walls.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageStat

from robolab.challenge_loader import load_challenge
from robolab.pack import bundled_packs_root
from simulator.mat import WALL_STYLES, MatText, plan_mat, render_pages, without_border, write_mat


def main() -> None:
    challenge = load_challenge(bundled_packs_root() / "starter" / "zigzag.yaml")
    text = MatText(challenge.id, challenge.title_in("fr"), "fr")
    with tempfile.TemporaryDirectory() as tmp:
        for paper, dpi in (("a4", 150), ("a4", 100), ("single", 100)):
            plan = plan_mat(challenge.board, 150.0, paper)
            path = Path(tmp) / f"{paper}.pdf"
            start = time.perf_counter()
            used = write_mat(challenge.board, plan, path, text, dpi=dpi)
            took = time.perf_counter() - start
            size = (round(plan.page_mm[0] / 25.4 * used), round(plan.page_mm[1] / 25.4 * used))
            baseline = _blank_jpeg(size) * plan.sheets
            print(
                f"{paper:<6} {used} dpi: {plan.sheets} sheet(s) in {took:.2f} s "
                f"({took / plan.sheets * 1000:.0f} ms per sheet), "
                f"{path.stat().st_size / 1e6:.1f} MB; {took / baseline:.1f}x a blank JPEG page"
            )
    inner = without_border(challenge.board)
    reference = 0.0  # the ink of the full walls with their border: the baseline
    for walls in WALL_STYLES:
        for name, board in (("border", challenge.board), ("no border", inner)):
            if board is None:
                continue
            single = plan_mat(board, 150.0, "single")
            page = next(render_pages(board, single, text, dpi=30, walls=walls))
            ink = 1 - ImageStat.Stat(page.convert("L")).mean[0] / 255
            total = ink * single.page_mm[0] * single.page_mm[1]
            reference = reference or total
            sheets = plan_mat(board, 150.0, "a4").sheets
            start = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                write_mat(
                    board, plan_mat(board, 150.0, "a4"), Path(tmp) / "m.pdf", text, walls=walls
                )
            took = time.perf_counter() - start
            print(
                f"walls {walls:<7} {name:<9}: ink {ink * 100:4.1f} % of the page, "
                f"{total / reference:4.0%} of full walls' ink, {sheets} A4 sheets "
                f"({single.width_mm / 10:g} x {single.height_mm / 10:g} cm), {took:.2f} s at 150 dpi"
            )


def _blank_jpeg(size: tuple[int, int]) -> float:
    page = Image.new("RGB", size, (255, 255, 255))
    start = time.perf_counter()
    page.save(io.BytesIO(), "JPEG", quality=90, optimize=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
