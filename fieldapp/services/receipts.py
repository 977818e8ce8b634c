"""Issuing receipts: numbers made offline, every print recorded as an event.

A receipt is printed for a seizure (an encounter stands for its only seizure)
or for one custody transfer. Its first print gets a number unique without any
network (checkpoint, device code and a per-device sequence shared by both
kinds); every print, the first and each reprint, is a ``receipt_issued`` event
on the seizure or transfer, carrying the number, the copy count, the SHA-256
of the exact PDF handed over and the signatures printed on it.

Signatures drawn on screen are stored as attachments (by their SHA-256) when
the receipt is issued; a reprint prints the same ones again. A transfer's
signatures are part of the transfer record itself. A preview renders what
would be printed, watermarked, and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import KnownError, NotFound, Problem, RecordInvalid
from fieldapp.events import Event, Kind, now
from fieldapp.models.custody import SignatureMark, SignatureRole, signature_violations
from fieldapp.models.reference import ReferenceData
from fieldapp.receipts import (
    PAGE_SIZES,
    PageSize,
    SignatureImage,
    render_receipt,
    render_transfer_receipt,
)
from fieldapp.receipts import labels as L
from fieldapp.receipts.transfer import TRANSFER_ROLES
from fieldapp.services.actor import Actor
from fieldapp.services.permissions import Action, check
from fieldapp.store.store import Store

__all__ = [
    "IssuedReceipt",
    "ReceiptNotIssued",
    "ReceiptStatus",
    "Receipts",
    "SignatureInput",
]

_SEIZURE_ROLES = frozenset({SignatureRole.OFFICER, SignatureRole.WITNESS, SignatureRole.PERSON})


class ReceiptNotIssued(KnownError):
    """A reprint was asked for a record that has no receipt yet, or the reverse."""


@dataclass(frozen=True)
class SignatureInput:
    """One signature for a seizure receipt: the PNG drawn on screen, or declined with a note.

    ``role`` is ``"officer"``, ``"witness"`` or ``"person"``. A role left out
    gets an empty line on the paper, to be signed by hand.
    """

    role: str
    png: bytes | None
    declined: bool = False
    note: str | None = None


@dataclass(frozen=True)
class ReceiptStatus:
    """Whether a record's receipt was issued: its number, and how many times it was printed."""

    receipt_number: str | None
    prints: int
    """The original and every copy; 0 before the first print."""


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


@dataclass(frozen=True)
class _Subject:
    """What a receipt is printed for, with the records it prints."""

    kind: str  # "seizure" or "custody_transfer"
    record_id: str
    data: dict[str, Any]
    seizure: dict[str, Any]


