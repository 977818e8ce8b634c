"""The connectivity watcher: it waits for HQ with backoff, syncs by itself, and stops cleanly.

The probe goes over the in-process HQ's line (``tests/ui/hq_driver.py``) and
the waits are milliseconds, so nothing sleeps.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from pytestqt.qtbot import QtBot

from fieldapp.profile import Profile
from fieldapp.store.syncstate import SyncState, read_summary
from tests.ui.hq_driver import InProcessHq
from ui.context import UiContext
from ui.status import StatusBar
from ui.sync_run import ROUTED, WriterSyncState
from ui.sync_watch import IDLE, RETRY, UNREACHABLE, SyncWatcher, WatchPolicy

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

FAST = WatchPolicy(idle_seconds=0.05, first_retry_seconds=0.02, max_retry_seconds=0.08)
NOON = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


@pytest.fixture
def sync_ctx(ctx: UiContext, hq: InProcessHq) -> UiContext:
    ctx.sync_client = hq.client
    return ctx


class Probe:
    """Counts the probes and answers through the in-process HQ's line."""

    def __init__(self, hq: InProcessHq) -> None:
        self.hq = hq
        self.calls = 0

    def __call__(self, url: str) -> bool:
        self.calls += 1
        return self.hq.probe(url)


def _watcher(ctx: UiContext, probe: Probe, qtbot: QtBot) -> SyncWatcher:
    watcher = SyncWatcher(ctx, probe, policy=FAST, clock=lambda: NOON, rng=random.Random(2))
    ctx.watcher = watcher
    return watcher


def _waiting(ctx: UiContext) -> int:
    return read_summary(ctx.ui_conn).waiting


