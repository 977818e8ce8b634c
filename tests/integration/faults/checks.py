"""The invariants every hostile-network test ends with: nothing lost, nothing doubled.

:func:`assert_consistent` is the end state after a clean sync:

- HQ holds exactly the device's events: the same ids and hashes at the same
  seqs, none missing, none twice;
- every chain verifies on both sides: on the device with ``verify`` (links,
  hashes, signatures of every origin), at HQ by re-checking, from HQ's own
  tables, each event's hash, its signature with the key HQ enrolled and its
  ``prev_hash`` link, for the device's chain and HQ's own;
- the device's synced marks are exactly HQ's acknowledged run, and HQ's
  ``acked_seq`` and hash are the device's last event;
- every HQ event (annotations included) arrived on the device, and the
  device's pull cursor is HQ's head;
- nothing was quarantined or alarmed on either side (a network fault is not
  tampering).

:func:`assert_safe` is what must hold at any moment in between, whatever
failed: what HQ holds of the device is a part of the device's log, each once
and intact; the device marks as synced only a prefix HQ holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from fieldapp.crypto import VerifyingKey
from fieldapp.events import Event
from fieldapp.store.store import Store
from sync.hq import schema
from sync.hq.service import Headquarters
from sync.protocol import HQ_ORIGIN


@dataclass(frozen=True)
class HqView:
    """What HQ's tables say about one device (and HQ's own log)."""

    events: list[Event]
    rows: int
    distinct_ids: int
    enrolled_key: str
    acked_seq: int
    acked_hash: str | None
    quarantined: int
    alarms: int
    hq_events: list[Event]
    hq_key: str


def hq_view(hq: Headquarters, device_id: str) -> HqView:
    """Read HQ's tables for ``device_id`` in one transaction."""
    ev, devs = schema.events, schema.devices
    with hq.storage.read() as conn:
        rows = conn.execute(select(ev).where(ev.c.origin == device_id).order_by(ev.c.seq))
        events = [Event.from_row(r) for r in rows.mappings()]
        count, distinct = conn.execute(
            select(func.count(), func.count(func.distinct(ev.c.id))).where(ev.c.origin == device_id)
        ).one()
        device = conn.execute(
            select(devs.c.public_key, devs.c.acked_seq, devs.c.acked_hash).where(
                devs.c.device_id == device_id
            )
        ).one()
        quarantined = conn.execute(
            select(func.count()).where(schema.quarantine.c.device_id == device_id)
        ).scalar_one()
        alarms = conn.execute(
            select(func.count()).where(schema.alarms.c.device_id == device_id)
        ).scalar_one()
        hq_rows = conn.execute(select(ev).where(ev.c.origin == HQ_ORIGIN).order_by(ev.c.seq))
        hq_events = [Event.from_row(r) for r in hq_rows.mappings()]
        hq_key = conn.execute(select(schema.hq_identity.c.public_key)).scalar_one()
    return HqView(
        events=events,
        rows=int(count),
        distinct_ids=int(distinct),
        enrolled_key=str(device[0]),
        acked_seq=int(device[1]),
        acked_hash=device[2],
        quarantined=int(quarantined),
        alarms=int(alarms),
        hq_events=hq_events,
        hq_key=str(hq_key),
    )


# Signatures already found good, by key: a signature's check depends only on the hash,
# the signature and the key, and it is the slow part of checking a chain again and again.
_SIGNED: dict[str, set[tuple[str, str]]] = {}


