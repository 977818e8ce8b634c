"""Read-side queries for the record view: custody chains, next sequence, concurrent changes."""

from __future__ import annotations

from typing import Any

from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.store.store import Store


def test_custody_chains_by_exhibit_oldest_first(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    seizure = finalized.seizure_id
    conn = services.store.conn
    assert q.custody_chains(conn, seizure) == {}
    assert q.next_custody_sequence(conn, seizure) == 1
    first = services.custody.transfer(samples.transfer(seizure, ["E1", "E2"]), actor)
    assert q.next_custody_sequence(conn, seizure) == 2
    second = services.custody.transfer(
        samples.transfer(seizure, ["E1"], sequence=2, transferred_at="2024-05-02T09:00:00-07:00"),
        actor,
    )
    chains = q.custody_chains(conn, seizure)
    assert sorted(chains) == ["E1", "E2"]
    assert [link.record_id for link in chains["E1"]] == [first.record_id, second.record_id]
    assert [link.data["sequence"] for link in chains["E1"]] == [1, 2]
    assert [link.record_id for link in chains["E2"]] == [first.record_id]
    assert chains["E1"][0].record_type == "custody_transfer"
    assert chains["E1"][0].occurred_at < chains["E1"][1].occurred_at
    assert q.next_custody_sequence(conn, seizure) == 3
    # A retry of a stored hand-over keeps its number.
    assert q.next_custody_sequence(conn, seizure, first.record_id) == 1
    assert q.next_custody_sequence(conn, seizure, "not-stored-yet") == 3


def test_concurrent_changes_listed_until_resolved(
    services: FieldServices,
    actor: Actor,
    supervisor: Actor,
    other_store: Store,
    finalized: Any,
    samples: Any,
) -> None:
    store, record = services.store, finalized.encounter_id
    assert q.concurrent_changes(store.conn, record) == []
    samples.share_events(store, other_store)
    theirs = FieldServices(other_store).amendments.add_addendum(
        record,
        supervisor,
        reason="Colour",
        corrections=[{"path": "vehicle.colour", "value": "rojo"}],
    )
    mine = services.amendments.add_addendum(
        record, actor, reason="Colour", corrections=[{"path": "vehicle.colour", "value": "azul"}]
    )
    assert q.concurrent_changes(store.conn, record) == []
    samples.share_events(other_store, store)
    changes = q.concurrent_changes(store.conn, record)
    assert {c.event_id for c in changes} == {mine.id, theirs.id}
    view = q.get_record(store.conn, record)
    assert changes[-1].event_id == view.winner_event_id
    services.amendments.resolve_conflict(
        record, supervisor, winner_event_id=mine.id, note="Blue per the photos"
    )
    assert q.concurrent_changes(store.conn, record) == []


def test_search_text_lists_the_newest_matches_first_then_sorts(
    tmp_store: Store, services: FieldServices, make_finalized: Any
) -> None:
    for _ in range(5):
        make_finalized()
    conn = tmp_store.conn
    every = q.list_ids(conn, q.RecordFilter(record_types=None))
    matching = q.list_ids(conn, q.RecordFilter(record_types=None, text="US"), text_limit=None)
    assert matching and set(matching) <= set(every)
    capped = q.list_ids(conn, q.RecordFilter(record_types=None, text="US"), text_limit=3)
    # The three newest matches (by arrival), in the list's own order.
    newest = sorted(matching, reverse=True)[:3]
    assert sorted(capped) == sorted(newest)
    assert capped == [rowid for rowid in matching if rowid in newest]
    assert q.is_capped(q.RecordFilter(text="US"), 3, text_limit=3)
    assert not q.is_capped(q.RecordFilter(text=""), 5000, text_limit=3)
    with_filter = q.list_ids(
        conn, q.RecordFilter(record_types=("seizure",), text="US"), text_limit=2
    )
    assert all(r in matching for r in with_filter)
    kinds = {
        conn.execute("SELECT record_type FROM records WHERE rowid = ?", (r,)).fetchone()[0]
        for r in with_filter
    }
    assert kinds <= {"seizure"}
