"""Fonts, paragraph styles and page sizes of the custody receipt.

The fonts are TrueType files from ``resources/fonts`` embedded into every PDF:
the PDF base-14 fonts have no glyphs beyond Latin-1 on many printers' drivers,
and a receipt that prints "Nu?ez" instead of "Núñez" names the wrong person.
"""

from __future__ import annotations

import threading
from typing import Literal

from reportlab.lib.colors import HexColor  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from fieldapp.resources import resources_dir

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FONT_MONO",
    "PageSize",
    "Styles",
    "page_dimensions",
    "register_fonts",
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

PageSize = Literal["letter", "a4"]

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
    else:  # Literal guards typed callers; the CLI passes user text.
        raise ValueError(f"unsupported page size {page_size!r}; use 'letter' or 'a4'")
    return float(width), float(height)


class Styles:
    """The paragraph styles of one receipt (plain attributes for mypy's sake)."""

    def __init__(self) -> None:
        register_fonts()
        grey = HexColor("#444444")
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7, leading=8.6)
        self.label = ParagraphStyle(
            "label", parent=self.body, fontSize=6.5, leading=8, textColor=grey
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=7.5, leading=9)
        self.head = ParagraphStyle(
            "head", parent=self.body, fontName=FONT_BOLD, fontSize=7, leading=8.5
        )
        self.section = ParagraphStyle(
            "section",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,  # a heading never ends a page without its table
        )
        self.mono = ParagraphStyle("mono", parent=self.body, fontName=FONT_MONO, fontSize=7.5)
