"""Fonts, paragraph styles, page sizes and page geometry of the receipts.

The fonts are TrueType files from ``resources/fonts`` embedded into every PDF:
the PDF base-14 fonts have no glyphs beyond Latin-1 on many printers' drivers,
and a receipt that prints "Nu?ez" instead of "Núñez" names the wrong person.

Three page sizes: US letter and A4 for office printers, and ``thermal80`` for
the 80 mm roll printers in patrol vehicles and booths: 80 mm wide pages with
72 mm printable, 297 mm long (the roll printers' usual "80 x 297 mm" paper
size), laid out in one column.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Literal, get_args

from reportlab.lib.colors import HexColor  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from fieldapp.resources import resources_dir

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FONT_MONO",
    "PAGE_SIZES",
    "Geometry",
    "PageSize",
    "Styles",
    "geometry",
    "page_dimensions",
    "register_fonts",
    "styles",
]

FONT = "FieldappSans"
FONT_BOLD = "FieldappSans-Bold"
FONT_MONO = "FieldappMono"
# Own names rather than "DejaVuSans": another library in the same process may
# register a different file under the common name, and reportlab's registry is global.
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_MONO: "DejaVuSansMono.ttf",
}

PageSize = Literal["letter", "a4", "thermal80"]
PAGE_SIZES: tuple[str, ...] = get_args(PageSize)
"""Every supported page size, for command-line choices and settings lists."""

_THERMAL_WIDTH = 80 * mm
_THERMAL_LENGTH = 297 * mm

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the receipt fonts with reportlab, once per process.

    Parsing a TrueType file takes tens of milliseconds, which would dominate the
    rendering time of a short receipt, so it is done only on the first call.
    """
    global _registered
    # The lock keeps two threads (e.g. the UI preview and a print job) from
    # registering half a font family each.
    with _lock:
        if _registered:
            return
        fonts = resources_dir() / "fonts"
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(fonts / filename)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        _registered = True


def page_dimensions(page_size: PageSize) -> tuple[float, float]:
    """Width and height in points of a supported page size."""
    if page_size == "letter":
        width, height = LETTER
    elif page_size == "a4":
        width, height = A4
    elif page_size == "thermal80":
        width, height = _THERMAL_WIDTH, _THERMAL_LENGTH
    else:  # Literal guards typed callers; the CLI and settings pass user text.
        raise ValueError(
            f"unsupported page size {page_size!r}; use {', '.join(map(repr, PAGE_SIZES))}"
        )
    return float(width), float(height)


@dataclass(frozen=True)
class Geometry:
    """Where things go on one page size: margins, the QR code's size, one or two columns."""

    width: float
    height: float
    margin_x: float
    margin_y: float
    qr_size: float
    compact: bool
    """One stacked column (the 80 mm roll) instead of side-by-side blocks."""

    @property
    def frame_width(self) -> float:
        """Width of the text between the side margins."""
        return self.width - 2 * self.margin_x


def geometry(page_size: PageSize) -> Geometry:
    """The geometry of a supported page size."""
    width, height = page_dimensions(page_size)
    if page_size == "thermal80":
        # 4 mm each side leaves the 72 mm that 80 mm roll printers can reach;
        # a 24 mm code still has modules of 0.4 mm, three dots of a 203 dpi head.
        return Geometry(width, height, 4 * mm, 5 * mm, 24 * mm, compact=True)
    return Geometry(width, height, 15 * mm, 15 * mm, 30 * mm, compact=False)


class Styles:
    """The paragraph styles of one layout (plain attributes for mypy's sake)."""

    def __init__(self, compact: bool = False) -> None:
        register_fonts()
        grey = HexColor("#444444")
        # The roll is 72 mm wide: a point less everywhere keeps labels on one line.
        d = 0.5 if compact else 0.0
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=8 - d, leading=10 - d)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7 - d, leading=8.6 - d)
        self.label = ParagraphStyle(
            "label", parent=self.body, fontSize=6.5 - d, leading=8 - d, textColor=grey
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=7.5 - d, leading=9 - d)
        self.head = ParagraphStyle(
            "head", parent=self.body, fontName=FONT_BOLD, fontSize=7 - d, leading=8.5 - d
        )
        self.section = ParagraphStyle(
            "section",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=9.5 - 2 * d,
            leading=12 - 2 * d,
            spaceBefore=7 - 2 * d,
            spaceAfter=3,
        )
        self.mono = ParagraphStyle(
            "mono", parent=self.body, fontName=FONT_MONO, fontSize=7.5 - 2 * d
        )


@functools.cache
def styles(compact: bool = False) -> Styles:
    """The shared styles of a layout, made once per process (styles are never modified)."""
    return Styles(compact)
