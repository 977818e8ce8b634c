"""Sync under faults: dropped connections, a busy HQ, lost answers, refusals, too-large batches.

Whatever fails, the end state is the same: HQ holds each of the device's
events exactly once, and the device marks as synced exactly what HQ holds.
Nothing here sleeps: the clients' waits are recorded instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx2
import pytest

from fieldapp.store.store import Store
from sync.client import RetryPolicy, SyncClient
from sync.hq.service import Headquarters
from sync.protocol import PROTOCOL_HEADER


def _assert_exactly_once(store: Store, hq: Headquarters, helpers: Any) -> None:
    mine = helpers.own_events(store)
    held = helpers.hq_events(hq, store.device.device_id)
    assert [(e.id, e.hash) for e in held] == [(e.id, e.hash) for e in mine]
    helpers.assert_chain(held, store.device.public_hex)
    assert helpers.hq_acked(hq, store.device.device_id) == (len(mine), mine[-1].hash)
    assert helpers.synced_seqs(store) == list(range(1, len(mine) + 1))
    assert store.verify().ok


@pytest.fixture
def records(make_finalized: Callable[..., Any], enrolled: SyncClient) -> int:
    """Three finalized encounters with seizures on the enrolled device; their event count."""
    for _ in range(3):
        make_finalized()
    return int(enrolled.state.summary().waiting)


@pytest.mark.parametrize("fault", ["connect", "timeout", "503"])
def test_the_first_failures_are_retried_and_the_sync_ends_consistent(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sleeps: list[float],
    sync_helpers: Any,
    fault: str,
) -> None:
    faulty = sync_helpers.Faulty(transport, lambda _request, n: fault if n <= 3 else None)
    report = make_client(transport=faulty).sync()
    assert report.ok, report.sentence()
    assert [f for *_, f in faulty.calls[:4]] == [fault, fault, fault, None]
    assert len(sleeps) == 3
    if fault == "503":
        assert sleeps == [7.0, 7.0, 7.0]  # HQ's Retry-After
    else:
        # Exponential backoff with jitter: each wait within [ceiling/2, ceiling].
        for failed, wait in enumerate(sleeps, start=1):
            ceiling = 0.5 * 2 ** (failed - 1)
            assert ceiling / 2 <= wait <= ceiling
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_failures_on_every_step_are_each_retried(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sync_helpers: Any,
) -> None:
    # Every other request fails once: health, push, attachments, pull all see a fault.
    faulty = sync_helpers.Faulty(transport, lambda _request, n: "connect" if n % 2 else None)
    report = make_client(transport=faulty).sync()
    assert report.ok, report.sentence()
    paths = {p.rsplit("/", 1)[-1] for _, p, f in faulty.calls if f == "connect"}
    assert paths == {"health", "push", "attachments", "pull"}
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_when_hq_stays_unreachable_the_sync_says_so_and_what_waits(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sleeps: list[float],
    sync_helpers: Any,
) -> None:
    down = sync_helpers.Faulty(transport, lambda _request, _n: "connect")
    client = make_client(transport=down, retry=RetryPolicy(attempts=4))
    report = client.sync()
    assert not report.ok and len(down.calls) == 4 and len(sleeps) == 3
    assert report.error is not None and "cannot be reached" in report.error
    assert report.sentence() == (
        f"Sync failed: {report.error.rstrip('.')}. {records} events still wait for HQ."
    )
    summary = client.state.summary()
    assert summary.last_failure == report.error and summary.last_success_at is None
    assert sync_helpers.hq_events(hq, tmp_store.device.device_id) == []

    healed = make_client().sync()
    assert healed.ok
    assert client.state.summary().last_failure is None
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_a_push_answer_lost_after_hq_committed_is_sent_again_as_duplicates(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sync_helpers: Any,
) -> None:
    dropped: list[int] = []

    def rule(request: httpx2.Request, n: int) -> str | None:
        if sync_helpers.is_push(request) and not dropped:
            dropped.append(n)
            return "drop"
        return None

    faulty = sync_helpers.Faulty(transport, rule)
    report = make_client(transport=faulty).sync()
    assert report.ok, report.sentence()
    # The retry found everything already at HQ.
    assert (report.accepted, report.duplicates) == (0, records)
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_answers_lost_on_every_try_leave_the_events_waiting_and_the_next_sync_ends_exactly_once(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sync_helpers: Any,
) -> None:
    faulty = sync_helpers.Faulty(
        transport, lambda request, _n: "drop" if sync_helpers.is_push(request) else None
    )
    first = make_client(transport=faulty).sync()
    assert not first.ok
    assert first.error is not None and "the connection broke" in first.error
    # HQ committed every try; the device marked nothing, since it never heard so.
    assert len(sync_helpers.hq_events(hq, tmp_store.device.device_id)) == records
    assert sync_helpers.synced_seqs(tmp_store) == []
    assert first.waiting == records

    second = make_client().sync()
    assert second.ok, second.sentence()
    assert (second.accepted, second.duplicates) == (0, records)
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_a_lost_pull_answer_is_asked_again_and_nothing_is_taken_twice(
    records: int,
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    reference: Any,
    sync_helpers: Any,
) -> None:
    assert enrolled.sync().ok
    hq.publish_reference(reference.model_copy(update={"version": reference.version + 1}))
    pulls: list[int] = []

    def rule(request: httpx2.Request, n: int) -> str | None:
        if request.url.path.endswith("/pull") and not pulls:
            pulls.append(n)
            return "drop"
        return None

    report = make_client(transport=sync_helpers.Faulty(transport, rule)).sync()
    assert report.ok and report.pulled == 1
    assert enrolled.state.pull_cursor() == 1
    assert tmp_store.verify().ok


def test_a_lost_enrollment_answer_is_retried_with_the_same_code(
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    make_finalized: Callable[..., Any],
    sync_helpers: Any,
) -> None:
    lost: list[int] = []

    def rule(request: httpx2.Request, n: int) -> str | None:
        if request.url.path.endswith("/enroll") and not lost:
            lost.append(n)
            return "drop"
        return None

    client = make_client(transport=sync_helpers.Faulty(transport, rule))
    client.enroll(sync_helpers.HQ_URL, hq.make_enroll_code("lane 4").code)
    make_finalized()
    # The token kept is the one from the answer that arrived; the lost one is void.
    assert make_client().sync().ok
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_a_batch_too_large_for_hq_is_split_and_sent_in_smaller_ones(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    hq: Headquarters,
    tmp_store: Store,
    sync_helpers: Any,
) -> None:
    sizes: list[int] = []
    encodings: set[str | None] = set()

    def rule(request: httpx2.Request, _n: int) -> str | None:
        if not sync_helpers.is_push(request):
            return None
        encodings.add(request.headers.get("Content-Encoding"))
        count = len(sync_helpers.pushed_events(request))
        sizes.append(count)
        return "413" if count > 2 else None

    report = make_client(transport=sync_helpers.Faulty(transport, rule)).sync()
    assert report.ok, report.sentence()
    assert sizes[0] == records and max(s for s in sizes if s <= 2) <= 2
    assert encodings == {"gzip"}
    assert report.accepted == records
    _assert_exactly_once(tmp_store, hq, sync_helpers)


def test_one_event_too_large_for_hq_stops_the_push_with_a_sentence(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    sync_helpers: Any,
) -> None:
    always = sync_helpers.Faulty(
        transport, lambda request, _n: "413" if sync_helpers.is_push(request) else None
    )
    report = make_client(transport=always).sync()
    assert report.error is not None
    assert report.error.startswith("Event #1 (") and "larger than HQ accepts" in report.error
    assert report.waiting == records


def test_a_revoked_device_is_told_so_and_remembers_it(
    records: int, enrolled: SyncClient, hq: Headquarters, tmp_store: Store, sleeps: list[float]
) -> None:
    hq.revoke(tmp_store.device.device_id, "reported stolen", wipe=False)
    report = enrolled.sync()
    assert not report.ok and report.revoked
    assert report.error is not None
    assert "revoked by HQ" in report.error and "reported stolen" in report.error
    assert "This device is locked." in report.sentence()
    assert report.records_wiped is None and not report.wipe_requested
    assert sleeps == []  # a refusal is not retried
    summary = enrolled.state.summary()
    # HQ's own reason and time replace what the refusal said.
    assert summary.revoked and summary.revoked_reason == "reported stolen"
    assert summary.wipe_requested is False and summary.wipe is None
    assert summary.waiting == records  # nothing was removed


def test_an_unknown_token_asks_for_a_new_enrollment(
    records: int, make_client: Callable[..., SyncClient], enrolled: SyncClient
) -> None:
    report = make_client(token="not-the-token").sync()
    assert report.error is not None and "enroll the device again" in report.error


def test_another_protocol_version_says_update_needed(
    records: int,
    make_client: Callable[..., SyncClient],
    transport: Any,
    enrolled: SyncClient,
    sleeps: list[float],
) -> None:
    class OldProgram(httpx2.BaseTransport):
        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            request.headers[PROTOCOL_HEADER] = "0"
            return transport.handle_request(request)  # type: ignore[no-any-return]

    report = make_client(transport=OldProgram()).sync()
    assert report.error is not None and "Update needed" in report.error
    assert sleeps == []


def test_a_device_not_enrolled_is_told_to_enroll(
    make_client: Callable[..., SyncClient], make_finalized: Callable[..., Any]
) -> None:
    make_finalized()
    report = make_client().sync()
    assert report.error is not None and "not enrolled with HQ" in report.error
    assert not report.ok


def test_another_server_at_the_enrolled_address_is_refused(
    records: int,
    enrolled: SyncClient,
    make_client: Callable[..., SyncClient],
    tmp_path: Any,
    clock: Any,
    sync_helpers: Any,
) -> None:
    from sync.hq.app import create_app

    with Headquarters.open(str(tmp_path / "impostor.db"), clock=clock) as impostor:
        transport = sync_helpers.AppTransport(create_app(impostor))
        try:
            report = make_client(transport=transport).sync()
        finally:
            transport.close()
    assert report.error is not None and "not the HQ this device enrolled with" in report.error
    assert report.pushed == 0
