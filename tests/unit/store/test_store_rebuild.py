"""Projections rebuilt from the log equal the ones kept up to date event by event."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.store.store import Store


def snapshot(store: Store) -> dict[str, Any]:
    """Every projection table's content, keyed by record id (rowids left out)."""
    conn = store.conn
    records = {}
    for row in conn.execute("SELECT * FROM records"):
        cols = [d[0] for d in conn.execute("SELECT * FROM records LIMIT 0").description]
        values = dict(zip(cols, row, strict=True))
        values.pop("rowid")
        values["original"] = json.loads(values["original"])
        values["data"] = json.loads(values["data"])
        records[values["id"]] = values
    fts = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT r.id, f.body FROM records_fts f JOIN records r ON r.rowid = f.rowid"
        )
    }
    fts_rows = conn.execute("SELECT count(*) FROM records_fts").fetchone()[0]
    return {
        "records": records,
        "items": sorted(conn.execute("SELECT * FROM items").fetchall()),
        "custody_links": sorted(conn.execute("SELECT * FROM custody_links").fetchall()),
        "record_heads": sorted(conn.execute("SELECT * FROM record_heads").fetchall()),
        "fts": fts,
        "fts_rows": fts_rows,
    }


def build_history(
    services: FieldServices,
    actor: Actor,
    supervisor: Actor,
    other_store: Store,
    samples: Any,
) -> dict[str, str]:
    """Many finalizes, addenda, custody, a property return, a conflict, a partial sync."""
    store = services.store
    bundles = []
    for n in range(6):
        encounter = samples.encounter(
            checkpoint=samples.CHECKPOINT if n % 2 else samples.OTHER_CHECKPOINT,
            result="warning" if n % 3 == 0 else "no_action",
        )
        seizure = samples.seizure(detained_person_property=n == 1)
        bundles.append(samples.bundle(services, actor, encounter, seizure, with_seizure=n % 2 == 1))
    # A seizure on its own (no encounter).
    lone = services.drafts.create(
        actor, "seizure", samples.seizure(encounter_id={"empty": "not_applicable"})
    )
    services.finalizer.finalize(lone.id, actor)

    with_seizure = [b for b in bundles if b.seizure_id]
    for n, bundle in enumerate(bundles):
        services.amendments.add_addendum(
            bundle.encounter_id,
            actor,
            reason="Corrected colour",
            text=f"Second look {n}",
            corrections=[{"path": "vehicle.colour", "value": f"azul {n}"}],
        )
    services.amendments.add_addendum(
        with_seizure[0].seizure_id,
        actor,
        reason="Reweighed",
        text="Bolsa pesada de nuevo.",
        corrections=[{"path": "items.0.gross_weight.amount", "value": "6.400"}],
    )
    for n, bundle in enumerate(with_seizure):
        services.custody.transfer(samples.transfer(bundle.seizure_id, ["E1"], sequence=1), actor)
        if n == 1:
            services.custody.transfer(
                samples.transfer(
                    bundle.seizure_id,
                    ["E1", "E2"],
                    sequence=2,
                    transferred_at="2024-05-02T09:00:00-07:00",
                ),
                actor,
            )
    services.custody.return_property(
        samples.property_return(with_seizure[0].seizure_id, ["E2"]), actor
    )

    # Half of the log reaches HQ.
    store.mark_synced(store.device.device_id, 10)

    # A second device amends the same encounter concurrently with this one.
    contested = bundles[0].encounter_id
    samples.share_events(store, other_store)
    FieldServices(other_store).amendments.add_addendum(
        contested,
        actor,
        reason="Plate read again",
        corrections=[{"path": "vehicle.plate", "value": "8XYZ999"}],
    )
    services.amendments.add_addendum(
        contested,
        actor,
        reason="Plate read again",
        corrections=[{"path": "vehicle.plate", "value": "7ABC128"}],
    )
    samples.share_events(other_store, store)
    # And a second conflict, which a supervisor settles.
    settled = bundles[2].encounter_id
    FieldServices(other_store).amendments.add_addendum(
        settled, actor, reason="Note", text="De otro equipo."
    )
    services.amendments.add_addendum(settled, actor, reason="Note", text="Of this device.")
    samples.share_events(other_store, store)
    heads = services.amendments.heads(settled)
    assert len(heads) == 2
    services.amendments.resolve_conflict(
        settled, supervisor, winner_event_id=heads[0], note="Both stand."
    )
    return {"contested": contested, "settled": settled}


