"""Render the custody receipt of a finalized seizure as PDF bytes (reportlab).

A pure function of the stored record JSON, its custody history, the reference
data and the signatures: no Qt, no network, no clock (``issued_at`` is passed
in), so the same inputs give the same bytes and the printed PDF's hash can be
recorded in a ``receipt_issued`` event and checked later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import ValidationError
from reportlab.platypus import KeepTogether, Spacer  # type: ignore[import-untyped]

from fieldapp.models.common import NoInformation, skip_rules_context
from fieldapp.models.custody import CustodyTransfer, SignatureRole
from fieldapp.models.encounter import Encounter
from fieldapp.models.reference import ReferenceData
from fieldapp.models.seizure import CurrencyCount, FieldTest, Item, ItemCategory, Seizure
from fieldapp.receipts import labels as L
from fieldapp.receipts.blocks import SHADE, Blocks, Slot, lookup, money, quantity_text, text
from fieldapp.receipts.layout import Geometry, PageSize, geometry
from fieldapp.receipts.pages import Furniture, ReceiptRefused, build_pdf
from fieldapp.receipts.signatures import CheckedSignature, SignatureImage, by_role

__all__ = [
    "ReceiptRefused",
    "check_items",
    "parse_record",
    "receipt_payload",
    "render_receipt",
]

_SEIZURE_ROLES = (SignatureRole.OFFICER, SignatureRole.WITNESS, SignatureRole.PERSON)


def receipt_payload(
    receipt_number: str, record_id: str, record_hash: str, verify_url: str | None = None
) -> str:
    """The text carried by the receipt's QR code.

    With an HQ address it is a URL of HQ's verification page; without one, a
    compact ``receipt=...;record=...;hash=...`` that an offline checker can parse.
    """
    if verify_url:
        base = verify_url.rstrip("/")
        return f"{base}/verify/{quote(receipt_number, safe='')}?record={record_id}&h={record_hash}"
    return f"receipt={receipt_number};record={record_id};hash={record_hash}"


def render_receipt(
    seizure: Mapping[str, Any],
    encounter: Mapping[str, Any] | None,
    custody: Sequence[Mapping[str, Any]],
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
    copy_handed_over: bool | None = None,
) -> bytes:
    """Render the bilingual custody receipt of ``seizure`` and return the PDF bytes.

    Args:
        seizure: the stored seizure record JSON.
        encounter: the stored encounter record JSON, if the seizure belongs to one.
        custody: the stored custody-transfer records of the seizure, any order.
        reference: reference data for agency, checkpoint,
            officer and legal-power names.
        receipt_number: the receipt's own number (checkpoint + device + sequence).
        record_hash: SHA-256 hex of the finalized record, printed and put in the QR code.
        issued_at: when the receipt is printed (timezone-aware).
        copy_number: 0 for the original; n > 0 marks the n-th reprint "COPY / COPIA n".
        verify_url: HQ's address; when given the QR code is a verification URL.
        page_size: ``"letter"``, ``"a4"`` or ``"thermal80"`` (80 mm roll, one column).
        signatures: the officer's, the witness's and the person's marks; a role
            without a mark gets an empty line to sign on paper.
        preview: print "PREVIEW — NOT A RECEIPT" across every page.
        copy_handed_over: overrides the encounter's ``receipt.given``; None with no
            encounter prints tick boxes to fill in by hand.

    Raises:
        ReceiptRefused: a quantity, drug gross weight or currency count is blank,
            a signature is declined without the officer's note, or the record is
            not a valid seizure.
        ValueError: a negative copy number, an unknown page size, or a signature
            role that does not sign a seizure receipt.
    """
    check_items(seizure.get("items") or [], str(seizure.get("seizure_number", "?")))
    record = parse_record(Seizure, seizure, "seizure")
    stop = parse_record(Encounter, encounter, "encounter") if encounter is not None else None
    transfers = sorted(
        (parse_record(CustodyTransfer, item, "custody transfer") for item in custody),
        key=lambda transfer: transfer.sequence,
    )
    if copy_number < 0:
        raise ValueError("copy_number must be 0 (original) or a positive reprint count")
    marks = by_role(signatures, _SEIZURE_ROLES)
    if SignatureRole.WITNESS in marks and not isinstance(record.witness_id, str):
        raise ReceiptRefused("A witness signature was given but the seizure names no witness.")
    if copy_handed_over is None and stop is not None and stop.receipt is not None:
        copy_handed_over = stop.receipt.given
    page = geometry(page_size)
    builder = _SeizureReceipt(record, stop, transfers, reference, page, marks)
    story = builder.story(
        receipt_number=receipt_number,
        record_hash=record_hash,
        issued_at=issued_at,
        verify_url=verify_url,
        copy_handed_over=copy_handed_over,
    )
    furniture = Furniture(
        geometry=page,
        agency=builder.agency,
        title=L.LABELS["title"],
        numbers=(
            (L.bilingual("receipt_number"), receipt_number),
            (L.bilingual("seizure_number"), record.seizure_number),
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


# --------------------------------------------------------------------------- checks


def _is_blank(value: object) -> bool:
    # Raw JSON: a missing key, null, empty text and a NoInformation object are all blank.
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return isinstance(value, Mapping) and value.get("empty") is not None


def _blank_quantity(value: object) -> bool:
    return _is_blank(value) or not isinstance(value, Mapping) or _is_blank(value.get("amount"))


def check_items(items: Sequence[Mapping[str, Any]], number: str) -> None:
    """Refuse items whose receipt would have a blank amount, quantity or weight.

    Checked on the raw JSON, before model validation, so that the officer gets a
    sentence naming the exhibit rather than a validation error path.
    """
    if not items:
        raise ReceiptRefused(f"Seizure {number} lists no items; there is nothing to receipt.")
    for position, item in enumerate(items, start=1):
        exhibit = item.get("exhibit_number") or f"#{position}"
        where = f"Exhibit {exhibit} of seizure {number}"
        if _blank_quantity(item.get("quantity")):
            raise ReceiptRefused(
                f"{where} has a blank quantity; enter it before printing the receipt."
            )
        if item.get("category") == ItemCategory.DRUG and _blank_quantity(item.get("gross_weight")):
            raise ReceiptRefused(
                f"{where} is a drug without a gross weight; weigh it before printing the receipt."
            )
        count = item.get("currency_count")
        if isinstance(count, Mapping) and count.get("empty") is None:
            for line_no, line in enumerate(count.get("lines") or [], start=1):
                for field, what in (("denomination", "denomination"), ("count", "count")):
                    if _is_blank(line.get(field)):
                        raise ReceiptRefused(
                            f"{where}: currency line {line_no} has no {what}; "
                            "complete the count before printing the receipt."
                        )


_M = TypeVar("_M", Seizure, Encounter, CustodyTransfer)


def parse_record(model: type[_M], data: Mapping[str, Any], what: str) -> _M:
    """Re-read a stored record's structure (its rules were checked when it was finalized)."""
    try:
        return model.model_validate(dict(data), context=skip_rules_context())
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(part) for part in first["loc"]) or "(record)"
        raise ReceiptRefused(
            f"The {what} record cannot be printed: {path}: {first['msg']}."
        ) from exc


