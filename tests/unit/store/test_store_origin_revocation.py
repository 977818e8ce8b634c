"""HQ revokes another device: pulled, its origin is marked revoked here, with the time.

Events that device signed before the revocation stay and verify; its later
events are refused, and :class:`RevokedOrigin` says which held events were
signed after the revocation. This device's own revocation is still recorded
in the sync status (sync refused), not on its origin.
"""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.crypto import SigningKey
from fieldapp.errors import EventRejected
from fieldapp.events import Event
from fieldapp.ids import uuid7
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState, read_revoked_origins

REVOKED_AT = "2025-03-02T08:00:00+00:00"


class Hq:
    """HQ's own signed chain, made by hand."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.seq = 0
        self.head: str | None = None

    def revoke(self, device_id: str, **payload: Any) -> Event:
        self.seq += 1
        made = Event(
            id=uuid7(),
            origin="hq",
            seq=self.seq,
            prev_hash=self.head,
            record_id=device_id,
            record_type="device",
            kind="device_revoked",
            base=None,
            author="hq",
            recorded_at="2025-03-02T08:00:05+00:00",
            payload={
                "device_id": device_id,
                "name": "lane 9",
                "reason": "laptop stolen",
                "revoked_at": REVOKED_AT,
                **payload,
            },
        ).sealed(self.key)
        self.head = made.hash
        return made


@pytest.fixture
def hq() -> Hq:
    return Hq()


@pytest.fixture
def state(tmp_store: Store, hq: Hq) -> SyncState:
    """The temporary store's sync state, enrolled with :func:`hq`."""
    made = SyncState(tmp_store)
    made.save_enrollment(
        hq_url="https://hq.example.org",
        device_name="lane 4",
        token="secret-token",
        hq_public_key=hq.key.public_hex(),
    )
    return made


def _finalize_one(store: Store, samples: Any) -> None:
    samples.bundle(FieldServices(store), Actor(samples.OFFICER_ID, Role.OFFICER))


def test_a_revocation_of_another_device_marks_its_origin(
    state: SyncState, hq: Hq, tmp_store: Store, other_store: Store, samples: Any
) -> None:
    _finalize_one(other_store, samples)
    samples.share_events(other_store, tmp_store)
    other = other_store.device.device_id
    assert read_revoked_origins(tmp_store.conn) == {}

    outcome = state.apply_pulled([hq.revoke(other)], 1)

    assert outcome.ingested == 1 and not outcome.revoked
    summary = state.summary()
    assert not summary.revoked and summary.revoked_at is None
    revoked = read_revoked_origins(tmp_store.conn)
    assert list(revoked) == [other]
    held = revoked[other]
    assert (held.revoked_at, held.label, held.known_key) == (REVOKED_AT, "peer", True)
    assert held.signed_after("2025-03-02T08:59:59+01:00") is False  # 07:59:59 UTC
    assert held.signed_after("2025-03-02T09:00:00+01:00") is True  # the very moment
    assert held.signed_after("2025-03-02T08:00:01+00:00") is True
    assert held.signed_after("2025-03-02T02:00:00-07:00") is True  # 09:00 UTC
    assert held.signed_after("2025-03-01T12:00:00+00:00") is False
    assert held.signed_after("not a time") is True
    # What it signed before stays, intact; anything new it signs is refused here.
    assert tmp_store.verify().ok
    _finalize_one(other_store, samples)
    with pytest.raises(EventRejected, match="revoked"):
        tmp_store.ingest(list(other_store.events()))


def test_the_first_revocation_is_kept_and_a_repeated_page_changes_nothing(
    state: SyncState, hq: Hq, tmp_store: Store
) -> None:
    first = hq.revoke("device-x")
    state.apply_pulled([first], 1)
    assert state.apply_pulled([first], 1).ingested == 0
    state.apply_pulled([hq.revoke("device-x", revoked_at="2025-04-01T00:00:00+00:00")], 2)
    assert read_revoked_origins(tmp_store.conn)["device-x"].revoked_at == REVOKED_AT


def test_an_unknown_device_stays_revoked_when_its_key_arrives_later(
    state: SyncState, hq: Hq, tmp_store: Store, other_store: Store, samples: Any
) -> None:
    other = other_store.device.device_id
    state.apply_pulled([hq.revoke(other, revoked_at="")], 1)
    held = read_revoked_origins(tmp_store.conn)[other]
    # No time in the payload: HQ's own time of the event.
    assert (held.revoked_at, held.label, held.known_key) == (
        "2025-03-02T08:00:05+00:00",
        "lane 9",
        False,
    )
    assert tmp_store.verify().ok

    _finalize_one(other_store, samples)
    with pytest.raises(EventRejected, match="revoked"):
        samples.share_events(other_store, tmp_store)
    held = read_revoked_origins(tmp_store.conn)[other]
    assert held.known_key and held.revoked_at == "2025-03-02T08:00:05+00:00"
    assert tmp_store.verify().ok


def test_this_devices_own_revocation_is_still_the_sync_status_not_its_origin(
    state: SyncState, hq: Hq, tmp_store: Store
) -> None:
    me = tmp_store.device.device_id
    outcome = state.apply_pulled([hq.revoke(me)], 1)
    assert outcome.revoked
    summary = state.summary()
    assert (summary.revoked_at, summary.revoked_reason) == (REVOKED_AT, "laptop stolen")
    assert read_revoked_origins(tmp_store.conn) == {}
    # HQ itself is never marked revoked by a device_revoked event naming "hq".
    state.apply_pulled([hq.revoke("hq")], 2)
    assert read_revoked_origins(tmp_store.conn) == {}
