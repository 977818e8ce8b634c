"""Taking a device's pushed events: check each one, keep the good, quarantine the bad.

Every event is checked: its hash over the canonical JSON (the core's own
code), its Ed25519 signature with the device's enrolled key (checked on every
core meanwhile, :mod:`sync.hq.signatures`), and against its neighbours
in the device's chain that HQ already holds. Events may arrive with gaps (a
batch lost, a bad event quarantined): what follows a gap is still checked and
kept, and its link to the missing event is checked when that one arrives.
So every pair of neighbours HQ holds is linked, and ``acked_seq`` -- the end
of the unbroken run from #1 -- names a verified chain.

A bad event never blocks the rest: it is quarantined with its reason and the
batch goes on. An event that contradicts one HQ holds (same origin and seq,
or same id, with another hash) is tampering or a device bug, and raises an
alarm besides.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from fieldapp.canonical import canonical_text, canonical_text_of_json
from fieldapp.events import Event, Kind
from sync.errors import DeviceRevoked
from sync.hq import attachments, schema
from sync.hq.enrollment import Device
from sync.hq.log import event_row
from sync.hq.signatures import BatchSignatures
from sync.protocol import PushResponse, QuarantineCode, QuarantinedEvent, WireEvent

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX128 = re.compile(r"^[0-9a-f]{128}$")
_ALARMED = frozenset(
    {
        QuarantineCode.FOREIGN_ORIGIN,
        QuarantineCode.CONFLICTING_SEQ,
        QuarantineCode.CONFLICTING_ID,
        QuarantineCode.BAD_HASH,
        QuarantineCode.BAD_SIGNATURE,
        QuarantineCode.BROKEN_CHAIN,
    }
)
_ADVANCE_PAGE = 1000


class _Refused(Exception):
    """One event is not taken (internal: becomes a quarantine row)."""

    def __init__(self, code: QuarantineCode, reason: str, held_hash: str | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.held_hash = held_hash


@dataclass
class _Tally:
    accepted: int = 0
    duplicates: int = 0
    quarantined: list[QuarantinedEvent] = field(default_factory=list)


def _shown(text: str | None) -> str:
    """Text from a pushed event, safe to store and show (control characters escaped)."""
    value = "" if text is None else text
    return value if value.isprintable() else ascii(value)


def unreadable(event: Event) -> str | None:
    """What makes an event's envelope unreadable, or None."""
    for name in ("id", "record_id", "record_type", "kind", "author", "recorded_at"):
        if not str(getattr(event, name)).isprintable():
            return f"its {name} holds control characters"
    if not _HEX64.match(event.hash):
        return "its hash is not 64 lowercase hex digits"
    if not _HEX128.match(event.signature):
        return "its signature is not 128 lowercase hex digits"
    for name in ("prev_hash", "base"):
        value = getattr(event, name)
        if value is not None and not _HEX64.match(value):
            return f"its {name} is not a hash"
    try:
        moment = dt.datetime.fromisoformat(event.recorded_at)
    except ValueError:
        return f"its recorded_at {event.recorded_at!r} is not an ISO 8601 time"
    if moment.utcoffset() is None:
        return "its recorded_at has no UTC offset"
    return None


_LOOKUP_CHUNK = 900  # values per IN (...) list: below every SQLite's parameter limit


def lookup_chunks(values: list[Any]) -> Iterator[list[Any]]:
    """``values`` in lists short enough for one ``IN (...)`` on every database."""
    for at in range(0, len(values), _LOOKUP_CHUNK):
        yield values[at : at + _LOOKUP_CHUNK]


class _Held:
    """What HQ holds that a batch's checks need, read in a few queries up front and kept
    current as the batch's events are taken (so a batch's events link to each other)."""

    def __init__(self, conn: Connection, origin: str, wires: list[WireEvent]) -> None:
        ev = schema.events
        self.by_id: dict[str, str] = {}
        self.by_seq: dict[int, tuple[str, str, str | None]] = {}
        # HQ holds only printable ids (see unreadable), and PostgreSQL cannot even compare
        # text holding NUL: any other id is not looked up, and is quarantined unreadable.
        for ids in lookup_chunks(sorted({w.id for w in wires if w.id.isprintable()})):
            for row in conn.execute(select(ev.c.id, ev.c.hash).where(ev.c.id.in_(ids))):
                self.by_id[str(row[0])] = str(row[1])
        near = {s for w in wires if w.origin == origin for s in (w.seq - 1, w.seq, w.seq + 1)}
        for seqs in lookup_chunks(sorted(s for s in near if s >= 1)):
            rows = conn.execute(
                select(ev.c.seq, ev.c.id, ev.c.hash, ev.c.prev_hash).where(
                    ev.c.origin == origin, ev.c.seq.in_(seqs)
                )
            )
            for row in rows:
                self.by_seq[int(row[0])] = (str(row[1]), str(row[2]), row[3])

    def take(self, event: Event) -> None:
        """An event of the batch was taken: later events of the batch see it as held."""
        self.by_id[event.id] = event.hash
        self.by_seq[event.seq] = (event.id, event.hash, event.prev_hash)


