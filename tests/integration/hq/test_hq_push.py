"""Push: a real device's events are verified and kept; duplicates are fine; tampering is caught.

Nothing lost: every good event is kept even when others in the batch are bad
or missing. Nothing doubled: a retried push changes nothing. ``acked_seq`` is
always the end of the unbroken run HQ holds.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldapp.crypto import VerifyingKey
from fieldapp.events import Event
from fieldapp.services import Actor, FieldServices
from fieldapp.store.store import Store
from sync.hq import schema
from sync.hq.service import Headquarters
from sync.protocol import MAX_PUSH_BYTES, MAX_PUSH_EVENTS


@pytest.fixture
def events(device: Any, make_finalized: Callable[..., Any]) -> list[Event]:
    """Six events of the device: three encounters, each with a seizure."""
    for _ in range(3):
        make_finalized()
    own = device.own_events()
    assert [e.seq for e in own] == [1, 2, 3, 4, 5, 6]
    return own


def _push(client: TestClient, device: Any, batch: list[Event] | list[dict[str, Any]]) -> Any:
    body = [e.to_dict() if isinstance(e, Event) else e for e in batch]
    answer = client.post("/api/v1/push", json={"events": body}, headers=device.auth)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _held(hq: Headquarters, origin: str) -> list[dict[str, Any]]:
    ev = schema.events
    with hq.storage.read() as conn:
        rows = conn.execute(select(ev).where(ev.c.origin == origin).order_by(ev.c.seq))
        return [dict(r) for r in rows.mappings()]


def _alarms(hq: Headquarters) -> list[dict[str, Any]]:
    with hq.storage.read() as conn:
        return [dict(r) for r in conn.execute(select(schema.alarms)).mappings()]


def _altered(event: Event) -> Event:
    """The event with a changed payload but its old hash and signature."""
    return dataclasses.replace(event, payload={**event.payload, "narrative": "changed later"})


def _resealed(event: Event, store: Store, **changes: Any) -> Event:
    """The event changed and signed again with ``store``'s key."""
    return dataclasses.replace(event, **changes).sealed(store.device.key)


