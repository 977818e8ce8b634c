"""Bilingual custody and custody-transfer receipts, rendered as PDF with reportlab.

Pure core code: no Qt and no network. The app previews and prints the bytes
that :func:`render_receipt` and :func:`render_transfer_receipt` return; the
CLI writes them to a file.
"""

from __future__ import annotations

from fieldapp.receipts.layout import PAGE_SIZES, PageSize
from fieldapp.receipts.pages import ReceiptRefused
from fieldapp.receipts.render import receipt_payload, render_receipt
from fieldapp.receipts.signatures import SignatureImage
from fieldapp.receipts.transfer import render_transfer_receipt

__all__ = [
    "PAGE_SIZES",
    "PageSize",
    "ReceiptRefused",
    "SignatureImage",
    "receipt_payload",
    "render_receipt",
    "render_transfer_receipt",
]
