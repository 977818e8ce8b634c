"""Sync benchmarks: pushing to HQ over loopback, fifty devices at once, bytes per event.

HQ is ``fieldapp-hq serve`` (uvicorn) in a subprocess on loopback, with every
check on (hashes, signatures, chain links); the device is a real profile and
pushes with :class:`sync.client.SyncClient` in its default batches. PostgreSQL
is a throwaway server started by the same helper as the tests
(``tests/support/postgres.py``), with fsync on.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from fieldapp.profile import Profile
from fieldapp.store.syncstate import SyncState
from sync.client import RetryPolicy, SyncClient
from sync.hq import schema
from sync.hq.log import event_row
from sync.hq.service import Headquarters
from sync.protocol import MAX_PUSH_EVENTS
from tests.support.devices import append_synthetic, new_profile
from tests.support.fleet import build_fleet, enroll_fleet, sync_fleet
from tests.support.hqserver import HqProcess
from tests.support.postgres import PostgresServer, start_postgres

Emit = Callable[..., None]

_postgres: PostgresServer | None = None


def _postgres_server() -> PostgresServer:
    """One durable throwaway PostgreSQL server per benchmark run."""
    global _postgres
    if _postgres is None:
        _postgres = start_postgres(durable=True)
    return _postgres


def stop_postgres() -> None:
    """Stop the run's PostgreSQL server, if one was started."""
    global _postgres
    if _postgres is not None:
        _postgres.stop()
        _postgres = None


@dataclass
class Measuring(httpx2.BaseTransport):
    """A transport that keeps each request's path, body size and round-trip time."""

    inner: httpx2.BaseTransport = field(default_factory=httpx2.HTTPTransport)
    requests: list[tuple[str, int, float]] = field(default_factory=list)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = request.read()
        started = time.perf_counter()
        response = self.inner.handle_request(request)
        response.read()
        self.requests.append((request.url.path, len(body), time.perf_counter() - started))
        return response

    def close(self) -> None:
        self.inner.close()

    def pushes(self) -> list[tuple[str, int, float]]:
        return [r for r in self.requests if r[0].endswith("/push")]


def _percentile(samples: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (as ``run.percentile``)."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _device_template(work: Path, events: int) -> Path:
    """A profile with ``events`` events (made once per run), not enrolled."""
    folder = work / f"push-device-{events}"
    if not folder.exists():
        with new_profile(folder) as profile:
            append_synthetic(profile, events)
    return folder


@dataclass(frozen=True)
class PushRun:
    events: int
    wall: float
    transport: Measuring
    wire_bytes: int


def _push(work: Path, db: str, events: int, label: str) -> PushRun:
    """Copy the template device, enroll it at a new HQ on ``db``, time one full push."""
    folder = work / f"push-{label}"
    shutil.copytree(_device_template(work, events), folder)
    hq = Headquarters.open(db)
    try:
        with HqProcess(db, log_dir=work) as server, Profile.open(folder) as profile:
            measuring = Measuring()
            with SyncClient(
                profile,
                transport=measuring,
                timeout=120,
                retry=RetryPolicy(attempts=1),
            ) as client:
                client.enroll(server.base_url, hq.make_enroll_code(label).code)
                wire = sum(
                    len(e.wire)
                    for e in SyncState(profile.store).pending_events(events + 1, 1 << 40)
                )
                started = time.perf_counter()
                report = client.push_all()
                wall = time.perf_counter() - started
            assert report.acked == events and report.accepted == events, report
    finally:
        hq.close()
    return PushRun(events=events, wall=wall, transport=measuring, wire_bytes=wire)


def _bare_insert(work: Path, db: str, events: int) -> float:
    """Events/s of inserting the same rows into HQ's events table, unchecked, in batches of the
    push's size, one transaction each (SQLAlchemy executemany)."""
    with Profile.open(_device_template(work, events)) as profile:
        own = profile.store.device.device_id
        stamp = dt.datetime.now(dt.UTC).isoformat()
        rows = [event_row(e, stamp) for e in profile.store.events() if e.origin == own]
    hq = Headquarters.open(db)
    try:
        started = time.perf_counter()
        for at in range(0, len(rows), MAX_PUSH_EVENTS):
            with hq.storage.write() as conn:
                conn.execute(schema.events.insert(), rows[at : at + MAX_PUSH_EVENTS])
        wall = time.perf_counter() - started
    finally:
        hq.close()
    return len(rows) / wall


def _push_figure(emit: Emit, name: str, run: PushRun, baseline: float) -> None:
    waited = sum(r[2] for r in run.transport.pushes())
    emit(
        name,
        run.events / run.wall,
        "events/s",
        run.events,
        baseline,
        wall_s=round(run.wall, 2),
        hq_round_trips_s=round(waited, 2),
        device_side_s=round(run.wall - waited, 2),
        batches=len(run.transport.pushes()),
    )


def bench_push_sqlite(emit: Emit, work: Path, quick: bool) -> None:
    """Push of 10,000 events of one device to HQ on SQLite (baseline: bare bulk insert)."""
    events = 2000 if quick else 10_000
    run = _push(work, str(work / "hq-push.db"), events, "sqlite")
    baseline = _bare_insert(work, str(work / "hq-bare.db"), events)
    _push_figure(emit, "push_sqlite_events_per_s", run, baseline)


def bench_push_postgres(emit: Emit, work: Path, quick: bool) -> None:
    """Push of 10,000 events of one device to HQ on PostgreSQL (baseline: bare bulk insert)."""
    events = 2000 if quick else 10_000
    server = _postgres_server()
    run = _push(work, server.fresh_database("push"), events, "postgres")
    baseline = _bare_insert(work, server.fresh_database("bare"), events)
    _push_figure(emit, "push_postgres_events_per_s", run, baseline)


def bench_bytes_per_event(emit: Emit, work: Path, quick: bool) -> None:
    """Bytes on the wire per event: gzip push bodies (baseline: the same JSON uncompressed)."""
    events = 2000 if quick else 10_000
    run = _push(work, str(work / "hq-bytes.db"), events, "bytes")
    sent = sum(r[1] for r in run.transport.pushes())
    emit(
        "bytes_per_event_gzip",
        sent / run.events,
        "bytes",
        run.events,
        run.wire_bytes / run.events,
        batches=len(run.transport.pushes()),
    )


def bench_concurrent(emit: Emit, work: Path, quick: bool) -> None:
    """Fifty devices of 200 events push at once to two HQ processes on one PostgreSQL."""
    devices, events = (10, 200) if quick else (50, 200)
    folders = build_fleet(Path(tempfile.mkdtemp(dir=work, prefix="fleet-")), devices, events)
    db = _postgres_server().fresh_database("fleet")
    hq = Headquarters.open(db)
    servers = [HqProcess(db, log_dir=work) for _ in range(2)]
    try:
        for server in servers:
            server.start()
        enroll_fleet(folders, hq, [s.base_url for s in servers])
        run = sync_fleet(folders)
    finally:
        for server in servers:
            server.stop()
        hq.close()
    assert all(r.ok and r.accepted == events for r in run.reports), [
        r.sentence() for r in run.reports if not r.ok
    ]
    extra: dict[str, Any] = {
        "p99_device_s": round(_percentile(run.seconds, 99), 2),
        "p50_device_s": round(statistics.median(run.seconds), 2),
        "events_per_s": round(devices * events / run.wall),
        "hq_processes": 2,
    }
    emit(f"concurrent_{devices}x{events}_postgres", run.wall, "s", devices, **extra)
