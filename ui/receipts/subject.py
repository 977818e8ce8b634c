"""What a receipt is for, and the receipt settings remembered on the profile.

A receipt is printed for a seizure (an encounter stands for its only seizure)
or for a custody transfer. Reading it is one record by id and its children, on
the UI thread's read-only connection; the page size is remembered in the
profile's ``settings`` table, written through the writer.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from fieldapp.profile import Profile
from fieldapp.store.syncstate import read_enrollment

#: Page sizes the core renders, in the order they are offered.
PAGE_SIZES = ("letter", "a4", "thermal80")
#: Key of the last page size chosen, in the profile's ``settings`` table.
PAGE_SIZE_KEY = "receipt_page_size"


class NoReceipt(Exception):
    """The record has no receipt: ``reason`` is missing, no_seizure, many_seizures or other."""

    def __init__(self, reason: str, count: int = 0, record_type: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.count = count
        self.record_type = record_type


@dataclass(frozen=True)
class ReceiptSubject:
    """The seizure or custody transfer a receipt is printed for."""

    #: "seizure" or "custody_transfer".
    kind: str
    #: The id of that seizure or transfer (an encounter's id is replaced by its seizure's).
    record_id: str
    #: The seizure's number (for a transfer, the number of the seizure it belongs to).
    seizure_number: str
    #: The transfer's sequence in the seizure's chain (None for a seizure).
    sequence: int | None = None
    officer_id: str | None = None
    witness_id: str | None = None
    #: The name of whom the property was taken from: text, or a "no information" value.
    seized_from: str | dict[str, Any] | None = None
    #: Whether someone was there to take the receipt (found property has nobody).
    person_present: bool = True

    @property
    def is_transfer(self) -> bool:
        """Whether this is a custody-transfer receipt."""
        return self.kind == "custody_transfer"


def read_subject(conn: sqlite3.Connection, record_id: str) -> ReceiptSubject:
    """The receipt's subject for a seizure, an encounter with one seizure, or a transfer.

    Raises:
        NoReceipt: no such record, an encounter without exactly one seizure,
            or a kind of record that has no receipt.
    """
    row = conn.execute(
        "SELECT record_type, data FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise NoReceipt("missing")
    record_type, data = str(row[0]), json.loads(row[1])
    if record_type == "encounter":
        seizures = conn.execute(
            "SELECT id, data FROM records WHERE parent_id = ? AND record_type = 'seizure' "
            "ORDER BY rowid",
            (record_id,),
        ).fetchall()
        if len(seizures) != 1:
            raise NoReceipt("no_seizure" if not seizures else "many_seizures", len(seizures))
        return _seizure(str(seizures[0][0]), json.loads(seizures[0][1]))
    if record_type == "seizure":
        return _seizure(record_id, data)
    if record_type == "custody_transfer":
        seizure_id = str(data.get("seizure_id") or "")
        found = conn.execute("SELECT data FROM records WHERE id = ?", (seizure_id,)).fetchone()
        seizure = json.loads(found[0]) if found is not None else {}
        sequence = data.get("sequence")
        return ReceiptSubject(
            kind="custody_transfer",
            record_id=record_id,
            seizure_number=str(seizure.get("seizure_number") or seizure_id),
            sequence=sequence if isinstance(sequence, int) else None,
        )
    raise NoReceipt("other", record_type=record_type)


def _seizure(seizure_id: str, data: dict[str, Any]) -> ReceiptSubject:
    witness = data.get("witness_id")
    seized_from = data.get("seized_from") or {}
    return ReceiptSubject(
        kind="seizure",
        record_id=seizure_id,
        seizure_number=str(data.get("seizure_number") or seizure_id),
        officer_id=str(data["officer_id"]) if data.get("officer_id") else None,
        witness_id=witness if isinstance(witness, str) and witness else None,
        seized_from=seized_from.get("name"),
        person_present=data.get("custody_start") != "found",
    )


def seizure_numbers(conn: sqlite3.Connection, record_ids: list[str]) -> list[tuple[str, str]]:
    """(id, seizure number) of the seizures among ``record_ids``, in their order."""
    if not record_ids:
        return []
    marks = ", ".join("?" for _ in record_ids)
    rows = conn.execute(
        f"SELECT id, json_extract(data, '$.seizure_number') FROM records "
        f"WHERE record_type = 'seizure' AND id IN ({marks})",
        record_ids,
    ).fetchall()
    numbers = {str(r[0]): str(r[1] or r[0]) for r in rows}
    return [(rid, numbers[rid]) for rid in record_ids if rid in numbers]


# -- settings ----------------------------------------------------------------------------------


def saved_page_size(conn: sqlite3.Connection) -> str:
    """The page size chosen last on this profile (Letter when none was)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (PAGE_SIZE_KEY,)).fetchone()
    return str(row[0]) if row is not None and row[0] in PAGE_SIZES else PAGE_SIZES[0]


def save_page_size(profile: Profile, page_size: str) -> None:
    """Remember the page size on the profile (runs on the writer thread)."""
    with profile.store.transaction() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (PAGE_SIZE_KEY, page_size),
        )


def verify_url(conn: sqlite3.Connection) -> str | None:
    """HQ's address, when this device knows it: the QR code then links to its verification page."""
    enrollment = read_enrollment(conn)
    return enrollment.hq_url if enrollment is not None and enrollment.hq_url else None
