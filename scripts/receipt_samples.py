"""Render the sample receipt images in docs/receipts/ from synthetic records.

    uv run python scripts/receipt_samples.py [--out DIR]

Every image comes from fixed synthetic records and signatures
(``fieldapp.receipts.samples``) and a fixed print time, so running it again
gives the same pictures: a 12-item receipt (pages 1 and 2), a receipt with
currency in two currencies, one the person declined to sign, a custody
transfer receipt, and the 80 mm roll layout (its first page and the page with
the signatures).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from fieldapp.receipts import render_receipt, render_transfer_receipt
from fieldapp.receipts.samples import (
    ISSUED_AT,
    sample_seizure,
    sample_signatures,
    sample_transfer,
)
from fieldapp.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
RECEIPT = "US-PHR-DEMO0-R000042"
HASH = "0f" * 16 + "a1" * 16
URL = "https://hq.example.org/"
# Points to pixels: letter pages come out 918 pixels wide, the 80 mm roll 567.
LETTER_SCALE = 1.5
TRANSFER_PRINTED_AT = datetime(2026, 9, 2, 14, 40, tzinfo=UTC)
ROLL_SCALE = 2.5


def _common(**overrides: Any) -> dict[str, Any]:
    common: dict[str, Any] = {
        "receipt_number": RECEIPT,
        "record_hash": HASH,
        "issued_at": ISSUED_AT,
        "verify_url": URL,
    }
    common.update(overrides)
    return common


def samples() -> dict[str, tuple[bytes, list[int | str], float]]:
    """Sample name -> (PDF, the pages to save, scale).

    A page is its 0-based index, or a text it shows (the first page that does).
    """
    reference = load_reference()
    twelve = sample_seizure(12)
    four = sample_seizure(4)
    two = sample_seizure(2)
    render: Callable[..., bytes] = render_receipt
    return {
        "sample-receipt": (
            render(
                twelve,
                None,
                [sample_transfer(twelve)],
                reference,
                signatures=sample_signatures(),
                copy_handed_over=True,
                **_common(),
            ),
            [0, 1],
            LETTER_SCALE,
        ),
        "sample-receipt-two-currencies": (
            render(
                four, None, [], reference, signatures=sample_signatures(), **_common(page_size="a4")
            ),
            [0],
            LETTER_SCALE,
        ),
        "sample-receipt-declined": (
            render(
                two,
                None,
                [],
                reference,
                signatures=sample_signatures(person="declined"),
                copy_handed_over=True,
                **_common(copy_number=1),
            ),
            ["DECLINED TO SIGN"],
            LETTER_SCALE,
        ),
        "sample-transfer-receipt": (
            render_transfer_receipt(
                sample_transfer(twelve, sequence=2, seal_intact=False),
                twelve,
                reference,
                signatures=sample_signatures(roles=("released_by", "received_by")),
                # Printed at the hand-over, after the transfer it records.
                **_common(receipt_number="US-PHR-DEMO0-R000043", issued_at=TRANSFER_PRINTED_AT),
            ),
            [0],
            LETTER_SCALE,
        ),
        "sample-receipt-thermal": (
            render(
                twelve,
                None,
                [sample_transfer(twelve)],
                reference,
                signatures=sample_signatures(person="declined"),
                copy_handed_over=True,
                **_common(page_size="thermal80"),
            ),
            [0, "DECLINED TO SIGN"],
            ROLL_SCALE,
        ),
    }


def _page_showing(document: pdfium.PdfDocument, text: str) -> int:
    for index in range(len(document)):
        if text in document[index].get_textpage().get_text_range():
            return index
    raise LookupError(f"no page shows {text!r}")


def main() -> None:
    """Write the PNG files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "receipts")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (pdf, pages, scale) in samples().items():
        document = pdfium.PdfDocument(pdf)
        for page in pages:
            index = page if isinstance(page, int) else _page_showing(document, page)
            if len(pages) == 1:
                suffix = ""
            elif isinstance(page, str):
                # Named by what it shows: its page number moves with the layout.
                suffix = "-signatures"
            else:
                suffix = f"-page{index + 1}"
            target = args.out / f"{name}{suffix}.png"
            document[index].render(scale=scale).to_pil().save(target, optimize=True)
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


if __name__ == "__main__":
    main()
