"""Issuing receipts: status, preview, signatures kept as attachments, reprints, transfers.

Every print is a ``receipt_issued`` event; a preview writes nothing at all; the
drawn signatures are stored by hash when the receipt is issued and printed
again on each copy; a transfer's receipt prints the transfer's own signatures.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import KnownError, NotFound, PermissionDenied, RecordInvalid
from fieldapp.events import Kind
from fieldapp.receipts import ReceiptRefused
from fieldapp.receipts.samples import signature_png
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.services.receipts import (
    ReceiptNotIssued,
    Receipts,
    ReceiptStatus,
    SignatureInput,
)
from fieldapp.store import projections
from tests.unit.receipts.reading import all_text, image_counts, page_sizes, pages_text, qr_codes

OFFICER_PNG = signature_png(1)
WITNESS_PNG = signature_png(2)
PERSON_PNG = signature_png(3)
NOTE = "Se negó a firmar; se le entregó la copia."


@pytest.fixture
def attachments(tmp_path: Path) -> AttachmentStore:
    """The profile's attachment store (the store lives in ``tmp_path / "profile"``)."""
    return AttachmentStore(tmp_path / "profile")


@pytest.fixture
def receipts(services: FieldServices, attachments: AttachmentStore) -> Receipts:
    """The receipts service over the test store and its attachments."""
    return Receipts(services.store, attachments)