def test_it_waits_for_hq_then_syncs_by_itself(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    sync_ctx.writer.call(hq.enroll)
    waiting = _waiting(sync_ctx)
    assert waiting > 0
    hq.line.up = False
    probe = Probe(hq)
    watcher = _watcher(sync_ctx, probe, qtbot)
    bar = StatusBar(sync_ctx)
    qtbot.addWidget(bar)
    bar.show()

    watcher.start()
    qtbot.waitUntil(lambda: watcher.failures >= 3, timeout=5000)
    assert watcher.state in (UNREACHABLE, "probing")
    qtbot.waitUntil(lambda: watcher.state == UNREACHABLE)
    next_try = watcher.next_try_at
    assert next_try is not None and next_try > NOON
    at = next_try.astimezone().strftime("%H:%M")
    qtbot.waitUntil(lambda: bar.sync_label.text() == f"HQ not reachable; next try at {at}")
    assert bar.sync_label.isVisible()
    assert _waiting(sync_ctx) == waiting
    assert hq.line.count("/push") == 0  # only probes while HQ is away

    finished: list[object] = []
    sync_ctx.sync.finished.connect(finished.append)
    hq.line.up = True
    qtbot.waitUntil(lambda: _waiting(sync_ctx) == 0, timeout=10_000)
    qtbot.waitUntil(lambda: watcher.state == IDLE)
    assert watcher.failures == 0
    assert len(finished) == 1
    qtbot.waitUntil(lambda: not bar.sync_label.isVisible())

    watcher.stop()
    assert not watcher._timer.isActive()
    watcher.check_soon()  # asked after the end: nothing starts
    assert not watcher._timer.isActive()


def test_the_waits_grow_with_jitter_up_to_a_ceiling() -> None:
    policy = WatchPolicy(first_retry_seconds=10, max_retry_seconds=100)
    rng = random.Random(7)
    waits = [policy.backoff(n, rng) for n in range(1, 8)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(100, 10 * 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert len(set(waits)) == len(waits)


def test_nothing_is_probed_before_enrollment_or_when_nothing_waits(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    probe = Probe(hq)
    watcher = _watcher(sync_ctx, probe, qtbot)
    looks: list[str] = []
    watcher.changed.connect(lambda: looks.append(watcher.state))
    watcher.start()
    qtbot.waitUntil(lambda: len(looks) >= 3)  # looked three times, every time idle
    assert set(looks) == {IDLE}
    assert probe.calls == 0

    def enroll_and_sync(profile: Profile) -> None:
        hq.enroll(profile)
        with hq.client(profile) as client:
            assert client.sync().error is None

    watcher.stop()
    sync_ctx.writer.call(enroll_and_sync)
    watcher = _watcher(sync_ctx, probe, qtbot)
    looks.clear()
    watcher.changed.connect(lambda: looks.append(watcher.state))
    watcher.start()
    qtbot.waitUntil(lambda: len(looks) >= 3)
    assert set(looks) == {IDLE}
    assert probe.calls == 0
    watcher.stop()


def test_an_idle_laptop_checks_in_with_hq_and_hears_of_its_revocation(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    def enroll_and_sync(profile: Profile) -> str:
        hq.enroll(profile)
        with hq.client(profile) as client:
            assert client.sync().error is None
        return profile.store.device.device_id

    device_id = sync_ctx.writer.call(enroll_and_sync)
    assert _waiting(sync_ctx) == 0
    hq.hq.revoke(device_id, "reported stolen", wipe=False)
    last = read_summary(sync_ctx.ui_conn).last_success_at
    assert last is not None
    moments = [dt.datetime.fromisoformat(last) + dt.timedelta(minutes=10)]
    probe = Probe(hq)
    watcher = SyncWatcher(
        sync_ctx, probe, policy=FAST, clock=lambda: moments[0], rng=random.Random(2)
    )
    sync_ctx.watcher = watcher
    ended: list[Any] = []
    sync_ctx.sync.finished.connect(ended.append)
    watcher.start()
    qtbot.wait(300)
    assert probe.calls == 0 and ended == []  # nothing waits, and HQ was heard from lately

    moments[0] += dt.timedelta(minutes=25)  # 35 minutes since the last good sync
    qtbot.waitUntil(lambda: len(ended) == 1, timeout=10_000)
    assert probe.calls == 1 and ended[0].revoked
    assert read_summary(sync_ctx.ui_conn).revoked
    qtbot.wait(300)
    assert probe.calls == 1  # a revoked laptop is not probed again
    watcher.stop()


def test_a_sync_that_fails_after_hq_answered_is_tried_again_later(
    sync_ctx: UiContext, hq: InProcessHq, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_ctx.writer.call(hq.enroll)
    # HQ answers its health check, but the connection breaks on the way to pushing.
    probe = Probe(hq)
    original = hq.line.handle_request

    def push_breaks(request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("/push") and not pushes_work.is_set():
            raise httpx2.ReadError("connection reset", request=request)
        return original(request)

    pushes_work = threading.Event()
    monkeypatch.setattr(hq.line, "handle_request", push_breaks)
    watcher = _watcher(sync_ctx, probe, qtbot)
    watcher.start()
    qtbot.waitUntil(lambda: watcher.state == RETRY, timeout=10_000)
    assert read_summary(sync_ctx.ui_conn).last_failure is not None
    pushes_work.set()
    qtbot.waitUntil(lambda: _waiting(sync_ctx) == 0, timeout=10_000)
    qtbot.waitUntil(lambda: watcher.state == IDLE)
    watcher.stop()


def test_every_sync_state_method_runs_on_the_writer_thread(
    ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    public = {
        name
        for name, member in vars(SyncState).items()
        if not name.startswith("_") and callable(member)
    }
    assert public and set(ROUTED) == public
    state = WriterSyncState(ctx.writer.profile.store, ctx.writer)
    seen: list[str] = []
    original = ctx.writer.profile.store.transaction

    def watched():  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(ctx.writer.profile.store, "transaction", watched)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(state.record_failure("x")))
    worker.start()
    worker.join(10)
    assert outcome == [None]
    assert seen and all(name.startswith("writer") for name in seen)
    assert read_summary(ctx.ui_conn).last_failure == "x"
