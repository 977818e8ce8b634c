"""The device's sync bookkeeping: what waits, what HQ acknowledged, HQ's events and cursor."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from fieldapp.crypto import SigningKey
from fieldapp.errors import EventRejected, SyncMismatch
from fieldapp.events import Event
from fieldapp.ids import uuid7
from fieldapp.models.reference import ReferenceData
from fieldapp.services import Actor, FieldServices
from fieldapp.store.store import Store
from fieldapp.store.syncstate import (
    QuarantineEntry,
    SyncState,
    read_summary,
    read_waiting_by_type,
    wire_json,
)


class FakeHq:
    """HQ's own signed chain, made by hand."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.seq = 0
        self.head: str | None = None

    def event(self, record_id: str, record_type: str, kind: str, payload: dict[str, Any]) -> Event:
        self.seq += 1
        made = Event(
            id=uuid7(),
            origin="hq",
            seq=self.seq,
            prev_hash=self.head,
            record_id=record_id,
            record_type=record_type,
            kind=kind,
            base=None,
            author="hq",
            recorded_at="2025-03-01T12:00:00+00:00",
            payload=payload,
        ).sealed(self.key)
        self.head = made.hash
        return made


@pytest.fixture
def state(tmp_store: Store) -> SyncState:
    """Sync bookkeeping of the temporary store."""
    return SyncState(tmp_store)


@pytest.fixture
def fake_hq() -> FakeHq:
    """An HQ signing its own events."""
    return FakeHq()


def _enroll(state: SyncState, hq: FakeHq, reference: ReferenceData | None = None) -> None:
    state.save_enrollment(
        hq_url="https://hq.example.org",
        device_name="lane 4",
        token="secret-token",
        hq_public_key=hq.key.public_hex(),
        reference=reference,
    )


def _own(store: Store) -> list[Event]:
    mine = store.device.device_id
    return sorted((e for e in store.events() if e.origin == mine), key=lambda e: e.seq)


def _synced(store: Store) -> list[int]:
    rows = store.conn.execute(
        "SELECT seq FROM events WHERE origin = ? AND synced_at IS NOT NULL ORDER BY seq",
        (store.device.device_id,),
    )
    return [r[0] for r in rows]


def test_a_new_profile_is_not_enrolled_and_has_nothing_waiting(state: SyncState) -> None:
    summary = state.summary()
    assert not summary.enrolled and not summary.revoked
    assert (summary.waiting, summary.acknowledged, summary.pull_cursor) == (0, 0, 0)
    assert summary.quarantined == () and summary.last_success_at is None
    assert state.enrollment() is None and state.pending_events(10, 10_000) == []


def test_enrollment_trusts_hq_and_keeps_the_token_out_of_repr(
    state: SyncState, fake_hq: FakeHq, tmp_store: Store, reference: ReferenceData
) -> None:
    _enroll(state, fake_hq, reference.model_copy(update={"version": 9}))
    held = state.enrollment()
    assert held is not None and held.token == "secret-token"
    assert "secret-token" not in repr(held)
    assert state.summary().hq_url == "https://hq.example.org"
    assert state.summary().reference_version == 9
    assert tmp_store.reference_data() is not None
    assert tmp_store.reference_data()["version"] == 9  # type: ignore[index]
    # Enrolling again with the same HQ replaces the token.
    state.save_enrollment(
        hq_url="https://hq2.example.org",
        device_name="lane 5",
        token="new-token",
        hq_public_key=fake_hq.key.public_hex(),
    )
    again = state.enrollment()
    assert again is not None and (again.token, again.device_name) == ("new-token", "lane 5")
    with pytest.raises(SyncMismatch, match="another HQ"):
        state.save_enrollment(
            hq_url="https://evil.example.org",
            device_name="x",
            token="t",
            hq_public_key=SigningKey.generate().public_hex(),
        )
    still = state.enrollment()
    assert still is not None and still.token == "new-token"


