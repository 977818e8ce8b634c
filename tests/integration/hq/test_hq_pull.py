"""Pull: HQ's own signed events (reference data, annotations, revocations) after a cursor.

The proof that HQ's chain is right is that a real device store ingests what it
pulls with the core's own checks, and its log still verifies afterwards.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from fieldapp.events import Kind
from fieldapp.models.reference import ReferenceData
from fieldapp.store.store import Store
from sync.hq.service import Headquarters
from sync.protocol import AnnotationKind, PullResponse, WireEvent


def _pull(client: TestClient, device: Any, after: int = 0, limit: int | None = None) -> Any:
    params = {"after": after} | ({"limit": limit} if limit else {})
    answer = client.get("/api/v1/pull", params=params, headers=device.auth)
    assert answer.status_code == 200, answer.text
    return PullResponse.model_validate_json(answer.content)


def _push_all(client: TestClient, device: Any) -> None:
    events = [e.to_dict() for e in device.own_events()]
    answer = client.post("/api/v1/push", json={"events": events}, headers=device.auth)
    assert answer.status_code == 200 and not answer.json()["quarantined"], answer.text


def test_a_new_hq_has_nothing_to_pull(client: TestClient, device: Any) -> None:
    page = _pull(client, device)
    assert (page.events, page.next_cursor, page.has_more, page.hq_head_seq) == ([], 0, False, 0)


def test_reference_data_annotations_and_revocations_arrive_and_the_device_ingests_them(
    client: TestClient,
    hq: Headquarters,
    device: Any,
    other_store: Store,
    reference: ReferenceData,
    make_finalized: Callable[..., Any],
    hq_helpers: Any,
) -> None:
    bundle = make_finalized()
    _push_all(client, device)
    hq.publish_reference(reference)
    case = hq.annotate(bundle.seizure_id, AnnotationKind.CASE_NUMBER, "SD-2025-0001", "sup-1")
    hq.annotate(bundle.seizure_id, AnnotationKind.VAULT_RECEIVED, "Vault 3, shelf B")
    other = hq_helpers.enroll(client, hq, other_store, "spare")
    hq.revoke(other.device_id, "spare laptop retired")

    page = _pull(client, device)
    kinds = [e.kind for e in page.events]
    assert kinds == ["reference_published", Kind.ANNOTATED, Kind.ANNOTATED, "device_revoked"]
    assert [e.seq for e in page.events] == [1, 2, 3, 4]
    assert page.next_cursor == 4 and page.hq_head_seq == 4 and not page.has_more
    assert all(e.origin == "hq" and e.received_at for e in page.events)
    assert ReferenceData.model_validate(page.events[0].payload) == reference
    annotation = page.events[1]
    assert annotation.record_id == bundle.seizure_id
    assert annotation.payload == {"annotation": "case_number", "text": "SD-2025-0001"}
    assert annotation.author == "sup-1"
    assert annotation.id == case.id
    # Each annotation builds on the latest event HQ had of the record.
    assert (
        annotation.base
        == device.store.conn.execute(
            "SELECT head_hash FROM records WHERE id = ?", (bundle.seizure_id,)
        ).fetchone()[0]
    )
    assert page.events[2].base == annotation.hash

    store = device.store
    store.register_origin("hq", device.answer["hq_public_key"], "HQ")
    assert store.ingest(e.to_event() for e in page.events) == 4
    assert store.verify().ok, store.verify().summary()
    assert store.ingest(e.to_event() for e in page.events) == 0


def test_the_cursor_pages_through_hq_events(
    client: TestClient, hq: Headquarters, device: Any, reference: ReferenceData
) -> None:
    for version in range(1, 8):
        hq.publish_reference(reference.model_copy(update={"version": version}))
    seen: list[WireEvent] = []
    cursor = 0
    while True:
        page = _pull(client, device, after=cursor, limit=3)
        seen += page.events
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert [e.seq for e in seen] == list(range(1, 8))
    assert cursor == 7
    # Each version names the one before it, and the chain links.
    assert seen[0].prev_hash is None and seen[0].base is None
    for before, after in itertools.pairwise(seen):
        assert after.prev_hash == before.hash
        assert after.base == before.hash
    assert _pull(client, device, after=7).events == []
    assert _pull(client, device, after=7).next_cursor == 7


def test_a_cursor_beyond_hqs_head_is_visible_to_the_device(
    client: TestClient, hq: Headquarters, device: Any, reference: ReferenceData
) -> None:
    hq.publish_reference(reference)
    page = _pull(client, device, after=40)
    assert page.events == [] and page.next_cursor == 40 and page.hq_head_seq == 1


def test_bad_cursors_and_limits_are_422(client: TestClient, device: Any) -> None:
    for params in ({"after": -1}, {"after": "x"}, {"limit": 0}, {"limit": 100_000}):
        answer = client.get("/api/v1/pull", params=params, headers=device.auth)
        assert answer.status_code == 422, params
        assert answer.json()["code"] == "invalid"
