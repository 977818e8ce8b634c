"""The 80 mm roll layout: narrow pages, one column, the same content and the same refusals."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from fieldapp.models.reference import ReferenceData
from fieldapp.receipts import ReceiptRefused, render_receipt
from fieldapp.receipts.samples import ISSUED_AT, sample_seizure, sample_signatures, sample_transfer
from fieldapp.reference import load_reference
from tests.unit.receipts.reading import MM, all_text, image_counts, page_sizes, pages_text, qr_codes

RECEIPT = "US-PHR-DEMO0-R000079"
HASH = "9d" * 32
URL = "https://hq.example.org/"


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    """The bundled reference data."""
    return load_reference()


def _render(reference: ReferenceData, page_size: Any, **kwargs: Any) -> bytes:
    seizure = sample_seizure(12)
    return render_receipt(
        seizure,
        None,
        [sample_transfer(seizure)],
        reference,
        receipt_number=RECEIPT,
        record_hash=HASH,
        issued_at=ISSUED_AT,
        verify_url=URL,
        page_size=page_size,
        signatures=sample_signatures(person="declined"),
        copy_handed_over=True,
        **kwargs,
    )


@pytest.fixture(scope="module")
def thermal_pdf(reference: ReferenceData) -> bytes:
    """Twelve items on the 80 mm roll."""
    return _render(reference, "thermal80")


@pytest.fixture(scope="module")
def letter_pdf(reference: ReferenceData) -> bytes:
    """The same receipt on letter paper."""
    return _render(reference, "letter")


def test_pages_are_80_mm_wide(thermal_pdf: bytes) -> None:
    sizes = page_sizes(thermal_pdf)
    assert len(sizes) >= 2
    for width, height in sizes:
        assert width == pytest.approx(80 * MM, abs=0.01)
        assert height == pytest.approx(297 * MM, abs=0.01)


def test_page_x_of_y_on_every_page(thermal_pdf: bytes) -> None:
    pages = pages_text(thermal_pdf)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total} / Página {number} de {total}" in page
        assert RECEIPT in page


def test_qr_code_decodes_from_the_roll(thermal_pdf: bytes) -> None:
    (decoded,) = qr_codes(thermal_pdf, scale=4)
    assert decoded.startswith(f"{URL}verify/{RECEIPT}?record=")
    assert decoded.endswith(f"&h={HASH}")


def _facts(text: str) -> set[str]:
    """The values a reader must find, whatever the layout."""
    wanted = re.findall(r"TE\d{7}|\b0\d\d\b|(?:USD|MXN) [\d,]+\.\d\d|\d+\.\d{3} kg", text)
    return set(wanted)


def test_same_content_as_the_letter_receipt(thermal_pdf: bytes, letter_pdf: bytes) -> None:
    thermal, letter = all_text(thermal_pdf), all_text(letter_pdf)
    assert _facts(thermal) == _facts(letter)
    for expected in (
        "Recibo de custodia de bienes asegurados",
        "José Ñúñez Peña",
        "19 U.S.C. § 1595a",
        "Efectivo por denominación",
        "Total USD",
        "USD 15,500.00",
        "MXN 39,000.00",
        "Counted by / Contado por",
        "DECLINED TO SIGN / SE NEGÓ A FIRMAR",
        "Officer's note / Nota del agente",
        "Copia entregada a la persona: ☒ yes / sí",
        "Transferencias de custodia",
        "Lic. Martín Ibáñez Zúñiga",
        "Qué sigue",
        "Para obtener el registro completo",
        "Huella digital del registro (SHA-256)",
        HASH[:32],
        HASH[32:],
    ):
        assert expected in thermal, expected
    assert sum(image_counts(thermal_pdf)) == sum(image_counts(letter_pdf)) == 2


def test_same_refusals(reference: ReferenceData) -> None:
    seizure = copy.deepcopy(sample_seizure(12))
    seizure["items"][0]["gross_weight"] = {"empty": "not_applicable"}
    with pytest.raises(ReceiptRefused, match=r"Exhibit 001 .*gross weight"):
        render_receipt(
            seizure,
            None,
            [],
            reference,
            receipt_number=RECEIPT,
            record_hash=HASH,
            issued_at=ISSUED_AT,
            page_size="thermal80",
        )


def test_unknown_page_size_is_a_value_error(reference: ReferenceData) -> None:
    with pytest.raises(ValueError, match="thermal80"):
        _render(reference, "legal")
