"""Fixtures for sync tests: a real HQ in this process, a device profile, a client between them.

HQ is the real web application over a temporary SQLite file, reached through
:class:`AppTransport` (httpx2's ASGI transport driven from a synchronous
client), so every request crosses HQ's whole HTTP stack. :class:`Faulty`
wraps a transport to fail on purpose: no connection, 503, or the answer lost
after HQ committed. Sleeps are recorded, never slept.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx2
import pytest
from sqlalchemy import select

from fieldapp.crypto import VerifyingKey
from fieldapp.events import Event
from fieldapp.store.store import Store
from sync.client import SyncClient
from sync.hq import schema
from sync.hq.app import create_app
from sync.hq.service import Headquarters

HQ_URL = "http://hq.test"


class FakeClock:
    """HQ's and the device's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class AppTransport(httpx2.BaseTransport):
    """HQ's ASGI application in this process, for a synchronous httpx2 client."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx2.ASGITransport(app=app)
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()

        async def call() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            answer = await self._asgi.handle_async_request(request)
            body = await answer.aread()
            return answer.status_code, answer.headers.raw, body

        status, headers, body = self._portal.call(call)
        return httpx2.Response(status, headers=headers, content=body, request=request)

    def close(self) -> None:
        self._stack.close()


Rule = Callable[[httpx2.Request, int], str | None]
"""Given a request and its number (1, 2, ...), the fault to inject or None."""


class Faulty(httpx2.BaseTransport):
    """A transport that breaks on purpose before or after the real one.

    Faults: ``"connect"`` (ConnectError, HQ never sees the request), ``"timeout"``
    (ReadTimeout, likewise), ``"503"`` (HQ busy, ``Retry-After: 7``), ``"413"``
    (too large), ``"drop"`` (HQ handles the request and commits, then the
    answer is lost: ReadError).
    """

    def __init__(self, inner: httpx2.BaseTransport, rule: Rule) -> None:
        self.inner = inner
        self.rule = rule
        self.calls: list[tuple[str, str, str | None]] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        fault = self.rule(request, len(self.calls) + 1)
        self.calls.append((request.method, request.url.path, fault))
        if fault == "connect":
            raise httpx2.ConnectError("connection refused", request=request)
        if fault == "timeout":
            raise httpx2.ReadTimeout("timed out", request=request)
        if fault == "503":
            body = {"detail": "HQ is busy; try again.", "code": "unavailable", "errors": []}
            return httpx2.Response(503, json=body, headers={"Retry-After": "7"}, request=request)
        if fault == "413":
            body = {"detail": "Too many events.", "code": "too_many_events", "errors": []}
            return httpx2.Response(413, json=body, request=request)
        answer = self.inner.handle_request(request)
        if fault == "drop":
            raise httpx2.ReadError("connection reset by peer", request=request)
        return answer


def pushed_events(request: httpx2.Request) -> list[dict[str, Any]]:
    """The events in a push request's (gzipped) body."""
    body = request.content
    if request.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    events: list[dict[str, Any]] = json.loads(body)["events"]
    return events


def is_push(request: httpx2.Request) -> bool:
    """True for a push request."""
    return request.method == "POST" and request.url.path.endswith("/push")


def own_events(store: Store) -> list[Event]:
    """The device's own events, in seq order."""
    own = store.device.device_id
    return sorted((e for e in store.events() if e.origin == own), key=lambda e: e.seq)


def hq_events(hq: Headquarters, origin: str) -> list[Event]:
    """Every event HQ holds of an origin, in seq order."""
    ev = schema.events
    with hq.storage.read() as conn:
        rows = conn.execute(select(ev).where(ev.c.origin == origin).order_by(ev.c.seq)).mappings()
        return [Event.from_row(r) for r in rows]


def assert_chain(events: list[Event], public_key: str) -> None:
    """Events 1..n of one origin, linked, each matching its hash and signed by the key."""
    key = VerifyingKey(public_key)
    previous = None
    for number, event in enumerate(events, start=1):
        assert event.seq == number, f"#{number} missing"
        assert event.prev_hash == previous, f"#{number} does not link"
        assert event.hash_ok() and event.signature_ok(key), f"#{number} is not intact"
        previous = event.hash


def synced_seqs(store: Store) -> list[int]:
    """Seqs of the device's own events marked as held by HQ."""
    rows = store.conn.execute(
        "SELECT seq FROM events WHERE origin = ? AND synced_at IS NOT NULL ORDER BY seq",
        (store.device.device_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def hq_acked(hq: Headquarters, device_id: str) -> tuple[int, str | None]:
    """HQ's ``(acked_seq, acked_hash)`` for a device."""
    devs = schema.devices
    with hq.storage.read() as conn:
        row = conn.execute(
            select(devs.c.acked_seq, devs.c.acked_hash).where(devs.c.device_id == device_id)
        ).one()
    return int(row[0]), row[1]


@pytest.fixture
def clock() -> FakeClock:
    """The clock HQ and the client share."""
    return FakeClock()


@pytest.fixture
def hq(tmp_path: Path, clock: FakeClock) -> Iterator[Headquarters]:
    """HQ on a temporary SQLite file."""
    opened = Headquarters.open(str(tmp_path / "hq" / "hq.db"), clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def transport(hq: Headquarters) -> Iterator[AppTransport]:
    """HQ's web application, reached in this process."""
    made = AppTransport(create_app(hq))
    yield made
    made.close()


@pytest.fixture
def sleeps() -> list[float]:
    """Every wait the clients asked for, in order (nobody actually waits)."""
    return []


@pytest.fixture
def make_client(
    tmp_store: Store, transport: AppTransport, clock: FakeClock, sleeps: list[float]
) -> Iterator[Callable[..., SyncClient]]:
    """``make_client(transport=..., store=..., **options)``: a client that never sleeps."""
    made: list[SyncClient] = []

    def make(**options: Any) -> SyncClient:
        store = options.pop("store", tmp_store)
        options.setdefault("transport", transport)
        client = SyncClient(
            store, clock=clock, sleep=sleeps.append, rng=random.Random(5), **options
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def enrolled(make_client: Callable[..., SyncClient], hq: Headquarters) -> SyncClient:
    """The ``tmp_store`` device enrolled at HQ as "lane 4", with a client over the real app."""
    client = make_client()
    client.enroll(HQ_URL, hq.make_enroll_code("lane 4").code)
    return client


@pytest.fixture
def sync_helpers() -> type[SyncHelpers]:
    """Helpers for sync tests (see :class:`SyncHelpers`)."""
    return SyncHelpers


class SyncHelpers:
    """Helper functions handed to tests (a conftest is not imported)."""

    HQ_URL = HQ_URL
    AppTransport = AppTransport
    Faulty = Faulty
    own_events = staticmethod(own_events)
    hq_events = staticmethod(hq_events)
    assert_chain = staticmethod(assert_chain)
    synced_seqs = staticmethod(synced_seqs)
    hq_acked = staticmethod(hq_acked)
    pushed_events = staticmethod(pushed_events)
    is_push = staticmethod(is_push)