def test_pending_events_come_in_seq_order_within_count_and_size(
    state: SyncState, services: FieldServices, actor: Actor, samples: Any, tmp_store: Store
) -> None:
    for _ in range(3):
        samples.bundle(services, actor)
    mine = _own(tmp_store)
    pending = state.pending_events(100, 10**9)
    assert [e.seq for e in pending] == [e.seq for e in mine]
    # Made from the stored row without parsing the payload, and byte-equal to wire_json.
    assert [e.wire for e in pending] == [wire_json(e) for e in mine]
    assert [e.id for e in pending] == [e.id for e in mine]
    assert [e.seq for e in state.pending_events(2, 10**9)] == [1, 2]
    assert [e.seq for e in state.pending_events(100, 10**9, after_seq=4)] == [
        e.seq for e in mine[4:]
    ]
    two = len(wire_json(mine[0])) + len(wire_json(mine[1])) + 2
    assert [e.seq for e in state.pending_events(100, two)] == [1, 2]
    assert [e.seq for e in state.pending_events(100, two - 1)] == [1]
    # One event larger than the limit still comes alone, so the caller can name it.
    assert [e.seq for e in state.pending_events(100, 1)] == [1]
    assert state.pending_events(0, 10**9) == []


def test_acknowledgements_mark_up_to_hqs_seq_and_only_with_its_hash(
    state: SyncState, services: FieldServices, actor: Actor, samples: Any, tmp_store: Store
) -> None:
    bundle = samples.bundle(services, actor)
    samples.bundle(services, actor)
    mine = _own(tmp_store)
    with pytest.raises(SyncMismatch, match="different event #2"):
        state.mark_acked(2, mine[0].hash)
    with pytest.raises(SyncMismatch, match=f"#{len(mine) + 1}"):
        state.mark_acked(len(mine) + 1, "0" * 64)
    assert _synced(tmp_store) == []

    done = state.mark_acked(2, mine[1].hash)
    assert (done.marked, done.unmarked) == (2, 0)
    assert _synced(tmp_store) == [1, 2] and state.acked_seq() == 2
    assert [e.seq for e in state.pending_events(100, 10**9)] == [e.seq for e in mine[2:]]
    pending = dict(
        tmp_store.conn.execute(
            "SELECT id, pending_sync FROM records WHERE id IN (?, ?)",
            (bundle.encounter_id, bundle.seizure_id),
        ).fetchall()
    )
    assert pending == {bundle.encounter_id: 0, bundle.seizure_id: 0}
    summary = state.summary()
    assert (summary.acknowledged, summary.waiting) == (2, len(mine) - 2)

    assert state.mark_acked(len(mine), mine[-1].hash).marked == len(mine) - 2
    assert state.pending_events(100, 10**9) == []


def test_a_lower_acknowledgement_takes_marks_back_so_the_events_are_sent_again(
    state: SyncState, services: FieldServices, actor: Actor, samples: Any, tmp_store: Store
) -> None:
    samples.bundle(services, actor)
    samples.bundle(services, actor)
    mine = _own(tmp_store)
    state.mark_acked(len(mine), mine[-1].hash)
    back = state.mark_acked(1, mine[0].hash)
    assert (back.marked, back.unmarked) == (0, len(mine) - 1)
    assert _synced(tmp_store) == [1]
    assert [e.seq for e in state.pending_events(100, 10**9)] == [e.seq for e in mine[1:]]
    assert tmp_store.conn.execute("SELECT sum(pending_sync) FROM records").fetchone()[0] == (
        len(mine) - 1
    )
    assert state.mark_acked(0, None).unmarked == 1
    assert state.acked_seq() == 0


def test_a_refused_event_is_kept_with_hqs_latest_reason(tmp_store: Store) -> None:
    moments = iter(dt.datetime(2025, 3, 1, 12, minute, tzinfo=dt.UTC) for minute in range(2))
    state = SyncState(tmp_store, clock=lambda: next(moments))
    first = QuarantineEntry("ev-2", 2, "bad_hash", "changed after it was recorded")
    state.record_quarantine([first])
    state.record_quarantine([first._replace(reason="still changed")])
    kept = state.quarantined()
    assert [(q.event_id, q.seq, q.code, q.reason) for q in kept] == [
        ("ev-2", 2, "bad_hash", "still changed")
    ]
    assert kept[0].first_seen_at < kept[0].last_seen_at
    assert state.summary().quarantined == kept


def test_quarantine_ends_once_hq_holds_the_event(
    state: SyncState, services: FieldServices, actor: Actor, samples: Any, tmp_store: Store
) -> None:
    samples.bundle(services, actor)
    mine = _own(tmp_store)
    state.record_quarantine([QuarantineEntry(mine[1].id, 2, "bad_hash", "changed")])
    state.mark_acked(2, mine[1].hash)
    assert state.quarantined() == ()


