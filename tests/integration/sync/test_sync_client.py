"""A device syncs with a real HQ: enrollment, push, pull, attachments, and exactly-once delivery."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.attachments import AttachmentStore
from fieldapp.events import Kind
from fieldapp.models.reference import ReferenceData
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState
from sync.client import SyncClient
from sync.hq.app import create_app
from sync.hq.service import Headquarters
from sync.protocol import HQ_ORIGIN, AnnotationKind

PHOTO = b"\xff\xd8\xff\xe0" + b"a photo of bundles" * 100


def _assert_exactly_once(store: Store, hq: Headquarters, helpers: Any) -> None:
    """HQ holds every event of the device once, intact, and the device's marks match HQ's ack."""
    mine = helpers.own_events(store)
    held = helpers.hq_events(hq, store.device.device_id)
    assert [(e.id, e.hash) for e in held] == [(e.id, e.hash) for e in mine]
    helpers.assert_chain(held, store.device.public_hex)
    acked_seq, acked_hash = helpers.hq_acked(hq, store.device.device_id)
    assert acked_seq == len(mine) and acked_hash == mine[-1].hash
    assert helpers.synced_seqs(store) == list(range(1, len(mine) + 1))
    assert store.verify().ok


def test_enrollment_keeps_the_token_trusts_hq_and_takes_its_reference_data(
    make_client: Callable[..., SyncClient],
    hq: Headquarters,
    tmp_store: Store,
    reference: ReferenceData,
    sync_helpers: Any,
) -> None:
    hq.publish_reference(reference.model_copy(update={"version": 7}))
    client = make_client()
    answer = client.enroll(sync_helpers.HQ_URL + "/", hq.make_enroll_code("lane 4").code.lower())

    held = SyncState(tmp_store).enrollment()
    assert held is not None
    assert (held.hq_url, held.device_name, held.token) == (
        sync_helpers.HQ_URL,
        "lane 4",
        answer.token,
    )
    assert held.hq_public_key == hq.public_key()
    assert answer.token not in repr(held)
    origin = tmp_store.conn.execute(
        "SELECT public_key FROM origins WHERE origin = ?", (HQ_ORIGIN,)
    ).fetchone()
    assert origin[0] == hq.public_key()
    assert tmp_store.reference_data() is not None
    assert tmp_store.reference_data()["version"] == 7  # type: ignore[index]
    assert client.sync().ok


def test_a_first_sync_sends_everything_once_and_a_second_sends_nothing(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    sync_helpers: Any,
) -> None:
    for _ in range(3):
        make_finalized()
    count = len(sync_helpers.own_events(tmp_store))
    assert count >= 6

    report = enrolled.sync()
    assert report.ok, report.sentence()
    assert (report.pushed, report.accepted, report.duplicates, report.acked) == (
        count,
        count,
        0,
        count,
    )
    assert report.waiting == 0 and report.quarantined == []
    assert "Sync complete" in report.sentence()
    _assert_exactly_once(tmp_store, hq, sync_helpers)
    summary = enrolled.state.summary()
    assert (summary.waiting, summary.acknowledged, summary.last_failure) == (0, count, None)
    assert summary.last_success_at is not None
    pending = tmp_store.conn.execute("SELECT sum(pending_sync) FROM records").fetchone()[0]
    assert pending == 0

    again = enrolled.sync()
    assert again.ok
    assert (again.pushed, again.pulled, again.attachments_sent) == (0, 0, 0)


def test_events_recorded_after_a_sync_go_in_the_next_one(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    sync_helpers: Any,
) -> None:
    make_finalized()
    first = enrolled.sync()
    make_finalized()
    second = enrolled.sync()
    assert first.ok and second.ok
    assert (
        second.pushed == second.accepted == len(sync_helpers.own_events(tmp_store)) - (first.pushed)
    )
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_hq_annotations_and_reference_data_arrive_and_the_log_still_verifies(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    reference: ReferenceData,
    make_finalized: Callable[..., Any],
) -> None:
    bundle = make_finalized()
    assert enrolled.sync().ok
    hq.annotate(bundle.seizure_id, AnnotationKind.CASE_NUMBER, "SD-2025-0001", "sup-1")
    hq.publish_reference(reference.model_copy(update={"version": reference.version + 1}))

    report = enrolled.sync()
    assert report.ok, report.sentence()
    assert report.pulled == 2
    assert report.reference_version == reference.version + 1
    kinds = [
        r[0]
        for r in tmp_store.conn.execute(
            "SELECT kind FROM events WHERE record_id = ? ORDER BY pos", (bundle.seizure_id,)
        )
    ]
    assert kinds[-1] == Kind.ANNOTATED
    data = tmp_store.reference_data()
    assert data is not None and data["version"] == reference.version + 1
    summary = enrolled.state.summary()
    assert summary.reference_version == reference.version + 1
    assert summary.pull_cursor == 2
    assert tmp_store.verify().ok
    # The cursor moved with the events: nothing is taken twice.
    assert enrolled.sync().pulled == 0


def test_a_tampered_event_is_quarantined_with_its_reason_and_the_rest_still_reach_hq(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    samples: Any,
    sync_helpers: Any,
) -> None:
    make_finalized()
    make_finalized()
    mine = sync_helpers.own_events(tmp_store)
    bad = mine[1]
    with contextlib.closing(samples.raw(tmp_store)) as raw:
        raw.execute("UPDATE events SET author = 'off-0004' WHERE id = ?", (bad.id,))

    report = enrolled.sync()
    assert not report.ok
    assert [(q.event_id, q.seq, q.code.value) for q in report.quarantined] == [
        (bad.id, 2, "bad_hash")
    ]
    assert "changed after it was recorded" in report.quarantined[0].reason
    assert report.error is None
    assert report.acked_seq == 1 and report.accepted == len(mine) - 1
    assert report.waiting == len(mine) - 1
    sentence = report.sentence()
    assert "HQ refused 1 event" in sentence and "#2" in sentence
    assert f"{len(mine) - 1} events still wait for HQ" in sentence
    held = {e.seq for e in sync_helpers.hq_events(hq, tmp_store.device.device_id)}
    assert held == {e.seq for e in mine} - {2}
    assert sync_helpers.synced_seqs(tmp_store) == [1]
    kept = enrolled.state.summary().quarantined
    assert [(q.event_id, q.code) for q in kept] == [(bad.id, "bad_hash")]

    again = enrolled.sync()
    assert [q.seq for q in again.quarantined] == [2]
    assert again.accepted == 0 and again.duplicates == len(mine) - 2


def test_attachments_named_by_records_are_uploaded_once(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    samples: Any,
) -> None:
    stored = AttachmentStore(tmp_store.path.parent).add_bytes(PHOTO, "bundles.jpg")
    lost = hashlib.sha256(b"a photo that was never copied here").hexdigest()
    item = {**samples.drug_item("E1"), "photo_hashes": [stored.sha256, lost]}
    make_finalized(seizure=samples.seizure(items=[item]))

    report = enrolled.sync()
    assert report.attachments_sent == 1
    assert hq.attachment_size(stored.sha256) == len(PHOTO)
    assert report.attachments_missing_here == [lost]
    assert (report.attachments_expected, report.attachments_present) == (2, 1)
    assert not report.ok
    assert "1 photo or signature file HQ expects cannot be read on this device" in (
        report.sentence()
    )
    assert enrolled.sync().attachments_sent == 0


def test_hq_restored_from_a_backup_gets_the_lost_events_again(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    make_client: Callable[..., SyncClient],
    clock: Any,
    tmp_path: Path,
    sync_helpers: Any,
) -> None:
    make_finalized()
    assert enrolled.sync().ok
    before = len(sync_helpers.own_events(tmp_store))
    backup = tmp_path / "hq-backup.db"
    hq.backup(backup)
    make_finalized()
    assert enrolled.sync().ok
    everything = len(sync_helpers.own_events(tmp_store))
    assert sync_helpers.synced_seqs(tmp_store) == list(range(1, everything + 1))
    make_finalized()

    with Headquarters.open(str(backup), clock=clock) as restored:
        transport = sync_helpers.AppTransport(create_app(restored))
        try:
            report = make_client(transport=transport).sync()
        finally:
            transport.close()
        assert report.ok, report.sentence()
        # HQ answered the first batch with less than it once acknowledged: the
        # device took its marks back and sent the lost events again.
        assert report.accepted == len(sync_helpers.own_events(tmp_store)) - before
        _assert_exactly_once(tmp_store, restored, sync_helpers)
