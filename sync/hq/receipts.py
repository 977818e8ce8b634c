"""Checking a printed receipt against HQ: does its number and hash match a receipt issued?

The person who was handed a receipt is an outside witness: its QR code or
printed text gives the receipt number and the record's hash, and HQ answers
whether a device issued exactly that receipt (``receipt_issued`` events carry
``receipt_number``, ``record_hash`` and ``pdf_sha256``). The answer says only
that, and when; nothing about the person or the seized property.
"""

from __future__ import annotations

import html
from typing import Literal

from sqlalchemy import Connection, select

from sync.hq import schema
from sync.protocol import ReceiptVerdict


def verify(
    conn: Connection, receipt_number: str, digest: str, record_id: str | None = None
) -> ReceiptVerdict:
    """The verdict for a receipt number and a hash (of the record, or of the PDF)."""
    r = schema.receipts
    rows = (
        conn.execute(
            select(r).where(r.c.receipt_number == receipt_number).order_by(r.c.copy_number)
        )
        .mappings()
        .all()
    )
    if not rows:
        return ReceiptVerdict(
            receipt_number=receipt_number,
            status="unknown",
            valid=False,
            message=f"HQ holds no receipt numbered {receipt_number}. If it was issued "
            "recently, the officer's device may not have synchronised yet; try again later.",
            message_es=f"La oficina central no tiene ningún recibo con el número "
            f"{receipt_number}. Si se emitió hace poco, es posible que el dispositivo del "
            "agente aún no se haya sincronizado; inténtelo más tarde.",
        )
    for row in rows:
        if record_id is not None and row["record_id"] != record_id:
            continue
        matched: Literal["record_hash", "pdf_sha256"]
        if row["record_hash"] == digest:
            matched = "record_hash"
        elif row["pdf_sha256"] == digest:
            matched = "pdf_sha256"
        else:
            continue
        copy = int(row["copy_number"])
        which = "the original" if copy == 0 else f"copy {copy}"
        cual = "el original" if copy == 0 else f"la copia {copy}"
        day = str(row["issued_at"])[:10]
        return ReceiptVerdict(
            receipt_number=receipt_number,
            status="valid",
            valid=True,
            message=f"Receipt {receipt_number} is genuine: it matches {which} issued on {day}, "
            "as recorded at HQ.",
            message_es=f"El recibo {receipt_number} es auténtico: coincide con {cual} emitida "
            f"el {day}, tal como consta en la oficina central.",
            matched=matched,
            record_id=row["record_id"],
            issued_at=row["issued_at"],
            copy_number=copy,
        )
    return ReceiptVerdict(
        receipt_number=receipt_number,
        status="mismatch",
        valid=False,
        message=f"Receipt {receipt_number} exists, but this hash does not match it: the receipt "
        "or its code may have been altered. Keep it and contact the issuing agency.",
        message_es=f"El recibo {receipt_number} existe, pero este código no coincide con él: "
        "el recibo o su código pudo haber sido alterado. Consérvelo y comuníquese con la "
        "autoridad que lo emitió.",
    )


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; }}
.verdict {{ border: 3px solid {colour}; padding: 1em; border-radius: 6px; }}
h1 {{ color: {colour}; font-size: 1.4em; }}
code {{ word-break: break-all; }}
</style></head>
<body>
<div class="verdict">
<h1>{heading}</h1>
<p>{message}</p>
<p lang="es">{message_es}</p>
</div>
<p>Receipt / Recibo: <code>{number}</code><br>Hash: <code>{digest}</code></p>
</body></html>
"""

_HEADINGS = {
    "valid": ("Genuine receipt · Recibo auténtico", "#1b6e20"),
    "mismatch": ("Does not match · No coincide", "#b00020"),
    "unknown": ("Not found · No encontrado", "#8a5a00"),
}


def page(verdict: ReceiptVerdict, digest: str) -> str:
    """The verdict as a small bilingual HTML page (everything from the request escaped)."""
    heading, colour = _HEADINGS[verdict.status]
    return _PAGE.format(
        title=html.escape(f"Receipt {verdict.receipt_number}"),
        colour=colour,
        heading=html.escape(heading),
        message=html.escape(verdict.message),
        message_es=html.escape(verdict.message_es),
        number=html.escape(verdict.receipt_number),
        digest=html.escape(digest),
    )


def error_page(message: str) -> str:
    """A request that cannot be checked, as a page (for a person who scanned a code)."""
    return _PAGE.format(
        title="Receipt check",
        colour="#8a5a00",
        heading="Cannot check · No se puede verificar",
        message=html.escape(message),
        message_es="",
        number="",
        digest="",
    )
