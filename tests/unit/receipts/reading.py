"""Reading a receipt PDF back as a person or a phone would: its text, pictures, QR code, size.

Text comes from pypdf with whitespace collapsed (labels wrap in narrow table
columns); the QR code is decoded from a page rendered by pdfium and read with
zxing-cpp, as HQ's phone would read the paper.
"""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pypdfium2 as pdfium
import zxingcpp

MM = 72 / 25.4


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text, whitespace collapsed to single spaces."""
    return [" ".join(page.extract_text().split()) for page in _reader(pdf).pages]


def all_text(pdf: bytes) -> str:
    """Every page's text, one page per line."""
    return "\n".join(pages_text(pdf))


def image_counts(pdf: bytes) -> list[int]:
    """How many image XObjects each page draws."""
    counts = []
    for page in _reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        xobjects: Any = resources.get("/XObject") or {}
        counts.append(
            sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
        )
    return counts


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of each page, in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in _reader(pdf).pages]


def qr_codes(pdf: bytes, page: int = 0, scale: float = 3) -> list[str]:
    """The text of every QR code found on a rendered page."""
    image = pdfium.PdfDocument(pdf)[page].render(scale=scale).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def _reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))
