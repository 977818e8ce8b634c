"""Synthetic receipt inputs: a realistic seizure of any length, a hand-over, drawn signatures.

Used by the receipt benchmark, the sample images in ``docs/receipts`` and the
tests. Everything is fixed (no randomness, no clock), so the same call gives
the same records and the same PDF; codes come from the bundled reference data.
"""

from __future__ import annotations

import math
import struct
import zlib
from copy import deepcopy
from datetime import UTC, datetime
from typing import Any

from fieldapp.receipts.signatures import SignatureImage

__all__ = [
    "ISSUED_AT",
    "PERSON_NAME",
    "sample_seizure",
    "sample_signatures",
    "sample_transfer",
    "signature_png",
]

ISSUED_AT = datetime(2026, 9, 2, 1, 30, tzinfo=UTC)
PERSON_NAME = "José Ñúñez Peña"
_SEIZED_AT = "2026-09-01T19:03:00-05:00"
_OFFICER = "off-0001"
_WITNESS = "off-0003"

# One line per kind of item a checkpoint seizure holds; a longer seizure repeats them.
_ITEMS: tuple[dict[str, Any], ...] = (
    {
        "category": "drug",
        "category_code": "methamphetamine",
        "description": "24 bundles wrapped in black tape, in the rear quarter panel",
        "quantity": {"amount": "24", "unit": "pkg"},
        "gross_weight": {"amount": "26.410", "unit": "kg"},
        "condition": "sealed, tape intact",
        "field_test": {"result": "positive", "kit": "NIK U", "tested_at": _SEIZED_AT},
    },
    {
        "category": "currency",
        "category_code": "currency_usd",
        "description": "US dollars in rubber-banded stacks, driver's door",
        "quantity": {"amount": "235", "unit": "ea"},
        "condition": "bundled with rubber bands",
        "currency_count": {
            "lines": [
                {"currency": "USD", "denomination": "100", "count": 120},
                {"currency": "USD", "denomination": "50", "count": 40},
                {"currency": "USD", "denomination": "20", "count": 75},
            ],
            "counted_by": _OFFICER,
            "witnessed_by": _WITNESS,
        },
    },
    {
        "category": "drug",
        "category_code": "fentanyl_pills",
        "description": "Blue pills marked “M 30” in 4 vacuum-sealed bags",
        "quantity": {"amount": "4000", "unit": "ea"},
        "gross_weight": {"amount": "0.462", "unit": "kg"},
        "condition": "bags intact",
        "field_test": {"result": "positive", "kit": "BTNX fentanyl strip", "tested_at": _SEIZED_AT},
    },
    {
        "category": "currency",
        "category_code": "currency_mxn",
        "description": "Pesos mexicanos en un sobre manila, guantera",
        "quantity": {"amount": "105", "unit": "ea"},
        "condition": "sobre abierto",
        "currency_count": {
            "lines": [
                {"currency": "MXN", "denomination": "500", "count": 60},
                {"currency": "MXN", "denomination": "200", "count": 45},
            ],
            "counted_by": _OFFICER,
            "witnessed_by": _WITNESS,
        },
    },
    {
        "category": "drug",
        "category_code": "cocaine",
        "description": "10 bricks of white powder stamped “Ñ”, spare tyre",
        "quantity": {"amount": "10", "unit": "pkg"},
        "gross_weight": {"amount": "11.230", "unit": "kg"},
        "condition": "one brick torn at a corner",
        "field_test": {"result": "positive", "kit": "NIK G", "tested_at": _SEIZED_AT},
    },
    {
        "category": "firearm",
        "category_code": "handgun",
        "description": "Glock 19 pistol, loaded magazine removed",
        "make": "Glock",
        "model": "19 Gen5",
        "serial_number": "BVKN417",
        "calibre": "9x19mm",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "unloaded, cleared by the seizing officer",
    },
    {
        "category": "ammunition",
        "category_code": "ammunition",
        "description": "250 rounds of 9x19mm in five boxes",
        "make": "Federal",
        "calibre": "9x19mm",
        "quantity": {"amount": "250", "unit": "rd"},
        "condition": "boxes sealed",
    },
    {
        "category": "electronic_device",
        "category_code": "mobile_phone",
        "description": "Mobile phone, Samsung Galaxy A54",
        "make": "Samsung",
        "model": "Galaxy A54",
        "serial_number": "IMEI 356938035643809",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "screen cracked, powered off",
    },
    {
        "category": "drug",
        "category_code": "marijuana",
        "description": "3 bales of compressed green leafy substance",
        "quantity": {"amount": "3", "unit": "pkg"},
        "gross_weight": {"amount": "27.900", "unit": "kg"},
        "condition": "wrapped in plastic film",
        "field_test": {"result": "positive", "kit": "NIK E", "tested_at": _SEIZED_AT},
    },
    {
        "category": "vehicle",
        "category_code": "vehicle",
        "description": "2016 Nissan Sentra, grey, used to conceal contraband",
        "make": "Nissan",
        "model": "Sentra",
        "vin": "3N1AB7AP6GY256789",
        "plate": "RSK-482-B (TAM)",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "panels removed during the search",
    },
    {
        "category": "document",
        "category_code": "fraudulent_document",
        "description": "Border crossing card with a replaced photograph",
        "serial_number": "M84215507",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "laminate lifted at the photograph",
    },
    {
        "category": "other",
        "category_code": "other",
        "description": "Mochila azul con compartimento oculto (doble fondo)",
        "quantity": {"amount": "1", "unit": "ea"},
        "condition": "forro descosido",
    },
)
_SEALED = frozenset({"drug", "currency"})


