"""The access log: every read of a whole record and every export, as a signed event.

Access events are ``accessed`` events of record type ``access_log``, on a
line of their own per device and subject (:func:`~fieldapp.services.queries.
access_log_id`), never on the record read. So they are hash-chained, signed and
pushed to HQ like any event, yet they never make a record "need review" (they
are no head of it), never change its state or history, and never show in the
records list or search (an access log has no projection row).

Re-opening a record does not flood the log: a view is logged at most once per
officer, record and :data:`VIEW_WINDOW` (ten minutes) on a device; each entry
names the version read (the record's head hash).
Every export is logged, before any data leaves, so an export can never happen
unrecorded (even one that fails halfway).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fieldapp.events import Event, Kind, now
from fieldapp.services import queries
from fieldapp.services.actor import Actor
from fieldapp.services.permissions import Action, check
from fieldapp.store.store import Store

__all__ = ["EXPORT_SUBJECT", "VIEW_WINDOW", "AccessLog"]

#: Views of one record by one officer within this time are logged once.
VIEW_WINDOW = dt.timedelta(minutes=10)
#: The subject of the export line (record ids are UUIDs, so it cannot clash).
EXPORT_SUBJECT = "export"


class AccessLog:
    """Read records for viewing, and export, leaving a signed trace of who did it."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], dt.datetime] = now,
        window: dt.timedelta = VIEW_WINDOW,
    ) -> None:
        self.store = store
        self.clock = clock
        self.window = window

    def open_record(self, record_id: str, actor: Actor) -> queries.RecordView:
        """The whole record, for reading; the read is logged (see :meth:`record_viewed`)."""
        check(actor, Action.READ)
        view = queries.get_record(self.store.conn, record_id)
        self.record_viewed(record_id, actor)
        return view

    def record_viewed(self, record_id: str, actor: Actor) -> Event | None:
        """Log that ``actor`` read the whole record; None when a recent entry covers it.

        For a record read on another connection (the UI reads on its own
        thread and logs through the writer).
        """
        check(actor, Action.READ)
        line = queries.access_log_id(record_id, self.store.device.device_id)
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT record_type, reference, head_hash FROM records WHERE id = ?", (record_id,)
            ).fetchone()
            if row is None:
                return None  # nothing was read
            record_type, reference, head = row
            last = db.execute(
                "SELECT recorded_at FROM events WHERE record_id = ? AND author = ? "
                "ORDER BY pos DESC LIMIT 1",
                (line, actor.officer_id),
            ).fetchone()
            if last is not None and self._recent(last[0]):
                return None
            payload = {
                "action": "viewed",
                "role": actor.role.value,
                "record_id": record_id,
                "record_type": record_type,
                "reference": reference,
                "head_hash": head,
            }
            return self._append(db, line, actor, payload)

    def exported(self, actor: Actor, *, what: str, fmt: str, rows: int, destination: str) -> Event:
        """Log an export about to be written: what, in which format, how many rows, where to."""
        check(actor, Action.EXPORT)
        line = queries.access_log_id(EXPORT_SUBJECT, self.store.device.device_id)
        payload = {
            "action": "exported",
            "role": actor.role.value,
            "what": what,
            "format": fmt,
            "rows": rows,
            "destination": destination,
        }
        with self.store.transaction() as db:
            return self._append(db, line, actor, payload)

    def _recent(self, recorded_at: str) -> bool:
        try:
            moment = dt.datetime.fromisoformat(recorded_at)
        except ValueError:
            return False
        return abs(self.clock() - moment) < self.window

    def _append(self, db: Any, line: str, actor: Actor, payload: dict[str, Any]) -> Event:
        # The line's latest event is the base: one device's line never forks.
        base = db.execute(
            "SELECT hash FROM events WHERE record_id = ? ORDER BY pos DESC LIMIT 1", (line,)
        ).fetchone()
        return self.store.append(
            db,
            record_id=line,
            record_type=queries.ACCESS_LOG_TYPE,
            kind=Kind.ACCESSED,
            author=actor.officer_id,
            payload=payload,
            base=None if base is None else str(base[0]),
        )
