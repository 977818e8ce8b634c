"""A finalized record as a readable document: sections, tables, addenda, custody timelines.

The record view shows this HTML in a text browser, so it can be read, selected
and copied, and links (``record:<id>``) open related records. Values corrected
by an addendum are shown as they stand now, with what was finalized beside them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QObject

from fieldapp.services.queries import ChainLink, RecordRow, RecordView
from ui.records.labels import Labels, parse_moment

STYLE = """
h2 { margin: 0 0 4px 0; }
h3 { margin: 14px 0 4px 0; color: #1f3a5f; }
td { padding: 2px 10px 2px 0; vertical-align: top; }
th { padding: 2px 10px 2px 0; text-align: left; color: #555; font-weight: normal; }
.k { color: #555; padding-right: 14px; }
.empty { color: #777; font-style: italic; }
.was { color: #8a4b00; }
.note { color: #555; }
"""
#: A signature given, and one declined, at a glance.
SIGNED_COLOUR = "#1e6b34"
DECLINED_COLOUR = "#8a4b00"

Path = tuple[str | int, ...]
_MISSING = object()


def value_at(data: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` in nested dicts and lists (a sentinel when absent)."""
    node = data
    for part in path:
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not in_list and not (isinstance(node, dict) and part in node):
            return _MISSING
        node = node[part]
    return node


def e(text: Any) -> str:
    """Text made safe for HTML."""
    return html.escape(str(text))


def decimal_text(value: Any) -> str:
    """A stored decimal without trailing noise (``"6.350"`` stays as written)."""
    return str(value)


def currency_totals(lines: Iterable[Mapping[str, Any]]) -> dict[str, Decimal]:
    """Total amount per currency of denomination lines."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        try:
            amount = Decimal(str(line.get("denomination"))) * int(line.get("count", 0))
        except (InvalidOperation, TypeError, ValueError):
            continue
        code = str(line.get("currency", ""))
        totals[code] = totals.get(code, Decimal(0)) + amount
    return totals


class RecordHtml(QObject):
    """Writes one record (as it stands now, with its original) as HTML."""

    def __init__(self, labels: Labels, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self._current: dict[str, Any] = {}
        self._original: dict[str, Any] = {}

    # -- values ----------------------------------------------------------------------------

    def fmt(self, value: Any) -> str:
        """One stored value as HTML: names for empties, units, local times, yes and no."""
        if value is None or value is _MISSING or value == "":
            return '<span class="empty">—</span>'
        if isinstance(value, dict) and "empty" in value:
            return f'<span class="empty">{e(self.labels.empty(value))}</span>'
        if isinstance(value, list):
            return ", ".join(self.fmt(v) for v in value) if value else self.fmt(None)
        return e(self.plain(value))

    def plain(self, value: Any) -> str:
        """One stored value as plain text (what :meth:`fmt` shows, without markup)."""
        if value is None or value is _MISSING or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, dict):
            if "empty" in value:
                return self.labels.empty(value)
            if "amount" in value and "unit" in value:
                return f"{decimal_text(value['amount'])} {value['unit']}"
            return ", ".join(f"{k}: {v}" for k, v in sorted(value.items()))
        if isinstance(value, list):
            return ", ".join(self.plain(v) for v in value) if value else "—"
        if isinstance(value, str) and "T" in value and parse_moment(value) is not None:
            return self.labels.when(value)
        return str(value)

    def v(self, *path: str | int, show: Any = None) -> str:
        """The current value at ``path``, and the finalized one beside it if it was corrected."""
        now = value_at(self._current, path)
        text = show(now) if show is not None else self.fmt(now)
        was = value_at(self._original, path)
        if was is not _MISSING and was != now:
            old = show(was) if show is not None else self.fmt(was)
            text += (
                ' <span class="was">' + self.tr("(finalized as {old})").format(old=old) + "</span>"
            )
        return text

    def code(self, group: str, *path: str | int) -> str:
        """A code at ``path`` by its translated name."""
        return self.v(*path, show=lambda c: self._code(group, c))

    def _code(self, group: str, value: Any) -> str:
        if isinstance(value, str) and value:
            return e(self.labels.code(group, value))
        return self.fmt(value)

    def officer(self, *path: str | int) -> str:
        """An officer at ``path`` by name."""
        return self.v(*path, show=self._officer)

    def _officer(self, value: Any) -> str:
        return (
            e(self.labels.officer(value)) if isinstance(value, str) and value else self.fmt(value)
        )

    def pairs(self, rows: Iterable[tuple[str, str]]) -> str:
        """A two-column table of captions and values (empty captions are skipped)."""
        body = "".join(f'<tr><td class="k">{e(k)}</td><td>{v}</td></tr>' for k, v in rows if k)
        return f'<table cellspacing="0">{body}</table>'

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        """A table with column captions; cells are HTML."""
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f'<table cellspacing="0"><tr>{head}</tr>{body}</table>'

    def section(self, title: str, body: str) -> str:
        """A titled section."""
        return f"<h3>{e(title)}</h3>{body}"

    def none(self, text: str) -> str:
        """A quiet sentence for an empty section."""
        return f'<p class="note">{e(text)}</p>'

    def link(self, record_id: str, text: str) -> str:
        """A link that opens another record."""
        return f'<a href="record:{e(record_id)}">{e(text)}</a>'

    def party(self, value: Any) -> str:
        """One side of a hand-over: who, which agency, which country."""
        if not isinstance(value, dict):
            return self.fmt(value)
        name = value.get("name")
        officer_id = value.get("officer_id")
        who = self.labels.officer(officer_id) if officer_id else None
        text = e(who) if who and who != officer_id else self.fmt(name)
        number = value.get("id_number")
        if isinstance(number, str) and number and not officer_id:
            text += " " + e(self.tr("(ID {number})").format(number=number))
        agency = value.get("agency")
        if agency:
            text += " — " + e(self.labels.agency(agency))
        if value.get("country"):
            text += f" ({e(value['country'])})"
        return text

    def transfer_signatures(self, data: Mapping[str, Any]) -> str:
        """Both sides' signatures: signed, declined (with the note), or missing."""
        roles = {"released_by": self.tr("Released by"), "received_by": self.tr("Received by")}
        marks = data.get("signatures")
        if not isinstance(marks, list):
            marks = []
        by_role = {m.get("role"): m for m in marks if isinstance(m, dict)}
        parts = []
        for role in (*roles, *(r for r in by_role if r not in roles)):
            who = roles.get(str(role), str(role).replace("_", " "))
            mark = by_role.get(role)
            if mark is None:
                parts.append(e(who) + ": " + e(self.tr("not signed")))
            elif mark.get("declined"):
                declined = self.declined(self.tr("declined to sign"), mark.get("note"))
                parts.append(e(who) + ": " + declined)
            else:
                parts.append(e(who) + ": " + self.signed(self.tr("signed")))
        return " · ".join(parts)

    def return_signature(self, data: Mapping[str, Any]) -> str:
        """The receiver's signature on a property return: signed, declined, or missing."""
        if data.get("declined_to_sign"):
            return self.declined(self.tr("declined to sign"), data.get("officer_note"))
        if data.get("signature_hash"):
            return self.signed(self.tr("signed"))
        return e(self.tr("not signed"))

    def signed(self, text: str) -> str:
        """A signature given, in green with a tick."""
        return f'<span style="color: {SIGNED_COLOUR};">✓ {e(text)}</span>'

    def declined(self, text: str, note: Any) -> str:
        """A refusal to sign, in amber, with the officer's note."""
        said = f" — “{e(note)}”" if isinstance(note, str) and note.strip() else ""
        return f'<span style="color: {DECLINED_COLOUR};">✗ {e(text)}{said}</span>'

    # -- the document ------------------------------------------------------------------------

    def document(self, view: RecordView, chains: Mapping[str, list[ChainLink]]) -> str:
        """The whole record: its own sections, related records and addenda."""
        self._current, self._original = view.current, view.original
        return self.body(view, chains) + self.related(view) + self.addenda(view)

    def body(self, view: RecordView, chains: Mapping[str, list[ChainLink]]) -> str:
        """The record's own sections (subclasses write encounters and seizures)."""
        if view.record_type == "custody_transfer":
            return self.transfer_sections()
        if view.record_type == "property_return":
            return self.return_sections()
        return self.pairs((self.labels.path(k), self.v(k)) for k in sorted(view.current))

    def transfer_sections(self) -> str:
        """A custody transfer: which items, from whom to whom, why, how, in what state."""
        seizure = str(self._current.get("seizure_id", ""))
        seal = self.v("seal_intact")
        if self._current.get("seal_intact") is False:
            seal += " — " + self.v("seal_broken_reason")
        rows = [
            (self.tr("Seizure"), self.link(seizure, self.tr("Open the seizure"))),
            (self.tr("Sequence"), self.v("sequence")),
            (self.tr("Exhibits"), self.v("exhibit_numbers")),
            (self.tr("Time"), self.v("transferred_at")),
            (self.tr("Released by"), self.v("released_by", show=self.party)),
            (self.tr("Received by"), self.v("received_by", show=self.party)),
            (self.tr("Purpose"), self.code("purpose", "purpose")),
            (
                self.tr("Purpose, in detail") if self._current.get("purpose_detail") else "",
                self.v("purpose_detail"),
            ),
            (self.tr("Route or transport"), self.v("route")),
            (self.tr("Seal intact"), seal),
            (self.tr("Condition"), self.v("condition")),
            (self.tr("Signatures"), self.transfer_signatures(self._current)),
        ]
        return self.section(self.tr("Custody transfer"), self.pairs(rows))

    def return_sections(self) -> str:
        """A detained person's property given back or handed on."""
        seizure = str(self._current.get("seizure_id", ""))
        rows = [
            (self.tr("Seizure"), self.link(seizure, self.tr("Open the seizure"))),
            (self.tr("Exhibits"), self.v("exhibit_numbers")),
            (self.tr("Time"), self.v("returned_at")),
            (self.tr("Returned to"), self.v("returned_to")),
            (self.tr("Officer"), self.officer("officer_id")),
            (self.tr("Outcome"), self.code("return_outcome", "outcome")),
            (self.tr("Receiving agency"), self.v("receiving_agency")),
            (self.tr("Signature"), self.return_signature(self._current)),
            # A refusal's note is shown with it; any other note on a line of its own.
            (
                "" if self._current.get("declined_to_sign") else self.tr("Officer's note"),
                self.v("officer_note"),
            ),
        ]
        return self.section(self.tr("Property return"), self.pairs(rows))

    def related(self, view: RecordView) -> str:
        """Links to the records made under this one (seizures, custody records)."""
        if not view.children:
            return ""
        rows = [self._child(row) for row in view.children]
        title = (
            self.tr("Seizures of this encounter")
            if view.record_type == "encounter"
            else self.tr("Custody records of this seizure")
        )
        headers = (self.tr("Record"), self.tr("When"), self.tr("What"))
        return self.section(title, self.table(headers, rows))

    def _child(self, row: RecordRow) -> tuple[str, str, str]:
        name = row.reference or self.labels.record_type(row.record_type)
        what = self.labels.category(row.record_type, row.category)
        if row.record_type != "seizure" and row.summary:
            what += " — " + row.summary
        when = self.labels.local_when(row.occurred_at, row.checkpoint)
        return (self.link(row.id, name), e(when), e(what))

    def addenda(self, view: RecordView) -> str:
        """Each addendum in order: when, by whom, why, its text and its corrections."""
        if not view.addenda:
            return self.section(self.tr("Addenda"), self.none(self.tr("No addenda.")))
        state: Any = view.original
        parts = []
        for number, entry in enumerate(view.addenda, start=1):
            payload = entry.payload
            title = self.tr("Addendum {number} — {when} — {author}").format(
                number=number,
                when=self.labels.when(payload.get("written_at") or entry.recorded_at),
                author=self.labels.officer(entry.author),
            )
            rows = [(self.tr("Reason"), e(payload.get("reason", "")))]
            if payload.get("text"):
                rows.append((self.tr("Text"), _paragraphs(str(payload["text"]))))
            changes = []
            for correction in payload.get("corrections") or []:
                path = str(correction.get("path", ""))
                keys: Path = tuple(int(p) if p.isdigit() else p for p in path.split("."))
                old = value_at(state, keys)
                new = self.fmt(correction.get("value"))
                changes.append(f"{e(self.labels.path(path))}: {self.fmt(old)} → {new}")
                state = _set_at(state, keys, correction.get("value"))
            if changes:
                rows.append((self.tr("Corrections"), "<br>".join(changes)))
            parts.append(f"<p><b>{e(title)}</b></p>" + self.pairs(rows))
        return self.section(self.tr("Addenda"), "".join(parts))


def _paragraphs(text: str) -> str:
    return "<br>".join(e(line) for line in text.splitlines())


def _set_at(data: Any, path: Path, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``path`` (unchanged if the path is not there)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict) and head in data:
        return {**data, head: _set_at(data[head], rest, value)}
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data):
        return [_set_at(v, rest, value) if i == head else v for i, v in enumerate(data)]
    return data
