"""Render the custody receipt of a finalized seizure as PDF bytes (reportlab).

A pure function of the stored record JSON, its custody history and the reference
data: no Qt, no network, no clock (``issued_at`` is passed in), so the same
inputs give the same bytes and the printed PDF's hash can be recorded in a
``receipt_issued`` event and checked later.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, TypeVar
from urllib.parse import quote
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.errors import KnownError
from fieldapp.models.common import NoInformation, Quantity, skip_rules_context
from fieldapp.models.custody import CustodyTransfer, Party
from fieldapp.models.encounter import Encounter
from fieldapp.models.reference import Checkpoint, Officer, ReferenceData
from fieldapp.models.seizure import CurrencyCount, FieldTest, Item, ItemCategory, Seizure
from fieldapp.receipts import labels as L
from fieldapp.receipts.layout import FONT, FONT_BOLD, PageSize, Styles, page_dimensions

__all__ = ["PersonSignature", "ReceiptRefused", "receipt_payload", "render_receipt"]

PersonSignature = Literal["signed", "declined"]

_T = TypeVar("_T")
_MARGIN = 15 * mm
_HEADER_HEIGHT = 25 * mm
_QR_SIZE = 30 * mm
_RED = colors.HexColor("#b00020")
_GRID = colors.HexColor("#999999")
_SHADE = colors.HexColor("#eeeeee")


class ReceiptRefused(KnownError):
    """The record lacks a value the receipt must show; the message names the item and field."""


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
    person_signature: PersonSignature | None = None,
    copy_handed_over: bool | None = None,
) -> bytes:
    """Render the bilingual custody receipt of ``seizure`` and return the PDF bytes.

    Args:
        seizure: the stored seizure record JSON.
        encounter: the stored encounter record JSON, if the seizure belongs to one.
        custody: the stored custody-transfer records of the seizure, any order.
        reference: reference data for agency, checkpoint, officer and legal-power names.
        receipt_number: the receipt's own number (checkpoint + device + sequence).
        record_hash: SHA-256 hex of the finalized record, printed and put in the QR code.
        issued_at: when the receipt is printed (timezone-aware).
        copy_number: 0 for the original; n > 0 marks the n-th reprint "COPY / COPIA n".
        verify_url: HQ's address; when given the QR code is a verification URL.
        page_size: ``"letter"`` or ``"a4"``.
        person_signature: ``"signed"``, ``"declined"`` (printed as "declined to
            sign"), or None for a blank line to sign on paper.
        copy_handed_over: overrides the encounter's ``receipt.given``; None with no
            encounter prints tick boxes to fill in by hand.

    Raises:
        ReceiptRefused: a quantity, drug gross weight or currency count is blank,
            or the record is not a valid seizure.
    """
    _check_printable(seizure)
    record = _parse(Seizure, seizure, "seizure")
    stop = _parse(Encounter, encounter, "encounter") if encounter is not None else None
    transfers = sorted(
        (_parse(CustodyTransfer, item, "custody transfer") for item in custody),
        key=lambda transfer: transfer.sequence,
    )
    if copy_number < 0:
        raise ValueError("copy_number must be 0 (original) or a positive reprint count")
    if copy_handed_over is None and stop is not None and stop.receipt is not None:
        copy_handed_over = stop.receipt.given
    width, height = page_dimensions(page_size)
    # Less the frame's own 6 pt padding on each side, or full-width tables overhang it.
    builder = _Builder(record, stop, transfers, reference, width - 2 * _MARGIN - 12)
    story = builder.story(
        receipt_number=receipt_number,
        record_hash=record_hash,
        issued_at=issued_at,
        verify_url=verify_url,
        person_signature=person_signature,
        copy_handed_over=copy_handed_over,
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN + _HEADER_HEIGHT,
        bottomMargin=_MARGIN,
        title=f"{L.bilingual('receipt_number')} {receipt_number}",
        author=builder.agency_name,
        creator="fieldapp",
        # Fixed dates and ids in the file, so equal inputs give equal bytes and the
        # recorded hash of a printed receipt can be reproduced.
        invariant=1,
    )
    header = _Header(
        agency=builder.agency_name,
        receipt_number=receipt_number,
        seizure_number=record.seizure_number,
        copy_number=copy_number,
    )
    doc.build(
        story,
        onFirstPage=header.draw,
        onLaterPages=header.draw,
        canvasmaker=_NumberedCanvas,
    )
    return buffer.getvalue()


# --------------------------------------------------------------------------- checks


def _is_blank(value: object) -> bool:
    # Raw JSON: a missing key, null, empty text and a NoInformation object are all blank.
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return isinstance(value, Mapping) and value.get("empty") is not None


def _blank_quantity(value: object) -> bool:
    return _is_blank(value) or not isinstance(value, Mapping) or _is_blank(value.get("amount"))


def _check_printable(seizure: Mapping[str, Any]) -> None:
    """Refuse a record whose receipt would have a blank amount, quantity or weight.

    Checked on the raw JSON, before model validation, so that the officer gets a
    sentence naming the exhibit rather than a validation error path.
    """
    number = seizure.get("seizure_number", "?")
    items = seizure.get("items") or []
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


def _parse(model: type[_M], data: Mapping[str, Any], what: str) -> _M:
    # Stored records were checked at finalizing; only their structure is re-read here.
    try:
        return model.model_validate(dict(data), context=skip_rules_context())
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(part) for part in first["loc"]) or "(record)"
        raise ReceiptRefused(
            f"The {what} record cannot be printed: {path}: {first['msg']}."
        ) from exc


# --------------------------------------------------------------------------- page furniture


class _Header:
    """Draws the header repeated on every page (the page count is added at save)."""

    def __init__(
        self, *, agency: str, receipt_number: str, seizure_number: str, copy_number: int
    ) -> None:
        self.agency = agency
        self.receipt_number = receipt_number
        self.seizure_number = seizure_number
        self.copy_number = copy_number

    def draw(self, canvas: Any, doc: Any) -> None:
        """Page callback of the document template."""
        width, height = doc.pagesize
        top = height - _MARGIN
        left, right = _MARGIN, width - _MARGIN
        canvas.saveState()
        # The bilingual agency name can be long; shrink it to one line rather than
        # let it run into the numbers on the right.
        size = 9.0
        while size > 6 and canvas.stringWidth(self.agency, FONT_BOLD, size) > right - left:
            size -= 0.5
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(left, top - 9, self.agency)
        canvas.setFont(FONT_BOLD, 12)
        canvas.drawString(left, top - 25, L.LABELS["title"][0])
        canvas.setFont(FONT, 10)
        canvas.drawString(left, top - 38, L.LABELS["title"][1])
        canvas.setFont(FONT, 7.5)
        # Numbers sit below the page count, clear of the two title lines.
        canvas.drawRightString(
            right, top - 47, f"{L.bilingual('receipt_number')}: {self.receipt_number}"
        )
        canvas.drawRightString(
            right, top - 58, f"{L.bilingual('seizure_number')}: {self.seizure_number}"
        )
        if self.copy_number > 0:
            # A reprint must not pass for the original handed over on the spot.
            text = f"{L.LABELS['copy'][0]} / {L.LABELS['copy'][1]} {self.copy_number}"
            canvas.setFont(FONT_BOLD, 13)
            box_width = canvas.stringWidth(text, FONT_BOLD, 13) + 12
            canvas.setStrokeColor(_RED)
            canvas.setFillColor(_RED)
            canvas.setLineWidth(1.5)
            canvas.rect(left, top - 62, box_width, 19, stroke=1, fill=0)
            canvas.drawString(left + 6, top - 57, text)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.line(left, top - _HEADER_HEIGHT + 2, right, top - _HEADER_HEIGHT + 2)
        canvas.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until the end so each can print "Page x of y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # camelCase: overrides reportlab's method
        """Keep the finished page's state instead of writing it out."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Write every kept page with its page number, then the file."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        width, height = self._pagesize
        english, spanish = L.LABELS["page"]
        of_en, of_es = L.LABELS["of"]
        text = f"{english} {number} {of_en} {total} / {spanish} {number} {of_es} {total}"
        self.setFont(FONT_BOLD, 8)
        self.drawRightString(width - _MARGIN, height - _MARGIN - 25, text)
        self.setFont(FONT, 6.5)
        self.drawRightString(width - _MARGIN, _MARGIN - 14, text)


# --------------------------------------------------------------------------- body


def _lookup(find: Callable[[str], _T], code: str) -> _T | None:
    # Reference data may lag behind a record made on another device; print the
    # code rather than refuse a receipt the person is waiting for.
    try:
        return find(code)
    except KeyError:
        return None


def _decimal(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")


def _quantity(value: Quantity) -> str:
    return f"{_decimal(value.amount)} {value.unit}"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _text(value: object) -> str:
    """Printable form of a possibly empty field value."""
    if isinstance(value, NoInformation):
        english, spanish = L.LABELS[
            "not_recorded" if value.reason == "not_recorded" else "unknown_refused"
        ]
        # An em dash, not a slash: "unknown / refused" already holds one.
        return f"{english} — {spanish}"
    if value is None or not isinstance(value, str | int | Decimal):
        return "—"
    return str(value)


class _Builder:
    """Turns one parsed seizure (and its context) into platypus flowables."""

    def __init__(
        self,
        seizure: Seizure,
        encounter: Encounter | None,
        transfers: list[CustodyTransfer],
        reference: ReferenceData,
        frame_width: float,
    ) -> None:
        self.seizure = seizure
        self.width = frame_width
        self.encounter = encounter
        self.transfers = transfers
        self.reference = reference
        self.styles = Styles()
        self.checkpoint: Checkpoint | None = _lookup(reference.checkpoint, seizure.checkpoint)
        officer = _lookup(reference.officer, seizure.officer_id)
        agency_code = (
            officer.agency
            if officer is not None
            else self.checkpoint.agency
            if self.checkpoint is not None
            else None
        )
        agency = _lookup(reference.agency, agency_code) if agency_code else None
        if agency is None:
            self.agency_name = agency_code or ""
        elif agency.name_en == agency.name_es:
            self.agency_name = agency.name_en
        else:
            self.agency_name = f"{agency.name_en} / {agency.name_es}"
        # Times print in the checkpoint's local time: that is the clock on the
        # wall where the person stood, and the one they will quote.
        self.zone = ZoneInfo(self.checkpoint.timezone) if self.checkpoint else None

    # -- small helpers

    def p(self, text: str, style: Any = None) -> Any:
        """A paragraph of plain text (escaped)."""
        return Paragraph(escape(text), style or self.styles.cell)

    def when(self, moment: datetime) -> str:
        """A moment in the checkpoint's local time, with its UTC offset."""
        local = moment.astimezone(self.zone) if self.zone else moment
        offset = local.strftime("%z")
        return f"{local:%Y-%m-%d %H:%M} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"

    def officer(self, officer_id: str) -> str:
        """Name and badge of an officer from reference data."""
        found: Officer | None = _lookup(self.reference.officer, officer_id)
        if found is None:
            return officer_id
        return f"{found.name} — {L.LABELS['badge'][0]} {found.badge_number}"

    def field(self, key: str, value: str) -> list[Any]:
        """A labelled value: small grey bilingual label above the value."""
        return [self.p(L.bilingual(key), self.styles.label), self.p(value)]

    def section(self, key: str) -> Any:
        """A bilingual section heading."""
        return self.p(L.bilingual(key), self.styles.section)

    def grid(self, rows: list[list[Any]], widths: list[float], header: bool = False) -> Any:
        """A ruled table; the header row repeats on each page a long table flows to."""
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), _SHADE))
        table.setStyle(TableStyle(commands))
        return table

    # -- the story

    def story(
        self,
        *,
        receipt_number: str,
        record_hash: str,
        issued_at: datetime,
        verify_url: str | None,
        person_signature: PersonSignature | None,
        copy_handed_over: bool | None,
    ) -> list[Any]:
        """Every flowable of the receipt, in reading order."""
        # Verification comes right after the facts so that the QR code is always
        # on page 1, however many pages the item list takes.
        story: list[Any] = [
            self.facts(issued_at),
            self.section("verification"),
            self.verification(receipt_number, record_hash, verify_url),
        ]
        story += [self.section("items"), self.items()]
        if any(item.category is ItemCategory.CURRENCY for item in self.seizure.items):
            story += [self.section("currency"), *self.currency()]
        story.append(KeepTogether([Spacer(1, 4), self.signatures(person_signature)]))
        story.append(self.copy_line(copy_handed_over))
        story += [self.section("custody"), self.custody()]
        story += [self.section("next"), *self.next_steps()]
        return story

    def frame_width(self) -> float:
        """Usable width between the page margins."""
        return self.width

    def facts(self, issued_at: datetime) -> Any:
        """Date, place, reason, person, legal power: a two-column grid."""
        seizure = self.seizure
        place = seizure.checkpoint
        if self.checkpoint is not None:
            cp = self.checkpoint
            place = f"{cp.name} / {cp.name_es} ({cp.code}), {cp.city}, {cp.state}"
        who = seizure.seized_from
        power = _lookup(self.reference.legal_power, seizure.legal_power)
        power_text = (
            f"{power.citation} — {power.name_en} / {power.name_es}"
            if power is not None
            else seizure.legal_power
        )
        left: list[Any] = [
            *self.field("date_time", self.when(seizure.seized_at)),
            *self.field("place", place),
            *self.field("found_location", seizure.found_location),
            *self.field("reason", L.reason_label(seizure.reason.value)),
            *self.field("issued", self.when(issued_at)),
        ]
        if self.encounter is not None:
            left += self.field("encounter_number", self.encounter.reference_number)
        right: list[Any] = [
            *self.field("seized_from", _text(who.name)),
            *self.field("address", _text(who.address)),
            *self.field("contact", _text(who.contact)),
        ]
        if isinstance(who.owner, str | NoInformation):
            right += self.field("owner", _text(who.owner))
        right += self.field("legal_power", power_text)
        half = self.frame_width() / 2
        table = Table([[left, right]], colWidths=[half, half])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.4, _GRID),
                    ("LINEAFTER", (0, 0), (0, 0), 0.4, _GRID),
                ]
            )
        )
        return table

    def seals(self, exhibit: str) -> str:
        """Packages and seal numbers that hold one exhibit."""
        parts = []
        for package in self.seizure.packages:
            if exhibit in package.exhibit_numbers:
                seals = ", ".join(package.seal_numbers) or "—"
                parts.append(
                    f"{package.package_ref} ({package.kind.value} ×{package.count}): {seals}"
                )
        return "; ".join(parts) or "—"

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

    def category(self, item: Item) -> str:
        """Broad category, refined by the reference-data category name."""
        text = L.category_label(item.category.value)
        if item.category_code:
            ref = _lookup(self.reference.item_category, item.category_code)
            if ref is not None:
                text += f"\n{ref.name_en} / {ref.name_es}"
        return text

    def items(self) -> Any:
        """The item table; its header row repeats when it flows to more pages."""
        s = self.styles
        header = [
            self.p(L.bilingual(key), s.head)
            for key in ("exhibit", "category", "description", "quantity", "gross_weight", "seals")
        ]
        rows: list[list[Any]] = [header]
        for item in self.seizure.items:
            weight = item.gross_weight
            weight_text = (
                _quantity(weight)
                if isinstance(weight, Quantity)
                else _text(weight if isinstance(weight, NoInformation) else None)
            )
            quantity = item.quantity
            rows.append(
                [
                    self.p(item.exhibit_number),
                    self.lines(self.category(item)),
                    self.lines(self.description(item)),
                    self.p(_quantity(quantity) if isinstance(quantity, Quantity) else "—"),
                    self.p(weight_text),
                    self.p(self.seals(item.exhibit_number), s.small),
                ]
            )
        w = self.frame_width()
        return self.grid(rows, [w * f for f in (0.08, 0.17, 0.38, 0.11, 0.11, 0.15)], header=True)

    def lines(self, text: str) -> Any:
        """A paragraph whose newlines are kept as line breaks."""
        return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), self.styles.cell)

    def currency(self) -> list[Any]:
        """Currency by denomination, with a total per currency code."""
        s = self.styles
        rows: list[list[Any]] = [
            [
                self.p(L.bilingual(key), s.head)
                for key in ("exhibit", "currency_code", "denomination", "count", "amount")
            ]
        ]
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
                rows.append(
                    [
                        self.p(item.exhibit_number),
                        self.p(line.currency),
                        self.p(_money(line.denomination)),
                        self.p(str(line.count)),
                        self.p(f"{line.currency} {_money(amount)}"),
                    ]
                )
            notes.append(
                self.p(
                    f"{L.bilingual('exhibit')} {item.exhibit_number}: "
                    f"{L.bilingual('counted_by')}: {self.officer(count.counted_by)}; "
                    f"{L.bilingual('witnessed_by')}: {self.officer(count.witnessed_by)}",
                    s.small,
                )
            )
        first_total = len(rows)
        for code in sorted(totals):
            rows.append(
                [
                    self.p(f"{L.bilingual('total')} {code}", s.head),
                    "",
                    "",
                    "",
                    self.p(f"{code} {_money(totals[code])}", s.head),
                ]
            )
        w = self.frame_width()
        table = self.grid(rows, [w * f for f in (0.12, 0.16, 0.22, 0.2, 0.3)], header=True)
        if totals:
            table.setStyle(
                TableStyle(
                    [("BACKGROUND", (0, first_total), (-1, -1), _SHADE)]
                    + [("SPAN", (0, r), (3, r)) for r in range(first_total, len(rows))]
                )
            )
        return [table, *notes] if len(rows) > 1 else notes

    def signature_block(self, key: str, name: str, status: str | None) -> list[Any]:
        """Label, name, then a signature line (or the reason there is none)."""
        s = self.styles
        block: list[Any] = [self.p(L.bilingual(key), s.label), self.p(name)]
        if status is not None:
            block += [Spacer(1, 6), self.p(status, s.head)]
        else:
            block += [Spacer(1, 18), self.p("_" * 38, s.small)]
        block.append(self.p(L.bilingual("signature"), s.label))
        return block

    def signatures(self, person_signature: PersonSignature | None) -> Any:
        """Officer, witness and person, side by side."""
        seizure = self.seizure
        witness = (
            self.officer(seizure.witness_id)
            if isinstance(seizure.witness_id, str)
            else L.bilingual("none")
        )
        person = _text(seizure.seized_from.name)
        status = None
        if person_signature == "declined":
            status = f"{L.LABELS['declined'][0].upper()} / {L.LABELS['declined'][1].upper()}"
        cells = [
            self.signature_block("officer", self.officer(seizure.officer_id), None),
            self.signature_block(
                "witness", witness, None if isinstance(seizure.witness_id, str) else "—"
            ),
            self.signature_block("person_signature", person, status),
        ]
        if person_signature == "signed":
            cells[2].insert(2, self.p(f"({L.bilingual('signed')})", self.styles.small))
        third = self.frame_width() / 3
        table = Table([cells], colWidths=[third] * 3)
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.4, _GRID)])
        )
        return table

    def copy_line(self, given: bool | None) -> Any:
        """Whether the person was handed a copy; tick boxes when not known yet."""
        yes, no = L.bilingual("yes"), L.bilingual("no")
        if given is None:
            answer = f"☐ {yes}    ☐ {no}"
        else:
            answer = f"☒ {yes}    ☐ {no}" if given else f"☐ {yes}    ☒ {no}"
        return self.p(f"{L.bilingual('copy_given')}: {answer}", self.styles.body)

    def party(self, party: Party) -> str:
        """Name, id and agency of one side of a hand-over."""
        name = _text(party.name)
        ident = _text(party.id_number)
        return f"{name}\nID {ident}\n{party.agency} ({party.country})"

    def custody(self) -> Any:
        """One row per hand-over, in sequence order."""
        s = self.styles
        if not self.transfers:
            return self.p(L.bilingual("no_transfers"), s.small)
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
            rows.append(
                [
                    self.p(str(transfer.sequence)),
                    self.p(self.when(transfer.transferred_at)),
                    self.p(", ".join(transfer.exhibit_numbers)),
                    self.lines(self.party(transfer.released_by)),
                    self.lines(self.party(transfer.received_by)),
                    self.lines(f"{purpose}\n{transfer.route}"),
                    self.p(seal),
                ]
            )
        w = self.frame_width()
        return self.grid(
            rows, [w * f for f in (0.06, 0.15, 0.09, 0.19, 0.19, 0.2, 0.12)], header=True
        )

    def next_steps(self) -> list[Any]:
        """The "what happens next" text, each paragraph in English then Spanish."""
        s = self.styles
        obtain = L.HOW_TO_OBTAIN_RECORD
        if self.encounter is not None and self.encounter.receipt is not None:
            # The encounter's own wording is in the officer's language; keep the
            # bilingual standard text beside it so both readers are served.
            own = self.encounter.receipt.how_to_obtain_record
            obtain = (f"{obtain[0]} {own}", f"{obtain[1]}")
        out: list[Any] = []
        for english, spanish in (*L.NEXT_STEPS, obtain):
            out.append(
                Table(
                    [[self.p(english, s.small), self.p(spanish, s.small)]],
                    colWidths=[self.frame_width() / 2] * 2,
                    style=TableStyle(
                        [
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 1),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                        ]
                    ),
                )
            )
        return out

    def verification(self, receipt_number: str, record_hash: str, verify_url: str | None) -> Any:
        """QR code beside the printed hash and receipt number."""
        s = self.styles
        payload = receipt_payload(receipt_number, self.seizure.id, record_hash, verify_url)
        # Size the widget itself rather than scale it by its bounds: asking for the
        # bounds encodes the QR code a second time, which doubles the render time.
        widget = QrCodeWidget(payload, barLevel="M", barWidth=_QR_SIZE, barHeight=_QR_SIZE)
        drawing = Drawing(_QR_SIZE, _QR_SIZE)
        drawing.add(widget)
        text = [
            *self.field("receipt_number", receipt_number),
            self.p(L.bilingual("record_hash"), s.label),
            self.p(record_hash, s.mono),
            Spacer(1, 4),
        ]
        if verify_url:
            # The URL is printed too, for a person who has no QR reader.
            text += [self.p(payload, s.small), Spacer(1, 4)]
        text += [
            self.p(L.LABELS["scan"][0], s.small),
            self.p(L.LABELS["scan"][1], s.small),
        ]
        table = Table(
            [[drawing, text]], colWidths=[_QR_SIZE + 6, self.frame_width() - _QR_SIZE - 6]
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.4, _GRID),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                ]
            )
        )
        return table
