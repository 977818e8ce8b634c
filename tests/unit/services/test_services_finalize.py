"""Drafts and finalize: the happy path, retries, refusals that lose nothing, and locking."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from fieldapp.errors import KnownError, NotFound, RecordInvalid, RecordLocked
from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.services.drafts import DraftConflict
from fieldapp.store.store import Store


def _events(store: Store) -> list[Any]:
    return list(store.events())


def _counts(store: Store) -> tuple[int, int, int, int]:
    one = store.conn.execute
    return (
        one("SELECT count(*) FROM events").fetchone()[0],
        one("SELECT count(*) FROM records").fetchone()[0],
        one("SELECT count(*) FROM records_fts").fetchone()[0],
        one("SELECT count(*) FROM counters").fetchone()[0],
    )


# -- drafts --------------------------------------------------------------------------------


def test_draft_create_save_get_unfinished_children_discard(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    drafts = services.drafts
    draft = drafts.create(actor, "encounter", {"reason": "Primary"})
    assert draft.revision == 1 and draft.data == {"reason": "Primary", "id": draft.id}
    assert draft.officer_id == actor.officer_id and draft.parent_id is None
    saved = drafts.save(
        draft.id, {"reason": "Secondary", "narrative": "Ñandú"}, expected_revision=1, actor=actor
    )
    assert saved.revision == 2
    assert drafts.get(draft.id).data == {
        "reason": "Secondary",
        "narrative": "Ñandú",
        "id": draft.id,
    }
    child = drafts.create(actor, "seizure", {"found_location": "trunk"}, parent_id=draft.id)
    other = drafts.create(Actor("off-0003"), "encounter", {})
    assert [d.id for d in drafts.children(draft.id)] == [child.id]
    assert {d.id for d in drafts.unfinished()} == {draft.id, child.id, other.id}
    assert {d.id for d in drafts.unfinished(actor.officer_id)} == {draft.id, child.id}
    drafts.discard(draft.id, actor=actor)
    assert [d.id for d in drafts.unfinished()] == [other.id]
    with pytest.raises(NotFound):
        drafts.get(child.id)
    with pytest.raises(NotFound):
        drafts.save(draft.id, {}, actor=actor)
    # Nothing of a draft ever reaches the log.
    assert _events(services.store) == []


def test_unknown_record_type_refused(services: FieldServices, actor: Actor) -> None:
    with pytest.raises(KnownError, match="no such kind"):
        services.drafts.create(actor, "parking_ticket")


def test_draft_revision_conflict_overwrites_nothing(services: FieldServices, actor: Actor) -> None:
    draft = services.drafts.create(actor, "encounter", {"reason": "first"})
    services.drafts.save(draft.id, {"reason": "window A"}, expected_revision=1, actor=actor)
    with pytest.raises(DraftConflict, match="Nothing was overwritten"):
        services.drafts.save(draft.id, {"reason": "window B"}, expected_revision=1, actor=actor)
    kept = services.drafts.get(draft.id)
    assert kept.data["reason"] == "window A" and kept.revision == 2


def test_draft_survives_reopening_the_store(actor: Actor, samples: Any, tmp_path: Any) -> None:
    with samples.open_store(tmp_path / "p") as store:
        draft = FieldServices(store).drafts.create(actor, "encounter", samples.encounter())
    with samples.open_store(tmp_path / "p", seeded=False) as again:
        kept = FieldServices(again).drafts.unfinished()
        assert [d.id for d in kept] == [draft.id]
        assert kept[0].data == draft.data
        done = FieldServices(again).finalizer.finalize(draft.id, actor)
        assert done.record_ids == (draft.id,)


# -- finalize ------------------------------------------------------------------------------


def test_finalize_happy_path(services: FieldServices, actor: Actor, samples: Any) -> None:
    store = services.store
    draft = services.drafts.create(actor, "encounter", samples.encounter())
    child = services.drafts.create(actor, "seizure", samples.seizure(), parent_id=draft.id)
    done = services.finalizer.finalize(draft.id, actor)

    assert done.record_ids == (draft.id, child.id)
    assert not done.already_finalized
    events = _events(store)
    assert [(e.record_id, e.record_type, e.kind, e.seq) for e in events] == [
        (draft.id, "encounter", Kind.FINALIZED, 1),
        (child.id, "seizure", Kind.FINALIZED, 2),
    ]
    assert events == list(done.events)
    assert all(e.author == actor.officer_id and e.origin == store.device.device_id for e in events)
    assert events[1].prev_hash == events[0].hash
    encounter, seizure = events[0].payload, events[1].payload
    code = store.device.device_code
    assert encounter["id"] == draft.id
    assert encounter["reference_number"] == f"US-SYS-{code}-000001"
    assert encounter["actions"]["seizure_ids"] == [child.id]
    assert seizure["encounter_id"] == draft.id
    assert seizure["seizure_number"] == f"US-SYS-{code}-S000001"
    assert seizure["items"][0]["gross_weight"] == {"amount": "6.350", "unit": "kg"}

    # Drafts are gone: the record is locked now.
    assert services.drafts.unfinished() == []
    rows = {r.id: r for r in q.list_records(store.conn)}
    enc_row, sz_row = rows[draft.id], rows[child.id]
    assert enc_row.record_type == "encounter" and enc_row.has_seizure
    assert enc_row.checkpoint == "US-SYS" and enc_row.result == "no_action"
    assert enc_row.reference == encounter["reference_number"]
    assert enc_row.occurred_at == "2024-05-01T17:00:00.000000Z"
    assert samples.PLATE in enc_row.summary and samples.PERSON_NAME in enc_row.summary
    assert enc_row.pending_sync == 1 and enc_row.addenda_count == 0 and not enc_row.needs_review
    assert sz_row.category == "currency,drug" and sz_row.result == "evidence"
    items = store.conn.execute(
        "SELECT exhibit_number, category, gross_weight_amount, gross_weight_unit FROM items "
        "WHERE seizure_id = ? ORDER BY exhibit_number",
        (child.id,),
    ).fetchall()
    assert items == [("E1", "drug", "6.350", "kg"), ("E2", "currency", None, None)]
    view = q.get_record(store.conn, draft.id)
    assert view.original == view.current == encounter
    assert [c.id for c in view.children] == [child.id]
    assert store.verify().ok


def test_reference_numbers_count_up_per_device(
    services: FieldServices, make_finalized: Any
) -> None:
    first, second = make_finalized(), make_finalized()
    refs = [
        q.get_record(services.store.conn, b.encounter_id).current["reference_number"]
        for b in (first, second)
    ]
    assert [r[-6:] for r in refs] == ["000001", "000002"]
    assert len(set(refs)) == 2


def test_search_finds_name_plate_and_item(
    services: FieldServices, finalized: Any, make_finalized: Any, samples: Any
) -> None:
    conn = services.store.conn
    make_finalized(
        encounter=samples.encounter(
            vehicle={**samples.encounter()["vehicle"], "plate": "ZZZ9999"},
            people=[{**samples.encounter()["people"][0], "name": "Mary O'Brien"}],
        ),
        with_seizure=False,
    )
    by_name = {r.id for r in q.search(conn, "José Ñúñez")}
    assert finalized.encounter_id in by_name
    # Accents are not needed to find an accented name.
    assert finalized.encounter_id in {r.id for r in q.search(conn, "jose nunez pena")}
    assert [r.id for r in q.search(conn, samples.PLATE, record_types=("encounter",))] == [
        finalized.encounter_id
    ]
    # The last word is a prefix: partial plates find it.
    assert [r.id for r in q.search(conn, "7ABC", record_types=("encounter",))] == [
        finalized.encounter_id
    ]
    assert [r.id for r in q.search(conn, "Crystalline")] == [finalized.seizure_id]
    assert {r.id for r in q.search(conn, "O'Brien")} and finalized.encounter_id not in {
        r.id for r in q.search(conn, "O'Brien")
    }
    # Typed punctuation or FTS syntax never breaks the query.
    for typed in ('"', "AND OR NOT", "7ABC*", "(", "NEAR(", "-", ""):
        q.search(conn, typed)
        q.list_records(conn, q.RecordFilter(text=typed))
    assert q.search(conn, "   ") == []
    # The list filter by text agrees with search.
    flt = q.RecordFilter(text=samples.PLATE)
    assert [r.id for r in q.list_records(conn, flt)] == [finalized.encounter_id]


def test_list_filters(
    services: FieldServices, actor: Actor, samples: Any, make_finalized: Any
) -> None:
    store = services.store
    conn = store.conn
    a = make_finalized()  # US-SYS, no_action, with seizure, 2024-05-01
    b = make_finalized(
        encounter=samples.encounter(
            checkpoint=samples.OTHER_CHECKPOINT,
            result="warning",
            started_at="2024-06-10T08:00:00-07:00",
            ended_at="2024-06-10T08:30:00-07:00",
        ),
        with_seizure=False,
    )
    c = make_finalized(
        encounter=samples.encounter(
            started_at="2024-07-01T06:30:00+00:00", ended_at="2024-07-01T07:00:00+00:00"
        ),
        with_seizure=False,
    )

    def ids(**kw: Any) -> set[str]:
        flt = q.RecordFilter(record_types=("encounter",), **kw)
        found = {r.id for r in q.list_records(conn, flt)}
        assert q.count_records(conn, flt) == len(found)
        assert set(q.rows_for(conn, q.list_ids(conn, flt))) == {
            r.rowid for r in q.list_records(conn, flt)
        }
        return found

    assert ids() == {a.encounter_id, b.encounter_id, c.encounter_id}
    assert ids(checkpoint="US-SYS") == {a.encounter_id, c.encounter_id}
    assert ids(checkpoint=samples.OTHER_CHECKPOINT) == {b.encounter_id}
    assert ids(result="warning") == {b.encounter_id}
    assert ids(has_seizure=True) == {a.encounter_id}
    assert ids(has_seizure=False) == {b.encounter_id, c.encounter_id}
    assert ids(since="2024-06-01T00:00:00+00:00") == {b.encounter_id, c.encounter_id}
    assert ids(until="2024-06-01T00:00:00+00:00") == {a.encounter_id}
    # The range is compared in UTC whatever the offset the officer typed.
    assert ids(since="2024-06-10T14:59:00+00:00", until="2024-06-10T08:01:00-07:00") == {
        b.encounter_id
    }
    assert ids(since="2024-06-10T15:00:01+00:00", until="2024-07-01T06:30:00+00:00") == set()
    assert ids(category="vehicle", checkpoint="US-SYS", result="no_action") == {
        a.encounter_id,
        c.encounter_id,
    }
    # Everything is unsynced until HQ acknowledges it; then only later changes are.
    assert ids(unsynced_only=True) == {a.encounter_id, b.encounter_id, c.encounter_id}
    head = store.conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    assert store.mark_synced(store.device.device_id, head) == head
    assert ids(unsynced_only=True) == set()
    services.amendments.add_addendum(b.encounter_id, actor, reason="Note", text="Later.")
    assert ids(unsynced_only=True) == {b.encounter_id}
    # Both record types, and sorting.
    everything = q.list_records(conn, q.RecordFilter(), sort="occurred_at", descending=False)
    assert everything[0].occurred_at <= everything[-1].occurred_at
    assert {r.record_type for r in everything} == {"encounter", "seizure"}
    with pytest.raises(KnownError):
        q.list_records(conn, q.RecordFilter(), sort="rowid; DROP TABLE records")


def test_finalize_twice_returns_the_same_records_and_logs_nothing_new(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    draft = services.drafts.create(actor, "encounter", samples.encounter())
    child = services.drafts.create(actor, "seizure", samples.seizure(), parent_id=draft.id)
    first = services.finalizer.finalize(draft.id, actor)
    before = _counts(services.store)
    again = services.finalizer.finalize(draft.id, actor)
    assert again.already_finalized
    assert again.events == ()
    assert set(again.record_ids) == set(first.record_ids) == {draft.id, child.id}
    assert again.record_ids[0] == draft.id
    assert _counts(services.store) == before


def test_finalize_unknown_draft(services: FieldServices, actor: Actor) -> None:
    with pytest.raises(NotFound):
        services.finalizer.finalize("no-such-draft", actor)


def test_invalid_draft_refused_with_located_problems_and_nothing_lost(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    store = services.store
    encounter = samples.encounter(reason="  ", checkpoint="XX-NOWHERE")
    seizure = samples.seizure()
    seizure["items"][0].pop("gross_weight")
    draft = services.drafts.create(actor, "encounter", encounter)
    child = services.drafts.create(actor, "seizure", seizure, parent_id=draft.id)
    before = _counts(store)
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    problems = {(p.path, p.code) for p in caught.value.problems}
    assert (("reason",), "text_required") in problems
    assert (("checkpoint",), "unknown_checkpoint") in problems
    assert (("seizures", 0, "items", 0, "gross_weight"), "drug_gross_weight_required") in problems
    fields = {p.field for p in caught.value.problems}
    assert "seizures[0].items[0].gross_weight" in fields
    assert "reason" in caught.value.message and "gross_weight" in caught.value.message
    # Nothing logged, nothing numbered, the drafts exactly as they were.
    assert _counts(store) == before
    assert services.drafts.get(draft.id).data == draft.data
    assert services.drafts.get(draft.id).revision == draft.revision
    assert services.drafts.get(child.id).data == child.data
    # Fixed, it finalizes, and gets the first number: the failed try consumed none.
    services.drafts.save(draft.id, samples.encounter(), actor=actor)
    seizure["items"][0]["gross_weight"] = {"amount": "6.350", "unit": "kg"}
    services.drafts.save(child.id, seizure, actor=actor)
    done = services.finalizer.finalize(draft.id, actor)
    assert done.record_ids == (draft.id, child.id)
    payload = done.events[0].payload
    assert payload["reference_number"].endswith("-000001")


def test_structural_problem_is_located(services: FieldServices, actor: Actor, samples: Any) -> None:
    encounter = samples.encounter(started_at="yesterday")
    del encounter["narrative"]
    draft = services.drafts.create(actor, "encounter", encounter)
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    paths = {p.path for p in caught.value.problems}
    assert ("started_at",) in paths
    assert ("narrative",) in paths
    assert all(p.message for p in caught.value.problems)
    assert _events(services.store) == []


_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def test_problems_inside_union_fields_are_located_at_the_field(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    # Fields typed "value | NoInformation" (nationality, vehicle, year, ended_at) are
    # unions; the officer's form must get the field's own path, with no pydantic
    # branch names such as "constrained-str" or "function-after[...]" in it, and no
    # complaints from the branch the input plainly is not (the "empty" markers).
    encounter = samples.encounter(ended_at="later")
    encounter["people"][0]["nationality"] = "mexican"
    encounter["vehicle"]["year"] = "old"
    draft = services.drafts.create(actor, "encounter", encounter)
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    problems = caught.value.problems
    paths = {p.path for p in problems}
    bad = [
        p.field
        for p in problems
        if not all(isinstance(part, int) or _FIELD_NAME.fullmatch(part) for part in p.path)
    ]
    assert bad == [], f"problems located at pydantic branch names: {bad}"
    assert ("people", 0, "nationality") in paths
    assert ("vehicle", "year") in paths
    assert ("ended_at",) in paths
    assert not any(p.code == "extra_forbidden" for p in problems), [str(p) for p in problems]


def test_unknown_officer_and_unit_are_refused(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    seizure = samples.seizure(encounter_id={"empty": "not_applicable"}, witness_id="off-9999")
    seizure["items"][0]["gross_weight"]["unit"] = "stone"
    draft = services.drafts.create(actor, "seizure", seizure)
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    problems = {(p.path, p.code) for p in caught.value.problems}
    assert (("witness_id",), "unknown_officer") in problems
    assert (("items", 0, "gross_weight", "unit"), "unknown_unit") in problems


def test_finalized_record_cannot_be_saved_as_a_draft(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    before = _counts(services.store)
    for record_id in (finalized.encounter_id, finalized.seizure_id):
        with pytest.raises(RecordLocked, match="addendum"):
            services.drafts.save(record_id, samples.encounter(narrative="Rewritten."), actor=actor)
        with pytest.raises(RecordLocked):
            services.drafts.get(record_id)
    assert _counts(services.store) == before
    view = q.get_record(services.store.conn, finalized.encounter_id)
    assert view.current["narrative"] == samples.encounter()["narrative"]


def test_lone_seizure_and_custody_drafts_finalize(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    lone = services.drafts.create(
        actor, "seizure", samples.seizure(encounter_id={"empty": "not_applicable"})
    )
    done = services.finalizer.finalize(lone.id, actor)
    assert done.record_ids == (lone.id,)
    number = done.events[0].payload["seizure_number"]
    assert re.fullmatch(rf"US-SYS-{services.store.device.device_code}-S\d{{6}}", number)
    transfer = services.drafts.create(actor, "custody_transfer", samples.transfer(lone.id, ["E1"]))
    done = services.finalizer.finalize(transfer.id, actor)
    assert done.events[0].kind == Kind.CUSTODY_TRANSFERRED
    assert services.custody.chain(lone.id, "E1")[0]["id"] == transfer.id


def test_records_projection_holds_canonical_payload(
    services: FieldServices, finalized: Any
) -> None:
    row = services.store.conn.execute(
        "SELECT original, data, head_hash FROM records WHERE id = ?", (finalized.encounter_id,)
    ).fetchone()
    event = next(e for e in services.store.events() if e.record_id == finalized.encounter_id)
    assert json.loads(row[0]) == json.loads(row[1]) == event.payload
    assert row[2] == event.hash


def test_check_reports_what_finalize_would_and_changes_nothing(
    services: FieldServices, actor: Actor, tmp_store: Store, samples: Any
) -> None:
    encounter = dict(samples.encounter())
    encounter.pop("narrative")
    draft = services.drafts.create(actor, "encounter", encounter)
    counters = tmp_store.conn.execute("SELECT * FROM counters").fetchall()
    events = tmp_store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    problems = services.finalizer.check(draft.id, actor)
    assert [p.path for p in problems] == [("narrative",)]
    assert tmp_store.conn.execute("SELECT * FROM counters").fetchall() == counters
    assert tmp_store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    with pytest.raises(RecordInvalid) as caught:
        services.finalizer.finalize(draft.id, actor)
    assert [p.path for p in caught.value.problems] == [("narrative",)]
