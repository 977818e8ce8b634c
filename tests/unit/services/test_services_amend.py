"""Addenda: dated corrections that change what a record says now, never what it said first."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import NotFound, PermissionDenied, RecordInvalid
from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q


def _event_count(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_addendum_with_corrections_changes_current_keeps_original(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    conn = services.store.conn
    before = q.get_record(conn, finalized.encounter_id)
    event = services.amendments.add_addendum(
        finalized.encounter_id,
        actor,
        reason="Plate misread",
        text="Placa verificada con el registro.",
        corrections=[
            {"path": "vehicle.plate", "value": "7ABC128"},
            {"path": "people.0.nationality", "value": "US"},
        ],
    )
    assert event.kind == Kind.ADDENDUM
    assert event.base == before.history[-1].hash
    assert event.payload["reason"] == "Plate misread"
    view = q.get_record(conn, finalized.encounter_id)
    assert view.original == before.original
    assert view.original["vehicle"]["plate"] == samples.PLATE
    assert view.current["vehicle"]["plate"] == "7ABC128"
    assert view.current["people"][0]["nationality"] == "US"
    assert [a.event_id for a in view.addenda] == [event.id]
    assert [h.kind for h in view.history] == [Kind.FINALIZED, Kind.ADDENDUM]
    assert not view.needs_review and view.winner_event_id is None
    row = q.list_records(conn, q.RecordFilter(record_types=("encounter",)))[0]
    assert row.addenda_count == 1
    assert "7ABC128" in row.summary
    # Search sees the corrected plate and the addendum's text.
    assert finalized.encounter_id in {r.id for r in q.search(conn, "7ABC128")}
    assert finalized.encounter_id in {r.id for r in q.search(conn, "verificada")}
    # A second addendum builds on the first.
    second = services.amendments.add_addendum(
        finalized.encounter_id,
        actor,
        reason="Colour",
        corrections=[{"path": "vehicle.colour", "value": "negro"}],
    )
    assert second.base == event.hash
    view = q.get_record(conn, finalized.encounter_id)
    assert view.current["vehicle"]["plate"] == "7ABC128"
    assert view.current["vehicle"]["colour"] == "negro"
    assert services.store.verify().ok


def test_text_only_addendum(services: FieldServices, actor: Actor, finalized: Any) -> None:
    services.amendments.add_addendum(finalized.seizure_id, actor, reason="Lab", text="Sent to lab.")
    view = q.get_record(services.store.conn, finalized.seizure_id)
    assert view.current == view.original
    assert view.addenda[0].payload["text"] == "Sent to lab."


def test_addendum_that_would_make_the_record_invalid_is_refused(
    services: FieldServices, actor: Actor, finalized: Any
) -> None:
    before = _event_count(services)
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(
            finalized.encounter_id,
            actor,
            reason="Result changed",
            corrections=[{"path": "result", "value": "arrest_detention"}],
        )
    assert ("detentions",) in {p.path for p in caught.value.problems}
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(
            finalized.seizure_id,
            actor,
            reason="No weight",
            corrections=[{"path": "items.0.gross_weight", "value": {"empty": "not_applicable"}}],
        )
    assert ("items", 0, "gross_weight") in {p.path for p in caught.value.problems}
    assert _event_count(services) == before
    view = q.get_record(services.store.conn, finalized.encounter_id)
    assert view.current["result"] == "no_action"


def test_correction_of_a_path_that_does_not_exist(
    services: FieldServices, actor: Actor, finalized: Any
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(
            finalized.encounter_id,
            actor,
            reason="Typo",
            corrections=[{"path": "people.3.name", "value": "X"}],
        )
    assert caught.value.problems[0].path == ("corrections",)
    assert caught.value.problems[0].code == "bad_path"


def test_auditor_may_not_add_addenda(
    services: FieldServices, auditor: Actor, finalized: Any
) -> None:
    before = _event_count(services)
    with pytest.raises(PermissionDenied):
        services.amendments.add_addendum(finalized.encounter_id, auditor, reason="R", text="T")
    assert _event_count(services) == before


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("narrative", "narrative_locked"),
        ("reference_number", "field_locked"),
        ("id", "field_locked"),
        ("officer_id", "field_locked"),
    ],
)
def test_locked_fields_cannot_be_corrected(
    services: FieldServices, actor: Actor, finalized: Any, path: str, code: str
) -> None:
    before = _event_count(services)
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(
            finalized.encounter_id,
            actor,
            reason="Rewrite",
            corrections=[{"path": path, "value": "Something else entirely."}],
        )
    assert (("corrections", 0, "path"), code) in {(p.path, p.code) for p in caught.value.problems}
    assert _event_count(services) == before


def test_empty_addendum_and_blank_reason_refused(
    services: FieldServices, actor: Actor, finalized: Any
) -> None:
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(finalized.encounter_id, actor, reason="Nothing")
    assert (("text",), "addendum_empty") in {(p.path, p.code) for p in caught.value.problems}
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.add_addendum(finalized.encounter_id, actor, reason="  ", text="x")
    assert (("reason",), "text_required") in {(p.path, p.code) for p in caught.value.problems}


def test_addendum_to_unknown_record(services: FieldServices, actor: Actor) -> None:
    with pytest.raises(NotFound):
        services.amendments.add_addendum("nope", actor, reason="R", text="T")


def test_resolve_without_conflict_refused(
    services: FieldServices, supervisor: Actor, finalized: Any
) -> None:
    head = q.get_record(services.store.conn, finalized.encounter_id).history[-1].event_id
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.resolve_conflict(
            finalized.encounter_id, supervisor, winner_event_id=head, note="n"
        )
    assert caught.value.problems[0].code == "no_conflict"
    assert services.amendments.heads(finalized.encounter_id) == []
