"""Printable mats: how the mat is cut into pages, and the PDF read back (page and cell sizes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageStat

from robolab import palette
from robolab.board import Board
from robolab.challenge_loader import load_challenge
from robolab.cli import main
from robolab.grid import parse_map
from robolab.vocabulary import Heading
from simulator import theme
from simulator.mat import (
    MARGIN_MM,
    OVERLAP_MM,
    MatError,
    MatText,
    WallStyle,
    plan_mat,
    render_pages,
    without_border,
    write_mat,
)
from simulator.mat_layout import column_name
from simulator.mat_tiles import LIGHT_WALL
from tests.core.conftest import challenge_yaml

PT_PER_MM = 72 / 25.4
A4_PT = (210 * PT_PER_MM, 297 * PT_PER_MM)


def board(text: str, heading: Heading = Heading.EAST) -> Board:
    return Board(parse_map(text), heading)


def test_a_mat_is_cut_into_the_fewest_pages() -> None:
    wide = board("#S..........G#")  # 14 x 1 cells
    plan = plan_mat(wide, 150.0, "a4")
    assert plan.width_mm == 2100 and plan.height_mm == 150
    assert plan.orientation == "landscape"  # 277 mm of map per page instead of 190
    assert (plan.cols, plan.rows) == (8, 1)
    assert [p.label for p in plan.pages] == [f"{c}1" for c in "ABCDEFGH"]
    tall = plan_mat(board("\n".join(["S", *["."] * 10, "G"])), 150.0, "a4")
    assert tall.orientation == "portrait" and (tall.cols, tall.rows) == (1, 7)
    assert plan_mat(wide, 150.0, "a3").paper == "a3"
    assert len(plan_mat(wide, 150.0, "a3").pages) < len(plan.pages)


def test_pages_overlap_by_the_strip_and_cover_the_whole_mat() -> None:
    plan = plan_mat(board("#####\n#S..#\n###.#\n###G#\n#####"), 150.0, "a4")
    step_w, step_h = plan.step_mm
    box_w, box_h = plan.box_mm
    assert (box_w - step_w, box_h - step_h) == (OVERLAP_MM, OVERLAP_MM)
    for page in plan.pages:
        x0, y0, x1, y1 = page.region
        assert (x0, y0) == (page.col * step_w, page.row * step_h)
        assert x1 - x0 <= box_w and y1 - y0 <= box_h
        assert page.label == f"{column_name(page.col)}{page.row + 1}"
    last = plan.pages[-1].region
    assert (last[2], last[3]) == (plan.width_mm, plan.height_mm)
    assert plan.sheets == len(plan.pages) + 1  # the assembly plan comes first
    assert column_name(25) == "Z" and column_name(26) == "AA"


def test_one_large_page_is_the_mat_plus_its_margins() -> None:
    plan = plan_mat(board("#S..G#"), 150.0, "single")
    assert plan.page_mm == (900 + 2 * MARGIN_MM, 150 + 2 * MARGIN_MM)
    assert len(plan.pages) == 1 and not plan.has_cover
    huge = board("S" + "." * 40 + "G")
    with pytest.raises(MatError) as caught:
        plan_mat(huge, 150.0, "single")
    assert "--paper" in caught.value.message("fr")


def _pdf(
    tmp_path: Path,
    text: str,
    cell_mm: float,
    paper: str = "a4",
    dpi: int = 100,
    walls: WallStyle = "full",
) -> Path:
    path = tmp_path / "mat.pdf"
    mat = board(text)
    plan = plan_mat(mat, cell_mm, paper)
    write_mat(mat, plan, path, MatText("test/mat", "Tapis"), dpi=dpi, walls=walls)
    return path


def _page_image(reader: pypdf.PdfReader, n: int) -> Image.Image:
    image = reader.pages[n].images[0].image
    assert image is not None
    return image.convert("RGB")


def _nearest(pixel: tuple[int, int, int], colours: dict[str, tuple[int, int, int]]) -> str:
    return min(
        colours, key=lambda k: sum((a - b) ** 2 for a, b in zip(pixel, colours[k], strict=True))
    )


def test_the_pdf_pages_are_a4_and_a_cell_measures_cell_mm(tmp_path: Path) -> None:
    # 7 cells of 30 mm: one A4 landscape page; floor from x = 1 to 6 between two walls
    reader = pypdf.PdfReader(_pdf(tmp_path, "#######\n#S...G#\n#######", 30.0))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_PT[::-1], abs=0.01)
    image = _page_image(reader, 0)
    per_mm = image.width / 297  # pixels per mm on paper
    y = round((MARGIN_MM + 1.5 * 30) * per_mm)  # through the middle of the floor row
    colours = {
        "wall": palette.WALL,
        "mortar": palette.WALL_EDGE,
        "white": (255, 255, 255),
        "floor": palette.FLOOR,
        "start": palette.START,
        "goal": palette.GOAL,
    }
    kinds = [_nearest(image.getpixel((x, y)), colours) for x in range(image.width)]  # type: ignore[arg-type]
    inside = [x for x, k in enumerate(kinds) if k not in ("wall", "mortar", "white")]
    first_floor, last_floor = inside[0], inside[-1]
    floor_mm = (last_floor + 1 - first_floor) / per_mm
    assert floor_mm == pytest.approx(5 * 30, abs=0.5), floor_mm  # 5 floor cells
    assert first_floor / per_mm == pytest.approx(MARGIN_MM + 30, abs=0.6)


FLOOR_COLOURS = {
    "floor": palette.FLOOR,
    "floor line": palette.FLOOR_LINE,
    "start": palette.START,
    "goal": palette.GOAL,
    "wall": palette.WALL,
    "light wall": LIGHT_WALL,
    "light mortar": theme.mix(LIGHT_WALL, palette.WALL, 0.18),
    "white": (255, 255, 255),
}


def _floor_mm(image: Image.Image, per_mm: float, y_mm: float) -> tuple[float, float]:
    """Where the floor starts on the row at ``y_mm`` of the page, and how long it is (mm)."""
    y = round(y_mm * per_mm)
    kinds = [_nearest(image.getpixel((x, y)), FLOOR_COLOURS) for x in range(image.width)]  # type: ignore[arg-type]
    inside = [x for x, k in enumerate(kinds) if k in ("floor", "floor line", "start", "goal")]
    return inside[0] / per_mm, (inside[-1] + 1 - inside[0]) / per_mm


def _luminance(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The mean grey level of a part of the page (0 black, 255 white: no ink)."""
    return float(ImageStat.Stat(image.convert("L").crop(box)).mean[0])


