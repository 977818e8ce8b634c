"""The access log: whole-record reads and exports are signed events; nothing else changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from fieldapp.errors import KnownError, NotFound
from fieldapp.events import Kind, now
from fieldapp.export import export_logged
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q
from fieldapp.services.access import EXPORT_SUBJECT, VIEW_WINDOW, AccessLog
from fieldapp.store.projections import order_events
from fieldapp.store.store import Store


def _access_events(store: Store) -> list[Any]:
    return [e for e in store.events() if e.kind == Kind.ACCESSED]


def _record_row(store: Store, record_id: str) -> tuple[Any, ...]:
    row = store.conn.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()
    return tuple(row)


def test_viewing_a_record_logs_one_signed_event_within_the_window(
    services: FieldServices, finalized: Any, actor: Actor
) -> None:
    record = finalized.encounter_id
    for _ in range(3):
        view = services.access.open_record(record, actor)
        assert view.id == record
    [event] = _access_events(services.store)
    assert event.record_type == q.ACCESS_LOG_TYPE
    assert event.record_id == q.access_log_id(record, services.store.device.device_id)
    assert event.author == actor.officer_id
    assert event.payload["action"] == "viewed" and event.payload["record_id"] == record
    assert event.payload["role"] == "officer"
    assert event.payload["head_hash"] == q.get_record(services.store.conn, record).history[-1].hash
    assert event.signature and services.store.verify().ok


def test_a_view_after_the_window_and_another_officers_view_are_logged(
    services: FieldServices, finalized: Any, actor: Actor, supervisor: Actor
) -> None:
    record = finalized.encounter_id
    services.access.open_record(record, actor)
    later = AccessLog(services.store, clock=lambda: now() + VIEW_WINDOW + dt.timedelta(seconds=1))
    first_line = _access_events(services.store)[0].hash
    assert later.record_viewed(record, actor) is not None
    assert services.access.record_viewed(record, supervisor) is not None
    assert services.access.record_viewed(record, supervisor) is None
    events = _access_events(services.store)
    assert [e.author for e in events] == [actor.officer_id, actor.officer_id, supervisor.officer_id]
    # One line per device and record: each names the one before, so it never forks.
    assert events[1].base == first_line and events[2].base == events[1].hash
    _, heads = order_events(events)
    assert len(heads) == 1
    entries = q.record_access(services.store.conn, record)
    assert [e.officer_id for e in entries] == [supervisor.officer_id, *[actor.officer_id] * 2]
    assert {e.action for e in entries} == {"viewed"}


def test_access_events_leave_records_lists_search_and_review_untouched(
    services: FieldServices, finalized: Any, actor: Actor, auditor: Actor, samples: Any
) -> None:
    store = services.store
    records = (finalized.encounter_id, finalized.seizure_id)
    rows = {r: _record_row(store, r) for r in records}
    counts = q.count_records(store.conn, q.RecordFilter(record_types=None))
    for who in (actor, auditor):
        for record in records:
            services.access.open_record(record, who)
    assert len(_access_events(store)) == 4
    assert {r: _record_row(store, r) for r in records} == rows  # not needs_review, not pending
    assert q.count_records(store.conn, q.RecordFilter(record_types=None)) == counts
    assert q.needs_review(store.conn) == []
    assert {r.id for r in q.search(store.conn, samples.PLATE)} == {finalized.encounter_id}
    assert {r.id for r in q.search(store.conn, "viewed")} == set()
    for record in records:
        view = q.get_record(store.conn, record)
        assert not view.needs_review and len(view.history) == 1
    # The log rebuilds to the same projections; the access lines make no record.
    store.rebuild()
    assert {r: _record_row(store, r) for r in records} == rows
    assert q.count_records(store.conn, q.RecordFilter(record_types=None)) == counts


def test_access_lines_from_two_devices_never_conflict(
    services: FieldServices, other_store: Store, finalized: Any, actor: Actor, samples: Any
) -> None:
    record = finalized.encounter_id
    samples.share_events(services.store, other_store)
    services.access.open_record(record, actor)
    FieldServices(other_store).access.open_record(record, Actor("off-0005", Role.AUDITOR))
    samples.share_events(other_store, services.store)
    samples.share_events(services.store, other_store)
    for store in (services.store, other_store):
        entries = q.record_access(store.conn, record)
        assert sorted(e.officer_id for e in entries) == ["off-0001", "off-0005"]
        assert len({e.origin for e in entries}) == 2
        assert not q.get_record(store.conn, record).needs_review
        assert store.verify().ok


def test_nothing_is_logged_for_a_record_that_is_not_there(
    services: FieldServices, actor: Actor
) -> None:
    with pytest.raises(NotFound):
        services.access.open_record("no-such-record", actor)
    assert services.access.record_viewed("no-such-record", actor) is None
    assert _access_events(services.store) == []


def test_an_auditors_export_is_logged_before_it_is_written(
    services: FieldServices, finalized: Any, auditor: Actor, tmp_path: Path
) -> None:
    target = tmp_path / "events.csv"
    written = export_logged(services.store, auditor, "events", "csv", target)
    [event] = _access_events(services.store)
    assert event.author == auditor.officer_id
    assert event.record_id == q.access_log_id(EXPORT_SUBJECT, services.store.device.device_id)
    assert event.payload == {
        "action": "exported",
        "role": "auditor",
        "what": "events",
        "format": "csv",
        "rows": written - 1,  # counted before the export's own event was logged
        "destination": "events.csv",
    }
    assert [e.officer_id for e in q.record_access(services.store.conn, EXPORT_SUBJECT)] == [
        auditor.officer_id
    ]
    export_logged(services.store, auditor, "records", "jsonl", None)
    assert len(_access_events(services.store)) == 2


def test_a_refused_export_choice_logs_nothing(
    services: FieldServices, auditor: Actor, tmp_path: Path
) -> None:
    with pytest.raises(KnownError, match="choose jsonl or csv"):
        export_logged(services.store, auditor, "records", "xml", tmp_path / "x.xml")
    assert _access_events(services.store) == []
