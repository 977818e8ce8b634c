"""Tampering with the SQLite file behind the program's back is found, and the first bad event named.

Each test builds a small log through the services, closes nothing, edits the
file with a plain ``sqlite3`` connection, then checks ``verify`` both on the
open store and on a freshly opened one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fieldapp.crypto import SigningKey
from fieldapp.events import Event, Kind
from fieldapp.ids import uuid7
from fieldapp.services import Actor, FieldServices
from fieldapp.store.store import Store
from fieldapp.store.verify import VerifyReport


@pytest.fixture
def log(services: FieldServices, actor: Actor, make_finalized: Any) -> list[Event]:
    """Six events of this device: two bundles (2 + 2) and two addenda."""
    first = make_finalized()
    make_finalized()
    services.amendments.add_addendum(first.encounter_id, actor, reason="Late note", text="Uno.")
    services.amendments.add_addendum(first.seizure_id, actor, reason="Late note", text="Dos.")
    events = sorted(services.store.events(), key=lambda e: e.seq)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    return events


def _raw(store: Store) -> sqlite3.Connection:
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def _edit(store: Store, *statements: tuple[str, tuple[Any, ...]]) -> None:
    with _raw(store) as conn:
        conn.execute("BEGIN")
        for sql, params in statements:
            conn.execute(sql, params)
        conn.execute("COMMIT")
    conn.close()


def _reports(store: Store) -> list[VerifyReport]:
    """verify on the open store, and on a fresh store opened on the same file."""
    first = store.verify()
    with Store(store.path) as fresh:
        second = fresh.verify()
    return [first, second]


def _assert_names(store: Store, event_id: str | None, *words: str) -> VerifyReport:
    reports = _reports(store)
    for report in reports:
        assert not report.ok, report
        assert report.event_id == event_id, report
        assert report.problem is not None
        if event_id is not None:
            assert event_id in report.problem
        for word in words:
            assert word in report.problem, report.problem
        assert "NOT intact" in report.summary()
    return reports[0]


def test_intact_log_verifies_with_the_right_count(tmp_store: Store, log: list[Event]) -> None:
    for report in _reports(tmp_store):
        assert report.ok
        assert report.problem is None and report.event_id is None
        assert report.events == 6
        assert report.origins == 1
        assert "6 events" in report.summary()


def test_empty_log_verifies(tmp_store: Store) -> None:
    report = tmp_store.verify()
    assert report.ok and report.events == 0


def test_payload_edited(tmp_store: Store, log: list[Event]) -> None:
    victim = log[2]
    payload = dict(victim.payload)
    payload["narrative"] = "Nothing was found."
    _edit(
        tmp_store,
        ("UPDATE events SET payload = ? WHERE id = ?", (json.dumps(payload), victim.id)),
    )
    _assert_names(tmp_store, victim.id, "hash")


def test_payload_made_unreadable(tmp_store: Store, log: list[Event]) -> None:
    victim = log[1]
    _edit(tmp_store, ("UPDATE events SET payload = '{not json' WHERE id = ?", (victim.id,)))
    _assert_names(tmp_store, victim.id)


def test_hash_edited(tmp_store: Store, log: list[Event]) -> None:
    victim = log[3]
    _edit(tmp_store, ("UPDATE events SET hash = ? WHERE id = ?", ("0" * 64, victim.id)))
    _assert_names(tmp_store, victim.id)


def test_hash_recomputed_after_payload_edit_breaks_signature_or_link(
    tmp_store: Store, log: list[Event]
) -> None:
    # A careful forger edits the payload and recomputes the hash: the signature
    # no longer matches, so this event is named.
    victim = log[2]
    forged = replace(victim, payload={**victim.payload, "narrative": "Nothing."})
    _edit(
        tmp_store,
        (
            "UPDATE events SET payload = ?, hash = ? WHERE id = ?",
            (forged.payload_text(), forged.compute_hash(), victim.id),
        ),
    )
    _assert_names(tmp_store, victim.id, "signed")


def test_signature_edited(tmp_store: Store, log: list[Event]) -> None:
    victim = log[4]
    other = SigningKey.generate().sign_hash(victim.hash)
    _edit(tmp_store, ("UPDATE events SET signature = ? WHERE id = ?", (other, victim.id)))
    _assert_names(tmp_store, victim.id, "signed")


def test_signature_garbled(tmp_store: Store, log: list[Event]) -> None:
    victim = log[0]
    _edit(tmp_store, ("UPDATE events SET signature = 'zz' WHERE id = ?", (victim.id,)))
    _assert_names(tmp_store, victim.id)


def test_event_deleted_in_the_middle(tmp_store: Store, log: list[Event]) -> None:
    _edit(tmp_store, ("DELETE FROM events WHERE id = ?", (log[2].id,)))
    # The event after the gap is the first that no longer fits.
    _assert_names(tmp_store, log[3].id, "#3", "missing")


def test_first_event_deleted(tmp_store: Store, log: list[Event]) -> None:
    _edit(tmp_store, ("DELETE FROM events WHERE id = ?", (log[0].id,)))
    _assert_names(tmp_store, log[1].id, "#1")


def test_last_event_deleted(tmp_store: Store, log: list[Event]) -> None:
    _edit(tmp_store, ("DELETE FROM events WHERE id = ?", (log[-1].id,)))
    report = _assert_names(tmp_store, None, "#5", "#6", "removed")
    assert tmp_store.device.device_id in (report.problem or "")


def test_whole_log_deleted(tmp_store: Store, log: list[Event]) -> None:
    _edit(tmp_store, ("DELETE FROM events", ()))
    _assert_names(tmp_store, None, "missing", "6")


def test_two_events_reordered_by_swapping_seq(tmp_store: Store, log: list[Event]) -> None:
    a, b = log[2], log[3]
    _edit(
        tmp_store,
        ("UPDATE events SET seq = -1 WHERE id = ?", (a.id,)),
        ("UPDATE events SET seq = ? WHERE id = ?", (a.seq, b.id)),
        ("UPDATE events SET seq = ? WHERE id = ?", (b.seq, a.id)),
    )
    # Walking in seq order, b now stands at #3 and does not link to #2.
    _assert_names(tmp_store, b.id)


def test_two_events_reordered_by_swapping_position(tmp_store: Store, log: list[Event]) -> None:
    with _raw(tmp_store) as conn:
        pos = {r["id"]: r["pos"] for r in conn.execute("SELECT id, pos FROM events")}
    conn.close()
    a, b = log[2], log[3]
    _edit(
        tmp_store,
        ("UPDATE events SET pos = -1 WHERE id = ?", (a.id,)),
        ("UPDATE events SET pos = ? WHERE id = ?", (pos[a.id], b.id)),
        ("UPDATE events SET pos = ? WHERE id = ?", (pos[b.id], a.id)),
    )
    _assert_names(tmp_store, b.id, "order")


def _insert_raw(store: Store, event: Event) -> None:
    _edit(
        store,
        (
            "INSERT INTO events (id, origin, seq, prev_hash, record_id, record_type, kind, base, "
            "author, recorded_at, payload, hash, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                event.payload_text(),
                event.hash,
                event.signature,
            ),
        ),
    )


def _forged_addendum(store: Store, after: Event, seq: int, key: SigningKey) -> Event:
    return Event(
        id=uuid7(),
        origin=store.device.device_id,
        seq=seq,
        prev_hash=after.hash,
        record_id=after.record_id,
        record_type=after.record_type,
        kind=Kind.ADDENDUM,
        base=after.hash,
        author="off-0001",
        recorded_at=after.recorded_at,
        payload={"reason": "forged", "text": "It never happened.", "corrections": []},
    ).sealed(key)


def test_event_appended_with_another_key(tmp_store: Store, log: list[Event]) -> None:
    forged = _forged_addendum(tmp_store, log[-1], 7, SigningKey.generate())
    _insert_raw(tmp_store, forged)
    _assert_names(tmp_store, forged.id, "forged")


def test_event_inserted_in_the_middle_with_another_key(tmp_store: Store, log: list[Event]) -> None:
    # Make room at #4 by renumbering the later events, then slip the forgery in.
    statements: list[tuple[str, tuple[Any, ...]]] = [
        ("UPDATE events SET seq = -seq WHERE seq >= 4", ()),
        ("UPDATE events SET seq = 1 - seq WHERE seq < 0", ()),
    ]
    _edit(tmp_store, *statements)
    forged = _forged_addendum(tmp_store, log[2], 4, SigningKey.generate())
    _insert_raw(tmp_store, forged)
    _assert_names(tmp_store, forged.id, "forged")


def test_event_of_an_unknown_origin_inserted(tmp_store: Store, log: list[Event]) -> None:
    key = SigningKey.generate()
    forged = replace(
        _forged_addendum(tmp_store, log[-1], 1, key), origin="stranger", prev_hash=None
    ).sealed(key)
    _insert_raw(tmp_store, forged)
    _assert_names(tmp_store, forged.id, "unknown origin")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("record_id", "01900000-0000-7000-8000-00000000dead"),
        ("kind", Kind.CONFLICT_RESOLVED),
        ("record_type", "seizure"),
        ("author", "off-0002"),
        ("recorded_at", "2020-01-01T00:00:00+00:00"),
        ("base", "ab" * 32),
    ],
)
def test_hashed_column_changed(tmp_store: Store, log: list[Event], column: str, value: str) -> None:
    victim = log[4]
    _edit(tmp_store, (f"UPDATE events SET {column} = ? WHERE id = ?", (value, victim.id)))
    _assert_names(tmp_store, victim.id, "hash")


def test_origin_key_replaced(tmp_store: Store, log: list[Event]) -> None:
    # Swapping the device's public key makes every signature fail: the first is named.
    _edit(
        tmp_store,
        (
            "UPDATE origins SET public_key = ? WHERE origin = ?",
            (SigningKey.generate().public_hex(), tmp_store.device.device_id),
        ),
    )
    _assert_names(tmp_store, log[0].id, "signed")


def test_verify_does_not_change_the_file(
    tmp_store: Store, log: list[Event], tmp_path: Path
) -> None:
    _edit(tmp_store, ("DELETE FROM events WHERE id = ?", (log[2].id,)))
    before = _dump(tmp_store)
    assert not tmp_store.verify().ok
    assert _dump(tmp_store) == before


def _dump(store: Store) -> list[tuple[Any, ...]]:
    with _raw(store) as conn:
        rows = [tuple(r) for r in conn.execute("SELECT * FROM events ORDER BY pos")]
    conn.close()
    return rows
