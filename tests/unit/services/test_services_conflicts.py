"""Concurrent changes from two devices: both kept, one winner everywhere, a supervisor settles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldapp.crypto import SigningKey
from fieldapp.errors import PermissionDenied, RecordInvalid
from fieldapp.events import Event, Kind
from fieldapp.ids import uuid7
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q
from fieldapp.store.store import Store


def _state(store: Store, record_id: str) -> tuple[Any, ...]:
    view = q.get_record(store.conn, record_id)
    heads = FieldServices(store).amendments.heads(record_id)
    return (view.current, view.winner_event_id, view.needs_review, sorted(heads))


@pytest.fixture
def conflict(
    services: FieldServices, actor: Actor, other_store: Store, finalized: Any, samples: Any
) -> dict[str, Any]:
    """This device and a second one amend the same encounter from the same base."""
    store = services.store
    record = finalized.encounter_id
    samples.share_events(store, other_store)
    base = q.get_record(store.conn, record).history[-1].hash
    theirs = FieldServices(other_store).amendments.add_addendum(
        record,
        Actor("off-0002", Role.SUPERVISOR),
        reason="Colour seen in daylight",
        corrections=[{"path": "vehicle.colour", "value": "rojo"}],
    )
    mine = services.amendments.add_addendum(
        record, actor, reason="Colour", corrections=[{"path": "vehicle.colour", "value": "azul"}]
    )
    assert theirs.base == mine.base == base
    return {"record": record, "mine": mine, "theirs": theirs}


def test_both_changes_kept_and_record_needs_review(
    services: FieldServices, other_store: Store, conflict: dict[str, Any], samples: Any
) -> None:
    store, record = services.store, conflict["record"]
    assert not q.get_record(store.conn, record).needs_review
    samples.share_events(other_store, store)
    samples.share_events(store, other_store)
    for holder in (store, other_store):
        view = q.get_record(holder.conn, record)
        assert view.needs_review
        assert {a.event_id for a in view.addenda} == {conflict["mine"].id, conflict["theirs"].id}
        assert view.winner_event_id in {conflict["mine"].id, conflict["theirs"].id}
        assert view.original["vehicle"]["colour"] == "gris"
        expected = "azul" if view.winner_event_id == conflict["mine"].id else "rojo"
        assert view.current["vehicle"]["colour"] == expected
        assert record in {r.id for r in q.needs_review(holder.conn)}
        assert sorted(FieldServices(holder).amendments.heads(record)) == sorted(
            [conflict["mine"].id, conflict["theirs"].id]
        )
    # Both machines show the same winner and the same current record.
    assert _state(store, record) == _state(other_store, record)
    assert store.verify().ok and other_store.verify().ok


def test_same_winner_whatever_the_arrival_order(
    services: FieldServices,
    other_store: Store,
    conflict: dict[str, Any],
    samples: Any,
    tmp_path: Path,
) -> None:
    store, record = services.store, conflict["record"]
    mine_all = list(store.events())
    theirs = [e for e in other_store.events() if e.origin == other_store.device.device_id]
    finals = [e for e in mine_all if e.kind == Kind.FINALIZED]
    local_addendum = [e for e in mine_all if e.kind == Kind.ADDENDUM]
    orders = {
        "mine_first": finals + local_addendum + theirs,
        "theirs_first": finals + theirs + local_addendum,
    }
    states = {}
    for name, events in orders.items():
        with samples.open_store(tmp_path / name) as hq:
            hq.register_origin(store.device.device_id, store.device.public_hex)
            hq.register_origin(other_store.device.device_id, other_store.device.public_hex)
            assert hq.ingest(events) == len(events)
            states[name] = _state(hq, record)
            assert hq.verify().ok
    assert states["mine_first"] == states["theirs_first"]
    assert states["mine_first"][2] is True


def _foreign_addendum(
    key: SigningKey, origin: str, record: str, base: str, colour: str, at: str
) -> Event:
    return Event(
        id=uuid7(),
        origin=origin,
        seq=1,
        prev_hash=None,
        record_id=record,
        record_type="encounter",
        kind=Kind.ADDENDUM,
        base=base,
        author="off-0003",
        recorded_at=at,
        payload={
            "reason": "Colour",
            "text": "",
            "corrections": [{"path": "vehicle.colour", "value": colour}],
            "written_at": at,
        },
    ).sealed(key)


def test_same_recorded_time_is_broken_by_origin_the_same_everywhere(
    services: FieldServices, finalized: Any, samples: Any, tmp_path: Path
) -> None:
    store, record = services.store, finalized.encounter_id
    base = q.get_record(store.conn, record).history[-1].hash
    at = "2024-05-01T12:00:00-07:00"
    keys = {"device-b": SigningKey.generate(), "device-a": SigningKey.generate()}
    events = [
        _foreign_addendum(keys["device-b"], "device-b", record, base, "verde", at),
        _foreign_addendum(keys["device-a"], "device-a", record, base, "blanco", at),
    ]
    states = []
    for n, order in enumerate((events, list(reversed(events)))):
        with samples.open_store(tmp_path / f"s{n}") as other:
            samples.share_events(store, other)
            for origin, key in keys.items():
                other.register_origin(origin, key.public_hex())
            assert other.ingest(order) == 2
            states.append(_state(other, record))
    assert states[0] == states[1]
    current, winner, needs_review, _ = states[0]
    assert needs_review
    # Same instant: the tie is broken by origin, so device-b's change is applied last.
    assert winner == events[0].id
    assert current["vehicle"]["colour"] == "verde"


def test_supervisor_resolves_and_review_clears(
    services: FieldServices,
    other_store: Store,
    conflict: dict[str, Any],
    samples: Any,
    supervisor: Actor,
    actor: Actor,
) -> None:
    store, record = services.store, conflict["record"]
    samples.share_events(other_store, store)
    view = q.get_record(store.conn, record)
    loser = next(e for e in (conflict["mine"], conflict["theirs"]) if e.id != view.winner_event_id)
    loser_colour = loser.payload["corrections"][0]["value"]
    before = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]

    with pytest.raises(PermissionDenied):
        services.amendments.resolve_conflict(record, actor, winner_event_id=loser.id, note="Mine.")
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.resolve_conflict(
            record, supervisor, winner_event_id="not-a-head", note="x"
        )
    assert caught.value.problems[0].path == ("winner_event_id",)
    with pytest.raises(RecordInvalid) as caught:
        services.amendments.resolve_conflict(record, supervisor, winner_event_id=loser.id, note=" ")
    assert caught.value.problems[0].path == ("note",)
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == before
    assert q.get_record(store.conn, record).needs_review

    resolution = services.amendments.resolve_conflict(
        record, supervisor, winner_event_id=loser.id, note="Checked the photos: it is this one."
    )
    assert resolution.kind == Kind.CONFLICT_RESOLVED
    assert resolution.author == supervisor.officer_id
    view = q.get_record(store.conn, record)
    assert not view.needs_review
    assert view.winner_event_id is None
    assert view.current["vehicle"]["colour"] == loser_colour
    assert services.amendments.heads(record) == []
    assert record not in {r.id for r in q.needs_review(store.conn)}
    # Both addenda stay in the history.
    assert {conflict["mine"].id, conflict["theirs"].id} <= {h.event_id for h in view.history}

    # The other device learns the resolution and agrees.
    samples.share_events(store, other_store)
    assert _state(other_store, record) == _state(store, record)
    assert store.verify().ok and other_store.verify().ok


def test_auditor_may_not_resolve(
    services: FieldServices,
    other_store: Store,
    conflict: dict[str, Any],
    samples: Any,
    auditor: Actor,
) -> None:
    samples.share_events(other_store, services.store)
    with pytest.raises(PermissionDenied):
        services.amendments.resolve_conflict(
            conflict["record"], auditor, winner_event_id=conflict["mine"].id, note="n"
        )


def test_later_addendum_after_resolution_has_no_conflict(
    services: FieldServices,
    other_store: Store,
    conflict: dict[str, Any],
    samples: Any,
    supervisor: Actor,
    actor: Actor,
) -> None:
    store, record = services.store, conflict["record"]
    samples.share_events(other_store, store)
    services.amendments.resolve_conflict(
        record, supervisor, winner_event_id=conflict["mine"].id, note="Ours."
    )
    later = services.amendments.add_addendum(record, actor, reason="More", text="Más datos.")
    view = q.get_record(store.conn, record)
    assert not view.needs_review
    assert view.current["vehicle"]["colour"] == "azul"
    assert view.history[-1].event_id == later.id
