"""A device HQ revoked locks, wipes what HQ holds, and reports it, against the real HQ."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx2
import pytest

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import DeviceLocked
from fieldapp.services import Actor, FieldServices
from fieldapp.store.store import Store
from sync.client import SyncClient
from sync.hq.service import Headquarters

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200))
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(40, 240))


def _records(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT id FROM records")}


def _with_photo(samples: Any, photo: str) -> dict[str, Any]:
    item = dict(samples.drug_item("E1"), photo_hashes=[photo])
    return samples.seizure(items=[item, samples.currency_item("E2")])


def test_a_revoked_device_removes_what_hq_holds_keeps_the_rest_and_tells_hq(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    services: FieldServices,
    actor: Actor,
    make_finalized: Callable[..., Any],
    samples: Any,
) -> None:
    held = make_finalized()
    assert enrolled.sync().ok
    offline = make_finalized()  # recorded after the last sync: HQ never got it
    hq.revoke(tmp_store.device.device_id, "reported stolen")

    seen: list[tuple[str, int, int]] = []
    report = enrolled.sync(progress=lambda *step: seen.append(step))

    assert ("wipe", 0, 1) in seen and seen[-1] == ("wipe", 1, 1)  # a long wipe is shown
    assert report.revoked and not report.ok
    assert report.wipe_requested and report.wipe_reported and report.wipe_problem is None
    assert (report.records_wiped, report.records_kept) == (2, 2)
    assert _records(tmp_store) == {offline.encounter_id, offline.seizure_id}
    assert "HQ has the signed report of the wipe." in report.sentence()
    # HQ holds the signed report, and knows which records exist only on the laptop.
    (entry,) = hq.wipe_reports()
    assert entry.device_id == tmp_store.device.device_id
    assert (entry.records_wiped, entry.records_kept, entry.not_at_hq) == (2, 2, 0)
    assert set(entry.kept_record_ids) == {offline.encounter_id, offline.seizure_id}
    # The log still proves itself; the device records nothing more.
    assert tmp_store.verify().ok
    draft = services.drafts.create(actor, "encounter", samples.encounter())
    with pytest.raises(DeviceLocked):
        services.finalizer.finalize(draft.id, actor)
    assert held.encounter_id not in _records(tmp_store)


def test_a_lost_answer_to_the_report_is_sent_again_and_hq_keeps_one(
    make_client: Callable[..., SyncClient],
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    transport: Any,
    sync_helpers: Any,
) -> None:
    make_finalized()
    assert enrolled.sync().ok
    hq.revoke(tmp_store.device.device_id, "retired")

    def lose_the_report_answer(request: httpx2.Request, _n: int) -> str | None:
        return "drop" if request.url.path.endswith("/wipe-report") else None

    faulty = sync_helpers.Faulty(transport, lose_the_report_answer)
    first = make_client(transport=faulty, retry=None).sync()

    assert first.revoked and first.records_wiped == 2
    assert first.wipe_problem is not None and not first.wipe_reported
    assert "the next sync tries again" in first.sentence()
    assert enrolled.state.pending_wipe_report() is not None
    assert _records(tmp_store) == set()  # the wipe itself is done and kept

    calls = sync_helpers.Faulty(transport, lambda _r, _n: None)
    second = make_client(transport=calls).sync()

    assert second.wipe_reported and second.wipe_problem is None
    assert enrolled.state.pending_wipe_report() is None
    assert len(hq.wipe_reports()) == 1  # the report HQ already held, not a second one
    # A device known to be revoked sends nothing else: no push, no pull, no new wipe.
    assert [path.rsplit("/", 1)[-1] for _m, path, _f in calls.calls] == ["wipe-report"]
    third = make_client(transport=calls).sync()
    assert third.wipe_reported and len(calls.calls) == 1


def test_photos_hq_confirmed_go_with_their_records_and_unconfirmed_ones_stay(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    samples: Any,
) -> None:
    files = AttachmentStore(tmp_store.path.parent, tmp_store.key)
    photo = files.add_bytes(PNG, "bundles.png").sha256
    held = make_finalized(seizure=_with_photo(samples, photo))
    assert enrolled.sync().ok  # events and photo at HQ, and HQ says nothing is missing
    # The next record's photo cannot be read here, so HQ keeps missing it.
    lost = files.add_bytes(OTHER_PNG, "panel.png").sha256
    unconfirmed = make_finalized(seizure=_with_photo(samples, lost))
    files.path_of(lost).unlink()
    synced = enrolled.sync()
    assert synced.waiting == 0 and synced.attachments_missing_here == [lost]
    hq.revoke(tmp_store.device.device_id, "reported stolen")

    report = enrolled.sync()

    assert report.records_wiped == 2 and report.records_kept == 2
    assert _records(tmp_store) == {unconfirmed.encounter_id, unconfirmed.seizure_id}
    assert held.seizure_id not in _records(tmp_store)
    assert not files.has(photo)


def test_revoked_without_a_wipe_the_device_only_locks(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
) -> None:
    held = make_finalized()
    assert enrolled.sync().ok
    hq.revoke(tmp_store.device.device_id, "inquiry", wipe=False)

    report = enrolled.sync()

    assert report.revoked and not report.wipe_requested and report.records_wiped is None
    assert _records(tmp_store) == {held.encounter_id, held.seizure_id}
    assert hq.wipe_reports() == []
    assert enrolled.state.summary().wipe_requested is False


def test_a_laptop_revoked_with_its_records_kept_wipes_once_hq_asks_after_all(
    enrolled: SyncClient,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
) -> None:
    held = make_finalized()
    assert enrolled.sync().ok
    hq.revoke(tmp_store.device.device_id, "lost", wipe=False)
    assert enrolled.sync().records_wiped is None
    assert held.encounter_id in _records(tmp_store)

    # The laptop turns out stolen: the administrator revokes it again, with the wipe.
    asked = hq.revoke(tmp_store.device.device_id, "stolen after all")
    assert asked.wipe and asked.revoked_reason == "lost"  # the revocation stays as it was

    report = enrolled.sync()

    assert report.records_wiped == 2 and report.wipe_reported
    assert _records(tmp_store) == set()
    assert len(hq.wipe_reports()) == 1
