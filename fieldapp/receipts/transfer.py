"""Render the receipt of one custody transfer (a hand-over of exhibits) as PDF bytes.

The same kind of pure function as the seizure receipt: bilingual, with the
hand-over's facts, both parties, the exhibits handed over with their seals and
gross weights, both sides' signatures and a verification QR code. One receipt
serves a hand-over between a US and a Mexican agency: it is one chain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from reportlab.platypus import KeepTogether  # type: ignore[import-untyped]

from fieldapp.models.custody import CustodyTransfer, SignatureRole
from fieldapp.models.reference import ReferenceData
from fieldapp.models.seizure import Item, Seizure
from fieldapp.receipts import labels as L
from fieldapp.receipts.blocks import Blocks, Slot, quantity_text, text
from fieldapp.receipts.layout import Geometry, PageSize, geometry
from fieldapp.receipts.pages import Furniture, ReceiptRefused, build_pdf
from fieldapp.receipts.render import check_items, parse_record, receipt_payload
from fieldapp.receipts.signatures import CheckedSignature, SignatureImage, by_role

__all__ = ["TRANSFER_ROLES", "render_transfer_receipt"]

TRANSFER_ROLES = (SignatureRole.RELEASED_BY, SignatureRole.RECEIVED_BY, SignatureRole.WITNESS)
"""The signatures a transfer receipt prints: both sides, and a witness if one signed."""


def render_transfer_receipt(
    transfer: Mapping[str, Any],
    seizure: Mapping[str, Any],
    reference: ReferenceData,
    *,
    receipt_number: str,
    record_hash: str,
    issued_at: datetime,
    copy_number: int = 0,
    verify_url: str | None = None,
    page_size: PageSize = "letter",
    signatures: Sequence[SignatureImage] = (),
    preview: bool = False,
) -> bytes:
    """Render the bilingual receipt of the custody transfer ``transfer`` and return the PDF bytes.

    Args:
        transfer: the stored custody-transfer record JSON.
        seizure: the stored record JSON of the seizure the exhibits belong to.
        reference: reference data for agency and checkpoint names.
        receipt_number: the receipt's own number (from the device's receipt counter).
        record_hash: SHA-256 hex of the transfer record, printed and put in the QR code.
        issued_at: when the receipt is printed (timezone-aware).
        copy_number: 0 for the original; n > 0 marks the n-th reprint "COPY / COPIA n".
        verify_url: HQ's address; when given the QR code is a verification URL.
        page_size: ``"letter"``, ``"a4"`` or ``"thermal80"``.
        signatures: the releasing and receiving sides' marks (and a witness's);
            a side without a mark gets an empty line to sign on paper.
        preview: print "PREVIEW — NOT A RECEIPT" across every page.

    Raises:
        ReceiptRefused: an exhibit handed over is not in the seizure or has a
            blank quantity or drug gross weight, a signature is declined without
            the officer's note, or a record is not valid.
        ValueError: a negative copy number, an unknown page size, or a signature
            role that does not sign a transfer receipt.
    """
    hand_over = parse_record(CustodyTransfer, transfer, "custody transfer")
    number = str(seizure.get("seizure_number", "?"))
    by_number = {str(item.get("exhibit_number")): item for item in seizure.get("items") or []}
    missing = [n for n in hand_over.exhibit_numbers if n not in by_number]
    if missing:
        raise ReceiptRefused(
            f"Transfer {hand_over.sequence} of seizure {number} hands over exhibit "
            f"{', '.join(missing)}, which the seizure does not list."
        )
    check_items([by_number[n] for n in hand_over.exhibit_numbers], number)
    record = parse_record(Seizure, seizure, "seizure")
    if copy_number < 0:
        raise ValueError("copy_number must be 0 (original) or a positive reprint count")
    marks = by_role(signatures, TRANSFER_ROLES)
    page = geometry(page_size)
    builder = _TransferReceipt(hand_over, record, reference, page, marks)
    payload = receipt_payload(receipt_number, hand_over.id, record_hash, verify_url)
    story: list[Any] = [
        builder.facts(issued_at),
        builder.parties(),
        KeepTogether(
            [
                *builder.section("verification"),
                builder.verification(payload, receipt_number, record_hash, bool(verify_url)),
            ]
        ),
        *builder.section("exhibits"),
        *builder.exhibits(),
        KeepTogether([*builder.section("signatures"), builder.signatures()]),
    ]
    furniture = Furniture(
        geometry=page,
        agency=builder.agency,
        title=L.LABELS["title_transfer"],
        numbers=(
            (L.bilingual("receipt_number"), receipt_number),
            (L.bilingual("seizure_number"), record.seizure_number),
            (L.bilingual("transfer_number"), str(hand_over.sequence)),
        ),
        copy_number=copy_number,
        preview=preview,
    )
    return build_pdf(
        story,
        furniture,
        title=f"{L.bilingual('receipt_number')} {receipt_number}",
        author=builder.agency,
    )


class _TransferReceipt(Blocks):
    """Turns one parsed transfer and its seizure into platypus flowables."""

    def __init__(
        self,
        transfer: CustodyTransfer,
        seizure: Seizure,
        reference: ReferenceData,
        page: Geometry,
        marks: Mapping[SignatureRole, CheckedSignature],
    ) -> None:
        super().__init__(reference, page, seizure.checkpoint)
        self.transfer = transfer
        self.seizure = seizure
        self.marks = marks
        self.agency = self.agency_name(transfer.released_by.agency)

    def facts(self, issued_at: datetime) -> Any:
        """When, where from, why and how; the seal and the condition."""
        t = self.transfer
        purpose = L.purpose_label(t.purpose.value)
        if t.purpose_detail:
            purpose += f": {t.purpose_detail}"
        left: list[Any] = [
            *self.field("date_time", self.when(t.transferred_at)),
            *self.field("seizure_place", self.place(self.seizure.checkpoint)),
            *self.field("purpose", purpose),
            *self.field("route", t.route),
        ]
        right: list[Any] = [
            *self.field("seal_intact", L.bilingual("yes" if t.seal_intact else "no")),
        ]
        if not t.seal_intact:
            right += self.field("seal_broken_reason", text(t.seal_broken_reason))
        right += [
            *self.field("condition", t.condition),
            *self.field("issued", self.when(issued_at)),
        ]
        return self.columns(left, right)

    def parties(self) -> Any:
        """Released by beside received by: name, agency, ID number, country."""
        s = self.styles
        sides = []
        for key in ("released_by", "received_by"):
            block: list[Any] = [self.p(L.bilingual(key), s.head)]
            for label, value in self.party(getattr(self.transfer, key)):
                block += self.field(label, value)
            sides.append(block)
        return self.columns(sides[0], sides[1])

    def _item(self, number: str) -> Item:
        found = self.seizure.item(number)
        if found is None:  # checked on the raw record before parsing
            raise ReceiptRefused(f"Exhibit {number} is not in the seizure.")
        return found

    def exhibits(self) -> list[Any]:
        """The exhibits handed over: description, quantity, gross weight, seals."""
        s = self.styles
        packages = self.seizure.packages
        items = [self._item(number) for number in self.transfer.exhibit_numbers]
        if self.compact:
            return [
                self.record(
                    f"{L.bilingual('exhibit')} {item.exhibit_number}",
                    [
                        ("description", f"{self.category(item)}\n{item.description}"),
                        ("quantity", quantity_text(item.quantity)),
                        ("gross_weight", quantity_text(item.gross_weight)),
                        ("seals", self.seals(packages, item.exhibit_number)),
                    ],
                )
                for item in items
            ]
        rows: list[list[Any]] = [
            [
                self.p(L.bilingual(key), s.head)
                for key in ("exhibit", "description", "quantity", "gross_weight", "seals")
            ]
        ]
        for item in items:
            rows.append(
                [
                    self.p(item.exhibit_number),
                    self.lines(f"{self.category(item)}\n{item.description}"),
                    self.p(quantity_text(item.quantity)),
                    self.p(quantity_text(item.gross_weight)),
                    self.p(self.seals(packages, item.exhibit_number), s.small),
                ]
            )
        return [self.grid(rows, (0.1, 0.42, 0.13, 0.13, 0.22), header=True)]

    def signatures(self) -> Any:
        """Both sides' signatures, and a witness's if one signed."""
        slots = []
        for role in TRANSFER_ROLES:
            mark = self.marks.get(role)
            if role is SignatureRole.WITNESS:
                if mark is None:
                    continue
                name = "—"
            else:
                name = text(getattr(self.transfer, role.value).name)
            key = role.value
            if mark is None:
                slots.append(Slot(key, name))
            else:
                slots.append(
                    Slot(key, name, image=mark.image, declined=mark.declined, note=mark.note)
                )
        return self.signature_row(slots)
