"""Events of other origins are checked link by link before they are stored; bad ones are refused."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from fieldapp.canonical import to_plain
from fieldapp.crypto import SigningKey
from fieldapp.errors import EventRejected, NotFound
from fieldapp.events import Event, Kind
from fieldapp.ids import uuid7
from fieldapp.models import Encounter
from fieldapp.services import queries as q
from fieldapp.store.store import Store

ORIGIN = "device-x"


class Foreign:
    """Another device making a correct chain of events with its own key."""

    def __init__(self, origin: str = ORIGIN) -> None:
        self.origin = origin
        self.key = SigningKey.generate()
        self.seq = 0
        self.head: str | None = None

    def event(
        self, record_id: str, kind: str, payload: dict[str, Any], base: str | None = None
    ) -> Event:
        self.seq += 1
        event = Event(
            id=uuid7(),
            origin=self.origin,
            seq=self.seq,
            prev_hash=self.head,
            record_id=record_id,
            record_type="encounter",
            kind=kind,
            base=base,
            author="off-0004",
            recorded_at="2024-05-01T11:00:00-07:00",
            payload=payload,
        ).sealed(self.key)
        self.head = event.hash
        return event


def _encounter_payload(samples: Any, record_id: str) -> dict[str, Any]:
    data = samples.encounter(id=record_id, reference_number="US-SYS-XXXXX-000001")
    return dict(to_plain(Encounter.model_validate(data)))


@pytest.fixture
def foreign(tmp_store: Store) -> Foreign:
    device = Foreign()
    tmp_store.register_origin(device.origin, device.key.public_hex(), "device X")
    return device


@pytest.fixture
def chain(foreign: Foreign, samples: Any) -> list[Event]:
    record = uuid7()
    first = foreign.event(record, Kind.FINALIZED, _encounter_payload(samples, record))
    second = foreign.event(
        record, Kind.ADDENDUM, {"reason": "Note", "text": "Uno", "corrections": []}, first.hash
    )
    third = foreign.event(
        record, Kind.ADDENDUM, {"reason": "Note", "text": "Dos", "corrections": []}, second.hash
    )
    return [first, second, third]


def _count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


def _head(store: Store, origin: str = ORIGIN) -> tuple[Any, ...]:
    return tuple(
        store.conn.execute(
            "SELECT head_seq, head_hash FROM origins WHERE origin = ?", (origin,)
        ).fetchone()
    )


def test_good_chain_is_stored_projected_and_verifies(tmp_store: Store, chain: list[Event]) -> None:
    assert tmp_store.ingest(chain) == 3
    assert _head(tmp_store) == (3, chain[-1].hash)
    view = q.get_record(tmp_store.conn, chain[0].record_id)
    assert len(view.addenda) == 2 and not view.needs_review
    stored = [e for e in tmp_store.events() if e.origin == ORIGIN]
    assert stored == chain
    assert all(e.received_at for e in stored)
    # Events from elsewhere are not this device's to sync.
    row = q.list_records(tmp_store.conn, q.RecordFilter())[0]
    assert row.pending_sync == 0
    report = tmp_store.verify()
    assert report.ok and report.events == 3 and report.origins == 1


def test_duplicate_ingest_is_a_no_op(tmp_store: Store, chain: list[Event]) -> None:
    tmp_store.ingest(chain)
    before = (_count(tmp_store), _head(tmp_store))
    assert tmp_store.ingest(chain) == 0
    assert tmp_store.ingest(chain[:1]) == 0
    assert (_count(tmp_store), _head(tmp_store)) == before
    assert tmp_store.verify().ok


def test_own_events_echoed_back_are_a_no_op(tmp_store: Store, finalized: Any) -> None:
    own = list(tmp_store.events())
    assert tmp_store.ingest(own) == 0
    assert _count(tmp_store) == len(own)


def _refused(store: Store, event: Event, *words: str) -> None:
    before = (_count(store), _head(store) if event.origin == ORIGIN else None)
    with pytest.raises(EventRejected) as caught:
        store.ingest([event])
    for word in words:
        assert word in caught.value.message, caught.value.message
    assert event.id in caught.value.message
    assert (_count(store), _head(store) if event.origin == ORIGIN else None) == before


def test_wrong_signature_refused(tmp_store: Store, chain: list[Event]) -> None:
    forged = chain[0].sealed(SigningKey.generate())
    _refused(tmp_store, forged, "not signed")
    garbled = replace(chain[0], signature="00" * 64)
    _refused(tmp_store, garbled, "not signed")
    not_hex = replace(chain[0], signature="xyz")
    _refused(tmp_store, not_hex, "not signed")


def test_altered_content_refused(tmp_store: Store, chain: list[Event]) -> None:
    altered = replace(chain[0], payload={**chain[0].payload, "narrative": "Changed."})
    _refused(tmp_store, altered, "altered")
    wrong_hash = replace(chain[0], hash="ab" * 32)
    _refused(tmp_store, wrong_hash)


def test_gap_in_seq_refused(tmp_store: Store, chain: list[Event]) -> None:
    tmp_store.ingest(chain[:1])
    _refused(tmp_store, chain[2], "#2")
    # The missing one arrives; then the rest is accepted.
    assert tmp_store.ingest(chain[1:]) == 2


def test_first_event_missing_refused(tmp_store: Store, chain: list[Event]) -> None:
    _refused(tmp_store, chain[1], "#1")


def test_broken_link_refused(tmp_store: Store, foreign: Foreign, chain: list[Event]) -> None:
    tmp_store.ingest(chain[:1])
    unlinked = replace(chain[1], prev_hash="cd" * 32).sealed(foreign.key)
    _refused(tmp_store, unlinked, "link")


def test_same_origin_and_seq_with_other_content_is_tampering(
    tmp_store: Store, foreign: Foreign, chain: list[Event]
) -> None:
    tmp_store.ingest(chain)
    # Correctly signed by the origin's key, but another event at #2.
    other = replace(
        chain[1], id=uuid7(), payload={"reason": "Other", "text": "x", "corrections": []}
    ).sealed(foreign.key)
    _refused(tmp_store, other, "tampering")
    assert [e.id for e in tmp_store.events()] == [e.id for e in chain]


def test_unknown_origin_refused(tmp_store: Store, samples: Any) -> None:
    stranger = Foreign("stranger")
    record = uuid7()
    event = stranger.event(record, Kind.FINALIZED, _encounter_payload(samples, record))
    before = _count(tmp_store)
    with pytest.raises(EventRejected, match="unknown origin"):
        tmp_store.ingest([event])
    assert _count(tmp_store) == before
    with pytest.raises(NotFound):
        q.get_record(tmp_store.conn, record)


def test_revoked_origin_refused(tmp_store: Store, chain: list[Event], samples: Any) -> None:
    tmp_store.ingest(chain[:1])
    with samples.raw(tmp_store) as conn:
        conn.execute(
            "UPDATE origins SET revoked_at = '2024-06-01T00:00:00+00:00' WHERE origin = ?",
            (ORIGIN,),
        )
    conn.close()
    _refused(tmp_store, chain[1], "revoked")
    # What was already held stays a duplicate, not an error.
    assert tmp_store.ingest(chain[:1]) == 0


def test_origin_cannot_change_its_key(tmp_store: Store, foreign: Foreign) -> None:
    tmp_store.register_origin(ORIGIN, foreign.key.public_hex())  # same key again: fine
    with pytest.raises(EventRejected, match="different key"):
        tmp_store.register_origin(ORIGIN, SigningKey.generate().public_hex())
    with pytest.raises(EventRejected):
        tmp_store.register_origin(tmp_store.device.device_id, SigningKey.generate().public_hex())


def test_batch_stops_at_the_bad_event_keeping_the_good_ones(
    tmp_store: Store, foreign: Foreign, chain: list[Event]
) -> None:
    bad = replace(chain[1], payload={"reason": "x", "text": "forged", "corrections": []})
    with pytest.raises(EventRejected):
        tmp_store.ingest([chain[0], bad, chain[2]])
    assert _head(tmp_store) == (1, chain[0].hash)
    assert tmp_store.verify().ok
    assert tmp_store.ingest(chain[1:]) == 2


def test_event_id_collision_refused(
    tmp_store: Store, foreign: Foreign, chain: list[Event], finalized: Any
) -> None:
    mine = next(iter(tmp_store.events()))
    clash = replace(chain[0], id=mine.id).sealed(foreign.key)
    _refused(tmp_store, clash)