def test_light_walls_spend_less_ink_and_keep_the_cells_exact(tmp_path: Path) -> None:
    text = "#######\n#S...G#\n#######"
    full = _page_image(pypdf.PdfReader(_pdf(tmp_path, text, 30.0)), 0)
    light = _page_image(pypdf.PdfReader(_pdf(tmp_path, text, 30.0, walls="light")), 0)
    per_mm = light.width / 297
    start, length = _floor_mm(light, per_mm, MARGIN_MM + 45)
    assert length == pytest.approx(5 * 30, abs=0.5) and start == pytest.approx(40, abs=0.6)
    wall = tuple(round(v * per_mm) for v in (MARGIN_MM + 1, MARGIN_MM + 1, 38, 38))  # cell (0, 0)
    dark, pale = _luminance(full, wall), _luminance(light, wall)  # type: ignore[arg-type]
    assert dark < 90 and pale > 200, (dark, pale)
    # the bricks are still there, faint: the mortar lines are darker than the tint around them
    row = round((MARGIN_MM + 0.25 * 30) * per_mm)
    mortar = light.convert("L").getpixel((round((MARGIN_MM + 15) * per_mm), row))
    brick = light.convert("L").getpixel((round((MARGIN_MM + 15) * per_mm), row + 8))
    assert isinstance(mortar, int) and isinstance(brick, int)
    assert 150 < mortar < brick - 8, (mortar, brick)


def test_outlined_walls_are_white_with_a_thick_line_along_the_floor(tmp_path: Path) -> None:
    text = "#######\n#S...G#\n#######"
    image = _page_image(pypdf.PdfReader(_pdf(tmp_path, text, 30.0, walls="outline")), 0)
    per_mm = image.width / 297
    start, length = _floor_mm(image, per_mm, MARGIN_MM + 45)
    assert length == pytest.approx(5 * 30, abs=0.5) and start == pytest.approx(40, abs=0.6)
    # above the floor, down through the wall cell (2, 0): white, then the line, then the floor
    x = round((MARGIN_MM + 2.5 * 30) * per_mm)
    column = [
        _nearest(image.getpixel((x, y)), FLOOR_COLOURS)  # type: ignore[arg-type]
        for y in range(round((MARGIN_MM + 2) * per_mm), round((MARGIN_MM + 45) * per_mm))
    ]
    assert column[0] == "white" and column[-1] == "floor"
    line = [y for y, k in enumerate(column) if k == "wall"]
    assert line == list(range(line[0], line[-1] + 1))  # one solid line…
    assert len(line) / per_mm == pytest.approx(3.0, abs=0.5)  # …a tenth of the 30 mm cell
    assert (line[-1] + 1) / per_mm + 2 == pytest.approx(30, abs=0.5)  # drawn inside the wall
    corner = tuple(round(v * per_mm) for v in (MARGIN_MM + 1, MARGIN_MM + 1, 38, 38))
    assert _luminance(image, corner) > 250  # type: ignore[arg-type]  # no floor near: no ink