def test_rebuild_equals_incremental(
    services: FieldServices, actor: Actor, supervisor: Actor, other_store: Store, samples: Any
) -> None:
    marks = build_history(services, actor, supervisor, other_store, samples)
    store = services.store
    before = snapshot(store)
    # The history really has what the test is about.
    assert len(before["records"]) == 6 + 3 + 1 + 4 + 1
    assert before["records"][marks["contested"]]["needs_review"] == 1
    assert before["records"][marks["settled"]]["needs_review"] == 0
    assert len(before["record_heads"]) == 2
    assert len(before["custody_links"]) == 6
    assert before["items"]
    assert any(r["pending_sync"] == 0 for r in before["records"].values())
    assert any(r["pending_sync"] > 0 for r in before["records"].values())
    assert before["fts_rows"] == len(before["records"])

    count = store.rebuild()
    assert count == len(before["records"])
    after = snapshot(store)
    assert after == before
    assert store.verify().ok


def test_rebuild_repairs_damaged_projections(
    services: FieldServices, actor: Actor, samples: Any, make_finalized: Any
) -> None:
    bundle = make_finalized()
    store = services.store
    before = snapshot(store)
    with store.transaction() as db:
        db.execute("DELETE FROM items")
        db.execute("UPDATE records SET summary = 'tampered', data = '{}'")
        db.execute("DELETE FROM records_fts")
    assert q.search(store.conn, samples.PERSON_NAME) == []
    progress: list[tuple[int, int]] = []
    store.rebuild(lambda done, total: progress.append((done, total)))
    assert snapshot(store) == before
    assert progress[-1] == (2, 2)
    found = {r.id for r in q.search(store.conn, samples.PERSON_NAME)}
    assert found == {bundle.encounter_id, bundle.seizure_id}


def test_rebuild_in_a_second_store_with_same_events_gives_same_projection(
    services: FieldServices,
    actor: Actor,
    supervisor: Actor,
    other_store: Store,
    samples: Any,
    tmp_path: Any,
) -> None:
    build_history(services, actor, supervisor, other_store, samples)
    third = samples.open_store(tmp_path / "third")
    try:
        # Both devices' events arrive through the first store's copy of them.
        third.register_origin(other_store.device.device_id, other_store.device.public_hex)
        samples.share_events(services.store, third)
        mine = snapshot(services.store)["records"]
        theirs = snapshot(third)["records"]
        assert mine.keys() == theirs.keys()
        for record_id, row in mine.items():
            other = theirs[record_id]
            for column in (
                "data",
                "original",
                "needs_review",
                "head_hash",
                "summary",
                "has_seizure",
            ):
                assert row[column] == other[column], (record_id, column)
    finally:
        third.close()


def test_seizure_moved_to_another_encounter_rebuild_equals_incremental(
    services: FieldServices, actor: Actor, make_finalized: Any
) -> None:
    # An addendum corrects which encounter a seizure belongs to. The encounter it
    # left has no seizure any more: incremental and rebuilt projections must agree.
    first = make_finalized()
    second = make_finalized(with_seizure=False)
    services.amendments.add_addendum(
        first.seizure_id,
        actor,
        reason="Linked to the wrong stop",
        corrections=[{"path": "encounter_id", "value": second.encounter_id}],
    )
    store = services.store
    before = snapshot(store)
    store.rebuild()
    after = snapshot(store)
    flags = {
        rid: (before["records"][rid]["has_seizure"], after["records"][rid]["has_seizure"])
        for rid in (first.encounter_id, second.encounter_id)
    }
    assert flags == {first.encounter_id: (0, 0), second.encounter_id: (1, 1)}
    assert after == before
