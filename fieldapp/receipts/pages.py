"""Page furniture shared by every receipt: header, "page x of y", preview watermark; the build.

The header repeats on every page so that a loose page still names its receipt.
The page count is known only at the end, so pages are held back and numbered
when the document is saved. A preview carries a diagonal watermark on every
page, drawn over the content so that it cannot be cut off or covered.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate  # type: ignore[import-untyped]

from fieldapp.errors import KnownError
from fieldapp.receipts import labels as L
from fieldapp.receipts.layout import FONT, FONT_BOLD, Geometry

__all__ = ["Furniture", "ReceiptRefused", "build_pdf"]

RED = colors.HexColor("#b00020")

# Letter and A4: the header is a fixed band; the numbers sit right, under the page count.
_WIDE_HEADER = 25 * 72 / 25.4


class ReceiptRefused(KnownError):
    """The record lacks a value the receipt must show; the message names the item and field."""


@dataclass(frozen=True)
class _Line:
    """One line of the stacked (80 mm) header."""

    text: str
    font: str
    size: float
    leading: float


@dataclass(frozen=True)
class Furniture:
    """What every page of one receipt carries besides its content."""

    geometry: Geometry
    agency: str
    title: tuple[str, str]
    numbers: Sequence[tuple[str, str]]
    """(bilingual label, value) pairs: receipt number, seizure number, ..."""
    copy_number: int = 0
    preview: bool = False

    # -- header size

    @functools.cached_property
    def _stacked_lines(self) -> list[_Line]:
        # Measured once per receipt: the header is drawn, and counted, on every page.
        width = self.geometry.frame_width
        lines = [
            _Line(text, FONT_BOLD, 6.5, 8)
            for text in simpleSplit(self.agency, FONT_BOLD, 6.5, width)
        ]
        lines.append(_Line(self.title[0], FONT_BOLD, 8.5, 11))
        lines.append(_Line(self.title[1], FONT, 7.5, 9.5))
        for label, value in self.numbers:
            lines += [
                _Line(text, FONT, 6.5, 8)
                for text in simpleSplit(f"{label}: {value}", FONT, 6.5, width)
            ]
        return lines

    @property
    def header_height(self) -> float:
        """Height of the header band at the top of every page."""
        if not self.geometry.compact:
            return _WIDE_HEADER
        lines = sum(line.leading for line in self._stacked_lines)
        copy_box = 20 if self.copy_number > 0 else 0
        return lines + copy_box + 8 + 10  # page count line and the rule

    # -- drawing

    def draw_header(self, canvas: Any, doc: Any) -> None:
        """Page callback of the document template."""
        canvas.saveState()
        if self.geometry.compact:
            self._draw_stacked(canvas)
        else:
            self._draw_wide(canvas)
        canvas.restoreState()

    def _draw_wide(self, canvas: Any) -> None:
        g = self.geometry
        top = g.height - g.margin_y
        left, right = g.margin_x, g.width - g.margin_x
        # The bilingual agency name can be long; shrink it to one line rather than
        # let it run into the numbers on the right.
        size = 9.0
        while size > 6 and stringWidth(self.agency, FONT_BOLD, size) > right - left:
            size -= 0.5
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(left, top - 9, self.agency)
        canvas.setFont(FONT_BOLD, 12)
        canvas.drawString(left, top - 25, self.title[0])
        canvas.setFont(FONT, 10)
        canvas.drawString(left, top - 38, self.title[1])
        canvas.setFont(FONT, 7.5)
        # Numbers sit below the page count, clear of the two title lines.
        y = top - 58 + 11 * (len(self.numbers) - 1)
        for label, value in self.numbers:
            canvas.drawRightString(right, y, f"{label}: {value}")
            y -= 11
        if self.copy_number > 0:
            self._copy_box(canvas, left, top - 62)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.line(left, top - _WIDE_HEADER + 2, right, top - _WIDE_HEADER + 2)

    def _draw_stacked(self, canvas: Any) -> None:
        g = self.geometry
        y = g.height - g.margin_y
        left, right = g.margin_x, g.width - g.margin_x
        for line in self._stacked_lines:
            y -= line.leading
            canvas.setFont(line.font, line.size)
            canvas.drawString(left, y + (line.leading - line.size) / 2, line.text)
        y -= 8  # the page count goes here, drawn when the total is known
        if self.copy_number > 0:
            y -= 20
            self._copy_box(canvas, left, y + 2)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.line(left, y - 4, right, y - 4)

    def _copy_box(self, canvas: Any, x: float, y: float) -> None:
        # A reprint must not pass for the original handed over on the spot.
        text = f"{L.LABELS['copy'][0]} / {L.LABELS['copy'][1]} {self.copy_number}"
        size = 11 if self.geometry.compact else 13
        box_width = stringWidth(text, FONT_BOLD, size) + 12
        canvas.setFont(FONT_BOLD, size)
        canvas.setStrokeColor(RED)
        canvas.setFillColor(RED)
        canvas.setLineWidth(1.5)
        canvas.rect(x, y, box_width, size + 6, stroke=1, fill=0)
        canvas.drawString(x + 6, y + 5, text)

    def draw_page_number(self, canvas: Any, number: int, total: int) -> None:
        """Print "Page x of y" in the header and at the foot of a finished page."""
        g = self.geometry
        english, spanish = L.LABELS["page"]
        of_en, of_es = L.LABELS["of"]
        text = f"{english} {number} {of_en} {total} / {spanish} {number} {of_es} {total}"
        right = g.width - g.margin_x
        canvas.saveState()
        if g.compact:
            below_lines = sum(line.leading for line in self._stacked_lines)
            canvas.setFont(FONT_BOLD, 6.5)
            canvas.drawString(g.margin_x, g.height - g.margin_y - below_lines - 7, text)
            canvas.setFont(FONT, 6)
            canvas.drawRightString(right, g.margin_y - 9, text)
        else:
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawRightString(right, g.height - g.margin_y - 25, text)
            canvas.setFont(FONT, 6.5)
            canvas.drawRightString(right, g.margin_y - 14, text)
        canvas.restoreState()

    def draw_watermark(self, canvas: Any) -> None:
        """The diagonal "preview, not a receipt" text across a whole page."""
        g = self.geometry
        english, spanish = L.LABELS["preview"]
        angle = math.atan2(g.height, g.width)
        cos, sin = math.cos(angle), math.sin(angle)
        # The largest size at which both lines, turned along the diagonal, stay
        # on the page: the turned block's bounding box must fit width and height.
        long = max(stringWidth(text, FONT_BOLD, 1) for text in (english, spanish))
        deep = 2.3
        size = 0.9 * min(
            g.width / (long * cos + deep * sin), g.height / (long * sin + deep * cos), 64 / 0.9
        )
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setFillAlpha(0.28)
        canvas.translate(g.width / 2, g.height / 2)
        canvas.rotate(math.degrees(angle))
        canvas.setFont(FONT_BOLD, size)
        canvas.drawCentredString(0, 0.15 * size, english)
        canvas.drawCentredString(0, -1.05 * size, spanish)
        canvas.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until the end so each can print "Page x of y"."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # camelCase: overrides reportlab's method
        """Keep the finished page's state instead of writing it out."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Write every kept page with its page number (and watermark), then the file."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture.draw_page_number(self, number, total)
            if self._furniture.preview:
                self._furniture.draw_watermark(self)
            super().showPage()
        super().save()


def build_pdf(story: list[Any], furniture: Furniture, *, title: str, author: str) -> bytes:
    """Lay ``story`` out on pages with ``furniture`` and return the PDF bytes."""
    g = furniture.geometry
    top = g.margin_y + furniture.header_height
    bottom = g.margin_y + (4 if g.compact else 0)
    frame = Frame(
        g.margin_x,
        bottom,
        g.frame_width,
        g.height - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=4,
        bottomPadding=4,
        id="body",
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(g.width, g.height),
        leftMargin=g.margin_x,
        rightMargin=g.margin_x,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        creator="fieldapp",
        # Fixed dates and ids in the file, so equal inputs give equal bytes and the
        # recorded hash of a printed receipt can be reproduced.
        invariant=1,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=furniture.draw_header)],
    )

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, furniture=furniture, **kwargs)

    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()