def _check(
    held: _Held,
    device: Device,
    wire: WireEvent,
    signed: Callable[[], bool],
    *,
    plain_json: bool,
) -> Event | None:
    """The event to store, None for a duplicate; raises :class:`_Refused` with the reason."""
    shown_id = _shown(wire.id)
    if wire.origin != device.device_id:
        raise _Refused(
            QuarantineCode.FOREIGN_ORIGIN,
            f"Event {shown_id} claims origin {_shown(wire.origin)}, but device "
            f"{device.device_id} pushed it; a device may push only its own events.",
        )
    by_id = held.by_id.get(wire.id)
    if by_id is not None:
        if by_id == wire.hash:
            return None
        raise _Refused(
            QuarantineCode.CONFLICTING_ID,
            f"HQ already holds event {shown_id} with different content; this copy was "
            "rejected as possible tampering.",
            held_hash=by_id,
        )
    at_seq = held.by_seq.get(wire.seq)
    if at_seq is not None:
        raise _Refused(
            QuarantineCode.CONFLICTING_SEQ,
            f"HQ already holds a different event ({at_seq[0]}) as #{wire.seq} of this device; "
            f"event {shown_id} was rejected as possible tampering.",
            held_hash=at_seq[1],
        )
    event = wire.to_event()
    problem = unreadable(event)
    hash_ok = False
    if problem is None:
        try:
            # The canonical text is made once: checked against the hash, then stored.
            # A payload parsed from plain JSON takes the fast writer (same bytes).
            text = (
                canonical_text_of_json(event.payload)
                if plain_json
                else canonical_text(event.payload)
            )
            event = event.with_payload_text(text)
            hash_ok = event.compute_hash() == event.hash
        except (TypeError, ValueError, RecursionError) as exc:
            problem = f"its payload cannot be made canonical ({exc})"
    if problem is not None:
        raise _Refused(QuarantineCode.UNREADABLE, f"Event {shown_id} cannot be read: {problem}.")
    if not hash_ok:
        raise _Refused(
            QuarantineCode.BAD_HASH,
            f"Event {shown_id} (#{wire.seq}) does not match its hash: its content was changed "
            "after it was recorded.",
        )
    if not signed():
        raise _Refused(
            QuarantineCode.BAD_SIGNATURE,
            f"Event {shown_id} (#{wire.seq}) is not signed by this device's enrolled key.",
        )
    _check_links(held, event, shown_id)
    return event


def _check_links(held: _Held, event: Event, shown_id: str) -> None:
    if event.seq == 1:
        if event.prev_hash is not None:
            raise _Refused(
                QuarantineCode.BROKEN_CHAIN,
                f"Event {shown_id} is #1 of this device but names a previous event.",
            )
    else:
        before = held.by_seq.get(event.seq - 1)
        if before is not None and before[1] != event.prev_hash:
            raise _Refused(
                QuarantineCode.BROKEN_CHAIN,
                f"Event {shown_id} (#{event.seq}) does not link to #{event.seq - 1} held at "
                "HQ: events were reordered, removed or altered.",
            )
    after = held.by_seq.get(event.seq + 1)
    if after is not None and after[2] != event.hash:
        raise _Refused(
            QuarantineCode.BROKEN_CHAIN,
            f"Event {shown_id} (#{event.seq}) is not the event #{event.seq + 1} held at HQ "
            "links to: events were reordered, removed or altered.",
        )


def _receipt_row(event: Event) -> dict[str, Any] | None:
    """The receipts row of a receipt_issued event, or None when it cannot be looked up."""
    p = event.payload
    number, record_hash, pdf = p.get("receipt_number"), p.get("record_hash"), p.get("pdf_sha256")
    copy_number = p.get("copy_number", 0)
    if not (
        isinstance(number, str)
        and 0 < len(number) <= 128
        and number.isprintable()
        and isinstance(record_hash, str)
        and _HEX64.match(record_hash)
        and isinstance(pdf, str)
        and _HEX64.match(pdf)
        and type(copy_number) is int
        and 0 <= copy_number < 2**31
    ):
        return None  # kept in the log as it is; it just cannot be looked up by number
    issued_at = p.get("issued_at")
    if not (isinstance(issued_at, str) and 0 < len(issued_at) <= 64 and issued_at.isprintable()):
        issued_at = event.recorded_at  # what the column holds (and PostgreSQL can store)
    return {
        "event_id": event.id,
        "receipt_number": number,
        "record_id": event.record_id,
        "record_hash": record_hash,
        "pdf_sha256": pdf,
        "copy_number": copy_number,
        "issued_at": issued_at,
        "origin": event.origin,
    }


