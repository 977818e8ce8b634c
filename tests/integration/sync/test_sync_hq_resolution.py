"""End to end: HQ's note and an offline addendum conflict on a device; HQ resolves; devices settle.

A device finalizes a record and syncs. HQ's administrator gives it a case
number while the device, offline, adds an addendum to the same record. The
next sync brings the note down: the record now has two heads and needs
review, both changes kept, one shown by the rule every machine applies. HQ
lists the conflict, resolves it, and the next sync settles the device.

HQ is the real web application in this process (see ``conftest.py``), on a
SQLite file and on a PostgreSQL database; the administrator's side is the
``fieldapp-hq`` command itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.events import Kind
from fieldapp.services import Actor, FieldServices
from fieldapp.services import queries as q
from fieldapp.store.store import Store
from sync.client import SyncClient
from sync.hq.cli import main
from sync.hq.service import Headquarters
from sync.protocol import HQ_ORIGIN

Admin = Callable[..., tuple[int, str, str]]


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """HQ's database: a SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "hq" / "hq.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def hq(hq_url: str, clock: Any) -> Iterator[Headquarters]:
    """HQ over ``hq_url`` (this module's parameters replace conftest's SQLite-only HQ)."""
    opened = Headquarters.open(hq_url, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def admin(hq_url: str, capsys: pytest.CaptureFixture[str]) -> Admin:
    """Run ``fieldapp-hq --db HQ_URL ARGS...`` as HQ's administrator: (status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        status = main(["--db", hq_url, *args])
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def _synced(client: SyncClient) -> Any:
    report = client.sync()
    assert report.error is None, report.error
    assert report.waiting == 0 and not report.quarantined
    return report


def _needs_review_column(store: Store, record_id: str) -> bool:
    row = store.conn.execute("SELECT needs_review FROM records WHERE id = ?", (record_id,))
    return bool(row.fetchone()[0])


def test_hq_note_and_offline_addendum_conflict_then_hq_resolves_it_for_the_device(
    enrolled: SyncClient,
    hq: Headquarters,
    services: FieldServices,
    actor: Actor,
    make_finalized: Callable[..., Any],
    admin: Admin,
) -> None:
    store = services.store
    record = make_finalized().encounter_id
    _synced(enrolled)
    assert q.get_record(store.conn, record).current["vehicle"]["colour"] == "gris"

    # HQ gives the record a case number...
    status, out, _ = admin("annotate", record, "--kind", "case_number", "--text", "SD-2025-9")
    assert status == 0, out
    # ...while the device, offline, corrects it from the same base.
    addendum = services.amendments.add_addendum(
        record,
        actor,
        reason="Colour seen in daylight",
        corrections=[{"path": "vehicle.colour", "value": "azul"}],
    )
    assert not _needs_review_column(store, record)

    report = _synced(enrolled)
    assert report.accepted == 1 and report.pulled == 1
    view = q.get_record(store.conn, record)
    assert view.needs_review and _needs_review_column(store, record)
    assert record in {r.id for r in q.needs_review(store.conn)}
    [note] = [h for h in view.history if h.kind == Kind.ANNOTATED]
    assert note.origin == HQ_ORIGIN
    assert [a.event_id for a in view.addenda] == [addendum.id]
    assert services.amendments.heads(record) == sorted([note.event_id, addendum.id])
    # The winner is the last concurrent change in (recorded time, origin, seq) order.
    candidates = [(note.recorded_at, note.origin, note.seq, note.event_id)]
    candidates.append((addendum.recorded_at, addendum.origin, addendum.seq, addendum.id))
    expected = max(candidates, key=lambda c: (dt.datetime.fromisoformat(c[0]), c[1], c[2]))[3]
    assert view.winner_event_id == expected
    assert view.current["vehicle"]["colour"] == "azul"  # both changes kept
    assert view.original["vehicle"]["colour"] == "gris"

    # HQ sees the same conflict, and the same change shown, by the same rule.
    [conflict] = hq.conflicts()
    assert conflict.record_id == record and conflict.winner.id == view.winner_event_id
    status, out, _ = admin("conflicts")
    assert status == 0 and record in out and note.event_id in out and addendum.id in out

    status, out, err = admin(
        "resolve", record, "--winner", addendum.id, "--note", "Colour confirmed by the photos"
    )
    assert status == 0, err
    assert hq.conflicts() == []

    report = _synced(enrolled)
    assert report.pulled == 1
    view = q.get_record(store.conn, record)
    assert not view.needs_review and not _needs_review_column(store, record)
    assert view.winner_event_id is None and services.amendments.heads(record) == []
    assert record not in {r.id for r in q.needs_review(store.conn)}
    assert view.current["vehicle"]["colour"] == "azul"
    [resolution] = [h for h in view.history if h.kind == Kind.CONFLICT_RESOLVED]
    assert resolution.origin == HQ_ORIGIN
    assert [h.kind for h in view.history][-1] == Kind.CONFLICT_RESOLVED
    assert store.verify().ok
    assert admin("conflicts")[1].startswith("No record has conflicting changes.")