class Receipts:
    """Preview, issue and reprint the receipts of finalized seizures and custody transfers."""

    def __init__(self, store: Store, attachments: AttachmentStore | None = None) -> None:
        self.store = store
        self.attachments = attachments
        self._reference: ReferenceData | None = None
        self._reference_source: object = None

    # -- reading

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
        raise NotFound(
            f"Record {record_id} is a {record_type.replace('_', ' ')}; receipts are printed "
            "for seizures and custody transfers."
        )

    def _subject(self, record_id: str) -> _Subject:
        record_type, data = self._record(record_id)
        if record_type == "custody_transfer":
            kind, seizure = self._record(str(data.get("seizure_id")))
            if kind != "seizure":  # pragma: no cover - transfers are checked when recorded
                raise NotFound(f"Transfer {record_id} does not belong to a seizure.")
            return _Subject("custody_transfer", record_id, data, seizure)
        seizure_id = self.seizure_of(record_id)
        if seizure_id != record_id:
            _, data = self._record(seizure_id)
        return _Subject("seizure", seizure_id, data, data)

    def status(self, record_id: str) -> ReceiptStatus:
        """The receipt number of a seizure or transfer and how often it was printed (one query).

        A record never printed, or unknown, has no number and 0 prints.
        """
        count, number = self.store.conn.execute(
            "SELECT count(*), min(json_extract(payload, '$.receipt_number')) FROM events "
            "WHERE record_id = ? AND kind = ?",
            (record_id, Kind.RECEIPT_ISSUED),
        ).fetchone()
        return ReceiptStatus(None if number is None else str(number), int(count))

    def issued(self, record_id: str) -> list[dict[str, Any]]:
        """Every print of a seizure's or transfer's receipt so far, oldest first."""
        rows = self.store.conn.execute(
            "SELECT payload FROM events WHERE record_id = ? AND kind = ? ORDER BY pos",
            (record_id, Kind.RECEIPT_ISSUED),
        ).fetchall()
        return [dict(json.loads(r[0])) for r in rows]

    def _reference_data(self) -> ReferenceData:
        raw = self.store.reference_data()
        # The store keeps one dict until new reference data arrives: validate once per dict.
        if self._reference is None or raw is not self._reference_source:
            self._reference = ReferenceData.model_validate(raw or {})
            self._reference_source = raw
        return self._reference

    def _record_hash(self, record_id: str) -> str:
        # The record's latest change, not its latest print: a reprint of an unchanged
        # record shows the same hash as the original it copies.
        row = self.store.conn.execute(
            "SELECT hash FROM events WHERE record_id = ? AND kind != ? ORDER BY pos DESC LIMIT 1",
            (record_id, Kind.RECEIPT_ISSUED),
        ).fetchone()
        return "" if row is None else str(row[0])

    # -- signatures

    def _checked_inputs(self, signatures: Sequence[SignatureInput]) -> list[SignatureMark]:
        """The marks of signatures given for a seizure receipt, checked by the model's rules."""
        marks = []
        for signature in signatures:
            try:
                role = SignatureRole(signature.role)
            except ValueError:
                raise ValueError(f"unknown signature role {signature.role!r}") from None
            if role not in _SEIZURE_ROLES:
                raise ValueError(f"a {role.value} signature does not belong on a seizure receipt")
            digest = None if signature.png is None else hashlib.sha256(signature.png).hexdigest()
            marks.append(
                SignatureMark.model_construct(
                    role=role,
                    sha256=digest,
                    declined=signature.declined,
                    note=signature.note.strip() if signature.note else signature.note,
                )
            )
        problems = [
            Problem(v.loc, v.code, v.message.split(": ", 1)[-1])
            for v in signature_violations(marks)
        ]
        if problems:
            raise RecordInvalid("receipt", problems)
        return marks

    def _images(self, marks: Sequence[dict[str, Any]], whose: str) -> list[SignatureImage]:
        """Signatures to print from recorded marks, their PNGs read back from the attachments."""
        images = []
        for mark in marks:
            digest = mark.get("sha256")
            if mark.get("declined"):
                images.append(SignatureImage(str(mark["role"]), None, True, mark.get("note")))
            elif isinstance(digest, str):
                images.append(SignatureImage(str(mark["role"]), self._read_png(digest, whose)))
        return images

    def _read_png(self, digest: str, whose: str) -> bytes:
        if self.attachments is None:
            raise ValueError("Receipts needs an AttachmentStore to print drawn signatures")
        try:
            return self.attachments.read_bytes(digest)
        except KnownError as exc:
            raise KnownError(
                f"A signature on {whose} ({digest[:12]}…) is not on this device; it may not "
                "have been synced down yet, so the receipt cannot be printed with it."
            ) from exc

    def _store_pngs(self, signatures: Sequence[SignatureInput]) -> None:
        drawn = [s for s in signatures if s.png is not None and not s.declined]
        if not drawn:
            return
        if self.attachments is None:
            raise ValueError("Receipts needs an AttachmentStore to keep drawn signatures")
        for signature in drawn:
            assert signature.png is not None
            self.attachments.add_bytes(signature.png, f"signature-{signature.role}.png")

    # -- rendering

    def _render(
        self,
        subject: _Subject,
        *,
        receipt_number: str,
        record_hash: str,
        issued_at: datetime,
        copy_number: int,
        verify_url: str | None,
        page_size: PageSize,
        signatures: Sequence[SignatureImage],
        preview: bool,
    ) -> bytes:
        reference = self._reference_data()
        common: dict[str, Any] = {
            "receipt_number": receipt_number,
            "record_hash": record_hash,
            "issued_at": issued_at,
            "copy_number": copy_number,
            "verify_url": verify_url,
            "page_size": page_size,
            "signatures": signatures,
            "preview": preview,
        }
        if subject.kind == "custody_transfer":
            return render_transfer_receipt(subject.data, subject.seizure, reference, **common)
        seizure = subject.seizure
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
                (subject.record_id,),
            )
        ]
        return render_receipt(seizure, encounter, custody, reference, **common)

    def _transfer_marks(self, subject: _Subject) -> list[dict[str, Any]]:
        # Only the roles a transfer receipt has boxes for.
        printed = {role.value for role in TRANSFER_ROLES}
        return [
            dict(mark)
            for mark in subject.data.get("signatures") or []
            if isinstance(mark, dict) and mark.get("role") in printed
        ]

    def preview(
        self,
        record_id: str,
        *,
        page_size: str = "letter",
        verify_url: str | None = None,
        signatures: Sequence[SignatureInput] = (),
    ) -> bytes:
        """The receipt as it would print now, marked PREVIEW across every page; nothing is written.

        Before the first print the number reads "not issued yet"; after it, the
        preview is of the next copy, with the original's number and signatures.
        ``signatures`` are used only for a seizure's first print: a copy prints
        the original's and a transfer prints its own.
        """
        size = _page_size(page_size)
        subject = self._subject(record_id)
        earlier = self.issued(subject.record_id)
        images: list[SignatureImage]
        if subject.kind == "custody_transfer":
            images = self._images(self._transfer_marks(subject), "this transfer")
        elif earlier:
            images = self._images(earlier[0].get("signatures") or [], "this receipt")
        else:
            self._checked_inputs(signatures)
            images = [_image(s) for s in signatures]
        number = str(earlier[0]["receipt_number"]) if earlier else L.bilingual("not_issued")
        return self._render(
            subject,
            receipt_number=number,
            record_hash=self._record_hash(subject.record_id),
            issued_at=now(),
            copy_number=len(earlier),
            verify_url=verify_url,
            page_size=size,
            signatures=images,
            preview=True,
        )

    # -- issuing

    def issue(
        self,
        record_id: str,
        actor: Actor,
        *,
        copy: bool = False,
        verify_url: str | None = None,
        page_size: str = "letter",
        signatures: Sequence[SignatureInput] = (),
    ) -> IssuedReceipt:
        """Print a seizure's receipt (once) or, with ``copy=True``, a reprint; log each print.

        The drawn signatures are stored as attachments and named in the event; a
        reprint prints the original's signatures again. A custody transfer's id
        is accepted too and issues its transfer receipt (:meth:`issue_transfer`).

        Raises:
            PermissionDenied: the actor is an auditor.
            ReceiptNotIssued: a copy before the original, or a second original.
            RecordInvalid: a signature both drawn and declined, declined without
                the officer's note, or two of one role.
            ReceiptRefused: a blank quantity, weight or count, or a picture that
                cannot be printed.
            ValueError: signatures given for a reprint or a transfer, or with a
                role that does not sign a seizure receipt.
        """
        subject = self._subject(record_id)
        if subject.kind == "custody_transfer":
            if signatures:
                raise ValueError("a transfer receipt prints the signatures of the transfer record")
            return self.issue_transfer(
                subject.record_id, actor, copy=copy, verify_url=verify_url, page_size=page_size
            )
        if copy and signatures:
            raise ValueError("a reprint prints the original's signatures; give none")
        return self._issue(subject, actor, copy, verify_url, page_size, signatures)

    def issue_transfer(
        self,
        transfer_id: str,
        actor: Actor,
        *,
        copy: bool = False,
        verify_url: str | None = None,
        page_size: str = "letter",
    ) -> IssuedReceipt:
        """Print a custody transfer's receipt (or a reprint) with its own signatures; log it.

        The number comes from the same per-device counter as seizure receipts;
        the ``receipt_issued`` event is on the transfer record.
        """
        subject = self._subject(transfer_id)
        if subject.kind != "custody_transfer":
            raise NotFound(f"Record {transfer_id} is not a custody transfer.")
        return self._issue(subject, actor, copy, verify_url, page_size, ())

    def _issue(
        self,
        subject: _Subject,
        actor: Actor,
        copy: bool,
        verify_url: str | None,
        page_size: str,
        signatures: Sequence[SignatureInput],
    ) -> IssuedReceipt:
        check(actor, Action.ISSUE_RECEIPT)
        size = _page_size(page_size)
        what = "transfer" if subject.kind == "custody_transfer" else "seizure"
        earlier = self.issued(subject.record_id)
        if copy and not earlier:
            raise ReceiptNotIssued(
                f"No receipt has been issued for this {what} yet; print the original first."
            )
        if not copy and earlier:
            raise ReceiptNotIssued(
                f"Receipt {earlier[0]['receipt_number']} was already issued for this {what}; "
                "ask for a copy to reprint it."
            )
        marks: list[dict[str, Any]]
        if subject.kind == "custody_transfer":
            marks = self._transfer_marks(subject)
            images = self._images(marks, "this transfer")
        elif earlier:
            marks = [dict(m) for m in earlier[0].get("signatures") or []]
            images = self._images(marks, "this receipt")
        else:
            marks = [m.model_dump(mode="json") for m in self._checked_inputs(signatures)]
            images = [_image(s) for s in signatures]
        record_hash = self._record_hash(subject.record_id)
        with self.store.transaction() as db:
            head = db.execute(
                "SELECT head_hash FROM records WHERE id = ?", (subject.record_id,)
            ).fetchone()[0]
            if earlier:
                number = str(earlier[0]["receipt_number"])
            else:
                n = self.store.next_counter(db, "receipt_number")
                checkpoint = subject.seizure.get("checkpoint") or "NOCHK"
                number = f"{checkpoint}-{self.store.device.device_code}-R{n:06d}"
            issued_at = now()
            pdf = self._render(
                subject,
                receipt_number=number,
                record_hash=record_hash,
                issued_at=issued_at,
                copy_number=len(earlier),
                verify_url=verify_url,
                page_size=size,
                signatures=images,
                preview=False,
            )
            # Stored once the receipt has rendered, before it is logged: a refused
            # receipt keeps nothing, and a logged one never names a missing picture.
            if not earlier:
                self._store_pngs(signatures)
            event = self.store.append(
                db,
                record_id=subject.record_id,
                record_type=subject.kind,
                kind=Kind.RECEIPT_ISSUED,
                author=actor.officer_id,
                payload={
                    "receipt_number": number,
                    "copy_number": len(earlier),
                    "record_hash": record_hash,
                    "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                    "page_size": size,
                    "issued_at": issued_at.isoformat(),
                    "signatures": marks,
                },
                base=str(head),
            )
        return IssuedReceipt(number, len(earlier), pdf, event)


def _page_size(text: str) -> PageSize:
    for size in ("letter", "a4", "thermal80"):
        if text == size:
            return size
    raise KnownError(
        f"{text!r} is not a page size for receipts; use one of {', '.join(PAGE_SIZES)}."
    )


def _image(signature: SignatureInput) -> SignatureImage:
    return SignatureImage(
        signature.role,
        None if signature.declined else signature.png,
        signature.declined,
        signature.note,
    )
