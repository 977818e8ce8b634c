"""Conflicts at HQ: records whose events have several heads, listed and settled by HQ.

HQ finds heads by the devices' own rule (:func:`fieldapp.store.projections.
order_events`), and its resolution is the event a device's supervisor would
write, so a device that ingests it shows the change HQ chose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fieldapp.crypto import VerifyingKey
from fieldapp.events import Event, Kind
from fieldapp.services import Actor, FieldServices, Role
from fieldapp.services import queries as q
from fieldapp.store.projections import compute_state
from fieldapp.store.store import Store
from sync.hq import log
from sync.hq.cli import main
from sync.hq.service import Headquarters
from sync.protocol import HQ_ORIGIN, AnnotationKind, HqKind

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(hq_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``fieldapp-hq --db HQ_URL ARGS...``: (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _push_all(client: TestClient, device: Any) -> None:
    events = [e.to_dict() for e in device.own_events()]
    answer = client.post("/api/v1/push", json={"events": events}, headers=device.auth)
    assert answer.status_code == 200 and not answer.json()["quarantined"], answer.text


def _hq_events(hq: Headquarters) -> list[Event]:
    return [w.to_event() for w in hq.pull(0, 1000).events]


def _colour(corrected: str) -> list[dict[str, Any]]:
    return [{"path": "vehicle.colour", "value": corrected}]


def _tiebreak(event: Event) -> tuple[dt.datetime, str, int]:
    return (event.recorded_at_utc(), event.origin, event.seq)


def test_an_hq_note_and_a_device_addendum_on_one_base_are_listed_then_resolved(
    client: TestClient,
    hq: Headquarters,
    device: Any,
    services: FieldServices,
    actor: Actor,
    finalized: Any,
    run: Run,
) -> None:
    record = finalized.encounter_id
    _push_all(client, device)
    assert hq.conflicts() == []
    assert run("conflicts")[1].startswith("No record has conflicting changes.")
    note = hq.annotate(record, AnnotationKind.CASE_NUMBER, "SD-2025-000123")
    addendum = services.amendments.add_addendum(
        record, actor, reason="Colour", corrections=_colour("azul")
    )
    assert addendum.base == note.base is not None
    _push_all(client, device)

    [conflict] = hq.conflicts()
    expected = max([note, addendum], key=_tiebreak)
    assert (conflict.record_id, conflict.record_type) == (record, "encounter")
    assert sorted(e.id for e in conflict.heads) == sorted([note.id, addendum.id])
    assert conflict.winner.id == expected.id
    with hq.storage.read() as conn:
        assert compute_state(record, log.record_events(conn, record)).winner == expected.id
    status, out, _ = run("conflicts")
    assert status == 0 and record in out and note.id in out and addendum.id in out
    assert f"{expected.id}  " in out and "<- shown now" in out.split(expected.id)[1].split("\n")[0]

    head_before = hq.pull(0, 1).hq_head_seq
    status, _, err = run("resolve", record, "--winner", record)
    assert status == 1 and err.startswith("fieldapp-hq: ")
    assert "is not one of" in err and note.id in err and addendum.id in err
    status, _, err = run("resolve", finalized.seizure_id, "--winner", addendum.id)
    assert status == 1 and "has no conflicting changes" in err
    status, _, err = run("resolve", "no-such-record", "--winner", addendum.id)
    assert status == 1 and "holds no record no-such-record" in err
    assert hq.pull(0, 1).hq_head_seq == head_before

    status, out, _ = run(
        "resolve", record, "--winner", addendum.id, "--note", " Colour checked ", "--author", "sup"
    )
    assert status == 0 and "resolved in favour of" in out and addendum.id in out
    resolution = _hq_events(hq)[-1]
    assert (resolution.kind, resolution.origin, resolution.author) == (
        Kind.CONFLICT_RESOLVED,
        HQ_ORIGIN,
        "sup",
    )
    assert HqKind.CONFLICT_RESOLVED == Kind.CONFLICT_RESOLVED
    assert (resolution.record_id, resolution.record_type) == (record, "encounter")
    assert resolution.base == addendum.hash
    assert set(resolution.payload) == {"resolves", "winner_event_id", "note", "resolved_at"}
    assert resolution.payload["resolves"] == sorted([note.hash, addendum.hash])
    assert resolution.payload["winner_event_id"] == addendum.id
    assert resolution.payload["note"] == "Colour checked"
    assert dt.datetime.fromisoformat(resolution.payload["resolved_at"]).tzinfo is not None
    assert resolution.hash_ok() and resolution.signature_ok(VerifyingKey(hq.public_key()))

    assert hq.conflicts() == []
    assert run("conflicts")[1].startswith("No record has conflicting changes.")
    status, _, err = run("resolve", record, "--winner", addendum.id)
    assert status == 1 and "has no conflicting changes" in err

    # The device takes HQ's events with its own checks and is settled.
    store: Store = device.store
    store.register_origin(HQ_ORIGIN, hq.public_key(), "HQ")
    assert q.get_record(store.conn, record).needs_review is False  # it had not seen the note
    store.ingest(_hq_events(hq))
    view = q.get_record(store.conn, record)
    assert not view.needs_review and view.winner_event_id is None
    assert view.current["vehicle"]["colour"] == "azul"
    assert {e.kind for e in view.history} >= {Kind.ANNOTATED, Kind.ADDENDUM, Kind.CONFLICT_RESOLVED}
    assert store.verify().ok


def test_hq_may_choose_the_change_not_shown_and_a_device_then_shows_it(
    client: TestClient,
    hq: Headquarters,
    device: Any,
    services: FieldServices,
    actor: Actor,
    finalized: Any,
    other_store: Store,
    samples: Any,
    hq_helpers: Any,
) -> None:
    record = finalized.encounter_id
    samples.share_events(device.store, other_store)
    theirs = FieldServices(other_store).amendments.add_addendum(
        record,
        Actor("off-0002", Role.SUPERVISOR),
        reason="Colour seen in daylight",
        corrections=_colour("rojo"),
    )
    mine = services.amendments.add_addendum(
        record, actor, reason="Colour", corrections=_colour("azul")
    )
    other = hq_helpers.enroll(client, hq, other_store, "lane 5")
    _push_all(client, device)
    _push_all(client, other)

    [conflict] = hq.conflicts()
    assert {e.id for e in conflict.heads} == {mine.id, theirs.id}
    shown = conflict.winner
    passed_over = next(e for e in conflict.heads if e.id != shown.id)
    samples.share_events(device.store, other_store)  # the second device holds both changes
    before = q.get_record(other_store.conn, record)
    assert before.needs_review and before.winner_event_id == shown.id

    hq.resolve_conflict(record, passed_over.id, "The photos show it")
    other_store.register_origin(HQ_ORIGIN, hq.public_key(), "HQ")
    other_store.ingest(_hq_events(hq))
    after = q.get_record(other_store.conn, record)
    assert not after.needs_review
    wanted = "azul" if passed_over.id == mine.id else "rojo"
    assert after.current["vehicle"]["colour"] == wanted
    assert hq.conflicts() == []


def _event(record: str, n: int, base: str | None, **changes: Any) -> Event:
    fields: dict[str, Any] = {
        "id": f"{record}-{n}",
        "origin": f"origin-{record}",
        "seq": n,
        "prev_hash": None,
        "record_id": record,
        "record_type": "encounter",
        "kind": Kind.ADDENDUM if base else Kind.FINALIZED,
        "base": base,
        "author": "off-0001",
        "recorded_at": f"2025-03-01T12:00:0{n}+00:00",
        "payload": {},
        "hash": f"{record}-h{n}",
        "signature": "",
    }
    fields.update(changes)
    return Event(**fields)


def test_heads_are_found_by_the_devices_rule_whatever_the_shape(hq: Headquarters) -> None:
    resolution = {"resolves": ["resolved-h2", "resolved-h3"], "winner_event_id": "resolved-2"}
    made = [
        *(_event("line", n, f"line-h{n - 1}" if n > 1 else None) for n in (1, 2, 3)),
        *(_event("fork", n, "fork-h1" if n > 1 else None) for n in (1, 2, 3)),
        *(_event("resolved", n, "resolved-h1" if n > 1 else None) for n in (1, 2, 3)),
        _event("resolved", 4, "resolved-h2", kind=Kind.CONFLICT_RESOLVED, payload=resolution),
        *(_event("roots", n, None) for n in (1, 2)),
        _event("dangling", 1, None),
        _event("dangling", 2, "not-held-at-hq"),
        _event("selfish", 1, None),
        _event("selfish", 2, "selfish-h1"),
        _event("selfish", 3, "selfish-h3"),
        *(_event("reference", n, None, record_type="reference") for n in (1, 2)),
    ]
    with hq.storage.write() as conn:
        for event in made:
            log.insert_event(conn, event, "2025-03-01T12:00:00+00:00")
        candidates = log.fork_candidates(conn)
    assert {"line", "reference"}.isdisjoint(candidates)
    found = hq.conflicts()
    assert [c.record_id for c in found] == ["dangling", "fork", "roots", "selfish"]
    fork = found[1]
    assert [e.id for e in fork.heads] == ["fork-2", "fork-3"] and fork.winner.id == "fork-3"