def test_a_real_devices_events_are_verified_kept_and_acked(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    answer = _push(client, device, events)
    assert answer == {
        "acked_seq": 6,
        "acked_hash": events[-1].hash,
        "accepted": 6,
        "duplicates": 0,
        "quarantined": [],
    }
    held = _held(hq, device.device_id)
    assert [r["id"] for r in held] == [e.id for e in events]
    key = VerifyingKey(device.store.device.public_hex)
    for row in held:
        event = Event.from_row(row)
        assert event.hash_ok() and event.signature_ok(key)
        assert row["received_at"].startswith("2025-03-01T12:00")
    # Committed before the answer: another HQ process sees it all.
    with Headquarters.open(hq.storage.engine.url.render_as_string(hide_password=False)) as again:
        assert [d.acked_seq for d in again.devices()] == [6]


def test_a_repeated_push_is_harmless(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    _push(client, device, events[:4])
    answer = _push(client, device, events)
    assert answer["accepted"] == 2
    assert answer["duplicates"] == 4
    assert answer["acked_seq"] == 6
    again = _push(client, device, events)
    assert (again["accepted"], again["duplicates"], again["acked_seq"]) == (0, 6, 6)
    assert len(_held(hq, device.device_id)) == 6


def test_an_empty_push_reports_what_hq_holds(
    client: TestClient, device: Any, events: list[Event]
) -> None:
    _push(client, device, events[:3])
    assert _push(client, device, [])["acked_seq"] == 3


def test_events_may_come_in_any_order_within_a_batch(
    client: TestClient, device: Any, events: list[Event]
) -> None:
    answer = _push(client, device, list(reversed(events)))
    assert (answer["accepted"], answer["acked_seq"]) == (6, 6)


def test_a_gzip_body_is_read(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    body = gzip.compress(json.dumps({"events": [e.to_dict() for e in events]}).encode())
    answer = client.post(
        "/api/v1/push",
        content=body,
        headers={**device.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["acked_seq"] == 6


def test_a_gap_keeps_acked_seq_at_the_end_of_the_unbroken_run(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    first = _push(client, device, events[:2] + events[3:5])
    assert (first["accepted"], first["acked_seq"]) == (4, 2)
    assert first["acked_hash"] == events[1].hash
    filled = _push(client, device, [events[2]])
    assert (filled["accepted"], filled["acked_seq"]) == (1, 5)
    rest = _push(client, device, [events[5]])
    assert rest["acked_seq"] == 6


def test_a_changed_payload_is_quarantined_and_the_rest_kept(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    batch = [*events[:2], _altered(events[2]), *events[3:]]
    answer = _push(client, device, batch)
    assert answer["accepted"] == 5
    assert answer["acked_seq"] == 2
    [bad] = answer["quarantined"]
    assert (bad["event_id"], bad["seq"], bad["code"]) == (events[2].id, 3, "bad_hash")
    assert "content was changed" in bad["reason"]
    assert [a["code"] for a in _alarms(hq)] == ["bad_hash"]
    # The genuine event still fits between its neighbours.
    assert _push(client, device, [events[2]])["acked_seq"] == 6


def test_a_bad_signature_is_quarantined(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event], other_store: Store
) -> None:
    forged = _resealed(events[2], other_store)
    answer = _push(client, device, [*events[:2], forged, *events[3:]])
    assert answer["acked_seq"] == 2
    assert [q["code"] for q in answer["quarantined"]] == ["bad_signature"]
    assert "not signed by this device" in answer["quarantined"][0]["reason"]


def test_a_wrong_prev_hash_is_quarantined_even_when_signed(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    relinked = _resealed(events[2], device.store, prev_hash="0" * 64)
    answer = _push(client, device, [*events[:2], relinked])
    assert [q["code"] for q in answer["quarantined"]] == ["broken_chain"]
    assert answer["acked_seq"] == 2
    assert "does not link" in answer["quarantined"][0]["reason"]


def test_the_link_to_a_later_held_event_is_checked_when_the_gap_is_filled(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    _push(client, device, [events[0], events[2]])
    impostor = _resealed(events[1], device.store, payload={"something": "else"})
    answer = _push(client, device, [impostor])
    assert [q["code"] for q in answer["quarantined"]] == ["broken_chain"]
    assert answer["acked_seq"] == 1
    assert _push(client, device, [events[1]])["acked_seq"] == 3


def test_another_devices_events_are_refused_and_alarmed(
    client: TestClient,
    hq: Headquarters,
    device: Any,
    events: list[Event],
    other_store: Store,
    actor: Actor,
    samples: Any,
) -> None:
    samples.bundle(FieldServices(other_store), actor)
    foreign = [e for e in other_store.events() if e.origin == other_store.device.device_id]
    answer = _push(client, device, [*events[:2], *foreign])
    assert answer["accepted"] == 2
    assert {q["code"] for q in answer["quarantined"]} == {"foreign_origin"}
    assert _held(hq, other_store.device.device_id) == []
    assert {a["code"] for a in _alarms(hq)} == {"foreign_origin"}


def test_the_same_seq_with_another_hash_is_rejected_as_tampering_and_alarmed(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    _push(client, device, events[:3])
    rewritten = _resealed(
        events[2], device.store, id="01900000-0000-7000-8000-000000000000", payload={"x": "y"}
    )
    answer = _push(client, device, [rewritten, *events[3:]])
    assert answer["accepted"] == 3
    assert answer["acked_seq"] == 6
    [bad] = answer["quarantined"]
    assert bad["code"] == "conflicting_seq"
    assert "possible tampering" in bad["reason"]
    [alarm] = _alarms(hq)
    assert alarm["code"] == "conflicting_seq"
    assert alarm["held_hash"] == events[2].hash
    assert alarm["offered_hash"] == rewritten.hash
    assert alarm["device_id"] == device.device_id
    assert [r["hash"] for r in _held(hq, device.device_id)][2] == events[2].hash


def test_the_same_id_with_other_content_is_rejected(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    _push(client, device, events[:3])
    rewritten = _resealed(events[1], device.store, payload={"x": "y"})
    answer = _push(client, device, [rewritten])
    assert [q["code"] for q in answer["quarantined"]] == ["conflicting_id"]
    assert [a["code"] for a in _alarms(hq)] == ["conflicting_id"]


def test_unreadable_events_are_quarantined_without_blocking(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    with_float = {**events[2].to_dict(), "payload": {"amount": 1.5}}
    no_offset = {**events[3].to_dict(), "recorded_at": "2024-05-01T10:00:00"}
    not_hex = {**events[4].to_dict(), "signature": "zz" * 64}
    control = {**events[5].to_dict(), "author": "off-0001\u0000"}
    answer = _push(client, device, [*events[:2], with_float, no_offset, not_hex, control])
    assert answer["accepted"] == 2
    assert [q["code"] for q in answer["quarantined"]] == ["unreadable"] * 4
    reasons = " ".join(q["reason"] for q in answer["quarantined"])
    for words in ("canonical", "offset", "signature", "control characters"):
        assert words in reasons
    assert _alarms(hq) == []


def test_quarantine_rows_keep_the_event_and_are_not_repeated(
    client: TestClient, hq: Headquarters, device: Any, events: list[Event]
) -> None:
    batch = [*events[:2], _altered(events[2])]
    _push(client, device, batch)
    _push(client, device, batch)
    with hq.storage.read() as conn:
        rows = conn.execute(select(schema.quarantine)).mappings().all()
    assert len(rows) == 1
    assert json.loads(rows[0]["body"])["payload"]["narrative"] == "changed later"
    assert len(_alarms(hq)) == 1


def test_too_many_events_is_413(client: TestClient, device: Any, events: list[Event]) -> None:
    batch = [events[0].to_dict()] * (MAX_PUSH_EVENTS + 1)
    answer = client.post("/api/v1/push", json={"events": batch}, headers=device.auth)
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_many_events"
    assert "smaller batches" in answer.json()["detail"]


def test_too_many_bytes_is_413_plain_or_gzipped(client: TestClient, device: Any) -> None:
    big = b'{"events": []}' + b" " * MAX_PUSH_BYTES
    answer = client.post("/api/v1/push", content=big, headers=device.auth)
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"
    bomb = gzip.compress(big)
    assert len(bomb) < MAX_PUSH_BYTES // 100
    answer = client.post(
        "/api/v1/push", content=bomb, headers={**device.auth, "Content-Encoding": "gzip"}
    )
    assert answer.status_code == 413
    assert "decompressed" in answer.json()["detail"]


def test_bad_encodings_are_4xx(client: TestClient, device: Any) -> None:
    broken = client.post(
        "/api/v1/push", content=b"not gzip", headers={**device.auth, "Content-Encoding": "gzip"}
    )
    assert broken.status_code == 400
    cut = gzip.compress(b'{"events": []}')[:-6]
    short = client.post(
        "/api/v1/push", content=cut, headers={**device.auth, "Content-Encoding": "gzip"}
    )
    assert short.status_code == 400
    other = client.post(
        "/api/v1/push", content=b"{}", headers={**device.auth, "Content-Encoding": "br"}
    )
    assert other.status_code == 415