def test_cli_mat_prints_walls_as_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    challenge = tmp_path / "c.yaml"
    challenge.write_text(
        challenge_yaml(map="#######\n#S...G#\n#######", solution=[{"block": "move_forward"}] * 4),
        encoding="utf-8",
    )
    out = tmp_path / "mat.pdf"
    args = ["mat", str(challenge), "-o", str(out), "--cell-mm", "30", "--paper", "single"]
    wall = tuple(round(v * 100 / 25.4) for v in (MARGIN_MM + 5, MARGIN_MM + 5, 35, 35))
    grey = {}
    for walls in ("full", "light", "outline"):
        assert main([*args, "--dpi", "100", "--walls", walls]) == 0
        grey[walls] = _luminance(_page_image(pypdf.PdfReader(out), 0), wall)  # type: ignore[arg-type]
    assert grey["full"] < 90 < 200 < grey["light"] < 250 < grey["outline"], grey
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([*args, "--walls", "bold"])
    assert "invalid choice" in capsys.readouterr().err


def test_no_border_drops_the_ring_of_walls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    walled = board("######\n#S.*G#\n######", Heading.SOUTH)
    inner = without_border(walled)
    assert inner is not None and inner.grid.rows == ("S.*G",)
    assert inner.grid.start == (0, 0) and inner.grid.goals == {(3, 0)}
    assert inner.grid.gems == ((2, 0),) and inner.heading is Heading.SOUTH
    assert without_border(board("S..G")) is None  # no walls around: nothing to drop
    assert without_border(board("#####\n#S.G.\n#####")) is None  # an open cell on the edge

    challenge = tmp_path / "c.yaml"
    challenge.write_text(
        challenge_yaml(
            map="#######\n#S...G#\n#######",
            variants=[{"map": "#####\n#S.G.\n#####"}],
            solution=[{"block": "move_forward"}] * 4,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "mat.pdf"
    args = ["mat", str(challenge), "-o", str(out), "--cell-mm", "30", "--dpi", "100"]
    assert main([*args, "--no-border", "--paper", "single", "--lang", "en"]) == 0
    assert "mat 15 × 3 cm, 30 mm cells" in capsys.readouterr().out  # 5 x 1 cells, not 7 x 3
    reader = pypdf.PdfReader(out)
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx((150 + 20) * PT_PER_MM, abs=0.01)
    assert float(box.height) == pytest.approx((30 + 20) * PT_PER_MM, abs=0.01)
    image = _page_image(reader, 0)
    per_mm = image.width / 170
    start, length = _floor_mm(image, per_mm, MARGIN_MM + 15)
    assert start == pytest.approx(MARGIN_MM, abs=0.6)  # the floor starts at the mat's edge
    assert length == pytest.approx(150, abs=0.5)
    # the start arrow is on the first cell of the mat now
    arrow = image.getpixel((round((MARGIN_MM + 22) * per_mm), round((MARGIN_MM + 15) * per_mm)))
    assert _nearest(arrow, {"arrow": (80, 113, 140), "start": palette.START}) == "arrow"  # type: ignore[arg-type]
    # tiled: the assembly plan and the pages follow the smaller mat
    assert main([*args, "--no-border", "--cell-mm", "150"]) == 0
    playable = without_border(board("#######\n#S...G#\n#######"))
    assert playable is not None
    assert len(pypdf.PdfReader(out).pages) == plan_mat(playable, 150.0).sheets == 4
    capsys.readouterr()
    # a map whose edge is not all walls keeps it, and says so
    assert main([*args, "--no-border", "--variant", "1", "--paper", "single"]) == 0
    captured = capsys.readouterr()
    assert "n'est pas fait que de murs" in captured.err and "tapis de 15 × 9 cm" in captured.out


def test_a_tiled_pdf_has_the_plan_then_every_page(tmp_path: Path) -> None:
    text = "#####\n#S..#\n###.#\n###G#\n#####"
    reader = pypdf.PdfReader(_pdf(tmp_path, text, 150.0, dpi=60))
    plan = plan_mat(board(text), 150.0, "a4")
    assert len(reader.pages) == plan.sheets == 16
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_PT, abs=0.01
        )
    assert reader.metadata is not None and reader.metadata.title == "test/mat — Tapis"


def test_neighbouring_pages_show_the_same_strip_of_mat(tmp_path: Path) -> None:
    """The right strip of A1 and the left edge of B1 are the same part of the mat."""
    mat = board("#S......G#", Heading.EAST)
    plan = plan_mat(mat, 40.0, "a4")
    assert plan.cols == 2 and plan.rows == 1 and plan.has_cover
    first, second = list(render_pages(mat, plan, MatText("t/m", "M"), dpi=100))[1:]
    per_mm = first.width / plan.page_mm[0]
    step_w, _ = plan.step_mm
    y = round((MARGIN_MM + 20) * per_mm)
    for offset in (1.0, 4.0, 8.0):  # inside the overlap, away from the hatching's lines
        a = first.getpixel((round((MARGIN_MM + step_w + offset) * per_mm), y))
        b = second.getpixel((round((MARGIN_MM + offset) * per_mm), y))
        assert _nearest(a, {"f": palette.FLOOR, "w": palette.WALL, "s": palette.START}) == (
            _nearest(b, {"f": palette.FLOOR, "w": palette.WALL, "s": palette.START})
        )


def test_the_single_page_pdf_has_the_mat_size(tmp_path: Path) -> None:
    reader = pypdf.PdfReader(_pdf(tmp_path, "#S..G#\n######", 100.0, "single", dpi=50))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx((600 + 20) * PT_PER_MM, abs=0.01)
    assert float(box.height) == pytest.approx((200 + 20) * PT_PER_MM, abs=0.01)


def test_the_start_arrow_points_the_way_the_robot_faces(tmp_path: Path) -> None:
    for heading, (dx, dy) in {
        Heading.EAST: (1, 0),
        Heading.WEST: (-1, 0),
        Heading.NORTH: (0, -1),
        Heading.SOUTH: (0, 1),
    }.items():
        mat = board("...\n.S.\n...", heading)
        plan = plan_mat(mat, 60.0, "a4")
        picture = next(render_pages(mat, plan, MatText("t/m", "M"), dpi=100))
        per_mm = picture.width / plan.page_mm[0]
        cx, cy = (MARGIN_MM + 90) * per_mm, (MARGIN_MM + 90) * per_mm
        ahead = picture.getpixel((round(cx + dx * 15 * per_mm), round(cy + dy * 15 * per_mm)))
        behind = picture.getpixel((round(cx - dx * 15 * per_mm), round(cy - dy * 15 * per_mm)))
        arrow = {"arrow": (80, 113, 140), "start": palette.START}
        assert _nearest(ahead, arrow) == "arrow", heading  # type: ignore[arg-type]
        assert _nearest(behind, arrow) == "arrow", heading  # type: ignore[arg-type]
        side = picture.getpixel((round(cx + dy * 15 * per_mm), round(cy + dx * 15 * per_mm)))
        assert _nearest(side, arrow) == "start", heading  # type: ignore[arg-type]


def test_cli_mat_writes_a_pdf_and_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    challenge = tmp_path / "c.yaml"
    challenge.write_text(
        challenge_yaml(
            map="#####\n#S.G#\n#####",
            variants=[{"map": "######\n#S..G#\n######"}],
            solution=[{"block": "move_forward"}, {"block": "move_forward"}],
        ),
        encoding="utf-8",
    )
    out = tmp_path / "mat.pdf"
    args = ["mat", str(challenge), "-o", str(out), "--cell-mm", "40", "--dpi", "60"]
    assert main([*args, "--lang", "en"]) == 0
    assert "1 A4 page (landscape), mat 20 × 12 cm, 40 mm cells" in capsys.readouterr().out
    assert len(pypdf.PdfReader(out).pages) == 1
    assert main([*args, "--variant", "1", "--paper", "single"]) == 0
    assert "une seule page de 26 × 14 cm" in capsys.readouterr().out
    assert main([*args, "--variant", "2"]) == 2
    assert "pas de variante 2" in capsys.readouterr().err
    assert main(["mat", str(challenge), "-o", str(tmp_path / "no" / "dir" / "m.pdf")]) == 1
    err = capsys.readouterr().err
    assert "impossible d'écrire" in err and "Traceback" not in err
    assert not (tmp_path / "no").exists()
    assert main(["mat", "nope/none", "-o", str(out)]) == 2
    with pytest.raises(SystemExit):
        main([*args, "--cell-mm", "5"])


def test_a_bundled_challenge_prints(tmp_path: Path) -> None:
    zigzag = Path(__file__).resolve().parents[2] / "challenges" / "starter" / "zigzag.yaml"
    challenge = load_challenge(zigzag)
    plan = plan_mat(challenge.board, 150.0, "a4")
    path = tmp_path / "zigzag.pdf"
    write_mat(challenge.board, plan, path, MatText(challenge.id, "Zigzag", "en"), dpi=50)
    assert len(pypdf.PdfReader(path).pages) == plan.sheets


def test_mats_need_no_pygame() -> None:
    code = (
        "import sys\n"
        "from robolab.grid import parse_map\nfrom robolab.board import Board\n"
        "from robolab.vocabulary import Heading\n"
        "from simulator.mat import plan_mat, render_pages, MatText\n"
        "b = Board(parse_map('#S.G#'), Heading.EAST)\n"
        "list(render_pages(b, plan_mat(b, 50.0), MatText('a/b', 'c'), dpi=30))\n"
        "print('pygame' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
