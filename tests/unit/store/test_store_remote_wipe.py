"""A revoked device locks and removes the records HQ holds, never the others (store.wipe)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldapp.attachments import AttachmentStore
from fieldapp.errors import DeviceLocked, NotFound
from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices, queries
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState
from fieldapp.store.wipe import plan_wipe, wiped_record_ids

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200))
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(50, 250))

# Words that appear only in the record HQ holds, and only in the record it lacks.
GONE_NAME, GONE_PLATE = "Quetzalcoatlwiped Ortiz", "WIPE9Z1"
KEPT_NAME, KEPT_PLATE = "Xochitlkept Ramirez", "KEEP4Q2"


def _bundle(
    samples: Any, services: FieldServices, actor: Actor, name: str, plate: str, **item: Any
) -> Any:
    person = dict(samples.encounter()["people"][0], name=name)
    vehicle = dict(samples.encounter()["vehicle"], plate=plate)
    seizure = samples.seizure(seized_from=dict(samples.seizure()["seized_from"], name=name))
    if item:
        seizure["items"] = [dict(samples.drug_item("E1"), **item), samples.currency_item("E2")]
    return samples.bundle(
        services,
        actor,
        encounter=samples.encounter(people=[person], vehicle=vehicle),
        seizure=seizure,
    )


def _ack_everything(store: Store) -> None:
    head = store.conn.execute(
        "SELECT head_seq FROM origins WHERE origin = ?", (store.device.device_id,)
    ).fetchone()[0]
    store.mark_synced(store.device.device_id, int(head))


def _revoke(store: Store, wipe: bool = True) -> SyncState:
    state = SyncState(store)
    state.record_revocation("2026-11-28T09:00:00+00:00", "laptop reported stolen", wipe)
    return state


def _record_ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT id FROM records")}


def test_wipe_removes_what_hq_holds_and_keeps_what_it_lacks(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    gone = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)
    kept = _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)

    state = _revoke(tmp_store)
    outcome = state.wipe()

    assert outcome is not None
    assert outcome.records_wiped == 2 and outcome.records_kept == 2
    assert _record_ids(tmp_store) == {kept.encounter_id, kept.seizure_id}
    with pytest.raises(NotFound):
        queries.get_record(tmp_store.conn, gone.encounter_id)
    assert queries.search(tmp_store.conn, "Quetzalcoatlwiped") == []
    assert queries.search(tmp_store.conn, GONE_PLATE) == []
    assert [r.id for r in queries.search(tmp_store.conn, "Xochitlkept")]
    # The kept record is whole: its events still hold their content.
    assert queries.get_record(tmp_store.conn, kept.seizure_id).current["seized_from"]["name"] == (
        KEPT_NAME
    )
    # The wipe is the device's own signed event, naming what went and what stayed.
    payload = outcome.event.payload
    assert outcome.event.kind == Kind.DEVICE_WIPED
    assert outcome.event.origin == tmp_store.device.device_id
    assert set(payload["wiped_record_ids"]) == {gone.encounter_id, gone.seizure_id}
    assert set(payload["kept_record_ids"]) == {kept.encounter_id, kept.seizure_id}
    assert payload["reason"] == "laptop reported stolen"
    summary = state.summary()
    assert summary.wipe is not None and summary.wipe.records_wiped == 2
    assert not summary.wipe.reported
    assert state.pending_wipe_report() == outcome.event
    # Done once: asking again changes nothing.
    assert state.wipe() is None


def test_the_log_still_verifies_after_a_wipe(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)
    _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)
    outcome = _revoke(tmp_store).wipe()
    assert outcome is not None and outcome.events_redacted >= 2

    report = tmp_store.verify()

    assert report.ok, report.problem
    assert report.wiped == outcome.events_redacted
    assert "emptied by HQ's remote wipe" in report.summary()
    # Rebuilding the projections from the log does not bring anything back.
    tmp_store.rebuild()
    assert queries.search(tmp_store.conn, "Quetzalcoatlwiped") == []
    assert len(_record_ids(tmp_store)) == 2


def test_emptying_an_event_without_a_wipe_is_caught(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    gone = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)
    kept = _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)
    _revoke(tmp_store).wipe()
    raw = samples.raw(tmp_store)
    # Someone empties a kept record's event and marks it "wiped" behind the program's back.
    raw.execute(
        "UPDATE events SET payload = '{}', wiped_at = 'x' WHERE record_id = ?",
        (kept.encounter_id,),
    )
    raw.close()

    report = tmp_store.verify()

    assert not report.ok
    assert "no wipe of this device names its record" in (report.problem or "")
    assert kept.encounter_id in (report.problem or "")
    assert gone.encounter_id not in (report.problem or "")


def test_a_wiped_record_leaves_no_trace_in_the_database_file(
    tmp_path: Path, samples: Any, actor: Actor
) -> None:
    # A plain (unencrypted) profile, so the file's bytes can be searched for the words.
    store = samples.open_store(tmp_path / "plain")
    services = FieldServices(store)
    _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(store)
    _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)
    files = [store.path, Path(f"{store.path}-wal")]
    before = b"".join(p.read_bytes() for p in files if p.exists())
    assert GONE_NAME.encode() in before and GONE_PLATE.encode() in before

    _revoke(store).wipe()
    store.close()

    after = b"".join(p.read_bytes() for p in files if p.exists())
    for word in (GONE_NAME, GONE_PLATE, "Quetzalcoatlwiped", "quetzalcoatlwiped"):
        assert word.encode() not in after, word
    assert KEPT_NAME.encode() in after and KEPT_PLATE.encode() in after


def test_a_family_goes_whole_or_not_at_all(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    held = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)
    # A hand-over of the seizure HQ has not received yet keeps the encounter and seizure too.
    services.custody.transfer(samples.transfer(held.seizure_id, ["E1"]), actor)

    plan = plan_wipe(tmp_store.conn, tmp_store.device.device_id)

    assert plan.wiped == ()
    assert {held.encounter_id, held.seizure_id} <= set(plan.kept)


def test_a_record_with_a_draft_hanging_from_it_is_kept(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    held = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    other = _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)
    _ack_everything(tmp_store)
    # An officer was adding a seizure to the encounter when the device was revoked.
    services.drafts.create(actor, "seizure", samples.seizure(), parent_id=held.encounter_id)

    plan = plan_wipe(tmp_store.conn, tmp_store.device.device_id)

    assert set(plan.kept) == {held.encounter_id, held.seizure_id}
    assert set(plan.wiped) == {other.encounter_id, other.seizure_id}


def test_files_go_only_once_hq_confirmed_it_holds_them(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    files = AttachmentStore(tmp_store.path.parent, tmp_store.key)
    photo = files.add_bytes(PNG, "bundles.png").sha256
    shared = files.add_bytes(OTHER_PNG, "panel.png").sha256
    held = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE, photo_hashes=[photo, shared])
    state = SyncState(tmp_store)
    _ack_everything(tmp_store)
    acked = state.acked_seq()
    # The same panel photo is on a record HQ has not received.
    kept = _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE, photo_hashes=[shared])

    # HQ acknowledged the events but never said it holds the files: the record stays.
    assert plan_wipe(tmp_store.conn, tmp_store.device.device_id).wiped == ()

    state.confirm_files(acked)
    plan = plan_wipe(tmp_store.conn, tmp_store.device.device_id)
    assert set(plan.wiped) == {held.encounter_id, held.seizure_id}
    assert plan.files == (photo,)

    outcome = _revoke(tmp_store).wipe()

    assert outcome is not None and outcome.files_removed == 1
    assert not files.has(photo) and not Path(files.path_of(photo)).exists()
    assert files.verify(shared)  # still named by the kept record
    assert kept.seizure_id in _record_ids(tmp_store)


def test_files_left_by_a_crash_after_the_commit_are_removed_next_time(
    tmp_store: Store,
    services: FieldServices,
    actor: Actor,
    samples: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = AttachmentStore(tmp_store.path.parent, tmp_store.key)
    photo = files.add_bytes(PNG, "bundles.png").sha256
    _bundle(samples, services, actor, GONE_NAME, GONE_PLATE, photo_hashes=[photo])
    state = SyncState(tmp_store)
    _ack_everything(tmp_store)
    state.confirm_files(state.acked_seq())
    _revoke(tmp_store)

    def power_cut(self: AttachmentStore, sha256: str) -> bool:
        raise OSError("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(AttachmentStore, "remove", power_cut)
        with pytest.raises(OSError):
            state.wipe()
    # The records are gone (committed), the file is still there.
    assert _record_ids(tmp_store) == set()
    assert files.has(photo)

    assert state.wipe() is None  # the wipe is not made twice
    assert state.finish_wipe() == 1
    assert not files.has(photo)


def test_a_revoked_device_records_nothing_more_but_keeps_drafts(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    held = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    draft = services.drafts.create(actor, "encounter", samples.encounter())
    _revoke(tmp_store, wipe=False)

    with pytest.raises(DeviceLocked, match="HQ revoked this device on 2026-11-28"):
        services.finalizer.finalize(draft.id, actor)
    with pytest.raises(DeviceLocked):
        services.amendments.add_addendum(held.encounter_id, actor, reason="late note", text="x")
    with pytest.raises(DeviceLocked):
        services.custody.transfer(samples.transfer(held.seizure_id, ["E1"]), actor)
    # Reading stays possible (how HQ recovers what it never received), and is still logged.
    assert services.access.open_record(held.encounter_id, actor).id == held.encounter_id
    logged = tmp_store.conn.execute(
        "SELECT count(*) FROM events WHERE kind = ? AND payload LIKE ?",
        (Kind.ACCESSED, f"%{held.encounter_id}%"),
    ).fetchone()[0]
    assert logged == 1
    # What an officer was typing is still saved.
    changed = dict(draft.data, reason="typed before the lock")
    services.drafts.save(draft.id, changed, draft.revision, actor=actor)
    assert services.drafts.get(draft.id).data["reason"] == "typed before the lock"
    # HQ did not ask for a wipe: nothing is removed.
    assert SyncState(tmp_store).wipe() is None
    assert held.encounter_id in _record_ids(tmp_store)


def test_no_wipe_before_revocation(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)

    assert SyncState(tmp_store).wipe() is None
    assert len(_record_ids(tmp_store)) == 2
    assert wiped_record_ids(tmp_store.conn) == set()


def test_the_wipe_is_reported_once(
    tmp_store: Store, services: FieldServices, actor: Actor, samples: Any
) -> None:
    _bundle(samples, services, actor, GONE_NAME, GONE_PLATE)
    _ack_everything(tmp_store)
    state = _revoke(tmp_store)
    outcome = state.wipe()
    assert outcome is not None

    state.mark_wipe_reported("2026-11-28T10:00:00+00:00")

    assert state.pending_wipe_report() is None
    wipe = state.summary().wipe
    assert wipe is not None and wipe.reported_at == "2026-11-28T10:00:00+00:00"
    stored = tmp_store.conn.execute(
        "SELECT payload FROM events WHERE id = ?", (outcome.event.id,)
    ).fetchone()[0]
    assert json.loads(stored)["records_wiped"] == 2


def test_an_encrypted_profile_is_wiped_the_same_way(tmp_path: Path, samples: Any) -> None:
    from fieldapp.demo import create_demo_profile

    with create_demo_profile(tmp_path / "enc", records=0, encrypt=True) as profile:
        store = profile.store
        assert store.key is not None
        services = FieldServices(store)
        actor = Actor(samples.OFFICER_ID)
        files = AttachmentStore(profile.data_dir, store.key)
        photo = files.add_bytes(PNG, "bundles.png").sha256
        assert files.encrypted and PNG not in files.path_of(photo).read_bytes()
        gone = _bundle(samples, services, actor, GONE_NAME, GONE_PLATE, photo_hashes=[photo])
        state = SyncState(store)
        _ack_everything(store)
        state.confirm_files(state.acked_seq())
        kept = _bundle(samples, services, actor, KEPT_NAME, KEPT_PLATE)
        state.record_revocation("2026-11-28T09:00:00+00:00", "stolen", True)

        outcome = state.wipe()

        assert outcome is not None and outcome.files_removed == 1
        assert not files.has(photo)
        assert _record_ids(store) == {kept.encounter_id, kept.seizure_id}
        assert gone.encounter_id in wiped_record_ids(store.conn)
        assert store.verify().ok
