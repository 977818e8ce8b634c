"""A seizure as a document: what was taken from whom, items, currency, seals, custody chains."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from fieldapp.services.queries import ChainLink, RecordView
from ui.records.custody_html import CustodyTimelineHtml
from ui.records.sections import currency_totals, e

_DETAILS = ("make", "model", "serial_number", "calibre", "vin", "plate")


class SeizureHtml(CustodyTimelineHtml):
    """Writes a seizure's sections in the order of CBP Form 6051S and the RCC."""

    def body(self, view: RecordView, chains: Mapping[str, list[ChainLink]]) -> str:
        """Every section of the seizure, then each item's chain of custody."""
        return (
            self.header()
            + self.items()
            + self.currency()
            + self.packages()
            + self.approvals()
            + self.custody(chains)
        )

    def _items(self) -> list[dict[str, Any]]:
        items = self._current.get("items")
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []

    def header(self) -> str:
        """Number, time, place, reason, whom it was taken from, who seized and witnessed."""
        current = self._current
        encounter = current.get("encounter_id")
        rows = [
            (self.tr("Seizure number"), self.v("seizure_number")),
            (
                self.tr("Encounter"),
                self.link(encounter, self.tr("Open the encounter"))
                if isinstance(encounter, str)
                else self.v("encounter_id"),
            ),
            (self.tr("Seized"), self.v("seized_at")),
            (
                self.tr("Checkpoint"),
                self.v("checkpoint", show=lambda c: e(f"{self.labels.checkpoint(c)} ({c})")),
            ),
            (self.tr("Where found"), self.v("found_location")),
            (self.tr("Custody started"), self.code("custody_start", "custody_start")),
            (self.tr("Reason"), self.code("seizure_reason", "reason")),
            (self.tr("Seized from"), self.v("seized_from", "name")),
            (self.tr("Address for return"), self.v("seized_from", "address")),
            (self.tr("Contact"), self.v("seized_from", "contact")),
            (self.tr("Owner, if different"), self.v("seized_from", "owner")),
            (
                self.tr("Legal power"),
                self.v("legal_power", show=lambda c: e(self.labels.legal_power(c))),
            ),
            (self.tr("Seizing officer"), self.officer("officer_id")),
            (self.tr("Witness"), self.officer("witness_id")),
            (
                self.tr("Detained person's property")
                if current.get("detained_person_property")
                else "",
                self.v("detained_person_property"),
            ),
        ]
        return self.section(self.tr("Seizure"), self.pairs(rows))

    def _detail_captions(self) -> dict[str, str]:
        """The names of an item's identifying details (``_DETAILS``), in the officer's language."""
        return {
            "make": self.tr("make"),
            "model": self.tr("model"),
            "serial_number": self.tr("serial number"),
            "calibre": self.tr("calibre"),
            "vin": self.tr("VIN"),
            "plate": self.tr("plate"),
        }

    def items(self) -> str:
        """One line per exhibit, with quantity and gross weight at seizure."""
        rows = []
        for i, item in enumerate(self._items()):
            description = self.v("items", i, "description")
            captions = self._detail_captions()
            details = [
                f"{e(captions[name])}: {self.v('items', i, name)}"
                for name in _DETAILS
                if not _not_applicable(item.get(name))
            ]
            if details:
                description += '<br><span class="note">' + "; ".join(details) + "</span>"
            if item.get("photo_hashes"):
                description += (
                    '<br><span class="note">'
                    + e(self.tr("{count} photo(s)").format(count=len(item["photo_hashes"])))
                    + "</span>"
                )
            test = item.get("field_test")
            if isinstance(test, dict) and "result" in test:
                tested = self.code("field_test", "items", i, "field_test", "result")
                if test.get("kit"):
                    tested += " (" + self.v("items", i, "field_test", "kit") + ")"
            else:
                tested = self.v("items", i, "field_test")
            rows.append(
                (
                    e(item.get("exhibit_number", "")),
                    e(self.labels.item_category(item)),
                    description,
                    self.v("items", i, "quantity"),
                    self.v("items", i, "gross_weight"),
                    self.v("items", i, "condition"),
                    tested,
                )
            )
        headers = [
            self.tr("Exhibit"),
            self.tr("Category"),
            self.tr("Description"),
            self.tr("Quantity"),
            self.tr("Gross weight"),
            self.tr("Condition"),
            self.tr("Field test"),
        ]
        # Gross weight and field test are drug columns: left out when no item has them.
        dropped = [
            column
            for column, name in ((4, "gross_weight"), (6, "field_test"))
            if all(_not_applicable(item.get(name)) for item in self._items())
        ]
        keep = [c for c in range(len(headers)) if c not in dropped]
        headers = [headers[c] for c in keep]
        shown = [tuple(row[c] for c in keep) for row in rows]
        body = self.table(headers, shown) if shown else self.none(self.tr("No items."))
        return self.section(self.tr("Items"), body)

    def currency(self) -> str:
        """Currency counted by denomination, totals per currency, who counted and witnessed."""
        parts = []
        overall: dict[str, Decimal] = {}
        for i, item in enumerate(self._items()):
            if item.get("category") != "currency":
                continue
            count = item.get("currency_count")
            title = self.tr("Exhibit {number}").format(number=item.get("exhibit_number", ""))
            if isinstance(count, dict) and count.get("lines"):
                lines = count["lines"]
                totals = currency_totals(lines)
                for code, amount in totals.items():
                    overall[code] = overall.get(code, Decimal(0)) + amount
                rows = [
                    (
                        e(line.get("currency", "")),
                        e(line.get("denomination", "")),
                        e(line.get("count", "")),
                        e(_money(currency_totals([line]).get(str(line.get("currency")), 0))),
                    )
                    for line in lines
                ]
                headers = (
                    self.tr("Currency"),
                    self.tr("Denomination"),
                    self.tr("Count"),
                    self.tr("Amount"),
                )
                who = self.pairs(
                    [
                        (
                            self.tr("Counted by"),
                            self.officer("items", i, "currency_count", "counted_by"),
                        ),
                        (
                            self.tr("Witnessed by"),
                            self.officer("items", i, "currency_count", "witnessed_by"),
                        ),
                    ]
                )
                parts.append(f"<p><b>{e(title)}</b></p>" + self.table(headers, rows) + who)
            elif item.get("count_deferred_reason"):
                deferred = self.tr("Count deferred: {reason}").format(
                    reason=item["count_deferred_reason"]
                )
                parts.append(f"<p><b>{e(title)}</b> — {e(deferred)}</p>")
        if not parts:
            return ""
        summed = ", ".join(f"{_money(amount)} {code}" for code, amount in sorted(overall.items()))
        if summed:
            total = self.tr("Total")
            parts.insert(0, f"<p><b>{e(total)}:</b> {e(summed)}</p>")
        return self.section(self.tr("Currency"), "".join(parts))

    def packages(self) -> str:
        """Packaging and seal numbers, who sealed and who witnessed."""
        packages = self._current.get("packages")
        if not isinstance(packages, list) or not packages:
            return ""
        rows = [
            (
                e(p.get("package_ref", "")),
                self.code("package_kind", "packages", i, "kind"),
                self.v("packages", i, "count"),
                self.v("packages", i, "seal_numbers"),
                self.officer("packages", i, "sealed_by"),
                self.officer("packages", i, "witnessed_by"),
                self.v("packages", i, "exhibit_numbers"),
            )
            for i, p in enumerate(packages)
        ]
        headers = (
            self.tr("Package"),
            self.tr("Kind"),
            self.tr("Count"),
            self.tr("Seals"),
            self.tr("Sealed by"),
            self.tr("Witness"),
            self.tr("Exhibits"),
        )
        return self.section(self.tr("Packaging and seals"), self.table(headers, rows))

    def approvals(self) -> str:
        """Supervisors' approvals."""
        approvals = self._current.get("approvals")
        if not isinstance(approvals, list) or not approvals:
            return ""
        rows = [
            (
                self.code("approval_level", "approvals", i, "level"),
                self.officer("approvals", i, "officer_id"),
                self.v("approvals", i, "approved_at"),
                self.v("approvals", i, "note"),
            )
            for i, _ in enumerate(approvals)
        ]
        headers = (self.tr("Level"), self.tr("Approved by"), self.tr("When"), self.tr("Note"))
        return self.section(self.tr("Approvals"), self.table(headers, rows))


def _not_applicable(value: Any) -> bool:
    return isinstance(value, dict) and value.get("empty") == "not_applicable"


def _money(amount: Any) -> str:
    try:
        return f"{Decimal(str(amount)):,.2f}"
    except ArithmeticError:
        return str(amount)