def _quarantine(
    conn: Connection, device: Device, wire: WireEvent, refused: _Refused, stamp: str
) -> None:
    q = schema.quarantine
    event_id, offered = _shown(wire.id), _shown(wire.hash)
    seen = conn.execute(
        select(q.c.pos).where(
            q.c.device_id == device.device_id,
            q.c.event_id == event_id,
            q.c.hash == offered,
            q.c.code == refused.code.value,
        )
    ).first()
    if seen is None:
        conn.execute(
            q.insert().values(
                device_id=device.device_id,
                event_id=event_id,
                origin=_shown(wire.origin),
                seq=wire.seq,
                hash=offered,
                code=refused.code.value,
                reason=refused.reason,
                body=json.dumps(wire.model_dump(), ensure_ascii=True, sort_keys=True),
                received_at=stamp,
            )
        )
    if refused.code not in _ALARMED:
        return
    a = schema.alarms
    raised = conn.execute(
        select(a.c.pos).where(
            a.c.device_id == device.device_id,
            a.c.code == refused.code.value,
            a.c.event_id == event_id,
            a.c.offered_hash == offered,
        )
    ).first()
    if raised is None:
        conn.execute(
            a.insert().values(
                device_id=device.device_id,
                code=refused.code.value,
                event_id=event_id,
                origin=_shown(wire.origin),
                seq=wire.seq,
                held_hash=refused.held_hash,
                offered_hash=offered,
                detail=refused.reason,
                raised_at=stamp,
            )
        )


def _advance(
    conn: Connection, device_id: str, seq: int, digest: str | None
) -> tuple[int, str | None]:
    """Walk the unbroken run of held events from ``seq`` upward."""
    ev = schema.events
    while True:
        rows = conn.execute(
            select(ev.c.seq, ev.c.hash)
            .where(ev.c.origin == device_id, ev.c.seq > seq)
            .order_by(ev.c.seq)
            .limit(_ADVANCE_PAGE)
        ).all()
        for row in rows:
            if int(row.seq) != seq + 1:
                return seq, digest
            seq, digest = int(row.seq), str(row.hash)
        if len(rows) < _ADVANCE_PAGE:
            return seq, digest


def push(
    conn: Connection,
    device: Device,
    events: list[WireEvent],
    now: dt.datetime,
    *,
    plain_json: bool = False,
) -> PushResponse:
    """Take a batch of a device's events; call inside a write transaction, answer after commit.

    ``plain_json``: the events were parsed from JSON without float, NaN or
    Infinity, so their payloads may take the fast canonical writer.
    """
    devs = schema.devices
    row = (
        conn.execute(select(devs).where(devs.c.device_id == device.device_id).with_for_update())
        .mappings()
        .one()
    )
    if row["revoked_at"] is not None:  # revoked since the token was checked
        raise DeviceRevoked(f"This device ({device.device_id}) was revoked by HQ; it cannot sync.")
    stamp = now.isoformat()
    tally = _Tally()
    ordered = sorted(events, key=lambda w: w.seq)
    signatures = BatchSignatures(device.public_key, ordered)
    try:
        return _take(conn, device, row, ordered, signatures, stamp, tally, plain_json=plain_json)
    finally:
        signatures.cancel()


def _take(
    conn: Connection,
    device: Device,
    row: RowMapping,
    ordered: list[WireEvent],
    signatures: BatchSignatures,
    stamp: str,
    tally: _Tally,
    *,
    plain_json: bool,
) -> PushResponse:
    """The checks and writes of :func:`push`, with the signatures being checked meanwhile."""
    devs = schema.devices
    held = _Held(conn, device.device_id, ordered)
    taken: list[dict[str, Any]] = []
    receipt_rows: list[dict[str, Any]] = []
    expected_rows: list[dict[str, Any]] = []
    for index, wire in enumerate(ordered):
        try:
            event = _check(held, device, wire, partial(signatures.ok, index), plain_json=plain_json)
        except _Refused as refused:
            _quarantine(conn, device, wire, refused, stamp)
            tally.quarantined.append(
                QuarantinedEvent(
                    event_id=_shown(wire.id), seq=wire.seq, code=refused.code, reason=refused.reason
                )
            )
            continue
        if event is None:
            tally.duplicates += 1
            continue
        held.take(event)
        taken.append(event_row(event, stamp))
        if event.kind == Kind.RECEIPT_ISSUED:
            receipt = _receipt_row(event)
            if receipt is not None:
                receipt_rows.append(receipt)
        expected_rows += attachments.expected_rows(
            device.device_id, event.id, event.payload, event.payload_text()
        )
        tally.accepted += 1
    # One statement per table for the whole batch, in seq order.
    for table, rows in (
        (schema.events, taken),
        (schema.receipts, receipt_rows),
        (schema.expected_attachments, expected_rows),
    ):
        if rows:
            conn.execute(table.insert(), rows)
    acked_seq, acked_hash = _advance(
        conn, device.device_id, int(row["acked_seq"]), row["acked_hash"]
    )
    conn.execute(
        devs.update()
        .where(devs.c.device_id == device.device_id)
        .values(acked_seq=acked_seq, acked_hash=acked_hash, last_seen_at=stamp)
    )
    return PushResponse(
        acked_seq=acked_seq,
        acked_hash=acked_hash,
        accepted=tally.accepted,
        duplicates=tally.duplicates,
        quarantined=tally.quarantined,
    )