# --------------------------------------------------------------------------- body


class _SeizureReceipt(Blocks):
    """Turns one parsed seizure (and its context) into platypus flowables."""

    def __init__(
        self,
        seizure: Seizure,
        encounter: Encounter | None,
        transfers: list[CustodyTransfer],
        reference: ReferenceData,
        page: Geometry,
        marks: Mapping[SignatureRole, CheckedSignature],
    ) -> None:
        super().__init__(reference, page, seizure.checkpoint)
        self.seizure = seizure
        self.encounter = encounter
        self.transfers = transfers
        self.marks = marks
        officer = lookup(reference.officer, seizure.officer_id)
        if officer is not None:
            self.agency = self.agency_name(officer.agency)
        elif self.checkpoint is not None:
            self.agency = self.agency_name(self.checkpoint.agency)
        else:
            self.agency = ""

    def story(
        self,
        *,
        receipt_number: str,
        record_hash: str,
        issued_at: datetime,
        verify_url: str | None,
        copy_handed_over: bool | None,
    ) -> list[Any]:
        """Every flowable of the receipt, in reading order."""
        payload = receipt_payload(receipt_number, self.seizure.id, record_hash, verify_url)
        # Verification comes right after the facts so that the QR code is always
        # on page 1, however many pages the item list takes.
        story: list[Any] = [
            self.facts(issued_at),
            KeepTogether(
                [
                    *self.section("verification"),
                    self.verification(payload, receipt_number, record_hash, bool(verify_url)),
                ]
            ),
            *self.section("items"),
            *self.items(),
        ]
        if self.seizure.has_currency:
            story += [*self.section("currency"), *self.currency()]
        story.append(
            KeepTogether(
                [Spacer(1, 6), self.signatures(), Spacer(1, 3), self.copy_line(copy_handed_over)]
            )
        )
        story += [*self.section("custody"), *self.custody()]
        story += [*self.section("next"), *self.next_steps()]
        return story

    def facts(self, issued_at: datetime) -> Any:
        """Date, place, reason, person, legal power: two columns (one on the roll)."""
        seizure = self.seizure
        who = seizure.seized_from
        power = lookup(self.reference.legal_power, seizure.legal_power)
        power_text = (
            f"{power.citation} — {power.name_en} / {power.name_es}"
            if power is not None
            else seizure.legal_power
        )
        left: list[Any] = [
            *self.field("date_time", self.when(seizure.seized_at)),
            *self.field("place", self.place(seizure.checkpoint)),
            *self.field("found_location", seizure.found_location),
            *self.field("reason", L.reason_label(seizure.reason.value)),
            *self.field("issued", self.when(issued_at)),
        ]
        if self.encounter is not None:
            left += self.field("encounter_number", self.encounter.reference_number)
        right: list[Any] = [
            *self.field("seized_from", text(who.name)),
            *self.field("address", text(who.address)),
            *self.field("contact", text(who.contact)),
        ]
        if isinstance(who.owner, str | NoInformation):
            right += self.field("owner", text(who.owner))
        right += self.field("legal_power", power_text)
        return self.columns(left, right)

    def description(self, item: Item) -> str:
        """Description plus the identifying details that apply."""
        parts = [item.description]
        for key in ("make", "model", "serial_number", "calibre", "vin", "plate"):
            value = getattr(item, key)
            if isinstance(value, str):
                parts.append(f"{L.LABELS[key][0]}/{L.LABELS[key][1]}: {value}")
            elif isinstance(value, NoInformation):
                parts.append(f"{L.LABELS[key][0]}/{L.LABELS[key][1]}: {L.bilingual('unknown')}")
        parts.append(f"{L.bilingual('condition')}: {item.condition}")
        if isinstance(item.field_test, FieldTest):
            result = item.field_test.result.value
            parts.append(f"{L.bilingual('field_test')}: {L.field_test_label(result)}")
        return "\n".join(parts)

    def items(self) -> list[Any]:
        """The item table (its header repeats on every page), or one block per item on the roll."""
        s = self.styles
        packages = self.seizure.packages
        if self.compact:
            return [
                self.record(
                    f"{L.bilingual('exhibit')} {item.exhibit_number}",
                    [
                        ("category", self.category(item)),
                        ("description", self.description(item)),
                        ("quantity", quantity_text(item.quantity)),
                        ("gross_weight", quantity_text(item.gross_weight)),
                        ("seals", self.seals(packages, item.exhibit_number)),
                    ],
                )
                for item in self.seizure.items
            ]
        header = [
            self.p(L.bilingual(key), s.head)
            for key in ("exhibit", "category", "description", "quantity", "gross_weight", "seals")
        ]
        rows: list[list[Any]] = [header]
        for item in self.seizure.items:
            rows.append(
                [
                    self.p(item.exhibit_number),
                    self.lines(self.category(item)),
                    self.lines(self.description(item)),
                    self.p(quantity_text(item.quantity)),
                    self.p(quantity_text(item.gross_weight)),
                    self.p(self.seals(packages, item.exhibit_number), s.small),
                ]
            )
        return [self.grid(rows, (0.08, 0.17, 0.38, 0.11, 0.11, 0.15), header=True)]

    def currency(self) -> list[Any]:
        """Currency by denomination, with a total per currency code."""
        s = self.styles
        keys: tuple[str, ...] = ("exhibit", "currency_code", "denomination", "count", "amount")
        if self.compact:
            # Four columns fit 72 mm: the currency code goes with the denomination.
            keys = ("exhibit", "denomination", "count", "amount")
        rows: list[list[Any]] = [[self.p(L.bilingual(key), s.head) for key in keys]]
        totals: dict[str, Decimal] = {}
        notes: list[Any] = []
        for item in self.seizure.items:
            count = item.currency_count
            if item.category is not ItemCategory.CURRENCY:
                continue
            if not isinstance(count, CurrencyCount):
                reason = item.count_deferred_reason or "—"
                notes.append(
                    self.p(
                        f"{L.bilingual('exhibit')} {item.exhibit_number}: "
                        f"{L.bilingual('count_deferred')}: {reason}",
                        s.small,
                    )
                )
                continue
            for line in count.lines:
                amount = line.denomination * line.count
                totals[line.currency] = totals.get(line.currency, Decimal(0)) + amount
                cells = [
                    self.p(item.exhibit_number),
                    self.p(line.currency),
                    self.p(money(line.denomination)),
                    self.p(str(line.count)),
                    self.p(f"{line.currency} {money(amount)}"),
                ]
                if self.compact:
                    cells[1:3] = [self.p(f"{line.currency} {money(line.denomination)}")]
                rows.append(cells)
            notes.append(
                self.p(
                    f"{L.bilingual('exhibit')} {item.exhibit_number}: "
                    f"{L.bilingual('counted_by')}: {self.officer(count.counted_by)}; "
                    f"{L.bilingual('witnessed_by')}: {self.officer(count.witnessed_by)}",
                    s.small,
                )
            )
        first_total = len(rows)
        last = len(keys) - 1
        for code in sorted(totals):
            rows.append(
                [
                    self.p(f"{L.bilingual('total')} {code}", s.head),
                    *[""] * (last - 1),
                    self.p(f"{code} {money(totals[code])}", s.head),
                ]
            )
        fractions = (0.17, 0.3, 0.17, 0.36) if self.compact else (0.12, 0.16, 0.22, 0.2, 0.3)
        extra: list[tuple[Any, ...]] = []
        if totals:
            extra = [("BACKGROUND", (0, first_total), (-1, -1), SHADE)] + [
                ("SPAN", (0, r), (last - 1, r)) for r in range(first_total, len(rows))
            ]
        table = self.grid(rows, fractions, header=True, extra=extra)
        return [table, *notes] if len(rows) > 1 else notes

    def signatures(self) -> Any:
        """Officer, witness and person: side by side (stacked on the roll)."""
        seizure = self.seizure
        has_witness = isinstance(seizure.witness_id, str)
        witness = (
            self.officer(seizure.witness_id)
            if isinstance(seizure.witness_id, str)
            else L.bilingual("none")
        )
        slots = [
            self._slot(SignatureRole.OFFICER, "officer", self.officer(seizure.officer_id)),
            self._slot(SignatureRole.WITNESS, "witness", witness, absent=not has_witness),
            self._slot(SignatureRole.PERSON, "person_signature", text(seizure.seized_from.name)),
        ]
        return self.signature_row(slots)

    def _slot(self, role: SignatureRole, key: str, name: str, absent: bool = False) -> Slot:
        mark = self.marks.get(role)
        if mark is None:
            return Slot(key, name, absent=absent)
        return Slot(key, name, image=mark.image, declined=mark.declined, note=mark.note)

    def copy_line(self, given: bool | None) -> Any:
        """Whether the person was handed a copy; tick boxes when not known yet."""
        yes, no = L.bilingual("yes"), L.bilingual("no")
        if given is None:
            answer = f"☐ {yes}    ☐ {no}"
        else:
            answer = f"☒ {yes}    ☐ {no}" if given else f"☐ {yes}    ☒ {no}"
        return self.p(f"{L.bilingual('copy_given')}: {answer}", self.styles.body)

    def _party_text(self, transfer: CustodyTransfer, side: str) -> str:
        party = getattr(transfer, side)
        return f"{text(party.name)}\nID {text(party.id_number)}\n{party.agency} ({party.country})"

    def custody(self) -> list[Any]:
        """One row per hand-over, in sequence order (one block each on the roll)."""
        s = self.styles
        if not self.transfers:
            return [self.p(L.bilingual("no_transfers"), s.small)]
        out: list[Any] = []
        rows: list[list[Any]] = [
            [
                self.p(L.bilingual(key), s.head)
                for key in (
                    "sequence",
                    "date_time",
                    "exhibit",
                    "released_by",
                    "received_by",
                    "purpose",
                    "seal_intact",
                )
            ]
        ]
        for transfer in self.transfers:
            purpose = L.purpose_label(transfer.purpose.value)
            if transfer.purpose_detail:
                purpose += f": {transfer.purpose_detail}"
            seal = L.bilingual("yes") if transfer.seal_intact else L.bilingual("no")
            if not transfer.seal_intact and transfer.seal_broken_reason:
                seal += f": {transfer.seal_broken_reason}"
            if self.compact:
                out.append(
                    self.record(
                        f"{L.bilingual('transfer')} {transfer.sequence}",
                        [
                            ("date_time", self.when(transfer.transferred_at)),
                            ("exhibit", ", ".join(transfer.exhibit_numbers)),
                            ("released_by", self._party_text(transfer, "released_by")),
                            ("received_by", self._party_text(transfer, "received_by")),
                            ("purpose", f"{purpose}\n{transfer.route}"),
                            ("seal_intact", seal),
                        ],
                    )
                )
                continue
            rows.append(
                [
                    self.p(str(transfer.sequence)),
                    self.p(self.when(transfer.transferred_at)),
                    self.p(", ".join(transfer.exhibit_numbers)),
                    self.lines(self._party_text(transfer, "released_by")),
                    self.lines(self._party_text(transfer, "received_by")),
                    self.lines(f"{purpose}\n{transfer.route}"),
                    self.p(seal),
                ]
            )
        if self.compact:
            return out
        return [self.grid(rows, (0.06, 0.15, 0.09, 0.19, 0.19, 0.2, 0.12), header=True)]

    def next_steps(self) -> list[Any]:
        """The "what happens next" text, each paragraph in English and Spanish."""
        obtain = L.HOW_TO_OBTAIN_RECORD
        if self.encounter is not None and self.encounter.receipt is not None:
            # The encounter's own wording is in the officer's language; keep the
            # bilingual standard text beside it so both readers are served.
            own = self.encounter.receipt.how_to_obtain_record
            obtain = (f"{obtain[0]} {own}", f"{obtain[1]}")
        return self.pairs([*L.NEXT_STEPS, obtain])
