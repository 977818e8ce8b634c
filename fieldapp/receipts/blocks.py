"""Building blocks shared by the receipts: labelled fields, ruled tables, signatures, QR code.

Each block comes in two shapes: side by side on letter and A4, stacked in one
column on the 80 mm roll (``Geometry.compact``), with the same content.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.models.common import NoInformation, Quantity
from fieldapp.models.custody import Party
from fieldapp.models.reference import Checkpoint, Officer, ReferenceData
from fieldapp.models.seizure import Item, Package
from fieldapp.receipts import labels as L
from fieldapp.receipts.layout import Geometry, styles
from fieldapp.receipts.qr import QrCode
from fieldapp.receipts.signatures import SignatureArea, declined_text

__all__ = ["GRID", "SHADE", "Blocks", "Slot", "lookup", "money", "quantity_text", "text"]

_T = TypeVar("_T")
GRID = colors.HexColor("#999999")
SHADE = colors.HexColor("#eeeeee")
_SIGNATURE_HEIGHT = 15 * mm
_HAND_SIGNATURE_HEIGHT = 12 * mm


def lookup(find: Callable[[str], _T], code: str) -> _T | None:
    """A reference-data entry, or None for a code this device does not know."""
    # Reference data may lag behind a record made on another device; print the
    # code rather than refuse a receipt the person is waiting for.
    try:
        return find(code)
    except KeyError:
        return None


def _decimal(value: Decimal) -> str:
    return format(value.normalize() if value == value.to_integral() else value, "f")


def quantity_text(value: object) -> str:
    """An amount with its unit (``6.35 kg``), or the printable form of an empty value."""
    if isinstance(value, Quantity):
        return f"{_decimal(value.amount)} {value.unit}"
    return text(value if isinstance(value, NoInformation) else None)


def money(value: Decimal) -> str:
    """An amount of money as printed: thousands separated, two decimals."""
    return f"{value:,.2f}"


def text(value: object) -> str:
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


@functools.cache
def _template(style: Any) -> Any:
    """The text fragment reportlab's markup parser makes of plain text in ``style``.

    Plain text needs no parsing: a receipt has a couple of hundred paragraphs,
    and parsing them took a tenth of its rendering time. Styles are shared and
    never changed (``layout.styles``), so one template per style serves all.
    """
    frags = Paragraph("x", style).frags
    if len(frags) != 1:  # pragma: no cover - reportlab changed how it parses
        raise AssertionError("plain text did not parse into one fragment")
    return frags[0]


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width.

    A table asks each cell's height when it lays out, again when it splits
    across pages and again when it draws: three line breakings of the same
    text at the same width, a good part of a receipt's layout time.
    """

    _wrapped_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Lines for ``avail_width``, broken again only for another width."""
        # The lines must still be there: reportlab drops them from a paragraph
        # it moves whole to the next page, and breaks them again there.
        if avail_width == self._wrapped_width and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        if size[0] > 0:  # not the "does not fit at all" answer, which sets no lines
            self._wrapped_width = avail_width
        return size


@dataclass(frozen=True)
class Slot:
    """One signature box: who signs, and the mark (if any) to print in it."""

    key: str
    """Label key of the box (``officer``, ``witness``, ``released_by``, ...)."""
    name: str
    image: Any | None = None
    declined: bool = False
    note: str = ""
    absent: bool = False
    """Nobody in this role (a seizure without a witness): a dash instead of a line."""


class Blocks:
    """Flowable factories for one receipt, in the layout of its page size."""

    def __init__(
        self, reference: ReferenceData, geometry: Geometry, checkpoint_code: str | None
    ) -> None:
        self.reference = reference
        self.geometry = geometry
        self.compact = geometry.compact
        self.width = geometry.frame_width
        self.styles = styles(geometry.compact)
        self.checkpoint: Checkpoint | None = (
            lookup(reference.checkpoint, checkpoint_code) if checkpoint_code else None
        )
        # Times print in the checkpoint's local time: that is the clock on the
        # wall where the person stood, and the one they will quote.
        self.zone = ZoneInfo(self.checkpoint.timezone) if self.checkpoint else None

    # -- text

    def p(self, value: str, style: Any = None) -> Any:
        """A paragraph of plain text (no markup)."""
        style = style or self.styles.cell
        return Para(value, style, frags=[_template(style).clone(text=value, us_lines=[], link=[])])

    def lines(self, value: str, style: Any = None) -> Any:
        """A paragraph of plain text whose newlines are kept as line breaks."""
        style = style or self.styles.cell
        template = _template(style)
        frags = []
        for index, line in enumerate(value.split("\n")):
            if index:
                frags.append(template.clone(text="", lineBreak=True, __tag__="br"))
            if line:
                frags.append(template.clone(text=line, us_lines=[], link=[]))
        return Para(value, style, frags=frags)

    def field(self, key: str, value: str) -> list[Any]:
        """A labelled value: small grey bilingual label above the value."""
        return [self.p(L.bilingual(key), self.styles.label), self.lines(value)]

    def section(self, key: str, room: float = 30 * mm) -> list[Any]:
        """A bilingual section heading, moved to the next page unless ``room`` is left under it.

        A heading is not kept with its whole table (a long table would leave a
        page blank), only with the first rows that ``room`` holds.
        """
        return [CondPageBreak(room), self.p(L.bilingual(key), self.styles.section)]

    def when(self, moment: datetime) -> str:
        """A moment in the checkpoint's local time, with its UTC offset."""
        local = moment.astimezone(self.zone) if self.zone else moment
        offset = local.strftime("%z")
        return f"{local:%Y-%m-%d %H:%M} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"

    def officer(self, officer_id: str) -> str:
        """Name and badge of an officer from reference data."""
        found: Officer | None = lookup(self.reference.officer, officer_id)
        if found is None:
            return officer_id
        return f"{found.name} — {L.LABELS['badge'][0]} {found.badge_number}"

    def agency_name(self, code: str) -> str:
        """An agency's bilingual name from reference data, or the text as recorded."""
        agency = lookup(self.reference.agency, code) or lookup(self.reference.agency, code.upper())
        if agency is None:
            return code
        if agency.name_en == agency.name_es:
            return str(agency.name_en)
        return f"{agency.name_en} / {agency.name_es}"

    def place(self, code: str) -> str:
        """A checkpoint's names, code, city and state; the bare code if unknown."""
        found = lookup(self.reference.checkpoint, code)
        if found is None:
            return code
        return f"{found.name} / {found.name_es} ({found.code}), {found.city}, {found.state}"

    def party(self, party: Party) -> list[tuple[str, str]]:
        """(label key, value) of one side of a hand-over."""
        return [
            ("name", text(party.name)),
            ("agency", self.agency_name(party.agency)),
            ("id_number", text(party.id_number)),
            ("country", L.country_label(party.country)),
        ]

    # -- items

    def category(self, item: Item) -> str:
        """Broad category, refined by the reference-data category name."""
        value = L.category_label(item.category.value)
        if item.category_code:
            ref = lookup(self.reference.item_category, item.category_code)
            if ref is not None:
                value += f"\n{ref.name_en} / {ref.name_es}"
        return value

    @staticmethod
    def seals(packages: Sequence[Package], exhibit: str) -> str:
        """Packages and seal numbers that hold one exhibit."""
        parts = []
        for package in packages:
            if exhibit in package.exhibit_numbers:
                seals = ", ".join(package.seal_numbers) or "—"
                parts.append(
                    f"{package.package_ref} ({package.kind.value} ×{package.count}): {seals}"
                )
        return "; ".join(parts) or "—"

    # -- tables

    def grid(
        self,
        rows: list[list[Any]],
        fractions: Sequence[float],
        header: bool = False,
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> Any:
        """A ruled table over the frame's width; a header row repeats on each page it reaches."""
        widths = [self.width * f for f in fractions]
        pad = 2 if self.compact else 3
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        table.setStyle(TableStyle([*commands, *extra]))
        return table

    def columns(self, left: list[Any], right: list[Any]) -> Any:
        """Two boxed columns of fields; one column, left above right, on the roll."""
        if self.compact:
            table = Table([[left], [right]], colWidths=[self.width])
            style = [("LINEBELOW", (0, 0), (0, 0), 0.4, GRID)]
        else:
            half = self.width / 2
            table = Table([[left, right]], colWidths=[half, half])
            style = [("LINEAFTER", (0, 0), (0, 0), 0.4, GRID)]
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    *style,
                ]
            )
        )
        return table

    def record(self, title: str, rows: Sequence[tuple[str, str]]) -> Any:
        """A boxed block of labelled rows under a shaded title: one item or hand-over."""
        s = self.styles
        data: list[list[Any]] = [[self.p(title, s.head), ""]]
        data += [[self.p(L.bilingual(key), s.label), self.lines(value)] for key, value in rows]
        table = self.grid(
            data,
            (0.34, 0.66),
            extra=[("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (1, 0), SHADE)],
        )
        # An item's lines stay on one page, as on a paper form (a block longer
        # than a page still splits).
        return KeepTogether([table, Spacer(1, 3)])

    def pairs(self, paragraphs: Sequence[tuple[str, str]]) -> list[Any]:
        """English beside Spanish on letter and A4; English above Spanish on the roll."""
        s = self.styles
        if self.compact:
            out: list[Any] = []
            for english, spanish in paragraphs:
                out += [self.p(english, s.small), self.p(spanish, s.small), Spacer(1, 3)]
            return out
        rows = [
            [self.p(english, s.small), self.p(spanish, s.small)] for english, spanish in paragraphs
        ]
        table = Table(rows, colWidths=[self.width / 2] * 2)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return [table]

    # -- signatures

    def signature_cell(self, slot: Slot, width: float) -> list[Any]:
        """Label, name, then the signature (or the reason there is none) over its caption."""
        s = self.styles
        cell: list[Any] = [self.p(L.bilingual(slot.key), s.label), self.p(slot.name)]
        if slot.absent:
            cell += [Spacer(1, 6), self.p("—", s.head)]
        elif slot.declined:
            cell += [
                Spacer(1, 4),
                self.p(declined_text(), s.head),
                self.p(f"{L.bilingual('officer_note')}: {slot.note}", s.small),
                Spacer(1, 2),
            ]
        elif slot.image is not None:
            cell.append(SignatureArea(width, _SIGNATURE_HEIGHT, slot.image))
        else:
            cell.append(SignatureArea(width, _HAND_SIGNATURE_HEIGHT))
        cell.append(self.p(L.bilingual("signature"), s.label))
        return cell

    def signature_row(self, slots: Sequence[Slot]) -> Any:
        """Signature boxes side by side; one under the other on the roll."""
        pad = 4
        if self.compact:
            inner = self.width - 2 * pad
            rows = [[self.signature_cell(slot, inner)] for slot in slots]
            table = Table(rows, colWidths=[self.width])
            lines = [("LINEBELOW", (0, 0), (-1, -2), 0.4, GRID)]
        else:
            column = self.width / len(slots)
            cells = [self.signature_cell(slot, column - 2 * pad) for slot in slots]
            table = Table([cells], colWidths=[column] * len(slots))
            lines = [("LINEAFTER", (0, 0), (-2, -1), 0.4, GRID)]
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    *lines,
                ]
            )
        )
        return table

    # -- verification

    def verification(
        self, payload: str, receipt_number: str, record_hash: str, show_payload: bool
    ) -> Any:
        """The QR code beside (on the roll: above) the receipt number and record hash."""
        s = self.styles
        size = self.geometry.qr_size
        code = QrCode(payload, size)
        # Two lines of 32 digits on the roll: a 64-digit word cannot wrap by itself.
        digest = (
            f"{record_hash[:32]}\n{record_hash[32:]}"
            if self.compact and len(record_hash) > 32
            else record_hash
        )
        words: list[Any] = [
            *self.field("receipt_number", receipt_number),
            self.p(L.bilingual("record_hash"), s.label),
            self.lines(digest, s.mono),
            Spacer(1, 4),
        ]
        if show_payload:
            # The URL is printed too, for a person who has no QR reader.
            words += [self.p(payload, s.small), Spacer(1, 4)]
        words += [self.p(L.LABELS["scan"][0], s.small), self.p(L.LABELS["scan"][1], s.small)]
        if self.compact:
            table = Table([[code], [words]], colWidths=[self.width])
            style: list[tuple[Any, ...]] = [("ALIGN", (0, 0), (0, 0), "CENTER")]
        else:
            table = Table([[code, words]], colWidths=[size + 6, self.width - size - 6])
            style = [("LEFTPADDING", (0, 0), (0, 0), 0)]
        table.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.4, GRID), *style]
            )
        )
        return table