def _events(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


def _stored(attachments: AttachmentStore) -> list[Path]:
    return sorted(p for p in attachments.root.rglob("*") if p.is_file())


def _signed() -> list[SignatureInput]:
    return [
        SignatureInput("officer", OFFICER_PNG),
        SignatureInput("witness", WITNESS_PNG),
        SignatureInput("person", None, declined=True, note=NOTE),
    ]


def _transfer(
    services: FieldServices, attachments: AttachmentStore, samples: Any, seizure: str, actor: Actor
) -> str:
    released = attachments.add_bytes(OFFICER_PNG, "released.png").sha256
    data = samples.transfer(
        seizure,
        ["E1", "E2"],
        signatures=[
            {"role": "released_by", "sha256": released},
            {"role": "received_by", "declined": True, "note": "Firma en la FGR."},
        ],
    )
    return services.custody.transfer(data, actor).record_id


# -------------------------------------------------------------------------- status


def test_status_counts_prints(receipts: Receipts, actor: Actor, finalized: Any) -> None:
    assert receipts.status(finalized.seizure_id) == ReceiptStatus(None, 0)
    issued = receipts.issue(finalized.seizure_id, actor)
    assert receipts.status(finalized.seizure_id) == ReceiptStatus(issued.receipt_number, 1)
    receipts.issue(finalized.seizure_id, actor, copy=True)
    receipts.issue(finalized.seizure_id, actor, copy=True)
    assert receipts.status(finalized.seizure_id) == ReceiptStatus(issued.receipt_number, 3)
    assert receipts.status("no-such-record") == ReceiptStatus(None, 0)


# -------------------------------------------------------------------------- preview


def test_preview_writes_nothing_and_consumes_no_number(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
) -> None:
    before = _events(services)
    pdf = receipts.preview(finalized.seizure_id, page_size="a4", signatures=_signed())
    pages = pages_text(pdf)
    assert all("PREVIEW — NOT A RECEIPT" in page for page in pages)
    assert "Receipt number / Número de recibo: not issued yet / aún sin emitir" in pages[0]
    assert sum(image_counts(pdf)) == 2
    assert round(page_sizes(pdf)[0][1]) == 842
    assert _events(services) == before
    assert _stored(attachments) == []
    assert receipts.status(finalized.seizure_id) == ReceiptStatus(None, 0)
    # The first number is still free.
    issued = receipts.issue(finalized.seizure_id, actor)
    assert issued.receipt_number.endswith("-R000001")


def test_preview_of_an_encounter_is_of_its_only_seizure(
    receipts: Receipts, finalized: Any, samples: Any
) -> None:
    text = all_text(receipts.preview(finalized.encounter_id))
    assert samples.PERSON_NAME in text
    assert "VISTA PREVIA — NO ES UN RECIBO" in text


def test_preview_after_the_original_is_of_the_next_copy(
    receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    issued = receipts.issue(finalized.seizure_id, actor, signatures=_signed())
    # Signatures drawn again are not used: a copy prints the original's.
    pdf = receipts.preview(finalized.seizure_id, signatures=[SignatureInput("person", PERSON_PNG)])
    text = all_text(pdf)
    assert "COPY / COPIA 1" in text and issued.receipt_number in text
    assert NOTE in text
    assert sum(image_counts(pdf)) == 2


def test_preview_refuses_a_refusal_without_a_note(receipts: Receipts, finalized: Any) -> None:
    with pytest.raises(RecordInvalid) as caught:
        receipts.preview(
            finalized.seizure_id, signatures=[SignatureInput("person", None, declined=True)]
        )
    assert [(p.path, p.code) for p in caught.value.problems] == [
        (("signatures", 0, "note"), "officer_note_required")
    ]


# -------------------------------------------------------------------------- issuing


def test_without_signatures_the_paper_is_signed_by_hand(
    receipts: Receipts, attachments: AttachmentStore, actor: Actor, finalized: Any
) -> None:
    issued = receipts.issue(finalized.seizure_id, actor, verify_url="https://hq.example.org")
    assert issued.event.payload["signatures"] == []
    assert sum(image_counts(issued.pdf)) == 0
    assert all_text(issued.pdf).count("Signature / Firma") == 3
    assert _stored(attachments) == []
    assert receipts.issue(finalized.seizure_id, actor, copy=True).copy_number == 1


def test_signatures_are_stored_and_recorded(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
) -> None:
    issued = receipts.issue(finalized.seizure_id, actor, signatures=_signed())
    payload = issued.event.payload
    assert issued.event.kind == Kind.RECEIPT_ISSUED
    assert issued.event.record_type == "seizure"
    assert payload["signatures"] == [
        {
            "role": "officer",
            "sha256": hashlib.sha256(OFFICER_PNG).hexdigest(),
            "declined": False,
            "note": None,
        },
        {
            "role": "witness",
            "sha256": hashlib.sha256(WITNESS_PNG).hexdigest(),
            "declined": False,
            "note": None,
        },
        {"role": "person", "sha256": None, "declined": True, "note": NOTE},
    ]
    for mark in payload["signatures"][:2]:
        assert attachments.verify(mark["sha256"])
    assert len(_stored(attachments)) == 2
    assert payload["pdf_sha256"] == issued.pdf_sha256
    assert sum(image_counts(issued.pdf)) == 2
    text = all_text(issued.pdf)
    assert "PREVIEW" not in text and NOTE in text
    assert receipts.issued(finalized.seizure_id) == [payload]
    assert services.store.verify().ok


def test_a_reprint_prints_the_original_signatures_read_back(
    receipts: Receipts, attachments: AttachmentStore, actor: Actor, finalized: Any
) -> None:
    first = receipts.issue(finalized.seizure_id, actor, signatures=_signed())
    copy = receipts.issue(finalized.seizure_id, actor, copy=True)
    assert copy.receipt_number == first.receipt_number
    assert copy.event.payload["signatures"] == first.event.payload["signatures"]
    assert sum(image_counts(copy.pdf)) == 2
    assert "COPY / COPIA 1" in all_text(copy.pdf)
    # The same record, unchanged: the same record hash on the copy as on the original.
    assert copy.event.payload["record_hash"] == first.event.payload["record_hash"]
    assert first.event.payload["record_hash"] in all_text(copy.pdf)
    # A signature missing from this device stops the reprint with a sentence.
    officer = first.event.payload["signatures"][0]["sha256"]
    attachments.path_of(officer).unlink()
    with pytest.raises(KnownError, match="is not on this device"):
        receipts.issue(finalized.seizure_id, actor, copy=True)
    assert receipts.status(finalized.seizure_id).prints == 2


def test_a_reprint_takes_no_new_signatures(
    receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    receipts.issue(finalized.seizure_id, actor)
    with pytest.raises(ValueError, match="reprint"):
        receipts.issue(
            finalized.seizure_id,
            actor,
            copy=True,
            signatures=[SignatureInput("person", PERSON_PNG)],
        )


def test_original_twice_and_copy_first_are_refused(
    receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    with pytest.raises(ReceiptNotIssued, match="print the original first"):
        receipts.issue(finalized.seizure_id, actor, copy=True)
    receipts.issue(finalized.seizure_id, actor)
    with pytest.raises(ReceiptNotIssued, match="ask for a copy"):
        receipts.issue(finalized.seizure_id, actor)


@pytest.mark.parametrize(
    ("signatures", "problem"),
    [
        (
            [SignatureInput("person", None, declined=True)],
            (("signatures", 0, "note"), "officer_note_required"),
        ),
        (
            [
                SignatureInput("officer", OFFICER_PNG),
                SignatureInput("person", PERSON_PNG, declined=True, note="x"),
            ],
            (("signatures", 1, "sha256"), "signature_conflict"),
        ),
        ([SignatureInput("witness", None)], (("signatures", 0, "sha256"), "signature_required")),
        (
            [SignatureInput("person", PERSON_PNG), SignatureInput("person", PERSON_PNG)],
            (("signatures", 1, "role"), "signature_role_duplicate"),
        ),
    ],
)
def test_bad_signatures_are_refused_at_their_place_and_nothing_is_kept(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
    signatures: list[SignatureInput],
    problem: tuple[Any, str],
) -> None:
    before = _events(services)
    with pytest.raises(RecordInvalid) as caught:
        receipts.issue(finalized.seizure_id, actor, signatures=signatures)
    assert problem in [(p.path, p.code) for p in caught.value.problems]
    assert _events(services) == before
    assert _stored(attachments) == []
    assert receipts.issue(finalized.seizure_id, actor).receipt_number.endswith("-R000001")


def test_a_picture_that_is_not_an_image_is_refused(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
) -> None:
    before = _events(services)
    with pytest.raises(ReceiptRefused, match="not a picture"):
        receipts.issue(
            finalized.seizure_id, actor, signatures=[SignatureInput("person", b"not a png")]
        )
    assert _events(services) == before
    assert _stored(attachments) == []


def test_role_that_does_not_sign_a_seizure_receipt(
    receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    with pytest.raises(ValueError, match="released_by"):
        receipts.issue(
            finalized.seizure_id, actor, signatures=[SignatureInput("released_by", OFFICER_PNG)]
        )


def test_drawn_signatures_need_an_attachment_store(
    services: FieldServices, actor: Actor, finalized: Any
) -> None:
    with pytest.raises(ValueError, match="AttachmentStore"):
        Receipts(services.store).issue(
            finalized.seizure_id, actor, signatures=[SignatureInput("person", PERSON_PNG)]
        )
    # Nothing was logged: the receipt can still be issued properly.
    assert Receipts(services.store).status(finalized.seizure_id).prints == 0


def test_auditor_may_not_issue(
    receipts: Receipts,
    auditor: Actor,
    finalized: Any,
    services: FieldServices,
    actor: Actor,
    attachments: AttachmentStore,
    samples: Any,
) -> None:
    with pytest.raises(PermissionDenied):
        receipts.issue(finalized.seizure_id, auditor)
    transfer = _transfer(services, attachments, samples, finalized.seizure_id, actor)
    with pytest.raises(PermissionDenied):
        receipts.issue_transfer(transfer, auditor)
    # Reading and previewing stay open to an auditor.
    assert receipts.status(finalized.seizure_id).prints == 0
    assert receipts.preview(transfer).startswith(b"%PDF")


def test_a_blank_quantity_is_still_refused_and_costs_nothing(
    services: FieldServices, receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    # A record synced from an older device can hold what finalizing here refuses.
    _, data = receipts._record(finalized.seizure_id)
    data["items"][0]["quantity"] = {"empty": "no_information", "reason": "unknown"}
    with services.store.transaction() as db:
        services.store.append(
            db,
            record_id="seizure-blank",
            record_type="seizure",
            kind=Kind.FINALIZED,
            author=actor.officer_id,
            payload={**data, "id": "seizure-blank"},
        )
    before = _events(services)
    with pytest.raises(ReceiptRefused, match=r"Exhibit E1 .* blank quantity"):
        receipts.issue("seizure-blank", actor)
    with pytest.raises(ReceiptRefused, match="blank quantity"):
        receipts.preview("seizure-blank")
    assert _events(services) == before
    assert receipts.issue(finalized.seizure_id, actor).receipt_number.endswith("-R000001")


def test_only_seizures_and_transfers_have_receipts(
    receipts: Receipts, actor: Actor, make_finalized: Any, samples: Any, services: FieldServices
) -> None:
    own = make_finalized(seizure=samples.seizure(detained_person_property=True))
    returned = services.custody.return_property(
        samples.property_return(own.seizure_id, ["E2"]), actor
    )
    with pytest.raises(NotFound, match="seizures and custody transfers"):
        receipts.issue(returned.record_id, actor)
    with pytest.raises(NotFound, match="no finalized record"):
        receipts.preview("no-such-record")
    lone = make_finalized(with_seizure=False)
    with pytest.raises(NotFound, match="has no seizure"):
        receipts.issue(lone.encounter_id, actor)


def test_bad_page_size_is_a_sentence(receipts: Receipts, finalized: Any, actor: Actor) -> None:
    with pytest.raises(KnownError, match="'legal' is not a page size"):
        receipts.issue(finalized.seizure_id, actor, page_size="legal")


def test_thermal_receipt_through_the_service(
    receipts: Receipts, actor: Actor, finalized: Any
) -> None:
    issued = receipts.issue(
        finalized.seizure_id, actor, page_size="thermal80", signatures=_signed()
    )
    assert {round(w) for w, _ in page_sizes(issued.pdf)} == {227}
    assert issued.event.payload["page_size"] == "thermal80"
    (decoded,) = qr_codes(issued.pdf, scale=4)
    assert issued.receipt_number in decoded


# -------------------------------------------------------------------------- transfers


def test_transfer_receipt_issue_and_reprint(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
    samples: Any,
) -> None:
    seizure_receipt = receipts.issue(finalized.seizure_id, actor)
    transfer = _transfer(services, attachments, samples, finalized.seizure_id, actor)
    data_before, columns_before = _row(services, transfer)
    chain_before = services.custody.chain(finalized.seizure_id, "E1")

    issued = receipts.issue_transfer(transfer, actor, verify_url="https://hq.example.org")
    # One counter for both kinds of receipt on this device.
    assert seizure_receipt.receipt_number.endswith("-R000001")
    assert issued.receipt_number.endswith("-R000002")
    assert issued.event.record_id == transfer
    assert issued.event.record_type == "custody_transfer"
    assert issued.event.kind == Kind.RECEIPT_ISSUED
    marks = issued.event.payload["signatures"]
    assert [m["role"] for m in marks] == ["released_by", "received_by"]
    text = all_text(issued.pdf)
    for expected in ("Custody transfer receipt", "Luis Ñáñez", "Firma en la FGR.", "Transfer no."):
        assert expected in text
    assert sum(image_counts(issued.pdf)) == 1
    (decoded,) = qr_codes(issued.pdf)
    assert f"record={transfer}" in decoded

    # The print changes no data of the transfer, its list row or the chain.
    assert _row(services, transfer) == (data_before, columns_before)
    assert services.custody.chain(finalized.seizure_id, "E1") == chain_before
    assert receipts.status(transfer) == ReceiptStatus(issued.receipt_number, 1)
    assert receipts.status(finalized.seizure_id) == ReceiptStatus(seizure_receipt.receipt_number, 1)

    again = receipts.issue(transfer, actor, copy=True)  # issue() hands a transfer on
    assert (again.receipt_number, again.copy_number) == (issued.receipt_number, 1)
    assert "COPY / COPIA 1" in all_text(again.pdf)
    assert again.event.payload["record_hash"] == issued.event.payload["record_hash"]
    assert receipts.status(transfer).prints == 2
    view = q.get_record(services.store.conn, transfer)
    assert not view.needs_review
    assert [e.kind for e in view.history].count(Kind.RECEIPT_ISSUED) == 2
    assert services.store.verify().ok


def test_transfer_prints_survive_a_rebuild(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
    samples: Any,
) -> None:
    transfer = _transfer(services, attachments, samples, finalized.seizure_id, actor)
    receipts.issue_transfer(transfer, actor)
    before = _row(services, transfer)
    links = _links(services)
    services.store.rebuild()
    assert _row(services, transfer) == before
    assert _links(services) == links
    state = projections.compute_state(
        transfer, [e for e in services.store.events() if e.record_id == transfer]
    )
    assert state.record_type == "custody_transfer"
    assert state.data == json.loads(before[0])


def test_transfer_receipt_refusals(
    services: FieldServices,
    receipts: Receipts,
    attachments: AttachmentStore,
    actor: Actor,
    finalized: Any,
    samples: Any,
) -> None:
    transfer = _transfer(services, attachments, samples, finalized.seizure_id, actor)
    with pytest.raises(ValueError, match="transfer record"):
        receipts.issue(transfer, actor, signatures=[SignatureInput("person", PERSON_PNG)])
    with pytest.raises(NotFound, match="not a custody transfer"):
        receipts.issue_transfer(finalized.seizure_id, actor)
    with pytest.raises(ReceiptNotIssued, match="this transfer"):
        receipts.issue_transfer(transfer, actor, copy=True)
    # The releasing side's drawn signature must be on this device to print.
    released = services.store.conn.execute(
        "SELECT data FROM records WHERE id = ?", (transfer,)
    ).fetchone()[0]
    attachments.path_of(json.loads(released)["signatures"][0]["sha256"]).unlink()
    with pytest.raises(KnownError, match="not on this device"):
        receipts.issue_transfer(transfer, actor)
    assert receipts.status(transfer).prints == 0


def _row(services: FieldServices, record_id: str) -> tuple[str, tuple[Any, ...]]:
    row = services.store.conn.execute(
        "SELECT data, record_type, parent_id, occurred_at, officer_id, category, summary "
        "FROM records WHERE id = ?",
        (record_id,),
    ).fetchone()
    return str(row[0]), tuple(row[1:])


def _links(services: FieldServices) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in services.store.conn.execute("SELECT * FROM custody_links ORDER BY transfer_id")
    ]
