"""Every push is bound to the enrolled device that sends it: its token and its key.

Replaying another enrolled device's events (already held, or not yet sent)
is refused and alarmed; a revoked device's events are refused whether the
revoked device sends them or another device relays them, and so is an event
claiming another origin but signed with the revoked key.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from fieldapp.events import Event
from fieldapp.services import Actor, FieldServices
from fieldapp.store.store import Store
from sync.hq import schema
from sync.hq.service import Headquarters


def _own(store: Store) -> list[Event]:
    origin = store.device.device_id
    return sorted((e for e in store.events() if e.origin == origin), key=lambda e: e.seq)


def _held(hq: Headquarters, origin: str) -> int:
    ev = schema.events
    with hq.storage.read() as conn:
        return int(conn.execute(select(func.count()).where(ev.c.origin == origin)).scalar_one())


def _alarm_codes(hq: Headquarters) -> list[str]:
    with hq.storage.read() as conn:
        return [r.code for r in conn.execute(select(schema.alarms.c.code))]


def _push(client: TestClient, device: Any, events: list[Event]) -> Any:
    return client.post(
        "/api/v1/push", json={"events": [e.to_dict() for e in events]}, headers=device.auth
    )


def test_replaying_another_enrolled_devices_held_events_is_refused(
    client: TestClient,
    hq: Headquarters,
    tmp_store: Store,
    other_store: Store,
    actor: Actor,
    samples: Any,
    hq_helpers: Any,
) -> None:
    first = hq_helpers.enroll(client, hq, tmp_store, "lane 4")
    second = hq_helpers.enroll(client, hq, other_store, "lane 5")
    samples.bundle(FieldServices(tmp_store), actor)
    events = _own(tmp_store)
    assert _push(client, first, events).json()["acked_seq"] == len(events)

    answer = _push(client, second, events)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["accepted"] == 0 and body["acked_seq"] == 0
    assert {q["code"] for q in body["quarantined"]} == {"foreign_origin"}
    assert _held(hq, first.device_id) == len(events)
    assert _held(hq, second.device_id) == 0
    assert set(_alarm_codes(hq)) == {"foreign_origin"}


def test_a_revoked_devices_events_are_refused_sent_or_relayed(
    client: TestClient,
    hq: Headquarters,
    tmp_store: Store,
    other_store: Store,
    actor: Actor,
    samples: Any,
    hq_helpers: Any,
) -> None:
    stolen = hq_helpers.enroll(client, hq, tmp_store, "lane 4")
    relay = hq_helpers.enroll(client, hq, other_store, "lane 5")
    samples.bundle(FieldServices(tmp_store), actor)
    samples.bundle(FieldServices(other_store), actor)
    hq.revoke(stolen.device_id, "laptop reported stolen")
    events = _own(tmp_store)

    refused = _push(client, stolen, events)
    assert refused.status_code == 403
    assert refused.json()["code"] == "device_revoked"

    relayed = _push(client, relay, events).json()
    assert {q["code"] for q in relayed["quarantined"]} == {"foreign_origin"}

    # The relay's own first event, re-signed with the revoked device's key.
    genuine = _own(other_store)
    forged = dataclasses.replace(genuine[0], author="someone").sealed(tmp_store.device.key)
    answer = _push(client, relay, [forged]).json()
    assert [q["code"] for q in answer["quarantined"]] == ["bad_signature"]
    assert answer["acked_seq"] == 0
    assert _held(hq, stolen.device_id) == 0
    assert _held(hq, relay.device_id) == 0
    # The relay's genuine events are still taken.
    assert _push(client, relay, genuine).json()["acked_seq"] == len(genuine)
