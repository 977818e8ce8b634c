"""The custody-transfer receipt: every field in both languages, both sides' signatures, QR code."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fieldapp.models.reference import ReferenceData
from fieldapp.receipts import ReceiptRefused, SignatureImage, render_transfer_receipt
from fieldapp.receipts.samples import (
    ISSUED_AT,
    sample_seizure,
    sample_signatures,
    sample_transfer,
    signature_png,
)
from fieldapp.reference import load_reference
from tests.unit.receipts.reading import all_text, image_counts, page_sizes, pages_text, qr_codes

RECEIPT = "US-PHR-DEMO0-R000078"
HASH = "c3" * 32
BOTH_SIDES = ("released_by", "received_by")


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    """The bundled reference data."""
    return load_reference()


def _render(
    reference: ReferenceData, transfer: dict[str, Any], seizure: dict[str, Any], **kwargs: Any
) -> bytes:
    kwargs.setdefault("receipt_number", RECEIPT)
    kwargs.setdefault("record_hash", HASH)
    kwargs.setdefault("issued_at", ISSUED_AT)
    return render_transfer_receipt(transfer, seizure, reference, **kwargs)


@pytest.fixture(scope="module")
def broken_seal_pdf(reference: ReferenceData) -> bytes:
    """A hand-over from CBP to the FGR whose seal was broken, signed by both sides, on letter."""
    seizure = sample_seizure(12)
    transfer = sample_transfer(seizure, sequence=2, seal_intact=False)
    signatures = sample_signatures(roles=BOTH_SIDES)
    return _render(
        reference, transfer, seizure, signatures=signatures, verify_url="https://hq.example.org"
    )


def test_every_field_in_both_languages(broken_seal_pdf: bytes) -> None:
    text = all_text(broken_seal_pdf)
    for expected in (
        # header
        "Custody transfer receipt",
        "Recibo de transferencia de custodia",
        "Receipt number / Número de recibo: US-PHR-DEMO0-R000078",
        "Seizure / case number / Número de aseguramiento / caso: US-PHR-DEMO0-S000042",
        "Transfer no. / Transferencia núm.: 2",
        "Page 1 of 1 / Página 1 de 1",
        # when, where, why, how
        "Date and time / Fecha y hora",
        "2026-09-02 09:15 CDT (UTC-05:00)",
        "Checkpoint of the seizure / Punto de revisión del aseguramiento",
        "Pharr International Bridge / Puente Internacional Pharr–Reynosa (US-PHR), Pharr, TX",
        "Purpose / Propósito",
        "Laboratory analysis / Análisis de laboratorio",
        "Route or means of transport / Ruta o medio de transporte",
        "Unidad oficial 4471, Puente Pharr–Reynosa a la FGR en Reynosa",
        "Seal intact / Sello íntegro no",
        "Why the seal was not intact / Por qué el sello no estaba íntegro",
        "Sello TE5679501 roto al pesar en báscula; se reselló S-9",
        "Condition / Estado embalaje sin alteración",
        "Receipt issued / Recibo emitido",
        # both sides
        "Released by / Entregó",
        "Daniel R. Whitfield",
        "U.S. Customs and Border Protection – Office of Field Operations",
        "OFO-41827",
        "United States / Estados Unidos",
        "Received by / Recibió",
        "Lic. Martín Ibáñez Zúñiga",
        "Fiscalía General de la República",
        "ID number / Número de identificación",
        "FGR-7731",
        "Country / País",
        "Mexico / México",
        # the exhibits handed over
        "Exhibits handed over / Indicios entregados",
        "24 bundles wrapped in black tape",
        "24 pkg",
        "26.410 kg",
        "Seals / packages",
        "PKG-1 (box ×1): TE5679401, TE5679501",
        "US dollars in rubber-banded stacks",
        "PKG-2 (bag ×1): TE5679402, TE5679502",
        # signatures and verification
        "Signatures / Firmas",
        "Signature / Firma",
        "Verification / Verificación",
        "Huella digital del registro (SHA-256)",
        HASH,
    ):
        assert expected in text, expected
    # Only the exhibits handed over are listed.
    assert "Blue pills" not in text


def test_both_sides_signatures_are_pictures(broken_seal_pdf: bytes) -> None:
    assert image_counts(broken_seal_pdf) == [2]


def test_qr_code_names_the_transfer(broken_seal_pdf: bytes) -> None:
    transfer_id = sample_transfer(sample_seizure(12), sequence=2)["id"]
    (decoded,) = qr_codes(broken_seal_pdf)
    assert decoded == (f"https://hq.example.org/verify/{RECEIPT}?record={transfer_id}&h={HASH}")


def test_receiving_side_declined_and_intact_seal(reference: ReferenceData) -> None:
    seizure = sample_seizure(3)
    signatures = [
        SignatureImage("released_by", signature_png(0)),
        SignatureImage("received_by", None, declined=True, note="No firma; lo hará en la FGR."),
    ]
    pdf = _render(reference, sample_transfer(seizure), seizure, signatures=signatures)
    text = all_text(pdf)
    assert "Seal intact / Sello íntegro yes / sí" in text
    assert "Why the seal" not in text
    assert "DECLINED TO SIGN / SE NEGÓ A FIRMAR" in text
    assert "No firma; lo hará en la FGR." in text
    assert image_counts(pdf) == [1]


def test_unsigned_sides_get_lines_to_sign_by_hand(reference: ReferenceData) -> None:
    seizure = sample_seizure(3)
    pdf = _render(reference, sample_transfer(seizure), seizure)
    assert image_counts(pdf) == [0]
    assert all_text(pdf).count("Signature / Firma") == 2


def test_copy_and_preview_marks(reference: ReferenceData) -> None:
    seizure = sample_seizure(3)
    text = all_text(_render(reference, sample_transfer(seizure), seizure, copy_number=1))
    assert "COPY / COPIA 1" in text
    preview = pages_text(_render(reference, sample_transfer(seizure), seizure, preview=True))
    assert all("VISTA PREVIA — NO ES UN RECIBO" in page for page in preview)


def test_refuses_an_exhibit_the_seizure_does_not_list(reference: ReferenceData) -> None:
    seizure = sample_seizure(3)
    transfer = sample_transfer(seizure)
    transfer["exhibit_numbers"] = ["001", "099"]
    with pytest.raises(ReceiptRefused, match="exhibit 099, which the seizure does not list"):
        _render(reference, transfer, seizure)


def test_refuses_a_blank_quantity_only_among_the_exhibits_handed_over(
    reference: ReferenceData,
) -> None:
    seizure = copy.deepcopy(sample_seizure(3))
    seizure["items"][2]["quantity"] = {"empty": "no_information", "reason": "unknown"}
    transfer = sample_transfer(seizure)  # exhibits 001 and 002
    assert "Transfer no." in all_text(_render(reference, transfer, seizure))
    seizure["items"][0]["quantity"] = None
    with pytest.raises(ReceiptRefused, match=r"Exhibit 001 of seizure .* blank quantity"):
        _render(reference, transfer, seizure)


def test_a_seizure_signature_role_does_not_belong_on_a_transfer(
    reference: ReferenceData,
) -> None:
    seizure = sample_seizure(3)
    with pytest.raises(ValueError, match="person"):
        _render(
            reference,
            sample_transfer(seizure),
            seizure,
            signatures=[SignatureImage("person", signature_png(0))],
        )


def test_thermal_transfer_receipt(reference: ReferenceData) -> None:
    seizure = sample_seizure(12)
    pdf = _render(
        reference,
        sample_transfer(seizure),
        seizure,
        page_size="thermal80",
        signatures=sample_signatures(roles=BOTH_SIDES),
    )
    assert {round(width / (72 / 25.4)) for width, _ in page_sizes(pdf)} == {80}
    text = all_text(pdf)
    for expected in ("Lic. Martín Ibáñez Zúñiga", "26.410 kg", "Transfer no. / Transferencia"):
        assert expected in text
    assert sum(image_counts(pdf)) == 2
    assert qr_codes(pdf, scale=4)