def test_hq_events_are_ingested_with_the_cursor_and_reference_data_replaced(
    state: SyncState, fake_hq: FakeHq, tmp_store: Store, reference: ReferenceData
) -> None:
    _enroll(state, fake_hq)
    newer = reference.model_copy(update={"version": reference.version + 5})
    page = [
        fake_hq.event(
            "reference", "reference", "reference_published", newer.model_dump(mode="json")
        ),
        fake_hq.event(
            "other-device",
            "device",
            "device_revoked",
            {"device_id": "other-device", "reason": "", "revoked_at": "2025-03-01"},
        ),
    ]
    outcome = state.apply_pulled(page, 2)
    assert (outcome.ingested, outcome.reference_version, outcome.revoked) == (
        2,
        reference.version + 5,
        False,
    )
    assert state.pull_cursor() == 2
    assert tmp_store.reference_data()["version"] == reference.version + 5  # type: ignore[index]
    assert tmp_store.verify().ok
    # The same page again changes nothing.
    assert state.apply_pulled(page, 2).ingested == 0

    older = reference.model_copy(update={"version": reference.version + 1})
    state.apply_pulled(
        [
            fake_hq.event(
                "reference", "reference", "reference_published", older.model_dump(mode="json")
            )
        ],
        3,
    )
    assert tmp_store.reference_data()["version"] == reference.version + 5  # type: ignore[index]


def test_a_revocation_of_this_device_is_recorded(
    state: SyncState, fake_hq: FakeHq, tmp_store: Store
) -> None:
    _enroll(state, fake_hq)
    me = tmp_store.device.device_id
    revocation = fake_hq.event(
        me, "device", "device_revoked", {"reason": "stolen", "revoked_at": "2025-03-02T08:00Z"}
    )
    assert state.apply_pulled([revocation], 1).revoked
    summary = state.summary()
    assert summary.revoked and (summary.revoked_at, summary.revoked_reason) == (
        "2025-03-02T08:00Z",
        "stolen",
    )
    state.record_revoked("later words")
    assert state.summary().revoked_reason == "stolen"


def test_a_page_with_a_bad_event_is_not_kept_at_all(
    state: SyncState, fake_hq: FakeHq, tmp_store: Store, reference: ReferenceData
) -> None:
    _enroll(state, fake_hq)
    newer = reference.model_copy(update={"version": reference.version + 1})
    good = fake_hq.event(
        "reference", "reference", "reference_published", newer.model_dump(mode="json")
    )
    forged = fake_hq.event("x", "device", "device_revoked", {"reason": ""})
    forged = replace(forged, signature="00" * 64)
    before = tmp_store.reference_data()
    with pytest.raises(EventRejected):
        state.apply_pulled([good, forged], 2)
    assert state.pull_cursor() == 0
    held = tmp_store.conn.execute("SELECT count(*) FROM events WHERE origin = 'hq'").fetchone()
    assert held[0] == 0
    assert tmp_store.reference_data() == before


def test_unreadable_reference_data_from_hq_stops_the_page(
    state: SyncState, fake_hq: FakeHq
) -> None:
    _enroll(state, fake_hq)
    bad = fake_hq.event("reference", "reference", "reference_published", {"version": "x"})
    with pytest.raises(EventRejected, match="may need updating"):
        state.apply_pulled([bad], 1)
    assert state.pull_cursor() == 0


def test_success_forgets_the_last_failure(state: SyncState) -> None:
    state.record_failure("HQ cannot be reached.")
    failed = state.summary()
    assert failed.last_failure == "HQ cannot be reached." and failed.last_failure_at
    state.record_success()
    done = state.summary()
    assert done.last_failure is None and done.last_failure_at is None
    assert done.last_success_at is not None


def test_readers_get_the_same_numbers_off_the_writer(
    state: SyncState, services: FieldServices, actor: Actor, samples: Any, tmp_store: Store
) -> None:
    samples.bundle(services, actor)
    mine = _own(tmp_store)
    state.mark_acked(1, mine[0].hash)
    with contextlib.closing(tmp_store.reader()) as reader:
        summary = read_summary(reader)
        by_type = read_waiting_by_type(reader)
    assert summary == state.summary()
    assert sum(by_type.events.values()) == summary.waiting == len(mine) - 1
    assert set(by_type.never_synced) == {"seizure"}
