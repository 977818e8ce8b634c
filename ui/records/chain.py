"""Reading a seizure's chains of custody: who holds each item now, what was printed for each step.

``queries.custody_chains`` gives every hand-over and return of each exhibit,
oldest first. From it the return dialog learns which exhibits the seizing
agency still holds (not returned, not handed to another agency). The receipt
numbers of hand-overs come from their records' ``receipt_issued`` events.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fieldapp.errors import KnownError
from fieldapp.events import Kind
from fieldapp.services import queries
from fieldapp.services.queries import ChainLink


def home_agency(seizure: Mapping[str, Any], officers: Mapping[str, Any]) -> str:
    """The agency that seized the items (the seizing officer's), or "" when unknown."""
    officer = officers.get(str(seizure.get("officer_id", "")))
    return str(getattr(officer, "agency", "") or "")


def _same_agency(one: Any, other: str) -> bool:
    return isinstance(one, str) and bool(other) and one.strip().casefold() == other.casefold()


def is_held(chain: Sequence[ChainLink], agency: str) -> bool:
    """Whether ``agency`` still holds an item with this chain.

    Not once it was returned to the person or handed on by a property
    return; after a hand-over, only if the receiver is of ``agency`` (custody
    may pass between its own officers, or come back from a laboratory).
    """
    if any(link.record_type == "property_return" for link in chain):
        return False
    transfers = [link for link in chain if link.record_type == "custody_transfer"]
    if not transfers:
        return True
    receiver = transfers[-1].data.get("received_by")
    return isinstance(receiver, dict) and _same_agency(receiver.get("agency"), agency)


def held_exhibits(
    seizure: Mapping[str, Any], chains: Mapping[str, Sequence[ChainLink]], agency: str
) -> list[str]:
    """The seizure's exhibit numbers ``agency`` still holds, in the seizure's order."""
    numbers = [str(i.get("exhibit_number", "")) for i in seizure.get("items") or []]
    return [n for n in numbers if is_held(chains.get(n, ()), agency)]


def receipt_numbers(conn: sqlite3.Connection, record_ids: Iterable[str]) -> dict[str, str]:
    """The receipt number printed for each of these custody records that has one.

    A print is a ``receipt_issued`` event on the record itself (as for a
    seizure's receipt); the first print's number is the receipt's number.
    """
    found: dict[str, str] = {}
    for record_id in dict.fromkeys(record_ids):
        try:
            entries = queries.history(conn, record_id)
        except (KnownError, sqlite3.Error):
            continue
        for entry in entries:
            number = entry.payload.get("receipt_number")
            if entry.kind == Kind.RECEIPT_ISSUED and isinstance(number, str) and number:
                found[record_id] = number
                break
    return found
