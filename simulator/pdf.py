"""A minimal PDF writer: one JPEG picture per page, each page at an exact size in millimetres.

Pillow can write PDFs too, but it keeps every page in memory until the end and derives the page
size from the pixel count. A floor mat can be forty A4 pages, and its size must be exact, so this
writer streams: each page's JPEG goes to the file as soon as it is drawn, and the page box is
the paper size itself (the picture is stretched to it, a fraction of a pixel at most).
"""

from __future__ import annotations

import io
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from PIL import Image

MM_TO_PT = 72 / 25.4
MAX_PAGE_MM = 14400 / MM_TO_PT  # PDF viewers refuse pages over 200 inches (about 5 m)


class PdfWriter:
    """Writes pages to ``path``; use as a context manager, then call :meth:`add_page` per page."""

    def __init__(self, path: str | Path, *, title: str = "", quality: int = 90) -> None:
        self.path = Path(path)
        self.title = title
        self.quality = quality
        self._file: BinaryIO = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        self._offsets: dict[int, int] = {}
        self._pages: list[int] = []
        self._next = 3  # 1: catalog, 2: page tree (written at the end)
        self._out(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def __enter__(self) -> PdfWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:  # leave no half-written file behind
            self._file.close()
            self.path.unlink(missing_ok=True)

    def add_page(self, picture: Image.Image, width_mm: float, height_mm: float) -> None:
        """Adds a page of ``width_mm`` x ``height_mm`` filled by ``picture`` (RGB)."""
        buffer = io.BytesIO()
        picture.convert("RGB").save(buffer, "JPEG", quality=self.quality, optimize=True)
        data = buffer.getvalue()
        width, height = width_mm * MM_TO_PT, height_mm * MM_TO_PT
        image = self._object(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>"
            % (picture.width, picture.height, len(data)),
            data,
        )
        content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (width, height)
        contents = self._object(b"<< /Length %d >>" % len(content), content)
        page = self._object(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> /ProcSet [/PDF /ImageC] >> >>"
            % (width, height, contents, image)
        )
        self._pages.append(page)

    def close(self) -> None:
        kids = b" ".join(b"%d 0 R" % p for p in self._pages)
        self._object(
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self._pages)), number=2
        )
        self._object(b"<< /Type /Catalog /Pages 2 0 R >>", number=1)
        info = self._object(b"<< /Title %s /Producer (RoboLab) >>" % _text(self.title))
        start = self._file.tell()
        size = self._next
        lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
        lines += [b"%010d 00000 n \n" % self._offsets[n] for n in range(1, size)]
        self._out(b"".join(lines))
        self._out(
            b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, info, start)
        )
        self._file.close()

    def _object(self, head: bytes, stream: bytes | None = None, *, number: int = 0) -> int:
        if not number:
            number = self._next
            self._next += 1
        self._offsets[number] = self._file.tell()
        self._out(b"%d 0 obj\n%s\n" % (number, head))
        if stream is not None:
            self._out(b"stream\n" + stream + b"\nendstream\n")
        self._out(b"endobj\n")
        return number

    def _out(self, data: bytes) -> None:
        self._file.write(data)


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16 with a byte order mark, written in hex (no escaping needed)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"
