"""Issuing custody receipts: numbers made offline, every print recorded as an event.

A seizure's first receipt gets a number unique without any network
(checkpoint, device code and a per-device sequence); every print, the first
and each reprint, is a ``receipt_issued`` event on the seizure carrying the
number, the copy count and the SHA-256 of the exact PDF handed over.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from fieldapp.errors import KnownError, NotFound, PermissionDenied
from fieldapp.events import Event, Kind, now
from fieldapp.receipts import PersonSignature, render_receipt
from fieldapp.services.actor import Actor, Role
from fieldapp.store.store import Store


class ReceiptNotIssued(KnownError):
    """A reprint was asked for a seizure that has no receipt yet, or the reverse."""


@dataclass(frozen=True)
class IssuedReceipt:
    """One printed receipt: its number, which copy it is, the PDF and its event."""

    receipt_number: str
    copy_number: int
    pdf: bytes
    event: Event

    @property
    def pdf_sha256(self) -> str:
        """The hash of the PDF as handed over (recorded in the event)."""
        return hashlib.sha256(self.pdf).hexdigest()


class Receipts:
    """Issue and reprint receipts of finalized seizures."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _record(self, record_id: str) -> tuple[str, dict[str, Any]]:
        row = self.store.conn.execute(
            "SELECT record_type, data FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no finalized record {record_id}.")
        return str(row[0]), dict(json.loads(row[1]))

    def seizure_of(self, record_id: str) -> str:
        """The seizure a receipt is for: the record itself, or an encounter's only seizure."""
        record_type, _ = self._record(record_id)
        if record_type == "seizure":
            return record_id
        if record_type == "encounter":
            rows = self.store.conn.execute(
                "SELECT id FROM records WHERE parent_id = ? AND record_type = 'seizure' "
                "ORDER BY rowid",
                (record_id,),
            ).fetchall()
            if len(rows) == 1:
                return str(rows[0][0])
            if not rows:
                raise NotFound(f"Encounter {record_id} has no seizure, so it has no receipt.")
            ids = ", ".join(str(r[0]) for r in rows)
            raise KnownError(
                f"Encounter {record_id} has {len(rows)} seizures; name one of them: {ids}."
            )
        raise NotFound(f"Record {record_id} is a {record_type}; receipts are for seizures.")

    def issued(self, seizure_id: str) -> list[dict[str, Any]]:
        """Every print of a seizure's receipt so far, oldest first."""
        rows = self.store.conn.execute(
            "SELECT payload FROM events WHERE record_id = ? AND kind = ? ORDER BY pos",
            (seizure_id, Kind.RECEIPT_ISSUED),
        ).fetchall()
        return [dict(json.loads(r[0])) for r in rows]

    def issue(
        self,
        record_id: str,
        actor: Actor,
        *,
        copy: bool = False,
        verify_url: str | None = None,
        page_size: str = "letter",
        person_signature: PersonSignature | None = None,
    ) -> IssuedReceipt:
        """Print the receipt (``copy=False``, once) or a reprint (``copy=True``), and log it."""
        if actor.role == Role.AUDITOR:
            raise PermissionDenied("An auditor reads records but does not issue receipts.")
        seizure_id = self.seizure_of(record_id)
        _, seizure = self._record(seizure_id)
        earlier = self.issued(seizure_id)
        if copy and not earlier:
            raise ReceiptNotIssued(
                "No receipt has been issued for this seizure yet; print the original first."
            )
        if not copy and earlier:
            raise ReceiptNotIssued(
                f"Receipt {earlier[0]['receipt_number']} was already issued for this seizure; "
                "ask for a copy to reprint it."
            )
        encounter = None
        parent = seizure.get("encounter_id")
        if isinstance(parent, str):
            try:
                _, encounter = self._record(parent)
            except NotFound:
                encounter = None
        custody = [
            dict(json.loads(r[0]))
            for r in self.store.conn.execute(
                "SELECT data FROM records WHERE parent_id = ? AND record_type = "
                "'custody_transfer' ORDER BY occurred_at, rowid",
                (seizure_id,),
            )
        ]
        from fieldapp.models.reference import ReferenceData

        reference = ReferenceData.model_validate(self.store.reference_data() or {})
        with self.store.transaction() as db:
            head = db.execute(
                "SELECT head_hash FROM records WHERE id = ?", (seizure_id,)
            ).fetchone()[0]
            if earlier:
                number = str(earlier[0]["receipt_number"])
            else:
                n = self.store.next_counter(db, "receipt_number")
                checkpoint = seizure.get("checkpoint") or "NOCHK"
                number = f"{checkpoint}-{self.store.device.device_code}-R{n:06d}"
            issued_at = now()
            pdf = render_receipt(
                seizure,
                encounter,
                custody,
                reference,
                receipt_number=number,
                record_hash=str(head),
                issued_at=issued_at,
                copy_number=len(earlier),
                verify_url=verify_url,
                page_size="a4" if page_size == "a4" else "letter",
                person_signature=person_signature,
            )
            event = self.store.append(
                db,
                record_id=seizure_id,
                record_type="seizure",
                kind=Kind.RECEIPT_ISSUED,
                author=actor.officer_id,
                payload={
                    "receipt_number": number,
                    "copy_number": len(earlier),
                    "record_hash": str(head),
                    "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                    "page_size": page_size,
                    "issued_at": issued_at.isoformat(),
                },
                base=str(head),
            )
        return IssuedReceipt(number, len(earlier), pdf, event)
