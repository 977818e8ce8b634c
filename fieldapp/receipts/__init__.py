"""Bilingual custody receipts of seized property, rendered as PDF with reportlab.

Pure core code: no Qt and no network. The app previews and prints the bytes
that :func:`render_receipt` returns; the CLI writes them to a file.
"""

from __future__ import annotations

from fieldapp.receipts.render import (
    PersonSignature,
    ReceiptRefused,
    receipt_payload,
    render_receipt,
)

__all__ = ["PersonSignature", "ReceiptRefused", "receipt_payload", "render_receipt"]
