"""HQ's copy of the event log: storing events, HQ's own signed chain, reading events back.

HQ's own events (reference data, annotations, revocations) have origin ``hq``
and a gapless ``seq`` / ``prev_hash`` chain of their own, signed with HQ's
Ed25519 key, exactly like a device's. The key and the head of the chain live
in the one ``hq_identity`` row, which an append locks, so two HQ processes
never hand out the same number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select, union
from sqlalchemy.exc import IntegrityError

from fieldapp.canonical import canonical_dumps, to_plain
from fieldapp.crypto import SigningKey
from fieldapp.events import Event
from fieldapp.ids import uuid7
from sync.hq import schema
from sync.protocol import DEVICE_RECORD_TYPE, HQ_ORIGIN, REFERENCE_RECORD_TYPE


def ensure_identity(conn: Connection, now: dt.datetime) -> None:
    """Give a new HQ database its key pair (once; a concurrent first start is harmless)."""
    held = conn.execute(select(schema.hq_identity.c.id)).first()
    if held is not None:
        return
    key = SigningKey.generate()
    try:
        with conn.begin_nested():
            conn.execute(
                schema.hq_identity.insert().values(
                    id=1,
                    public_key=key.public_hex(),
                    private_key=key.private_hex(),
                    head_seq=0,
                    head_hash=None,
                    created_at=now.isoformat(),
                )
            )
    except IntegrityError:
        pass  # another HQ process made it first; its key is the one


def public_key(conn: Connection) -> str:
    """HQ's public key as hex."""
    return str(conn.execute(select(schema.hq_identity.c.public_key)).scalar_one())


def event_row(event: Event, received_at: str) -> dict[str, Any]:
    """The ``events`` row of a checked event (its payload text is what was hashed)."""
    return {
        "id": event.id,
        "origin": event.origin,
        "seq": event.seq,
        "prev_hash": event.prev_hash,
        "record_id": event.record_id,
        "record_type": event.record_type,
        "kind": event.kind,
        "base": event.base,
        "author": event.author,
        "recorded_at": event.recorded_at,
        "received_at": received_at,
        "payload": event.payload_text(),
        "hash": event.hash,
        "signature": event.signature,
    }


def insert_event(conn: Connection, event: Event, received_at: str) -> None:
    """Store one checked event as it is."""
    conn.execute(schema.events.insert(), [event_row(event, received_at)])


def append_hq_event(
    conn: Connection,
    *,
    record_id: str,
    record_type: str,
    kind: str,
    author: str,
    payload: Any,
    base: str | None,
    now: dt.datetime,
) -> Event:
    """Seal, sign and store a new HQ event; call inside a write transaction."""
    ident = schema.hq_identity
    row = (
        conn.execute(
            select(ident.c.private_key, ident.c.head_seq, ident.c.head_hash)
            .where(ident.c.id == 1)
            .with_for_update()
        )
        .mappings()
        .one()
    )
    plain = to_plain(payload)
    stamp = now.isoformat()
    event = (
        Event(
            id=uuid7(),
            origin=HQ_ORIGIN,
            seq=int(row["head_seq"]) + 1,
            prev_hash=row["head_hash"],
            record_id=record_id,
            record_type=record_type,
            kind=kind,
            base=base,
            author=author,
            recorded_at=stamp,
            payload=plain,
        )
        .with_payload_text(canonical_dumps(plain))
        .sealed(SigningKey.from_hex(str(row["private_key"])))
    )
    insert_event(conn, event, stamp)
    conn.execute(
        ident.update().where(ident.c.id == 1).values(head_seq=event.seq, head_hash=event.hash)
    )
    return replace(event, received_at=stamp)


def hq_head_seq(conn: Connection) -> int:
    """The seq of HQ's latest own event (0 before the first)."""
    return int(conn.execute(select(schema.hq_identity.c.head_seq)).scalar_one())


def hq_events_after(conn: Connection, after: int, limit: int) -> list[Event]:
    """HQ's own events with seq above ``after``, oldest first, at most ``limit``."""
    ev = schema.events
    rows = conn.execute(
        select(ev).where(ev.c.origin == HQ_ORIGIN, ev.c.seq > after).order_by(ev.c.seq).limit(limit)
    ).mappings()
    return [Event.from_row(r) for r in rows]


def record_head(conn: Connection, record_id: str) -> tuple[str, str] | None:
    """``(hash, record_type)`` of the latest event HQ received for a record, if any."""
    ev = schema.events
    row = conn.execute(
        select(ev.c.hash, ev.c.record_type)
        .where(ev.c.record_id == record_id)
        .order_by(ev.c.pos.desc())
        .limit(1)
    ).first()
    return None if row is None else (str(row[0]), str(row[1]))


def lock_hq_chain(conn: Connection) -> None:
    """Lock HQ's chain head until the transaction ends, as an append does, to decide first."""
    ident = schema.hq_identity
    conn.execute(select(ident.c.id).where(ident.c.id == 1).with_for_update()).one()


def record_events(conn: Connection, record_id: str) -> list[Event]:
    """Every event HQ holds of a record, in the order HQ received them."""
    ev = schema.events
    rows = conn.execute(select(ev).where(ev.c.record_id == record_id).order_by(ev.c.pos))
    return [Event.from_row(r) for r in rows.mappings()]


def fork_candidates(conn: Connection) -> list[str]:
    """Ids of the device records that may have more than one head, sorted.

    A record's events can only have several heads if two of them name the same
    base, if two have none, or if one names a base HQ does not hold for the
    record; otherwise they form one line. Whether the heads are really several
    (a resolution may have joined them) is for :func:`fieldapp.store.projections.
    order_events` to say.
    """
    ev = schema.events
    parent = ev.alias("parent")
    ours = ev.c.record_type.not_in((REFERENCE_RECORD_TYPE, DEVICE_RECORD_TYPE))
    shared_base = (
        select(ev.c.record_id)
        .where(ours, ev.c.base.is_not(None))
        .group_by(ev.c.record_id, ev.c.base)
        .having(func.count() > 1)
    )
    several_roots = (
        select(ev.c.record_id)
        .where(ours, ev.c.base.is_(None))
        .group_by(ev.c.record_id)
        .having(func.count() > 1)
    )
    missing_base = select(ev.c.record_id).where(
        ours,
        ev.c.base.is_not(None),
        ~exists().where(
            and_(
                parent.c.record_id == ev.c.record_id,
                parent.c.hash == ev.c.base,
                parent.c.hash != ev.c.hash,
            )
        ),
    )
    rows = conn.execute(union(shared_base, several_roots, missing_base)).all()
    return sorted({str(row[0]) for row in rows})
