"""The bilingual custody receipt PDF: fields and Spanish labels, pages, refusals, QR code.

Text is read back with pypdf; the QR code is decoded from page 1 rendered by
pdfium and read with zxing-cpp, as a phone at HQ would read the paper.
Renders are module-scoped fixtures because each takes a few hundredths of a second.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from fieldapp.errors import KnownError
from fieldapp.models.reference import ReferenceData
from fieldapp.receipts import ReceiptRefused, SignatureImage, receipt_payload, render_receipt
from fieldapp.reference import load_reference
from fieldapp.synthetic import Generator
from tests.unit.receipts.reading import all_text, image_counts, page_sizes, pages_text, qr_codes

RECEIPT = "US-PHR-DEMO0-R000042"
HASH = "0f" * 16 + "a1" * 16
ISSUED = datetime(2026, 9, 2, 1, 30, tzinfo=UTC)
MXN_NAME = "José Ñúñez Peña"


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    """The bundled reference data."""
    return load_reference()


@pytest.fixture(scope="module")
def currency_bundle(reference: ReferenceData) -> tuple[dict[str, Any], dict[str, Any]]:
    """A synthetic encounter and its seizure of USD currency (bundle 7 of seed 3)."""
    encounter, seizures = Generator(reference, seed=3).encounter_bundle(7)
    seizure = next(
        s for s in seizures if any(item["category"] == "currency" for item in s["items"])
    )
    return encounter, seizure


_text = pages_text
DECLINED_NOTE = "Se negó a firmar; recibió su copia en presencia del testigo."


def _render(
    reference: ReferenceData,
    seizure: dict[str, Any],
    encounter: dict[str, Any] | None = None,
    custody: list[dict[str, Any]] | None = None,
    **kwargs: Any,
) -> bytes:
    kwargs.setdefault("receipt_number", RECEIPT)
    kwargs.setdefault("record_hash", HASH)
    kwargs.setdefault("issued_at", ISSUED)
    return render_receipt(seizure, encounter, custody or [], reference, **kwargs)


def _two_currencies(seizure: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(seizure)
    data["seized_from"]["name"] = MXN_NAME
    usd = data["items"][0]
    usd["currency_count"]["lines"] = [
        {"currency": "USD", "denomination": "100", "count": 12},
        {"currency": "USD", "denomination": "20", "count": 7},
    ]
    mxn = copy.deepcopy(usd)
    mxn["exhibit_number"] = "002"
    mxn["category_code"] = None
    mxn["description"] = "Efectivo en moneda nacional"
    mxn["currency_count"]["lines"] = [
        {"currency": "MXN", "denomination": "500", "count": 31},
        {"currency": "MXN", "denomination": "50", "count": 3},
    ]
    data["items"].append(mxn)
    return data


def _transfer(seizure: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "01a0ff0e-5ed8-7000-812f-e8eb0e870d99",
        "seizure_id": seizure["id"],
        "sequence": 1,
        "exhibit_numbers": ["001"],
        "transferred_at": "2026-09-02T09:15:00-05:00",
        "released_by": {
            "officer_id": seizure["officer_id"],
            "name": "Demo Officer",
            "agency": "CBP-OFO",
            "id_number": "DEMO-0001",
            "country": "US",
        },
        "received_by": {
            "name": "Lic. Martín Ibáñez",
            "agency": "FGR",
            "id_number": "FGR-7731",
            "country": "MX",
        },
        "purpose": "laboratory_analysis",
        "route": "Unidad oficial, Puente Pharr–Reynosa",
        "seal_intact": True,
        "condition": "sin alteración",
    }


@pytest.fixture(scope="module")
def full_pdf(
    reference: ReferenceData, currency_bundle: tuple[dict[str, Any], dict[str, Any]]
) -> bytes:
    """Two currencies, a custody transfer, a declined signature, a verification URL."""
    encounter, seizure = currency_bundle
    data = _two_currencies(seizure)
    return _render(
        reference,
        data,
        encounter,
        [_transfer(data)],
        signatures=[SignatureImage("person", None, declined=True, note=DECLINED_NOTE)],
        verify_url="https://hq.example.org/",
    )


@pytest.fixture(scope="module")
def long_pdf(
    reference: ReferenceData, currency_bundle: tuple[dict[str, Any], dict[str, Any]]
) -> bytes:
    """A seizure of 40 items, on A4."""
    _, seizure = currency_bundle
    data = copy.deepcopy(seizure)
    template = data["items"][0]
    data["items"] = []
    for n in range(1, 41):
        item = copy.deepcopy(template)
        item.update(
            exhibit_number=f"{n:03d}",
            category="other",
            category_code=None,
            description=f"Caja de cartón número {n}",
            currency_count={"empty": "not_applicable"},
        )
        data["items"].append(item)
    data["packages"] = []
    return _render(reference, data, page_size="a4")


def test_fields_and_spanish_labels(full_pdf: bytes, reference: ReferenceData) -> None:
    pages = _text(full_pdf)
    text = "\n".join(pages)
    agency = reference.agency("CBP-OFO")
    for expected in (
        agency.name_es,
        "Receipt number / Número de recibo",
        RECEIPT,
        "Número de aseguramiento / caso",
        "US-PHR-DEMO0-S000007",
        f"Page 1 of {len(pages)} / Página 1 de {len(pages)}",
        "Fecha y hora",
        "2026-09-01 19:03 CDT (UTC-05:00)",  # seized_at in the checkpoint's local time
        "Punto de revisión / lugar",
        "Pharr International Bridge",
        "Seized from / Asegurado a",
        MXN_NAME,
        "Contacto para devolución de bienes",
        "Legal authority / Fundamento legal",
        "18 U.S.C. § 981",
        "Decomiso civil",
        "Exhibit / Indicio",
        "Peso bruto",
        "Sellos / paquetes",
        "TE5679422",
        "Seizing officer / Agente que asegura",
        "Witness / Testigo",
        "Signature / Firma",
        "Copia entregada a la persona",
        "What happens next / Qué sigue",
        "Conserve este recibo",
        "Para obtener el registro completo",
        "Huella digital del registro (SHA-256)",
        HASH,
    ):
        assert expected in text, expected
    assert "COPIA" not in text.replace("Copia entregada", "")


def test_currency_totals_per_currency(full_pdf: bytes) -> None:
    text = "\n".join(_text(full_pdf))
    assert "Efectivo por denominación" in text
    assert "Denominación" in text
    # 12 x 100 + 7 x 20 and 31 x 500 + 3 x 50
    assert "USD 1,340.00" in text
    assert "MXN 15,650.00" in text
    assert "Total USD" in text and "Total MXN" in text


def test_declined_signature_with_the_officers_note(full_pdf: bytes) -> None:
    text = all_text(full_pdf)
    assert "DECLINED TO SIGN / SE NEGÓ A FIRMAR" in text
    assert f"Officer's note / Nota del agente: {DECLINED_NOTE}" in text
    # Nobody drew anything: no pictures, and the officer and witness sign on paper.
    assert sum(image_counts(full_pdf)) == 0
    assert text.count("Signature / Firma") == 3


def test_custody_transfer_block(full_pdf: bytes) -> None:
    text = "\n".join(_text(full_pdf))
    for expected in (
        "Transferencias de custodia",
        "Entregó",
        "Recibió",
        "Lic. Martín Ibáñez",
        "FGR-7731",
        "Análisis de laboratorio",
        "Sello íntegro",
        "2026-09-02 09:15 CDT",
    ):
        assert expected in text, expected


def test_forty_items_flow_to_more_pages_with_header(long_pdf: bytes) -> None:
    pages = _text(long_pdf)
    assert len(pages) >= 2
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total} / Página {number} de {total}" in page
        assert RECEIPT in page
        assert "Recibo de custodia de bienes asegurados" in page
    # The item table's column headings repeat on the page it flows to.
    assert "Exhibit / Indicio" in pages[1]
    assert "Caja de cartón número 40" in "\n".join(pages)


def test_unknown_person_and_no_transfers(
    reference: ReferenceData, currency_bundle: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    _, seizure = currency_bundle
    data = copy.deepcopy(seizure)
    data["seized_from"]["name"] = {"empty": "no_information", "reason": "refused"}
    text = "\n".join(_text(_render(reference, data, copy_handed_over=False)))
    assert "unknown / refused — desconocido / se negó" in text
    assert "Aún no hay transferencias registradas" in text
    assert "Page 1 of " in text


def test_reprint_marked_copy(
    reference: ReferenceData, currency_bundle: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    _, seizure = currency_bundle
    assert "COPY / COPIA 3" in _text(_render(reference, seizure, copy_number=3))[0]


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("items", 0, "quantity"), {"empty": "no_information", "reason": "unknown"}, "quantity"),
        (("items", 0, "quantity"), None, "quantity"),
        (("items", 0, "currency_count", "lines", 0, "count"), None, "currency line 1 has no count"),
    ],
)
def test_refuses_blank_values(
    reference: ReferenceData,
    currency_bundle: tuple[dict[str, Any], dict[str, Any]],
    path: tuple[Any, ...],
    value: Any,
    words: str,
) -> None:
    _, seizure = currency_bundle
    data = copy.deepcopy(seizure)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ReceiptRefused) as caught:
        _render(reference, data)
    assert isinstance(caught.value, KnownError)
    assert "Exhibit 001" in caught.value.message
    assert words in caught.value.message


def test_refuses_drug_without_gross_weight(reference: ReferenceData) -> None:
    _, seizures = Generator(reference, seed=3).encounter_bundle(5)
    data = copy.deepcopy(next(s for s in seizures if s["items"][0]["category"] == "drug"))
    data["items"][0]["gross_weight"] = {"empty": "not_applicable"}
    with pytest.raises(ReceiptRefused, match=r"Exhibit 001 .*gross weight"):
        _render(reference, data)


def test_qr_code_carries_record_hash(full_pdf: bytes) -> None:
    decoded = qr_codes(full_pdf)
    assert decoded, "no QR code found on page 1"
    assert f"h={HASH}" in decoded[0]
    assert decoded[0].startswith(f"https://hq.example.org/verify/{RECEIPT}?")


def test_payload_without_url_is_compact() -> None:
    assert receipt_payload("R-1", "rec-9", HASH) == f"receipt=R-1;record=rec-9;hash={HASH}"


def test_letter_and_a4_page_sizes(full_pdf: bytes, long_pdf: bytes) -> None:
    letter, a4 = page_sizes(full_pdf)[0], page_sizes(long_pdf)[0]
    assert (round(letter[0]), round(letter[1])) == (612, 792)
    assert (round(a4[0]), round(a4[1])) == (595, 842)


def test_same_inputs_same_bytes(
    reference: ReferenceData, currency_bundle: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    # The hash of a printed receipt is recorded, so rendering must be reproducible.
    _, seizure = currency_bundle
    assert _render(reference, seizure) == _render(reference, seizure)