def assert_intact(events: list[Event], public_key: str, *, whole: bool) -> None:
    """Each event matches its hash and is signed by the key; neighbours held are linked.

    ``whole``: the events are exactly #1..#n, gapless.
    """
    key = VerifyingKey(public_key)
    by_seq = {e.seq: e for e in events}
    signed = _SIGNED.setdefault(public_key, set())
    assert len(by_seq) == len(events), "two events at one seq"
    if whole:
        assert [e.seq for e in events] == list(range(1, len(events) + 1)), "a gap in the chain"
    for event in events:
        assert event.hash_ok(), f"#{event.seq} does not match its hash"
        if (event.hash, event.signature) not in signed:  # checked once per test session
            assert event.signature_ok(key), f"#{event.seq} is not signed by the enrolled key"
            signed.add((event.hash, event.signature))
        if event.seq == 1:
            assert event.prev_hash is None, "#1 names a previous event"
        before = by_seq.get(event.seq - 1)
        if before is not None:
            assert event.prev_hash == before.hash, f"#{event.seq} does not link to its previous"


def own_events(store: Store) -> list[Event]:
    """The device's own events in seq order."""
    own = store.device.device_id
    return sorted((e for e in store.events() if e.origin == own), key=lambda e: e.seq)


def synced_seqs(store: Store) -> list[int]:
    """Seqs of the device's own events marked as held by HQ."""
    rows = store.conn.execute(
        "SELECT seq FROM events WHERE origin = ? AND synced_at IS NOT NULL ORDER BY seq",
        (store.device.device_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _device_quarantine(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])


def _pull_cursor(store: Store) -> int:
    return int(store.conn.execute("SELECT pull_cursor FROM sync_status WHERE id = 1").fetchone()[0])


def assert_safe(hq: Headquarters, store: Store) -> HqView:
    """What holds at any moment, whatever failed (see the module's docstring)."""
    device_id = store.device.device_id
    mine = own_events(store)
    view = hq_view(hq, device_id)
    assert view.rows == view.distinct_ids == len(view.events), "HQ holds an event twice"
    by_seq = {e.seq: e for e in mine}
    for held in view.events:
        local = by_seq.get(held.seq)
        assert local is not None, f"HQ holds #{held.seq}, which the device never recorded"
        assert (held.id, held.hash) == (local.id, local.hash), f"HQ's #{held.seq} differs"
    assert view.enrolled_key == store.device.public_hex
    assert_intact(view.events, view.enrolled_key, whole=False)
    held_seqs = {e.seq for e in view.events}
    assert set(range(1, view.acked_seq + 1)) <= held_seqs, "HQ acknowledged events it lacks"
    if view.acked_seq:
        assert view.acked_hash == by_seq[view.acked_seq].hash
    marked = synced_seqs(store)
    assert marked == list(range(1, len(marked) + 1)), f"synced marks are not a prefix: {marked}"
    assert len(marked) <= view.acked_seq, "the device marks events HQ did not acknowledge"
    hq_hashes = {e.id: e.hash for e in view.hq_events}
    for event in store.events():
        if event.origin == HQ_ORIGIN:
            assert hq_hashes.get(event.id) == event.hash, f"HQ event {event.id} differs"
    assert _pull_cursor(store) <= len(view.hq_events)
    assert (view.quarantined, view.alarms, _device_quarantine(store)) == (0, 0, 0)
    return view


def assert_consistent(hq: Headquarters, store: Store) -> HqView:
    """The end state after a clean sync (see the module's docstring)."""
    view = assert_safe(hq, store)
    mine = own_events(store)
    assert mine, "the device recorded nothing"
    assert [(e.seq, e.id, e.hash) for e in view.events] == [(e.seq, e.id, e.hash) for e in mine], (
        "HQ does not hold exactly the device's events"
    )
    assert_intact(view.events, view.enrolled_key, whole=True)
    assert (view.acked_seq, view.acked_hash) == (len(mine), mine[-1].hash)
    assert synced_seqs(store) == list(range(1, len(mine) + 1))
    report = store.verify()
    assert report.ok, report.summary()
    assert_intact(view.hq_events, view.hq_key, whole=True)
    pulled = sorted((e for e in store.events() if e.origin == HQ_ORIGIN), key=lambda e: e.seq)
    assert [(e.id, e.hash) for e in pulled] == [(e.id, e.hash) for e in view.hq_events], (
        "HQ's events (annotations) did not all arrive"
    )
    assert _pull_cursor(store) == len(view.hq_events)
    return view
