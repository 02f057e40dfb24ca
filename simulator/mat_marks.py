"""What is printed around the map on each sheet, and the assembly plan that comes first.

Every page: its label (``B2``), what it is (challenge, cell size, page n of m), a 10 cm bar to
check the printer did not scale the page, and the seams: a dotted cut line on the left/top edge
when there is a page before it, a hatched overlap strip on the right/bottom edge when there is a
page after it ("C2 goes here"), and half-triangles in the margins on both sides of each seam.

Text sits between 4 and 9 mm from the paper's edge (most printers cannot print the outer 3–5 mm).
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from robolab.board import Board
from robolab.messages import translate
from simulator.mat_layout import MatPlan, MatText, Page, cm, column_name
from simulator.mat_tiles import WallStyle, draw_region

INK = (40, 40, 48)
HATCH = (150, 150, 160)
WHITE = (255, 255, 255)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


class Sheet:
    """A page picture addressed in millimetres from its top-left corner."""

    def __init__(self, picture: Image.Image, scale: float) -> None:
        self.picture = picture
        self.scale = scale  # pixels per mm
        self.pen = ImageDraw.Draw(picture)

    def px(self, mm: float) -> int:
        return round(mm * self.scale)

    def font(self, mm: float) -> Font:
        return font(max(6, self.px(mm)))

    def text(self, x: float, y: float, words: str, size: float, width: float = 0.0) -> float:
        """Writes ``words`` with its top-left at ``(x, y)``, smaller if needed to fit ``width``;
        returns the width used (mm)."""
        face = self.font(size)
        used = self.pen.textlength(words, font=face) / self.scale
        if width and used > width:
            size = max(1.6, size * width / used)
            face = self.font(size)
            used = self.pen.textlength(words, font=face) / self.scale
        self.pen.text((self.px(x), self.px(y)), words, fill=INK, font=face)
        return used

    def lines(self, x: float, y: float, words: str, size: float, width: float) -> float:
        """Writes ``words`` wrapped to ``width``; returns where the next line would start (mm)."""
        face = self.font(size)
        line = ""
        for word in words.split():
            wider = f"{line} {word}".strip()
            if line and self.pen.textlength(wider, font=face) / self.scale > width:
                self.pen.text((self.px(x), self.px(y)), line, fill=INK, font=face)
                y += size * 1.35
                line = word
            else:
                line = wider
        if line:
            self.pen.text((self.px(x), self.px(y)), line, fill=INK, font=face)
            y += size * 1.35
        return y

    def scale_bar(self, x: float, y: float, lang: str) -> None:
        """A 10 cm bar: if it does not measure 10 cm on paper, the printer scaled the page."""
        top, bottom = self.px(y), self.px(y + 1.6)
        self.pen.rectangle((self.px(x), top, self.px(x + 100), bottom), outline=INK, width=1)
        for n in range(0, 10, 2):
            self.pen.rectangle(
                (self.px(x + n * 10), top, self.px(x + n * 10 + 10), bottom), fill=INK
            )
        self.text(x + 102, y - 0.5, translate("mat.scale", "en" if lang == "en" else "fr"), 2.4)


def draw_page_marks(sheet: Sheet, plan: MatPlan, page: Page, number: int, text: MatText) -> None:
    m = plan.margin_mm
    x0, y0, x1, y1 = page.region
    right, bottom = m + (x1 - x0), m + (y1 - y0)
    sheet.pen.rectangle(
        (sheet.px(m) - 1, sheet.px(m) - 1, sheet.px(right), sheet.px(bottom)), outline=INK, width=1
    )
    if plan.paper != "single":
        _seams(sheet, plan, page, right, bottom)
    _labels(sheet, plan, page, number, text)


def _labels(sheet: Sheet, plan: MatPlan, page: Page, number: int, text: MatText) -> None:
    lang = text.lang
    m = plan.margin_mm
    page_w, page_h = plan.page_mm
    x = m + 5  # clear of the cut line and of the half-triangles
    used = sheet.text(x, 3.8, page.label, 5.0)
    if plan.paper == "single":
        info = translate(
            "mat.single_info",
            lang,
            challenge=text.challenge,
            title=text.title,
            cell=f"{plan.cell_mm:g}",
            w=cm(plan.width_mm),
            h=cm(plan.height_mm),
        )
    else:
        info = translate(
            "mat.page_info",
            lang,
            challenge=text.challenge,
            title=text.title,
            cell=f"{plan.cell_mm:g}",
            paper=plan.paper.upper(),
            orientation=translate(f"mat.{plan.orientation}", lang),
            n=number,
            count=len(plan.pages),
            col=column_name(page.col),
            row=page.row + 1,
        )
    start = x + used + 3
    sheet.text(start, 5.2, info, 2.8, width=page_w - m - 5 - start)
    sheet.scale_bar(x, page_h - 8.6, lang)


def _seams(sheet: Sheet, plan: MatPlan, page: Page, right: float, bottom: float) -> None:
    m = plan.margin_mm
    page_w, page_h = plan.page_mm
    step_w, step_h = plan.step_mm
    if page.col > 0:  # cut here, then lay this edge on the left page's strip
        _dashed(sheet, (m, 0), (m, page_h))
        for y in (m / 2, page_h - m / 2):
            _triangle(sheet, (m, y), "right")
    if page.row > 0:
        _dashed(sheet, (0, m), (page_w, m))
        for x in (m / 2, page_w - m / 2):
            _triangle(sheet, (x, m), "down")
    if page.col < plan.cols - 1:  # the next page is laid on this strip
        strip = m + step_w
        _hatch(sheet, (strip, m, right, bottom))
        sheet.pen.line((sheet.px(strip), 0, sheet.px(strip), sheet.px(page_h)), fill=INK, width=1)
        for y in (m / 2, page_h - m / 2):
            _triangle(sheet, (strip, y), "left")
        neighbour = f"{column_name(page.col + 1)}{page.row + 1}"
        _strip_label(sheet, plan, (strip, m, right, bottom), neighbour, vertical=True)
    if page.row < plan.rows - 1:
        strip = m + step_h
        _hatch(sheet, (m, strip, right, bottom))
        sheet.pen.line((0, sheet.px(strip), sheet.px(page_w), sheet.px(strip)), fill=INK, width=1)
        for x in (m / 2, page_w - m / 2):
            _triangle(sheet, (x, strip), "up")
        neighbour = f"{column_name(page.col)}{page.row + 2}"
        _strip_label(sheet, plan, (m, strip, right, bottom), neighbour, vertical=False)


def _dashed(sheet: Sheet, start: tuple[float, float], end: tuple[float, float]) -> None:
    (ax, ay), (bx, by) = start, end
    length = math.hypot(bx - ax, by - ay)
    dash = 3.0
    for i in range(int(length // (2 * dash)) + 1):
        t0, t1 = 2 * i * dash / length, min(1.0, (2 * i + 1) * dash / length)
        points = (
            ax + (bx - ax) * t0,
            ay + (by - ay) * t0,
            ax + (bx - ax) * t1,
            ay + (by - ay) * t1,
        )
        sheet.pen.line([sheet.px(v) for v in points], fill=INK, width=max(1, sheet.px(0.3)))


def _triangle(sheet: Sheet, at: tuple[float, float], side: str) -> None:
    """Half of an alignment triangle, on one side of a seam through ``at``: the page laid on
    top shows the other half, and together they make a whole triangle."""
    x, y = at
    s = 3.0
    shapes = {
        "left": [(x, y - s), (x, y + s), (x - s, y)],
        "right": [(x, y - s), (x, y + s), (x + s, y)],
        "up": [(x - s, y), (x + s, y), (x, y - s)],
        "down": [(x - s, y), (x + s, y), (x, y + s)],
    }
    sheet.pen.polygon([(sheet.px(a), sheet.px(b)) for a, b in shapes[side]], fill=INK)


def _hatch(sheet: Sheet, box: tuple[float, float, float, float]) -> None:
    """Diagonal lines over an overlap strip: it will be covered by the next page."""
    x0, y0, x1, y1 = (sheet.px(v) for v in box)
    strip = Image.new("RGB", (max(1, x1 - x0), max(1, y1 - y0)), WHITE)
    pen = ImageDraw.Draw(strip)
    gap, width = sheet.px(4), max(1, sheet.px(0.4))
    for d in range(-strip.height, strip.width, gap):
        pen.line((d, 0, d + strip.height, strip.height), fill=HATCH, width=width)
    region = sheet.picture.crop((x0, y0, x1, y1))
    sheet.picture.paste(Image.blend(region, strip, 0.55), (x0, y0))


def _strip_label(
    sheet: Sheet,
    plan: MatPlan,
    box: tuple[float, float, float, float],
    neighbour: str,
    *,
    vertical: bool,
) -> None:
    """ "C2 se pose ici / C2 goes here" across the strip (both languages: pages get mixed up)."""
    words = " / ".join(translate("mat.goes_here", lang, label=neighbour) for lang in ("fr", "en"))
    size = min(4.0, plan.overlap_mm * 0.45)
    face = sheet.font(size)
    label = Image.new(
        "RGB", (round(sheet.pen.textlength(words, font=face)) + 8, sheet.px(size) + 8), WHITE
    )
    ImageDraw.Draw(label).text((4, 2), words, fill=INK, font=face)
    if vertical:
        label = label.rotate(90, expand=True)
    x0, y0, x1, y1 = (sheet.px(v) for v in box)
    if label.width <= x1 - x0 + 2 and label.height <= y1 - y0 + 2:
        centre = ((x0 + x1 - label.width) // 2, (y0 + y1 - label.height) // 2)
        sheet.picture.paste(label, centre)


# --- the assembly plan --------------------------------------------------------------------------


def draw_cover(
    sheet: Sheet, board: Board, plan: MatPlan, text: MatText, walls: WallStyle = "full"
) -> None:
    """The first sheet: the whole mat in small with the pages drawn on it, and how to assemble."""
    lang = text.lang
    m = plan.margin_mm
    page_w, page_h = plan.page_mm
    x, width = m + 5, page_w - 2 * m - 10
    sheet.text(x, m, f"{text.challenge} — {text.title}", 7.0, width=width)
    info = translate(
        "mat.cover_info",
        lang,
        w=cm(plan.width_mm),
        h=cm(plan.height_mm),
        cell=f"{plan.cell_mm:g}",
        pages=len(plan.pages),
        paper=plan.paper.upper(),
        orientation=translate(f"mat.{plan.orientation}", lang),
        cols=plan.cols,
        rows=plan.rows,
    )
    sheet.text(x, m + 10, info, 3.6, width=width)
    steps = [translate(f"mat.step{n}", lang) for n in range(1, 6)]
    face = 3.4
    needed = (
        sum(
            math.ceil(sheet.pen.textlength(s, font=sheet.font(face)) / sheet.scale / width) + 0.4
            for s in steps
        )
        * face
        * 1.35
    )
    top, bottom = m + 18, page_h - m - 8 - needed
    _overview(sheet, board, plan, (x, top, x + width, bottom), walls)
    y = bottom + 4
    for n, step in enumerate(steps, 1):
        y = sheet.lines(x, y, f"{n}. {step}", face, width) + face * 0.4
    sheet.scale_bar(x, page_h - 8.6, lang)


def _overview(
    sheet: Sheet,
    board: Board,
    plan: MatPlan,
    box: tuple[float, float, float, float],
    walls: WallStyle = "full",
) -> None:
    """The mat fitted in ``box`` (mm), each page's own part outlined and labelled."""
    bx0, by0, bx1, by1 = box
    fit = min((bx1 - bx0) / plan.width_mm, (by1 - by0) / plan.height_mm)  # paper mm per mat mm
    w, h = plan.width_mm * fit, plan.height_mm * fit
    ox, oy = bx0 + (bx1 - bx0 - w) / 2, by0 + (by1 - by0 - h) / 2
    scale = sheet.scale * fit  # pixels per mat mm
    draw_region(
        sheet.picture,
        board,
        (0.0, 0.0, plan.width_mm, plan.height_mm),
        plan.cell_mm,
        scale,
        offset=(sheet.px(ox), sheet.px(oy)),
        walls=walls,
    )
    step_w, step_h = plan.step_mm
    face = sheet.font(max(3.0, min(8.0, step_h * fit * 0.3)))
    for page in plan.pages:
        left, top = page.col * step_w, page.row * step_h
        last_col, last_row = page.col == plan.cols - 1, page.row == plan.rows - 1
        right = plan.width_mm if last_col else left + step_w
        low = plan.height_mm if last_row else top + step_h
        rect = (
            sheet.px(ox + left * fit),
            sheet.px(oy + top * fit),
            sheet.px(ox + right * fit),
            sheet.px(oy + low * fit),
        )
        sheet.pen.rectangle(rect, outline=WHITE, width=max(3, sheet.px(0.6)))
        sheet.pen.rectangle(rect, outline=INK, width=max(1, sheet.px(0.2)))
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        sheet.pen.text(
            (cx, cy),
            page.label,
            fill=INK,
            font=face,
            anchor="mm",
            stroke_width=2,
            stroke_fill=WHITE,
        )


def font(size: int) -> Font:
    """A sans font with the French accents at ``size`` pixels, cached.

    pygame-ce (a RoboLab dependency) ships FreeSans Bold; it is found without importing pygame.
    Pillow's own default font lacks accents, so it is the last resort.
    """
    cached = _FONTS.get(size)
    if cached is None:
        cached = _load_font(size)
        _FONTS[size] = cached
    return cached


def _load_font(size: int) -> Font:
    for path in _font_files():
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)  # pragma: no cover - no font file anywhere


def _font_files() -> list[Path]:
    found = []
    spec = importlib.util.find_spec("pygame")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found.append(Path(folder) / "freesansbold.ttf")
    found.append(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    return [p for p in found if p.is_file()]


_FONTS: dict[int, Font] = {}
