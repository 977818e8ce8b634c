"""Signatures on the seizure receipt, the preview watermark, long receipts and plain text.

Drawn signatures must be on the paper as pictures; "declined to sign" needs the
officer's note; a box without a mark is a line to sign by hand. A preview must
say on every page that it is not a receipt.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fieldapp.models.reference import ReferenceData
from fieldapp.receipts import ReceiptRefused, SignatureImage, render_receipt
from fieldapp.receipts.samples import (
    ISSUED_AT,
    PERSON_NAME,
    sample_seizure,
    sample_signatures,
    signature_png,
)
from fieldapp.reference import load_reference
from tests.unit.receipts.reading import all_text, image_counts, pages_text, qr_codes

RECEIPT = "US-PHR-DEMO0-R000077"
HASH = "5e" * 32
WATERMARK = ("PREVIEW — NOT A RECEIPT", "VISTA PREVIA — NO ES UN RECIBO")


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    """The bundled reference data."""
    return load_reference()


def _render(reference: ReferenceData, seizure: dict[str, Any], **kwargs: Any) -> bytes:
    kwargs.setdefault("receipt_number", RECEIPT)
    kwargs.setdefault("record_hash", HASH)
    kwargs.setdefault("issued_at", ISSUED_AT)
    return render_receipt(seizure, None, [], reference, **kwargs)


@pytest.fixture(scope="module")
def signed_pdf(reference: ReferenceData) -> bytes:
    """Twelve items, signed on screen by the officer, the witness and the person."""
    return _render(reference, sample_seizure(12), signatures=sample_signatures())


@pytest.fixture(scope="module")
def hundred_pdf(reference: ReferenceData) -> bytes:
    """A hundred items on letter paper."""
    return _render(reference, sample_seizure(100))


def test_drawn_signatures_are_pictures_on_the_signature_page(signed_pdf: bytes) -> None:
    pages = pages_text(signed_pdf)
    counts = image_counts(signed_pdf)
    signed_on = next(i for i, page in enumerate(pages) if "Signature of the person" in page)
    assert counts[signed_on] == 3
    assert sum(counts) == 3
    page = pages[signed_on]
    for expected in (
        "Seizing officer / Agente que asegura",
        "Daniel R. Whitfield — Badge OFO-41827",
        "Witness / Testigo",
        "Marcus T. Delgado — Badge BP-77204",
        "Signature of the person / Firma de la persona",
        PERSON_NAME,
    ):
        assert expected in page, expected
    assert "DECLINED" not in page


def test_one_drawn_signature_and_two_lines_to_sign_by_hand(reference: ReferenceData) -> None:
    pdf = _render(
        reference, sample_seizure(2), signatures=[SignatureImage("officer", signature_png(3))]
    )
    assert sum(image_counts(pdf)) == 1
    assert all_text(pdf).count("Signature / Firma") == 3


def test_a_seizure_without_witness_prints_a_dash_and_refuses_a_witness_signature(
    reference: ReferenceData,
) -> None:
    seizure = sample_seizure(12)
    seizure["witness_id"] = {"empty": "not_applicable"}
    text = all_text(_render(reference, seizure))
    assert "Witness / Testigo none / ninguno" in text
    with pytest.raises(ReceiptRefused, match="names no witness"):
        _render(reference, seizure, signatures=[SignatureImage("witness", signature_png(1))])


@pytest.mark.parametrize(
    ("signature", "words"),
    [
        (SignatureImage("person", None, declined=True), "without the officer's note"),
        (SignatureImage("person", None, declined=True, note="   "), "without the officer's note"),
        (
            SignatureImage("person", signature_png(2), declined=True, note="No."),
            "both drawn and marked declined",
        ),
        (SignatureImage("officer", b"\x89PNG\r\n\x1a\nnot really"), "not a picture"),
        (SignatureImage("witness", b"GIF89a"), "not a picture"),
    ],
)
def test_signatures_that_cannot_be_printed_are_refused_with_a_sentence(
    reference: ReferenceData, signature: SignatureImage, words: str
) -> None:
    with pytest.raises(ReceiptRefused) as caught:
        _render(reference, sample_seizure(2), signatures=[signature])
    assert words in caught.value.message
    assert caught.value.message.endswith(".")


@pytest.mark.parametrize(
    "signatures",
    [
        [SignatureImage("notary", signature_png(0))],
        [SignatureImage("released_by", signature_png(0))],
        [SignatureImage("officer", signature_png(0)), SignatureImage("officer", signature_png(1))],
    ],
)
def test_a_callers_mistake_with_roles_is_a_value_error(
    reference: ReferenceData, signatures: list[SignatureImage]
) -> None:
    with pytest.raises(ValueError, match="signature"):
        _render(reference, sample_seizure(2), signatures=signatures)


def test_signed_receipts_are_reproducible(reference: ReferenceData, signed_pdf: bytes) -> None:
    again = _render(reference, sample_seizure(12), signatures=sample_signatures())
    assert again == signed_pdf


def test_preview_is_watermarked_on_every_page(reference: ReferenceData) -> None:
    pdf = _render(reference, sample_seizure(30), signatures=sample_signatures(), preview=True)
    pages = pages_text(pdf)
    assert len(pages) >= 2
    for page in pages:
        for line in WATERMARK:
            assert line in page
    # Still the whole receipt under the watermark, and a readable code.
    assert f"{RECEIPT}" in pages[0]
    assert qr_codes(pdf) == [f"receipt={RECEIPT};record={sample_seizure()['id']};hash={HASH}"]


def test_a_receipt_has_no_watermark(signed_pdf: bytes) -> None:
    assert not any(line in all_text(signed_pdf) for line in WATERMARK)


def test_hundred_items_flow_over_pages_with_the_header_and_count(hundred_pdf: bytes) -> None:
    pages = pages_text(hundred_pdf)
    total = len(pages)
    assert total >= 6
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total} / Página {number} de {total}" in page
        assert RECEIPT in page
        assert "Número de aseguramiento / caso: US-PHR-DEMO0-S000042" in page
    text = "\n".join(pages)
    # Every exhibit once, in order, with the table's headings on the pages it flows to.
    positions = [text.index(f" {n:03d} ") for n in range(1, 101)]
    assert positions == sorted(positions)
    assert "Mochila azul con compartimento oculto (doble fondo) (lot 8)" in text
    assert sum("Exhibit / Indicio Category / Categoría" in page for page in pages) >= 4
    assert qr_codes(hundred_pdf), "the QR code is on page 1"


def test_the_item_table_starts_on_page_one(reference: ReferenceData) -> None:
    # A heading is kept with the table's first rows only, so a long table
    # starts under it rather than leaving page 1 half empty.
    first = pages_text(_render(reference, sample_seizure(12)))[0]
    assert "Items seized / Bienes asegurados" in first
    assert "24 bundles wrapped in black tape" in first


def test_text_is_printed_as_typed_not_as_markup(reference: ReferenceData) -> None:
    seizure = copy.deepcopy(sample_seizure(2))
    seizure["items"][0]["description"] = "Caja <b>roja</b> & azul\n\nsegunda línea"
    seizure["seized_from"]["name"] = "O'Brien & Hijos <SA>"
    text = all_text(_render(reference, seizure))
    assert "Caja <b>roja</b> & azul" in text
    assert "segunda línea" in text
    assert "O'Brien & Hijos <SA>" in text
