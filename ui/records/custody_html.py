"""A seizure's chain of custody: where each item is now, and every step from the seizure on.

First a table, one line per item: the steps of its own chain (seized, #1, #2,
returned) and who holds it now. Then the steps themselves, oldest first, each
written once however many items it moved: when, from whom to whom (name,
agency, country), why, by what route, whether the seal was intact (and if
not, why), the condition, whether both sides signed or one declined (with the
officer's note), and the receipt number when one was printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fieldapp.services.queries import ChainLink
from ui.records.chain import receipt_numbers
from ui.records.sections import RecordHtml, e

#: Colours that read at a glance: the timeline's rule, a broken seal, an intact one.
_RULE = "#9fb3cc"
_ALERT = "#b00020"
_OK = "#1e6b34"


class CustodyTimelineHtml(RecordHtml):
    """Writes the chain of custody of a seizure's items (the seizure's writer inherits it)."""

    def custody(self, chains: Mapping[str, list[ChainLink]]) -> str:
        """Where each item is now, then the timeline from the seizure to the latest holder."""
        if not any(chains.values()):
            still = self.tr("{when} — seized by {officer}; no hand-over recorded yet.").format(
                when=self.labels.when(self._current.get("seized_at")),
                officer=self.labels.officer(self._current.get("officer_id", "")),
            )
            return self.section(self.tr("Chain of custody"), self.none(still))
        steps = _in_order(chains)
        receipts = receipt_numbers(self.labels.ctx.ui_conn, [s.record_id for s in steps])
        return self.section(
            self.tr("Chain of custody"), self._where_now(chains) + self._timeline(steps, receipts)
        )

    # -- where each item is now --------------------------------------------------------------

    def _where_now(self, chains: Mapping[str, list[ChainLink]]) -> str:
        rows = []
        items = self._current.get("items")
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            number = str(item.get("exhibit_number", ""))
            chain = chains.get(number, [])
            path = " → ".join([e(self.tr("seized")), *(self._short(link) for link in chain)])
            description = str(item.get("description", "")).split("\n")[0]
            rows.append((f"<b>{e(number)}</b>", e(description), path, self._holder(chain)))
        headers = (self.tr("Exhibit"), self.tr("Item"), self.tr("Steps"), self.tr("Now"))
        return self.table(headers, rows)

    def _short(self, link: ChainLink) -> str:
        if link.record_type == "property_return":
            if link.data.get("outcome") == "handed_to_next_agency":
                return e(self.tr("handed on"))
            return e(self.tr("returned"))
        return e(f"#{link.data.get('sequence', '')}")

    def _holder(self, chain: Sequence[ChainLink]) -> str:
        """Who has the item now (and since when), or that it went back to the person."""
        if not chain:
            return self._officer(self._current.get("officer_id")) + self._since(
                self._current.get("seized_at")
            )
        last = chain[-1].data
        if chain[-1].record_type != "property_return":
            return self._who(last.get("received_by")) + self._since(last.get("transferred_at"))
        since = self._since(last.get("returned_at"))
        agency = last.get("receiving_agency")
        if last.get("outcome") == "handed_to_next_agency":
            whom = self.fmt(last.get("returned_to"))
            where = f" · {e(agency)}" if isinstance(agency, str) and agency else ""
            return e(self.tr("Handed on:")) + f" {whom}{where}{since}"
        return e(self.tr("Returned to")) + f" {self.fmt(last.get('returned_to'))}{since}"

    def _since(self, moment: Any) -> str:
        when = self.labels.when(moment)
        text = self.tr("since {when}").format(when=when) if when else ""
        return f'<br><span class="note">{e(text)}</span>' if text else ""

    # -- the timeline ------------------------------------------------------------------------

    def _timeline(self, steps: Sequence[ChainLink], receipts: Mapping[str, str]) -> str:
        blocks = [self._seizure_step(), *(self._step(link, receipts) for link in steps)]
        # A thin coloured cell down the left side draws the timeline's rule.
        rows = "".join(
            f'<tr><td width="3" bgcolor="{_RULE}"></td>'
            f'<td style="padding: 4px 0 8px 10px;">{block}</td></tr>'
            for block in blocks
        )
        return f'<p></p><table cellspacing="0" cellpadding="0">{rows}</table>'

    def _seizure_step(self) -> str:
        current = self._current
        head = self.tr("{when} — Seized").format(when=self.labels.when(current.get("seized_at")))
        checkpoint = current.get("checkpoint")
        if isinstance(checkpoint, str) and checkpoint:
            head += " · " + self.labels.checkpoint(checkpoint)
        owner = current.get("seized_from")
        taken_from = self.fmt(owner.get("name")) if isinstance(owner, dict) else self.fmt(None)
        lines = [
            f"<b>● {e(head)}</b>",
            self._from_to(taken_from, self._officer(current.get("officer_id"))),
        ]
        found = current.get("found_location")
        if isinstance(found, str) and found:
            where = self.tr("Found: {where}").format(where=found)
            lines.append(f'<span class="note">{e(where)}</span>')
        return "<br>".join(lines)

    def _step(self, link: ChainLink, receipts: Mapping[str, str]) -> str:
        if link.record_type == "property_return":
            return self._return_step(link)
        data = link.data
        purpose = self.labels.code("purpose", data.get("purpose", ""))
        if data.get("purpose_detail"):
            purpose += f" ({data['purpose_detail']})"
        head = self.tr("{when} — Hand-over #{sequence}: {purpose}").format(
            when=self.labels.when(data.get("transferred_at")),
            sequence=data.get("sequence", ""),
            purpose=purpose,
        )
        route = self.tr("Route: {route}").format(route=data.get("route", ""))
        condition = self.tr("Condition: {condition}").format(condition=data.get("condition", ""))
        proof = [self.transfer_signatures(data)]
        receipt = receipts.get(link.record_id)
        if receipt:
            proof.append(e(self.tr("Receipt {number}").format(number=receipt)))
        return "<br>".join(
            (
                "<b>● " + self.link(link.record_id, head) + "</b>" + self._exhibits(data),
                self._from_to(
                    self._who(data.get("released_by")), self._who(data.get("received_by"))
                ),
                " · ".join((e(route), self._seal(data), e(condition))),
                " · ".join(proof),
            )
        )

    def _return_step(self, link: ChainLink) -> str:
        data = link.data
        head = self.tr("{when} — {outcome}").format(
            when=self.labels.when(data.get("returned_at")),
            outcome=self.labels.code("return_outcome", data.get("outcome", "")),
        )
        receiver = self.fmt(data.get("returned_to"))
        agency = data.get("receiving_agency")
        if data.get("outcome") == "handed_to_next_agency" and isinstance(agency, str) and agency:
            receiver += " · " + e(agency)
        signed = self.return_signature(data)
        return "<br>".join(
            (
                "<b>● " + self.link(link.record_id, head) + "</b>" + self._exhibits(data),
                self._from_to(self._officer(data.get("officer_id")), receiver),
                e(self.tr("Receiver:")) + " " + signed,
            )
        )

    # -- parts of a step ---------------------------------------------------------------------

    def _exhibits(self, data: Mapping[str, Any]) -> str:
        numbers = ", ".join(str(n) for n in data.get("exhibit_numbers") or [])
        text = self.tr("exhibits {numbers}").format(numbers=numbers)
        return f' <span class="note">({e(text)})</span>'

    def _from_to(self, giver: str, taker: str) -> str:
        return f"{giver} <b>→</b> {taker}"

    def _who(self, value: Any) -> str:
        """One side of a hand-over, short: name (ID), agency code, country."""
        if not isinstance(value, dict):
            return self.fmt(value)
        officer = self.labels.ctx.reference.officers_by_id.get(str(value.get("officer_id")))
        text = e(officer.name) if officer is not None else self.fmt(value.get("name"))
        number = officer.badge_number if officer is not None else value.get("id_number")
        if isinstance(number, str) and number:
            text += f" ({e(number)})"
        where = ", ".join(str(part) for part in (value.get("agency"), value.get("country")) if part)
        return text + (f' · <span class="note">{e(where)}</span>' if where else "")

    def _officer(self, officer_id: Any) -> str:
        officer = self.labels.ctx.reference.officers_by_id.get(str(officer_id))
        if officer is None:
            return self.fmt(officer_id)
        agency = self.labels.ctx.reference.agencies_by_code.get(officer.agency)
        return self._who(
            {
                "officer_id": officer.id,
                "agency": officer.agency,
                "country": agency.country.value if agency is not None else "",
            }
        )

    def _seal(self, data: Mapping[str, Any]) -> str:
        if data.get("seal_intact"):
            intact = self.tr("seal intact")  # outside the f-string, where lupdate sees it
            return f'<span style="color: {_OK};">{e(intact)}</span>'
        text = self.tr("seal NOT intact: {reason}").format(
            reason=data.get("seal_broken_reason") or "—"
        )
        return f'<span style="color: {_ALERT}; font-weight: bold;">{e(text)}</span>'


def _in_order(chains: Mapping[str, Sequence[ChainLink]]) -> list[ChainLink]:
    """Every hand-over and return of the seizure once, oldest first (sequence breaks ties)."""
    unique = {link.record_id: link for chain in chains.values() for link in chain}
    return sorted(
        unique.values(),
        key=lambda link: (
            link.occurred_at,
            link.record_type == "property_return",
            int(link.data.get("sequence") or 0),
        ),
    )