def sample_seizure(
    items: int = 12, *, seizure_number: str = "US-PHR-DEMO0-S000042"
) -> dict[str, Any]:
    """A finalized seizure at Pharr with ``items`` lines: drugs, currency, a firearm, ...

    Drug and currency exhibits each sit in a sealed, witnessed package.
    """
    lines: list[dict[str, Any]] = []
    packages: list[dict[str, Any]] = []
    for n in range(1, items + 1):
        item = deepcopy(_ITEMS[(n - 1) % len(_ITEMS)])
        number = f"{n:03d}"
        item["exhibit_number"] = number
        if n > len(_ITEMS):
            item["description"] += f" (lot {(n - 1) // len(_ITEMS) + 1})"
        lines.append(item)
        if item["category"] in _SEALED:
            packages.append(
                {
                    "package_ref": f"PKG-{len(packages) + 1}",
                    "kind": "bag" if item["category"] == "currency" else "box",
                    "count": 1,
                    "seal_numbers": [f"TE{5679400 + n}", f"TE{5679500 + n}"],
                    "sealed_by": _OFFICER,
                    "witnessed_by": _WITNESS,
                    "exhibit_numbers": [number],
                }
            )
    return {
        "id": "019a0ff0-0e5e-7d80-8000-00000000042a",
        "seizure_number": seizure_number,
        "encounter_id": {"empty": "not_applicable"},
        "seized_at": _SEIZED_AT,
        "checkpoint": "US-PHR",
        "found_location": "rear quarter panel, driver side; spare tyre well",
        "custody_start": "discovered_in_search",
        "reason": "evidence",
        "seized_from": {
            "name": PERSON_NAME,
            "address": "Calle Hidalgo 214, Col. Centro, 88500 Reynosa, Tamps., México",
            "contact": "+52 899 555 0142",
        },
        "legal_power": "us_19_usc_1595a",
        "officer_id": _OFFICER,
        "witness_id": _WITNESS,
        "items": lines,
        "packages": packages,
    }


def sample_transfer(
    seizure: dict[str, Any], *, sequence: int = 1, seal_intact: bool = True
) -> dict[str, Any]:
    """A hand-over of the seizure's first two exhibits from CBP to Mexico's FGR."""
    numbers = [item["exhibit_number"] for item in seizure["items"][:2]]
    transfer: dict[str, Any] = {
        "id": f"019a0ff0-0e5e-7d80-8000-0000000{sequence:05d}",
        "seizure_id": seizure["id"],
        "sequence": sequence,
        "exhibit_numbers": numbers,
        "transferred_at": "2026-09-02T09:15:00-05:00",
        "released_by": {
            "officer_id": _OFFICER,
            "name": "Daniel R. Whitfield",
            "agency": "CBP-OFO",
            "id_number": "OFO-41827",
            "country": "US",
        },
        "received_by": {
            "name": "Lic. Martín Ibáñez Zúñiga",
            "agency": "FGR",
            "id_number": "FGR-7731",
            "country": "MX",
        },
        "purpose": "laboratory_analysis",
        "route": "Unidad oficial 4471, Puente Pharr–Reynosa a la FGR en Reynosa",
        "seal_intact": seal_intact,
        "condition": "embalaje sin alteración",
    }
    if not seal_intact:
        transfer["seal_broken_reason"] = "Sello TE5679501 roto al pesar en báscula; se reselló S-9"
    return transfer


def sample_signatures(
    *, person: str = "drawn", roles: tuple[str, ...] = ()
) -> list[SignatureImage]:
    """Drawn signatures of the officer and the witness, and the person's.

    ``person`` is ``"drawn"``, ``"declined"`` (with the officer's note) or
    ``"none"`` (a line to sign on paper). ``roles`` replaces the three seizure
    roles with others (``("released_by", "received_by")`` for a hand-over).
    """
    out = []
    for seed, role in enumerate(roles or ("officer", "witness")):
        out.append(SignatureImage(role, signature_png(seed)))
    if roles:
        return out
    if person == "drawn":
        out.append(SignatureImage("person", signature_png(7)))
    elif person == "declined":
        out.append(
            SignatureImage(
                "person",
                None,
                declined=True,
                note="Se negó a firmar; recibió su copia en presencia del testigo.",
            )
        )
    return out


def signature_png(seed: int = 0, width: int = 360, height: int = 120) -> bytes:
    """A signature-like scribble as an RGBA PNG with a transparent background.

    Shaped like what the signature pad produces: dark ink, thick strokes, no
    background, so the receipt's line shows through.
    """
    pixels = bytearray(width * height * 4)
    ink = (20, 30, 90, 255)
    turns = 3 + seed % 4
    steps = width * 6
    for step in range(steps):
        t = step / steps
        x = 8 + t * (width - 16)
        wave = math.sin(t * math.pi * 2 * turns + seed) * 0.32
        loop = math.sin(t * math.pi * 2 * (turns * 2 + 1) + seed * 0.7) * 0.14
        y = height * (0.5 + wave + loop)
        _dot(pixels, width, height, x, y, ink)
    rows = b"".join(
        b"\x00" + bytes(pixels[row * width * 4 : (row + 1) * width * 4]) for row in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def _dot(
    pixels: bytearray, width: int, height: int, cx: float, cy: float, ink: tuple[int, ...]
) -> None:
    for y in range(int(cy) - 1, int(cy) + 2):
        for x in range(int(cx) - 1, int(cx) + 2):
            if 0 <= x < width and 0 <= y < height:
                at = (y * width + x) * 4
                pixels[at : at + 4] = bytes(ink)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
