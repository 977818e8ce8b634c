"""Custody transfers build each item's chain; property returns only for a person's own property."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import KnownError, NotFound, PermissionDenied, RecordInvalid
from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q


def _event_count(services: FieldServices) -> int:
    return int(services.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_transfers_make_the_chain_of_each_item(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    seizure = finalized.seizure_id
    first = services.custody.transfer(samples.transfer(seizure, ["E1", "E2"]), actor)
    second = services.custody.transfer(
        samples.transfer(
            seizure,
            ["E1"],
            sequence=2,
            transferred_at="2024-05-02T09:00:00-07:00",
            purpose="laboratory_analysis",
            released_by={
                "name": "Luis Ñáñez",
                "agency": "fgr",
                "id_number": {"empty": "no_information"},
                "country": "MX",
            },
            received_by={"name": "Lab clerk", "agency": "fgr", "id_number": "L-9", "country": "MX"},
        ),
        actor,
    )
    assert first.kind == second.kind == Kind.CUSTODY_TRANSFERRED
    assert first.record_type == "custody_transfer"
    chain_e1 = services.custody.chain(seizure, "E1")
    assert [c["id"] for c in chain_e1] == [first.record_id, second.record_id]
    assert [c["sequence"] for c in chain_e1] == [1, 2]
    assert [c["id"] for c in services.custody.chain(seizure, "E2")] == [first.record_id]
    assert services.custody.chain(seizure, "E9") == []
    # The transfers are records of their own, children of the seizure.
    view = q.get_record(services.store.conn, seizure)
    assert {c.id for c in view.children} == {first.record_id, second.record_id}
    assert services.store.verify().ok


def test_transfer_of_an_exhibit_not_in_the_seizure(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    before = _event_count(services)
    with pytest.raises(RecordInvalid) as caught:
        services.custody.transfer(samples.transfer(finalized.seizure_id, ["E1", "E7"]), actor)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        (("exhibit_numbers", 1), "unknown_exhibit")
    ]
    assert _event_count(services) == before


def test_transfer_of_an_unknown_seizure(
    services: FieldServices, actor: Actor, samples: Any
) -> None:
    with pytest.raises(NotFound):
        services.custody.transfer(samples.transfer("no-such-seizure", ["E1"]), actor)


def test_invalid_transfer_refused_at_the_field(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    same = {
        "officer_id": "off-0001",
        "name": "Ana",
        "agency": "cbp",
        "id_number": "1",
        "country": "US",
    }
    before = _event_count(services)
    with pytest.raises(RecordInvalid) as caught:
        services.custody.transfer(
            samples.transfer(
                finalized.seizure_id, ["E1"], released_by=same, received_by=same, seal_intact=False
            ),
            actor,
        )
    found = {(p.path, p.code) for p in caught.value.problems}
    assert (("received_by", "officer_id"), "released_to_self") in found
    assert (("seal_broken_reason",), "seal_broken_reason_required") in found
    assert _event_count(services) == before


def test_auditor_may_not_record_custody(
    services: FieldServices, auditor: Actor, finalized: Any, samples: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.custody.transfer(samples.transfer(finalized.seizure_id, ["E1"]), auditor)
    with pytest.raises(PermissionDenied):
        services.custody.return_property(
            samples.property_return(finalized.seizure_id, ["E1"]), auditor
        )


def test_property_return_needs_detained_person_property(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any, make_finalized: Any
) -> None:
    before = _event_count(services)
    with pytest.raises(RecordInvalid) as caught:
        services.custody.return_property(
            samples.property_return(finalized.seizure_id, ["E2"]), actor
        )
    assert [(p.path, p.code) for p in caught.value.problems] == [
        (("seizure_id",), "not_personal_property")
    ]
    assert _event_count(services) == before

    own = make_finalized(seizure=samples.seizure(detained_person_property=True))
    event = services.custody.return_property(samples.property_return(own.seizure_id, ["E2"]), actor)
    assert event.kind == Kind.PROPERTY_RETURNED and event.record_type == "property_return"
    chain = services.custody.chain(own.seizure_id, "E2")
    assert [c["id"] for c in chain] == [event.record_id]
    assert chain[0]["outcome"] == "returned_to_person"


def test_property_return_rules_apply(
    services: FieldServices, actor: Actor, samples: Any, make_finalized: Any
) -> None:
    own = make_finalized(seizure=samples.seizure(detained_person_property=True))
    with pytest.raises(RecordInvalid) as caught:
        services.custody.return_property(
            samples.property_return(own.seizure_id, ["E1"], signature_hash=None), actor
        )
    assert "signature_required" in {p.code for p in caught.value.problems}


def test_repeated_transfer_with_the_same_id_is_not_logged_twice(
    services: FieldServices, actor: Actor, finalized: Any, samples: Any
) -> None:
    # A double tap or a retry sends the same transfer (same id) again. It must not
    # become a second "custody_transferred" event of that record, which would make
    # two concurrent heads and put the transfer into supervisor review.
    data = samples.transfer(finalized.seizure_id, ["E1"], id="transfer-0001")
    first = services.custody.transfer(data, actor)
    try:
        again = services.custody.transfer(dict(data), actor)
    except KnownError:
        again = None
    if again is not None:
        assert again.id == first.id
    events = [e for e in services.store.events() if e.record_id == "transfer-0001"]
    assert [e.id for e in events] == [first.id]
    view = q.get_record(services.store.conn, "transfer-0001")
    assert not view.needs_review
    assert len(services.custody.chain(finalized.seizure_id, "E1")) == 1
