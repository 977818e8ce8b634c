"""Appending to and reading the hash-chained event log.

Local events are built, hashed and signed here; events of other origins (HQ,
other devices) are checked link by link before they are stored. Appends happen
inside the caller's transaction so that an event and its projection are
committed together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import sqlite_utils

from fieldapp.canonical import canonical_dumps, to_plain
from fieldapp.crypto import VerifyingKey
from fieldapp.errors import DeviceLocked, EventRejected
from fieldapp.events import Event, Kind, now
from fieldapp.ids import uuid7
from fieldapp.store.identity import DeviceIdentity

_INSERT = (
    "INSERT INTO events (id, origin, seq, prev_hash, record_id, record_type, kind, base, "
    "author, recorded_at, received_at, payload, hash, signature, synced_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert(db: sqlite_utils.Database, event: Event, synced_at: str | None) -> None:
    db.execute(
        _INSERT,
        (
            event.id,
            event.origin,
            event.seq,
            event.prev_hash,
            event.record_id,
            event.record_type,
            event.kind,
            event.base,
            event.author,
            event.recorded_at,
            event.received_at,
            event.payload_text(),
            event.hash,
            event.signature,
            synced_at,
        ),
    )
    db.execute(
        "UPDATE origins SET head_seq = ?, head_hash = ? WHERE origin = ?",
        (event.seq, event.hash, event.origin),
    )


def head_of(db: sqlite_utils.Database, record_id: str) -> str | None:
    """Hash of the latest event of a record seen here (the ``base`` for a new one)."""
    row = db.execute(
        "SELECT hash FROM events WHERE record_id = ? ORDER BY pos DESC LIMIT 1", (record_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def append(
    db: sqlite_utils.Database,
    device: DeviceIdentity,
    *,
    record_id: str,
    record_type: str,
    kind: str,
    author: str,
    payload: Any,
    base: str | None = None,
    recorded_at: str | None = None,
) -> Event:
    """Seal and store a new event of this device; call inside a transaction.

    ``payload`` is a model or a JSON-ready dict; it is made canonical once here.
    Refused with :class:`DeviceLocked` once HQ has revoked this device, except
    the device's own report of its wipe and the access log: a record read or
    exported (how HQ recovers, with an officer's credentials, the records it
    never received) is still logged, so it can still happen.
    """
    if kind not in _ALLOWED_WHEN_REVOKED:
        refuse_if_revoked(db)
    plain = to_plain(payload)
    text = canonical_dumps(plain)
    head = db.execute(
        "SELECT head_seq, head_hash FROM origins WHERE origin = ?", (device.device_id,)
    ).fetchone()
    seq, prev = (int(head[0]) + 1, head[1]) if head else (1, None)
    event = (
        Event(
            id=uuid7(),
            origin=device.device_id,
            seq=seq,
            prev_hash=prev,
            record_id=record_id,
            record_type=record_type,
            kind=kind,
            base=base,
            author=author,
            recorded_at=recorded_at or now().isoformat(),
            payload=plain,
        )
        .with_payload_text(text)
        .sealed(device.key)
    )
    _insert(db, event, synced_at=None)
    return event


_ALLOWED_WHEN_REVOKED = frozenset({Kind.DEVICE_WIPED, Kind.ACCESSED})


def refuse_if_revoked(db: sqlite_utils.Database | sqlite3.Connection) -> None:
    """Raise :class:`DeviceLocked` when HQ has revoked this device (it records nothing more)."""
    row = db.execute("SELECT revoked_at, revoked_reason FROM sync_status WHERE id = 1").fetchone()
    if row is None or row[0] is None:
        return
    why = f" ({row[1]})" if row[1] else ""
    raise DeviceLocked(
        f"HQ revoked this device on {str(row[0])[:10]}{why}: it is locked and records nothing "
        "more. Records HQ has not received stay on it; hand it to your supervisor."
    )


def ingest(db: sqlite_utils.Database, event: Event) -> bool:
    """Store an event of another origin after checking it; False if already held.

    Raises :class:`EventRejected` with the reason when the event is not
    acceptable: unknown or revoked origin, bad hash or signature, a gap or a
    broken link in the origin's chain, or a different event already holding
    that origin's sequence number (tampering).
    """
    row = db.execute(
        "SELECT public_key, head_seq, head_hash, revoked_at FROM origins WHERE origin = ?",
        (event.origin,),
    ).fetchone()
    if row is None:
        raise EventRejected(f"Event {event.id} comes from an unknown origin {event.origin}.")
    public_key, head_seq, head_hash, revoked_at = row
    held = db.execute(
        "SELECT hash FROM events WHERE origin = ? AND seq = ?", (event.origin, event.seq)
    ).fetchone()
    if held is not None:
        if held[0] == event.hash:
            return False
        raise EventRejected(
            f"Event {event.id} claims {event.origin} #{event.seq}, which is already held "
            "with different content: possible tampering."
        )
    if revoked_at is not None:
        raise EventRejected(f"Event {event.id} is signed by {event.origin}, revoked {revoked_at}.")
    try:
        hash_ok = event.hash_ok()
    except (TypeError, ValueError) as exc:
        raise EventRejected(f"Event {event.id} cannot be read: {exc}.") from exc
    if not hash_ok:
        raise EventRejected(f"Event {event.id} does not match its hash: it was altered.")
    if not event.signature_ok(VerifyingKey(public_key)):
        raise EventRejected(f"Event {event.id} is not signed by {event.origin}'s key.")
    if event.seq != head_seq + 1:
        raise EventRejected(
            f"Event {event.id} is {event.origin} #{event.seq}, but #{head_seq + 1} comes next."
        )
    if event.prev_hash != head_hash:
        raise EventRejected(f"Event {event.id} does not link to {event.origin}'s previous event.")
    received = event.received_at or now().isoformat()
    try:
        _insert(db, _with_received(event, received), synced_at=received)
    except sqlite3.IntegrityError as exc:
        raise EventRejected(f"Event {event.id} collides with an event already held.") from exc
    return True


def _with_received(event: Event, received_at: str) -> Event:
    return replace(event, received_at=received_at)


def register_origin(
    db: sqlite_utils.Database, origin: str, public_key: str, label: str = ""
) -> None:
    """Make another origin's public key known so its events can be checked.

    An origin known so far only from HQ's revocation of it (no key) takes the
    key and stays revoked.
    """
    held = db.execute("SELECT public_key FROM origins WHERE origin = ?", (origin,)).fetchone()
    if held is None:
        db.execute(
            "INSERT INTO origins (origin, public_key, label) VALUES (?, ?, ?)",
            (origin, public_key, label),
        )
    elif held[0] == "":
        db.execute("UPDATE origins SET public_key = ? WHERE origin = ?", (public_key, origin))
    elif held[0] != public_key:
        raise EventRejected(f"Origin {origin} is already known with a different key.")


def record_events(db: sqlite_utils.Database | sqlite3.Connection, record_id: str) -> list[Event]:
    """Every event of one record, in local arrival order."""
    cur = _cursor(db, "SELECT * FROM events WHERE record_id = ? ORDER BY pos", (record_id,))
    return [Event.from_row(r) for r in cur]


def all_events(
    db: sqlite_utils.Database | sqlite3.Connection, batch: int = 2000
) -> Iterator[Event]:
    """Every event in arrival order, read in batches to keep memory flat."""
    last = 0
    while True:
        rows = list(
            _cursor(db, "SELECT * FROM events WHERE pos > ? ORDER BY pos LIMIT ?", (last, batch))
        )
        if not rows:
            return
        for r in rows:
            yield Event.from_row(r)
        last = rows[-1]["pos"]


def _cursor(
    db: sqlite_utils.Database | sqlite3.Connection, sql: str, params: tuple[Any, ...]
) -> sqlite3.Cursor:
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params)
