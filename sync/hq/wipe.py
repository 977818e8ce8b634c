"""Remote wipe at HQ: what a revoked device is asked, and the wipe reports it sends back.

A revocation may ask the device to remove the records HQ already holds
(never the ones HQ has not received). The device asks at its next contact
(``GET /api/v1/revocation``, answered to a revoked device's token too),
removes them, records its own signed ``device_wiped`` event and reports it
(``POST /api/v1/revocation/wipe-report``). HQ checks the report like a
pushed event (origin, hash, the device's signature) and keeps it in
``wipe_reports``, never in its event log, which takes no event from a
revoked device. The payload is the device's word, signed: it is read
leniently, and the ids it says it removed are checked against what HQ holds
(``not_at_hq``: removed records HQ never received are a warning sign).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select
from sqlalchemy.exc import IntegrityError

from fieldapp.canonical import canonical_text
from fieldapp.events import Event, Kind
from sync.errors import Conflict, Forbidden, InvalidInput
from sync.hq import schema
from sync.hq.enrollment import Device
from sync.hq.ingest import lookup_chunks, unreadable
from sync.hq.signatures import verify_hash
from sync.protocol import DEVICE_RECORD_TYPE, Revocation, WipeReportReceived, WireEvent

logger = logging.getLogger(__name__)

_MAX_COUNT = 2**62
#: Distinct wipe reports HQ keeps of one device (a device wipes once; resending is a duplicate).
MAX_REPORTS_PER_DEVICE = 5


def revocation(device: Device) -> Revocation:
    """What HQ tells a device about its revocation (``revoked`` false for an active one)."""
    if device.revoked_at is None:
        return Revocation(revoked=False)
    return Revocation(
        revoked=True,
        revoked_at=device.revoked_at,
        reason=device.revoked_reason,
        wipe=device.wipe,
    )


def _count(value: Any, fallback: int) -> int:
    if type(value) is int and 0 <= value < _MAX_COUNT:
        return value
    return fallback


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.isprintable() and len(value) <= 64:
        return value
    return None


def _shown(value: Any) -> str:
    """A record id from the device, safe to print (control characters escaped)."""
    text = value if isinstance(value, str) else json.dumps(value)
    return text if text.isprintable() else ascii(text)


def _ids(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class WipeReportEntry:
    """A wipe report HQ holds, as an administrator reads it."""

    event_id: str
    device_id: str
    received_at: str
    recorded_at: str
    revoked_at: str | None
    reason: str | None
    wiped_at: str | None
    records_wiped: int
    records_kept: int
    kept_record_ids: tuple[str, ...]
    not_at_hq: int
    events_redacted: int
    files_removed: int

    @classmethod
    def from_row(cls, row: RowMapping) -> WipeReportEntry:
        """From a ``wipe_reports`` row, its payload read leniently."""
        try:
            payload = json.loads(row["event"]).get("payload")
        except (ValueError, AttributeError):
            payload = None
        p: dict[str, Any] = payload if isinstance(payload, dict) else {}
        return cls(
            event_id=row["event_id"],
            device_id=row["device_id"],
            received_at=row["received_at"],
            recorded_at=row["recorded_at"],
            revoked_at=_text(p.get("revoked_at")),
            reason=_shown(p["reason"]) if isinstance(p.get("reason"), str) else None,
            wiped_at=_text(p.get("wiped_at")),
            records_wiped=int(row["records_wiped"]),
            records_kept=int(row["records_kept"]),
            kept_record_ids=tuple(_shown(i) for i in _ids(p.get("kept_record_ids"))),
            not_at_hq=int(row["not_at_hq"]),
            events_redacted=_count(p.get("events_redacted"), 0),
            files_removed=_count(p.get("files_removed"), 0),
        )


def _checked(device: Device, wire: WireEvent) -> Event:
    """The report's event once it is the device's own signed ``device_wiped`` event."""
    if device.revoked_at is None:
        raise Conflict(
            f"Device {device.device_id} is not revoked, so HQ takes no wipe report from it; "
            "it syncs as usual.",
            code="not_revoked",
        )
    if wire.origin != device.device_id:
        raise Forbidden(
            f"The wipe report's event has origin {_shown(wire.origin)}, but device "
            f"{device.device_id} sent it; a device reports only its own wipe.",
            code="foreign_origin",
        )
    if (
        wire.kind != Kind.DEVICE_WIPED
        or wire.record_type != DEVICE_RECORD_TYPE
        or wire.record_id != device.device_id
    ):
        raise InvalidInput(
            f"A wipe report carries the device's {Kind.DEVICE_WIPED} event (record type "
            f"{DEVICE_RECORD_TYPE}, record id {device.device_id}), not a "
            f"{_shown(wire.kind)} event of {_shown(wire.record_type)} {_shown(wire.record_id)}.",
            code="not_a_wipe_event",
        )
    event = wire.to_event()
    problem = unreadable(event)
    if problem is not None:
        raise InvalidInput(f"The wipe report's event cannot be read: {problem}.")
    try:
        event = event.with_payload_text(canonical_text(event.payload))
        hash_ok = event.hash_ok()
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidInput(
            f"The wipe report's event payload cannot be made canonical ({exc})."
        ) from exc
    if not hash_ok:
        raise InvalidInput(
            f"The wipe report's event {event.id} does not match its hash: its content was "
            "changed after it was recorded.",
            code="bad_hash",
        )
    if not verify_hash(bytes.fromhex(device.public_key), event.hash, event.signature):
        raise InvalidInput(
            f"The wipe report's event {event.id} is not signed by device {device.device_id}'s "
            "enrolled key.",
            code="bad_signature",
        )
    return event


def _not_at_hq(conn: Connection, wiped: list[Any]) -> int:
    """How many of the ids the device says it removed HQ holds no event of."""
    ids = {i for i in wiped if isinstance(i, str) and 0 < len(i) <= 128 and i.isprintable()}
    unusable = sum(1 for i in wiped if not (isinstance(i, str) and i in ids))
    held: set[str] = set()
    ev = schema.events
    for chunk in lookup_chunks(sorted(ids)):
        rows = conn.execute(select(ev.c.record_id).where(ev.c.record_id.in_(chunk)).distinct())
        held.update(str(r[0]) for r in rows)
    return unusable + len(ids - held)


def _held(conn: Connection, event: Event) -> RowMapping | None:
    w = schema.wipe_reports
    return conn.execute(select(w).where(w.c.event_id == event.id)).mappings().first()


def _answer_held(row: RowMapping, event: Event) -> WipeReportReceived:
    if row["hash"] != event.hash or row["device_id"] != event.origin:
        raise Conflict(
            f"HQ already holds wipe report {event.id} with different content; this copy was "
            "refused as possible tampering.",
            code="conflicting_report",
        )
    return WipeReportReceived(event_id=event.id, received_at=row["received_at"], duplicate=True)


def receive(
    conn: Connection, device: Device, wire: WireEvent, now: dt.datetime
) -> WipeReportReceived:
    """Check and keep a revoked device's wipe report (a copy already held: ``duplicate``)."""
    event = _checked(device, wire)
    held = _held(conn, event)
    if held is not None:
        return _answer_held(held, event)
    w = schema.wipe_reports
    count = conn.execute(
        select(func.count()).select_from(w).where(w.c.device_id == device.device_id)
    ).scalar_one()
    if count >= MAX_REPORTS_PER_DEVICE:
        # A device wipes once; a stream of new reports is its key in other hands.
        raise Conflict(
            f"HQ already holds {count} wipe reports of device {device.device_id}, more than a "
            "device makes; this one was not stored.",
            code="too_many_reports",
        )
    p = event.payload
    wiped, kept = _ids(p.get("wiped_record_ids")), _ids(p.get("kept_record_ids"))
    not_at_hq = _not_at_hq(conn, wiped)
    received_at = now.isoformat()
    row: dict[str, Any] = {
        "event_id": event.id,
        "device_id": device.device_id,
        "received_at": received_at,
        "recorded_at": event.recorded_at,
        "records_wiped": _count(p.get("records_wiped"), len(wiped)),
        "records_kept": _count(p.get("records_kept"), len(kept)),
        "not_at_hq": not_at_hq,
        "hash": event.hash,
        "event": canonical_text(event.to_dict()),
    }
    try:
        with conn.begin_nested():
            conn.execute(schema.wipe_reports.insert().values(**row))
    except IntegrityError:
        # The same report, sent twice at the same instant (PostgreSQL): the first one stands.
        again = _held(conn, event)
        if again is None:
            raise
        return _answer_held(again, event)
    if not_at_hq:
        logger.warning(
            "Device %s reports removing %d record(s) HQ holds no event of (wipe report %s): "
            "it may have removed records that were never synced.",
            device.device_id,
            not_at_hq,
            event.id,
        )
    if row["records_kept"]:
        logger.info(
            "Device %s kept %d record(s) HQ has not received (wipe report %s).",
            device.device_id,
            row["records_kept"],
            event.id,
        )
    return WipeReportReceived(event_id=event.id, received_at=received_at, duplicate=False)


def reports(conn: Connection, device_id: str | None = None) -> list[WipeReportEntry]:
    """The wipe reports HQ holds (of one device, or all), oldest first."""
    w = schema.wipe_reports
    query = select(w).order_by(w.c.received_at, w.c.event_id)
    if device_id is not None:
        query = query.where(w.c.device_id == device_id)
    return [WipeReportEntry.from_row(r) for r in conn.execute(query).mappings()]
