"""Shifts: an officer's time at one checkpoint, and what was recorded in it."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.ids import uuid7
from fieldapp.store.projections import utc_key
from fieldapp.store.store import Store


@dataclass(frozen=True)
class Shift:
    """One shift of one officer."""

    id: str
    officer_id: str
    checkpoint: str
    opened_at: str
    closed_at: str | None


@dataclass(frozen=True)
class ShiftCounts:
    """What the officer recorded during the shift, and what still waits for HQ."""

    encounters: int
    seizures: int
    drafts: int
    waiting_for_hq: int


class Shifts:
    """Open, read and close shifts."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def current(self, officer_id: str) -> Shift | None:
        """The officer's open shift on this device, if any."""
        row = self.store.conn.execute(
            "SELECT id, officer_id, checkpoint, opened_at, closed_at FROM shifts "
            "WHERE officer_id = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1",
            (officer_id,),
        ).fetchone()
        return None if row is None else Shift(*row)

    def last_checkpoint(self, officer_id: str) -> str | None:
        """The checkpoint of the officer's latest shift here (offered first next time)."""
        row = self.store.conn.execute(
            "SELECT checkpoint FROM shifts WHERE officer_id = ? ORDER BY opened_at DESC LIMIT 1",
            (officer_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    def open(self, officer_id: str, checkpoint: str) -> Shift:
        """Open a shift (or return the one already open at that checkpoint)."""
        codes = {c["code"] for c in (self.store.reference_data() or {}).get("checkpoints", [])}
        if codes and checkpoint not in codes:
            raise KnownError(f"Checkpoint {checkpoint!r} is not in the reference data.")
        current = self.current(officer_id)
        if current is not None:
            if current.checkpoint == checkpoint:
                return current
            self.close(current.id)
        shift = Shift(uuid7(), officer_id, checkpoint, now().isoformat(), None)
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO shifts (id, officer_id, checkpoint, opened_at) VALUES (?, ?, ?, ?)",
                (shift.id, shift.officer_id, shift.checkpoint, shift.opened_at),
            )
        return shift

    def close(self, shift_id: str) -> None:
        """Close a shift; its records stay as they are."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE shifts SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                (now().isoformat(), shift_id),
            )

    def counts(self, shift: Shift) -> ShiftCounts:
        """Records of the officer that happened since the shift opened, and what waits for HQ."""
        conn = self.store.conn
        since = utc_key(shift.opened_at)
        rows = dict(
            conn.execute(
                "SELECT record_type, count(*) FROM records WHERE officer_id = ? "
                "AND occurred_at >= ? AND record_type IN ('encounter', 'seizure') "
                "GROUP BY record_type",
                (shift.officer_id, since),
            ).fetchall()
        )
        drafts = conn.execute(
            "SELECT count(*) FROM drafts WHERE officer_id = ?", (shift.officer_id,)
        ).fetchone()[0]
        waiting = conn.execute("SELECT count(*) FROM events WHERE synced_at IS NULL").fetchone()[0]
        return ShiftCounts(
            encounters=int(rows.get("encounter", 0)),
            seizures=int(rows.get("seizure", 0)),
            drafts=int(drafts),
            waiting_for_hq=int(waiting),
        )
